/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The optional daily question. Whether it is asked is kept with the data
 * (the meta table), not in GSettings: it is a choice about this person's
 * care, made with their clinician, and it goes with the record — into its
 * backups and back with a restore — while another data folder (the demo,
 * --data-dir) has its own. A check-in's self_harm is empty exactly when
 * the question was not asked. */
#define G_LOG_DOMAIN "tm-daily-question"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-daily-question.h"

#define KEY_ON      "daily-question"
#define KEY_OFFERED "daily-question-offered"

/* The question, in DESIGN.md's words (not C-SSRS's). */
const char *
tm_daily_question_get_text (void)
{
  return _("Have you had thoughts that you would be better off dead or of hurting yourself?");
}

static gboolean
get_flag (TmStore    *store,
          const char *key)
{
  g_autofree char *value = tm_store_get_meta (store, key);

  return g_strcmp0 (value, "1") == 0;
}

/* Whether the check-in asks the question; off until turned on. */
gboolean
tm_daily_question_is_on (TmStore *store)
{
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  return get_flag (store, KEY_ON);
}

/* Turns the question on or off; either counts as offered. */
gboolean
tm_daily_question_set_on (TmStore   *store,
                          gboolean   on,
                          GError   **error)
{
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  return tm_store_set_meta (store, KEY_OFFERED, "1", error) &&
         tm_store_set_meta (store, KEY_ON, on ? "1" : "0", error);
}

/* Whether the question was offered: answered either way, or dismissed. */
gboolean
tm_daily_question_was_offered (TmStore *store)
{
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  return get_flag (store, KEY_OFFERED);
}

/* Offered and dismissed ("Not now"): it stays off, and isn't offered again. */
gboolean
tm_daily_question_set_offered (TmStore  *store,
                               GError  **error)
{
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  return tm_store_set_meta (store, KEY_OFFERED, "1", error);
}
