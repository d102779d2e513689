/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tm-store.h"

G_BEGIN_DECLS

typedef GDateTime *(*TmClockFunc) (gpointer user_data);

#define TM_TYPE_REMINDER_SERVICE (tm_reminder_service_get_type ())
G_DECLARE_FINAL_TYPE (TmReminderService, tm_reminder_service, TM, REMINDER_SERVICE, GObject)

TmReminderService *tm_reminder_service_new       (GApplication      *application,
                                                  TmStore           *store,
                                                  GSettings         *settings);
void               tm_reminder_service_check     (TmReminderService *self);
void               tm_reminder_service_set_clock (TmReminderService *self,
                                                  TmClockFunc        clock,
                                                  gpointer           user_data);

G_END_DECLS
