/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TM_TYPE_PROGRESS_BANNER (tm_progress_banner_get_type ())
G_DECLARE_FINAL_TYPE (TmProgressBanner, tm_progress_banner, TM, PROGRESS_BANNER, GtkWidget)

void        tm_progress_banner_start      (TmProgressBanner *self,
                                           const char       *text,
                                           GCancellable     *cancellable);
void        tm_progress_banner_update     (TmProgressBanner *self,
                                           const char       *text,
                                           double            fraction);
void        tm_progress_banner_stop       (TmProgressBanner *self);
gboolean    tm_progress_banner_get_shown  (TmProgressBanner *self);
const char *tm_progress_banner_get_text   (TmProgressBanner *self);
GtkButton  *tm_progress_banner_get_cancel_button (TmProgressBanner *self);

G_END_DECLS
