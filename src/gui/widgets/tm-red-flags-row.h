/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TM_TYPE_RED_FLAGS_ROW (tm_red_flags_row_get_type ())
G_DECLARE_FINAL_TYPE (TmRedFlagsRow, tm_red_flags_row, TM, RED_FLAGS_ROW, AdwExpanderRow)

guint tm_red_flags_row_get_red_flags (TmRedFlagsRow *self);
void  tm_red_flags_row_set_red_flags (TmRedFlagsRow *self,
                                      guint          red_flags);

G_END_DECLS
