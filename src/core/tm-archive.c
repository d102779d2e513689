/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Archives (DESIGN.md, Private and exchangeable): the CSV export's files,
 * packed in one GVariant and sealed with a passphrase. Unpacked, they go
 * through the CSV import as a folder's files do: the same checks, the
 * same all or nothing. */
#define G_LOG_DOMAIN "tm-archive"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-archive.h"
#include "tm-crypt.h"
#include "tm-file.h"
#include "tm-text.h"

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tm_archive_pack:
 * @files: (element-type utf8 GBytes): each file's name → its contents
 *
 * Returns: (transfer full): the archive's plain contents, in normal form,
 *   its files sorted by name
 */
GBytes *
tm_archive_pack (GHashTable *files)
{
  g_autoptr(GVariant) packed = NULL;
  g_autofree const char **names = NULL;
  GVariantBuilder builder;
  guint n;

  g_return_val_if_fail (files != NULL, NULL);

  names = (const char **) g_hash_table_get_keys_as_array (files, &n);
  g_qsort_with_data (names, (int) n, sizeof *names, compare_names, NULL);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(say)"));
  for (guint i = 0; i < n; i++)
    {
      GBytes *bytes = g_hash_table_lookup (files, names[i]);

      g_variant_builder_add (&builder, "(s@ay)", names[i],
                             g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE));
    }
  /* In a variant, so that the data names its own type. */
  packed = g_variant_ref_sink (g_variant_new_variant (g_variant_new ("(sua(say))", TM_ARCHIVE_MARKER,
                                                                     (guint32) TM_ARCHIVE_VERSION, &builder)));
  return g_variant_get_data_as_bytes (packed);
}

static void
set_not_an_archive (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("This encrypted file is not a Tidemark archive. Choose a file that Export Data… wrote "
                         "as an encrypted archive."));
}

/* A file of the archive, checked: a name the export writes, once, and
 * no larger than the CSV import reads. */
static gboolean
add_file (GHashTable  *files,
          GVariant    *entry,
          GError     **error)
{
  g_autoptr(GVariant) contents = NULL;
  const char *name;

  g_variant_get (entry, "(&s@ay)", &name, &contents);
  if (!tm_csv_is_file_name (name))
    {
      g_autofree char *shown = tm_text_escape (name);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The archive holds a file Tidemark does not know, %s, so it was not made by Tidemark's "
                     "export or was changed. Nothing was imported."), shown);
      return FALSE;
    }
  if (g_hash_table_contains (files, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The archive holds %s twice, so it was not made by Tidemark's export or was changed. "
                     "Nothing was imported."), name);
      return FALSE;
    }
  if (g_variant_get_size (contents) > TM_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The archive's %s is larger than %d MiB, far larger than an export of Tidemark's. "
                     "Nothing was imported."), name, TM_CSV_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  /* The name is one of the table's own strings, which outlive the table. */
  for (int t = 0; t < TM_N_TABLES; t++)
    if (g_str_equal (name, tm_table_get_info (t)->file))
      g_hash_table_insert (files, (gpointer) tm_table_get_info (t)->file, g_variant_get_data_as_bytes (contents));
  return TRUE;
}

/**
 * tm_archive_unpack:
 * @plain: what tm_archive_pack() made, or anything else
 *
 * Reads the archive's files without trusting them: the type, normal
 * form, marker, version and every name are checked.
 *
 * Returns: (transfer full) (element-type utf8 GBytes): each file's name →
 *   its contents, or %NULL with a sentence in @error
 */
GHashTable *
tm_archive_unpack (GBytes  *plain,
                   GError **error)
{
  g_autoptr(GVariant) container = NULL;
  g_autoptr(GVariant) archive = NULL;
  g_autoptr(GVariant) entries = NULL;
  g_autoptr(GHashTable) files = NULL;
  const char *marker;
  guint32 version;
  GVariantIter iter;
  GVariant *entry;

  g_return_val_if_fail (plain != NULL, NULL);

  container = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, plain, FALSE));
  /* Data that is not in normal form was not written by tm_archive_pack(). */
  if (!g_variant_is_normal_form (container))
    {
      set_not_an_archive (error);
      return NULL;
    }
  archive = g_variant_get_variant (container);
  if (!g_variant_is_of_type (archive, G_VARIANT_TYPE (TM_ARCHIVE_TYPE)))
    {
      set_not_an_archive (error);
      return NULL;
    }
  g_variant_get (archive, "(&su@a(say))", &marker, &version, &entries);
  if (!g_str_equal (marker, TM_ARCHIVE_MARKER))
    {
      set_not_an_archive (error);
      return NULL;
    }
  if (version != TM_ARCHIVE_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This archive was written by a newer Tidemark (archive version %u). Update Tidemark, then "
                     "import it again."), version);
      return NULL;
    }

  files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  g_variant_iter_init (&iter, entries);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean added = add_file (files, entry, error);

      g_variant_unref (entry);
      if (!added)
        return NULL;
    }
  return g_steal_pointer (&files);
}

/**
 * tm_archive_seal:
 * @files: (element-type utf8 GBytes): each file's name → its contents
 * @passphrase: one that passes tm_crypt_check_passphrase()
 *
 * Returns: (transfer full): the archive, sealed, or %NULL with @error
 */
GBytes *
tm_archive_seal (GHashTable  *files,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(GBytes) plain = NULL;

  if (!tm_crypt_check_passphrase (passphrase, error))
    return NULL;
  plain = tm_archive_pack (files);
  return tm_crypt_seal_with_passphrase (plain, passphrase, error);
}

/**
 * tm_archive_open:
 *
 * Opens a sealed archive with @passphrase and unpacks it. A wrong
 * passphrase or a changed byte is the sentence of tm_crypt's error.
 *
 * Returns: (transfer full) (element-type utf8 GBytes): its files, or %NULL
 */
GHashTable *
tm_archive_open (GBytes      *sealed,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(GBytes) plain = tm_crypt_open_with_passphrase (sealed, passphrase, error);

  if (plain == NULL)
    return NULL;
  return tm_archive_unpack (plain, error);
}

/**
 * tm_store_export_archive:
 * @path: the archive's file, replaced whole or not at all
 * @passphrase: one that passes tm_crypt_check_passphrase()
 * @progress: (nullable): where to say how far it got, and hear to stop
 *
 * Writes every table as tm_store_export_csv() would, sealed in one file.
 * A place tm_file_check_output() refuses is refused before anything is
 * read, as is a passphrase too short.
 */
gboolean
tm_store_export_archive (TmStore           *store,
                         const char        *path,
                         const char        *passphrase,
                         const TmProgress  *progress,
                         GError           **error)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(TmPendingFile) pending = NULL;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tm_file_check_output (path, tm_store_get_data_dir (store), error) ||
      !tm_crypt_check_passphrase (passphrase, error))
    return FALSE;
  files = tm_store_export_csv_files (store, progress, error);
  if (files == NULL)
    return FALSE;
  sealed = tm_archive_seal (files, passphrase, error);
  if (sealed == NULL)
    return FALSE;
  /* Sealing takes a while: cancelled meanwhile, nothing is written. */
  if (!tm_progress_report (progress, 0, 0, error))
    return FALSE;

  pending = tm_pending_file_new (path);
  data = g_bytes_get_data (sealed, &length);
  if (pending == NULL || !tm_pending_file_write (pending, data, length) || !tm_pending_file_commit (pending))
    {
      tm_file_set_export_error (error, path, errno != 0 ? errno : EIO);
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_csv_import_read_archive:
 * @path: an archive tm_store_export_archive() wrote
 *
 * Opens it with @passphrase and reads its files into @import as
 * tm_csv_import_read_dir() reads a folder's: what is wrong in them is in
 * tm_csv_import_get_problems(). Returns %FALSE with @error when the file
 * can't be read or opened (a wrong passphrase, a changed byte), or is not
 * an archive.
 */
gboolean
tm_csv_import_read_archive (TmCsvImport  *import,
                            const char   *path,
                            const char   *passphrase,
                            GError      **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never a pipe, a device or a file too large to be an archive. */
  if (!tm_file_read_bounded (path, TM_CRYPT_MAX_BYTES, &contents, &length, &local_error))
    {
      /* The message names the file: its controls shown, not sent. */
      g_autofree char *reason = tm_text_escape (local_error->message);

      g_set_error_literal (error, local_error->domain, local_error->code, reason);
      return FALSE;
    }
  sealed = g_bytes_new_take (contents, length);
  files = tm_archive_open (sealed, passphrase, error);
  if (files == NULL)
    return FALSE;
  return tm_csv_import_read_files (import, files, error);
}
