/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_PLAN_EDITOR (tm_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (TmPlanEditor, tm_plan_editor, TM, PLAN_EDITOR, AdwWindow)

TmPlanEditor *tm_plan_editor_new  (GtkWindow    *parent,
                                   TmStore      *store);
gboolean      tm_plan_editor_save (TmPlanEditor *self);

G_END_DECLS
