/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line: --help and --version answer and exit 0; a bad argument
 * is one line on stderr and exit status 2, before any window or data. */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

static const char *tidemark;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_tidemark (Run        *run,
              const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tidemark);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display: none of this may need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_tidemark (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Tidemark " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_tidemark (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--data-dir=DIR"));
  g_assert_nonnull (strstr (run.out, "--version"));
  g_assert_nonnull (strstr (run.out, "--demo"));
}

static void
test_bad_arguments (void)
{
  const struct { const char *args[3]; const char *says; } cases[] = {
    { { "--bogus", NULL }, "tidemark: Unknown option --bogus\n" },
    { { "--data-dir", NULL }, "tidemark: Missing argument for --data-dir\n" },
    { { "--data-dir=", NULL }, "tidemark: --data-dir needs a folder, for example --data-dir=~/Tidemark\n" },
    { { "notes.txt", NULL }, "tidemark: unexpected argument “notes.txt”; see tidemark --help\n" },
    { { "--version", "extra" }, "tidemark: unexpected argument “extra”; see tidemark --help\n" },
    { { "--demo", "--data-dir=/tmp/x" },
      "tidemark: --demo opens its own throwaway folder, so it can't be used with --data-dir\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_tidemark (&run, cases[i].args[0], cases[i].args[1], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.err, ==, cases[i].says);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_cmpstr (run.out, ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  tidemark = g_getenv ("TIDEMARK_BIN");
  g_assert_nonnull (tidemark);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
