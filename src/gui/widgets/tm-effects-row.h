/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TM_TYPE_EFFECTS_ROW (tm_effects_row_get_type ())
G_DECLARE_FINAL_TYPE (TmEffectsRow, tm_effects_row, TM, EFFECTS_ROW, AdwExpanderRow)

gboolean tm_effects_row_get_reported (TmEffectsRow *self);
guint    tm_effects_row_get_effects  (TmEffectsRow *self);
void     tm_effects_row_set_effects  (TmEffectsRow *self,
                                      guint         effects);
void     tm_effects_row_focus_checklist (TmEffectsRow *self);

G_END_DECLS
