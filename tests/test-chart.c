/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts: their data worked out in core, and what the renderer puts
 * on pixels, checked at positions taken from its own layout. */
#include "config.h"

#include <math.h>
#include <time.h>
#include <string.h>

#include "tm-chart-private.h"
#include "tm-interval.h"
#include "tm-demo.h"
#include "tm-test-util.h"

#define WIDTH  900
#define HEIGHT 360

/* Records */

static void
add_checkin (TmChartRecord *record,
             const char    *day,
             int            mood)
{
  TmCheckin *c = tm_checkin_new (day);

  c->mood = mood;
  g_ptr_array_add (record->checkins, c);
}

static void
add_session (TmChartRecord *record,
             const char    *day)
{
  TmSession *s = tm_session_new ();
  g_autofree char *instant = tm_instant_from_local (day, 10, 0, NULL);

  tm_session_set_taken_at (s, instant);
  s->dose_mg = 50;
  g_ptr_array_add (record->sessions, s);
}

/* A regular medicine row with @id; @replaces names the row it changes. */
static TmRegularMedicine *
add_medicine (TmChartRecord *record,
              gint64         id,
              const char    *name,
              double         dose,
              const char    *started_on,
              const char    *stopped_on,
              gint64         replaces)
{
  TmRegularMedicine *m = tm_regular_medicine_new (name, started_on);

  m->id = id;
  m->dose = dose;
  m->unit = g_strdup ("mg");
  m->replaces = replaces;
  g_strlcpy (m->stopped_on, stopped_on != NULL ? stopped_on : "", sizeof m->stopped_on);
  g_ptr_array_add (record->medicines, m);
  return m;
}

static void
add_plan (TmChartRecord *record,
          const char    *from,
          int            interval)
{
  TmPlan *plan = tm_plan_new (from);

  plan->interval_days = interval;
  plan->dose_mg = 50;
  plan->tolerance_days = 1;
  g_ptr_array_add (record->plans, plan);
}

/* Pixels */

typedef struct
{
  cairo_surface_t *surface;
  TmChartStyle     style;
  TmChartLayout    layout;
} Picture;

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

static void
paint_window (cairo_t          *cr,
              TmChartStyleKind  kind)
{
  /* What the window puts behind the chart. */
  if (kind == TM_CHART_STYLE_DARK)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

static void
draw_trend (Picture           *picture,
            const TmChartData *data,
            TmChartStyleKind   kind,
            TmSeries           series,
            int                width)
{
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, HEIGHT);
  cr = cairo_create (picture->surface);
  paint_window (cr, kind);
  tm_chart_style_init (&picture->style, kind, "Sans", 12);
  tm_trend_chart_layout (data, &picture->style, series, width, HEIGHT, &picture->layout);
  tm_trend_chart_draw (cr, data, &picture->style, series, &picture->layout);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

typedef struct
{
  double red, green, blue;
} Rgb;

static Rgb
pixel_at (const Picture *picture,
          double         x,
          double         y)
{
  const guint8 *data = cairo_image_surface_get_data (picture->surface);
  int stride = cairo_image_surface_get_stride (picture->surface);
  guint32 argb = *(const guint32 *) (data + (int) y * stride + (int) x * 4);

  return (Rgb) { ((argb >> 16) & 0xff) / 255.0, ((argb >> 8) & 0xff) / 255.0, (argb & 0xff) / 255.0 };
}

static double
luminance (Rgb c)
{
  return 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
}

static double
distance (Rgb a,
          Rgb b)
{
  return fabs (a.red - b.red) + fabs (a.green - b.green) + fabs (a.blue - b.blue);
}

/* Whether any pixel of column @x from @top to @bottom is near @color. */
static gboolean
column_has_color (const Picture *picture,
                  double         x,
                  double         top,
                  double         bottom,
                  const TmRgba  *color,
                  double         tolerance)
{
  Rgb want = { color->red, color->green, color->blue };

  for (double y = top; y < bottom; y++)
    if (distance (pixel_at (picture, x, y), want) < tolerance)
      return TRUE;
  return FALSE;
}

/* The after-dose curve */

/* The first period's curve in @data, by k. */
static GArray *
first_curve (const TmChartData *data)
{
  g_assert_cmpuint (data->after_dose->periods->len, >, 0);
  return g_array_index (data->after_dose->periods, TmIntervalPeriod, 0).curve;
}

static void
test_after_dose_by_hand (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  GArray *points;
  const TmIntervalPoint *p;

  add_session (record, "2026-01-01");
  add_session (record, "2026-01-08");
  add_checkin (record, "2025-12-31", 9);   /* before any session: not counted */
  add_checkin (record, "2026-01-01", 6);   /* k = 0 */
  add_checkin (record, "2026-01-02", 8);   /* k = 1 */
  add_checkin (record, "2026-01-03", 4);   /* k = 2 */
  add_checkin (record, "2026-01-08", 4);   /* k = 0, after the second session */
  add_checkin (record, "2026-01-09", 6);   /* k = 1 */
  add_checkin (record, "2026-01-12", 3);   /* k = 4; no k = 3 */

  /* Without a plan, one period from the first session. */
  data = tm_chart_data_new (record, "2025-12-31", "2026-01-12", "2026-01-12");
  g_assert_cmpuint (data->after_dose->periods->len, ==, 1);
  g_assert_null (g_array_index (data->after_dose->periods, TmIntervalPeriod, 0).plan);
  points = first_curve (data);

  /* k = 0: 6 and 4, mean 5, SD 1, two cycles; k = 1: 8 and 6, mean 7,
   * SD 1, two cycles; k = 2: 4 alone, SD 0; k = 4: 3 alone. */
  g_assert_cmpuint (points->len, ==, 4);
  p = &g_array_index (points, TmIntervalPoint, 0);
  g_assert_cmpint (p->k, ==, 0);
  g_assert_cmpint (p->n, ==, 2);
  g_assert_cmpint (p->n_cycles, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->mean, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->sd, 1.0, 1e-9);
  p = &g_array_index (points, TmIntervalPoint, 1);
  g_assert_cmpint (p->k, ==, 1);
  g_assert_cmpint (p->n, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->mean, 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->sd, 1.0, 1e-9);
  p = &g_array_index (points, TmIntervalPoint, 2);
  g_assert_cmpint (p->k, ==, 2);
  g_assert_cmpint (p->n, ==, 1);
  g_assert_cmpint (p->n_cycles, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->mean, 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->sd, 0.0, 1e-9);
  p = &g_array_index (points, TmIntervalPoint, 3);
  g_assert_cmpint (p->k, ==, 4);
  g_assert_cmpint (p->n, ==, 1);
}

static void
test_after_dose_three_values (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  GArray *points;
  const TmIntervalPoint *p;

  /* Three intervals; on day 2 of each: 2, 4 and 9. Mean 5; population
   * SD sqrt(((2-5)² + (4-5)² + (9-5)²) / 3) = sqrt(26/3). */
  add_session (record, "2026-03-01");
  add_session (record, "2026-03-11");
  add_session (record, "2026-03-21");
  add_checkin (record, "2026-03-03", 2);
  add_checkin (record, "2026-03-13", 4);
  add_checkin (record, "2026-03-23", 9);

  data = tm_chart_data_new (record, "2026-03-01", "2026-03-31", "2026-03-31");
  points = first_curve (data);
  g_assert_cmpuint (points->len, ==, 1);
  p = &g_array_index (points, TmIntervalPoint, 0);
  g_assert_cmpint (p->k, ==, 2);
  g_assert_cmpint (p->n, ==, 3);
  g_assert_cmpint (p->n_cycles, ==, 3);
  g_assert_cmpfloat_with_epsilon (p->mean, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->sd, sqrt (26.0 / 3.0), 1e-9);
}

/* A fortnightly and a three-weekly plan in one range: two curves, never
 * one pooled over both. */
static void
test_after_dose_one_curve_per_plan (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  const TmIntervalPeriod *first, *second;

  add_plan (record, "2026-03-02", 14);
  add_plan (record, "2026-03-30", 21);
  add_session (record, "2026-03-02");
  add_session (record, "2026-03-16");
  add_session (record, "2026-03-30");
  add_checkin (record, "2026-03-03", 8);   /* k = 1 in the first period */
  add_checkin (record, "2026-03-17", 6);   /* k = 1 in the first period */
  add_checkin (record, "2026-03-31", 2);   /* k = 1 in the second */
  ((TmPlan *) record->plans->pdata[0])->id = 1;
  ((TmPlan *) record->plans->pdata[1])->id = 2;

  data = tm_chart_data_new (record, "2026-03-01", "2026-04-10", "2026-04-10");
  g_assert_cmpuint (data->after_dose->periods->len, ==, 2);
  first = &g_array_index (data->after_dose->periods, TmIntervalPeriod, 0);
  second = &g_array_index (data->after_dose->periods, TmIntervalPeriod, 1);
  g_assert_cmpint (first->interval, ==, 14);
  g_assert_cmpfloat_with_epsilon (g_array_index (first->curve, TmIntervalPoint, 0).mean, 7.0, 1e-9);
  g_assert_cmpint (second->interval, ==, 21);
  g_assert_cmpfloat_with_epsilon (g_array_index (second->curve, TmIntervalPoint, 0).mean, 2.0, 1e-9);
}

/* The chart data */

static void
test_data_rolling_mean (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  const TmChartDay *day;

  /* Moods 1…4 on 1–4 May, then nothing. */
  add_checkin (record, "2026-05-01", 1);
  add_checkin (record, "2026-05-02", 2);
  add_checkin (record, "2026-05-03", 3);
  add_checkin (record, "2026-05-04", 4);

  data = tm_chart_data_new (record, "2026-05-01", "2026-05-14", "2026-05-14");
  g_assert_cmpint (data->n_days, ==, 14);
  g_assert_cmpint (data->n_checked_in, ==, 4);
  g_assert_cmpfloat_with_epsilon (data->mean_mood, 2.5, 1e-9);

  /* Fewer than 4 days in the window: no mean. */
  g_assert_true (isnan (g_array_index (data->days, TmChartDay, 2).rolling));
  /* 4 May: (1 + 2 + 3 + 4) / 4. */
  day = &g_array_index (data->days, TmChartDay, 3);
  g_assert_cmpstr (day->day, ==, "2026-05-04");
  g_assert_cmpfloat_with_epsilon (day->rolling, 2.5, 1e-9);
  /* 7 May still sees 1–4 May; 8 May no longer sees 1 May. */
  g_assert_cmpfloat_with_epsilon (g_array_index (data->days, TmChartDay, 6).rolling, 2.5, 1e-9);
  g_assert_true (isnan (g_array_index (data->days, TmChartDay, 7).rolling));
  g_assert_cmpint (g_array_index (data->days, TmChartDay, 8).mood, ==, -1);
}

/* Plan rows in any order: the periods come out by date, a row entered
 * later for the same day replaces the earlier one, and a range that
 * starts before any plan has no period there. */
static void
test_data_plan_periods_in_order (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  const TmChartPlanPeriod *period;

  add_plan (record, "2026-07-20", 21);
  add_plan (record, "2026-07-06", 7);
  add_plan (record, "2026-07-13", 14);
  /* Entered afterwards for the same day: every 10 days from 13 July. */
  add_plan (record, "2026-07-13", 10);
  for (guint i = 0; i < record->plans->len; i++)
    ((TmPlan *) record->plans->pdata[i])->id = i + 1;

  data = tm_chart_data_new (record, "2026-07-01", "2026-07-31", "2026-07-31");

  g_assert_cmpuint (data->plan_periods->len, ==, 3);
  period = &g_array_index (data->plan_periods, TmChartPlanPeriod, 0);
  g_assert_cmpint (period->first_index, ==, 5);      /* 6 July */
  g_assert_cmpint (period->last_index, ==, 11);      /* 12 July */
  g_assert_cmpint (period->interval_days, ==, 7);
  period = &g_array_index (data->plan_periods, TmChartPlanPeriod, 1);
  g_assert_cmpint (period->first_index, ==, 12);     /* 13 July */
  g_assert_cmpint (period->last_index, ==, 18);      /* 19 July */
  g_assert_cmpint (period->interval_days, ==, 10);
  period = &g_array_index (data->plan_periods, TmChartPlanPeriod, 2);
  g_assert_cmpint (period->first_index, ==, 19);     /* 20 July */
  g_assert_cmpint (period->last_index, ==, 30);
  g_assert_cmpint (period->interval_days, ==, 21);
}

/* A range that is not one refuses with a warning and keeps nothing (the
 * sanitizer build's leak check holds it to that). */
static void
test_data_refuses_bad_range (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();

  add_plan (record, "2026-07-06", 7);
  g_test_expect_message ("tm-chart-data", G_LOG_LEVEL_CRITICAL, "*tm_day_is_valid*");
  g_assert_null (tm_chart_data_new (record, "2026-02-30", "2026-03-31", "2026-03-31"));
  g_test_assert_expected_messages ();
}

static void
test_data_plans_and_sessions (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  const TmChartPlanPeriod *period;

  /* Weekly from 1 June, fortnightly from 22 June. */
  add_plan (record, "2026-06-01", 7);
  add_plan (record, "2026-06-22", 14);
  add_session (record, "2026-06-01");   /* on time */
  add_session (record, "2026-06-09");   /* the 8th, a day late */
  add_session (record, "2026-06-26");   /* beyond the plan: 4 days after the 22nd */
  /* The 15th and the 22nd are missed. */

  data = tm_chart_data_new (record, "2026-06-05", "2026-06-30", "2026-06-30");

  g_assert_cmpuint (data->plan_periods->len, ==, 2);
  period = &g_array_index (data->plan_periods, TmChartPlanPeriod, 0);
  g_assert_cmpint (period->first_index, ==, 0);      /* clipped to the range */
  g_assert_cmpint (period->last_index, ==, 16);      /* 21 June */
  g_assert_cmpint (period->interval_days, ==, 7);
  period = &g_array_index (data->plan_periods, TmChartPlanPeriod, 1);
  g_assert_cmpint (period->first_index, ==, 17);
  g_assert_cmpint (period->last_index, ==, 25);
  g_assert_cmpint (data->plan_interval, ==, 14);

  /* The session of 1 June is before the range. */
  g_assert_cmpuint (data->sessions->len, ==, 2);
  g_assert_cmpint (g_array_index (data->sessions, TmChartSession, 0).status, ==, TM_PLANNED_LATE);
  g_assert_cmpint (g_array_index (data->sessions, TmChartSession, 1).status, ==, -1);
  g_assert_cmpint (data->adherence.late, ==, 1);
  g_assert_cmpint (data->adherence.missed, ==, 2);
  g_assert_cmpint (data->adherence.extra, ==, 1);
}

static void
test_data_demo (void)
{
  g_autoptr(TmChartRecord) a = tm_demo_record_new ("2026-11-28", TM_DEMO_DAYS);
  g_autoptr(TmChartRecord) b = tm_demo_record_new ("2026-11-28", TM_DEMO_DAYS);
  g_autoptr(TmChartData) data = NULL;
  gboolean rules[TM_RULE_LAST + 1] = { FALSE };

  /* The same days give the same record. */
  g_assert_cmpuint (a->checkins->len, ==, b->checkins->len);
  g_assert_cmpuint (a->sessions->len, ==, b->sessions->len);
  for (guint i = 0; i < a->checkins->len; i++)
    {
      TmCheckin *ca = a->checkins->pdata[i], *cb = b->checkins->pdata[i];

      g_assert_cmpstr (ca->day, ==, cb->day);
      g_assert_cmpint (ca->mood, ==, cb->mood);
      g_assert_cmpstr (ca->note, ==, cb->note);
    }

  /* A year: two plans, 14 then 21 days; sessions on time, late, missed
   * and beyond the plan; most days checked in; questionnaires every two
   * weeks; prompts from the real rules. */
  g_assert_cmpuint (a->plans->len, ==, 2);
  g_assert_cmpint (((TmPlan *) a->plans->pdata[0])->interval_days, ==, 14);
  g_assert_cmpint (((TmPlan *) a->plans->pdata[1])->interval_days, ==, 21);

  data = tm_chart_data_new (a, "2025-11-28", "2026-11-28", "2026-11-28");
  g_assert_cmpint (data->adherence.on_time, >, data->adherence.planned / 2);
  g_assert_cmpint (data->adherence.late, >, 0);
  g_assert_cmpint (data->adherence.missed, >, 0);
  g_assert_cmpint (data->adherence.extra, >, 0);
  g_assert_cmpint (data->n_checked_in, >, 300);
  g_assert_cmpint (data->n_checked_in, <, 365);
  g_assert_cmpuint (data->phq9->len, ==, 26);
  g_assert_cmpuint (data->gad7->len, ==, 26);

  for (guint i = 0; i < a->events->len; i++)
    rules[((TmSafetyEvent *) a->events->pdata[i])->rule] = TRUE;
  g_assert_true (rules[TM_RULE_S1]);
  g_assert_true (rules[TM_RULE_S3]);
  g_assert_true (rules[TM_RULE_S5]);

  /* Mood lifts after a dose and drifts down across the interval: in the
   * fortnightly period, day 1 against day 13. */
  {
    const TmIntervalPeriod *fortnightly = NULL;
    const TmIntervalPoint *first = NULL, *late = NULL;

    for (guint i = 0; i < data->after_dose->periods->len; i++)
      if (g_array_index (data->after_dose->periods, TmIntervalPeriod, i).interval == 14)
        fortnightly = &g_array_index (data->after_dose->periods, TmIntervalPeriod, i);
    g_assert_nonnull (fortnightly);
    for (guint i = 0; i < fortnightly->curve->len; i++)
      {
        const TmIntervalPoint *p = &g_array_index (fortnightly->curve, TmIntervalPoint, i);

        if (p->k == 1)
          first = p;
        else if (p->k == 13)
          late = p;
      }
    g_assert_nonnull (first);
    g_assert_nonnull (late);
    g_assert_cmpfloat (first->mean - late->mean, >, 1.0);
  }

  /* Sertraline from before the record, raised once, and vitamin D: two
   * lanes, the first divided where the dose changed. */
  g_assert_cmpuint (a->medicines->len, ==, 3);
  g_assert_cmpint (data->n_medicine_lanes, ==, 2);
  g_assert_cmpuint (data->medicines->len, ==, 3);
  g_assert_true (g_array_index (data->medicines, TmChartMedicine, 0).from_before);
  g_assert_true (g_array_index (data->medicines, TmChartMedicine, 1).changed);
  g_assert_cmpstr (g_array_index (data->medicines, TmChartMedicine, 1).dose, ==, "100 mg");
  for (guint i = 0; i < a->medicines->len; i++)
    g_assert_false (tm_medicine_kind_interacts (((TmRegularMedicine *) a->medicines->pdata[i])->kind));

  /* Nothing on the day the demo leads up to. */
  g_assert_cmpstr (((TmCheckin *) a->checkins->pdata[a->checkins->len - 1])->day, <, "2026-11-28");
}

/* Ten years of it, every record as the store would take it. */
static void
test_data_demo_valid (void)
{
  g_autofree char *today = tm_day_today ();
  g_autoptr(TmChartRecord) record = tm_demo_record_new (today, 3650);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < record->checkins->len; i++)
    g_assert_true (tm_checkin_validate (record->checkins->pdata[i], NULL, &error));
  for (guint i = 0; i < record->sessions->len; i++)
    g_assert_true (tm_session_validate (record->sessions->pdata[i], NULL, &error));
  for (guint i = 0; i < record->questionnaires->len; i++)
    g_assert_true (tm_questionnaire_validate (record->questionnaires->pdata[i], NULL, &error));
  for (guint i = 0; i < record->plans->len; i++)
    g_assert_true (tm_plan_validate (record->plans->pdata[i], NULL, &error));
  for (guint i = 0; i < record->medicines->len; i++)
    g_assert_true (tm_regular_medicine_validate (record->medicines->pdata[i], NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record->plans->len, ==, 20);
}

static void
test_data_demo_store (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) medicines = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tm_day_today ();

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  record = tm_demo_record_new (today, 60);
  g_assert_true (tm_demo_fill_store (store, record, &error));
  g_assert_no_error (error);

  checkins = tm_store_list_checkins (store, NULL, NULL, &error);
  g_assert_cmpuint (checkins->len, ==, record->checkins->len);
  events = tm_store_list_safety_events (store, NULL, NULL, &error);
  g_assert_cmpuint (events->len, ==, record->events->len);
  /* The raised dose names the row it changes by the id the store gave it. */
  medicines = tm_store_list_medicines (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medicines->len, ==, 3);
  g_assert_cmpint (((TmRegularMedicine *) medicines->pdata[2])->replaces, ==,
                   ((TmRegularMedicine *) medicines->pdata[0])->id);
  current = tm_regular_medicine_list_current (medicines);
  g_assert_cmpuint (current->len, ==, 2);
  for (guint i = 0; i < events->len; i++)
    {
      TmSafetyEvent *event = events->pdata[i];

      /* Answered, and tied to the record that raised it. */
      g_assert_nonnull (event->answer);
      g_assert_cmpint (event->source_id, >, 0);
    }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The trend chart on pixels */

static void
test_trend_planned_rule (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_auto (Picture) picture = { 0 };
  const TmChartPlanned *planned;
  double x, top, bottom;

  /* Weekly from 1 July; mood only on the first two days, so nothing else
   * crosses the rules. */
  add_plan (record, "2026-07-01", 7);
  add_checkin (record, "2026-07-01", 5);
  add_checkin (record, "2026-07-02", 5);
  data = tm_chart_data_new (record, "2026-07-01", "2026-07-28", "2026-07-28");
  draw_trend (&picture, data, TM_CHART_STYLE_LIGHT, TM_SERIES_DEFAULT, WIDTH);

  /* The planned day of 15 July, its window closed: missed, dashed rule. */
  planned = &g_array_index (data->planned, TmChartPlanned, 2);
  g_assert_cmpstr (planned->day, ==, "2026-07-15");
  x = round (tm_chart_layout_column_x (&picture.layout, planned->day_index));
  top = picture.layout.y + 4;
  bottom = picture.layout.y + picture.layout.h - 4;

  g_assert_true (column_has_color (&picture, x, top, bottom, &picture.style.planned, 0.5));
  /* Three pixels to either side there is no rule. */
  g_assert_false (column_has_color (&picture, x - 3, top, bottom, &picture.style.planned, 0.5));
  g_assert_false (column_has_color (&picture, x + 3, top, bottom, &picture.style.planned, 0.5));
  /* And the rule is dashed: some of its pixels are not the rule's. */
  {
    int gaps = 0;

    for (double y = top; y < bottom; y++)
      if (distance (pixel_at (&picture, x, y), (Rgb) { picture.style.planned.red, picture.style.planned.green,
                                                       picture.style.planned.blue }) > 0.8)
        gaps++;
    g_assert_cmpint (gaps, >, 10);
  }
}

static void
check_gap (int n_days,
           int width)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_autofree char *first = g_strdup ("2020-01-01");
  g_autofree char *last = tm_day_add (first, n_days - 1);
  g_auto (Picture) picture = { 0 };
  int gap_from = n_days / 2 - n_days / 10, gap_to = n_days / 2 + n_days / 10;
  double top, bottom;

  /* Mood 5 every day but a stretch in the middle. */
  for (int i = 0; i < n_days; i++)
    if (i < gap_from || i > gap_to)
      {
        g_autofree char *day = tm_day_add (first, i);

        add_checkin (record, day, 5);
      }
  data = tm_chart_data_new (record, first, last, last);
  draw_trend (&picture, data, TM_CHART_STYLE_LIGHT, 0, width);

  top = picture.layout.y;
  bottom = picture.layout.y + picture.layout.h;

  /* The line is there on either side… */
  g_assert_true (column_has_color (&picture, tm_chart_layout_column_x (&picture.layout, gap_from / 2),
                                   top, bottom, &picture.style.mood, 0.3));
  g_assert_true (column_has_color (&picture, tm_chart_layout_column_x (&picture.layout, (gap_to + n_days) / 2),
                                   top, bottom, &picture.style.mood, 0.3));
  /* …and nowhere in the middle of the missing days, top to bottom. */
  for (int i = gap_from + 2; i <= gap_to - 2; i++)
    g_assert_false (column_has_color (&picture, tm_chart_layout_column_x (&picture.layout, i),
                                      top, bottom, &picture.style.mood, 1.2));
}

static void
test_trend_gap_wide (void)
{
  /* A month: wide days, drawn with vectors. */
  check_gap (30, WIDTH);
}

static void
test_trend_gap_narrow (void)
{
  /* Ten years: several days a pixel, drawn a pixel column at a time. */
  check_gap (3650, 1200);
}

static void
test_trend_plan_band (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_auto (Picture) picture = { 0 };
  const TmChartPlanPeriod *period;
  double y;
  Rgb before, inside;

  /* A plan from 11 August on; no check-ins. */
  add_plan (record, "2026-08-11", 28);
  data = tm_chart_data_new (record, "2026-08-01", "2026-08-31", "2026-08-31");
  draw_trend (&picture, data, TM_CHART_STYLE_LIGHT, TM_SERIES_DEFAULT, WIDTH);

  g_assert_cmpuint (data->plan_periods->len, ==, 1);
  period = &g_array_index (data->plan_periods, TmChartPlanPeriod, 0);
  g_assert_cmpint (period->first_index, ==, 10);

  /* Low in the plot, away from the empty-state words. */
  y = picture.layout.y + picture.layout.h * 0.85;
  before = pixel_at (&picture, tm_chart_layout_column_x (&picture.layout, 4), y);
  inside = pixel_at (&picture, tm_chart_layout_column_x (&picture.layout, 22), y);

  /* Outside the period, the window; inside, its tint. */
  g_assert_cmpfloat (distance (before, (Rgb) { 1, 1, 1 }), <, 0.01);
  g_assert_cmpfloat (distance (inside, before), >, 0.05);
  g_assert_cmpfloat (luminance (inside), <, luminance (before));
}

static Rgb
day_pixel (const Picture *picture,
           int            day_index,
           double         y)
{
  return pixel_at (picture, tm_chart_layout_column_x (&picture->layout, day_index), y);
}

/* A medicine's lane: its band from the day it was started to the day it
 * was stopped, the window's background on either side; a change of dose
 * divides the band and keeps it on one lane. */
static void
test_trend_medicine_band (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_auto (Picture) picture = { 0 };
  const TmChartMedicine *first, *raised;
  Rgb band, window = { 1, 1, 1 };
  double y;

  /* 25 mg from 6 August, 50 mg from 13 August, stopped on 20 August. */
  add_medicine (record, 1, "Sertraline", 25, "2026-08-06", NULL, 0);
  add_medicine (record, 2, "Sertraline", 50, "2026-08-13", "2026-08-20", 1);
  add_medicine (record, 3, "Lisinopril", 10, "2026-06-01", "2026-07-01", 0);   /* before the range */
  data = tm_chart_data_new (record, "2026-08-01", "2026-08-31", "2026-08-31");

  g_assert_cmpint (data->n_medicine_lanes, ==, 1);
  g_assert_cmpuint (data->medicines->len, ==, 2);
  first = &g_array_index (data->medicines, TmChartMedicine, 0);
  raised = &g_array_index (data->medicines, TmChartMedicine, 1);
  g_assert_cmpint (first->first_index, ==, 5);
  g_assert_cmpint (first->last_index, ==, 11);
  g_assert_false (first->changed);
  g_assert_cmpstr (first->dose, ==, "25 mg");
  g_assert_cmpint (raised->first_index, ==, 12);
  g_assert_cmpint (raised->last_index, ==, 19);
  g_assert_true (raised->changed);
  g_assert_false (raised->open);
  g_assert_cmpint (raised->lane, ==, 0);
  /* Said to a screen reader too. */
  {
    g_autofree char *said = tm_chart_data_describe (data);

    g_assert_nonnull (strstr (said, "Sertraline 25 mg from Thursday 6 August 2026 to Wednesday 12 August 2026. "
                                    "Sertraline 50 mg from Thursday 13 August 2026 to Thursday 20 August 2026."));
    g_assert_null (strstr (said, "Lisinopril"));
  }

  draw_trend (&picture, data, TM_CHART_STYLE_LIGHT, TM_SERIES_DEFAULT, WIDTH);
  g_assert_cmpint (picture.layout.n_medicine_lanes, ==, 1);
  g_assert_cmpfloat (picture.layout.medicines_y, >, picture.layout.events_y);
  g_assert_cmpfloat (picture.layout.medicines_y + picture.layout.medicine_lane_height, <,
                     picture.layout.axis_y);

  /* The band's top row, above its words. */
  y = picture.layout.medicines_y + 1.5;
  band = (Rgb) { 1 - picture.style.medicine.alpha * (1 - picture.style.medicine.red),
                 1 - picture.style.medicine.alpha * (1 - picture.style.medicine.green),
                 1 - picture.style.medicine.alpha * (1 - picture.style.medicine.blue) };

  /* Inside on the first and the last day, outside on the days either side. */
  g_assert_cmpfloat (distance (day_pixel (&picture, 5, y), band), <, 0.03);
  g_assert_cmpfloat (distance (day_pixel (&picture, 19, y), band), <, 0.03);
  g_assert_cmpfloat (distance (day_pixel (&picture, 4, y), window), <, 0.01);
  g_assert_cmpfloat (distance (day_pixel (&picture, 20, y), window), <, 0.01);
  g_assert_cmpfloat (distance (band, window), >, 0.1);

  /* The divider where the dose changed: darker than the band. */
  g_assert_true (column_has_color (&picture, round (tm_chart_layout_column_x (&picture.layout, 12) -
                                                     picture.layout.column_width / 2),
                                   y, y + 2, &picture.style.text, 0.9));
}

/* Without a medicine taken in the range there is no lane, and the plot
 * keeps the height it had before medicines were drawn; a lane takes its
 * room from the plot's bottom only. */
static void
test_trend_no_medicine_lane (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) none = NULL;
  g_autoptr(TmChartData) before = NULL;
  g_autoptr(TmChartData) taken = NULL;
  TmChartLayout a, b, c;
  TmChartStyle style;

  tm_chart_style_init (&style, TM_CHART_STYLE_LIGHT, "Sans", 12);
  add_checkin (record, "2026-08-03", 5);
  none = tm_chart_data_new (record, "2026-08-01", "2026-08-31", "2026-08-31");
  add_medicine (record, 1, "Lisinopril", 10, "2026-06-01", "2026-07-01", 0);
  before = tm_chart_data_new (record, "2026-08-01", "2026-08-31", "2026-08-31");
  add_medicine (record, 2, "Sertraline", 50, "2026-08-10", NULL, 0);
  taken = tm_chart_data_new (record, "2026-08-01", "2026-08-31", "2026-08-31");

  tm_trend_chart_layout (none, &style, TM_SERIES_DEFAULT, WIDTH, HEIGHT, &a);
  tm_trend_chart_layout (before, &style, TM_SERIES_DEFAULT, WIDTH, HEIGHT, &b);
  tm_trend_chart_layout (taken, &style, TM_SERIES_DEFAULT, WIDTH, HEIGHT, &c);

  g_assert_cmpint (none->n_medicine_lanes, ==, 0);
  g_assert_cmpint (before->n_medicine_lanes, ==, 0);
  g_assert_cmpint (a.n_medicine_lanes, ==, 0);
  g_assert_cmpint (b.n_medicine_lanes, ==, 0);
  g_assert_cmpint (c.n_medicine_lanes, ==, 1);

  /* As before lanes: the safety marks just over the dates, the plot over them. */
  g_assert_cmpfloat (a.events_y, ==, a.axis_y - style.font_size * 0.9);
  g_assert_cmpfloat (a.h, ==, a.events_y - style.font_size * 0.8 - a.y);
  g_assert_true (memcmp (&a, &b, sizeof a) == 0);

  g_assert_cmpfloat (c.x, ==, a.x);
  g_assert_cmpfloat (c.w, ==, a.w);
  g_assert_cmpfloat (c.y, ==, a.y);
  g_assert_cmpfloat (c.axis_y, ==, a.axis_y);
  g_assert_cmpfloat (c.h, <, a.h);
  g_assert_cmpfloat (c.y + c.h, <, c.events_y);
  g_assert_cmpfloat (c.events_y, <, c.medicines_y);
}

static void
test_trend_light_and_dark (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_auto (Picture) light = { 0 };
  g_auto (Picture) dark = { 0 };
  double x, y;

  for (int i = 0; i < 14; i++)
    {
      g_autofree char *day = tm_day_add ("2026-09-01", i);

      add_checkin (record, day, 6);
    }
  data = tm_chart_data_new (record, "2026-09-01", "2026-09-14", "2026-09-14");
  draw_trend (&light, data, TM_CHART_STYLE_LIGHT, 0, WIDTH);
  draw_trend (&dark, data, TM_CHART_STYLE_DARK, 0, WIDTH);

  /* The same layout… */
  g_assert_cmpfloat (light.layout.x, ==, dark.layout.x);
  g_assert_cmpfloat (light.layout.y, ==, dark.layout.y);

  /* …the line where the layout says, lighter on the dark window… */
  x = tm_chart_layout_column_x (&light.layout, 7);
  y = tm_chart_layout_value_y (&light.layout, 6);
  g_assert_cmpfloat (distance (pixel_at (&light, x, y),
                               (Rgb) { light.style.mood.red, light.style.mood.green, light.style.mood.blue }),
                     <, 0.3);
  g_assert_cmpfloat (distance (pixel_at (&dark, x, y),
                               (Rgb) { dark.style.mood.red, dark.style.mood.green, dark.style.mood.blue }),
                     <, 0.3);
  g_assert_cmpfloat (luminance (pixel_at (&dark, x, y)), >, luminance (pixel_at (&light, x, y)) + 0.15);

  /* …and the value labels dark on light, light on dark. */
  {
    double darkest = 1, lightest = 0;

    for (double lx = 1; lx < light.layout.x - 2; lx++)
      for (double ly = light.layout.y - 8; ly < light.layout.y + 8; ly++)
        {
          darkest = MIN (darkest, luminance (pixel_at (&light, lx, ly)));
          lightest = MAX (lightest, luminance (pixel_at (&dark, lx, ly)));
        }
    g_assert_cmpfloat (darkest, <, 0.6);
    g_assert_cmpfloat (lightest, >, 0.5);
  }
}

static void
test_trend_hit (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  TmChartStyle style;
  TmChartLayout layout;
  TmChartHit hit;

  add_plan (record, "2026-10-01", 14);
  add_session (record, "2026-10-15");
  add_checkin (record, "2026-10-15", 7);
  data = tm_chart_data_new (record, "2026-10-01", "2026-10-30", "2026-10-30");
  tm_chart_style_init (&style, TM_CHART_STYLE_LIGHT, "Sans", 12);
  tm_trend_chart_layout (data, &style, TM_SERIES_DEFAULT, WIDTH, HEIGHT, &layout);

  /* Both ends… */
  g_assert_true (tm_trend_chart_hit (data, &layout, layout.x + 0.5, layout.y + 10, &hit));
  g_assert_cmpint (hit.day_index, ==, 0);
  g_assert_cmpint (hit.session, ==, -1);
  g_assert_cmpint (hit.planned, ==, 0);     /* 1 October is planned */
  g_assert_cmpint (hit.plan_period, ==, 0);
  g_assert_true (tm_trend_chart_hit (data, &layout, layout.x + layout.w - 0.5, layout.y + 10, &hit));
  g_assert_cmpint (hit.day_index, ==, 29);

  /* …the middle, where the session is… */
  g_assert_true (tm_trend_chart_hit (data, &layout, tm_chart_layout_column_x (&layout, 14),
                                     layout.lane_y, &hit));
  g_assert_cmpint (hit.day_index, ==, 14);
  g_assert_cmpstr (g_array_index (data->days, TmChartDay, hit.day_index).day, ==, "2026-10-15");
  g_assert_cmpint (hit.session, ==, 0);
  g_assert_cmpint (hit.planned, ==, 1);
  g_assert_cmpint (g_array_index (data->days, TmChartDay, hit.day_index).mood, ==, 7);

  /* …and nothing left of the plot. */
  g_assert_false (tm_trend_chart_hit (data, &layout, layout.x - 2, layout.y + 10, &hit));
}

/* The fast path against the vector path */

#define LONG_DAYS   3650
#define LONG_TODAY  "2026-11-28"

static void
draw_trend_both (Picture           *fast,
                 Picture           *vector,
                 const TmChartData *data,
                 TmChartStyleKind   kind,
                 int                width,
                 int                height)
{
  Picture *pictures[2] = { fast, vector };

  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr;

      pictures[i]->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (pictures[i]->surface);
      paint_window (cr, kind);
      tm_chart_style_init (&pictures[i]->style, kind, "Sans", 12);
      tm_trend_chart_layout (data, &pictures[i]->style, TM_SERIES_DEFAULT, width, height, &pictures[i]->layout);
      tm_chart_set_force_vector (i == 1);
      tm_trend_chart_draw (cr, data, &pictures[i]->style, TM_SERIES_DEFAULT, &pictures[i]->layout);
      tm_chart_set_force_vector (FALSE);
      cairo_destroy (cr);
      cairo_surface_flush (pictures[i]->surface);
    }
}

/* The largest difference of one channel, 0 to 255. */
static int
channel_difference (const Picture *a,
                    const Picture *b,
                    int            x,
                    int            y)
{
  const guint8 *pa = cairo_image_surface_get_data (a->surface) + y * cairo_image_surface_get_stride (a->surface) + x * 4;
  const guint8 *pb = cairo_image_surface_get_data (b->surface) + y * cairo_image_surface_get_stride (b->surface) + x * 4;
  int most = 0;

  for (int c = 0; c < 3; c++)
    most = MAX (most, ABS ((int) pa[c] - (int) pb[c]));
  return most;
}

/* The colour of the legend's 7-day mean: the first long run of one
 * colour along the legend's first row (Mood's line is broken by its dot),
 * in the middle of the line's thickness. */
static Rgb
legend_mean_color (const Picture *picture)
{
  Rgb window = pixel_at (picture, 0, picture->layout.height - 1);
  int top = (int) picture->layout.legend_y, bottom = (int) (picture->layout.lane_y / 2);

  for (int y = top; y < bottom; y++)
    for (int x = (int) picture->layout.x; x < (int) picture->layout.width - 16; x++)
      {
        Rgb c = pixel_at (picture, x, y);
        int run = 1, last = y;

        if (distance (c, window) < 0.2)
          continue;
        while (x + run < picture->layout.width && distance (pixel_at (picture, x + run, y), c) < 0.02)
          run++;
        if (run < 14)
          continue;
        while (distance (pixel_at (picture, x + run / 2, last + 1), window) >= 0.2)
          last++;
        return pixel_at (picture, x + run / 2, (y + last + 1) / 2);
      }
  g_assert_not_reached ();
}

/* The colour at the middle of the plot's 7-day mean, where it runs flat. */
static Rgb
plot_mean_color (const Picture     *picture,
                 const TmChartData *data)
{
  int best = -1;
  double flattest = G_MAXDOUBLE;

  for (int i = 20; i + 20 < data->n_days; i++)
    {
      double low = G_MAXDOUBLE, high = -G_MAXDOUBLE;

      for (int j = i - 20; j <= i + 20; j++)
        {
          double r = g_array_index (data->days, TmChartDay, j).rolling;

          low = MIN (low, r), high = MAX (high, r);
        }
      if (!isnan (low) && !isnan (high) && high - low < flattest)
        flattest = high - low, best = i;
    }
  g_assert_cmpint (best, >=, 0);
  return pixel_at (picture, tm_chart_layout_column_x (&picture->layout, best),
                   tm_chart_layout_value_y (&picture->layout, g_array_index (data->days, TmChartDay, best).rolling));
}

/* Ten years of the demo record at the ranges where days are narrower than
 * the per-column path's threshold: a year and all of it in a wide window,
 * three months in a narrow one. The per-column path (what a screen draws)
 * must draw the picture the vector path (what a PDF prints) draws, and
 * both must draw the 7-day mean in its legend's colour. */
static void
test_trend_fast_matches_vector (void)
{
  static const struct
  {
    int days, width;
  } ranges[] = {
    { 365, 1200 },
    { LONG_DAYS, 1200 },
    { 91, 360 },
  };
  static const TmChartStyleKind kinds[] = { TM_CHART_STYLE_LIGHT, TM_CHART_STYLE_DARK };
  g_autoptr(TmChartRecord) record = tm_demo_record_new (LONG_TODAY, LONG_DAYS);

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *from = tm_day_add (LONG_TODAY, -(ranges[r].days - 1));
        g_autoptr(TmChartData) data = tm_chart_data_new (record, from, LONG_TODAY, LONG_TODAY);
        g_auto (Picture) fast = { 0 };
        g_auto (Picture) vector = { 0 };
        int width = ranges[r].width, height = 600, differing = 0, plot_differing = 0, n_plot = 0;
        Rgb legend, fast_mean, vector_mean;

        draw_trend_both (&fast, &vector, data, kinds[k], width, height);
        g_assert_cmpfloat (fast.layout.column_width, <, 4.0);

        /* Anti-aliasing differs at the edges of lines and marks: the
         * per-column path samples each pixel column at four points across,
         * so an edge pixel's coverage can be off by an eighth (up to about
         * 32 of 255 in a channel), and the marks along the lanes are
         * stamped on whole pixels. A pixel differs when a channel is more
         * than 40 of 255 off; at most 1 % of the chart, and 0.5 % of the
         * plot, where the lines are, may differ. The fast path as it was
         * (steep lines a pixel thin, flat ones three times too high)
         * differed in 4 to 6.5 % of the plot. */
        for (int y = 0; y < height; y++)
          for (int x = 0; x < width; x++)
            {
              gboolean in_plot = x >= fast.layout.x && x < fast.layout.x + fast.layout.w &&
                                 y >= fast.layout.y && y < fast.layout.y + fast.layout.h;
              gboolean differs = channel_difference (&fast, &vector, x, y) > 40;

              differing += differs;
              n_plot += in_plot;
              plot_differing += in_plot && differs;
            }
        g_test_message ("%d days at %d px, %s: %.2f %% of the chart, %.2f %% of the plot differ",
                        ranges[r].days, width, kinds[k] == TM_CHART_STYLE_DARK ? "dark" : "light",
                        100.0 * differing / (width * height), 100.0 * plot_differing / n_plot);
        g_assert_cmpfloat (100.0 * differing / (width * height), <=, 1.0);
        g_assert_cmpfloat (100.0 * plot_differing / n_plot, <=, 0.5);

        /* The 7-day mean in the legend's colour, on both paths: over the
         * faint mood line it shows through a little (10 % at most), so
         * near, not equal. The legend at the palette's strength and the
         * line at twice it, as they were, are 0.8 apart or more. */
        legend = legend_mean_color (&vector);
        fast_mean = plot_mean_color (&fast, data);
        vector_mean = plot_mean_color (&vector, data);
        g_assert_cmpfloat (distance (legend, legend_mean_color (&fast)), <, 0.05);
        g_assert_cmpfloat (distance (fast_mean, legend), <, 0.25);
        g_assert_cmpfloat (distance (vector_mean, legend), <, 0.25);
      }
}

static gboolean
has_ink (const Picture *picture,
         double         x0,
         double         y0,
         double         x1,
         double         y1)
{
  Rgb window = pixel_at (picture, 0, picture->layout.height - 1);

  for (double y = y0; y < y1; y++)
    for (double x = x0; x < x1; x++)
      if (distance (pixel_at (picture, x, y), window) > 0.5)
        return TRUE;
  return FALSE;
}

static void
add_phq9 (TmChartRecord *record,
          const char    *day,
          int            total)
{
  TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, day);

  q->total = total;
  g_ptr_array_add (record->questionnaires, q);
}

static void
draw_phq9 (Picture           *picture,
           const TmChartData *data)
{
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (picture->surface);
  paint_window (cr, TM_CHART_STYLE_LIGHT);
  tm_chart_style_init (&picture->style, TM_CHART_STYLE_LIGHT, "Sans", 12);
  tm_questionnaire_chart_layout (data, &picture->style, TM_QUESTIONNAIRE_PHQ9, WIDTH, HEIGHT, &picture->layout);
  tm_questionnaire_chart_draw (cr, data, &picture->style, TM_QUESTIONNAIRE_PHQ9, &picture->layout);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

/* Whether the row at @value differs between two pictures, along the
 * plot's right half (away from the lines' labels). */
static gboolean
row_differs (const Picture *a,
             const Picture *b,
             double         value)
{
  const TmChartLayout *l = &a->layout;
  int y = (int) round (tm_chart_layout_value_y (l, value));

  for (int dy = -1; dy <= 1; dy++)
    for (int x = (int) (l->x + l->w / 2); x < (int) (l->x + l->w); x++)
      if (distance (pixel_at (a, x, y + dy), pixel_at (b, x, y + dy)) > 0.1)
        return TRUE;
  return FALSE;
}

/* The PHQ-9 chart marks response (half of the baseline) and remission
 * (below 5), against the first PHQ-9 ever when the plan has no
 * pre-treatment total, even one before the range; its description says
 * the same. */
static void
test_phq9_response_lines (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_autoptr(TmChartData) entered = NULL;
  g_auto (Picture) marked = { 0 };
  g_auto (Picture) plain = { 0 };
  g_autofree char *text = NULL;
  TmPlan *plan;

  add_plan (record, "2026-09-01", 14);
  add_phq9 (record, "2026-09-02", 20);   /* before the range */
  add_phq9 (record, "2026-11-03", 16);   /* all above 10, so no point lies on a line */
  add_phq9 (record, "2026-11-10", 14);
  add_phq9 (record, "2026-11-20", 17);
  data = tm_chart_data_new (record, "2026-11-01", "2026-11-28", "2026-11-28");
  g_assert_cmpint (data->phq9_baseline.total, ==, 20);
  g_assert_false (data->phq9_baseline.entered);
  g_assert_cmpstr (data->phq9_baseline.day, ==, "2026-09-02");

  draw_phq9 (&marked, data);
  data->phq9_baseline.total = TM_UNSET;
  draw_phq9 (&plain, data);
  g_assert_true (row_differs (&marked, &plain, 10.5));
  g_assert_true (row_differs (&marked, &plain, 4.5));
  g_assert_false (row_differs (&marked, &plain, 7.5));
  g_assert_false (row_differs (&marked, &plain, 12.5));

  plan = record->plans->pdata[0];
  plan->pre_phq9 = 24;
  entered = tm_chart_data_new (record, "2026-11-01", "2026-11-28", "2026-11-28");
  g_assert_cmpint (entered->phq9_baseline.total, ==, 24);
  text = tm_chart_data_describe_scores (entered, TM_QUESTIONNAIRE_PHQ9);
  g_assert_nonnull (strstr (text, "Response: 12 or less, half of the baseline, "
                                  "the pre-treatment PHQ-9 entered in the plan (24). Remission: below 5."));
}

static void
test_empty (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = tm_chart_data_new (record, "2026-11-01", "2026-11-14", "2026-11-14");
  g_auto (Picture) picture = { 0 };
  const TmChartLayout *l = &picture.layout;

  g_assert_cmpint (data->n_checked_in, ==, 0);
  g_assert_true (isnan (data->mean_mood));
  draw_trend (&picture, data, TM_CHART_STYLE_LIGHT, TM_SERIES_DEFAULT, WIDTH);

  /* Words in the middle of the plot say why it is empty. */
  g_assert_true (has_ink (&picture, l->x + l->w * 0.3, l->y + l->h * 0.4, l->x + l->w * 0.7, l->y + l->h * 0.6));

  /* The other charts, too. */
  {
    cairo_t *cr = cairo_create (picture.surface);
    TmChartLayout layout;

    paint_window (cr, TM_CHART_STYLE_LIGHT);
    tm_after_dose_chart_layout (data, &picture.style, WIDTH, HEIGHT, &layout);
    tm_after_dose_chart_draw (cr, data, &picture.style, &layout);
    cairo_surface_flush (picture.surface);
    picture.layout = layout;
    g_assert_true (has_ink (&picture, layout.x + layout.w * 0.3, layout.y + layout.h * 0.4,
                            layout.x + layout.w * 0.7, layout.y + layout.h * 0.6));

    paint_window (cr, TM_CHART_STYLE_LIGHT);
    tm_questionnaire_chart_layout (data, &picture.style, TM_QUESTIONNAIRE_PHQ9, WIDTH, HEIGHT, &layout);
    tm_questionnaire_chart_draw (cr, data, &picture.style, TM_QUESTIONNAIRE_PHQ9, &layout);
    cairo_surface_flush (picture.surface);
    picture.layout = layout;
    g_assert_true (has_ink (&picture, layout.x + layout.w * 0.3, layout.y + layout.h * 0.4,
                            layout.x + layout.w * 0.7, layout.y + layout.h * 0.6));
    cairo_destroy (cr);
  }

  /* A range of a single day, at a tiny size, does not fail either. */
  {
    g_autoptr(TmChartData) one = tm_chart_data_new (record, "2026-11-14", "2026-11-14", "2026-11-14");
    g_auto (Picture) tiny = { 0 };

    draw_trend (&tiny, one, TM_CHART_STYLE_DARK, TM_SERIES_ROLLING | TM_SERIES_ANXIETY, 20);
  }
}

static void
draw_after_dose (Picture           *picture,
                 const TmChartData *data)
{
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (picture->surface);
  paint_window (cr, TM_CHART_STYLE_LIGHT);
  tm_chart_style_init (&picture->style, TM_CHART_STYLE_LIGHT, "Sans", 12);
  tm_after_dose_chart_layout (data, &picture->style, WIDTH, HEIGHT, &picture->layout);
  tm_after_dose_chart_draw (cr, data, &picture->style, &picture->layout);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

/* The demo year: each period's mean in its own colour at its k and value,
 * the ±1 SD band around it where five or more cycles are behind the day,
 * the plans' intervals as rules; and the hit test finds the point. */
static void
test_after_dose_chart (void)
{
  g_autoptr(TmChartRecord) record = tm_demo_record_new ("2026-11-28", TM_DEMO_DAYS);
  g_autoptr(TmChartData) data = tm_chart_data_new (record, "2025-11-28", "2026-11-28", "2026-11-28");
  g_auto (Picture) picture = { 0 };
  const TmIntervalPeriod *period = NULL;
  const TmIntervalPoint *p = NULL;
  guint index = 0, hit_period;
  int hit_k;
  double x, y;

  draw_after_dose (&picture, data);

  /* The first period with a curve is drawn in the first colour. */
  for (guint i = 0; period == NULL && i < data->after_dose->periods->len; i++)
    if (g_array_index (data->after_dose->periods, TmIntervalPeriod, i).curve->len > 0)
      period = &g_array_index (data->after_dose->periods, TmIntervalPeriod, i), index = i;
  g_assert_nonnull (period);
  for (guint i = 0; i < period->curve->len; i++)
    if (g_array_index (period->curve, TmIntervalPoint, i).k == 3)
      p = &g_array_index (period->curve, TmIntervalPoint, i);
  g_assert_nonnull (p);
  g_assert_cmpint (p->n_cycles, >=, TM_INTERVAL_BAND_CYCLES);

  x = tm_chart_layout_column_x (&picture.layout, p->k);
  y = tm_chart_layout_value_y (&picture.layout, p->mean);
  g_assert_cmpfloat (distance (pixel_at (&picture, x, y), (Rgb) { picture.style.periods[0].red,
                                                                   picture.style.periods[0].green,
                                                                   picture.style.periods[0].blue }), <, 0.35);
  g_assert_true (tm_after_dose_chart_hit (data, &picture.layout, x, y, &hit_period, &hit_k));
  g_assert_cmpuint (hit_period, ==, index);
  g_assert_cmpint (hit_k, ==, 3);
  {
    Rgb band = pixel_at (&picture, x + 0.3 * picture.layout.column_width,
                         tm_chart_layout_value_y (&picture.layout, p->mean + p->sd * 0.8));

    g_assert_cmpfloat (distance (band, (Rgb) { 1, 1, 1 }), >, 0.04);
  }

  /* The plans' intervals, 14 and 21 days, as rules. */
  for (int k = 14; k <= 21; k += 7)
    g_assert_true (column_has_color (&picture, round (tm_chart_layout_column_x (&picture.layout, k)),
                                     picture.layout.y + picture.layout.h * 0.8,
                                     picture.layout.y + picture.layout.h,
                                     &picture.style.planned, 0.5));
}

/* Four cycles: no band yet, however wide they spread; five: a band
 * (over days 1 and 2: a band is drawn over two days or more). */
static void
test_after_dose_band_needs_cycles (void)
{
  for (int n_cycles = 4; n_cycles <= 5; n_cycles++)
    {
      g_autoptr(TmChartRecord) record = tm_chart_record_new ();
      g_autoptr(TmChartData) data = NULL;
      g_auto (Picture) picture = { 0 };
      double x, y_band;

      for (int c = 0; c < n_cycles; c++)
        {
          g_autofree char *start = tm_day_add ("2026-01-05", 7 * c);
          g_autofree char *next = tm_day_add (start, 1);
          g_autofree char *after = tm_day_add (start, 2);

          add_session (record, start);
          /* k = 1 and 2 alternate 2 and 8: mean near 5, SD near 3. */
          add_checkin (record, next, c % 2 == 0 ? 2 : 8);
          add_checkin (record, after, c % 2 == 0 ? 2 : 8);
        }
      data = tm_chart_data_new (record, "2026-01-05", "2026-02-15", "2026-02-15");
      draw_after_dose (&picture, data);

      x = tm_chart_layout_column_x (&picture.layout, 1) + 0.3 * picture.layout.column_width;
      y_band = tm_chart_layout_value_y (&picture.layout, 6.5);
      if (n_cycles < TM_INTERVAL_BAND_CYCLES)
        g_assert_cmpfloat (distance (pixel_at (&picture, x, y_band), (Rgb) { 1, 1, 1 }), <, 0.02);
      else
        g_assert_cmpfloat (distance (pixel_at (&picture, x, y_band), (Rgb) { 1, 1, 1 }), >, 0.04);
    }
}

/* The read-out gives a session's time as it was where it was taken, with
 * that place's offset, on the day it was taken there. */
static void
test_describe_day_as_taken (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_autofree char *text = NULL;
  TmSession *s = tm_session_new ();

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  tm_session_set_taken_at (s, "2026-02-03T23:30:00-05:00");   /* 05:30 on the 4th in Berlin */
  s->dose_mg = 50;
  g_ptr_array_add (record->sessions, s);
  add_checkin (record, "2026-02-03", 6);
  data = tm_chart_data_new (record, "2026-02-01", "2026-02-14", "2026-02-14");

  g_assert_cmpuint (data->sessions->len, ==, 1);
  g_assert_cmpstr (g_array_index (data->sessions, TmChartSession, 0).day, ==, "2026-02-03");
  text = tm_chart_data_describe_day (data, 2);
  g_assert_nonnull (strstr (text, "Session: 50 mg sublingual at 23:30 (UTC-05:00)"));
  g_clear_pointer (&text, g_free);
  text = tm_chart_data_describe_day (data, 3);
  g_assert_null (strstr (text, "Session"));
}

/* For a shared screen the read-out can leave the note out, and only the
 * note. */
static void
test_describe_day_without_note (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;

  add_checkin (record, "2026-02-03", 6);
  tm_checkin_set_note (record->checkins->pdata[0], "Rang my sister");
  data = tm_chart_data_new (record, "2026-02-01", "2026-02-14", "2026-02-14");

  with = tm_chart_data_describe_day (data, 2);
  without = tm_chart_data_describe_day_with (data, 2, FALSE);
  g_assert_cmpstr (with, ==, "Mood 6\nNote: “Rang my sister”");
  g_assert_cmpstr (without, ==, "Mood 6");
}

static void
test_describe (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmChartData) data = NULL;
  g_autofree char *text = NULL;

  add_checkin (record, "2026-02-02", 3);
  add_checkin (record, "2026-02-03", 7);
  data = tm_chart_data_new (record, "2026-02-01", "2026-02-14", "2026-02-14");
  text = tm_chart_data_describe (data);

  g_assert_nonnull (strstr (text, "2 days checked in of 14"));
  g_assert_nonnull (strstr (text, "mean mood 5.0 (lowest 3, highest 7)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/after-dose/by-hand", test_after_dose_by_hand);
  g_test_add_func ("/chart/after-dose/three-values", test_after_dose_three_values);
  g_test_add_func ("/chart/after-dose/one-curve-per-plan", test_after_dose_one_curve_per_plan);
  g_test_add_func ("/chart/data/rolling-mean", test_data_rolling_mean);
  g_test_add_func ("/chart/data/plans-and-sessions", test_data_plans_and_sessions);
  g_test_add_func ("/chart/data/plan-periods-in-order", test_data_plan_periods_in_order);
  g_test_add_func ("/chart/data/refuses-bad-range", test_data_refuses_bad_range);
  g_test_add_func ("/chart/data/demo", test_data_demo);
  g_test_add_func ("/chart/data/demo-valid", test_data_demo_valid);
  g_test_add_func ("/chart/data/demo-store", test_data_demo_store);
  g_test_add_func ("/chart/data/describe", test_describe);
  g_test_add_func ("/chart/data/describe-day-as-taken", test_describe_day_as_taken);
  g_test_add_func ("/chart/data/describe-day-without-note", test_describe_day_without_note);
  g_test_add_func ("/chart/trend/planned-rule", test_trend_planned_rule);
  g_test_add_func ("/chart/trend/gap-wide", test_trend_gap_wide);
  g_test_add_func ("/chart/trend/gap-narrow", test_trend_gap_narrow);
  g_test_add_func ("/chart/trend/plan-band", test_trend_plan_band);
  g_test_add_func ("/chart/trend/medicine-band", test_trend_medicine_band);
  g_test_add_func ("/chart/trend/no-medicine-lane", test_trend_no_medicine_lane);
  g_test_add_func ("/chart/trend/light-and-dark", test_trend_light_and_dark);
  g_test_add_func ("/chart/trend/hit", test_trend_hit);
  g_test_add_func ("/chart/trend/fast-matches-vector", test_trend_fast_matches_vector);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/phq9/response-lines", test_phq9_response_lines);
  g_test_add_func ("/chart/after-dose/chart", test_after_dose_chart);
  g_test_add_func ("/chart/after-dose/band-needs-cycles", test_after_dose_band_needs_cycles);

  return g_test_run ();
}
