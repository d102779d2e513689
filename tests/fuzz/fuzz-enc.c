/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the encrypted reader: the input is opened with a
 * fixed key, and, when its header asks for a passphrase, with a fixed
 * passphrase (Argon2id at its cheapest: the reader refuses header costs
 * above the sealing cost set here, so no input makes a run slow). What
 * opens is unpacked as an archive and read by the CSV import. An input
 * that is not encrypted at all is unpacked as an archive's plain
 * container directly, so the unpacker is fuzzed too. Nothing touches a
 * store or the disk. */
#include "config.h"

#include <stdint.h>

#include "tm-archive.h"
#include "tm-crypt.h"
#include "fuzz-enc.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TmCryptKey *key;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  guint8 bytes[TM_CRYPT_KEY_BYTES];

  /* A critical or a warning on any input is a bug: make it a crash that
   * libFuzzer keeps. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  tm_crypt_set_cost_for_testing (FUZZ_ENC_OPSLIMIT, FUZZ_ENC_MEMLIMIT_KIB);
  fuzz_enc_fill_key (bytes);
  key = tm_crypt_key_new_from_bytes (bytes, sizeof bytes, NULL);
  g_assert (key != NULL);
  return 0;
}

static void
read_archive (GBytes *plain)
{
  g_autoptr(GHashTable) files = tm_archive_unpack (plain, NULL);
  g_autoptr(TmCsvImport) import = NULL;

  if (files == NULL)
    return;
  import = tm_csv_import_new ();
  tm_csv_import_read_files (import, files, NULL);
  for (int t = 0; t < TM_N_TABLES; t++)
    tm_csv_import_count_rows (import, t);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(GBytes) plain = NULL;
  TmCryptKeySource source;
  char *fingerprint = NULL;

  if (!tm_crypt_is_encrypted (data, size))
    {
      read_archive (input);
      return 0;
    }

  plain = tm_crypt_open_with_key (input, key, NULL);
  if (plain == NULL && tm_crypt_read_header (input, &source, &fingerprint, NULL) &&
      source == TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    plain = tm_crypt_open_with_passphrase (input, FUZZ_ENC_PASSPHRASE, NULL);
  g_free (fingerprint);
  if (plain != NULL)
    read_archive (plain);
  return 0;
}
