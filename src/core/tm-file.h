/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files Tidemark writes or reads beside its store: where output may go,
 * how it is written (beside its final name, then renamed over it, so that
 * nobody ever sees half of it), and how a file is read without trusting
 * what it is. */

/* Every temporary file Tidemark writes is named NAME.tidemark-tmp-XXXXXX
 * (or .tidemark-tmp-XXXXXX when NAME is too long for that), so that one
 * left by a crash can be told from anything else and removed. */
#define TM_FILE_TEMPORARY_INFIX ".tidemark-tmp-"

/* A folder whose files were being replaced together holds this file
 * until all of them are in place. */
#define TM_FILE_UNFINISHED_NAME "tidemark-export-unfinished.txt"

gboolean tm_file_check_output          (const char          *path,
                                        const char          *data_dir,
                                        GError             **error);
gboolean tm_file_check_output_folder   (const char          *dir,
                                        const char * const  *names,
                                        const char          *data_dir,
                                        GError             **error);
gboolean tm_file_check_private         (const char          *path,
                                        GError             **error);
void     tm_file_set_write_error       (GError             **error,
                                        const char          *what,
                                        const char          *path,
                                        int                  saved_errno);
gboolean tm_file_read_bounded          (const char          *path,
                                        gsize                limit,
                                        char               **contents,
                                        gsize               *length,
                                        GError             **error);

void     tm_file_set_export_error      (GError             **error,
                                        const char          *path,
                                        int                  saved_errno);

gboolean tm_file_is_temporary_name     (const char          *name,
                                        const char          *target);
void     tm_file_remove_stale_temporaries (const char       *dir,
                                           const char       *target);
void     tm_file_sync_folder_of        (const char          *path);
void     tm_file_remove_tree           (const char          *path);

typedef struct _TmPendingFile TmPendingFile;

TmPendingFile *tm_pending_file_new           (const char     *path);
int            tm_pending_file_get_fd        (TmPendingFile  *file);
const char    *tm_pending_file_get_path      (TmPendingFile  *file);
const char    *tm_pending_file_get_temporary (TmPendingFile  *file);
gboolean       tm_pending_file_write         (TmPendingFile  *file,
                                              const void     *bytes,
                                              gsize           length);
gboolean       tm_pending_file_close         (TmPendingFile  *file);
gboolean       tm_pending_file_commit        (TmPendingFile  *file);
void           tm_pending_file_free          (TmPendingFile  *file);
gboolean       tm_pending_files_commit_together (TmPendingFile **files,
                                                 guint           n_files,
                                                 GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmPendingFile, tm_pending_file_free)

/* For tests only: stand-ins for the calls whose failures a test can't
 * bring about (a rename failing half-way, chmod failing for root). NULL
 * members, or NULL, mean the real ones. */
typedef struct
{
  int (*rename) (const char *from,
                 const char *to);
  int (*chmod)  (const char *path,
                 int         mode);
} TmFileCalls;

void tm_file_set_calls_for_testing (const TmFileCalls *calls);

G_END_DECLS
