/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encrypted backups: sealed with the keyring's key or a passphrase, they
 * hold nothing readable; they come back with the right key, passphrase or
 * recovery code, and with a wrong one nothing is replaced. The keyring is
 * the documented fake (TM_KEYRING=memory). */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tm-crypt.h"
#include "tm-keyring.h"
#include "tm-store-backup.h"
#include "tm-test-util.h"

#define NOTE "Walked by the river with Sam"
#define DAY "2026-11-20"
#define BACKUP_DAY "2026-11-28"

static TmStore *
store_with_note (const char *dir)
{
  g_autoptr(GError) error = NULL;
  TmStore *store = tm_store_open (dir, &error);
  g_autoptr(TmCheckin) c = tm_checkin_new (DAY);

  g_assert_no_error (error);
  c->mood = 6;
  tm_checkin_set_note (c, NOTE);
  g_assert_true (tm_store_save_checkin (store, c, &error));
  g_assert_no_error (error);
  return store;
}

/* The day's check-in changed after the backup: what a restore undoes. */
static void
change_checkin (TmStore *store)
{
  g_autoptr(TmCheckin) c = tm_checkin_new (DAY);
  g_autoptr(GError) error = NULL;

  c->mood = 2;
  g_assert_true (tm_store_save_checkin (store, c, &error));
}

static int
mood_on_day (TmStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCheckin) c = tm_store_get_checkin (store, DAY, &error);

  g_assert_no_error (error);
  return c != NULL ? c->mood : -1;
}

static char *
backup_path (const char *dir)
{
  return g_build_filename (dir, "tidemark-backup-" BACKUP_DAY ".db", NULL);
}

/* Neither SQLite's header nor the note anywhere in the file's bytes. */
static void
assert_unreadable (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_null (memmem (contents, length, "SQLite format 3", strlen ("SQLite format 3")));
  g_assert_null (memmem (contents, length, NOTE, strlen (NOTE)));
  g_assert_true (memcmp (contents, TM_CRYPT_MAGIC, strlen (TM_CRYPT_MAGIC)) == 0);
  g_assert_true (tm_backups_is_encrypted (path));
}

static guint
count_starting (const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
restore_from (TmStore           *store,
              const char        *path,
              const TmBackupSeal *seal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPendingFile) plain = tm_backups_unseal (path, seal, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plain);
  g_assert_true (tm_store_restore_backup (store, tm_pending_file_get_temporary (plain), NULL, &error));
  g_assert_no_error (error);
}

static void
test_key_round_trip (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = store_with_note (dir);
  g_autofree char *path = backup_path (dir);
  g_autoptr(TmCryptKey) key = tm_crypt_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmBackup) good = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *expected = tm_crypt_key_get_fingerprint (key);
  TmBackupSeal seal = { key, NULL };
  TmCryptKeySource source = 0;

  g_assert_true (tm_store_back_up_now_sealed (store, BACKUP_DAY, &seal, &error));
  g_assert_no_error (error);
  assert_unreadable (path);

  /* Its header names the key; it counts as a good backup to offer. */
  g_assert_true (tm_backups_read_seal (path, &source, &fingerprint, &error));
  g_assert_cmpint (source, ==, TM_CRYPT_KEY_SOURCE_KEY);
  g_assert_cmpstr (fingerprint, ==, expected);
  good = tm_backups_find_good (dir);
  g_assert_nonnull (good);
  g_assert_cmpstr (good->path, ==, path);

  /* Restored as it was; the opened copy goes with its TmPendingFile. */
  change_checkin (store);
  g_assert_cmpint (mood_on_day (store), ==, 2);
  restore_from (store, path, &seal);
  g_assert_cmpint (mood_on_day (store), ==, 6);
  g_assert_cmpuint (count_starting (dir, "tidemark-backup-" BACKUP_DAY ".db.tidemark-tmp-"), ==, 0);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* A backup that is encrypted can't be restored as if it were plain. */
static void
test_encrypted_not_restored_plain (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = store_with_note (dir);
  g_autofree char *path = backup_path (dir);
  g_autoptr(TmCryptKey) key = tm_crypt_key_new_random ();
  g_autoptr(GError) error = NULL;
  TmBackupSeal seal = { key, NULL };

  g_assert_true (tm_store_back_up_now_sealed (store, BACKUP_DAY, &seal, &error));
  change_checkin (store);
  g_assert_false (tm_store_restore_backup (store, path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "encrypted"));
  g_assert_cmpint (mood_on_day (store), ==, 2);
  g_assert_cmpuint (count_starting (dir, "tidemark-replaced-"), ==, 0);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static void
test_passphrase (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = store_with_note (dir);
  g_autofree char *path = backup_path (dir);
  g_autoptr(GError) error = NULL;
  TmBackupSeal seal = { NULL, "correct horse battery" };
  TmBackupSeal wrong = { NULL, "correct horse battery!" };
  TmBackupSeal other_key = { NULL, NULL };
  g_autoptr(TmCryptKey) key = tm_crypt_key_new_random ();
  TmPendingFile *plain;
  TmCryptKeySource source = 0;
  g_autofree char *fingerprint = NULL;

  g_assert_true (tm_store_back_up_now_sealed (store, BACKUP_DAY, &seal, &error));
  g_assert_no_error (error);
  assert_unreadable (path);
  g_assert_true (tm_backups_read_seal (path, &source, &fingerprint, &error));
  g_assert_cmpint (source, ==, TM_CRYPT_KEY_SOURCE_PASSPHRASE);
  change_checkin (store);

  /* Wrong: refused with a sentence, nothing opened, nothing replaced. */
  plain = tm_backups_unseal (path, &wrong, &error);
  g_assert_null (plain);
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_clear_error (&error);
  other_key.key = key;
  g_assert_null (tm_backups_unseal (path, &other_key, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (mood_on_day (store), ==, 2);
  g_assert_cmpuint (count_starting (dir, "tidemark-replaced-"), ==, 0);
  g_assert_cmpuint (count_starting (dir, "tidemark-backup-" BACKUP_DAY ".db.tidemark-tmp-"), ==, 0);

  /* Right: the data as it was. */
  restore_from (store, path, &seal);
  g_assert_cmpint (mood_on_day (store), ==, 6);
  {
    g_autoptr(TmCheckin) c = tm_store_get_checkin (store, DAY, NULL);

    g_assert_cmpstr (c->note, ==, NOTE);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* When the key can't be had, the day's backup is not made: never plain. */
static void
test_too_short_passphrase_makes_nothing (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = store_with_note (dir);
  g_autofree char *path = backup_path (dir);
  g_autoptr(GError) error = NULL;
  TmBackupSeal seal = { NULL, "short" };

  g_assert_false (tm_store_back_up_if_due_sealed (store, BACKUP_DAY, &seal, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_starting (dir, "tidemark-backup-"), ==, 0);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static void
test_keyring_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCryptKey) first = NULL;
  g_autoptr(TmCryptKey) again = NULL;
  g_autoptr(TmCryptKey) found = NULL;
  g_autoptr(TmCryptKey) other = tm_crypt_key_new_random ();
  g_autofree char *print = NULL;
  g_autofree char *print_again = NULL;
  g_autofree char *print_found = NULL;
  g_autofree char *print_other = tm_crypt_key_get_fingerprint (other);
  gboolean created = FALSE;

  tm_keyring_clear_memory_for_testing ();
  first = tm_keyring_get_or_create_key (&created, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  print = tm_crypt_key_get_fingerprint (first);

  /* Made once: the same key after. */
  again = tm_keyring_get_or_create_key (&created, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  print_again = tm_crypt_key_get_fingerprint (again);
  g_assert_cmpstr (print_again, ==, print);

  /* Found by its fingerprint; another's is not there. */
  found = tm_keyring_lookup_key (print, NULL, &error);
  g_assert_no_error (error);
  print_found = tm_crypt_key_get_fingerprint (found);
  g_assert_cmpstr (print_found, ==, print);
  g_assert_cmpmem (tm_crypt_key_get_bytes (found), TM_CRYPT_KEY_BYTES, tm_crypt_key_get_bytes (first),
                   TM_CRYPT_KEY_BYTES);
  g_assert_null (tm_keyring_lookup_key (print_other, NULL, &error));
  g_assert_error (error, TM_KEYRING_ERROR, TM_KEYRING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tm_keyring_store_key (other, NULL, &error));
  g_clear_pointer (&found, tm_crypt_key_free);
  found = tm_keyring_lookup_key (print_other, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  tm_keyring_clear_memory_for_testing ();
}

static void
on_looked_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TmCryptKey **key = user_data;
  g_autoptr(GError) error = NULL;

  *key = tm_keyring_lookup_key_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_made_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TmCryptKey **key = user_data;
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  *key = tm_keyring_get_or_create_key_finish (result, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
}

static void
test_keyring_async (void)
{
  TmCryptKey *made = NULL;
  TmCryptKey *found = NULL;
  g_autofree char *print = NULL;
  g_autofree char *print_found = NULL;

  tm_keyring_clear_memory_for_testing ();
  tm_keyring_get_or_create_key_async (NULL, on_made_cb, &made);
  while (made == NULL)
    g_main_context_iteration (NULL, TRUE);
  print = tm_crypt_key_get_fingerprint (made);
  tm_keyring_lookup_key_async (print, NULL, on_looked_up_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  print_found = tm_crypt_key_get_fingerprint (found);
  g_assert_cmpstr (print_found, ==, print);
  tm_crypt_key_free (made);
  tm_crypt_key_free (found);
  tm_keyring_clear_memory_for_testing ();
}

/* The keyring lost the key (another computer, a new account): the backup
 * opens with the recovery code; a mistyped one is refused, saying so. */
static void
test_recovery_code (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = store_with_note (dir);
  g_autofree char *path = backup_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCryptKey) key = NULL;
  g_autoptr(TmCryptKey) from_code = NULL;
  g_autoptr(TmCryptKey) other = tm_crypt_key_new_random ();
  g_autofree char *code = NULL;
  g_autofree char *mistyped = NULL;
  g_autofree char *other_code = tm_crypt_key_to_recovery_code (other);
  g_autofree char *fingerprint = NULL;
  TmBackupSeal seal = { NULL, NULL };

  tm_keyring_clear_memory_for_testing ();
  key = tm_keyring_get_or_create_key (NULL, NULL, &error);
  g_assert_no_error (error);
  code = tm_crypt_key_to_recovery_code (key);
  seal.key = key;
  g_assert_true (tm_store_back_up_now_sealed (store, BACKUP_DAY, &seal, &error));
  g_assert_no_error (error);
  change_checkin (store);

  tm_keyring_clear_memory_for_testing ();
  g_assert_true (tm_backups_read_seal (path, NULL, &fingerprint, &error));
  g_assert_null (tm_keyring_lookup_key (fingerprint, NULL, &error));
  g_assert_error (error, TM_KEYRING_ERROR, TM_KEYRING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* One character wrong. */
  mistyped = g_strdup (code);
  mistyped[1] = mistyped[1] == 'K' ? 'M' : 'K';
  g_assert_null (tm_backups_key_from_recovery_code (path, mistyped, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_RECOVERY_CODE);
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_clear_error (&error);

  /* Another key's code. */
  g_assert_null (tm_backups_key_from_recovery_code (path, other_code, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_KEY);
  g_clear_error (&error);
  g_assert_cmpint (mood_on_day (store), ==, 2);

  /* Typed in lower case with spaces: still the key. */
  {
    g_autofree char *lower = g_ascii_strdown (code, -1);
    g_auto(GStrv) groups = g_strsplit (lower, "-", -1);
    g_autofree char *spaced = g_strjoinv (" ", groups);

    from_code = tm_backups_key_from_recovery_code (path, spaced, &error);
  }
  g_assert_no_error (error);
  seal.key = from_code;
  restore_from (store, path, &seal);
  g_assert_cmpint (mood_on_day (store), ==, 6);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The recovery at start-up (a damaged data file) takes the opened copy. */
static void
test_recover_damaged (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = store_with_note (dir);
  g_autofree char *path = backup_path (dir);
  g_autofree char *data = g_build_filename (dir, "tidemark.db", NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPendingFile) plain = NULL;
  TmBackupSeal seal = { NULL, "a long enough passphrase" };

  g_assert_true (tm_store_back_up_now_sealed (store, BACKUP_DAY, &seal, &error));
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (data, "not a database at all, damaged", -1, NULL));

  plain = tm_backups_unseal (path, &seal, &error);
  g_assert_no_error (error);
  g_assert_true (tm_backups_recover (dir, tm_pending_file_get_temporary (plain), &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mood_on_day (store), ==, 6);
  /* The backup itself stays sealed. */
  assert_unreadable (path);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TM_KEYRING", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  tm_crypt_set_cost_for_testing (1, 8192);

  g_test_add_func ("/backup-crypt/key/round-trip", test_key_round_trip);
  g_test_add_func ("/backup-crypt/key/not-restored-plain", test_encrypted_not_restored_plain);
  g_test_add_func ("/backup-crypt/passphrase/wrong-then-right", test_passphrase);
  g_test_add_func ("/backup-crypt/passphrase/too-short-makes-nothing", test_too_short_passphrase_makes_nothing);
  g_test_add_func ("/backup-crypt/keyring/memory", test_keyring_memory);
  g_test_add_func ("/backup-crypt/keyring/async", test_keyring_async);
  g_test_add_func ("/backup-crypt/recovery-code", test_recovery_code);
  g_test_add_func ("/backup-crypt/recover-damaged", test_recover_damaged);
  return g_test_run ();
}
