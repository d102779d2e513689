/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Archives (DESIGN.md, Private and exchangeable): every CSV file in one
 * file sealed with a passphrase. What is exported comes back whole into
 * an empty store; a wrong passphrase, any changed, missing, added or
 * reordered byte, a container Tidemark did not make, or a CSV line the
 * import refuses stores nothing and says why. The passphrase asked on a
 * terminal is never echoed. */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tm-archive.h"
#include "tm-checkin.h"
#include "tm-crypt.h"
#include "tm-passphrase-prompt.h"
#include "tm-store.h"
#include "tm-test-util.h"

#define PASSPHRASE "low tide at seven"
/* TIDEMARK-ENC1 with a passphrase: magic, version, source, opslimit,
 * memlimit, salt, key check, stream header (tm-crypt.h). */
#define HEADER_BYTES (13 + 1 + 1 + 4 + 4 + 16 + 16 + 24)

typedef struct
{
  char    *dir;       /* the store's data folder */
  TmStore *store;
  char    *out;       /* where archives go, outside the data folder */
  char    *archive;   /* a file in out */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tm_test_make_data_dir ();
  f->store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->out = tm_test_make_data_dir ();
  f->archive = g_build_filename (f->out, "record" TM_ARCHIVE_SUFFIX, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  tm_test_remove_tree (f->dir);
  tm_test_remove_tree (f->out);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->archive);
}

/* A hand-made record large enough for an archive of several chunks (64
 * KiB each): three weeks of check-ins with long notes. */
static void
fill_record (TmStore *store)
{
  for (int d = 1; d <= 21; d++)
    {
      g_autofree char *day = g_strdup_printf ("2026-03-%02d", d);
      g_autoptr(TmCheckin) checkin = tm_checkin_new (day);
      g_autoptr(GString) note = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      while (note->len < 9000)
        g_string_append_printf (note, "Day %d, line %" G_GSIZE_FORMAT ": walked by the sea, “calm”, slept well. ", d, note->len);
      checkin->mood = d % 11;
      checkin->anxiety = (d * 3) % 11;
      tm_checkin_set_note (checkin, note->str);
      g_assert_true (tm_store_save_checkin (store, checkin, &error));
      g_assert_no_error (error);
    }
}

static void
export_archive (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  fill_record (f->store);
  g_assert_true (tm_store_export_archive (f->store, f->archive, PASSPHRASE, NULL, &error));
  g_assert_no_error (error);
}

static GBytes *
read_archive (Fixture *f)
{
  return tm_test_read_file (f->archive);
}

static void
write_archive (Fixture *f,
               GBytes  *bytes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->archive, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
}

static guint
count_read (TmCsvImport *import)
{
  guint n = 0;

  for (int t = 0; t < TM_N_TABLES; t++)
    n += tm_csv_import_count_rows (import, t);
  return n;
}

/* Reading @f's archive with @passphrase fails with @domain/@code, reads
 * nothing and gives one sentence. */
static void
assert_archive_refused (Fixture    *f,
                        const char *passphrase,
                        GQuark      domain,
                        int         code)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (tm_csv_import_read_archive (import, f->archive, passphrase, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, domain);
  if (code >= 0)
    g_assert_cmpint (error->code, ==, code);
  /* One sentence, ending with a full stop. */
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (count_read (import), ==, 0);
}

/* Every file the export writes, of @store: for comparing two stores. */
static GHashTable *
export_files (TmStore *store)
{
  g_autoptr(GError) error = NULL;
  GHashTable *files = tm_store_export_csv_files (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (files), ==, TM_N_TABLES);
  return files;
}

/* Export as an archive, import into an empty store: the same CSV files
 * from both; the archive holds none of the record's text. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *other_dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) other = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GHashTable) mine = NULL;
  g_autoptr(GHashTable) theirs = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  TmCsvSummary summary;

  export_archive (f);
  sealed = read_archive (f);
  g_assert_true (tm_crypt_is_encrypted (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed)));
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), "walked by the sea", 17));
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), "checkins.csv", 12));
  /* Several chunks, for the tamper cases. */
  g_assert_cmpuint (g_bytes_get_size (sealed), >, HEADER_BYTES + 2 * 64 * 1024);

  other = tm_store_open (other_dir, &error);
  g_assert_no_error (error);
  g_assert_true (tm_csv_import_read_archive (import, f->archive, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added[TM_TABLE_CHECKINS], ==, 21);

  mine = export_files (f->store);
  theirs = export_files (other);
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      const char *name = tm_table_get_info (t)->file;

      tm_test_assert_bytes_equal (g_hash_table_lookup (mine, name), g_hash_table_lookup (theirs, name));
    }

  g_clear_object (&other);
  tm_test_remove_tree (other_dir);
}

/* A wrong passphrase reads nothing, in a sentence; the right one still
 * opens it. */
static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;

  export_archive (f);
  assert_archive_refused (f, "high tide at seven", TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_PASSPHRASE);
  assert_archive_refused (f, "", TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (tm_csv_import_read_archive (import, f->archive, PASSPHRASE, &error));
  g_assert_no_error (error);
}

/* The chunks after the header: where each starts and ends. */
static guint
find_chunks (GBytes *sealed,
             gsize  *starts,
             gsize  *ends,
             guint   max)
{
  const guint8 *data = g_bytes_get_data (sealed, NULL);
  gsize length = g_bytes_get_size (sealed);
  gsize at = HEADER_BYTES;
  guint n = 0;

  while (at + 4 <= length && n < max)
    {
      guint32 size = (guint32) data[at] | (guint32) data[at + 1] << 8 | (guint32) data[at + 2] << 16 |
                     (guint32) data[at + 3] << 24;

      starts[n] = at;
      at += 4 + size;
      ends[n++] = at;
    }
  g_assert_cmpuint (at, ==, length);
  return n;
}

static GBytes *
flipped (GBytes *bytes,
         gsize   at)
{
  guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  data[at] ^= 0x20;
  return g_bytes_new_take (data, g_bytes_get_size (bytes));
}

/* Every tamper case, on a real archive: a byte changed in the header or
 * in a chunk, cut short, bytes added, two chunks swapped, a chunk left
 * out. Each is refused with a sentence and reads nothing. */
static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) sealed = NULL;
  gsize starts[8], ends[8];
  guint n_chunks;
  const guint8 *bytes;
  gsize length;

  export_archive (f);
  sealed = read_archive (f);
  bytes = g_bytes_get_data (sealed, &length);
  n_chunks = find_chunks (sealed, starts, ends, G_N_ELEMENTS (starts));
  g_assert_cmpuint (n_chunks, >=, 3);

  /* A byte of the header: the salt, the key check, the stream header. */
  {
    const gsize at[] = { 23, 40, 60, HEADER_BYTES - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (at); i++)
      {
        g_autoptr(GBytes) changed = flipped (sealed, at[i]);

        write_archive (f, changed);
        assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, -1);
      }
  }
  /* The magic and the version. */
  {
    g_autoptr(GBytes) magic = flipped (sealed, 0);
    g_autoptr(GBytes) version = flipped (sealed, 13);

    write_archive (f, magic);
    assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NOT_ENCRYPTED);
    write_archive (f, version);
    assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_VERSION);
  }
  /* A byte in the first chunk, the second, the last; a chunk's length. */
  {
    const gsize at[] = { starts[0] + 100, starts[1] + 4 + 5, ends[n_chunks - 1] - 1, starts[1] };

    for (guint i = 0; i < G_N_ELEMENTS (at); i++)
      {
        g_autoptr(GBytes) changed = flipped (sealed, at[i]);

        write_archive (f, changed);
        assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
      }
  }
  /* Cut short: by a byte, at a chunk's end, in the header. */
  {
    const gsize cut[] = { length - 1, ends[n_chunks - 2], ends[0], HEADER_BYTES, 20 };

    for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
      {
        g_autoptr(GBytes) shorter = g_bytes_new_from_bytes (sealed, 0, cut[i]);

        write_archive (f, shorter);
        assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, -1);
      }
  }
  /* Bytes added at the end: one, and a copy of the last chunk. */
  {
    g_autoptr(GByteArray) one_more = g_byte_array_new ();
    g_autoptr(GByteArray) chunk_more = g_byte_array_new ();
    g_autoptr(GBytes) one_more_bytes = NULL;
    g_autoptr(GBytes) chunk_more_bytes = NULL;

    g_byte_array_append (one_more, bytes, length);
    g_byte_array_append (one_more, (const guint8 *) "x", 1);
    one_more_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&one_more));
    write_archive (f, one_more_bytes);
    assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);

    g_byte_array_append (chunk_more, bytes, length);
    g_byte_array_append (chunk_more, bytes + starts[n_chunks - 1], ends[n_chunks - 1] - starts[n_chunks - 1]);
    chunk_more_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&chunk_more));
    write_archive (f, chunk_more_bytes);
    assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
  }
  /* The first two chunks swapped; the second left out. */
  {
    g_autoptr(GByteArray) swapped = g_byte_array_new ();
    g_autoptr(GByteArray) dropped = g_byte_array_new ();
    g_autoptr(GBytes) swapped_bytes = NULL;
    g_autoptr(GBytes) dropped_bytes = NULL;

    g_byte_array_append (swapped, bytes, starts[0]);
    g_byte_array_append (swapped, bytes + starts[1], ends[1] - starts[1]);
    g_byte_array_append (swapped, bytes + starts[0], ends[0] - starts[0]);
    g_byte_array_append (swapped, bytes + ends[1], length - ends[1]);
    swapped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&swapped));
    write_archive (f, swapped_bytes);
    assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);

    g_byte_array_append (dropped, bytes, ends[0]);
    g_byte_array_append (dropped, bytes + ends[1], length - ends[1]);
    dropped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&dropped));
    write_archive (f, dropped_bytes);
    assert_archive_refused (f, PASSPHRASE, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED);
  }

  /* Put back, it opens. */
  write_archive (f, sealed);
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (tm_csv_import_read_archive (import, f->archive, PASSPHRASE, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 21);
  }
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* @plain sealed as an archive at @f's file. */
static void
seal_plain (Fixture *f,
            GBytes  *plain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = tm_crypt_seal_with_passphrase (plain, PASSPHRASE, &error);

  g_assert_no_error (error);
  write_archive (f, sealed);
}

/* @value as tm_archive_pack() packs: in a variant. */
static GBytes *
variant_bytes (GVariant *value)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (g_variant_new_variant (value));

  return g_variant_get_data_as_bytes (sunk);
}

/* Sealed with the right passphrase, but not what Tidemark packs: a file
 * of another name, a name twice, another type, another marker, a newer
 * version, data not in normal form. Each is refused, reading nothing. */
static void
test_not_an_archive (Fixture       *f,
                     gconstpointer  data)
{
  const char *csv = "\"day\",\"mood\"\r\n";
  GBytes *cases[] = {
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 1, [('checkins.csv', b''), "
                                         "('../../.bashrc', b'echo')])")),
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 1, [('checkins.csv', %^ay), "
                                         "('checkins.csv', %^ay)])", csv, csv)),
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 1, [('sessions', b'')])")),
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 1, {'checkins.csv': <'x'>})")),
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', 1, [('checkins.csv', b'')])")),
    variant_bytes (g_variant_new_parsed ("('tidemark-backup', @u 1, [('checkins.csv', b'')])")),
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 2, [('checkins.csv', b'')])")),
    variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 1, @a(say) [])")),
    text_bytes ("\"day\",\"mood\"\r\n\"2026-03-01\",5\r\n"),
    g_bytes_new (NULL, 0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) files = tm_archive_unpack (cases[i], &error);

      /* The empty list is a container, but holds nothing to import. */
      if (files != NULL)
        {
          g_assert_cmpuint (g_hash_table_size (files), ==, 0);
          g_assert_no_error (error);
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_cmpuint (error->domain, ==, G_IO_ERROR);
        }
      seal_plain (f, cases[i]);
      assert_archive_refused (f, PASSPHRASE, G_IO_ERROR, -1);
      g_bytes_unref (cases[i]);
    }

  /* Not in normal form: a string without its terminating NUL. */
  {
    g_autoptr(GBytes) good = variant_bytes (g_variant_new_parsed ("('tidemark-archive', @u 1, "
                                                                  "[('checkins.csv', b'')])"));
    guint8 *odd = g_memdup2 (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
    g_autoptr(GBytes) odd_bytes = NULL;
    g_autoptr(GHashTable) files = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpmem (odd, strlen (TM_ARCHIVE_MARKER), TM_ARCHIVE_MARKER, strlen (TM_ARCHIVE_MARKER));
    odd[strlen (TM_ARCHIVE_MARKER)] = 'x';
    odd_bytes = g_bytes_new_take (odd, g_bytes_get_size (good));
    files = tm_archive_unpack (odd_bytes, &error);
    g_assert_null (files);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }

  /* What Tidemark packs unpacks. */
  {
    g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_bytes_unref);
    g_autoptr(GBytes) packed = NULL;
    g_autoptr(GHashTable) unpacked = NULL;
    g_autoptr(GError) error = NULL;

    g_hash_table_insert (files, (gpointer) "checkins.csv", text_bytes (csv));
    packed = tm_archive_pack (files);
    unpacked = tm_archive_unpack (packed, &error);
    g_assert_no_error (error);
    tm_test_assert_bytes_equal (g_hash_table_lookup (unpacked, "checkins.csv"),
                                g_hash_table_lookup (files, "checkins.csv"));
  }
}

/* An archive whose CSV has a bad line: the CSV import's sentence for
 * that line, and nothing stored. */
static void
test_bad_line (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) files = export_files (f->store);
  g_autoptr(GHashTable) stored_before = NULL;
  g_autoptr(GHashTable) stored_after = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmCsvImport) direct = tm_csv_import_new ();
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) checkins = NULL;
  GPtrArray *problems;
  TmCsvSummary summary;

  fill_record (f->store);
  stored_before = export_files (f->store);
  /* The columns of the first version, which the import still reads. */
  checkins = g_string_new ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\","
                           "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\"\r\n");
  g_string_append (checkins, "\"2026-04-01\",5,,,,0,,,\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n"
                             "\"2026-04-02\",12,,,,0,,,\"2026-04-02T20:00:00Z\",\"2026-04-02T20:00:00Z\"\r\n");
  g_hash_table_insert (files, (gpointer) "checkins.csv", g_bytes_new (checkins->str, checkins->len));
  sealed = tm_archive_seal (files, PASSPHRASE, &error);
  g_assert_no_error (error);
  write_archive (f, sealed);

  g_assert_true (tm_csv_import_read_archive (import, f->archive, PASSPHRASE, &error));
  g_assert_no_error (error);
  problems = tm_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (problems->pdata[0], "checkins.csv:3: mood"));
  /* The same sentence as the folder's import gives. */
  tm_csv_import_parse (direct, TM_TABLE_CHECKINS, "checkins.csv", checkins->str, checkins->len);
  g_assert_cmpstr (problems->pdata[0], ==, tm_csv_import_get_problems (direct)->pdata[0]);

  g_assert_false (tm_store_import_csv (f->store, import, TM_CONFLICT_REPLACE, &summary, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  stored_after = export_files (f->store);
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      const char *name = tm_table_get_info (t)->file;

      tm_test_assert_bytes_equal (g_hash_table_lookup (stored_before, name),
                                  g_hash_table_lookup (stored_after, name));
    }
}

/* Refused before anything is written: a passphrase too short, a file in
 * the data folder, a folder in place of the file. */
static void
test_export_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *inside = g_build_filename (f->dir, "copy" TM_ARCHIVE_SUFFIX, NULL);
  g_autoptr(GError) error = NULL;

  fill_record (f->store);
  g_assert_false (tm_store_export_archive (f->store, f->archive, "short", NULL, &error));
  g_assert_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE);
  g_assert_false (g_file_test (f->archive, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (tm_store_export_archive (f->store, inside, PASSPHRASE, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (f->archive, 0700), ==, 0);
  g_assert_false (tm_store_export_archive (f->store, f->archive, PASSPHRASE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (f->archive, G_FILE_TEST_IS_DIR));
}

/* The terminal's side of a pseudo-terminal: what the program sees. */
typedef struct
{
  int                    terminal;
  TmPassphrasePromptMode mode;
  char                  *passphrase;
  GError                *error;
} Asking;

static gpointer
ask_in_thread (gpointer data)
{
  Asking *asking = data;

  asking->passphrase = tm_passphrase_prompt_read_from (asking->terminal, asking->mode, &asking->error);
  return NULL;
}

static void
type_on (int         pty,
         const char *text)
{
  g_assert_cmpint (write (pty, text, strlen (text)), ==, (gssize) strlen (text));
}

/* Typed on a terminal: the prompt shows, what is typed does not; asked
 * twice for a new one, and two that differ are refused; the echo is back
 * on afterwards. */
static void
test_terminal_prompt (void)
{
  const struct { TmPassphrasePromptMode mode; const char *typed[2]; const char *expected; } cases[] = {
    { TM_PASSPHRASE_PROMPT_ASK, { "low tide at seven\n", NULL }, "low tide at seven" },
    { TM_PASSPHRASE_PROMPT_NEW, { "low tide at seven\r\n", "low tide at seven\n" }, "low tide at seven" },
    { TM_PASSPHRASE_PROMPT_NEW, { "low tide at seven\n", "high tide at nine\n" }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;
      int pty = tm_test_open_pty (&name);
      g_autoptr(GString) shown = g_string_new (NULL);
      Asking asking = { -1, cases[i].mode, NULL, NULL };
      struct termios modes;
      GThread *thread;

      asking.terminal = open (name, O_RDWR | O_NOCTTY);
      g_assert_cmpint (asking.terminal, >=, 0);

      thread = g_thread_new ("asking", ask_in_thread, &asking);
      g_assert_true (tm_test_read_pty_until (pty, shown, "Passphrase: "));
      type_on (pty, cases[i].typed[0]);
      if (cases[i].typed[1] != NULL)
        {
          g_assert_true (tm_test_read_pty_until (pty, shown, "The same passphrase again: "));
          type_on (pty, cases[i].typed[1]);
        }
      g_thread_join (thread);
      /* Whatever the terminal still shows. */
      g_usleep (50000);
      tm_test_read_pty_until (pty, shown, NULL);

      g_assert_null (strstr (shown->str, "tide"));
      g_assert_cmpstr (asking.passphrase, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        {
          g_assert_error (asking.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_nonnull (strstr (asking.error->message, "not the same"));
        }
      else
        g_assert_no_error (asking.error);
      g_assert_cmpint (tcgetattr (asking.terminal, &modes), ==, 0);
      g_assert_true (modes.c_lflag & ECHO);

      tm_passphrase_prompt_free (asking.passphrase);
      g_clear_error (&asking.error);
      close (asking.terminal);
      close (pty);
    }
}

/* TIDEMARK_PASSPHRASE, when set, is the passphrase: no terminal asked. */
static void
test_variable (void)
{
  g_autoptr(GError) error = NULL;
  char *passphrase;

  g_setenv (TM_PASSPHRASE_VARIABLE, "from the environment", TRUE);
  passphrase = tm_passphrase_prompt_read (TM_PASSPHRASE_PROMPT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (passphrase, ==, "from the environment");
  tm_passphrase_prompt_free (passphrase);
  g_unsetenv (TM_PASSPHRASE_VARIABLE);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Argon2id at its cheapest: seconds under valgrind otherwise. */
  tm_crypt_set_cost_for_testing (1, 8192);

  ADD ("/archive/round-trip", test_round_trip);
  ADD ("/archive/wrong-passphrase", test_wrong_passphrase);
  ADD ("/archive/tampered", test_tampered);
  ADD ("/archive/not-an-archive", test_not_an_archive);
  ADD ("/archive/bad-line", test_bad_line);
  ADD ("/archive/export-refused", test_export_refused);
  g_test_add_func ("/archive/terminal-prompt", test_terminal_prompt);
  g_test_add_func ("/archive/variable", test_variable);

  return g_test_run ();
}
