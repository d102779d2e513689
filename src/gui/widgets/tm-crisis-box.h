/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-safety-contacts.h"
#include "tm-safety-help.h"

G_BEGIN_DECLS

#define TM_TYPE_CRISIS_BOX (tm_crisis_box_get_type ())
G_DECLARE_FINAL_TYPE (TmCrisisBox, tm_crisis_box, TM, CRISIS_BOX, GtkWidget)

GtkWidget *tm_crisis_box_new (TmStore     *store,
                              TmHelpLines  lines);

G_END_DECLS
