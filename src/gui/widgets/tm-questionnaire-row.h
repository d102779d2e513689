/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-questionnaire.h"

G_BEGIN_DECLS

#define TM_TYPE_QUESTIONNAIRE_ROW (tm_questionnaire_row_get_type ())
G_DECLARE_FINAL_TYPE (TmQuestionnaireRow, tm_questionnaire_row, TM, QUESTIONNAIRE_ROW, GtkWidget)

GtkWidget *tm_questionnaire_row_new               (void);
void       tm_questionnaire_row_set_questionnaire (TmQuestionnaireRow *self,
                                                   TmQuestionnaire    *questionnaire);

G_END_DECLS
