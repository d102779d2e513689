/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety rules: each just below, at and above its threshold; rules
 * together; the record; the contacts; the no-driving reminder; and every
 * text they produce, in English and in German, read for dosing advice,
 * for implying that anyone is told, and for self-harm wording outside S4. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "tm-daily-question.h"
#include "tm-safety-contacts.h"
#include "tm-store-private.h"
#include "tm-safety-help.h"
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
  /* Someone there: S12 is tested on its own. */
  s->monitor_present = TRUE;
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
  facts.medicine = source == TM_SOURCE_MEDICINE ? record : NULL;
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

/* @minutes before the world's now, as a session's taken_at. */
static char *
minutes_before_now (World *w,
                    int    minutes)
{
  g_autoptr(GDateTime) then = g_date_time_add_minutes (w->now, -minutes);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S%:z");
}

static const TmSafetyPrompt *
find_prompt (GPtrArray *prompts,
             TmRule     rule)
{
  for (guint i = 0; i < prompts->len; i++)
    if (((TmSafetyPrompt *) prompts->pdata[i])->rule == rule)
      return prompts->pdata[i];
  return NULL;
}

/* "S1:caution", or "" when @rule raised nothing. */
static char *
summarize_rule (GPtrArray *prompts,
                TmRule     rule)
{
  const TmSafetyPrompt *p = find_prompt (prompts, rule);

  return p != NULL ? g_strdup_printf ("%s:%s", tm_rule_to_string (rule), tm_level_to_string (p->level))
                   : g_strdup ("");
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” is not in “%s”", part, text);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (text != NULL && strstr (text, part) != NULL)
    g_error ("“%s” should not be in “%s”", part, text);
}

static gboolean
has_answer (const TmSafetyPrompt *p,
            TmAnswer              answer)
{
  for (guint i = 0; i < p->n_answers; i++)
    if (p->answers[i] == answer)
      return TRUE;
  return FALSE;
}

/* German from the build's translations (TIDEMARK_LOCALEDIR) in the
 * de_DE.UTF-8 locale the build makes (LOCPATH); or back to the untranslated
 * English of the C locale. */
static void
speak_german (void)
{
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("The locale de_DE.UTF-8 is missing (LOCPATH=%s): the German texts can't be checked",
             g_getenv ("LOCPATH"));
  g_assert_cmpstr (_("Chest pain"), ==, "Schmerzen in der Brust");
}

static void
speak_english (void)
{
  setlocale (LC_ALL, "C.UTF-8");
}

#define U TM_UNSET

/* S1, level by level: what makes it urgent, caution or info, each just
 * below and at its threshold (no sessions before, so no usual peak). */
static void
test_s1_levels (void)
{
  const struct
  {
    const char *what;
    int peak; guint effects; int sedation; int nausea; int minutes; guint red_flags;
    int saved_after;   /* minutes after the dose */
    const char *expected;
  } cases[] = {
    { "nothing noted", U, 0, U, U, U, 0, 60, "" },
    { "peak 0", 0, 0, U, U, U, 0, 60, "" },
    { "peak 1", 1, 0, U, U, U, 0, 60, "S1:info" },
    { "peak 6, no usual peak", 6, 0, U, U, U, 0, 60, "S1:info" },
    { "peak 7, no usual peak", 7, 0, U, U, U, 0, 60, "S1:caution" },
    { "an effect", U, TM_EFFECT_TIME, U, U, U, 0, 60, "S1:info" },
    { "frightening", 2, TM_EFFECT_FRIGHTENING, U, U, U, 0, 60, "S1:urgent" },
    { "frightening, told later", U, TM_EFFECT_FRIGHTENING, U, U, U, 0, 600, "S1:urgent" },
    { "moderate sedation alone", U, 0, 2, U, U, 0, 60, "" },
    { "severe sedation", U, 0, 3, U, U, 0, 60, "S1:urgent" },
    { "severe nausea, mild sedation", U, 0, 1, 3, U, 0, 60, "" },
    { "severe nausea, moderate sedation", U, 0, 2, 3, U, 0, 60, "S1:caution" },
    { "moderate nausea, moderate sedation", U, 0, 2, 2, U, 0, 60, "" },
    { "eased at 2 hours, told at once", U, TM_EFFECT_TIME, U, U, 120, 0, 150, "S1:info" },
    { "not eased at 2 hours, told at once", U, TM_EFFECT_TIME, U, U, 121, 0, 150, "S1:urgent" },
    { "not eased at 2 hours, told at 4 hours", U, TM_EFFECT_TIME, U, U, 121, 0, 240, "S1:urgent" },
    { "lasted 121 minutes, told after 4 hours", U, TM_EFFECT_TIME, U, U, 121, 0, 241, "S1:info" },
    { "lasted 180 minutes, told after", U, TM_EFFECT_TIME, U, U, 180, 0, 600, "S1:info" },
    { "lasted 181 minutes, told after", U, TM_EFFECT_TIME, U, U, 181, 0, 600, "S1:caution" },
    { "a red flag with effects", U, TM_EFFECT_TIME, U, U, U, TM_RED_FLAG_VOMITING, 60, "S1:urgent" },
    { "a red flag alone: S11's", U, 0, U, U, U, TM_RED_FLAG_VOMITING, 60, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autofree char *taken = NULL;
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, cases[i].saved_after);
      s = add_session (&w, taken, 50);
      s->dissociation_peak = cases[i].peak;
      s->effects = cases[i].effects;
      s->sedation = cases[i].sedation;
      s->nausea = cases[i].nausea;
      s->effects_minutes = cases[i].minutes;
      s->red_flags = cases[i].red_flags;
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      got = summarize_rule (prompts, TM_RULE_S1);
      g_test_message ("%s", cases[i].what);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* The usual peak: the median of the last five sessions before, with a
 * peak; a peak TM_S1_ABOVE_USUAL above it is a caution, whatever 7 says. */
static void
test_s1_usual_peak (void)
{
  const struct { const char *what; int before[10]; int n_before; int later; int peak; const char *expected; } cases[] = {
    { "usual 4, peak 6", { 2, 3, 4, 5, 9 }, 5, U, 6, "S1:info" },
    { "usual 4, peak 7", { 2, 3, 4, 5, 9 }, 5, U, 7, "S1:caution" },
    { "usual 1, peak 3", { 1, 1, 1, 1, 1 }, 5, U, 3, "S1:info" },
    { "usual 1, peak 4", { 1, 1, 1, 1, 1 }, 5, U, 4, "S1:caution" },
    { "usual 6, peak 8", { 6, 6, 6, 6, 6 }, 5, U, 8, "S1:info" },
    { "usual 6, peak 9", { 6, 6, 6, 6, 6 }, 5, U, 9, "S1:caution" },
    { "four before, peak 6", { 1, 1, 1, 1 }, 4, U, 6, "S1:info" },
    { "four before, peak 7", { 1, 1, 1, 1 }, 4, U, 7, "S1:caution" },
    { "four before and one after, peak 4", { 1, 1, 1, 1 }, 4, 1, 4, "S1:info" },
    { "four with a peak and one without, peak 4", { 1, 1, 1, 1, U }, 5, U, 4, "S1:info" },
    { "the last five count, peak 4", { 9, 9, 9, 9, 9, 1, 1, 1, 1, 1 }, 10, U, 4, "S1:caution" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      g_autofree char *taken = NULL;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      for (int b = 0; b < cases[i].n_before; b++)
        {
          g_autofree char *at = g_strdup_printf ("2026-10-%02dT10:00:00+01:00", 1 + b);

          add_session (&w, at, 50)->dissociation_peak = cases[i].before[b];
        }
      taken = minutes_before_now (&w, 60);
      s = add_session (&w, taken, 50);
      s->dissociation_peak = cases[i].peak;
      if (cases[i].later != U)
        add_session (&w, "2026-11-28T19:30:00+01:00", 50)->dissociation_peak = cases[i].later;
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      got = summarize_rule (prompts, TM_RULE_S1);
      g_test_message ("%s", cases[i].what);
      g_assert_cmpstr (got, ==, cases[i].expected);
      if (cases[i].n_before >= 5 && cases[i].before[4] != U)
        assert_contains (find_prompt (prompts, TM_RULE_S1)->detail, "usual peak");
    }
}

/* "Stay seated…" only while the dose is recent (TM_PRESENT_HOURS); told
 * later, "tell your clinician at your next contact". English and German. */
static void
test_s1_present_or_past (void)
{
  const struct
  {
    int saved_after; guint effects; int peak;
    const char *title, *part, *german_title, *german_part;
    gboolean no_one;
  } cases[] = {
    { 240, TM_EFFECT_TIME, U, "Take It Easy While the Effects Pass", "Rest somewhere safe",
      "Lassen Sie es ruhig angehen, bis die Wirkungen abklingen", "Ruhen Sie sich an einem sicheren", FALSE },
    { 241, TM_EFFECT_TIME, U, "Effects to Mention to Your Clinician", "tell your clinician at your next contact",
      "Wirkungen für Ihr Behandlungsteam", "beim nächsten Kontakt", FALSE },
    { 240, 0, 7, "Take Extra Care While the Effects Pass", "Stay seated or lying down somewhere safe",
      "Geben Sie besonders acht, bis die Wirkungen abklingen", "Bleiben Sie an einem sicheren Ort", FALSE },
    { 241, 0, 7, "Effects to Mention to Your Clinician", "You noted a strong peak after this dose. Tell your "
      "clinician at your next contact.", "Wirkungen für Ihr Behandlungsteam",
      "Sie haben nach dieser Dosis einen hohen Höchstwert notiert.", FALSE },
    { 240, TM_EFFECT_FRIGHTENING, U, "Strong Effects: Stay Safe and Get Support", "ask someone to stay with you",
      "Starke Wirkungen: Bleiben Sie in Sicherheit und holen Sie sich Unterstützung", "bitten Sie jemanden",
      TRUE },
    { 241, TM_EFFECT_FRIGHTENING, U, "Strong Effects After This Dose",
      "You noted frightening or out-of-control effects after this dose. Tell your clinician about it at your "
      "next contact, or today if you still feel affected.", "Starke Wirkungen nach dieser Dosis",
      "Sie haben nach dieser Dosis beängstigende Wirkungen oder Wirkungen außer Kontrolle notiert.", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autofree char *taken = NULL;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, cases[i].saved_after);
      s = add_session (&w, taken, 50);
      s->effects = cases[i].effects;
      s->dissociation_peak = cases[i].peak;

      for (int german = 0; german <= 1; german++)
        {
          g_autoptr(GPtrArray) prompts = NULL;
          const TmSafetyPrompt *p;
          gboolean present = cases[i].saved_after <= TM_PRESENT_HOURS * 60;

          if (german)
            speak_german ();
          prompts = evaluate (&w, TM_SOURCE_SESSION, s);
          p = find_prompt (prompts, TM_RULE_S1);
          g_assert_nonnull (p);
          g_assert_cmpstr (p->title, ==, german ? cases[i].german_title : cases[i].title);
          assert_contains (p->body, german ? cases[i].german_part : cases[i].part);
          if (present)
            assert_contains (p->body, tm_safety_no_driving_text ());
          else
            {
              assert_lacks (p->body, german ? "Bleiben Sie an einem sicheren Ort sitzen" : "Stay seated");
              g_assert_false (has_answer (p, TM_ANSWER_RESTING));
            }
          if (cases[i].no_one)
            assert_contains (p->body, german ? "Tidemark sendet nichts an Ihr Behandlungsteam"
                                             : "Tidemark doesn't send anything to your clinician");
          speak_english ();
        }
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
      if (cases[i].bs != TM_UNSET)
        tm_test_add_bp (s, 0, cases[i].bs, cases[i].bd);
      if (cases[i].as != TM_UNSET)
        tm_test_add_bp (s, 40, cases[i].as, cases[i].ad);
      got = session_prompts (&w, s);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* The rules read every reading of the session day: S5 any reading after
 * the dose at 180/110 or above (the first such, by its minutes), never the
 * one before it; S1 the highest dissociation and sedation of any reading;
 * and "not eased" at 2 hours brings the urgent wording while the dose is
 * recent, a caution later. */
static void
test_rules_on_readings (void)
{
  const struct { int minutes, sys, dia, dissociation, sedation; const char *expected; const char *detail; } cases[] = {
    { 40, 179, 109, TM_UNSET, TM_UNSET, "", NULL },
    { 40, 180, 100, TM_UNSET, TM_UNSET, "S5:urgent", "blood pressure after the dose 180/100 at 40 minutes" },
    { 150, 150, 110, TM_UNSET, TM_UNSET, "S5:urgent", "blood pressure after the dose 150/110 at 150 minutes" },
    /* Before the dose, as high: the caution before a dose, not the urgent one. */
    { 0, 190, 120, TM_UNSET, TM_UNSET, "S5:caution", "blood pressure before the dose 190/120" },
    { 40, TM_UNSET, TM_UNSET, 6, TM_UNSET, "S1:info", NULL },
    { 40, TM_UNSET, TM_UNSET, 7, TM_UNSET, "S1:caution", NULL },
    { 40, TM_UNSET, TM_UNSET, 0, 2, "", NULL },
    { 40, TM_UNSET, TM_UNSET, 0, 3, "S1:urgent", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      g_autofree char *taken = NULL;
      TmSession *s;
      TmSessionReading *r = tm_session_reading_new ();

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, 200);
      s = add_session (&w, taken, 50);
      /* A calm reading first: the one that counts is found among others. */
      tm_test_add_bp (s, 10, 128, 82);
      r->minutes_after = cases[i].minutes;
      r->bp_sys = cases[i].sys;
      r->bp_dia = cases[i].dia;
      r->dissociation = cases[i].dissociation;
      r->sedation = cases[i].sedation;
      r->pulse = 80;
      tm_session_add_reading (s, r);
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      got = summarize (prompts);
      g_test_message ("case %u: %s", i, got);
      g_assert_cmpstr (got, ==, cases[i].expected);
      if (cases[i].detail != NULL)
        g_assert_cmpstr (find_prompt (prompts, TM_RULE_S5)->detail, ==, cases[i].detail);
    }

  /* Of two readings that high, the higher; and its tense by when it was
   * taken: one at 7 hours, written down at once, is now. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    g_autofree char *taken = NULL;
    const TmSafetyPrompt *p;
    TmSession *s;

    world_init (&w);
    add_plan (&w, "2026-11-14", 14, 50);
    taken = minutes_before_now (&w, 430);
    s = add_session (&w, taken, 50);
    tm_test_add_bp (s, 40, 185, 112);
    tm_test_add_bp (s, 420, 200, 120);
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    p = find_prompt (prompts, TM_RULE_S5);
    g_assert_cmpstr (p->detail, ==, "blood pressure after the dose 200/120 at 420 minutes");
    g_assert_cmpstr (p->title, ==, "Your Blood Pressure Is Very High");
  }

  /* "Have the effects eased?" — "no" at 2 hours. */
  for (int later = 0; later <= 1; later++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *taken = NULL;
      const TmSafetyPrompt *p;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, later ? 60 * 30 : 125);
      s = add_session (&w, taken, 50);
      s->eased = 0;
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      p = find_prompt (prompts, TM_RULE_S1);
      g_assert_nonnull (p);
      g_assert_cmpint (p->level, ==, later ? TM_LEVEL_CAUTION : TM_LEVEL_URGENT);
      if (!later)
        {
          g_assert_cmpstr (p->title, ==, "Strong Effects: Stay Safe and Get Support");
          assert_contains (p->body, "contact your clinician now");
          assert_contains (p->body, "call emergency services");
        }
      else
        assert_contains (p->body, "effects that had not eased after 2 hours");
      assert_contains (p->detail, "not eased at 2 hours");
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
  s->effects = TM_EFFECT_FRIGHTENING;
  tm_test_add_bp (s, 40, 190, 100);
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
                     "Your plan says 50 mg sublingual every 2 weeks. Please don't change your dose, how you "
                     "take it or how often without your clinician. If something made this session "
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
    { "333333200", "S6:caution" },        /* total 20 */
    { "333333221", "S4:urgent S6:caution" },
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

static TmQuestionnaire *
followup (const char *answers)
{
  TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-11-28");

  q->id = 1;
  g_assert_true (tm_questionnaire_set_answers_text (q, answers));
  q->tolerance = 6;
  q->total = tm_questionnaire_score (q->kind, q->answers);
  return q;
}

/* S8–S10 on the monthly follow-up, each item just at its threshold and
 * just below it (every item 0): S8 caution for the bladder and belly, a
 * fall, driving within a day, a pregnancy; urgent for blood in the urine;
 * S9 for cravings and use outside the plan, each on its own; S10 only
 * when memory is "a lot" worse. Nothing on a PHQ-9 or a GAD-7. */
static void
test_s8_s9_s10_on_followup (void)
{
  const struct { const char *answers; const char *expected; } cases[] = {
    { "000000000000", "" },
    { "100000000000", "S8:caution" },                 /* pain or burning */
    { "020000000000", "S8:caution" },                 /* urgency, a lot */
    { "001000000000", "S8:urgent" },                  /* blood in the urine */
    { "000100000000", "S8:caution" },                 /* bladder pain */
    { "000010000000", "S8:caution" },                 /* upper belly */
    { "000001000000", "" },                           /* memory a little worse */
    { "000002000000", "S10:caution" },                /* memory a lot worse */
    { "000000100000", "S9:caution" },                 /* cravings */
    { "000000010000", "S9:caution" },                 /* outside the plan */
    { "000000110000", "S9:caution" },                 /* both: one prompt */
    { "000000002000", "" },                           /* alcohol: recorded, no rule */
    { "000000000100", "S8:caution" },                 /* a fall */
    { "000000000010", "S8:caution" },                 /* driving within a day */
    { "000000000001", "S8:caution" },                 /* pregnancy */
    { "221112110111", "S8:urgent S9:caution S10:caution" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(TmQuestionnaire) q = followup (cases[i].answers);
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;

      world_init (&w);
      prompts = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q);
      got = summarize (prompts);
      g_test_message ("%s", cases[i].answers);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* What the prompt says names what was noted; the record says which
   * items, with their answers. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmQuestionnaire) q = followup ("001000000110");
    g_autoptr(GPtrArray) prompts = NULL;
    const TmSafetyPrompt *p;

    world_init (&w);
    prompts = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q);
    p = find_prompt (prompts, TM_RULE_S8);
    g_assert_cmpint (p->level, ==, TM_LEVEL_URGENT);
    assert_contains (p->body, "noted:\n• Blood in your urine\n• A fall or fainting\n• Driving within a day of a dose\n\n");
    assert_contains (p->body, "contact your clinician today");
    assert_contains (p->body, "No driving or machinery until the next day");
    g_assert_cmpstr (p->detail, ==, "follow-up: item 3 answered 1; item 10 answered 1; item 11 answered 1");
    g_assert_true (has_answer (p, TM_ANSWER_CONTACT_CLINICIAN));
  }

  /* The same follow-up saved again raises nothing new. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmQuestionnaire) q = followup ("000000100000");
    g_autoptr(GPtrArray) first = NULL;
    g_autoptr(GPtrArray) again = NULL;

    world_init (&w);
    first = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q);
    g_assert_cmpuint (first->len, ==, 1);
    g_ptr_array_add (w.events, tm_safety_event_new_for_prompt (first->pdata[0], "2026-11-28T19:00:00Z"));
    again = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q);
    g_assert_cmpuint (again->len, ==, 0);
  }
}

static TmRegularMedicine *
regular_medicine (const char     *name,
                  TmMedicineKind  kind,
                  const char     *from)
{
  TmRegularMedicine *m = tm_regular_medicine_new (name, from);

  m->id = 7;
  m->kind = kind;
  m->dose = 1;
  tm_regular_medicine_set_text (&m->unit, "mg");
  m->created_at = g_strdup ("2026-11-28T18:00:00Z");
  return m;
}

/* S7 on a regular medicine: once, when one of an interacting kind
 * (DESIGN.md's list, opioids and blood-pressure medicines included) is
 * added or changed while a plan exists; not for an antidepressant or
 * "other", not for a stop, not without a plan. */
static void
test_s7_on_regular_medicines (void)
{
  for (TmMedicineKind kind = 0; kind < TM_N_MEDICINE_KINDS; kind++)
    for (int with_plan = 0; with_plan <= 1; with_plan++)
      {
        g_auto(World) w = { 0 };
        g_autoptr(TmRegularMedicine) m = regular_medicine ("Something", kind, "2026-11-20");
        g_autoptr(GPtrArray) prompts = NULL;
        g_autofree char *got = NULL;
        gboolean interacts = kind != TM_MEDICINE_KIND_ANTIDEPRESSANT && kind != TM_MEDICINE_KIND_OTHER;

        world_init (&w);
        if (with_plan)
          add_plan (&w, "2026-11-01", 14, 50);
        prompts = evaluate (&w, TM_SOURCE_MEDICINE, m);
        got = summarize (prompts);
        g_test_message ("%s, plan %d: %s", tm_medicine_kind_to_string (kind), with_plan, got);
        g_assert_cmpstr (got, ==, interacts && with_plan ? "S7:info" : "");
      }
  g_assert_true (tm_medicine_kind_interacts (TM_MEDICINE_KIND_OPIOID));
  g_assert_true (tm_medicine_kind_interacts (TM_MEDICINE_KIND_BLOOD_PRESSURE));

  /* Added, changed, stopped. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmRegularMedicine) added = regular_medicine ("Lorazepam", TM_MEDICINE_KIND_BENZODIAZEPINE,
                                                           "2026-11-20");
    g_autoptr(TmRegularMedicine) changed = NULL;
    g_autoptr(TmRegularMedicine) stopped = NULL;
    g_autoptr(GPtrArray) prompts = NULL;
    const TmSafetyPrompt *p;

    world_init (&w);
    add_plan (&w, "2026-11-01", 14, 50);
    prompts = evaluate (&w, TM_SOURCE_MEDICINE, added);
    p = find_prompt (prompts, TM_RULE_S7);
    assert_contains (p->body, "You added a regular medicine: Lorazepam 1 mg");
    assert_contains (p->body, "make sure your prescriber knows");
    g_assert_cmpint (p->source, ==, TM_SOURCE_MEDICINE);
    g_assert_cmpint (p->source_id, ==, 7);
    g_ptr_array_add (w.events, tm_safety_event_new_for_prompt (p, "2026-11-28T18:00:00Z"));
    g_clear_pointer (&prompts, g_ptr_array_unref);

    changed = tm_regular_medicine_copy (added);
    changed->id = 8;
    changed->replaces = 7;
    changed->dose = 2;
    g_strlcpy (changed->started_on, "2026-11-27", sizeof changed->started_on);
    prompts = evaluate (&w, TM_SOURCE_MEDICINE, changed);
    p = find_prompt (prompts, TM_RULE_S7);
    assert_contains (p->body, "You changed a regular medicine: Lorazepam 2 mg");
    g_clear_pointer (&prompts, g_ptr_array_unref);

    stopped = tm_regular_medicine_copy (changed);
    stopped->id = 9;
    stopped->replaces = 8;
    g_strlcpy (stopped->stopped_on, "2026-11-28", sizeof stopped->stopped_on);
    prompts = evaluate (&w, TM_SOURCE_MEDICINE, stopped);
    g_assert_cmpuint (prompts->len, ==, 0);
  }

  /* An opioid says what it adds to. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmRegularMedicine) m = regular_medicine ("Tramadol", TM_MEDICINE_KIND_OPIOID, "2026-11-20");
    g_autoptr(GPtrArray) prompts = NULL;

    world_init (&w);
    add_plan (&w, "2026-11-01", 14, 50);
    prompts = evaluate (&w, TM_SOURCE_MEDICINE, m);
    assert_contains (find_prompt (prompts, TM_RULE_S7)->body, "can slow breathing");
  }

  /* A session doesn't repeat it: the regular medicines are not the
   * session's "other medicines". */
  {
    g_auto(World) w = { 0 };
    TmSession *s;
    g_autoptr(GPtrArray) prompts = NULL;

    world_init (&w);
    add_plan (&w, "2026-11-14", 14, 50);
    s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    g_assert_null (find_prompt (prompts, TM_RULE_S7));
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
  g_assert_cmpstr (worse_text, ==, "S1:caution");
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
  s->monitor_present = TRUE;
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
  none = tm_safety_reminder_until (w.sessions, w.now);
  g_assert_null (none);

  /* After every session, effects or none. */
  s = add_session (&w, "2026-11-28T19:30:00+01:00", 50);
  g_assert_cmpuint (s->effects, ==, 0);
  g_assert_cmpint (s->dissociation_peak, ==, TM_UNSET);
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

/* S3 measures a session against the plan of the planned day it matches,
 * and notes another route. */
static void
test_s3_matched_plan_and_route (void)
{
  /* 60 mg two days early for the first day of a new 60 mg plan: that
   * plan's dose, not the old plan's, in force on the session's own day. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    g_autofree char *got = NULL;
    TmSession *s;

    world_init (&w);
    add_plan (&w, "2026-11-01", 14, 50);
    add_plan (&w, "2026-11-29", 14, 60);
    s = add_session (&w, "2026-11-27T10:00:00+01:00", 60);
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    got = summarize_rule (prompts, TM_RULE_S3);
    g_assert_cmpstr (got, ==, "");

    /* 61 mg is above it. */
    s->dose_mg = 61;
    g_clear_pointer (&prompts, g_ptr_array_unref);
    g_clear_pointer (&got, g_free);
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    got = summarize_rule (prompts, TM_RULE_S3);
    g_assert_cmpstr (got, ==, "S3:caution");
    assert_contains (find_prompt (prompts, TM_RULE_S3)->detail, "plan 60 mg");
  }

  /* Another route than the plan's, on a planned day at the planned dose. */
  {
    const struct { TmRoute route; const char *expected; } cases[] = {
      { TM_ROUTE_SUBLINGUAL, "" },
      { TM_ROUTE_ORAL, "S3:caution" },
      { TM_ROUTE_INTRANASAL, "S3:caution" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(World) w = { 0 };
        g_autoptr(GPtrArray) prompts = NULL;
        g_autofree char *got = NULL;
        TmSession *s;

        world_init (&w);
        add_plan (&w, "2026-11-14", 14, 50);
        s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
        s->route = cases[i].route;
        prompts = evaluate (&w, TM_SOURCE_SESSION, s);
        got = summarize_rule (prompts, TM_RULE_S3);
        g_assert_cmpstr (got, ==, cases[i].expected);
        if (cases[i].expected[0] == '\0')
          continue;
        g_assert_cmpstr (find_prompt (prompts, TM_RULE_S3)->title, ==, "This Route Differs From Your Plan");
        assert_contains (find_prompt (prompts, TM_RULE_S3)->detail, "route differs: ");
        assert_contains (find_prompt (prompts, TM_RULE_S3)->detail, " taken, plan sublingual");

        speak_german ();
        g_clear_pointer (&prompts, g_ptr_array_unref);
        prompts = evaluate (&w, TM_SOURCE_SESSION, s);
        g_assert_cmpstr (find_prompt (prompts, TM_RULE_S3)->title, ==, "Der Einnahmeweg weicht von Ihrem Plan ab");
        assert_contains (find_prompt (prompts, TM_RULE_S3)->body, "die Art oder die Häufigkeit der Einnahme");
        /* The record reads the same in any language. */
        assert_contains (find_prompt (prompts, TM_RULE_S3)->detail, " taken, plan sublingual");
        speak_english ();
      }
  }
}

/* The optional daily question: yes is S4, with the crisis line at once. */
static void
test_s4_daily_question (void)
{
  const struct { int answer; const char *expected; } cases[] = {
    { TM_UNSET, "" },
    { 0, "" },
    { 1, "S4:urgent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      const TmSafetyPrompt *p;
      TmCheckin *c;

      world_init (&w);
      c = add_checkin (&w, "2026-11-28", 5);
      c->self_harm = cases[i].answer;
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
      if (cases[i].answer != 1)
        continue;

      p = find_prompt (prompts, TM_RULE_S4);
      g_assert_true (p->show_crisis);
      g_assert_true (has_answer (p, TM_ANSWER_HELP_NOW));
      g_assert_cmpint (p->source, ==, TM_SOURCE_CHECKIN);
      g_assert_cmpstr (p->detail, ==, "daily question answered yes on 2026-11-28");
      assert_contains (p->body, "better off dead");
      speak_german ();
      g_clear_pointer (&prompts, g_ptr_array_unref);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      assert_contains (find_prompt (prompts, TM_RULE_S4)->body, "lieber tot");
      speak_english ();
    }
}

/* S5's urgent prompt names the signs that call for emergency services and
 * a recheck; in the past tense when told over TM_S5_PAST_HOURS after the
 * reading (here at 40 minutes). */
static void
test_s5_wording (void)
{
  const struct { int saved_after; const char *title, *part, *german_title, *german_part; } cases[] = {
    { 400, "Your Blood Pressure Is Very High", "Otherwise sit quietly, measure it again in 10–15 minutes, and "
      "call your clinician if it is still 180/110 or higher.", "Ihr Blutdruck ist sehr hoch",
      "messen Sie in 10–15 Minuten erneut" },
    { 401, "Your Blood Pressure Was Very High", "contact your clinician about this reading today — at once if "
      "it is still 180/110 or higher.", "Ihr Blutdruck war sehr hoch", "wegen dieses Werts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autofree char *taken = NULL;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, cases[i].saved_after);
      s = add_session (&w, taken, 50);
      tm_test_add_bp (s, 40, 190, 100);
      for (int german = 0; german <= 1; german++)
        {
          g_autoptr(GPtrArray) prompts = NULL;
          const TmSafetyPrompt *p;

          if (german)
            speak_german ();
          prompts = evaluate (&w, TM_SOURCE_SESSION, s);
          p = find_prompt (prompts, TM_RULE_S5);
          g_assert_cmpint (p->level, ==, TM_LEVEL_URGENT);
          g_assert_cmpstr (p->title, ==, german ? cases[i].german_title : cases[i].title);
          assert_contains (p->body, german ? cases[i].german_part : cases[i].part);
          assert_contains (p->body, "190/100");
          assert_contains (p->body, german ? "Schmerzen in der Brust, Atemnot, plötzliche starke Kopfschmerzen, "
                                             "Sehstörungen, Verwirrtheit oder einen Krampfanfall"
                                           : "chest pain, shortness of breath, a sudden severe headache, "
                                             "changed vision, confusion or a seizure");
          assert_contains (p->body, german ? "Tidemark sendet nichts" : "Tidemark doesn't send anything");
          speak_english ();
        }
    }
}

/* Mood 0 on two days running: S6 caution, whichever of the two is saved
 * last. Worded without blaming the schedule. */
static void
test_s6_lowest_mood (void)
{
  const struct { int two_days_ago, yesterday, today, tomorrow; const char *expected; } cases[] = {
    { U, U, 0, U, "" },
    { U, 1, 0, U, "" },
    { U, 0, 0, U, "S6:caution" },
    { 0, U, 0, U, "" },                 /* not running */
    { U, U, 0, 0, "S6:caution" },       /* the later day was written first */
    { U, U, 1, 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmCheckin *c;

      world_init (&w);
      if (cases[i].two_days_ago != U)
        add_checkin (&w, "2026-11-26", cases[i].two_days_ago);
      if (cases[i].yesterday != U)
        add_checkin (&w, "2026-11-27", cases[i].yesterday);
      c = add_checkin (&w, "2026-11-28", cases[i].today);
      if (cases[i].tomorrow != U)
        add_checkin (&w, "2026-11-29", cases[i].tomorrow);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      got = summarize (prompts);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].expected);
      if (cases[i].expected[0] == '\0')
        continue;

      g_assert_true (has_answer (find_prompt (prompts, TM_RULE_S6), TM_ANSWER_HELP_NOW));
      assert_contains (find_prompt (prompts, TM_RULE_S6)->body, "in the next day or two");
      assert_lacks (find_prompt (prompts, TM_RULE_S6)->body, "schedule");
      speak_german ();
      g_clear_pointer (&prompts, g_ptr_array_unref);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      assert_contains (find_prompt (prompts, TM_RULE_S6)->body, "an zwei Tagen hintereinander mit 0");
      speak_english ();
    }

  /* The falling mean, neutrally; a PHQ-9 of 20 asks for contact soon. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmQuestionnaire) q = phq9 ("333333200");
    g_autoptr(GPtrArray) prompts = NULL;
    g_autoptr(GPtrArray) phq = NULL;
    TmCheckin *last;

    world_init (&w);
    last = fill_moods (&w, 7, 4, 28, 7);
    prompts = evaluate (&w, TM_SOURCE_CHECKIN, last);
    g_assert_true (g_str_has_prefix (find_prompt (prompts, TM_RULE_S6)->body,
                                     "Your mood has been lower over the last week. It may help to talk with "
                                     "your clinician about it."));
    assert_lacks (find_prompt (prompts, TM_RULE_S6)->body, "schedule");
    phq = evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q);
    g_assert_cmpint (find_prompt (phq, TM_RULE_S6)->level, ==, TM_LEVEL_CAUTION);
    g_assert_true (has_answer (find_prompt (phq, TM_RULE_S6), TM_ANSWER_HELP_NOW));
    assert_contains (find_prompt (phq, TM_RULE_S6)->body, "sooner if you don't feel safe");
    assert_lacks (find_prompt (phq, TM_RULE_S6)->body, "schedule");

    speak_german ();
    g_clear_pointer (&prompts, g_ptr_array_unref);
    prompts = evaluate (&w, TM_SOURCE_CHECKIN, last);
    assert_contains (find_prompt (prompts, TM_RULE_S6)->body, "4,0");
    assert_lacks (find_prompt (prompts, TM_RULE_S6)->body, "Erhaltungsplan");
    speak_english ();
  }
}

/* An information prompt of S6 doesn't silence a caution in the week after;
 * a caution silences both. */
static void
test_s6_quiet_by_level (void)
{
  const struct { TmLevel earlier; const char *expected; } cases[] = {
    { TM_LEVEL_INFO, "S6:caution" },
    { TM_LEVEL_CAUTION, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmSafetyEvent *earlier = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);
      TmCheckin *c;

      world_init (&w);
      add_checkin (&w, "2026-11-27", 0);
      c = add_checkin (&w, "2026-11-28", 0);
      earlier->rule = TM_RULE_S6;
      earlier->level = cases[i].earlier;
      earlier->source = TM_SOURCE_CHECKIN;
      earlier->source_id = 1000;
      earlier->shown_at = g_strdup ("2026-11-26T20:00:00+01:00");
      g_ptr_array_add (w.events, earlier);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Opioids and alcohol are other medicines too, and say why they matter. */
static void
test_s7_opioids_and_alcohol (void)
{
  const struct { guint medicines; const char *listed; gboolean breathing; } cases[] = {
    { TM_MEDICINE_BENZODIAZEPINE, "a benzodiazepine that day", FALSE },
    { TM_MEDICINE_OPIOID, "an opioid that day", TRUE },
    { TM_MEDICINE_ALCOHOL, "you noted alcohol that day", TRUE },
    { TM_MEDICINES_ALL, "a benzodiazepine, a sleep medicine, a stimulant, an MAOI, an opioid, alcohol", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      const TmSafetyPrompt *p;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
      s->other_medicines = cases[i].medicines;
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      p = find_prompt (prompts, TM_RULE_S7);
      g_assert_cmpint (p->level, ==, TM_LEVEL_INFO);
      assert_contains (p->body, cases[i].listed);
      if (cases[i].breathing)
        assert_contains (p->body, "can slow breathing");
      else
        assert_lacks (p->body, "breathing");
    }

  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    TmSession *s;

    world_init (&w);
    add_plan (&w, "2026-11-14", 14, 50);
    s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);
    s->other_medicines = TM_MEDICINE_OPIOID | TM_MEDICINE_ALCOHOL;
    speak_german ();
    prompts = evaluate (&w, TM_SOURCE_SESSION, s);
    assert_contains (find_prompt (prompts, TM_RULE_S7)->body, "ein Opioid, Alkohol");
    assert_contains (find_prompt (prompts, TM_RULE_S7)->body, "Atmung verlangsamen");
    speak_english ();
  }
}

/* S11: any red flag, on a check-in or a session, is urgent and shows the
 * emergency number at once. */
static void
test_s11_red_flags (void)
{
  for (guint bit = 0; bit <= TM_N_RED_FLAGS; bit++)
    for (int source = 0; source <= 1; source++)
      {
        g_auto(World) w = { 0 };
        g_autoptr(GPtrArray) prompts = NULL;
        g_autofree char *got = NULL;
        guint flags = bit < TM_N_RED_FLAGS ? 1u << bit : 0;
        const TmSafetyPrompt *p;

        world_init (&w);
        add_plan (&w, "2026-11-14", 14, 50);
        if (source == 0)
          {
            TmCheckin *c = add_checkin (&w, "2026-11-28", 5);

            c->red_flags = flags;
            prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
          }
        else
          {
            TmSession *s = add_session (&w, "2026-11-28T10:00:00+01:00", 50);

            s->red_flags = flags;
            prompts = evaluate (&w, TM_SOURCE_SESSION, s);
          }
        got = summarize_rule (prompts, TM_RULE_S11);
        g_assert_cmpstr (got, ==, flags != 0 ? "S11:urgent" : "");
        if (flags == 0)
          continue;

        p = find_prompt (prompts, TM_RULE_S11);
        g_assert_true (p->show_crisis);
        g_assert_true (has_answer (p, TM_ANSWER_HELP_NOW));
        g_assert_true (prompts->pdata[0] == p);  /* urgent first */
        assert_contains (p->body, tm_red_flag_get_label (bit));
        assert_contains (p->body, "call emergency services");
        assert_contains (p->body, "Tidemark doesn't send anything");
        g_assert_cmpstr (p->detail, ==, flags == TM_RED_FLAG_CHEST ? "red flags: Chest pain" : p->detail);
      }

  /* In German, the words of the German checklist; the record in English. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(GPtrArray) prompts = NULL;
    TmCheckin *c;

    world_init (&w);
    c = add_checkin (&w, "2026-11-28", 5);
    c->red_flags = TM_RED_FLAG_CHEST | TM_RED_FLAG_VOMITING;
    speak_german ();
    prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
    g_assert_cmpstr (find_prompt (prompts, TM_RULE_S11)->title, ==, "Diese Zeichen brauchen ärztliche Hilfe");
    assert_contains (find_prompt (prompts, TM_RULE_S11)->body, "Schmerzen in der Brust, Erbrechen");
    assert_contains (find_prompt (prompts, TM_RULE_S11)->body, "legen Sie die Person auf die Seite");
    g_assert_cmpstr (find_prompt (prompts, TM_RULE_S11)->detail, ==, "red flags: Chest pain, Vomiting");
    speak_english ();
  }
}

/* One list of ticked effects (or red flags), in the checklist's order:
 * shown in the person's language, kept in the record in English. */
static void
test_checklists_described (void)
{
  guint effects = TM_EFFECT_FRIGHTENING | TM_EFFECT_TIME;
  guint red_flags = TM_RED_FLAG_VOMITING | TM_RED_FLAG_CHEST;

  speak_german ();
  {
    g_autofree char *shown = tm_effects_describe (effects, TM_WORDING_SHOWN, "; ");
    g_autofree char *kept = tm_effects_describe (effects, TM_WORDING_RECORD, ", ");
    g_autofree char *flags_shown = tm_red_flags_describe (red_flags, TM_WORDING_SHOWN, ", ");
    g_autofree char *flags_kept = tm_red_flags_describe (red_flags, TM_WORDING_RECORD, ", ");
    g_autofree char *none = tm_effects_describe (0, TM_WORDING_SHOWN, ", ");

    g_assert_cmpstr (shown, ==, "Die Zeit fühlte sich seltsam an; Beängstigend oder außer Kontrolle");
    g_assert_cmpstr (kept, ==, "Time felt strange, Frightening or out of control");
    g_assert_cmpstr (flags_shown, ==, "Schmerzen in der Brust, Erbrechen");
    g_assert_cmpstr (flags_kept, ==, "Chest pain, Vomiting");
    g_assert_cmpstr (none, ==, "");
  }
  speak_english ();
}

/* S12: at home with nobody there. */
static void
test_s12_home_alone (void)
{
  const struct
  {
    TmSetting setting; gboolean someone; int monitored; int saved_after; const char *expected; const char *part;
  } cases[] = {
    { TM_SETTING_HOME, TRUE, TM_UNSET, 60, "", NULL },
    { TM_SETTING_CLINIC, FALSE, TM_UNSET, 60, "", NULL },
    { TM_SETTING_HOME, FALSE, TM_UNSET, 240, "S12:caution", "ask someone to come and stay with you" },
    { TM_SETTING_HOME, FALSE, TM_UNSET, 241, "S12:caution", "it would have been hard to get" },
    /* Monitoring, or company at home, for two hours is enough; less is a caution. */
    { TM_SETTING_CLINIC, TRUE, 120, 60, "", NULL },
    { TM_SETTING_CLINIC, TRUE, 119, 60, "S12:caution", "The clinic monitored you for 119 minutes" },
    { TM_SETTING_CLINIC, FALSE, 45, 60, "S12:caution", "usually lasts at least two hours" },
    { TM_SETTING_HOME, TRUE, 120, 60, "", NULL },
    { TM_SETTING_HOME, TRUE, 119, 60, "S12:caution", "Someone stayed with you for 119 minutes" },
    { TM_SETTING_HOME, TRUE, 1, 60, "S12:caution", "for 1 minute after" },
    /* Nobody there at all says so, however long was written. */
    { TM_SETTING_HOME, FALSE, 30, 240, "S12:caution", "ask someone to come and stay with you" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      g_autofree char *taken = NULL;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, cases[i].saved_after);
      s = add_session (&w, taken, 50);
      s->setting = cases[i].setting;
      s->monitor_present = cases[i].someone;
      s->monitored_minutes = cases[i].monitored;
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      got = summarize (prompts);
      g_assert_cmpstr (got, ==, cases[i].expected);
      if (cases[i].part == NULL)
        continue;
      assert_contains (find_prompt (prompts, TM_RULE_S12)->body, cases[i].part);
      if (cases[i].setting != TM_SETTING_HOME || cases[i].someone)
        continue;
      speak_german ();
      g_clear_pointer (&prompts, g_ptr_array_unref);
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      g_assert_cmpstr (find_prompt (prompts, TM_RULE_S12)->title, ==, "Bei dieser Dosis war niemand bei Ihnen");
      speak_english ();
    }

  /* Too brief a watch, in German too: in the plural the rules chose. */
  for (TmSetting setting = TM_SETTING_HOME; setting <= TM_SETTING_CLINIC; setting++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *taken = NULL;
      const TmSafetyPrompt *prompt;
      TmSession *s;

      world_init (&w);
      add_plan (&w, "2026-11-14", 14, 50);
      taken = minutes_before_now (&w, 60);
      s = add_session (&w, taken, 50);
      s->setting = setting;
      s->monitor_present = TRUE;
      s->monitored_minutes = 90;
      speak_german ();
      prompts = evaluate (&w, TM_SOURCE_SESSION, s);
      prompt = find_prompt (prompts, TM_RULE_S12);
      g_assert_cmpstr (prompt->title, ==, setting == TM_SETTING_CLINIC ? "Weniger als zwei Stunden überwacht"
                                                                      : "Niemand ist zwei Stunden geblieben");
      assert_contains (prompt->body, "90 Minuten");
      speak_english ();
    }
}

/* S13: frightening or intense effects in a check-in on a dose day, more
 * than TM_S13_HOURS after the day's last dose. */
static void
test_s13_lingering_effects (void)
{
  const struct
  {
    const char *what;
    const char *sessions[2];
    guint effects; int intensity;
    const char *expected;
  } cases[] = {
    { "frightening, 4 hours after", { "2026-11-28T16:00:00+01:00" }, TM_EFFECT_FRIGHTENING, U, "" },
    { "frightening, 4 hours 1 minute after", { "2026-11-28T15:59:00+01:00" }, TM_EFFECT_FRIGHTENING, U,
      "S13:caution" },
    { "intensity 6", { "2026-11-28T10:00:00+01:00" }, TM_EFFECT_TIME, 6, "" },
    { "intensity 7", { "2026-11-28T10:00:00+01:00" }, TM_EFFECT_TIME, 7, "S13:caution" },
    { "mild, no intensity", { "2026-11-28T10:00:00+01:00" }, TM_EFFECT_TIME, U, "" },
    { "a later dose that day is recent", { "2026-11-28T10:00:00+01:00", "2026-11-28T17:00:00+01:00" },
      TM_EFFECT_FRIGHTENING, U, "" },
    { "yesterday's dose: not a dose day", { "2026-11-27T21:00:00+01:00" }, TM_EFFECT_FRIGHTENING, U, "" },
    { "no dose: S2's", { NULL }, TM_EFFECT_FRIGHTENING, 8, "S2:caution" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(GPtrArray) prompts = NULL;
      g_autofree char *got = NULL;
      TmCheckin *c;

      world_init (&w);
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].sessions) && cases[i].sessions[k] != NULL; k++)
        add_session (&w, cases[i].sessions[k], 50);
      c = add_checkin (&w, "2026-11-28", 5);
      c->effects = cases[i].effects;
      c->effects_intensity = cases[i].intensity;
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      got = summarize (prompts);
      g_test_message ("%s", cases[i].what);
      g_assert_cmpstr (got, ==, cases[i].expected);
      if (g_strcmp0 (cases[i].expected, "S13:caution") != 0)
        continue;
      assert_contains (find_prompt (prompts, TM_RULE_S13)->body, "more than 4 hours after it");
      assert_contains (find_prompt (prompts, TM_RULE_S13)->detail, "dose taken at 2026-11-28T");
      speak_german ();
      g_clear_pointer (&prompts, g_ptr_array_unref);
      prompts = evaluate (&w, TM_SOURCE_CHECKIN, c);
      assert_contains (find_prompt (prompts, TM_RULE_S13)->body, "mehr als 4 Stunden danach");
      speak_english ();
    }
}

/* The wording review (DESIGN.md, Clinically right). */

/* What a text must never say, lower-cased: dosing advice, and (outside
 * S4) self-harm; and the clinician finding out, unless it says that
 * Tidemark doesn't send anything. */
static const char * const dosing_advice[] = {
  "take more", "take less", "increase", "skip your dose", "skip a dose", "should take", "double your",
  "mehr nehmen", "mehr einnehmen", "weniger nehmen", "erhöhen", "auslassen", "verdoppeln",
};
static const char * const dosing_advice_patterns[] = {
  "should\\b[^.]*\\btake\\b", "sollten\\b[^.]*\\b(ein)?nehmen\\b",
};
static const char * const self_harm_words[] = {
  "suicid", "self-harm", "self harm", "hurting yourself", "hurt yourself", "better off dead", "kill",
  "crisis line", "suizid", "selbstmord", "selbstverletz", "lieber tot", "leid zufügen", "krisentelefon",
};
static const char * const told_patterns[] = {
  "\\b(your|the) (clinician|prescriber|doctor) will (see|be told|be notified|be informed|know)\\b",
  "\\bbehandlungsteam (sieht|erfährt|wird (informiert|benachrichtigt))\\b",
};

/* Whatever is wrong with @p's words, or NULL. */
static char *
wording_problem (const TmSafetyPrompt *p)
{
  g_autofree char *text = g_strconcat (p->title, "\n", p->body, NULL);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autofree char *no_one = g_utf8_strdown (g_dgettext (GETTEXT_PACKAGE,
                                                        "Tidemark doesn't send anything to your clinician; they see "
                                                        "this only in a report you show them. Please contact them "
                                                        "yourself."), -1);

  for (guint i = 0; i < G_N_ELEMENTS (dosing_advice); i++)
    if (strstr (lower, dosing_advice[i]) != NULL)
      return g_strdup_printf ("dosing advice (“%s”)", dosing_advice[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dosing_advice_patterns); i++)
    if (g_regex_match_simple (dosing_advice_patterns[i], lower, 0, 0))
      return g_strdup_printf ("dosing advice (%s)", dosing_advice_patterns[i]);
  for (guint i = 0; p->rule != TM_RULE_S4 && i < G_N_ELEMENTS (self_harm_words); i++)
    if (strstr (lower, self_harm_words[i]) != NULL)
      return g_strdup_printf ("self-harm wording outside S4 (“%s”)", self_harm_words[i]);
  for (guint i = 0; i < G_N_ELEMENTS (told_patterns); i++)
    if (g_regex_match_simple (told_patterns[i], lower, 0, 0) && strstr (lower, no_one) == NULL)
      return g_strdup_printf ("implies the clinician is told (%s)", told_patterns[i]);
  return NULL;
}

static void
take_prompts (GPtrArray *all,
              GPtrArray *prompts)
{
  while (prompts->len > 0)
    g_ptr_array_add (all, g_ptr_array_steal_index (prompts, 0));
  g_ptr_array_unref (prompts);
}

/* A session @minutes before now. */
static TmSession *
scenario_session (World *w,
                  int    minutes)
{
  g_autofree char *taken = minutes_before_now (w, minutes);

  return add_session (w, taken, 50);
}

/* Every prompt the rules can give, each rule at each of its levels and
 * tenses, as the evaluation words them in the current language. */
static GPtrArray *
every_prompt (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_safety_prompt_free);
  const int tenses[] = { 60, 600 };

  for (guint t = 0; t < G_N_ELEMENTS (tenses); t++)
    {
      /* Sessions: S1 info, S3 no plan, S12. */
      {
        g_auto(World) w = { 0 };
        TmSession *s;

        world_init (&w);
        s = scenario_session (&w, tenses[t]);
        s->dissociation_peak = 2;
        s->monitor_present = FALSE;
        take_prompts (all, evaluate (&w, TM_SOURCE_SESSION, s));
      }
      /* S12: monitored at the clinic, or kept company at home, too briefly. */
      for (TmSetting setting = TM_SETTING_HOME; setting <= TM_SETTING_CLINIC; setting++)
        {
          g_auto(World) w = { 0 };
          TmSession *s;

          world_init (&w);
          add_plan (&w, "2026-11-14", 14, 50);
          s = scenario_session (&w, tenses[t]);
          s->setting = setting;
          s->monitor_present = TRUE;
          s->monitored_minutes = 50;
          take_prompts (all, evaluate (&w, TM_SOURCE_SESSION, s));
        }
      /* S1 caution; S3 above, by another route; S5 before; S7 with all. */
      {
        g_auto(World) w = { 0 };
        TmSession *s;

        world_init (&w);
        add_plan (&w, "2026-11-14", 14, 50);
        s = scenario_session (&w, tenses[t]);
        s->dose_mg = 75;
        s->route = TM_ROUTE_ORAL;
        s->dissociation_peak = 7;
        s->effects_minutes = t == 0 ? 100 : 200;  /* over 2 hours while recent: urgent */
        s->nausea = 3;
        s->sedation = 2;
        tm_test_add_bp (s, 0, 150, 95);
        s->other_medicines = TM_MEDICINES_ALL;
        take_prompts (all, evaluate (&w, TM_SOURCE_SESSION, s));
      }
      /* S1 urgent with every reason; S5 urgent; S11; S3 outside the plan. */
      {
        g_auto(World) w = { 0 };
        TmSession *s;

        world_init (&w);
        add_plan (&w, "2026-11-10", 28, 50);
        s = scenario_session (&w, tenses[t]);
        s->effects = TM_EFFECTS_ALL;
        s->sedation = 3;
        s->effects_minutes = 150;
        s->red_flags = TM_RED_FLAGS_ALL;
        tm_test_add_bp (s, 40, 190, 115);
        take_prompts (all, evaluate (&w, TM_SOURCE_SESSION, s));
      }
    }

  /* Check-ins: S2, S4, S11; S13; S6 both ways. */
  {
    g_auto(World) w = { 0 };
    TmCheckin *c;

    world_init (&w);
    c = add_checkin (&w, "2026-11-28", 3);
    c->effects = TM_EFFECTS_ALL;
    c->effects_intensity = 9;
    c->self_harm = 1;
    c->red_flags = TM_RED_FLAGS_ALL;
    take_prompts (all, evaluate (&w, TM_SOURCE_CHECKIN, c));
  }
  {
    g_auto(World) w = { 0 };
    TmCheckin *c;

    world_init (&w);
    add_session (&w, "2026-11-28T09:00:00+01:00", 50);
    c = add_checkin (&w, "2026-11-28", 4);
    c->effects = TM_EFFECT_FRIGHTENING;
    c->effects_intensity = 9;
    take_prompts (all, evaluate (&w, TM_SOURCE_CHECKIN, c));
  }
  {
    g_auto(World) w = { 0 };
    TmCheckin *c;

    world_init (&w);
    add_checkin (&w, "2026-11-27", 0);
    c = add_checkin (&w, "2026-11-28", 0);
    take_prompts (all, evaluate (&w, TM_SOURCE_CHECKIN, c));
  }
  {
    g_auto(World) w = { 0 };

    world_init (&w);
    take_prompts (all, evaluate (&w, TM_SOURCE_CHECKIN, fill_moods (&w, 7, 4, 28, 7)));
  }
  /* The PHQ-9: S4 and S6. */
  {
    g_auto(World) w = { 0 };
    g_autoptr(TmQuestionnaire) q = phq9 ("333333221");

    world_init (&w);
    take_prompts (all, evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q));
  }
  /* The follow-up: S8 both levels, with every item; S9; S10. */
  for (guint i = 0; i < 2; i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(TmQuestionnaire) q = followup (i == 0 ? "221112110111" : "220122110111");

      world_init (&w);
      take_prompts (all, evaluate (&w, TM_SOURCE_QUESTIONNAIRE, q));
    }
  /* A regular medicine: S7, added and changed, an opioid. */
  for (guint i = 0; i < 2; i++)
    {
      g_auto(World) w = { 0 };
      g_autoptr(TmRegularMedicine) m = regular_medicine ("Tramadol", TM_MEDICINE_KIND_OPIOID, "2026-11-20");

      world_init (&w);
      add_plan (&w, "2026-11-01", 14, 50);
      m->replaces = i;
      take_prompts (all, evaluate (&w, TM_SOURCE_MEDICINE, m));
    }
  return all;
}

/* Every safety text, in English and in German: no dosing advice, never
 * that anyone is told, no self-harm wording outside S4; and the sentence
 * that Tidemark contacts no one where DESIGN.md asks for it. */
static void
test_wording_review (void)
{
  g_autoptr(GPtrArray) english = every_prompt ();
  g_autoptr(GPtrArray) german = NULL;
  g_autoptr(GHashTable) walked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const expected[] = {
    "S1:info:present", "S1:info:past", "S1:caution:present", "S1:caution:past", "S1:urgent:present",
    "S1:urgent:past", "S2:caution", "S3:info", "S3:caution", "S4:urgent:checkin", "S4:urgent:questionnaire",
    "S5:caution", "S5:urgent:present", "S5:urgent:past", "S6:info", "S6:caution:checkin",
    "S6:caution:questionnaire", "S7:info", "S11:urgent:checkin", "S11:urgent:session", "S12:caution:present",
    "S12:caution:past", "S13:caution", "S7:info:medicine", "S8:urgent", "S8:caution", "S9:caution",
    "S10:caution",
  };

  speak_german ();
  german = every_prompt ();
  g_assert_cmpuint (german->len, ==, english->len);

  for (guint i = 0; i < english->len; i++)
    for (int language = 0; language <= 1; language++)
      {
        const TmSafetyPrompt *p = (language == 0 ? english : german)->pdata[i];
        const TmSafetyPrompt *other = (language == 0 ? german : english)->pdata[i];
        g_autofree char *problem = NULL;
        gboolean needs_no_one = p->rule == TM_RULE_S2 || p->rule == TM_RULE_S4 || p->rule == TM_RULE_S11 ||
                                (p->level == TM_LEVEL_URGENT && (p->rule == TM_RULE_S1 || p->rule == TM_RULE_S5));

        if (language == 0)
          speak_english ();
        else
          speak_german ();
        problem = wording_problem (p);
        g_test_message ("%s %s, %s:\n%s\n%s", tm_rule_to_string (p->rule), tm_level_to_string (p->level),
                        language == 0 ? "English" : "German", p->title, p->body);
        if (problem != NULL)
          g_error ("%s %s, in %s: %s:\n%s\n%s", tm_rule_to_string (p->rule), tm_level_to_string (p->level),
                   language == 0 ? "English" : "German", problem, p->title, p->body);
        /* "I need help now" opens help that fits the prompt: outside the
         * mood rules, no words about self-harm there either. */
        if (has_answer (p, TM_ANSWER_HELP_NOW) && p->rule != TM_RULE_S6)
          {
            g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (p->rule);
            g_autofree char *signs = help->signs != NULL ? g_strjoinv ("\n", help->signs) : g_strdup ("");
            g_autofree char *help_body = g_strjoin ("\n", help->body, signs,
                                                    help->after_signs != NULL ? help->after_signs : "", NULL);
            TmSafetyPrompt as_prompt = *p;

            as_prompt.title = help->title;
            as_prompt.body = help_body;
            g_clear_pointer (&problem, g_free);
            problem = wording_problem (&as_prompt);
            if (problem != NULL)
              g_error ("The help %s %s offers, in %s: %s:\n%s", tm_rule_to_string (p->rule),
                       tm_level_to_string (p->level), language == 0 ? "English" : "German", problem,
                       help_body);
          }
        if (needs_no_one)
          assert_contains (p->body, language == 0 ? "Tidemark doesn't send anything to your clinician"
                                                  : "Tidemark sendet nichts an Ihr Behandlungsteam");
        /* Translated, every word of it. */
        g_assert_cmpint (p->rule, ==, other->rule);
        g_assert_cmpstr (p->title, !=, other->title);
        g_assert_cmpstr (p->body, !=, other->body);
        g_assert_cmpstr (p->detail, ==, other->detail);

        if (language == 0)
          {
            const char *source = tm_source_to_string (p->source);
            gboolean tensed = strstr (p->body, "Stay seated") != NULL || strstr (p->body, "Rest somewhere") != NULL ||
                              strstr (p->body, "Call emergency services now if") != NULL ||
                              strstr (p->body, "ask someone to come") != NULL;

            g_hash_table_add (walked, g_strdup_printf ("%s:%s", tm_rule_to_string (p->rule),
                                                       tm_level_to_string (p->level)));
            g_hash_table_add (walked, g_strdup_printf ("%s:%s:%s", tm_rule_to_string (p->rule),
                                                       tm_level_to_string (p->level), source));
            g_hash_table_add (walked, g_strdup_printf ("%s:%s:%s", tm_rule_to_string (p->rule),
                                                       tm_level_to_string (p->level),
                                                       tensed ? "present" : "past"));
          }
      }
  speak_english ();

  /* Each rule's prompts have titles of their own: two prompts about
   * different things never read alike in History or the report. */
  {
    g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < english->len; i++)
      {
        const TmSafetyPrompt *p = english->pdata[i];
        gpointer rule;

        if (g_hash_table_lookup_extended (titles, p->title, NULL, &rule))
          g_assert_cmpint (GPOINTER_TO_INT (rule), ==, p->rule);
        g_hash_table_insert (titles, p->title, GINT_TO_POINTER (p->rule));
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_hash_table_contains (walked, expected[i]))
      g_error ("The review did not walk %s", expected[i]);
}

/* The review can fail: it catches what it looks for, in both languages. */
static void
test_wording_review_catches (void)
{
  const struct { TmRule rule; const char *body; gboolean bad; } cases[] = {
    { TM_RULE_S1, "If it wears off early, take more next time.", TRUE },
    { TM_RULE_S3, "You may increase the dose.", TRUE },
    { TM_RULE_S3, "You should probably take 60 mg.", TRUE },
    { TM_RULE_S6, "Skip your dose this week.", TRUE },
    { TM_RULE_S3, "Sie sollten die Dosis erhöhen.", TRUE },
    { TM_RULE_S3, "Sie sollten künftig 60 mg nehmen.", TRUE },
    { TM_RULE_S7, "Your clinician will see this in your record.", TRUE },
    { TM_RULE_S7, "Your clinician will see this in your record. Tidemark doesn't send anything to your "
                  "clinician; they see this only in a report you show them. Please contact them yourself.", FALSE },
    { TM_RULE_S5, "Call a crisis line.", TRUE },
    { TM_RULE_S11, "Thoughts of suicide can come with this.", TRUE },
    { TM_RULE_S4, "A crisis line is there to talk to. Thoughts of hurting yourself matter.", FALSE },
    { TM_RULE_S13, "Rufen Sie ein Krisentelefon an.", TRUE },
    { TM_RULE_S1, "Stay seated somewhere safe. Tell your clinician at your next contact.", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TmSafetyPrompt p = { 0 };
      g_autofree char *problem = NULL;

      p.rule = cases[i].rule;
      p.title = (char *) "A Title";
      p.body = (char *) cases[i].body;
      problem = wording_problem (&p);
      g_test_message ("%s → %s", cases[i].body, problem != NULL ? problem : "fine");
      g_assert_true ((problem != NULL) == cases[i].bad);
    }
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
  s->monitor_present = TRUE;
  s->effects = TM_EFFECT_FRIGHTENING;
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
count_signal_cb (TmStore    *store,
                 const char *key,
                 int        *count)
{
  (*count)++;
}

/* The daily question is off and not offered in a new data folder; turning
 * it on or putting it aside is kept with the data, and says so. */
static void
test_daily_question_setting (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int changed = 0;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "meta-changed::daily-question", G_CALLBACK (count_signal_cb), &changed);
  g_assert_false (tm_daily_question_is_on (store));
  g_assert_false (tm_daily_question_was_offered (store));

  g_assert_true (tm_daily_question_set_offered (store, &error));
  g_assert_true (tm_daily_question_was_offered (store));
  g_assert_false (tm_daily_question_is_on (store));
  g_assert_cmpint (changed, ==, 0);

  g_assert_true (tm_daily_question_set_on (store, TRUE, &error));
  g_assert_cmpint (changed, ==, 1);
  g_clear_object (&store);
  store = tm_store_open (dir, &error);
  g_assert_true (tm_daily_question_is_on (store));
  g_assert_true (tm_daily_question_set_on (store, FALSE, &error));
  g_assert_false (tm_daily_question_is_on (store));
  g_assert_true (tm_daily_question_was_offered (store));
  g_assert_cmpstr (tm_daily_question_get_text (), ==,
                   "Have you had thoughts that you would be better off dead or of hurting yourself?");

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
  /* The build's translations, for the German texts. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIDEMARK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety/s1/levels", test_s1_levels);
  g_test_add_func ("/safety/checklists-described", test_checklists_described);
  g_test_add_func ("/safety/s1/usual-peak", test_s1_usual_peak);
  g_test_add_func ("/safety/s1/present-or-past", test_s1_present_or_past);
  g_test_add_func ("/safety/s5-thresholds", test_s5_thresholds);
  g_test_add_func ("/safety/s8-s9-s10/follow-up", test_s8_s9_s10_on_followup);
  g_test_add_func ("/safety/s7/regular-medicines", test_s7_on_regular_medicines);
  g_test_add_func ("/safety/rules-on-readings", test_rules_on_readings);
  g_test_add_func ("/safety/s1-with-s5-and-s7", test_s1_with_s5_and_s7);
  g_test_add_func ("/safety/s2-with-and-without-a-session", test_s2);
  g_test_add_func ("/safety/s3-with-and-without-a-plan", test_s3);
  g_test_add_func ("/safety/s3/matched-plan-and-route", test_s3_matched_plan_and_route);
  g_test_add_func ("/safety/s4/daily-question", test_s4_daily_question);
  g_test_add_func ("/safety/s5/wording", test_s5_wording);
  g_test_add_func ("/safety/s6/lowest-mood", test_s6_lowest_mood);
  g_test_add_func ("/safety/s6/quiet-by-level", test_s6_quiet_by_level);
  g_test_add_func ("/safety/s7/opioids-and-alcohol", test_s7_opioids_and_alcohol);
  g_test_add_func ("/safety/s11/red-flags", test_s11_red_flags);
  g_test_add_func ("/safety/s12/home-alone", test_s12_home_alone);
  g_test_add_func ("/safety/s13/lingering-effects", test_s13_lingering_effects);
  g_test_add_func ("/safety/wording-review", test_wording_review);
  g_test_add_func ("/safety/wording-review-catches", test_wording_review_catches);
  g_test_add_func ("/safety/s4-and-s6-on-phq9", test_s4_and_s6_on_phq9);
  g_test_add_func ("/safety/s6-rolling-means", test_s6_rolling_means);
  g_test_add_func ("/safety/s6-quiet-after-only", test_s6_quiet_after_only);
  g_test_add_func ("/safety/not-repeated-for-the-same-record", test_not_repeated);
  g_test_add_func ("/safety/details-in-any-locale", test_details_in_any_locale);
  g_test_add_func ("/safety/details-leave-out-unset", test_details_leave_out_unset);
  g_test_add_func ("/safety/reminder-after-every-session", test_reminder_until);
  g_test_add_func ("/safety/record-and-contacts", test_record_and_contacts);
  g_test_add_func ("/safety/crisis-defaults", test_crisis_defaults);
  g_test_add_func ("/safety/daily-question-setting", test_daily_question_setting);

  return g_test_run ();
}
