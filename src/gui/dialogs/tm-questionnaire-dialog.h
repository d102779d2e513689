/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_QUESTIONNAIRE_DIALOG (tm_questionnaire_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmQuestionnaireDialog, tm_questionnaire_dialog, TM, QUESTIONNAIRE_DIALOG, AdwWindow)

TmQuestionnaireDialog *tm_questionnaire_dialog_new   (GtkWindow             *parent,
                                                      TmContext             *context,
                                                      TmQuestionnaireKind    kind,
                                                      TmQuestionnaire       *questionnaire);
gboolean               tm_questionnaire_dialog_save  (TmQuestionnaireDialog *self);

G_END_DECLS
