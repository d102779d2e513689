/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Planned against taken, table-driven: each case gives the plan rows, the
 * one-off dates, the sessions and "today", and the expected status of every
 * planned day and which sessions are extra. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tm-schedule.h"
#include "tm-session-status.h"

typedef struct
{
  const char *name;
  const char *plans[4];      /* "FROM INTERVAL DOSE TOLERANCE" */
  const char *dates[4];      /* "DAY extra|cancelled" */
  const char *sessions[6];   /* taken_at instants */
  const char *today;
  const char *from;
  const char *to;
  const char *expected;      /* "DAY:status ..." for planned days in [from, to] */
  const char *extra;         /* days of extra sessions, in session order */
  int         planned, on_time, late, missed, due, n_extra;
} Case;

static const char *status_names[] = { "upcoming", "due", "on-time", "late", "missed" };

static const Case cases[] = {
  { "no-plan-at-all",
    { NULL }, { NULL },
    { "2026-11-03T10:00:00+01:00", "2026-11-17T10:00:00+01:00", NULL },
    "2026-12-10", "2026-11-01", "2026-12-31",
    "", "2026-11-03 2026-11-17",
    0, 0, 0, 0, 0, 2 },

  { "every-14-days",
    { "2026-11-03 14 50 2", NULL }, { NULL },
    { "2026-11-03T10:00:00+01:00", "2026-11-18T21:00:00+01:00", NULL },
    "2026-12-10", "2026-11-01", "2026-12-31",
    "2026-11-03:on-time 2026-11-17:late 2026-12-01:missed 2026-12-15:upcoming 2026-12-29:upcoming", "",
    3, 1, 1, 1, 0, 0 },

  { "early-in-the-window-is-on-time",
    { "2026-11-03 14 50 2", NULL }, { NULL },
    { "2026-11-15T09:00:00+01:00", NULL },
    "2026-11-20", "2026-11-10", "2026-11-20",
    "2026-11-17:on-time", "",
    1, 1, 0, 0, 0, 0 },

  { "outside-the-window-is-extra",
    { "2026-11-03 14 50 2", NULL }, { NULL },
    { "2026-11-10T09:00:00+01:00", NULL },
    "2026-11-12", "2026-11-01", "2026-11-12",
    "2026-11-03:missed", "2026-11-10",
    1, 0, 0, 1, 0, 1 },

  { "plan-change-in-the-middle-of-an-interval",
    { "2026-11-03 14 50 2", "2026-11-10 21 75 3", NULL }, { NULL },
    { "2026-11-03T10:00:00+01:00", "2026-11-11T10:00:00+01:00", NULL },
    "2026-12-05", "2026-11-01", "2026-12-31",
    "2026-11-03:on-time 2026-11-10:late 2026-12-01:missed 2026-12-22:upcoming", "",
    3, 1, 1, 1, 0, 0 },

  { "a-later-row-for-the-same-day-replaces-it",
    { "2026-11-03 14 50 2", "2026-11-03 7 50 2", NULL }, { NULL },
    { NULL },
    "2026-10-20", "2026-11-01", "2026-11-20",
    "2026-11-03:upcoming 2026-11-10:upcoming 2026-11-17:upcoming", "",
    0, 0, 0, 0, 0, 0 },

  { "one-off-extra-and-cancelled-dates",
    { "2026-11-03 14 50 2", NULL }, { "2026-11-24 extra", "2026-11-17 cancelled", NULL },
    { "2026-11-24T10:00:00+01:00", NULL },
    "2026-12-10", "2026-11-01", "2026-12-10",
    "2026-11-03:missed 2026-11-24:on-time 2026-12-01:missed", "",
    3, 1, 0, 2, 0, 0 },

  { "cancelling-an-extra-date",
    { "2026-11-03 14 50 2", NULL }, { "2026-11-24 extra", "2026-11-24 cancelled", NULL },
    { NULL },
    "2026-11-01", "2026-11-20", "2026-11-30",
    "", "",
    0, 0, 0, 0, 0, 0 },

  { "two-sessions-near-one-planned-date",
    { "2026-11-03 14 50 2", NULL }, { NULL },
    { "2026-11-16T10:00:00+01:00", "2026-11-18T10:00:00+01:00", NULL },
    "2026-11-25", "2026-11-10", "2026-11-25",
    "2026-11-17:on-time", "2026-11-18",
    1, 1, 0, 0, 0, 1 },

  { "month-ends",
    { "2026-01-31 30 50 2", NULL }, { NULL },
    { "2026-03-02T08:00:00+01:00", "2026-04-02T08:00:00+02:00", NULL },
    "2026-05-10", "2026-01-01", "2026-05-10",
    "2026-01-31:missed 2026-03-02:on-time 2026-04-01:late 2026-05-01:missed", "",
    4, 1, 1, 2, 0, 0 },

  { "29-february",
    { "2028-02-01 14 50 2", NULL }, { NULL },
    { "2028-02-15T10:00:00+01:00", "2028-03-01T10:00:00+01:00", NULL },
    "2028-03-20", "2028-02-01", "2028-03-20",
    "2028-02-01:missed 2028-02-15:on-time 2028-02-29:late 2028-03-14:missed", "",
    4, 1, 1, 2, 0, 0 },

  /* Berlin: clocks go forward on 29 March 2026 and back on 25 October. */
  { "around-a-daylight-saving-change",
    { "2026-03-15 14 50 2", NULL }, { NULL },
    { "2026-03-29T00:30:00+01:00", "2026-04-14T01:00:00+02:00", "2026-10-25T02:30:00+01:00", NULL },
    "2026-04-20", "2026-03-01", "2026-04-20",
    "2026-03-15:missed 2026-03-29:on-time 2026-04-12:late", "2026-10-25",
    3, 1, 1, 1, 0, 0 },

  { "window-still-open-is-due",
    { "2026-11-03 14 50 2", NULL }, { NULL },
    { "2026-11-03T10:00:00+01:00", NULL },
    "2026-11-18", "2026-11-01", "2026-11-30",
    "2026-11-03:on-time 2026-11-17:due", "",
    1, 1, 0, 0, 1, 0 },

  /* Each session on its own day, where it was taken, not on this
   * machine's (Berlin): the evening in New York is the next morning here,
   * the morning in Tokyo the evening before. With no days either side,
   * another day would be beyond the plan. */
  { "on-the-day-where-it-was-taken",
    { "2026-11-03 14 50 0", NULL }, { NULL },
    { "2026-11-03T08:00:00+09:00", "2026-11-17T23:30:00-05:00", NULL },
    "2026-11-25", "2026-11-01", "2026-11-25",
    "2026-11-03:on-time 2026-11-17:on-time", "",
    2, 2, 0, 0, 0, 0 },

  { "extra-date-before-any-plan-has-no-window",
    { "2026-12-01 14 50 2", NULL }, { "2026-11-20 extra", NULL },
    { "2026-11-21T10:00:00+01:00", NULL },
    "2026-11-25", "2026-11-01", "2026-11-30",
    "2026-11-20:missed", "2026-11-21",
    1, 0, 0, 1, 0, 1 },
};

static GPtrArray *
make_plans (const Case *c)
{
  GPtrArray *plans = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; c->plans[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (c->plans[i], " ", -1);
      TmPlan *plan = tm_plan_new (f[0]);

      plan->id = i + 1;
      plan->interval_days = atoi (f[1]);
      plan->dose_mg = g_ascii_strtod (f[2], NULL);
      plan->tolerance_days = atoi (f[3]);
      g_ptr_array_add (plans, plan);
    }
  return plans;
}

static GPtrArray *
make_dates (const Case *c)
{
  GPtrArray *dates = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; c->dates[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (c->dates[i], " ", -1);
      TmPlanDateKind kind;

      g_assert_true (tm_plan_date_kind_from_string (f[1], &kind));
      g_ptr_array_add (dates, tm_plan_date_new (f[0], kind));
    }
  return dates;
}

static GPtrArray *
make_sessions (const Case *c)
{
  GPtrArray *sessions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; c->sessions[i] != NULL; i++)
    {
      TmSession *s = tm_session_new ();

      tm_session_set_taken_at (s, c->sessions[i]);
      s->dose_mg = 50;
      g_ptr_array_add (sessions, s);
    }
  return sessions;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GPtrArray) plans = make_plans (c);
  g_autoptr(GPtrArray) dates = make_dates (c);
  g_autoptr(GPtrArray) sessions = make_sessions (c);
  g_autoptr(TmSchedule) schedule = tm_schedule_new (plans, dates, sessions, c->to, c->today);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) extra = g_string_new (NULL);
  TmAdherence a;

  for (guint i = 0; i < schedule->planned->len; i++)
    {
      const TmPlannedDay *p = &g_array_index (schedule->planned, TmPlannedDay, i);

      if (strcmp (p->day, c->from) < 0)
        continue;
      if (got->len > 0)
        g_string_append_c (got, ' ');
      g_string_append_printf (got, "%s:%s", p->day, status_names[p->status]);
    }
  g_assert_cmpstr (got->str, ==, c->expected);

  for (guint i = 0; i < sessions->len; i++)
    if (g_array_index (schedule->session_status, int, i) < 0)
      {
        g_autofree char *day = tm_session_get_day (sessions->pdata[i]);

        if (extra->len > 0)
          g_string_append_c (extra, ' ');
        g_string_append (extra, day);
      }
  g_assert_cmpstr (extra->str, ==, c->extra);

  a = tm_schedule_adherence (schedule, sessions, c->from, c->to);
  g_assert_cmpint (a.planned, ==, c->planned);
  g_assert_cmpint (a.on_time, ==, c->on_time);
  g_assert_cmpint (a.late, ==, c->late);
  g_assert_cmpint (a.missed, ==, c->missed);
  g_assert_cmpint (a.due, ==, c->due);
  g_assert_cmpint (a.extra, ==, c->n_extra);
  if (c->planned > 0)
    g_assert_cmpfloat_with_epsilon (a.adherence, (double) (c->on_time + c->late) / c->planned, 1e-9);
  else
    g_assert_cmpfloat (a.adherence, ==, -1.0);
}

static void
test_plan_in_force (void)
{
  const Case c = { "", { "2026-11-03 14 50 2", "2026-12-01 21 75 3", "2026-12-01 28 60 3", NULL } };
  g_autoptr(GPtrArray) plans = make_plans (&c);

  g_assert_null (tm_schedule_plan_on (plans, "2026-11-02"));
  g_assert_cmpint (tm_schedule_plan_on (plans, "2026-11-03")->interval_days, ==, 14);
  g_assert_cmpint (tm_schedule_plan_on (plans, "2026-11-30")->interval_days, ==, 14);
  /* Two rows from one day: the one added later is in force. */
  g_assert_cmpint (tm_schedule_plan_on (plans, "2026-12-01")->interval_days, ==, 28);
  g_assert_cmpint (tm_schedule_plan_on (plans, "2027-06-01")->interval_days, ==, 28);
}

static void
test_list_planned_in_any_period (void)
{
  const Case c = { "", { "2026-11-03 7 50 2", NULL }, { "2026-11-12 extra", "2026-11-17 cancelled", NULL } };
  g_autoptr(GPtrArray) plans = make_plans (&c);
  g_autoptr(GPtrArray) dates = make_dates (&c);
  g_autoptr(GArray) days = tm_schedule_list_planned (plans, dates, "2026-11-09", "2026-11-30");
  const char *expected[] = { "2026-11-10", "2026-11-12", "2026-11-24" };

  g_assert_cmpuint (days->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < days->len; i++)
    g_assert_cmpstr (g_array_index (days, TmPlannedDay, i).day, ==, expected[i]);
  g_assert_true (g_array_index (days, TmPlannedDay, 1).extra);
}

static void
test_next (void)
{
  const Case c = { "", { "2026-11-03 14 50 2", NULL } };
  g_autoptr(GPtrArray) plans = make_plans (&c);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(TmSchedule) ahead = tm_schedule_new (plans, none, none, "2027-01-31", "2026-11-10");
  g_autoptr(TmSchedule) overdue = tm_schedule_new (plans, none, none, "2027-01-31", "2026-11-18");
  g_autoptr(TmSchedule) nothing = tm_schedule_new (none, none, none, "2027-01-31", "2026-11-18");

  g_assert_cmpstr (tm_schedule_next (ahead, "2026-11-10")->day, ==, "2026-11-17");
  g_assert_cmpint (tm_schedule_next (ahead, "2026-11-10")->status, ==, TM_PLANNED_UPCOMING);
  /* A day after the planned one, its window still open: due (overdue). */
  g_assert_cmpstr (tm_schedule_next (overdue, "2026-11-18")->day, ==, "2026-11-17");
  g_assert_cmpint (tm_schedule_next (overdue, "2026-11-18")->status, ==, TM_PLANNED_DUE);
  g_assert_null (tm_schedule_next (nothing, "2026-11-18"));
}

/* Each session's status at the edges of its window, its dose and route
 * against the plan of the planned day it matched, and the days since the
 * dose before it; worked out by hand from the plans below. */
static void
test_session_status (void)
{
  static const struct
  {
    const char *taken_at;
    double      dose_mg;
    TmRoute     route;
    const char *status;
    const char *since;
    int         days_since;
    gboolean    attention;
  } expected[] = {
    /* Before any plan. */
    { "2026-10-20T10:00:00+02:00", 50, TM_ROUTE_ORAL, "no plan in force", "", -1, FALSE },
    { "2026-11-03T10:00:00+01:00", 50, TM_ROUTE_ORAL, "on the day", "14 days since the previous dose", 14, FALSE },
    /* Planned 10 November. */
    { "2026-11-09T10:00:00+01:00", 50, TM_ROUTE_ORAL, "early (1 day)", "6 days since the previous dose", 6, FALSE },
    /* Planned 17 November: 07:00 in Tokyo is the evening before in Berlin,
     * but the dose was taken on the 17th where it was taken. */
    { "2026-11-17T07:00:00+09:00", 50, TM_ROUTE_ORAL, "on the day", "8 days since the previous dose", 8, FALSE },
    { "2026-11-25T10:00:00+01:00", 50, TM_ROUTE_ORAL, "late (1 day)", "8 days since the previous dose", 8, FALSE },
    /* Two days early for the first day of the 60 mg plan, while the 50 mg
     * one is still in force: held against 60 mg, so not above. */
    { "2026-11-29T10:00:00+01:00", 60, TM_ROUTE_ORAL, "early (2 days)", "4 days since the previous dose", 4, FALSE },
    { "2026-12-10T10:00:00+01:00", 60, TM_ROUTE_ORAL, "late (2 days)", "11 days since the previous dose", 11, FALSE },
    { "2026-12-15T10:00:00+01:00", 60.01, TM_ROUTE_SUBLINGUAL,
      "on the day · above the plan's dose · route differs", "5 days since the previous dose", 5, TRUE },
    /* Three days before 22 December: outside its window. */
    { "2026-12-19T10:00:00+01:00", 75, TM_ROUTE_ORAL, "beyond the plan · above the plan's dose",
      "4 days since the previous dose", 4, TRUE },
    /* Three days after it. */
    { "2026-12-25T10:00:00+01:00", 60, TM_ROUTE_ORAL, "beyond the plan", "6 days since the previous dose", 6, TRUE },
    { "2026-12-29T10:00:00+01:00", 60, TM_ROUTE_ORAL, "on the day", "4 days since the previous dose", 4, FALSE },
    { "2026-12-29T20:00:00+01:00", 60, TM_ROUTE_ORAL, "beyond the plan", "the same day as the previous dose", 0, TRUE },
    { "2026-12-30T10:00:00+01:00", 60, TM_ROUTE_ORAL, "beyond the plan", "1 day since the previous dose", 1, TRUE },
  };
  const Case c = { "", { "2026-11-03 7 50 2", "2026-12-01 7 60 2", NULL } };
  g_autoptr(GPtrArray) plans = make_plans (&c);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TmSchedule) schedule = NULL;
  g_autoptr(GArray) statuses = NULL;

  for (guint i = 0; i < plans->len; i++)
    ((TmPlan *) plans->pdata[i])->route = TM_ROUTE_ORAL;
  /* Listed newest first, as the store's list model has them. */
  for (guint i = G_N_ELEMENTS (expected); i > 0; i--)
    {
      TmSession *s = tm_session_new ();

      tm_session_set_taken_at (s, expected[i - 1].taken_at);
      s->dose_mg = expected[i - 1].dose_mg;
      s->route = expected[i - 1].route;
      g_ptr_array_add (sessions, s);
    }
  schedule = tm_schedule_new (plans, none, sessions, "2027-02-01", "2027-01-20");
  statuses = tm_session_status_list (schedule, plans, sessions);
  g_assert_cmpuint (statuses->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TmSessionStatus *status = &g_array_index (statuses, TmSessionStatus, G_N_ELEMENTS (expected) - 1 - i);
      g_autofree char *words = tm_session_status_describe (status);
      g_autofree char *since = tm_session_status_describe_since (status);

      g_test_message ("%s", expected[i].taken_at);
      g_assert_cmpstr (words, ==, expected[i].status);
      g_assert_cmpstr (since != NULL ? since : "", ==, expected[i].since);
      g_assert_cmpint (status->days_since_previous, ==, expected[i].days_since);
      g_assert_cmpint (tm_session_status_needs_attention (status), ==, expected[i].attention);
    }

  /* What the dose was held against, and where. */
  {
    const TmSessionStatus *early = &g_array_index (statuses, TmSessionStatus, G_N_ELEMENTS (expected) - 1 - 5);
    const TmSessionStatus *beyond = &g_array_index (statuses, TmSessionStatus, G_N_ELEMENTS (expected) - 1 - 8);

    g_assert_cmpstr (early->planned_day, ==, "2026-12-01");
    g_assert_cmpint (early->days_off, ==, 2);
    g_assert_cmpfloat (early->plan_dose_mg, ==, 60);
    g_assert_cmpstr (beyond->planned_day, ==, "");
    g_assert_true (beyond->has_plan);
    g_assert_cmpfloat (beyond->plan_dose_mg, ==, 60);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/schedule/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/schedule/plan-in-force", test_plan_in_force);
  g_test_add_func ("/schedule/list-planned-in-any-period", test_list_planned_in_any_period);
  g_test_add_func ("/schedule/next", test_next);
  g_test_add_func ("/schedule/session-status", test_session_status);

  return g_test_run ();
}
