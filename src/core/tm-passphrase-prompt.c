/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A passphrase asked on the terminal: echo off while it is typed, and back
 * on afterwards whatever happens — an error, Ctrl+C, a kill — so that the
 * terminal is never left blind. */
#define G_LOG_DOMAIN "tm-passphrase-prompt"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tm-passphrase-prompt.h"

/* Longer is not a passphrase but something pasted by mistake. */
#define MAX_LENGTH 1024

/* The signals that end a program at the terminal: each puts the terminal
 * back, then ends it as it would have. */
static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define N_CAUGHT G_N_ELEMENTS (caught_signals)

/* For the signal handler: what to put back, and where. */
static volatile sig_atomic_t restore_fd = -1;
static struct termios restore_termios;
static struct sigaction previous_actions[N_CAUGHT];

static void
on_signal (int signal_number)
{
  int saved_errno = errno;

  if (restore_fd >= 0)
    tcsetattr (restore_fd, TCSAFLUSH, &restore_termios);
  restore_fd = -1;
  for (guint i = 0; i < N_CAUGHT; i++)
    if (caught_signals[i] == signal_number)
      sigaction (signal_number, &previous_actions[i], NULL);
  errno = saved_errno;
  raise (signal_number);
}

static void
catch_signals (void)
{
  struct sigaction action = { 0 };

  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < N_CAUGHT; i++)
    sigaction (caught_signals[i], &action, &previous_actions[i]);
}

static void
release_signals (void)
{
  for (guint i = 0; i < N_CAUGHT; i++)
    sigaction (caught_signals[i], &previous_actions[i], NULL);
}

static void
write_text (int         fd,
            const char *text)
{
  gsize length = strlen (text);

  while (length > 0)
    {
      ssize_t written = write (fd, text, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return;
      text += written;
      length -= (gsize) written;
    }
}

/* One line from @fd, without its line end; NULL at the end of input. */
static char *
read_line (int      fd,
           GError **error)
{
  char *line = sodium_malloc (MAX_LENGTH + 1);
  gsize length = 0;

  if (line == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is not enough memory to read the "
                                                                   "passphrase. Close other programs, then "
                                                                   "try again."));
      return NULL;
    }
  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 && length == 0)
        {
          sodium_free (line);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("No passphrase was typed, so nothing was done."));
          return NULL;
        }
      if (n <= 0 || c == '\n')
        break;
      if (length == MAX_LENGTH)
        {
          sodium_free (line);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("That passphrase is longer than %d characters. Type a shorter one."), MAX_LENGTH);
          return NULL;
        }
      line[length++] = c;
    }
  if (length > 0 && line[length - 1] == '\r')
    length--;
  line[length] = '\0';
  {
    char *copy = g_strndup (line, length);

    sodium_free (line);
    return copy;
  }
}

/* Asks @prompt on @fd with the echo off, and puts it back. */
static char *
ask (int          fd,
     const char  *prompt,
     GError     **error)
{
  struct termios quiet;
  gboolean is_terminal = tcgetattr (fd, &restore_termios) == 0;
  char *line;

  /* The echo goes off before the prompt shows, so that nothing typed
   * after the prompt appears. */
  if (is_terminal)
    {
      quiet = restore_termios;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      /* The line end still shows, so the next line starts below. */
      quiet.c_lflag |= ECHONL;
      restore_fd = fd;
      catch_signals ();
      tcsetattr (fd, TCSAFLUSH, &quiet);
    }
  write_text (fd, prompt);
  line = read_line (fd, error);
  if (is_terminal)
    {
      tcsetattr (fd, TCSAFLUSH, &restore_termios);
      restore_fd = -1;
      release_signals ();
    }
  return line;
}

/**
 * tm_passphrase_prompt_read_from:
 * @terminal: a terminal's descriptor, read and written
 *
 * Asks for the passphrase on @terminal, without showing it; for
 * %TM_PASSPHRASE_PROMPT_NEW twice, and the two must be the same.
 *
 * Returns: (transfer full): the passphrase (free it with
 *   tm_passphrase_prompt_free()), or %NULL with a sentence in @error
 */
char *
tm_passphrase_prompt_read_from (int                      terminal,
                                TmPassphrasePromptMode   mode,
                                GError                 **error)
{
  char *first;
  char *again;
  gboolean same;

  /* libsodium's guarded memory holds what is typed. */
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Encryption is not available on this computer."));
      return NULL;
    }
  first = ask (terminal, _("Passphrase: "), error);

  if (first == NULL || mode == TM_PASSPHRASE_PROMPT_ASK)
    return first;
  again = ask (terminal, _("The same passphrase again: "), error);
  if (again == NULL)
    {
      tm_passphrase_prompt_free (first);
      return NULL;
    }
  same = g_str_equal (first, again);
  tm_passphrase_prompt_free (again);
  if (!same)
    {
      tm_passphrase_prompt_free (first);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The two passphrases are not the same, so nothing was written. Try again, typing "
                             "the same passphrase twice."));
      return NULL;
    }
  return first;
}

/**
 * tm_passphrase_prompt_read:
 *
 * The passphrase from %TM_PASSPHRASE_VARIABLE when it is set, otherwise
 * asked on the terminal (tm_passphrase_prompt_read_from()). Without
 * either, a sentence saying to set the variable.
 *
 * Returns: (transfer full): the passphrase, or %NULL with @error
 */
char *
tm_passphrase_prompt_read (TmPassphrasePromptMode   mode,
                           GError                 **error)
{
  const char *given = g_getenv (TM_PASSPHRASE_VARIABLE);
  char *passphrase;
  int terminal;

  if (given != NULL)
    return g_strdup (given);

  terminal = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (terminal < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no terminal to ask the passphrase on. Set %s to it, for example in a script."),
                   TM_PASSPHRASE_VARIABLE);
      return NULL;
    }
  passphrase = tm_passphrase_prompt_read_from (terminal, mode, error);
  close (terminal);
  return passphrase;
}

/* Wipes the passphrase from memory, then frees it. */
void
tm_passphrase_prompt_free (char *passphrase)
{
  if (passphrase == NULL)
    return;
  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}
