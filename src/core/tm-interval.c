/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence about the interval (DESIGN.md): per plan period, its dosing
 * cycles, its after-dose curve, the dip from the early to the late days
 * of a cycle with its 95 % interval, the share of days well below the
 * person's baseline, PHQ-9 first and last, missed and beyond-plan
 * sessions. A pure function of the record.
 *
 * The cycle is the unit of the dip: check-ins within one cycle are not
 * independent, so each cycle gives one difference (its early mean minus
 * its late mean) and the interval comes from Student's t over cycles.
 *
 * Which days belong where: a cycle belongs to the period of its session,
 * and so do the check-ins in it (a plan changed mid-interval leaves the
 * rest of that cycle with the old plan); the period's own figures (days,
 * check-ins, mean mood, below-baseline share, PHQ-9, missed, beyond the
 * plan) count the calendar days of the period. */
#define G_LOG_DOMAIN "tm-interval"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-interval.h"
#include "tm-schedule.h"
#include "tm-statistics.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_checkins (gconstpointer a,
                  gconstpointer b)
{
  return strcmp ((*(TmCheckin * const *) a)->day, (*(TmCheckin * const *) b)->day);
}

/* The record's check-ins with a mood, by day. */
static GPtrArray *
sorted_checkins (const TmChartRecord *record)
{
  GPtrArray *sorted = g_ptr_array_new ();

  gboolean in_order = TRUE;

  for (guint i = 0; record->checkins != NULL && i < record->checkins->len; i++)
    {
      TmCheckin *checkin = record->checkins->pdata[i];

      if (checkin->mood < 0)
        continue;
      if (sorted->len > 0 && strcmp (((TmCheckin *) sorted->pdata[sorted->len - 1])->day, checkin->day) > 0)
        in_order = FALSE;
      g_ptr_array_add (sorted, checkin);
    }
  /* The store lists them by day already. */
  if (!in_order)
    g_ptr_array_sort (sorted, compare_checkins);
  return sorted;
}

/* The day of each session of the record (NULL when it has none), in the
 * record's order: worked out once, since it means parsing an instant. */
static GPtrArray *
day_of_each_session (const TmChartRecord *record)
{
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; record->sessions != NULL && i < record->sessions->len; i++)
    g_ptr_array_add (days, tm_session_get_day (record->sessions->pdata[i]));
  return days;
}

/* Every day with a session, once, in order (pointing into @day_of_session). */
static GPtrArray *
session_days (GPtrArray *day_of_session)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *days = g_ptr_array_new ();

  for (guint i = 0; i < day_of_session->len; i++)
    if (day_of_session->pdata[i] != NULL)
      g_ptr_array_add (all, day_of_session->pdata[i]);
  g_ptr_array_sort (all, compare_strings);
  for (guint i = 0; i < all->len; i++)
    if (days->len == 0 || strcmp (days->pdata[days->len - 1], all->pdata[i]) != 0)
      g_ptr_array_add (days, all->pdata[i]);
  return days;
}

/* The first check-in on or after @day in @checkins (by day), or their count. */
static guint
first_checkin_from (GPtrArray  *checkins,
                    const char *day)
{
  guint lo = 0, hi = checkins->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (((TmCheckin *) checkins->pdata[mid])->day, day) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The latest session day on or before @day, or NULL. */
static const char *
latest_session_on (GPtrArray  *days,
                   const char *day)
{
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (days->pdata[mid], day) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? days->pdata[lo - 1] : NULL;
}

static gboolean
in_days (const char *day,
         const char *from,
         const char *end)
{
  return strcmp (day, from) >= 0 && strcmp (day, end) < 0;
}

static void
clear_cycle (gpointer data)
{
  g_clear_pointer (&((TmCycle *) data)->moods, g_array_unref);
}

static void
clear_period (gpointer data)
{
  TmIntervalPeriod *period = data;

  g_clear_pointer (&period->cycles, g_array_unref);
  g_clear_pointer (&period->curve, g_array_unref);
}

/* The cycles whose sessions are in [@period->from, @end): from each
 * session day to the day before the next, at most the interval, and not
 * past today; with their early and late means. */
static void
find_cycles (TmIntervalPeriod *period,
             GPtrArray        *days,
             GPtrArray        *checkins,
             const char       *end,
             const char       *today)
{
  period->cycles = g_array_new (FALSE, TRUE, sizeof (TmCycle));
  g_array_set_clear_func (period->cycles, clear_cycle);

  for (guint i = 0; i < days->len; i++)
    {
      const char *start = days->pdata[i];
      TmCycle cycle = { { 0 } };
      double early = 0, late = 0;
      /* Without a plan, a cycle runs to the next session. */
      int last_k = period->interval > 0 ? period->interval - 1 : G_MAXINT;

      if (!in_days (start, period->from, end))
        continue;
      if (i + 1 < days->len)
        last_k = MIN (last_k, tm_day_diff (start, days->pdata[i + 1]) - 1);
      last_k = MIN (last_k, tm_day_diff (start, today));

      g_strlcpy (cycle.start, start, sizeof cycle.start);
      cycle.n_days = last_k + 1;
      cycle.moods = g_array_new (FALSE, FALSE, sizeof (TmCycleMood));
      for (guint c = first_checkin_from (checkins, start); c < checkins->len; c++)
        {
          TmCheckin *checkin = checkins->pdata[c];
          TmCycleMood mood = { tm_day_diff (start, checkin->day), checkin->mood };

          if (mood.k > last_k)
            break;
          g_array_append_val (cycle.moods, mood);
          if (mood.k < period->early_end)
            early += mood.mood, cycle.n_early++;
          else if (mood.k >= period->late_start && mood.k < period->interval)
            late += mood.mood, cycle.n_late++;
        }
      cycle.early_mean = cycle.n_early > 0 ? early / cycle.n_early : NAN;
      cycle.late_mean = cycle.n_late > 0 ? late / cycle.n_late : NAN;
      g_array_append_val (period->cycles, cycle);
    }
}

/* The dip: the mean over cycles with early and late check-ins of early −
 * late, with its 95 % interval from Student's t; shown with enough cycles. */
static void
find_dip (TmIntervalPeriod *period)
{
  double sum = 0, squares = 0, mean, sd, half;
  int n = 0;

  for (guint i = 0; i < period->cycles->len; i++)
    {
      const TmCycle *cycle = &g_array_index (period->cycles, TmCycle, i);

      if (cycle->n_early > 0 && cycle->n_late > 0)
        {
          double d = cycle->early_mean - cycle->late_mean;

          sum += d;
          squares += d * d;
          n++;
        }
    }

  period->n_dip_cycles = n;
  period->dip = period->dip_low = period->dip_high = NAN;
  if (n < TM_INTERVAL_MIN_CYCLES)
    {
      period->more_cycles_needed = TM_INTERVAL_MIN_CYCLES - n;
      return;
    }

  mean = sum / n;
  sd = sqrt (MAX (0.0, (squares - n * mean * mean) / (n - 1)));
  half = tm_student_t_quantile (1 - (1 - TM_INTERVAL_CONFIDENCE) / 2, n - 1) * sd / sqrt (n);
  period->has_dip = TRUE;
  period->dip = mean;
  period->dip_low = mean - half;
  period->dip_high = mean + half;
}

/* The after-dose curve of check-ins whose latest session is in the period. */
static void
find_curve (TmIntervalPeriod *period,
            GPtrArray        *days,
            GPtrArray        *checkins,
            const char       *end)
{
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (double) * 3);
  g_autoptr(GArray) cycles = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GArray) last_cycle = g_array_new (FALSE, TRUE, sizeof (const char *));

  period->curve = g_array_new (FALSE, TRUE, sizeof (TmIntervalPoint));
  /* Check-ins before the period have their latest session before it too. */
  for (guint i = first_checkin_from (checkins, period->from); i < checkins->len; i++)
    {
      TmCheckin *checkin = checkins->pdata[i];
      const char *session = latest_session_on (days, checkin->day);
      double *sum;
      guint k;

      if (session == NULL || strcmp (session, period->from) < 0)
        continue;
      /* From here on, every latest session is past the period. */
      if (strcmp (session, end) >= 0)
        break;
      k = (guint) tm_day_diff (session, checkin->day);
      if (k >= sums->len)
        {
          g_array_set_size (sums, k + 1);
          g_array_set_size (cycles, k + 1);
          g_array_set_size (last_cycle, k + 1);
        }
      sum = &g_array_index (sums, double, k * 3);
      sum[0] += 1, sum[1] += checkin->mood, sum[2] += (double) checkin->mood * checkin->mood;
      /* Check-ins come by day, so a cycle's come together. */
      if (g_array_index (last_cycle, const char *, k) != session)
        {
          g_array_index (last_cycle, const char *, k) = session;
          g_array_index (cycles, int, k)++;
        }
    }

  for (guint k = 0; k < sums->len; k++)
    {
      const double *sum = &g_array_index (sums, double, k * 3);
      TmIntervalPoint point = { (int) k, (int) sum[0], g_array_index (cycles, int, k) };

      if (sum[0] == 0)
        continue;
      point.mean = sum[1] / sum[0];
      point.sd = sqrt (MAX (0.0, sum[2] / sum[0] - point.mean * point.mean));
      g_array_append_val (period->curve, point);
    }
}

/* The period's own days: check-ins, their mean and spread, the share
 * well below the baseline, PHQ-9 first and last. */
static void
find_period_figures (TmIntervalPeriod    *period,
                     const TmChartRecord *record,
                     GPtrArray           *checkins,
                     const char          *end,
                     double               baseline)
{
  double sum = 0, squares = 0;
  int below = 0;

  for (guint c = first_checkin_from (checkins, period->from); c < checkins->len; c++)
    {
      TmCheckin *checkin = checkins->pdata[c];

      if (strcmp (checkin->day, end) >= 0)
        break;
      period->n_checkins++;
      sum += checkin->mood, squares += (double) checkin->mood * checkin->mood;
      if (!isnan (baseline) && checkin->mood <= baseline - TM_INTERVAL_BELOW_BY)
        below++;
    }
  period->mean_mood = period->sd_mood = period->below_share = NAN;
  if (period->n_checkins > 0)
    {
      period->mean_mood = sum / period->n_checkins;
      period->sd_mood = sqrt (MAX (0.0, squares / period->n_checkins - period->mean_mood * period->mean_mood));
      if (!isnan (baseline))
        period->below_share = (double) below / period->n_checkins;
    }

  period->phq9_first = period->phq9_last = -1;
  for (guint i = 0; record->questionnaires != NULL && i < record->questionnaires->len; i++)
    {
      TmQuestionnaire *q = record->questionnaires->pdata[i];

      if (q->kind != TM_QUESTIONNAIRE_PHQ9 || !in_days (q->day, period->from, end))
        continue;
      if (period->phq9_first < 0 || strcmp (q->day, period->phq9_first_day) < 0)
        {
          period->phq9_first = q->total;
          g_strlcpy (period->phq9_first_day, q->day, sizeof period->phq9_first_day);
        }
      if (period->phq9_last < 0 || strcmp (q->day, period->phq9_last_day) >= 0)
        {
          period->phq9_last = q->total;
          g_strlcpy (period->phq9_last_day, q->day, sizeof period->phq9_last_day);
        }
    }
}

/* Planned days of the period that were missed, and its sessions that
 * matched no planned day. */
static void
count_missed_and_beyond (TmIntervalPeriod    *period,
                         GPtrArray           *day_of_session,
                         const TmSchedule    *schedule,
                         const char          *end)
{
  for (guint i = 0; i < schedule->planned->len; i++)
    {
      const TmPlannedDay *p = &g_array_index (schedule->planned, TmPlannedDay, i);

      if (p->status == TM_PLANNED_MISSED && in_days (p->day, period->from, end))
        period->n_missed++;
    }
  for (guint i = 0; i < day_of_session->len; i++)
    {
      const char *day = day_of_session->pdata[i];

      if (day != NULL && g_array_index (schedule->session_status, int, i) < 0 &&
          in_days (day, period->from, end))
        period->n_beyond++;
    }
}

/* The mean mood of the first 28 days of the record, or NAN. */
static double
first_days_mean (GPtrArray  *checkins,
                 GPtrArray  *days)
{
  const char *first = NULL;
  g_autofree char *end = NULL;
  double sum = 0;
  int n = 0;

  if (checkins->len > 0)
    first = ((TmCheckin *) checkins->pdata[0])->day;
  if (days->len > 0 && (first == NULL || strcmp (days->pdata[0], first) < 0))
    first = days->pdata[0];
  if (first == NULL)
    return NAN;

  end = tm_day_add (first, TM_INTERVAL_BASELINE_DAYS);
  for (guint c = 0; c < checkins->len; c++)
    {
      TmCheckin *checkin = checkins->pdata[c];

      if (strcmp (checkin->day, end) >= 0)
        break;
      sum += checkin->mood;
      n++;
    }
  return n > 0 ? sum / n : NAN;
}

/**
 * tm_interval_evidence_new:
 * @today: the day that ends the last period
 * @entered_baseline: the pre-treatment mood the clinician entered, or NAN
 *
 * The evidence about the interval in @record, for every plan period.
 */
TmIntervalEvidence *
tm_interval_evidence_new (const TmChartRecord *record,
                          const char          *today,
                          double               entered_baseline)
{
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) day_of_session = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GArray) plan_periods = NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  g_autofree char *after_today = NULL;
  TmIntervalEvidence *evidence;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (tm_day_is_valid (today), NULL);

  checkins = sorted_checkins (record);
  day_of_session = day_of_each_session (record);
  days = session_days (day_of_session);
  after_today = tm_day_add (today, 1);
  schedule = tm_schedule_new (record->plans, record->plan_dates, record->sessions, after_today, today);
  plan_periods = tm_schedule_list_periods (record->plans);

  evidence = g_new0 (TmIntervalEvidence, 1);
  evidence->baseline_entered = !isnan (entered_baseline);
  evidence->baseline = evidence->baseline_entered ? entered_baseline : first_days_mean (checkins, days);
  evidence->periods = g_array_new (FALSE, TRUE, sizeof (TmIntervalPeriod));
  g_array_set_clear_func (evidence->periods, clear_period);

  /* Sessions before any plan was entered make a period of their own,
   * without an interval. */
  if (days->len > 0 && (plan_periods->len == 0 ||
                        strcmp (days->pdata[0], g_array_index (plan_periods, TmPlanPeriod, 0).from) < 0))
    {
      TmPlanPeriod before = { NULL };

      g_strlcpy (before.from, days->pdata[0], sizeof before.from);
      if (plan_periods->len > 0)
        g_strlcpy (before.until, g_array_index (plan_periods, TmPlanPeriod, 0).from, sizeof before.until);
      g_array_prepend_val (plan_periods, before);
    }

  for (guint i = 0; i < plan_periods->len; i++)
    {
      const TmPlanPeriod *p = &g_array_index (plan_periods, TmPlanPeriod, i);
      const char *end = p->until[0] != '\0' && strcmp (p->until, after_today) < 0 ? p->until : after_today;
      TmIntervalPeriod period = { p->plan, p->plan != NULL ? p->plan->interval_days : 0 };

      if (strcmp (p->from, today) > 0)
        continue;
      g_strlcpy (period.from, p->from, sizeof period.from);
      g_strlcpy (period.until, p->until, sizeof period.until);
      period.n_days = tm_day_diff (p->from, end);
      period.early_end = period.interval / 3;
      period.late_start = period.interval - period.interval / 3;

      find_cycles (&period, days, checkins, end, today);
      find_dip (&period);
      find_curve (&period, days, checkins, end);
      find_period_figures (&period, record, checkins, end, evidence->baseline);
      count_missed_and_beyond (&period, day_of_session, schedule, end);
      g_array_append_val (evidence->periods, period);
    }

  return evidence;
}

void
tm_interval_evidence_free (TmIntervalEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_clear_pointer (&evidence->periods, g_array_unref);
  g_free (evidence);
}

/**
 * tm_interval_period_name:
 *
 * Returns: the period for people: "every 3 weeks, from 4 June 2026"
 */
char *
tm_interval_period_name (const TmIntervalPeriod *period)
{
  g_autofree char *interval = NULL;
  g_autofree char *from = tm_day_format_long (period->from);

  if (period->plan == NULL)
    /* Translators: the sessions before any plan was entered: "without a plan, from Monday 2 March 2026" */
    return g_strdup_printf (_("without a plan, from %s"), from);

  interval = tm_plan_describe_interval (period->interval);
  /* Translators: a plan period: "every 3 weeks, from Thursday 4 June 2026" */
  return g_strdup_printf (_("%s, from %s"), interval, from);
}

/**
 * tm_interval_period_describe:
 *
 * Returns: one plain sentence on what the period's record shows about the
 *   days after a dose; it states what was recorded and never advises
 */
char *
tm_interval_period_describe (const TmIntervalPeriod *period)
{
  g_autofree char *name = tm_interval_period_name (period);
  g_autofree char *dip = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  double rounded;

  if (period->plan == NULL)
    {
      g_autofree char *from = tm_day_format_long (period->from);

      /* Translators: %s is a day */
      return g_strdup_printf (_("Before a plan was entered (from %s), there is no interval to compare the days "
                                "after a dose with."), from);
    }
  if (period->early_end == 0)
    /* Translators: %s is a plan period, "every day, from …" */
    return g_strdup_printf (_("While the plan was %s, the days after a dose are too few to compare early "
                              "and late ones."), name);

  if (!period->has_dip)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %s is a plan period; %d how many dosing cycles */
                                         "While the plan was %s, too few dosing cycles have check-ins both "
                                         "early and late to compare them: %d more is needed.",
                                         "While the plan was %s, too few dosing cycles have check-ins both "
                                         "early and late to compare them: %d more are needed.",
                                         period->more_cycles_needed),
                            name, period->more_cycles_needed);

  rounded = round (period->dip * 10) / 10;
  if (rounded >= 0)
    {
      dip = g_strdup_printf ("%.1f", fabs (rounded));
      low = g_strdup_printf ("%.1f", period->dip_low);
      high = g_strdup_printf ("%.1f", period->dip_high);
    }
  else
    {
      dip = g_strdup_printf ("%.1f", -rounded);
      low = g_strdup_printf ("%.1f", -period->dip_high);
      high = g_strdup_printf ("%.1f", -period->dip_low);
    }

  if (rounded == 0)
    /* Translators: "While the plan was every 3 weeks, from …, mood on days 14–20 after a dose
     * averaged the same as on days 0–6 (95 % interval of the difference −0.3 to 0.3; 5 dosing cycles)." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "While the plan was %s, mood on days %d–%d after a dose averaged the "
                                         "same as on days 0–%d (95 %% interval of the difference %s to %s; "
                                         "%d dosing cycle).",
                                         "While the plan was %s, mood on days %d–%d after a dose averaged the "
                                         "same as on days 0–%d (95 %% interval of the difference %s to %s; "
                                         "%d dosing cycles).",
                                         period->n_dip_cycles),
                            name, period->late_start, period->interval - 1, period->early_end - 1, low, high,
                            period->n_dip_cycles);

  return g_strdup_printf (rounded > 0
                          ? g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: "While the plan was every 3 weeks, from …, mood on days
                                          * 14–20 after a dose averaged 1.4 points lower than on days 0–6
                                          * (95 % interval 0.8 to 2.0; 5 dosing cycles)." */
                                         "While the plan was %s, mood on days %d–%d after a dose averaged %s "
                                         "points lower than on days 0–%d (95 %% interval %s to %s; %d dosing "
                                         "cycle).",
                                         "While the plan was %s, mood on days %d–%d after a dose averaged %s "
                                         "points lower than on days 0–%d (95 %% interval %s to %s; %d dosing "
                                         "cycles).",
                                         period->n_dip_cycles)
                          : g_dngettext (GETTEXT_PACKAGE,
                                         "While the plan was %s, mood on days %d–%d after a dose averaged %s "
                                         "points higher than on days 0–%d (95 %% interval %s to %s; %d dosing "
                                         "cycle).",
                                         "While the plan was %s, mood on days %d–%d after a dose averaged %s "
                                         "points higher than on days 0–%d (95 %% interval %s to %s; %d dosing "
                                         "cycles).",
                                         period->n_dip_cycles),
                          name, period->late_start, period->interval - 1, dip, period->early_end - 1, low, high,
                          period->n_dip_cycles);
}

/**
 * tm_interval_evidence_caption:
 *
 * Returns: how the evidence is worked out, the baseline it uses, and that
 *   it describes what was recorded, which other changes between periods
 *   can explain as well
 */
char *
tm_interval_evidence_caption (const TmIntervalEvidence *evidence)
{
  g_autofree char *baseline = NULL;

  if (isnan (evidence->baseline))
    baseline = g_strdup (_("No baseline is known yet."));
  else if (evidence->baseline_entered)
    /* Translators: %.1f is a mood out of 10 */
    baseline = g_strdup_printf (_("Baseline: the pre-treatment mood the clinician entered, %.1f."),
                                evidence->baseline);
  else
    /* Translators: %.1f is a mood out of 10 */
    baseline = g_strdup_printf (_("Baseline: the mean mood of the first 28 days of the record, %.1f."),
                                evidence->baseline);

  return g_strdup_printf ("%s %s %s",
    _("The after-dose curves of each plan period; a dosing cycle runs from a dose to the day before the next. "
      "Early days are the first third of the interval, late days its last third; the dip is the mean over "
      "cycles of each cycle's early minus late mean mood, shown with 4 or more cycles."),
    baseline,
    _("This describes what was recorded. Other things change between periods too (the season, other "
      "medicines, therapy), so a difference between periods does not show what caused it."));
}

/* The period table */

static char *
format_mean_sd (double mean,
                double sd)
{
  /* Translators: a mean with its standard deviation: "5.2 (SD 1.4)" */
  return isnan (mean) ? g_strdup ("—") : g_strdup_printf (_("%.1f (SD %.1f)"), mean, sd);
}

static char *
format_dip (const TmIntervalPeriod *period)
{
  if (period->early_end == 0)
    return g_strdup ("—");
  if (!period->has_dip)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "not yet: %d more cycle needed",
                                         "not yet: %d more cycles needed", period->more_cycles_needed),
                            period->more_cycles_needed);
  /* Translators: the dip with its 95 % interval: "1.4 (0.8 to 2.0)" */
  return g_strdup_printf (_("%.1f (%.1f to %.1f)"), period->dip, period->dip_low, period->dip_high);
}

static char *
format_phq9_change (const TmIntervalPeriod *period)
{
  if (period->phq9_first < 0)
    return g_strdup ("—");
  if (strcmp (period->phq9_first_day, period->phq9_last_day) == 0)
    return g_strdup_printf ("%d", period->phq9_first);
  return g_strdup_printf ("%d → %d", period->phq9_first, period->phq9_last);
}

typedef enum
{
  MEASURE_DAYS,
  MEASURE_CYCLES,
  MEASURE_CHECKINS,
  MEASURE_MOOD,
  MEASURE_DIP,
  MEASURE_BELOW,
  MEASURE_PHQ9,
  MEASURE_BEYOND,
  MEASURE_MISSED,
  N_MEASURES
} Measure;

static const char * const measure_names[N_MEASURES] = {
  N_("Days"), N_("Dosing cycles"), N_("Check-ins"), N_("Mood, mean (SD)"),
  /* xgettext:no-c-format */
  N_("Dip, early − late days (95 % interval)"),
  N_("Days at least 2 below the baseline"),
  N_("PHQ-9 first → last"), N_("Sessions beyond the plan"), N_("Planned sessions missed"),
};

static char *
format_measure (const TmIntervalPeriod *period,
                Measure                 measure)
{
  switch (measure)
    {
    case MEASURE_DAYS:
      return g_strdup_printf ("%d", period->n_days);
    case MEASURE_CYCLES:
      return g_strdup_printf ("%u", period->cycles->len);
    case MEASURE_CHECKINS:
      return g_strdup_printf ("%d", period->n_checkins);
    case MEASURE_MOOD:
      return format_mean_sd (period->mean_mood, period->sd_mood);
    case MEASURE_DIP:
      return format_dip (period);
    case MEASURE_BELOW:
      return isnan (period->below_share) ? g_strdup ("—")
                                         : g_strdup_printf ("%.0f %%", 100 * period->below_share);
    case MEASURE_PHQ9:
      return format_phq9_change (period);
    case MEASURE_BEYOND:
      return g_strdup_printf ("%d", period->n_beyond);
    case MEASURE_MISSED:
    case N_MEASURES:
    default:
      return g_strdup_printf ("%d", period->n_missed);
    }
}

/**
 * tm_interval_table_new:
 * @max_periods: how many of the newest periods to set side by side
 *
 * Returns: the period table of the newest plan periods with check-ins
 *   after a dose, oldest first; it may have no periods
 */
TmIntervalTable *
tm_interval_table_new (const TmIntervalEvidence *evidence,
                       guint                     max_periods)
{
  TmIntervalTable *table = g_new0 (TmIntervalTable, 1);

  table->periods = g_ptr_array_new ();
  table->names = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = evidence->periods->len; i-- > 0 && table->periods->len < max_periods;)
    {
      const TmIntervalPeriod *period = &g_array_index (evidence->periods, TmIntervalPeriod, i);

      if (period->plan != NULL && period->curve->len > 0)
        g_ptr_array_insert (table->periods, 0, (gpointer) period);
    }

  for (guint p = 0; p < table->periods->len; p++)
    g_ptr_array_add (table->names, tm_interval_period_name (table->periods->pdata[p]));

  for (Measure m = 0; m < N_MEASURES; m++)
    {
      GStrv row = g_new0 (char *, table->periods->len + 2);

      row[0] = g_strdup (_(measure_names[m]));
      for (guint p = 0; p < table->periods->len; p++)
        row[p + 1] = format_measure (table->periods->pdata[p], m);
      g_ptr_array_add (table->rows, row);
    }
  return table;
}

void
tm_interval_table_free (TmIntervalTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->periods);
  g_ptr_array_unref (table->names);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* The heading of the table's first column. */
const char *
tm_interval_table_heading (void)
{
  return _("Plan period");
}

/**
 * tm_interval_point_describe:
 * @k: days since the dose; a day of the period's curve
 *
 * Returns: (nullable): the point of @period's curve on day @k in words,
 *   as the pointer reads it on the chart; %NULL without one
 */
char *
tm_interval_point_describe (const TmIntervalPeriod *period,
                            int                     k)
{
  g_autofree char *name = tm_interval_period_name (period);

  for (guint i = 0; i < period->curve->len; i++)
    {
      const TmIntervalPoint *p = &g_array_index (period->curve, TmIntervalPoint, i);
      g_autofree char *counts = NULL;

      if (p->k != k)
        continue;
      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "from %d check-in", "from %d check-ins", p->n),
                                p->n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: "every 3 weeks, from …: day 14 after a dose, mean
                                            * mood 4.2 (SD 1.1), from 9 check-ins in 8 dosing cycles" */
                                           "%s: day %d after a dose, mean mood %.1f (SD %.1f), %s in %d dosing "
                                           "cycle",
                                           "%s: day %d after a dose, mean mood %.1f (SD %.1f), %s in %d dosing "
                                           "cycles",
                                           p->n_cycles),
                              name, k, p->mean, p->sd, counts, p->n_cycles);
    }
  return NULL;
}

/**
 * tm_interval_evidence_describe:
 *
 * Returns: the evidence in words, one sentence for each period of the
 *   period table, for a screen reader; says so when there is none
 */
char *
tm_interval_evidence_describe (const TmIntervalEvidence *evidence)
{
  g_autoptr(TmIntervalTable) table = tm_interval_table_new (evidence, G_MAXUINT);
  GString *text = g_string_new (NULL);

  for (guint p = 0; p < table->periods->len; p++)
    {
      g_autofree char *sentence = tm_interval_period_describe (table->periods->pdata[p]);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, sentence);
    }
  if (text->len == 0)
    g_string_append (text, _("No check-ins after a dose under a plan yet, so there is nothing to show about "
                             "the interval."));
  return g_string_free (text, FALSE);
}
