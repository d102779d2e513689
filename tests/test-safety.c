/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety rules: each just below, at and above its threshold; rules
 * together; the record; the contacts; the no-driving reminder. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-safety-contacts.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

#define NOW "2026-11-28T20:00:00+01:00"

typedef struct
{
  GPtrArray *sessions;
  GPtrArray *checkins;
  GPtrArray *plans;
  GPtrArray *dates;
  GPtrArray *events;
  GDateTime *now;
} World;

static void
world_init (World *w)
{
  w->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  w->checkins = g_ptr_array_new_with_free_func (g_object_unref);
  w->plans = g_ptr_array_new_with_free_func (g_object_unref);
  w->dates = g_ptr_array_new_with_free_func (g_object_unref);
  w->events = g_ptr_array_new_with_free_func (g_object_unref);
  w->now = g_date_time_new_from_iso8601 (NOW, NULL);
}

static void
world_clear (World *w)
{
  g_ptr_array_unref (w->sessions);
  g_ptr_array_unref (w->checkins);
  g_ptr_array_unref (w->plans);
  g_ptr_array_unref (w->dates);
  g_ptr_array_unref (w->events);
  g_date_time_unref (w->now);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

static TmSession *
add_session (World      *w,
             const char *taken_at,
             double      dose)
{
  TmSession *s = tm_session_new ();

  s->id = w->sessions->len + 1;
  tm_session_set_taken_at (s, taken_at);
  s->dose_mg = dose;
  g_ptr_array_add (w->sessions, s);
  return s;
}

static void
add_plan (World      *w,
          const char *from,
          int         interval,
          double      dose)
{
  TmPlan *plan = tm_plan_new (from);

  plan->id = w->plans->len + 1;
  plan->interval_days = interval;
  plan->dose_mg = dose;
  plan->tolerance_days = 2;
  g_ptr_array_add (w->plans, plan);
}

static TmCheckin *
add_checkin (World      *w,
             const char *day,
             int         mood)
{
  TmCheckin *c = tm_checkin_new (day);

  c->id = w->checkins->len + 1;
  c->mood = mood;
  g_ptr_array_add (w->checkins, c);
  return c;
}

static GPtrArray *
evaluate (World    *w,
          TmSource  source,
          gpointer  record)
{
  TmSafetyFacts facts = { 0 };

  facts.source = source;
  facts.checkin = source == TM_SOURCE_CHECKIN ? record : NULL;
  facts.session = source == TM_SOURCE_SESSION ? record : NULL;
  facts.questionnaire = source == TM_SOURCE_QUESTIONNAIRE ? record : NULL;
  facts.sessions = w->sessions;
  facts.checkins = w->checkins;
  facts.plans = w->plans;
  facts.plan_dates = w->dates;
  facts.events = w->events;
  facts.now = w->now;
  return tm_safety_evaluate (&facts);
}

/* "S1:urgent S5:caution" */
static char *
summarize (GPtrArray *prompts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < prompts->len; i++)
    {
      TmSafetyPrompt *p = prompts->pdata[i];

      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%s:%s", tm_rule_to_string (p->rule), tm_level_to_string (p->level));
    }
  return g_string_free (s, FALSE);
}

static char *
session_prompts (World     *w,
                 TmSession *s)
{
  g_autoptr(GPtrArray) prompts = evaluate (w, TM_SOURCE_SESSION, s);
  return summarize (prompts);
}

static void
test_s1_thresholds (void)
{
  const struct { int peak; guint effects; const char *expected; } cases[] = {
    { TM_UNSET, 0, "" },
    { 0, 0, "" },
    { 1, 0, "S1:caution" },
    { 6, 0, "S1:caution" },
    { 7, 0, "S1:urgent" },
    { 8, 0, "S1:urgent" },
    { 0, TM_EFFECT_TIME, "S1:caution" },
    { 2, TM_EFFECT_FRIGHTENING, "S1:urgent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      TmSession *s;
      g_autofree char *got = NULL;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
      s->dissociation_peak = cases[i].peak;
      s->effects = cases[i].effects;
      got = session_prompts (&w, s);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_s5_thresholds (void)
{
  const struct { int bs, bd, as, ad; const char *expected; } cases[] = {
    { 140, 90, 179, 109, "" },
    { 141, 80, TM_UNSET, TM_UNSET, "S5:caution" },
    { 130, 91, TM_UNSET, TM_UNSET, "S5:caution" },
    { TM_UNSET, TM_UNSET, 180, 90, "S5:urgent" },
    { TM_UNSET, TM_UNSET, 150, 110, "S5:urgent" },
    { TM_UNSET, TM_UNSET, 181, 111, "S5:urgent" },
    { 145, 95, 185, 100, "S5:urgent S5:caution" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      TmSession *s;
      g_autofree char *got = NULL;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
      s->bp_before_sys = cases[i].bs;
      s->bp_before_dia = cases[i].bd;
      s->bp_after_sys = cases[i].as;
      s->bp_after_dia = cases[i].ad;
      got = session_prompts (&w, s);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_s1_with_s5_and_s7 (void)
{
  g_auto(World) w = { 0 };
  TmSession *s;
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) prompts = NULL;

  world_init (&w);
  add_plan (&w, "2026-11-14", 14, 50);
  s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
  s->dissociation_peak = 8;
  s->bp_after_sys = 190;
  s->bp_after_dia = 100;
  s->other_medicines = TM_MEDICINE_BENZODIAZEPINE | TM_MEDICINE_MAOI;

  /* Urgent first, then the rest in rule order. */
  got = session_prompts (&w, s);
  g_assert_cmpstr (got, ==, "S1:urgent S5:urgent S7:info");

  prompts = evaluate (&w, TM_SOURCE_SESSION, s);
  g_assert_nonnull (strstr (((TmSafetyPrompt *) prompts->pdata[2])->body, "a benzodiazepine, an MAOI"));
  g_assert_nonnull (strstr (((TmSafetyPrompt *) prompts->pdata[1])->body, "190/100"));
  g_assert_true (((TmSafetyPrompt *) prompts->pdata[1])->show_crisis);
}

static void
test_s2 (void)
{
  const struct { const char *session; const char *expected; } cases[] = {
    { NULL, "S2:caution" },
    { "2026-11-27T20:00:00+01:00", "" },           /* exactly 24 hours before */
    { "2026-11-27T19:59:00+01:00", "S2:caution" }, /* a minute more */
    { "2026-11-28T08:00:00+01:00", "" },           /* the same day */
    { "2026-11-20T08:00:00+01:00", "S2:caution" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmCheckin *c;

      world_init (&w);
      if (cases[i].session != NULL)
        add_session (&w, cases[i].session, 50);
      c = add_checkin (&w, "2026-11-28", 5);
      c->effects = TM_EFFECT_UNREAL;
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* No effects, no prompt. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    TmCheckin *c;

    world_init (&w);
    c = add_checkin (&w, "2026-11-28", 5);
    prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
    g_assert_cmpuint (prompts->len, ==, 0);
  }
}

static void
test_s3 (void)
{
  /* No plan: an info prompt asking for one. */
  {
    g_auto(World) w = { 0 };
    TmSession *s;
    g_autofree char *got = NULL;

    world_init (&w);
    s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
    got = session_prompts (&w, s);
    g_assert_cmpstr (got, ==, "S3:info");
  }

  /* On a planned day at the planned dose: nothing; above it: caution. */
  {
    g_auto(World) w = { 0 };
    TmSession *s;
    g_autofree char *at = NULL;
    g_autofree char *above = NULL;
    g_autoptr(GPtrArray) prompts = NULL;

    world_init (&w);
    add_plan (&w, "2026-11-14", 14, 50);
    s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
    at = session_prompts (&w, s);
    g_assert_cmpstr (at, ==, "");
    s->dose_mg = 50.5;
    above = session_prompts (&w, s);
    g_assert_cmpstr (above, ==, "S3:caution");
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    g_assert_cmpstr (((TmSafetyPrompt *) prompts->pdata[0])->body, ==,
                     "Your plan says 50 mg sublingual every 2 weeks. Please don't change your dose or "
                     "how often you take it without your clinician. If something made this session "
                     "necessary, tell your clinician.");
  }

  /* Away from any planned day: extra. */
  {
    g_auto(World) w = { 0 };
    TmSession *s;
    g_autofree char *got = NULL;

    world_init (&w);
    add_plan (&w, "2026-11-14", 14, 50);
    add_session (&w, "2026-11-14T10:00:00+01:00", 50);
    s = add_session (&w, "2026-11-21T10:00:00+01:00", 50);
    got = session_prompts (&w, s);
    g_assert_cmpstr (got, ==, "S3:caution");
  }

  /* After a plan change, the new plan is the measure. */
  {
    g_auto(World) w = { 0 };
    TmSession *s;
    g_autofree char *got = NULL;

    world_init (&w);
    add_plan (&w, "2026-11-01", 14, 50);
    add_plan (&w, "2026-11-21", 7, 75);
    s = add_session (&w, "2026-11-28T10:00:00+01:00", 75);
    got = session_prompts (&w, s);
    g_assert_cmpstr (got, ==, "");
  }
}

static TmQuestionnaire *
phq9 (const char *answers)
{
  TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-11-28");

  q->id = 1;
  g_assert_true (tm_questionnaire_set_answers_text (q, answers));
  q->total = tm_questionnaire_score (q->kind, q->answers);
  return q;
}

static void
test_s4_and_s6_on_phq9 (void)
{
  const struct { const char *answers; const char *expected; } cases[] = {
    { "000000000", "" },
    { "000000001", "S4:urgent" },         /* item 9 alone, total 1 */
    { "000000003", "S4:urgent" },
    { "333332100", "" },                  /* total 19 */
    { "333333200", "S6:info" },           /* total 20 */
    { "333333221", "S4:urgent S6:info" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(TmQuestionnaire) q = phq9 (cases[i].answers);
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;

      world_init (&w);
      prompts = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* A GAD-7 says nothing of either. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmQuestionnaire) g = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-11-28");
    g_autoptr(GPtrArray) prompts = NULL;

    world_init (&w);
    tm_questionnaire_set_answers_text (g, "3333333");
    g->total = 21;
    prompts = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, g);
    g_assert_cmpuint (prompts->len, ==, 0);
  }
}

/* Check-ins on @baseline_days of the four weeks before the last week at
 * @baseline, then on the last @recent_days days at @recent. */
static TmCheckin *
fill_moods (World *w,
            int    baseline,
            int    recent,
            int    baseline_days,
            int    recent_days)
{
  TmCheckin *last = NULL;

  for (int i = 34; i >= 0; i--)
    {
      g_autofree char *day = tm_day_add ("2026-11-28", -i);
      gboolean in_recent = i <= 6;

      if (in_recent && i >= recent_days)
        continue;
      if (!in_recent && i >= 7 && 34 - i >= baseline_days)
        continue;
      if (!in_recent && i < 7)
        continue;
      last = add_checkin (w, day, in_recent ? recent : baseline);
    }
  return last;
}

static void
test_s6_rolling_means (void)
{
  const struct { int baseline, recent, baseline_days, recent_days; const char *expected; } cases[] = {
    { 6, 5, 28, 7, "" },          /* 1 point lower */
    { 6, 4, 28, 7, "S6:info" },   /* exactly 2 */
    { 7, 4, 28, 7, "S6:info" },
    { 6, 4, 13, 7, "" },          /* too few baseline days */
    { 6, 4, 14, 7, "S6:info" },
    { 6, 4, 28, 3, "" },          /* too few days this week */
    { 6, 4, 28, 4, "S6:info" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmCheckin *last;

      world_init (&w);
      last = fill_moods (&w, cases[i].baseline, cases[i].recent, cases[i].baseline_days, cases[i].recent_days);
      add_session (&w, "2026-11-28T08:00:00+01:00", 50);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, last);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* S6 is quiet for a week after it was raised: after, not before. A check
 * of older records (an import) is not silenced by a prompt raised later. */
static void
test_s6_quiet_after_only (void)
{
  const struct { const char *shown_at; const char *expected; } cases[] = {
    { "2026-11-26T20:00:00+01:00", "" },          /* two days before */
    { "2026-11-21T20:01:00+01:00", "" },          /* a minute under a week before */
    { "2026-11-21T20:00:00+01:00", "S6:info" },   /* a week before */
    { "2026-11-30T20:00:00+01:00", "S6:info" },   /* two days after */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmSafetyEvent *earlier = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);
      TmCheckin *last;

      world_init (&w);
      last = fill_moods (&w, 7, 4, 28, 7);
      earlier->rule = TM_RULE_S6;
      earlier->level = TM_LEVEL_INFO;
      earlier->source = TM_SOURCE_CHECKIN;
      earlier->source_id = 1000;
      earlier->shown_at = g_strdup (cases[i].shown_at);
      g_ptr_array_add (w.events, earlier);
      g_test_message ("S6 shown at %s", cases[i].shown_at);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, last);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_not_repeated (void)
{
  g_auto(World) w = { 0 };
  TmSession *s;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) worse = NULL;
  g_autofree char *worse_text = NULL;

  world_init (&w);
  add_plan (&w, "2026-11-14", 14, 50);
  s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
  s->dissociation_peak = 4;
  first = evaluate (&w, TM_SOURCE_SESSION, s);
  g_assert_cmpuint (first->len, ==, 1);
  g_ptr_array_add (w.events, tm_safety_event_new_for_prompt (first->pdata[0], "2026-11-28T09:10:00Z"));

  /* Saved again unchanged (a note corrected): not asked again. */
  again = evaluate (&w, TM_SOURCE_SESSION, s);
  g_assert_cmpuint (again->len, ==, 0);

  /* Worse: asked again. */
  s->dissociation_peak = 8;
  worse = evaluate (&w, TM_SOURCE_SESSION, s);
  worse_text = summarize (worse);
  g_assert_cmpstr (worse_text, ==, "S1:urgent");
}

/* What raised a prompt is kept as text in the data file: its numbers are
 * written with a point in any locale, and a value not given is left out. */
static const char *
detail_of (GPtrArray *prompts,
           TmRule     rule)
{
  for (guint i = 0; i < prompts->len; i++)
    if (((TmSafetyPrompt *) prompts->pdata[i])->rule == rule)
      return ((TmSafetyPrompt *) prompts->pdata[i])->detail;
  g_error ("no %s prompt", tm_rule_to_string (rule));
}

static void
use_decimal_comma (void)
{
  char text[16];

  /* The build makes this locale (tests/meson.build); without it the test
   * would prove nothing, so it fails. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    g_error ("The locale de_DE.UTF-8 is missing (LOCPATH=%s): this test needs a locale with a decimal comma",
             g_getenv ("LOCPATH"));
  g_snprintf (text, sizeof text, "%.2f", 4.5);
  g_assert_cmpstr (text, ==, "4,50");
}

static void
test_details_in_any_locale (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-11-14");
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  const char *detail;

  use_decimal_comma ();

  /* A session above a plan of 4.25 mg, through the store. */
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  plan->interval_days = 14;
  plan->dose_mg = 4.25;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  tm_session_set_taken_at (s, "2026-11-28T10:00:00+01:00");
  s->dose_mg = 4.5;
  g_assert_true (tm_store_save_session (store, s, &error));
  prompts = tm_store_check_safety (store, TM_SOURCE_SESSION, s, now, &error);
  g_assert_no_error (error);
  detail = detail_of (prompts, TM_RULE_S3);
  g_assert_cmpstr (detail, ==, "dose above the plan; 4.5 mg taken; plan 4.25 mg every 14 days");
  for (guint i = 0; i < prompts->len; i++)
    {
      g_autoptr(TmSafetyEvent) event = tm_safety_event_new_for_prompt (prompts->pdata[i], "2026-11-28T09:10:00Z");

      g_assert_true (tm_store_add_safety_event (store, event, &error));
    }
  events = tm_store_list_safety_events (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((TmSafetyEvent *) events->pdata[0])->detail, ==, detail);

  /* The mood means of S6. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) s6 = NULL;
    TmCheckin *last;

    world_init (&w);
    last = fill_moods (&w, 7, 4, 28, 7);
    add_session (&w, "2026-11-28T08:00:00+01:00", 50);
    s6 = evaluate (&w, TM_SOURCE_CHECKIN, last);
    g_assert_cmpstr (detail_of (s6, TM_RULE_S6), ==, "7-day mean 4.00, baseline 7.00");
  }

  setlocale (LC_NUMERIC, "C.UTF-8");
  tm_test_remove_tree (dir);
}

static void
test_details_leave_out_unset (void)
{
  /* A check-in with effects and no intensity. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    TmCheckin *c;

    world_init (&w);
    c = add_checkin (&w, "2026-11-28", 5);
    c->effects = TM_EFFECT_UNREAL;
    prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
    g_assert_null (strstr (detail_of (prompts, TM_RULE_S2), " -1"));
    g_assert_null (strstr (detail_of (prompts, TM_RULE_S2), "intensity"));
    c->effects_intensity = 6;
    g_clear_pointer (&prompts, g_ptr_array_unref);
    prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
    g_assert_nonnull (strstr (detail_of (prompts, TM_RULE_S2), "intensity 6"));
  }

  /* A session with effects and no peak dissociation. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    TmSession *s;

    world_init (&w);
    add_plan (&w, "2026-11-14", 14, 50);
    s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
    s->effects = TM_EFFECT_TIME;
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    g_assert_null (strstr (detail_of (prompts, TM_RULE_S1), " -1"));
    g_assert_null (strstr (detail_of (prompts, TM_RULE_S1), "peak"));
  }
}

static void
test_reminder_until (void)
{
  g_auto(World) w = { 0 };
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) after_noon = NULL;
  g_autoptr(GDateTime) none = NULL;
  TmSession *s;
  g_autofree char *text = NULL;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  world_init (&w);
  s = add_session (&w, "2026-11-28T19:30:00+01:00", 50);
  none = tm_safety_reminder_until (w.sessions, w.now);
  g_assert_null (none);

  s->effects = TM_EFFECT_TIME;
  until = tm_safety_reminder_until (w.sessions, w.now);
  g_assert_nonnull (until);
  text = g_date_time_format_iso8601 (until);
  g_assert_cmpstr (text, ==, "2026-11-29T12:00:00+01");

  later = g_date_time_new_from_iso8601 ("2026-11-29T11:59:00+01:00", NULL);
  g_clear_pointer (&until, g_date_time_unref);
  until = tm_safety_reminder_until (w.sessions, later);
  g_assert_nonnull (until);

  after_noon = g_date_time_new_from_iso8601 ("2026-11-29T12:00:00+01:00", NULL);
  g_clear_pointer (&until, g_date_time_unref);
  until = tm_safety_reminder_until (w.sessions, after_noon);
  g_assert_null (until);
}

static void
test_record_and_contacts (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(TmSafetyEvent) event = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autoptr(TmSafetyContacts) read_back = NULL;
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *field = NULL;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);

  /* A session with strong effects: saved first, then the rules. */
  s->taken_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  s->dose_mg = 50;
  s->dissociation_peak = 8;
  g_assert_true (tm_store_save_session (store, s, &error));
  prompts = tm_store_check_safety (store, TM_SOURCE_SESSION, s, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prompts->len, ==, 2);  /* S1 urgent, S3 info (no plan) */

  event = tm_safety_event_new_for_prompt (prompts->pdata[0], "2026-11-28T09:00:00Z");
  g_assert_true (tm_store_add_safety_event (store, event, &error));
  g_assert_cmpint (event->id, >, 0);
  g_assert_true (tm_store_answer_safety_event (store, event, TM_ANSWER_RESTING, &error));

  events = tm_store_list_safety_events (store, NULL, NULL, &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->rule, ==, TM_RULE_S1);
  g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->level, ==, TM_LEVEL_URGENT);
  g_assert_cmpstr (((TmSafetyEvent *) events->pdata[0])->answer, ==, "resting");
  g_assert_nonnull (((TmSafetyEvent *) events->pdata[0])->answered_at);
  g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->source_id, ==, s->id);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = tm_store_list_safety_events (store, "2026-11-29", "2026-12-31", &error);
  g_assert_cmpuint (events->len, ==, 0);

  /* The same session checked again: S1 was recorded, only S3 is left. */
  g_clear_pointer (&prompts, g_ptr_array_unref);
  prompts = tm_store_check_safety (store, TM_SOURCE_SESSION, s, now, &error);
  g_assert_cmpuint (prompts->len, ==, 1);
  g_assert_cmpint (((TmSafetyPrompt *) prompts->pdata[0])->rule, ==, TM_RULE_S3);

  /* Contacts: the person's own, validated. */
  contacts = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (contacts->emergency_number, ==, "112");  /* the C locale: nothing known */
  g_assert_null (contacts->crisis_number);
  g_free (contacts->crisis_name);
  contacts->crisis_name = g_strdup ("TelefonSeelsorge");
  g_free (contacts->crisis_number);
  contacts->crisis_number = g_strdup ("0800 111 0 111");
  contacts->clinician_phone = g_strdup ("call me");
  g_assert_false (tm_store_set_safety_contacts (store, contacts, &field, &error));
  g_assert_cmpstr (field, ==, "clinician_phone");
  g_assert_cmpstr (error->message, ==, "The clinician's phone can only have digits, spaces and + - ( ) / . in it.");
  g_clear_error (&error);
  g_free (contacts->clinician_phone);
  contacts->clinician_phone = g_strdup ("+49 30 1234567");
  contacts->clinician_name = g_strdup ("Dr. Ortiz");
  g_assert_true (tm_store_set_safety_contacts (store, contacts, &field, &error));
  read_back = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (read_back->crisis_number, ==, "0800 111 0 111");
  g_assert_cmpstr (read_back->clinician_phone, ==, "+49 30 1234567");

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static void
test_crisis_defaults (void)
{
  const struct { const char *country; gboolean known; const char *crisis; const char *emergency; } cases[] = {
    { "US", TRUE, "988", "911" },
    { "CA", TRUE, "988", "911" },
    { "GB", TRUE, "116 123", "999" },
    { "IE", TRUE, "116 123", "112" },
    { "AU", TRUE, "13 11 14", "000" },
    { "NZ", TRUE, "1737", "111" },
    { "DE", TRUE, "0800 111 0 111", "112" },
    { "FR", TRUE, "3114", "112" },
    { "IT", FALSE, NULL, "112" },
    { NULL, FALSE, NULL, "112" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *number = NULL;
      g_autofree char *emergency = NULL;

      g_assert_cmpint (tm_crisis_defaults (cases[i].country, &name, &number, &emergency), ==, cases[i].known);
      g_assert_cmpstr (number, ==, cases[i].crisis);
      g_assert_cmpstr (emergency, ==, cases[i].emergency);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety/s1-thresholds", test_s1_thresholds);
  g_test_add_func ("/safety/s5-thresholds", test_s5_thresholds);
  g_test_add_func ("/safety/s1-with-s5-and-s7", test_s1_with_s5_and_s7);
  g_test_add_func ("/safety/s2-with-and-without-a-session", test_s2);
  g_test_add_func ("/safety/s3-with-and-without-a-plan", test_s3);
  g_test_add_func ("/safety/s4-and-s6-on-phq9", test_s4_and_s6_on_phq9);
  g_test_add_func ("/safety/s6-rolling-means", test_s6_rolling_means);
  g_test_add_func ("/safety/s6-quiet-after-only", test_s6_quiet_after_only);
  g_test_add_func ("/safety/not-repeated-for-the-same-record", test_not_repeated);
  g_test_add_func ("/safety/details-in-any-locale", test_details_in_any_locale);
  g_test_add_func ("/safety/details-leave-out-unset", test_details_leave_out_unset);
  g_test_add_func ("/safety/reminder-until", test_reminder_until);
  g_test_add_func ("/safety/record-and-contacts", test_record_and_contacts);
  g_test_add_func ("/safety/crisis-defaults", test_crisis_defaults);

  return g_test_run ();
}
