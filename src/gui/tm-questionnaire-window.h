/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_QUESTIONNAIRE_WINDOW (tm_questionnaire_window_get_type ())
G_DECLARE_FINAL_TYPE (TmQuestionnaireWindow, tm_questionnaire_window, TM, QUESTIONNAIRE_WINDOW, AdwWindow)

TmQuestionnaireWindow *tm_questionnaire_window_new   (GtkWindow             *parent,
                                                      TmStore               *store,
                                                      TmQuestionnaireKind    kind,
                                                      TmQuestionnaire       *questionnaire);
gboolean               tm_questionnaire_window_save  (TmQuestionnaireWindow *self);

G_END_DECLS
