/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-checkin.h"

G_BEGIN_DECLS

#define TM_TYPE_HISTORY_ROW (tm_history_row_get_type ())
G_DECLARE_FINAL_TYPE (TmHistoryRow, tm_history_row, TM, HISTORY_ROW, GtkWidget)

GtkWidget *tm_history_row_new         (void);
void       tm_history_row_set_checkin (TmHistoryRow *self,
                                       TmCheckin    *checkin);

G_END_DECLS
