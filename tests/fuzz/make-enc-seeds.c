/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes the seeds of the encrypted reader's fuzzer into the folder
 * given (tests/fuzz/corpus-enc/): small archives sealed with its key and
 * with its passphrase, one of two chunks, and an archive's plain
 * container. Run by hand when the format changes:
 *   _build-fuzz/tests/fuzz/make-enc-seeds tests/fuzz/corpus-enc */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tm-archive.h"
#include "tm-crypt.h"
#include "fuzz-enc.h"

static GHashTable *
make_files (gsize note_length)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GString) checkins = g_string_new ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\","
                                              "\"effects\",\"effects_intensity\",\"note\",\"created_at\","
                                              "\"updated_at\"\r\n"
                                              "\"2026-04-01\",5,,,,0,,\"");
  const char *plans = "\"effective_from\",\"interval_days\",\"dose_mg\",\"route\",\"tolerance_days\","
                      "\"instructions\",\"author\",\"created_at\"\r\n"
                      "\"2026-03-02\",14,50,\"sublingual\",2,,,\"2026-03-01T09:00:00Z\"\r\n";

  for (gsize i = 0; checkins->len < note_length; i++)
    g_string_append_printf (checkins, "a calm day %" G_GSIZE_FORMAT ". ", i);
  g_string_append (checkins, "\",\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n");
  g_hash_table_insert (files, (gpointer) "checkins.csv", g_bytes_new (checkins->str, checkins->len));
  g_hash_table_insert (files, (gpointer) "plans.csv", g_bytes_new (plans, strlen (plans)));
  return files;
}

static void
write_seed (const char *dir,
            const char *name,
            GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error))
    g_error ("%s", error->message);
  printf ("%s: %" G_GSIZE_FORMAT " bytes\n", path, g_bytes_get_size (bytes));
}

int
main (int   argc,
      char *argv[])
{
  guint8 bytes[TM_CRYPT_KEY_BYTES];
  g_autoptr(TmCryptKey) key = NULL;
  g_autoptr(GHashTable) small = make_files (100);
  g_autoptr(GHashTable) large = make_files (70 * 1024);
  g_autoptr(GBytes) small_plain = tm_archive_pack (small);
  g_autoptr(GBytes) large_plain = tm_archive_pack (large);
  g_autoptr(GBytes) by_passphrase = NULL;
  g_autoptr(GBytes) by_key = NULL;
  g_autoptr(GBytes) two_chunks = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s FOLDER\n", argv[0]);
      return 2;
    }
  tm_crypt_set_cost_for_testing (FUZZ_ENC_OPSLIMIT, FUZZ_ENC_MEMLIMIT_KIB);
  fuzz_enc_fill_key (bytes);
  key = tm_crypt_key_new_from_bytes (bytes, sizeof bytes, NULL);
  by_passphrase = tm_crypt_seal_with_passphrase (small_plain, FUZZ_ENC_PASSPHRASE, NULL);
  by_key = tm_crypt_seal_with_key (small_plain, key, NULL);
  two_chunks = tm_crypt_seal_with_key (large_plain, key, NULL);
  g_assert (by_passphrase != NULL && by_key != NULL && two_chunks != NULL);

  write_seed (argv[1], "passphrase.tidemark", by_passphrase);
  write_seed (argv[1], "key.tidemark", by_key);
  write_seed (argv[1], "key-two-chunks.tidemark", two_chunks);
  write_seed (argv[1], "plain-container", small_plain);
  return 0;
}
