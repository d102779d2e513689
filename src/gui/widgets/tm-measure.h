/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TM_TYPE_WRAP_BIN (tm_wrap_bin_get_type ())
G_DECLARE_FINAL_TYPE (TmWrapBin, tm_wrap_bin, TM, WRAP_BIN, GtkWidget)

GtkWidget *tm_wrap_bin_new (GtkWidget *child);

void tm_revealer_measure_when_shown (GtkRevealer *revealer);
void tm_expander_row_measure_when_expanded (AdwExpanderRow *row,
                                            GtkWidget      *child);

G_END_DECLS
