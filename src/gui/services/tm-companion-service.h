/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-companion.h"
#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_COMPANION_SERVICE (tm_companion_service_get_type ())
G_DECLARE_FINAL_TYPE (TmCompanionService, tm_companion_service, TM, COMPANION_SERVICE, GObject)

TmCompanionService *tm_companion_service_new          (GApplication       *application,
                                                       TmStore            *store,
                                                       GSettings          *settings);
TmStore            *tm_companion_service_get_store    (TmCompanionService *self);
int                 tm_companion_service_get_reminder_minutes (TmCompanionService *self);
void                tm_companion_service_set_window   (TmCompanionService *self,
                                                       GtkWindow          *window);
GtkWindow          *tm_companion_service_get_window   (TmCompanionService *self);
void                tm_companion_service_check        (TmCompanionService *self);
void                tm_companion_service_withdraw     (TmCompanionService *self);

G_END_DECLS
