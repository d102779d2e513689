/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_WINDOW (tm_window_get_type ())
G_DECLARE_FINAL_TYPE (TmWindow, tm_window, TM, WINDOW, AdwApplicationWindow)

TmWindow  *tm_window_new         (GtkApplication *application,
                                  TmContext      *context);
TmContext *tm_window_get_context (TmWindow       *self);
GtkWidget *tm_window_get_page    (TmWindow       *self,
                                  const char     *name);
void       tm_window_mark_demo   (TmWindow       *self);

G_END_DECLS
