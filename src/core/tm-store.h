/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tm-checkin.h"
#include "tm-store-error.h"

G_BEGIN_DECLS

/* The schema version this Tidemark writes (PRAGMA user_version). */
#define TM_STORE_SCHEMA_VERSION 1

#define TM_STORE_FILE_NAME "tidemark.db"

#define TM_TYPE_STORE (tm_store_get_type ())
G_DECLARE_FINAL_TYPE (TmStore, tm_store, TM, STORE, GObject)

char       *tm_store_default_data_dir   (void);

TmStore    *tm_store_open               (const char  *data_dir,
                                         GError     **error);
const char *tm_store_get_data_dir       (TmStore     *self);
const char *tm_store_get_path           (TmStore     *self);

TmCheckin  *tm_store_get_checkin        (TmStore     *self,
                                         const char  *day,
                                         GError     **error);
gboolean    tm_store_save_checkin       (TmStore     *self,
                                         TmCheckin   *checkin,
                                         GError     **error);
gboolean    tm_store_delete_checkin     (TmStore     *self,
                                         TmCheckin   *checkin,
                                         GError     **error);
gboolean    tm_store_restore_checkin    (TmStore     *self,
                                         TmCheckin   *checkin,
                                         GError     **error);
GPtrArray  *tm_store_list_checkins      (TmStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
GListModel *tm_store_get_checkins       (TmStore     *self);

G_END_DECLS
