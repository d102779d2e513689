/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What encrypted backups need from the person, and when (DESIGN.md,
 * Private and exchangeable). The keyring's key is fetched (or made, and
 * its recovery code shown) without holding up the main loop; a passphrase
 * is asked once a session, kept in memory libsodium guards, never
 * written. When neither can be had, no backup is made: never a plain one
 * in place of an encrypted one. Restoring asks for what the backup's
 * header names; sealing and opening run in a thread (Argon2id is slow on
 * purpose). */
#define G_LOG_DOMAIN "tm-backup-keys"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "tm-backup-keys.h"
#include "tm-crypt.h"
#include "tm-keyring.h"
#include "tm-passphrase-dialog.h"
#include "tm-recovery-code-dialog.h"
#include "tm-store-backup.h"
#include "tm-time.h"

/* This session's backup passphrase, or NULL: main thread only. */
static char *session_passphrase;

static char *
secret_strdup (const char *text)
{
  gsize length = strlen (text);
  char *copy;

  if (sodium_init () < 0 || (copy = sodium_malloc (length + 1)) == NULL)
    g_error ("No guarded memory for a passphrase");
  memcpy (copy, text, length + 1);
  return copy;
}

static void
secret_free (char *text)
{
  if (text != NULL)
    sodium_free (text);
}

/**
 * tm_backup_keys_forget_passphrase:
 *
 * Forgets this session's backup passphrase (when another key source is
 * chosen, and in tests): the next encrypted backup asks again.
 */
void
tm_backup_keys_forget_passphrase (void)
{
  g_clear_pointer (&session_passphrase, secret_free);
}

/* A key or a passphrase, owned: what a TmBackupSeal points into. */
typedef struct
{
  TmCryptKey *key;
  char       *passphrase;
} Secret;

static Secret *
secret_new (TmCryptKey *key,
            const char *passphrase)
{
  Secret *secret = g_new0 (Secret, 1);

  secret->key = key;
  secret->passphrase = passphrase != NULL ? secret_strdup (passphrase) : NULL;
  return secret;
}

static void
secret_destroy (Secret *secret)
{
  if (secret == NULL)
    return;
  g_clear_pointer (&secret->key, tm_crypt_key_free);
  g_clear_pointer (&secret->passphrase, secret_free);
  g_free (secret);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, secret_destroy)

static TmBackupSeal
seal_of (const Secret *secret)
{
  TmBackupSeal seal = { secret->key, secret->passphrase };

  return seal;
}

/* ---- What the next backup is sealed with ---------------------------- */

static void
return_no_passphrase (GTask *task)
{
  g_task_return_new_error (task, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_PASSPHRASE, "%s",
                           _("No passphrase was given, so no encrypted backup was made. Back Up Now asks "
                             "for one again."));
}

static void
on_key_made_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkWindow *parent = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean created = FALSE;
  TmCryptKey *key = tm_keyring_get_or_create_key_finish (result, &created, &error);

  if (key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A new key: its recovery code, now, while nothing depends on it yet. */
  if (created && parent != NULL)
    {
      g_autofree char *code = tm_crypt_key_to_recovery_code (key);

      gtk_window_present (GTK_WINDOW (tm_recovery_code_dialog_new (parent, code)));
    }
  g_task_return_pointer (task, secret_new (key, NULL), (GDestroyNotify) secret_destroy);
}

static void
on_chosen_cb (TmPassphraseDialog *dialog,
              const char         *passphrase,
              GTask              *task)
{
  tm_backup_keys_forget_passphrase ();
  session_passphrase = secret_strdup (passphrase);
  g_task_return_pointer (task, secret_new (NULL, passphrase), (GDestroyNotify) secret_destroy);
  tm_passphrase_dialog_finish (dialog);
}

static void
on_choose_cancelled_cb (TmPassphraseDialog *dialog,
                        GTask              *task)
{
  return_no_passphrase (task);
}

/* Resolves to the Secret to seal with, or to NULL (no error) for a plain
 * backup. With no @parent, nothing is asked. */
static void
get_seal_async (GSettings           *settings,
                GtkWindow           *parent,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  g_autofree char *source = NULL;
  TmPassphraseDialog *dialog;

  if (settings == NULL || !g_settings_get_boolean (settings, "encrypt-backups"))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  source = g_settings_get_string (settings, "backup-key-source");
  if (g_strcmp0 (source, "passphrase") != 0)
    {
      if (parent != NULL)
        g_task_set_task_data (task, g_object_ref (parent), g_object_unref);
      tm_keyring_get_or_create_key_async (NULL, on_key_made_cb, g_steal_pointer (&task));
      return;
    }
  if (session_passphrase != NULL)
    {
      g_task_return_pointer (task, secret_new (NULL, session_passphrase), (GDestroyNotify) secret_destroy);
      return;
    }
  if (parent == NULL)
    {
      return_no_passphrase (task);
      return;
    }
  dialog = tm_passphrase_dialog_new (parent, TM_PASSPHRASE_DIALOG_NEW, _("Backup Passphrase"),
                                     _("Backups made while Tidemark is open are encrypted with this "
                                       "passphrase. It is asked once each time Tidemark starts, and never "
                                       "stored."),
                                     _("_Use Passphrase"));
  g_signal_connect_data (dialog, "submitted", G_CALLBACK (on_chosen_cb), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  /* Kept alive by the "submitted" handler's reference while the dialog is. */
  g_signal_connect (dialog, "cancelled", G_CALLBACK (on_choose_cancelled_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static Secret *
get_seal_finish (GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tm_backup_keys_is_skipped:
 *
 * Returns: whether @error says a backup was left out for want of its key
 *   or passphrase (rather than failing to be written)
 */
gboolean
tm_backup_keys_is_skipped (const GError *error)
{
  return error != NULL && (error->domain == TM_KEYRING_ERROR ||
                           g_error_matches (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_PASSPHRASE));
}

/**
 * tm_backup_keys_is_skipped_by_keyring:
 *
 * Returns: whether @error says the keyring could not give the key
 */
gboolean
tm_backup_keys_is_skipped_by_keyring (const GError *error)
{
  return error != NULL && error->domain == TM_KEYRING_ERROR;
}

/**
 * tm_backup_keys_prepare_async:
 *
 * Readies what encrypted backups need when they are switched on: the
 * keyring's key (made, and its recovery code shown, if there is none), or
 * this session's passphrase, asked now.
 */
void
tm_backup_keys_prepare_async (GSettings           *settings,
                              GtkWindow           *parent,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  get_seal_async (settings, parent, callback, user_data);
}

gboolean
tm_backup_keys_prepare_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(Secret) secret = NULL;
  GError *local_error = NULL;

  secret = get_seal_finish (result, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Backing up ------------------------------------------------------ */

typedef struct
{
  TmStore  *store;       /* busy while the copy is made */
  char     *data_dir;
  gboolean  only_if_due;
  Secret   *secret;      /* NULL: plain */
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  if (job->store != NULL)
    tm_store_busy_end (job->store);
  g_clear_object (&job->store);
  g_free (job->data_dir);
  secret_destroy (job->secret);
  g_free (job);
}

/* On a connection of its own, while the store is busy (no restore swaps
 * the file meanwhile). */
static void
back_up_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autofree char *today = tm_day_today ();
  g_autoptr(TmStore) store = NULL;
  TmBackupSeal seal = { NULL, NULL };
  GError *error = NULL;
  gboolean made;

  if (job->secret != NULL)
    seal = seal_of (job->secret);
  store = tm_store_open (job->data_dir, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  made = job->only_if_due ? tm_store_back_up_if_due_sealed (store, today, &seal, &error)
                          : tm_store_back_up_now_sealed (store, today, &seal, &error);
  if (!made && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, made);
}

static void
on_seal_for_backup_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BackupJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->secret = get_seal_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The store changes under no restore while the copy is made. */
  job->store = g_object_ref (g_task_get_source_object (task));
  tm_store_busy_begin (job->store);
  g_task_run_in_thread (task, back_up_in_thread);
}

/**
 * tm_backup_keys_back_up_async:
 * @parent: (nullable): where to ask for a passphrase; %NULL: nothing is asked
 * @only_if_due: make the backup only when there is none of today yet
 *
 * Makes today's backup as the settings say: sealed with the keyring's key
 * or this session's passphrase, or plain. Without the key or the
 * passphrase, none is made (see tm_backup_keys_is_skipped()).
 */
void
tm_backup_keys_back_up_async (TmStore             *store,
                              GSettings           *settings,
                              GtkWindow           *parent,
                              gboolean             only_if_due,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (store, NULL, callback, user_data);
  BackupJob *job = g_new0 (BackupJob, 1);

  job->data_dir = g_strdup (tm_store_get_data_dir (store));
  job->only_if_due = only_if_due;
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  get_seal_async (settings, parent, on_seal_for_backup_cb, task);
}

/**
 * tm_backup_keys_back_up_finish:
 *
 * Returns: whether a backup was made; %FALSE without an error when one of
 *   today's was there already
 */
gboolean
tm_backup_keys_back_up_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Opening an encrypted backup to restore it ----------------------- */

typedef struct
{
  char                     *path;
  char                     *fingerprint;
  TmCryptKeySource          source;
  GtkWindow                *parent;
  TmPassphraseDialog       *dialog;   /* while asking */
  gboolean                  cancelled; /* the dialog closed while a try was under way */
} UnsealJob;

static void
unseal_job_free (UnsealJob *job)
{
  g_free (job->path);
  g_free (job->fingerprint);
  g_clear_object (&job->parent);
  g_free (job);
}

static void ask (GTask *task);

static void
unseal_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Secret *secret = task_data;
  TmBackupSeal seal = seal_of (secret);
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;
  TmPendingFile *plain = tm_backups_unseal (path, &seal, &error);

  if (plain == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plain, (GDestroyNotify) tm_pending_file_free);
}

static void
on_unsealed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UnsealJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  TmPendingFile *plain = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled meanwhile: the task has had its answer. */
  if (job->cancelled)
    {
      g_clear_pointer (&plain, tm_pending_file_free);
      return;
    }
  if (plain != NULL)
    {
      if (job->dialog != NULL)
        tm_passphrase_dialog_finish (g_steal_pointer (&job->dialog));
      g_task_return_pointer (task, plain, (GDestroyNotify) tm_pending_file_free);
      return;
    }
  if (job->dialog != NULL)
    {
      /* The dialog stays, with what was typed, and says why. */
      tm_passphrase_dialog_show_error (job->dialog, error->message);
      return;
    }
  /* The session's passphrase or the keyring's key was not this backup's. */
  if (error->domain == TM_CRYPT_ERROR && error->code != TM_CRYPT_ERROR_DAMAGED &&
      error->code != TM_CRYPT_ERROR_VERSION)
    {
      ask (g_steal_pointer (&task));
      return;
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
unseal (GTask  *task,
        Secret *secret)
{
  UnsealJob *job = g_task_get_task_data (task);
  GTask *thread = g_task_new (NULL, NULL, on_unsealed_cb, g_object_ref (task));

  g_object_set_data_full (G_OBJECT (thread), "path", g_strdup (job->path), g_free);
  g_task_set_task_data (thread, secret, (GDestroyNotify) secret_destroy);
  g_task_run_in_thread (thread, unseal_in_thread);
  g_object_unref (thread);
}

static void
on_typed_cb (TmPassphraseDialog *dialog,
             const char         *text,
             GTask              *task)
{
  UnsealJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  TmCryptKey *key;

  if (job->source == TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    {
      unseal (task, secret_new (NULL, text));
      return;
    }
  if ((key = tm_backups_key_from_recovery_code (job->path, text, &error)) == NULL)
    {
      tm_passphrase_dialog_show_error (dialog, error->message);
      return;
    }
  unseal (task, secret_new (key, NULL));
}

static void
on_ask_cancelled_cb (TmPassphraseDialog *dialog,
                     GTask              *task)
{
  UnsealJob *job = g_task_get_task_data (task);

  job->dialog = NULL;
  job->cancelled = TRUE;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("The backup was not restored; nothing was changed."));
}

/* Asks for the passphrase, or the recovery code of the key. */
static void
ask (GTask *task)
{
  UnsealJob *job = g_task_get_task_data (task);

  if (job->source == TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    job->dialog = tm_passphrase_dialog_new (job->parent, TM_PASSPHRASE_DIALOG_ASK, _("Encrypted Backup"),
                                            _("This backup is encrypted with a passphrase. Enter it to "
                                              "restore the backup."),
                                            _("_Open"));
  else
    job->dialog = tm_passphrase_dialog_new (job->parent, TM_PASSPHRASE_DIALOG_RECOVERY_CODE,
                                            _("Encrypted Backup"),
                                            _("The key of this backup is not in the keyring. Enter the "
                                              "recovery code that was shown when the key was made."),
                                            _("_Open"));
  g_signal_connect_data (job->dialog, "submitted", G_CALLBACK (on_typed_cb), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (job->dialog, "cancelled", G_CALLBACK (on_ask_cancelled_cb), task, NULL, 0);
  gtk_window_present (GTK_WINDOW (job->dialog));
  g_object_unref (task);
}

static void
on_key_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  TmCryptKey *key = tm_keyring_lookup_key_finish (result, &error);

  if (key != NULL)
    {
      unseal (task, secret_new (key, NULL));
      g_object_unref (task);
      return;
    }
  g_debug ("No key from the keyring: %s", error->message);
  ask (task);
}

/**
 * tm_backup_keys_unseal_async:
 * @backup: an encrypted backup
 *
 * Opens @backup into a private plain copy: with the keyring's key named
 * in its header, or the recovery code when the keyring has it not, or its
 * passphrase. What was typed wrong is said in the dialog, which stays.
 */
void
tm_backup_keys_unseal_async (GtkWindow           *parent,
                             const char          *backup,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  UnsealJob *job = g_new0 (UnsealJob, 1);
  GError *error = NULL;

  job->path = g_strdup (backup);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) unseal_job_free);
  if (!tm_backups_read_seal (backup, &job->source, &job->fingerprint, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (job->source == TM_CRYPT_KEY_SOURCE_KEY)
    tm_keyring_lookup_key_async (job->fingerprint, NULL, on_key_found_cb, task);
  else if (session_passphrase != NULL)
    {
      unseal (task, secret_new (NULL, session_passphrase));
      g_object_unref (task);
    }
  else
    ask (task);
}

/**
 * tm_backup_keys_unseal_finish:
 *
 * Returns: (transfer full): the opened copy, to restore from its temporary
 *   name; freeing it removes it. %NULL with %G_IO_ERROR_CANCELLED when the
 *   person cancelled.
 */
TmPendingFile *
tm_backup_keys_unseal_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- The recovery code ------------------------------------------------ */

static void
on_key_for_code_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkWindow *parent = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(TmCryptKey) key = tm_keyring_get_or_create_key_finish (result, NULL, &error);
  g_autofree char *code = NULL;

  if (key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  code = tm_crypt_key_to_recovery_code (key);
  gtk_window_present (GTK_WINDOW (tm_recovery_code_dialog_new (parent, code)));
  g_task_return_boolean (task, TRUE);
}

/**
 * tm_backup_keys_show_recovery_code:
 *
 * Shows the recovery code of the keyring's backup key (made first when
 * there is none).
 */
void
tm_backup_keys_show_recovery_code (GtkWindow           *parent,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_task_data (task, g_object_ref (parent), g_object_unref);
  tm_keyring_get_or_create_key_async (NULL, on_key_for_code_cb, task);
}

gboolean
tm_backup_keys_show_recovery_code_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
