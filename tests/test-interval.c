/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence about the interval, on small records worked by hand: the
 * cycles, the dip and its 95 % interval, the threshold of cycles, a
 * period without sessions, a plan changed mid-interval, one-off dates,
 * the baseline; and Student's t against published table values. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tm-interval.h"
#include "tm-statistics.h"

/* Records */

static char *
day_of (int n)
{
  /* Day 0 is Monday 2 March 2026. */
  return tm_day_add ("2026-03-02", n);
}

static void
add_checkin (TmChartRecord *record,
             int            day,
             int            mood)
{
  g_autofree char *d = day_of (day);
  TmCheckin *c = tm_checkin_new (d);

  c->mood = mood;
  g_ptr_array_add (record->checkins, c);
}

static void
add_session (TmChartRecord *record,
             int            day)
{
  g_autofree char *d = day_of (day);
  g_autofree char *instant = tm_instant_from_local (d, 9, 0, NULL);
  TmSession *s = tm_session_new ();

  tm_session_set_taken_at (s, instant);
  s->dose_mg = 50;
  g_ptr_array_add (record->sessions, s);
}

static void
add_plan (TmChartRecord *record,
          int            from,
          int            interval)
{
  g_autofree char *d = day_of (from);
  TmPlan *plan = tm_plan_new (d);

  plan->id = record->plans->len + 1;
  plan->interval_days = interval;
  plan->dose_mg = 50;
  plan->tolerance_days = 1;
  g_ptr_array_add (record->plans, plan);
}

static void
add_plan_date (TmChartRecord  *record,
               int             day,
               TmPlanDateKind  kind)
{
  g_autofree char *d = day_of (day);

  g_ptr_array_add (record->plan_dates, tm_plan_date_new (d, kind));
}

static TmIntervalEvidence *
evidence_until (TmChartRecord *record,
                int            today,
                double         baseline)
{
  g_autofree char *d = day_of (today);

  return tm_interval_evidence_new (record, d, baseline);
}

static const TmIntervalPeriod *
period_at (TmIntervalEvidence *evidence,
           guint               i)
{
  g_assert_cmpuint (i, <, evidence->periods->len);
  return &g_array_index (evidence->periods, TmIntervalPeriod, i);
}

/* Every 21 days from day 0, four doses; early days are 0–6, late 14–20.
 * Each cycle's early mean minus its late mean:
 *   cycle 1: (7 + 7) / 2 − 5       = 2
 *   cycle 2: 6 − (5 + 5) / 2       = 1
 *   cycle 3: 8 − 5                 = 3
 *   cycle 4: 7 − 5                 = 2
 * dip = 2.0; sample SD = √((0 + 1 + 1 + 0) / 3) = 0.816497; standard error
 * 0.408248; t(0.975, 3) = 3.182446; half-width 1.299226: 0.700774 to 3.299226.
 * Day 10 of cycle 1 is neither early nor late. */
static TmChartRecord *
four_cycles (int n_cycles)
{
  TmChartRecord *record = tm_chart_record_new ();
  const int early[4][2] = { { 7, 7 }, { 6, -1 }, { 8, -1 }, { 7, -1 } };
  const int late[4][2] = { { 5, -1 }, { 5, 5 }, { 5, -1 }, { 5, -1 } };

  add_plan (record, 0, 21);
  for (int c = 0; c < n_cycles; c++)
    {
      int start = 21 * c;

      add_session (record, start);
      for (int i = 0; i < 2; i++)
        {
          if (early[c][i] >= 0)
            add_checkin (record, start + i, early[c][i]);
          if (late[c][i] >= 0)
            add_checkin (record, start + 15 + i, late[c][i]);
        }
    }
  add_checkin (record, 10, 9);
  return record;
}

static void
test_dip_by_hand (void)
{
  g_autoptr(TmChartRecord) record = four_cycles (4);
  g_autoptr(TmIntervalEvidence) evidence = evidence_until (record, 83, NAN);
  const TmIntervalPeriod *period = period_at (evidence, 0);
  g_autofree char *sentence = NULL;

  g_assert_cmpuint (evidence->periods->len, ==, 1);
  g_assert_cmpint (period->interval, ==, 21);
  g_assert_cmpint (period->early_end, ==, 7);
  g_assert_cmpint (period->late_start, ==, 14);
  g_assert_cmpuint (period->cycles->len, ==, 4);
  g_assert_cmpint (g_array_index (period->cycles, TmCycle, 0).n_days, ==, 21);
  g_assert_cmpfloat_with_epsilon (g_array_index (period->cycles, TmCycle, 0).early_mean, 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (period->cycles, TmCycle, 1).late_mean, 5.0, 1e-12);
  /* The last cycle ends today: day 63 to day 83. */
  g_assert_cmpint (g_array_index (period->cycles, TmCycle, 3).n_days, ==, 21);

  g_assert_true (period->has_dip);
  g_assert_cmpint (period->n_dip_cycles, ==, 4);
  g_assert_cmpfloat_with_epsilon (period->dip, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (period->dip_low, 0.700774, 1e-5);
  g_assert_cmpfloat_with_epsilon (period->dip_high, 3.299226, 1e-5);

  sentence = tm_interval_period_describe (period);
  g_assert_nonnull (strstr (sentence, "every 3 weeks, from Monday 2 March 2026"));
  g_assert_nonnull (strstr (sentence, "mood on days 14–20 after a dose averaged 2.0 points lower than on "
                                      "days 0–6 (95 % interval 0.7 to 3.3; 4 dosing cycles)."));
  g_assert_null (strstr (sentence, "should"));
}

/* The period table and the point under the pointer, in the words the
 * Trends page and the report show, from the four cycles above: 11
 * check-ins (10 early or late, one on day 10), mood mean
 * (7+7+5 + 6+5+5 + 8+5 + 7+5 + 9) / 11 = 69 / 11 = 6.27; the
 * baseline is the mean of days 0–27, (7+7+5+9+6) / 5 = 6.8, and the
 * days at or below 4.8 are none. */
static void
test_table (void)
{
  g_autoptr(TmChartRecord) record = four_cycles (4);
  g_autoptr(TmIntervalEvidence) evidence = evidence_until (record, 83, NAN);
  g_autoptr(TmIntervalTable) table = tm_interval_table_new (evidence, 4);
  g_autofree char *point = NULL;
  g_autofree char *described = NULL;
  const char * const expected[][2] = {
    { "Days", "84" },
    { "Dosing cycles", "4" },
    { "Check-ins", "11" },
    { "Mood, mean (SD)", NULL },
    { "Dip, early − late days (95 % interval)", "2.0 (0.7 to 3.3)" },
    { "Days at least 2 below the baseline", "0 %" },
    { "PHQ-9 first → last", "—" },
    { "Sessions beyond the plan", "0" },
    { "Planned sessions missed", "0" },
  };

  g_assert_cmpstr (tm_interval_table_heading (), ==, "Plan period");
  g_assert_cmpuint (table->periods->len, ==, 1);
  g_assert_cmpstr (table->names->pdata[0], ==, "every 3 weeks, from Monday 2 March 2026");
  g_assert_cmpuint (table->rows->len, ==, G_N_ELEMENTS (expected));
  for (guint m = 0; m < G_N_ELEMENTS (expected); m++)
    {
      GStrv row = table->rows->pdata[m];

      g_assert_cmpuint (g_strv_length (row), ==, 2);
      g_assert_cmpstr (row[0], ==, expected[m][0]);
      if (expected[m][1] != NULL)
        g_assert_cmpstr (row[1], ==, expected[m][1]);
    }
  g_assert_true (g_str_has_prefix (((GStrv) table->rows->pdata[3])[1], "6.3 (SD "));

  /* Day 0: four cycles at 7, 6, 8, 7. */
  point = tm_interval_point_describe (table->periods->pdata[0], 0);
  g_assert_cmpstr (point, ==, "every 3 weeks, from Monday 2 March 2026: day 0 after a dose, mean mood 7.0 "
                              "(SD 0.7), from 4 check-ins in 4 dosing cycles");
  g_assert_null (tm_interval_point_describe (table->periods->pdata[0], 12));

  /* For a screen reader: the sentence of each period of the table. */
  described = tm_interval_evidence_describe (evidence);
  {
    g_autofree char *sentence = tm_interval_period_describe (table->periods->pdata[0]);

    g_assert_cmpstr (described, ==, sentence);
  }

  /* At most the newest periods asked for; none before any plan. */
  {
    g_autoptr(TmIntervalTable) none = tm_interval_table_new (evidence, 0);
    g_autoptr(TmChartRecord) empty = tm_chart_record_new ();
    g_autoptr(TmIntervalEvidence) nothing = evidence_until (empty, 10, NAN);
    g_autofree char *nothing_said = tm_interval_evidence_describe (nothing);

    g_assert_cmpuint (none->periods->len, ==, 0);
    g_assert_cmpuint (none->rows->len, ==, G_N_ELEMENTS (expected));
    g_assert_true (g_str_has_prefix (nothing_said, "No check-ins after a dose under a plan yet"));
  }
}

/* The pre-treatment mood the clinician entered in the plan editor is the
 * baseline, as the chart data reads the record: with 9 entered, the days
 * at 7 or below are 9 of the 11 (all but the 8 and the 9). */
static void
test_entered_baseline (void)
{
  g_autoptr(TmChartRecord) record = four_cycles (4);
  g_autoptr(TmChartData) data = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *from = day_of (0);
  g_autofree char *to = day_of (83);
  const TmIntervalPeriod *period;

  TM_PLAN (record->plans->pdata[0])->pre_mood = 9;
  data = tm_chart_data_new (record, from, to, to);
  g_assert_true (data->after_dose->baseline_entered);
  g_assert_cmpfloat (data->after_dose->baseline, ==, 9);
  period = period_at (data->after_dose, 0);
  g_assert_cmpfloat_with_epsilon (period->below_share, 9.0 / 11, 1e-9);
  caption = tm_interval_evidence_caption (data->after_dose);
  g_assert_nonnull (strstr (caption, "Baseline: the pre-treatment mood the clinician entered, 9.0."));

  /* Without one: the mean of the first 28 days, (7 + 7 + 5 + 9 + 6) / 5. */
  TM_PLAN (record->plans->pdata[0])->pre_mood = TM_UNSET;
  g_clear_pointer (&data, tm_chart_data_unref);
  data = tm_chart_data_new (record, from, to, to);
  g_assert_false (data->after_dose->baseline_entered);
  g_assert_cmpfloat_with_epsilon (data->after_dose->baseline, 6.8, 1e-9);
}

/* The curve counts check-ins whose latest session is in the period, and
 * the cycles they came from. */
static void
test_curve (void)
{
  g_autoptr(TmChartRecord) record = four_cycles (4);
  g_autoptr(TmIntervalEvidence) evidence = NULL;
  const TmIntervalPeriod *period;
  const TmIntervalPoint *point;

  /* A second check-in at k = 0 in cycle 1 can't be: one per day. Two
   * cycles have k = 0 (cycles 1 … 4 all do: 7, 6, 8, 7). */
  evidence = evidence_until (record, 83, NAN);
  period = period_at (evidence, 0);
  point = &g_array_index (period->curve, TmIntervalPoint, 0);
  g_assert_cmpint (point->k, ==, 0);
  g_assert_cmpint (point->n, ==, 4);
  g_assert_cmpint (point->n_cycles, ==, 4);
  g_assert_cmpfloat_with_epsilon (point->mean, 7.0, 1e-12);
  /* Population SD of 7, 6, 8, 7: √(0.5) */
  g_assert_cmpfloat_with_epsilon (point->sd, sqrt (0.5), 1e-12);
}

/* Three cycles with early and late check-ins are not enough. */
static void
test_threshold (void)
{
  g_autoptr(TmChartRecord) record = four_cycles (3);
  g_autoptr(TmIntervalEvidence) evidence = evidence_until (record, 62, NAN);
  const TmIntervalPeriod *period = period_at (evidence, 0);
  g_autofree char *sentence = tm_interval_period_describe (period);

  g_assert_false (period->has_dip);
  g_assert_true (isnan (period->dip));
  g_assert_cmpint (period->n_dip_cycles, ==, 3);
  g_assert_cmpint (period->more_cycles_needed, ==, 1);
  g_assert_nonnull (strstr (sentence, "too few dosing cycles have check-ins both early and late to compare "
                                      "them: 1 more is needed."));
}

/* A period without a session: no cycles, no curve, four cycles needed. */
static void
test_period_without_sessions (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmIntervalEvidence) evidence = NULL;
  const TmIntervalPeriod *period;

  add_plan (record, 0, 14);
  add_checkin (record, 3, 6);
  evidence = evidence_until (record, 20, NAN);
  period = period_at (evidence, 0);
  g_assert_cmpuint (period->cycles->len, ==, 0);
  g_assert_cmpuint (period->curve->len, ==, 0);
  g_assert_cmpint (period->more_cycles_needed, ==, 4);
  g_assert_cmpint (period->n_checkins, ==, 1);
  g_assert_cmpint (period->n_days, ==, 21);
  /* Planned 0 and 14, both missed (14's window closed on day 15). */
  g_assert_cmpint (period->n_missed, ==, 2);
}

/* Every 14 days from day 0, then every 7 from day 20. The session of day
 * 14 is the old plan's; its cycle runs to day 27, past the change, and
 * the check-in of day 21 belongs to it (k = 7), not to the new period. */
static void
test_plan_changed_mid_interval (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmIntervalEvidence) evidence = NULL;
  const TmIntervalPeriod *old_period, *new_period;
  const TmCycle *cycle;

  add_plan (record, 0, 14);
  add_plan (record, 20, 7);
  add_session (record, 0);
  add_session (record, 14);
  add_checkin (record, 21, 4);
  add_checkin (record, 22, 5);
  evidence = evidence_until (record, 24, NAN);

  g_assert_cmpuint (evidence->periods->len, ==, 2);
  old_period = period_at (evidence, 0);
  new_period = period_at (evidence, 1);
  g_assert_cmpint (old_period->n_days, ==, 20);
  g_assert_cmpuint (old_period->cycles->len, ==, 2);
  cycle = &g_array_index (old_period->cycles, TmCycle, 1);
  g_assert_cmpint (cycle->n_days, ==, 11);       /* day 14 to today, day 24 */
  g_assert_cmpuint (cycle->moods->len, ==, 2);
  g_assert_cmpint (g_array_index (cycle->moods, TmCycleMood, 0).k, ==, 7);
  g_assert_cmpuint (old_period->curve->len, ==, 2);
  g_assert_cmpuint (new_period->cycles->len, ==, 0);
  g_assert_cmpuint (new_period->curve->len, ==, 0);
  /* The period's own days hold the check-ins of days 21 and 22. */
  g_assert_cmpint (old_period->n_checkins, ==, 0);
  g_assert_cmpint (new_period->n_checkins, ==, 2);
}

/* Weekly from day 0; day 7 cancelled, day 10 added. Sessions on days 0,
 * 4 (matches nothing: beyond the plan) and 10; day 14 missed, day 21 due. */
static void
test_one_off_dates (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmIntervalEvidence) evidence = NULL;
  const TmIntervalPeriod *period;

  add_plan (record, 0, 7);
  add_plan_date (record, 7, TM_PLAN_DATE_CANCELLED);
  add_plan_date (record, 10, TM_PLAN_DATE_EXTRA);
  add_session (record, 0);
  add_session (record, 4);
  add_session (record, 10);
  evidence = evidence_until (record, 21, NAN);
  period = period_at (evidence, 0);
  g_assert_cmpint (period->n_beyond, ==, 1);
  g_assert_cmpint (period->n_missed, ==, 1);
  /* The session of day 4 ends the cycle of day 0 on day 3. */
  g_assert_cmpint (g_array_index (period->cycles, TmCycle, 0).n_days, ==, 4);
}

/* The baseline the clinician entered, or the first 28 days' mean; the
 * share of days at or below it less 2. */
static void
test_baseline (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmIntervalEvidence) entered = NULL;
  g_autoptr(TmIntervalEvidence) computed = NULL;

  add_plan (record, 0, 7);
  /* Days 0–27: moods 6, 6, 8, 8 (mean 7); day 28 onwards 4, 5, 6, 9. */
  add_checkin (record, 0, 6);
  add_checkin (record, 5, 6);
  add_checkin (record, 20, 8);
  add_checkin (record, 27, 8);
  add_checkin (record, 28, 4);
  add_checkin (record, 29, 5);
  add_checkin (record, 30, 6);
  add_checkin (record, 31, 9);

  computed = evidence_until (record, 40, NAN);
  g_assert_false (computed->baseline_entered);
  g_assert_cmpfloat_with_epsilon (computed->baseline, 7.0, 1e-12);
  /* At or below 5: days 28 and 29; of 8 check-ins. */
  g_assert_cmpfloat_with_epsilon (period_at (computed, 0)->below_share, 2.0 / 8, 1e-12);

  entered = evidence_until (record, 40, 6.5);
  g_assert_true (entered->baseline_entered);
  /* At or below 4.5: day 28 only. */
  g_assert_cmpfloat_with_epsilon (period_at (entered, 0)->below_share, 1.0 / 8, 1e-12);
}

/* Student's t against published two-sided 95 % table values, and others. */
static void
test_student_t (void)
{
  const struct { double df, p, t; } table[] = {
    { 1, 0.975, 12.7062047362 }, { 2, 0.975, 4.3026527297 }, { 3, 0.975, 3.1824463053 },
    { 4, 0.975, 2.7764451052 }, { 5, 0.975, 2.5705818356 }, { 9, 0.975, 2.2621571628 },
    { 10, 0.975, 2.2281388520 }, { 20, 0.975, 2.0859634473 }, { 30, 0.975, 2.0422724563 },
    { 100, 0.975, 1.9839715185 }, { 10, 0.95, 1.8124611228 }, { 5, 0.995, 4.0321429836 },
    { 1, 0.75, 1.0 }, { 1e6, 0.975, 1.9599663 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      double t = tm_student_t_quantile (table[i].p, table[i].df);

      g_assert_cmpfloat_with_epsilon (t, table[i].t, 1e-7 * table[i].t);
      g_assert_cmpfloat_with_epsilon (tm_student_t_quantile (1 - table[i].p, table[i].df), -table[i].t,
                                      1e-7 * table[i].t);
      g_assert_cmpfloat_with_epsilon (tm_student_t_cdf (table[i].t, table[i].df), table[i].p, 1e-8);
    }
  g_assert_cmpfloat (tm_student_t_quantile (0.5, 7), ==, 0);
}

/* Every sentence and caption the evidence says, in English and German:
 * no advice, no suggested interval or dose, no ranking of periods. */
static const char * const forbidden[] = {
  "should", "recommend", "advis", "better", "worse", "best", "increase", "decrease", "shorten", "lengthen",
  "switch", "try ", " mg",
  "sollte", "empfehl", "rat ", "besser", "schlechter", "beste", "erhöh", "verringer", "verkürz", "verläng",
  "wechsel", "versuch",
};

static void
assert_plain (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strstr (lower, forbidden[i]) != NULL)
      g_error ("“%s” says “%s”", text, forbidden[i]);
}

static void
assert_every_text_plain (void)
{
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-06-04");
  TmIntervalEvidence evidence = { NULL, 4.7, FALSE };
  const struct { int interval; gboolean has_dip; double dip, low, high; int more; gboolean planned; } cases[] = {
    { 0, FALSE, NAN, NAN, NAN, 4, FALSE },
    { 2, FALSE, NAN, NAN, NAN, 4, TRUE },
    { 21, FALSE, NAN, NAN, NAN, 1, TRUE },
    { 21, FALSE, NAN, NAN, NAN, 3, TRUE },
    { 21, TRUE, 1.4, 0.8, 2.0, 0, TRUE },
    { 21, TRUE, -0.6, -1.1, -0.1, 0, TRUE },
    { 14, TRUE, 0.02, -0.3, 0.3, 0, TRUE },
  };

  plan->interval_days = 21;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TmIntervalPeriod period = { cases[i].planned ? plan : NULL, cases[i].interval };
      g_autofree char *sentence = NULL;

      g_strlcpy (period.from, "2026-06-04", sizeof period.from);
      period.early_end = period.interval / 3;
      period.late_start = period.interval - period.interval / 3;
      period.has_dip = cases[i].has_dip;
      period.dip = cases[i].dip, period.dip_low = cases[i].low, period.dip_high = cases[i].high;
      period.n_dip_cycles = 5;
      period.more_cycles_needed = cases[i].more;
      sentence = tm_interval_period_describe (&period);
      g_assert_cmpstr (sentence, !=, "");
      assert_plain (sentence);
    }
  {
    g_autoptr(TmChartRecord) record = four_cycles (4);
    g_autoptr(TmIntervalEvidence) real = evidence_until (record, 83, NAN);
    g_autoptr(TmIntervalTable) table = tm_interval_table_new (real, 4);
    g_autofree char *point = tm_interval_point_describe (table->periods->pdata[0], 0);
    g_autofree char *described = tm_interval_evidence_describe (real);

    assert_plain (tm_interval_table_heading ());
    for (guint m = 0; m < table->rows->len; m++)
      for (GStrv cell = table->rows->pdata[m]; *cell != NULL; cell++)
        assert_plain (*cell);
    assert_plain (point);
    assert_plain (described);
  }
  for (int baseline = 0; baseline < 3; baseline++)
    {
      g_autofree char *caption = NULL;

      evidence.baseline = baseline == 0 ? NAN : 4.7;
      evidence.baseline_entered = baseline == 2;
      caption = tm_interval_evidence_caption (&evidence);
      assert_plain (caption);
    }
}

static void
test_wording (void)
{
  g_autofree char *sentence = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  assert_every_text_plain ();

  /* German from the build's translations (TIDEMARK_LOCALEDIR) in the
   * de_DE.UTF-8 locale the build makes (LOCPATH). */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("The locale de_DE.UTF-8 is missing (LOCPATH=%s): the German texts can't be checked",
             g_getenv ("LOCPATH"));
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "One dosing cycle"), ==, "Ein Einnahmezyklus");
  assert_every_text_plain ();
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIDEMARK_LOCALEDIR") != NULL ? g_getenv ("TIDEMARK_LOCALEDIR")
                                                                        : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interval/student-t", test_student_t);
  g_test_add_func ("/interval/dip-by-hand", test_dip_by_hand);
  g_test_add_func ("/interval/curve", test_curve);
  g_test_add_func ("/interval/table", test_table);
  g_test_add_func ("/interval/entered-baseline", test_entered_baseline);
  g_test_add_func ("/interval/threshold", test_threshold);
  g_test_add_func ("/interval/period-without-sessions", test_period_without_sessions);
  g_test_add_func ("/interval/plan-changed-mid-interval", test_plan_changed_mid_interval);
  g_test_add_func ("/interval/one-off-dates", test_one_off_dates);
  g_test_add_func ("/interval/baseline", test_baseline);
  g_test_add_func ("/interval/wording", test_wording);

  return g_test_run ();
}
