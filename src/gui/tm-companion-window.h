/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-companion-service.h"
#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_COMPANION_WINDOW (tm_companion_window_get_type ())
G_DECLARE_FINAL_TYPE (TmCompanionWindow, tm_companion_window, TM, COMPANION_WINDOW, AdwWindow)

TmCompanionWindow *tm_companion_window_new     (GtkApplication     *application,
                                                TmContext          *context,
                                                TmCompanionService *service);
void               tm_companion_window_refresh (TmCompanionWindow  *self);
const char        *tm_companion_window_get_page (TmCompanionWindow *self);

G_END_DECLS
