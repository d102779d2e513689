/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-companion-service.h"
#include "tm-reminder-service.h"
#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_APPLICATION (tm_application_get_type ())
G_DECLARE_FINAL_TYPE (TmApplication, tm_application, TM, APPLICATION, AdwApplication)

TmApplication *tm_application_new       (void);
TmReminderService *tm_application_get_reminder (TmApplication *self);
TmCompanionService *tm_application_get_companion (TmApplication *self);
TmStore       *tm_application_get_store (TmApplication *self);
void           tm_application_mark_start_up (const char *phase);

G_END_DECLS
