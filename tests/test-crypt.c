/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encrypted files (DESIGN.md, Private and exchangeable): what was sealed
 * opens with its passphrase or key, and nothing else opens: a wrong
 * passphrase, a changed, missing, added or reordered byte is refused
 * with a sentence and gives nothing back. */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>

#include "tm-crypt.h"

#define PASSPHRASE "correct horse battery"

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Bytes that differ from chunk to chunk, so a swap is a real change. */
static GBytes *
counting_bytes (gsize length)
{
  guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) (i * 7 + i / 65536);
  return g_bytes_new_take (data, length);
}

static GBytes *
changed_copy (GBytes *bytes,
              gsize   at,
              guint8  mask)
{
  gsize length;
  guint8 *data = g_memdup2 (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));

  data[at] ^= mask;
  return g_bytes_new_take (data, length);
}

static void
assert_same (GBytes *a,
             GBytes *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (g_bytes_equal (a, b));
}

/* Seals then opens, with a passphrase and with a key, for an empty text,
 * a short one and one of several chunks; the sealed bytes never hold the
 * text. */
static void
test_round_trip (void)
{
  g_autoptr (TmCryptKey) key = tm_crypt_key_new_random ();
  GBytes *plains[] = { text_bytes (""), text_bytes ("a note about Tuesday's session"),
                       counting_bytes (200 * 1024 + 3) };

  for (guint i = 0; i < G_N_ELEMENTS (plains); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) by_phrase = tm_crypt_seal_with_passphrase (plains[i], PASSPHRASE, &error);
      g_autoptr (GBytes) by_key = NULL;
      g_autoptr (GBytes) opened = NULL;
      g_autoptr (GBytes) opened_by_key = NULL;
      TmCryptKeySource source = 0;
      g_autofree char *fingerprint = NULL;
      g_autofree char *key_fingerprint = tm_crypt_key_get_fingerprint (key);

      g_assert_no_error (error);
      g_assert_true (tm_crypt_is_encrypted (g_bytes_get_data (by_phrase, NULL), g_bytes_get_size (by_phrase)));
      g_assert_true (tm_crypt_read_header (by_phrase, &source, &fingerprint, &error));
      g_assert_cmpint (source, ==, TM_CRYPT_KEY_SOURCE_PASSPHRASE);
      g_assert_null (fingerprint);
      opened = tm_crypt_open_with_passphrase (by_phrase, PASSPHRASE, &error);
      g_assert_no_error (error);
      assert_same (opened, plains[i]);

      by_key = tm_crypt_seal_with_key (plains[i], key, &error);
      g_assert_no_error (error);
      g_assert_true (tm_crypt_read_header (by_key, &source, &fingerprint, &error));
      g_assert_cmpint (source, ==, TM_CRYPT_KEY_SOURCE_KEY);
      g_assert_cmpstr (fingerprint, ==, key_fingerprint);
      g_assert_cmpuint (strlen (fingerprint), ==, 32);
      opened_by_key = tm_crypt_open_with_key (by_key, key, &error);
      g_assert_no_error (error);
      assert_same (opened_by_key, plains[i]);

      if (g_bytes_get_size (plains[i]) > 0)
        g_assert_null (memmem (g_bytes_get_data (by_key, NULL), g_bytes_get_size (by_key),
                               g_bytes_get_data (plains[i], NULL), MIN (g_bytes_get_size (plains[i]), 16)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (plains); i++)
    g_bytes_unref (plains[i]);
}

static void
test_wrong_secret (void)
{
  g_autoptr (TmCryptKey) key = tm_crypt_key_new_random ();
  g_autoptr (TmCryptKey) other = tm_crypt_key_new_random ();
  g_autoptr (GBytes) plain = text_bytes ("mood 3, slept badly");
  g_autoptr (GBytes) by_phrase = tm_crypt_seal_with_passphrase (plain, PASSPHRASE, NULL);
  g_autoptr (GBytes) by_key = tm_crypt_seal_with_key (plain, key, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (tm_crypt_open_with_passphrase (by_phrase, "correct horse battery!", &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==,
                   "This is not the passphrase the file was encrypted with: check it and try again.");
  g_clear_error (&error);

  g_assert_null (tm_crypt_open_with_key (by_key, other, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_KEY);
  g_clear_error (&error);

  g_assert_null (tm_crypt_open_with_key (by_phrase, key, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_PASSPHRASE);
  g_clear_error (&error);

  g_assert_null (tm_crypt_open_with_passphrase (by_key, PASSPHRASE, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_KEY);
  g_clear_error (&error);

  g_assert_null (tm_crypt_open_with_passphrase (plain, PASSPHRASE, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NOT_ENCRYPTED);
  g_assert_cmpstr (error->message, ==, "This is not a file Tidemark encrypted.");
}

/* Every byte of a sealed file matters: flipping any one, in the header
 * or the stream, is refused. */
static void
test_every_byte_flipped (void)
{
  g_autoptr (TmCryptKey) key = tm_crypt_key_new_random ();
  g_autoptr (GBytes) plain = text_bytes ("dose 0.5 mg/kg, BP 128/84");
  g_autoptr (GBytes) by_phrase = tm_crypt_seal_with_passphrase (plain, PASSPHRASE, NULL);
  g_autoptr (GBytes) by_key = tm_crypt_seal_with_key (plain, key, NULL);

  for (gsize at = 0; at < g_bytes_get_size (by_phrase); at++)
    {
      g_autoptr (GBytes) changed = changed_copy (by_phrase, at, 0x01);
      g_autoptr (GError) error = NULL;

      g_assert_null (tm_crypt_open_with_passphrase (changed, PASSPHRASE, &error));
      g_assert_nonnull (error);
    }
  for (gsize at = 0; at < g_bytes_get_size (by_key); at++)
    {
      g_autoptr (GBytes) changed = changed_copy (by_key, at, 0x80);
      g_autoptr (GError) error = NULL;

      g_assert_null (tm_crypt_open_with_key (changed, key, &error));
      g_assert_nonnull (error);
    }
}

/* A file cut anywhere, or with anything added, is refused as damaged. */
static void
test_truncated_and_extended (void)
{
  g_autoptr (TmCryptKey) key = tm_crypt_key_new_random ();
  g_autoptr (GBytes) plain = counting_bytes (70 * 1024);
  g_autoptr (GBytes) sealed = tm_crypt_seal_with_key (plain, key, NULL);
  gsize length = g_bytes_get_size (sealed);
  g_autoptr (GByteArray) longer = g_byte_array_new ();
  g_autoptr (GBytes) extended = NULL;
  g_autoptr (GError) error = NULL;

  for (gsize cut = 0; cut < length; cut += (cut < 200 || cut > length - 200) ? 1 : 997)
    {
      g_autoptr (GBytes) part = g_bytes_new_from_bytes (sealed, 0, cut);
      g_autoptr (GError) part_error = NULL;

      g_assert_null (tm_crypt_open_with_key (part, key, &part_error));
      g_assert_nonnull (part_error);
      if (cut >= 100)
        g_assert_error (part_error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
    }

  g_byte_array_append (longer, g_bytes_get_data (sealed, NULL), length);
  g_byte_array_append (longer, (const guint8 *) "\0", 1);
  extended = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
  g_assert_null (tm_crypt_open_with_key (extended, key, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
  g_assert_cmpstr (error->message, ==,
                   "This encrypted file has been changed or cut short, so Tidemark "
                   "cannot trust it: nothing was read from it.");
}

static guint32
read_u32 (const guint8 *at)
{
  return at[0] | (at[1] << 8) | (at[2] << 16) | ((guint32) at[3] << 24);
}

/* Three chunks: swapping the second and third, or leaving the second out,
 * is refused even though each chunk is intact. */
static void
test_chunks_reordered (void)
{
  g_autoptr (TmCryptKey) key = tm_crypt_key_new_random ();
  g_autoptr (GBytes) plain = counting_bytes (3 * 64 * 1024 - 10);
  g_autoptr (GBytes) sealed = tm_crypt_seal_with_key (plain, key, NULL);
  const guint8 *data = g_bytes_get_data (sealed, NULL);
  gsize length = g_bytes_get_size (sealed);
  gsize header = strlen (TM_CRYPT_MAGIC) + 2 + 16 + 24;
  gsize starts[3], ends[3], at = header;
  g_autoptr (GByteArray) swapped = g_byte_array_new ();
  g_autoptr (GByteArray) dropped = g_byte_array_new ();
  g_autoptr (GBytes) swapped_bytes = NULL;
  g_autoptr (GBytes) dropped_bytes = NULL;
  g_autoptr (GError) error = NULL;

  for (int i = 0; i < 3; i++)
    {
      starts[i] = at;
      at += 4 + read_u32 (data + at);
      ends[i] = at;
    }
  g_assert_cmpuint (at, ==, length);

  g_byte_array_append (swapped, data, ends[0]);
  g_byte_array_append (swapped, data + starts[2], ends[2] - starts[2]);
  g_byte_array_append (swapped, data + starts[1], ends[1] - starts[1]);
  swapped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&swapped));
  g_assert_null (tm_crypt_open_with_key (swapped_bytes, key, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
  g_clear_error (&error);

  g_byte_array_append (dropped, data, ends[0]);
  g_byte_array_append (dropped, data + starts[2], ends[2] - starts[2]);
  dropped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&dropped));
  g_assert_null (tm_crypt_open_with_key (dropped_bytes, key, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
}

/* A file from a later format says so; a header asking Argon2id for more
 * than Tidemark ever writes is refused before any work. */
static void
test_header_version_and_cost (void)
{
  g_autoptr (GBytes) plain = text_bytes ("x");
  g_autoptr (GBytes) sealed = tm_crypt_seal_with_passphrase (plain, PASSPHRASE, NULL);
  gsize version_at = strlen (TM_CRYPT_MAGIC);
  g_autoptr (GBytes) newer = changed_copy (sealed, version_at, 0x03);
  g_autoptr (GBytes) costly = changed_copy (sealed, version_at + 2 + 4 + 3, 0x40);
  g_autoptr (GError) error = NULL;

  g_assert_null (tm_crypt_open_with_passphrase (newer, PASSPHRASE, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_clear_error (&error);

  g_assert_null (tm_crypt_open_with_passphrase (costly, PASSPHRASE, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
}

static void
test_passphrase_rule (void)
{
  g_autoptr (GBytes) plain = text_bytes ("x");
  g_autoptr (GError) error = NULL;

  g_assert_null (tm_crypt_seal_with_passphrase (plain, "short", &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE);
  g_assert_cmpstr (error->message, ==, "A passphrase needs at least 8 characters: choose a longer one.");
  g_clear_error (&error);
  /* Eight characters, not eight bytes. */
  g_assert_false (tm_crypt_check_passphrase ("äöüäöü", &error));
  g_clear_error (&error);
  g_assert_true (tm_crypt_check_passphrase ("äöüäöüßß", &error));
  g_assert_no_error (error);
}

/* The recovery code gives back the key: typed in lower case, with spaces
 * for dashes and O for 0; one character changed is refused. */
static void
test_recovery_code (void)
{
  g_autoptr (TmCryptKey) key = tm_crypt_key_new_random ();
  g_autofree char *code = tm_crypt_key_to_recovery_code (key);
  g_autofree char *typed = g_ascii_strdown (code, -1);
  g_autoptr (TmCryptKey) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *mistyped = g_strdup (code);
  char *zero;

  g_assert_cmpuint (strlen (code), ==, 56 + 13);
  for (const char *p = code; *p != '\0'; p++)
    g_assert_true (*p == '-' || strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", *p) != NULL);

  g_strdelimit (typed, "-", ' ');
  if ((zero = strchr (typed, '0')) != NULL)
    *zero = 'o';
  back = tm_crypt_key_new_from_recovery_code (typed, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (tm_crypt_key_get_bytes (back), TM_CRYPT_KEY_BYTES,
                   tm_crypt_key_get_bytes (key), TM_CRYPT_KEY_BYTES);

  for (gsize at = 0; mistyped[at] != '\0'; at++)
    {
      g_autoptr (TmCryptKey) wrong = NULL;
      char kept = mistyped[at];

      if (kept == '-')
        continue;
      mistyped[at] = kept == 'A' ? 'B' : 'A';
      wrong = tm_crypt_key_new_from_recovery_code (mistyped, &error);
      mistyped[at] = kept;
      /* The check group holds 20 bits: a changed character is caught. */
      g_assert_null (wrong);
      g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_RECOVERY_CODE);
      g_clear_error (&error);
    }

  g_assert_null (tm_crypt_key_new_from_recovery_code ("ABCD-EFGH", &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_RECOVERY_CODE);
  g_assert_cmpstr (error->message, ==,
                   "A recovery code has 56 letters and digits in groups of four: "
                   "type it exactly as it was printed.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Argon2id at its cheapest: the tests are about the format. */
  tm_crypt_set_cost_for_testing (1, 8);

  g_test_add_func ("/crypt/round-trip", test_round_trip);
  g_test_add_func ("/crypt/wrong-secret", test_wrong_secret);
  g_test_add_func ("/crypt/every-byte-flipped", test_every_byte_flipped);
  g_test_add_func ("/crypt/truncated-and-extended", test_truncated_and_extended);
  g_test_add_func ("/crypt/chunks-reordered", test_chunks_reordered);
  g_test_add_func ("/crypt/header-version-and-cost", test_header_version_and_cost);
  g_test_add_func ("/crypt/passphrase-rule", test_passphrase_rule);
  g_test_add_func ("/crypt/recovery-code", test_recovery_code);
  return g_test_run ();
}
