/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Response and remission on the PHQ-9, against one baseline: the
 * pre-treatment total the clinician entered in the plan editor, else the
 * first PHQ-9 ever recorded (DESIGN.md, Review with the therapist). */
#define G_LOG_DOMAIN "tm-response"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-plan.h"
#include "tm-questionnaire.h"
#include "tm-response.h"

/**
 * tm_phq9_is_response:
 *
 * Whether a PHQ-9 @total is down by at least half from @baseline.
 */
gboolean
tm_phq9_is_response (int baseline,
                     int total)
{
  if (baseline <= 0 || total < 0)
    return FALSE;
  /* In whole numbers: (baseline − total) / baseline ≥ 50 %. */
  return (baseline - total) * 100 >= baseline * TM_RESPONSE_PERCENT;
}

/* Whether a PHQ-9 @total is below 5. */
gboolean
tm_phq9_is_remission (int total)
{
  return total >= 0 && total < TM_REMISSION_BELOW;
}

/**
 * tm_phq9_get_response_at_most:
 *
 * Returns: the highest total that is a response against @baseline, or
 *   -1 when none can be (a baseline of 0)
 */
int
tm_phq9_get_response_at_most (int baseline)
{
  int total = baseline;

  while (total >= 0 && !tm_phq9_is_response (baseline, total))
    total--;
  return total;
}

/**
 * tm_phq9_find_baseline:
 * @plans: (element-type TmPlan)
 * @questionnaires: (element-type TmQuestionnaire) (nullable): any order
 * @baseline: (out caller-allocates)
 *
 * Finds the PHQ-9 total response is judged against: the pre-treatment
 * total the clinician entered, else the first PHQ-9 ever.
 */
void
tm_phq9_find_baseline (GPtrArray      *plans,
                       GPtrArray      *questionnaires,
                       TmPhq9Baseline *baseline)
{
  int pre = tm_plans_get_pre_phq9 (plans);
  const TmQuestionnaire *first = NULL;

  baseline->day[0] = '\0';
  baseline->entered = pre != TM_UNSET;
  baseline->total = pre;
  if (pre != TM_UNSET)
    return;

  for (guint i = 0; questionnaires != NULL && i < questionnaires->len; i++)
    {
      const TmQuestionnaire *q = questionnaires->pdata[i];

      if (q->kind != TM_QUESTIONNAIRE_PHQ9)
        continue;
      if (first == NULL || strcmp (q->day, first->day) < 0 || (strcmp (q->day, first->day) == 0 && q->id < first->id))
        first = q;
    }
  if (first == NULL)
    return;
  g_strlcpy (baseline->day, first->day, sizeof baseline->day);
  baseline->total = first->total;
}

/**
 * tm_phq9_baseline_describe:
 *
 * Returns: (transfer full) (nullable): which baseline it is, "the
 *   pre-treatment PHQ-9 entered in the plan (20)" or "the first PHQ-9
 *   recorded (20 on Tuesday 3 March 2026)"; %NULL without any
 */
char *
tm_phq9_baseline_describe (const TmPhq9Baseline *baseline)
{
  g_autofree char *date = NULL;

  if (baseline->total == TM_UNSET)
    return NULL;
  if (baseline->entered)
    /* Translators: the baseline a PHQ-9 is compared with */
    return g_strdup_printf (_("the pre-treatment PHQ-9 entered in the plan (%d)"), baseline->total);
  date = tm_day_format_long (baseline->day);
  /* Translators: the baseline a PHQ-9 is compared with, when no pre-treatment total was entered:
   * "the first PHQ-9 recorded (20 on Tuesday 3 March 2026)" */
  return g_strdup_printf (_("the first PHQ-9 recorded (%d on %s)"), baseline->total, date);
}

/**
 * tm_phq9_describe_lines:
 *
 * Returns: (transfer full) (nullable): the PHQ-9 chart's lines in words,
 *   with the baseline response is judged against: "Response: 10 or less,
 *   half of the baseline, the pre-treatment PHQ-9 entered in the plan
 *   (20). Remission: below 5."; %NULL without any baseline
 */
char *
tm_phq9_describe_lines (const TmPhq9Baseline *baseline)
{
  g_autofree char *which = tm_phq9_baseline_describe (baseline);
  int at_most;

  if (which == NULL)
    return NULL;
  at_most = tm_phq9_get_response_at_most (baseline->total);
  if (at_most < 0)
    /* Translators: "Remission: below 5." */
    return g_strdup_printf (_("Remission: below %d."), TM_REMISSION_BELOW);
  /* Translators: "Response: 10 or less, half of the baseline, the pre-treatment PHQ-9 entered in the
   * plan (20). Remission: below 5." */
  return g_strdup_printf (_("Response: %d or less, half of the baseline, %s. Remission: below %d."), at_most,
                          which, TM_REMISSION_BELOW);
}
