/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_CHECKIN_FORM (tm_checkin_form_get_type ())
G_DECLARE_FINAL_TYPE (TmCheckinForm, tm_checkin_form, TM, CHECKIN_FORM, GtkBox)

void        tm_checkin_form_load      (TmCheckinForm  *self,
                                       const char     *day,
                                       TmCheckin      *checkin);
const char *tm_checkin_form_get_day   (TmCheckinForm  *self);
TmCheckin  *tm_checkin_form_get_saved (TmCheckinForm  *self);
gboolean    tm_checkin_form_get_dirty (TmCheckinForm  *self);
gboolean    tm_checkin_form_save      (TmCheckinForm  *self,
                                       TmStore        *store,
                                       GError        **error);
void        tm_checkin_form_focus_first (TmCheckinForm *self);
void        tm_checkin_form_set_hide_note (TmCheckinForm *self,
                                           gboolean       hide_note);
void        tm_checkin_form_set_ask_self_harm (TmCheckinForm *self,
                                               gboolean       ask);

AdwMessageDialog *tm_checkin_form_new_save_question (GtkWindow  *parent,
                                                     const char *heading,
                                                     const char *body);

G_END_DECLS
