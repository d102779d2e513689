/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-store.h"

G_BEGIN_DECLS

/* The optional daily question about thoughts of self-harm (DESIGN.md,
 * Clinically right): asked on the check-in only once the person turns it
 * on, ideally with their clinician; offered once. A yes is S4. */

const char *tm_daily_question_get_text    (void);
gboolean    tm_daily_question_is_on       (TmStore   *store);
gboolean    tm_daily_question_set_on      (TmStore   *store,
                                           gboolean   on,
                                           GError   **error);
gboolean    tm_daily_question_was_offered (TmStore   *store);
gboolean    tm_daily_question_set_offered (TmStore   *store,
                                           GError   **error);

G_END_DECLS
