/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-progress-banner.h"
#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_WINDOW (tm_window_get_type ())
G_DECLARE_FINAL_TYPE (TmWindow, tm_window, TM, WINDOW, AdwApplicationWindow)

TmWindow  *tm_window_new       (GtkApplication *application,
                               TmStore        *store);
TmStore   *tm_window_get_store (TmWindow       *self);
TmProgressBanner *tm_window_get_progress_banner (TmWindow *self);
GtkWidget *tm_window_get_page  (TmWindow       *self,
                                const char     *name);
void       tm_window_mark_demo (TmWindow      *self);
void       tm_window_add_toast (TmWindow       *self,
                               AdwToast       *toast);
void       tm_window_show_error (TmWindow      *self,
                                 const char    *message);

/* Brings a deleted record back into the store. */
typedef gboolean (*TmRestoreFunc) (TmStore  *store,
                                   gpointer  record,
                                   GError  **error);

void       tm_window_offer_undo (TmWindow      *self,
                                 const char    *title,
                                 gpointer       record,
                                 TmRestoreFunc  restore);

G_END_DECLS
