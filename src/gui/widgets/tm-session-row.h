/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-session-status.h"
#include "tm-session.h"

G_BEGIN_DECLS

#define TM_TYPE_SESSION_ROW (tm_session_row_get_type ())
G_DECLARE_FINAL_TYPE (TmSessionRow, tm_session_row, TM, SESSION_ROW, GtkWidget)

GtkWidget *tm_session_row_new         (void);
void       tm_session_row_set_session (TmSessionRow          *self,
                                       TmSession             *session,
                                       const TmSessionStatus *status);

void          tm_session_row_set_hide_notes (TmSessionRow *self,
                                             gboolean      hide_notes);

G_END_DECLS
