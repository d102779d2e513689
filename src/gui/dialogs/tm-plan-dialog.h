/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_PLAN_DIALOG (tm_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmPlanDialog, tm_plan_dialog, TM, PLAN_DIALOG, AdwWindow)

TmPlanDialog *tm_plan_dialog_new  (GtkWindow    *parent,
                                   TmContext    *context);
gboolean      tm_plan_dialog_save (TmPlanDialog *self);

G_END_DECLS
