/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-csv.h"

G_BEGIN_DECLS

/* An archive: every CSV file the export writes, in one file sealed with a
 * passphrase (TIDEMARK-ENC1, tm-crypt.h). Always a passphrase, never the
 * keyring's key: an archive is made to travel to another computer, where
 * that key is not.
 *
 * Inside the seal, a GVariant "v" in normal form, holding one of type
 * TM_ARCHIVE_TYPE (so that the data names its type):
 *   marker   "tidemark-archive"
 *   version  1
 *   files    (name, bytes) for each CSV file, names as the export's */

#define TM_ARCHIVE_SUFFIX  ".tidemark"
#define TM_ARCHIVE_MARKER  "tidemark-archive"
#define TM_ARCHIVE_VERSION 1
#define TM_ARCHIVE_TYPE    "(sua(say))"

GBytes     *tm_archive_pack              (GHashTable        *files);
GHashTable *tm_archive_unpack            (GBytes            *plain,
                                          GError           **error);

GBytes     *tm_archive_seal              (GHashTable        *files,
                                          const char        *passphrase,
                                          GError           **error);
GHashTable *tm_archive_open              (GBytes            *sealed,
                                          const char        *passphrase,
                                          GError           **error);

gboolean    tm_store_export_archive      (TmStore           *store,
                                          const char        *path,
                                          const char        *passphrase,
                                          const TmProgress  *progress,
                                          GError           **error);
gboolean    tm_csv_import_read_archive   (TmCsvImport       *import,
                                          const char        *path,
                                          const char        *passphrase,
                                          GError           **error);

G_END_DECLS
