/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan in the store: rows are added, never changed; one-off dates;
 * every rule with its sentence. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "tm-store-private.h"
#include "tm-test-util.h"

static TmPlan *
good_plan (const char *from)
{
  TmPlan *plan = tm_plan_new (from);

  plan->interval_days = 14;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_SUBLINGUAL;
  plan->tolerance_days = 2;
  tm_plan_set_author (plan, "Dr. Ortiz");
  tm_plan_set_instructions (plan, "Take it sitting down, with someone nearby.");
  return plan;
}

static void
test_store (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmPlan) first = good_plan ("2026-11-03");
  g_autoptr(TmPlan) second = good_plan ("2026-12-01");
  g_autoptr(TmPlanDate) extra = tm_plan_date_new ("2026-11-24", TM_PLAN_DATE_EXTRA);
  g_autoptr(TmPlanDate) again = tm_plan_date_new ("2026-11-24", TM_PLAN_DATE_EXTRA);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GError) error = NULL;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);

  g_assert_true (tm_store_add_plan (store, first, &error));
  g_assert_no_error (error);
  second->interval_days = 21;
  second->dose_mg = 75;
  g_assert_true (tm_store_add_plan (store, second, &error));

  /* Both rows, as they were: the change added a row, the first stays. */
  plans = tm_store_list_plans (store, &error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpstr (((TmPlan *) plans->pdata[0])->effective_from, ==, "2026-11-03");
  g_assert_cmpint (((TmPlan *) plans->pdata[0])->interval_days, ==, 14);
  g_assert_cmpstr (((TmPlan *) plans->pdata[0])->author, ==, "Dr. Ortiz");
  g_assert_cmpint (((TmPlan *) plans->pdata[1])->interval_days, ==, 21);
  g_assert_cmpfloat (((TmPlan *) plans->pdata[1])->dose_mg, ==, 75);
  g_assert_true (tm_plan_same_terms (plans->pdata[0], first));

  /* Nothing can rewrite history, not even SQL. */
  g_assert_cmpint (sqlite3_exec (tm_store_get_db (store), "UPDATE plan SET dose_mg = 1", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);

  g_assert_true (tm_store_add_plan_date (store, extra, &error));
  g_assert_false (tm_store_add_plan_date (store, again, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Tuesday 24 November 2026 is already an extra planned date.");
  g_clear_error (&error);

  dates = tm_store_list_plan_dates (store, &error);
  g_assert_cmpuint (dates->len, ==, 1);
  g_assert_true (tm_store_delete_plan_date (store, dates->pdata[0], &error));
  g_clear_pointer (&dates, g_ptr_array_unref);
  dates = tm_store_list_plan_dates (store, &error);
  g_assert_cmpuint (dates->len, ==, 0);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static void
test_validation (void)
{
  g_autoptr(TmPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  plan = good_plan ("2026-11-03");
  g_assert_true (tm_plan_validate (plan, &field, &error));

  plan->interval_days = 0;
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (field, ==, "interval_days");
  g_assert_cmpstr (error->message, ==, "The interval must be from 1 to 365 days.");
  g_clear_error (&error);
  plan->interval_days = 366;
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_clear_error (&error);

  plan->interval_days = 7;
  plan->tolerance_days = 4;
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (field, ==, "tolerance_days");
  g_assert_cmpstr (error->message, ==,
                   "A window of 4 days either side is too wide for a dose every 7 days: the windows would overlap. Use at most 3.");
  g_clear_error (&error);
  plan->tolerance_days = 3;
  g_assert_true (tm_plan_validate (plan, &field, &error));

  plan->dose_mg = 0;
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (field, ==, "dose_mg");
  g_clear_error (&error);
  plan->dose_mg = 2000;
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_clear_error (&error);
  plan->dose_mg = 50;

  g_strlcpy (plan->effective_from, "2026-13-01", sizeof plan->effective_from);
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (field, ==, "effective_from");
  g_clear_error (&error);
  g_strlcpy (plan->effective_from, "1999-01-01", sizeof plan->effective_from);
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (error->message, ==, "A plan must start in the year 2000 or later. Check the date.");
  g_clear_error (&error);
  /* A plan may start in the future. */
  g_strlcpy (plan->effective_from, "2027-01-05", sizeof plan->effective_from);
  g_assert_true (tm_plan_validate (plan, &field, &error));

  plan->route = 7;
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (field, ==, "route");
  g_clear_error (&error);
  plan->route = TM_ROUTE_ORAL;

  tm_plan_set_author (plan, "\xff");
  g_assert_false (tm_plan_validate (plan, &field, &error));
  g_assert_cmpstr (field, ==, "author");
  g_clear_error (&error);

  g_assert_cmpint (tm_plan_default_tolerance (14), ==, 2);
  g_assert_cmpint (tm_plan_default_tolerance (3), ==, 1);
  g_assert_cmpint (tm_plan_default_tolerance (1), ==, 0);
}

static void
test_describe (void)
{
  g_autoptr(TmPlan) plan = good_plan ("2026-11-03");
  g_autofree char *text = tm_plan_describe (plan);
  g_autofree char *weekly = tm_plan_describe_interval (7);
  g_autofree char *monthly = tm_plan_describe_interval (28);
  g_autofree char *ten = tm_plan_describe_interval (10);

  g_assert_cmpstr (text, ==, "Every 2 weeks, 50 mg sublingual, from Tuesday 3 November 2026 — Dr. Ortiz");
  g_assert_cmpstr (weekly, ==, "every week");
  g_assert_cmpstr (monthly, ==, "every 4 weeks");
  g_assert_cmpstr (ten, ==, "every 10 days");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/store", test_store);
  g_test_add_func ("/plan/validation", test_validation);
  g_test_add_func ("/plan/describe", test_describe);

  return g_test_run ();
}
