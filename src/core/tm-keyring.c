/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The backup key in the keyring. libsecret keeps it as a password: the
 * key's 32 bytes in hex, in memory that is never swapped out, wiped once
 * read. Any Tidemark backup key will do for new backups; a sealed file
 * asks for its own by fingerprint. */
#define G_LOG_DOMAIN "tm-keyring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <sodium.h>
#include <string.h>

#include "tm-keyring.h"

#define ATTRIBUTE_FINGERPRINT "fingerprint"

G_DEFINE_QUARK (tm-keyring-error-quark, tm_keyring_error)

static const SecretSchema *
backup_key_schema (void)
{
  static const SecretSchema schema = {
    TM_KEYRING_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_FINGERPRINT, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* TM_KEYRING=memory: the keys of this process, for tests and machines
 * without a keyring. */
static GMutex memory_lock;
static GPtrArray *memory_keys;

static gboolean
uses_memory (void)
{
  return g_strcmp0 (g_getenv ("TM_KEYRING"), "memory") == 0;
}

static TmCryptKey *
copy_key (const TmCryptKey *key)
{
  return tm_crypt_key_new_from_bytes (tm_crypt_key_get_bytes (key), TM_CRYPT_KEY_BYTES, NULL);
}

/* The key with @fingerprint kept in memory, or any when %NULL. */
static TmCryptKey *
memory_lookup (const char *fingerprint)
{
  TmCryptKey *found = NULL;

  g_mutex_lock (&memory_lock);
  for (guint i = 0; memory_keys != NULL && i < memory_keys->len && found == NULL; i++)
    {
      g_autofree char *print = tm_crypt_key_get_fingerprint (memory_keys->pdata[i]);

      if (fingerprint == NULL || g_str_equal (print, fingerprint))
        found = copy_key (memory_keys->pdata[i]);
    }
  g_mutex_unlock (&memory_lock);
  return found;
}

static void
memory_store (const TmCryptKey *key)
{
  g_autofree char *fingerprint = tm_crypt_key_get_fingerprint (key);
  g_autoptr(TmCryptKey) kept = memory_lookup (fingerprint);

  if (kept != NULL)
    return;
  g_mutex_lock (&memory_lock);
  if (memory_keys == NULL)
    memory_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_crypt_key_free);
  g_ptr_array_add (memory_keys, copy_key (key));
  g_mutex_unlock (&memory_lock);
}

/**
 * tm_keyring_clear_memory_for_testing:
 *
 * Forgets the keys kept in memory, as if Tidemark had quit.
 */
void
tm_keyring_clear_memory_for_testing (void)
{
  g_mutex_lock (&memory_lock);
  g_clear_pointer (&memory_keys, g_ptr_array_unref);
  g_mutex_unlock (&memory_lock);
}

static void
set_unavailable (GError       **error,
                 const GError  *cause)
{
  g_set_error (error, TM_KEYRING_ERROR, TM_KEYRING_ERROR_UNAVAILABLE,
               _("The keyring can’t be reached or is locked (%s). Unlock it, or choose a passphrase for "
                 "backups in Preferences."),
               cause != NULL ? cause->message : _("no keyring is running"));
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, TM_KEYRING_ERROR, TM_KEYRING_ERROR_NOT_FOUND,
                       _("The key of this backup is not in the keyring. Enter its recovery code."));
}

/* The key libsecret gave back as hex; @secret is freed and wiped. */
static TmCryptKey *
key_of_secret (char    *secret,
               GError **error)
{
  guint8 bytes[TM_CRYPT_KEY_BYTES];
  size_t length = 0;
  TmCryptKey *key = NULL;

  if (sodium_hex2bin (bytes, sizeof bytes, secret, strlen (secret), NULL, &length, NULL) == 0 &&
      length == sizeof bytes)
    key = tm_crypt_key_new_from_bytes (bytes, sizeof bytes, error);
  else
    g_set_error_literal (error, TM_KEYRING_ERROR, TM_KEYRING_ERROR_NOT_FOUND,
                         _("The backup key in the keyring is damaged. Enter its recovery code."));
  sodium_memzero (bytes, sizeof bytes);
  secret_password_free (secret);
  return key;
}

/* Whatever libsecret says after a lookup: a key, none, or no keyring. */
static TmCryptKey *
finish_lookup (char     *secret,
               GError   *secret_error,
               GError  **error)
{
  g_autoptr(GError) cause = secret_error;

  if (cause != NULL)
    {
      set_unavailable (error, cause);
      return NULL;
    }
  if (secret == NULL)
    {
      set_not_found (error);
      return NULL;
    }
  return key_of_secret (secret, error);
}

/**
 * tm_keyring_lookup_key:
 * @fingerprint: (nullable): the key's fingerprint; %NULL for any backup key
 *
 * Returns: (transfer full): the key, or %NULL with
 *   %TM_KEYRING_ERROR_NOT_FOUND or %TM_KEYRING_ERROR_UNAVAILABLE
 */
TmCryptKey *
tm_keyring_lookup_key (const char    *fingerprint,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GError *secret_error = NULL;
  char *secret;

  if (uses_memory ())
    {
      TmCryptKey *key = memory_lookup (fingerprint);

      if (key == NULL)
        set_not_found (error);
      return key;
    }
  if (fingerprint != NULL)
    secret = secret_password_lookup_nonpageable_sync (backup_key_schema (), cancellable, &secret_error,
                                                      ATTRIBUTE_FINGERPRINT, fingerprint, NULL);
  else
    secret = secret_password_lookup_nonpageable_sync (backup_key_schema (), cancellable, &secret_error, NULL);
  return finish_lookup (secret, secret_error, error);
}

static char *
hex_of_key (const TmCryptKey *key)
{
  char *hex = sodium_init () >= 0 ? sodium_malloc (TM_CRYPT_KEY_BYTES * 2 + 1) : NULL;

  if (hex != NULL)
    sodium_bin2hex (hex, TM_CRYPT_KEY_BYTES * 2 + 1, tm_crypt_key_get_bytes (key), TM_CRYPT_KEY_BYTES);
  return hex;
}

/**
 * tm_keyring_store_key:
 *
 * Keeps @key in the keyring, named by its fingerprint.
 */
gboolean
tm_keyring_store_key (const TmCryptKey  *key,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) cause = NULL;
  char *hex;
  gboolean stored;

  g_return_val_if_fail (key != NULL, FALSE);

  if (uses_memory ())
    {
      memory_store (key);
      return TRUE;
    }
  if ((hex = hex_of_key (key)) == NULL)
    {
      set_unavailable (error, NULL);
      return FALSE;
    }
  fingerprint = tm_crypt_key_get_fingerprint (key);
  stored = secret_password_store_sync (backup_key_schema (), SECRET_COLLECTION_DEFAULT, _("Tidemark backup key"),
                                       hex, cancellable, &cause, ATTRIBUTE_FINGERPRINT, fingerprint, NULL);
  sodium_free (hex);
  if (!stored)
    set_unavailable (error, cause);
  return stored;
}

/**
 * tm_keyring_get_or_create_key:
 * @created: (out) (optional): whether the key was made now, so that its
 *   recovery code can be shown
 *
 * Returns: (transfer full): a backup key from the keyring, made and kept
 *   there first when it has none; %NULL when there is no keyring
 */
TmCryptKey *
tm_keyring_get_or_create_key (gboolean      *created,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TmCryptKey) key = tm_keyring_lookup_key (NULL, cancellable, &local_error);

  if (created != NULL)
    *created = FALSE;
  if (key != NULL)
    return g_steal_pointer (&key);
  if (!g_error_matches (local_error, TM_KEYRING_ERROR, TM_KEYRING_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  key = tm_crypt_key_new_random ();
  if (key == NULL)
    {
      set_unavailable (error, NULL);
      return NULL;
    }
  if (!tm_keyring_store_key (key, cancellable, error))
    return NULL;
  if (created != NULL)
    *created = TRUE;
  return g_steal_pointer (&key);
}

/* Asynchronous variants. libsecret's own for the lookups, so that a
 * keyring asking to be unlocked never holds up the main loop; storing
 * a new key runs in a thread. */

static void
on_lookup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *secret_error = NULL;
  GError *error = NULL;
  char *secret = secret_password_lookup_nonpageable_finish (result, &secret_error);
  TmCryptKey *key = finish_lookup (secret, secret_error, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) tm_crypt_key_free);
}

/**
 * tm_keyring_lookup_key_async:
 * @fingerprint: (nullable): as tm_keyring_lookup_key()
 */
void
tm_keyring_lookup_key_async (const char          *fingerprint,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tm_keyring_lookup_key_async);
  if (uses_memory ())
    {
      GError *error = NULL;
      TmCryptKey *key = tm_keyring_lookup_key (fingerprint, cancellable, &error);

      if (key == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, key, (GDestroyNotify) tm_crypt_key_free);
      g_object_unref (task);
      return;
    }
  if (fingerprint != NULL)
    secret_password_lookup (backup_key_schema (), cancellable, on_lookup_done_cb, task, ATTRIBUTE_FINGERPRINT,
                            fingerprint, NULL);
  else
    secret_password_lookup (backup_key_schema (), cancellable, on_lookup_done_cb, task, NULL);
}

TmCryptKey *
tm_keyring_lookup_key_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_or_create_in_thread (GTask        *task,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  gboolean *created = task_data;
  GError *error = NULL;
  TmCryptKey *key = tm_keyring_get_or_create_key (created, cancellable, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) tm_crypt_key_free);
}

void
tm_keyring_get_or_create_key_async (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tm_keyring_get_or_create_key_async);
  g_task_set_task_data (task, g_new0 (gboolean, 1), g_free);
  g_task_run_in_thread (task, get_or_create_in_thread);
}

TmCryptKey *
tm_keyring_get_or_create_key_finish (GAsyncResult  *result,
                                     gboolean      *created,
                                     GError       **error)
{
  TmCryptKey *key = g_task_propagate_pointer (G_TASK (result), error);

  if (created != NULL)
    *created = key != NULL && *(gboolean *) g_task_get_task_data (G_TASK (result));
  return key;
}
