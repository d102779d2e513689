/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-safety.h"
#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_SAFETY_PROMPTER (tm_safety_prompter_get_type ())
G_DECLARE_FINAL_TYPE (TmSafetyPrompter, tm_safety_prompter, TM, SAFETY_PROMPTER, GObject)

TmSafetyPrompter *tm_safety_prompter_new       (TmStore          *store,
                                                GtkApplication   *application);
gint64            tm_safety_prompter_raise     (TmSafetyPrompter *self,
                                                TmSafetyPrompt   *prompt);
void              tm_safety_prompter_show_help (TmSafetyPrompter *self,
                                                GtkWindow        *parent);
void              tm_safety_prompter_show_help_for_rule (TmSafetyPrompter *self,
                                                         GtkWindow        *parent,
                                                         TmRule            rule);

G_END_DECLS
