/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TM_DATA_LOCK_FILE_NAME "tidemark.lock"

/* How long a second writer waits for the one using the folder to finish
 * (an import, a backup) before it says the folder is in use. */
#define TM_DATA_LOCK_WAIT_MS 3000

typedef struct _TmDataLock TmDataLock;

TmDataLock *tm_data_lock_acquire    (const char  *data_dir,
                                     guint        wait_ms,
                                     GError     **error);
TmDataLock *tm_data_lock_ref        (TmDataLock  *lock);
void        tm_data_lock_unref      (TmDataLock  *lock);
gboolean    tm_data_lock_set_holder (TmDataLock  *lock,
                                     const char  *holder,
                                     GError     **error);
char       *tm_data_lock_get_holder (const char  *data_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmDataLock, tm_data_lock_unref)

G_END_DECLS
