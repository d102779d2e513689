/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A made-up but realistic record for `tidemark --demo`, the tests and the
 * benchmarks: the same days give the same record, every time.
 *
 * A plan every 14 days that changes to every 21 days half-way (and back,
 * for longer records); sessions mostly on time, some late, missed or beyond
 * the plan; mood that lifts after a dose and drifts down across the
 * interval, sinking lower in a third week, with day-to-day noise and some days left out; PHQ-9 and GAD-7
 * every two weeks, the PHQ-9 reaching a response in the last weeks; the
 * monthly follow-up, a few answers raising S8–S10; notes; and the safety prompts the real rules raise for
 * all that, answered. Two regular medicines: an antidepressant from before
 * the record, its dose raised ten weeks before the end, and vitamin D. */
#define G_LOG_DOMAIN "tm-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-demo.h"
#include "tm-safety.h"

/* The antidepressant's dose is raised this many days before the end. */
#define DEMO_RAISED_DAYS_BEFORE 70

#define SEED           0x7de3a4c1u
#define PERIOD_DAYS    182    /* a new plan every half year */
#define DOSE_MG        100.0
#define WEAR_OFF       1.3    /* how far mood sinks below its level before treatment
                               * in the third week after a dose: so the every-3-weeks
                               * period shows a deeper dip than the every-2-weeks one */
#define SOURCE_KEY "tm-demo-source"

static const char * const notes[] = {
  N_("Walked by the river after work."),
  N_("Slept badly, the neighbours were loud."),
  N_("Good day at work, got a lot done."),
  N_("Felt flat in the afternoon."),
  N_("Dinner with friends."),
  N_("Headache in the morning, better by lunch."),
  N_("Quiet weekend at home."),
  N_("Long day. Tired but all right."),
  N_("Therapy today, it helped to talk."),
  N_("Low most of the day, stayed in."),
  N_("Went swimming."),
  N_("Called my sister."),
};

/* Entries marked "Bring this up at my next review", by days before today. */
static const struct
{
  int         days_ago;
  const char *note;
} flagged[] = {
  { 4, N_("Evenings are harder again in the third week.") },
  { 13, N_("Ask about sleep: waking at four most nights.") },
};

/* Two finished reviews, four weeks apart, the last one four weeks ago. */
static const struct
{
  int         ends_days_ago;
  const char *note;
} reviews[] = {
  { 57, N_("Mood steadier on the every-2-weeks plan. Blood pressure fine after each session. "
           "Looked at the third week together.") },
  { 29, N_("Talked through the low evenings late in each interval. Sleep diary until the next visit.") },
};

/* Integration: what a person might bring to a dose and take from it. */
static const char * const intentions[] = {
  N_("To notice what comes up about work, without judging it."),
  N_("To rest, and let the music carry me."),
  N_("To think about my sister kindly."),
};

static const char * const reflections[] = {
  N_("Calmer than I expected. The worry about work felt further away."),
  N_("Drifted a lot; remembered a walk by the sea from years ago."),
  N_("Hard to stay with the feeling, but it passed."),
};

static const char * const session_notes[] = {
  N_("Music and an eye mask helped."),
  N_("Felt calm afterwards."),
  N_("A bit nauseous at first, passed quickly."),
  N_("Took a while to settle."),
};

static int
clamp_rating (double value)
{
  return CLAMP ((int) lround (value), 0, 10);
}

/* Normally distributed noise, from two uniform draws. */
static double
noise (GRand  *rand,
       double  sd)
{
  double u = g_rand_double_range (rand, 1e-9, 1.0);
  double v = g_rand_double (rand);

  return sd * sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static GDateTime *
local_time (const char *day,
            int         hour,
            int         minute)
{
  g_autofree char *instant = tm_instant_from_local (day, hour, minute, NULL);

  return tm_instant_parse (instant);
}

static char *
format_instant (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
add_plans (TmChartRecord *record,
           const char    *first,
           int            n_days)
{
  for (int p = 0; p == 0 || p * PERIOD_DAYS < n_days - PERIOD_DAYS / 2; p++)
    {
      g_autofree char *from = tm_day_add (first, p * PERIOD_DAYS);
      TmPlan *plan = tm_plan_new (from);

      plan->interval_days = p % 2 == 0 ? 14 : 21;
      plan->dose_mg = DOSE_MG;
      plan->route = TM_ROUTE_SUBLINGUAL;
      plan->tolerance_days = TM_PLAN_DEFAULT_TOLERANCE;
      tm_plan_set_instructions (plan, _("At home with someone present. Check blood pressure "
                                        "before and after."));
      tm_plan_set_author (plan, _("Dr. A. Example"));
      if (p == 0)
        plan->pre_phq9 = 17;   /* before the first session */
      plan->created_at = tm_instant_from_local (from, 9, 0, NULL);
      g_ptr_array_add (record->plans, plan);
    }
}

static TmSession *
new_session (GRand      *rand,
             const char *day,
             int         index)
{
  TmSession *s = tm_session_new ();
  g_autoptr(GDateTime) taken = local_time (day, 10, g_rand_int_range (rand, 0, 50));
  g_autofree char *instant = format_instant (taken);
  double draw = g_rand_double (rand);
  int bp_sys = g_rand_int_range (rand, 116, 136);
  int bp_dia = g_rand_int_range (rand, 72, 86);
  int rise_sys, rise_dia;
  TmSessionReading *before, *at_40, *last;

  tm_session_set_taken_at (s, instant);
  s->dose_mg = DOSE_MG;
  s->route = TM_ROUTE_SUBLINGUAL;
  s->setting = TM_SETTING_HOME;
  s->monitor_present = TRUE;
  s->nausea = draw < 0.2 ? 1 : 0;
  s->sedation = g_rand_int_range (rand, 0, 2);
  rise_sys = g_rand_int_range (rand, 4, 16);
  rise_dia = g_rand_int_range (rand, 2, 10);

  /* Most sessions pass quietly; some bring mild effects, a rare one
   * strong effects or a high blood pressure afterwards. */
  if (index % 23 == 11)
    {
      s->dissociation_peak = 7;
      s->effects = TM_EFFECT_DETACHED | TM_EFFECT_UNREAL | TM_EFFECT_TIME;
      s->effects_minutes = 110;
    }
  else if (draw < 0.4)
    {
      s->dissociation_peak = g_rand_int_range (rand, 1, 5);
      s->effects = draw < 0.25 ? TM_EFFECT_FLOATING : TM_EFFECT_TIME | TM_EFFECT_PERCEPTION;
      s->effects_minutes = g_rand_int_range (rand, 30, 80);
    }
  else
    s->dissociation_peak = 0;

  if (index % 29 == 19)
    {
      rise_sys = 182 - bp_sys;
      rise_dia = 104 - bp_dia;
    }

  if (g_rand_double (rand) < 0.3)
    tm_session_set_note (s, _(session_notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (session_notes))]));

  /* The session day, from the index alone, so that the rest of the year
   * stays as it was: the first doses at the clinic (monitored two hours or
   * more, with when they would have been ready to leave), then at home
   * with someone who stayed two hours or more; an intention and a
   * reflection for every third. */
  if (index < 3)
    {
      s->setting = TM_SETTING_CLINIC;
      s->monitored_minutes = 120 + 5 * index;
      s->ready_minutes = 90 + 10 * index;
    }
  else
    s->monitored_minutes = 120 + (index * 37) % 90;
  if (index % 3 == 0)
    {
      tm_session_set_intention (s, _(intentions[(index / 3) % G_N_ELEMENTS (intentions)]));
      tm_session_set_reflection (s, _(reflections[(index / 3) % G_N_ELEMENTS (reflections)]));
    }

  /* Readings before the dose, at 40 minutes (the rise, the effects at
   * their height) and at the end of the monitoring, nearly back. */
  before = tm_session_reading_new ();
  before->bp_sys = bp_sys;
  before->bp_dia = bp_dia;
  before->pulse = 64 + index % 14;
  tm_session_add_reading (s, before);
  at_40 = tm_session_reading_new ();
  at_40->minutes_after = 40;
  at_40->bp_sys = bp_sys + rise_sys;
  at_40->bp_dia = bp_dia + rise_dia;
  at_40->pulse = before->pulse + 4 + index % 7;
  at_40->dissociation = s->dissociation_peak;
  at_40->sedation = s->sedation;
  tm_session_add_reading (s, at_40);
  last = tm_session_reading_new ();
  last->minutes_after = s->monitored_minutes;
  last->bp_sys = bp_sys + (index % 5);
  last->bp_dia = bp_dia + (index % 3);
  last->pulse = before->pulse + index % 4;
  last->dissociation = 0;
  last->sedation = 0;
  tm_session_add_reading (s, last);
  return s;
}

/* Sessions against the plan: about 78 % on the day, 10 % a day or two
 * late, 7 % missed, the rest a day early; and a few beyond the plan. */
static void
add_sessions (TmChartRecord *record,
              GRand         *rand,
              const char    *first,
              const char    *last)
{
  g_autoptr(GArray) planned = tm_schedule_list_planned (record->plans, record->plan_dates, first, last);
  int n_days = tm_day_diff (first, last) + 1;
  int index = 0;

  for (guint j = 0; j < planned->len; j++)
    {
      const TmPlannedDay *p = &g_array_index (planned, TmPlannedDay, j);
      double draw = g_rand_double (rand);
      int offset = draw < 0.78 ? 0 : draw < 0.88 ? g_rand_int_range (rand, 1, 3) : draw < 0.95 ? -99 : -1;
      g_autofree char *day = NULL;

      if (offset == -99)
        continue;
      day = tm_day_add (p->day, offset);
      if (strcmp (day, first) < 0 || strcmp (day, last) > 0)
        continue;
      g_ptr_array_add (record->sessions, new_session (rand, day, index++));
    }

  /* About three a year beyond the plan, half-way through an interval. */
  for (int d = 100; d < n_days; d += 120)
    {
      g_autofree char *day = tm_day_add (first, d);
      gboolean near = FALSE;

      for (guint i = 0; i < record->sessions->len; i++)
        {
          g_autofree char *other = tm_session_get_day (record->sessions->pdata[i]);

          near = near || ABS (tm_day_diff (other, day)) < 4;
        }
      if (!near)
        g_ptr_array_add (record->sessions, new_session (rand, day, index++));
    }
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const TmSession *sa = *(TmSession * const *) a;
  const TmSession *sb = *(TmSession * const *) b;
  gint64 ta = tm_session_get_unix_time (sa), tb = tm_session_get_unix_time (sb);

  return ta < tb ? -1 : ta > tb;
}

static void
add_checkins (TmChartRecord *record,
              GRand         *rand,
              const char    *first,
              int            n_days)
{
  g_autofree int *since = g_new (int, n_days);   /* days since the latest session */
  int gap_from = n_days * 3 / 10, gap_to = gap_from + 6;   /* a week away */
  int latest = -1000;

  for (int i = 0, s = 0; i < n_days; i++)
    {
      while (s < (int) record->sessions->len)
        {
          g_autofree char *day = tm_session_get_day (record->sessions->pdata[s]);
          int index = tm_day_diff (first, day);

          if (index > i)
            break;
          latest = index;
          s++;
        }
      since[i] = i - latest;
    }

  for (int i = 0; i < n_days; i++)
    {
      g_autofree char *day = tm_day_add (first, i);
      int k = since[i];
      double lift = k < 1000 ? 2.8 * exp (-k / 7.0) - WEAR_OFF * CLAMP ((k - 12) / 6.0, 0, 1) : 0;
      double base = 3.9 + 0.5 * sin (2 * G_PI * i / 120.0);
      double mood = base + lift + noise (rand, 0.7);
      double skip = g_rand_double (rand);
      TmCheckin *c;

      if (skip < 0.08 || (i >= gap_from && i <= gap_to))
        continue;

      c = tm_checkin_new (day);
      c->mood = clamp_rating (mood);
      c->anxiety = clamp_rating (8.0 - 0.7 * mood + noise (rand, 0.8));
      c->energy = clamp_rating (0.8 * mood + 1.0 + noise (rand, 0.9));
      c->sleep_hours = 0.5 * g_rand_int_range (rand, 11, 18);
      if (k == 0 && g_rand_double (rand) < 0.5)
        {
          c->effects = TM_EFFECT_TIME;
          c->effects_intensity = g_rand_int_range (rand, 2, 5);
        }
      else if (i % 151 == 77)
        {
          /* Effects on a day far from a dose: S2. */
          c->effects = TM_EFFECT_PERCEPTION;
          c->effects_intensity = 3;
        }
      if (g_rand_double (rand) < 0.15)
        tm_checkin_set_note (c, _(notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))]));
      c->created_at = tm_instant_from_local (day, 20, 30, NULL);
      g_ptr_array_add (record->checkins, c);
    }
}

/* Mean mood of the check-ins in the 14 days up to @day. */
static double
recent_mood (GPtrArray  *checkins,
             const char *day)
{
  double sum = 0;
  int n = 0;

  for (guint i = 0; i < checkins->len; i++)
    {
      TmCheckin *c = checkins->pdata[i];
      int before = tm_day_diff (c->day, day);

      if (before >= 0 && before < 14)
        sum += c->mood, n++;
    }
  return n > 0 ? sum / n : 5.0;
}

/* The monthly follow-up, every other round of questionnaires: mostly
 * nothing noted, with a few answers the rules speak of — needing to pass
 * urine more often (S8), cravings (S9), memory a lot worse (S10). */
static void
add_followup (TmChartRecord *record,
              const char    *day,
              int            round)
{
  TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, day);

  for (guint item = 0; item < TM_N_FOLLOWUP_ITEMS; item++)
    q->answers[item] = 0;
  q->tolerance = 8;
  switch (round)
    {
    case 5:
      q->answers[TM_FOLLOWUP_URINARY_URGENCY] = 1;
      break;
    case 11:
      q->answers[TM_FOLLOWUP_CRAVINGS] = 1;
      q->tolerance = 7;
      break;
    case 19:
      q->answers[TM_FOLLOWUP_MEMORY] = 2;
      q->tolerance = 6;
      break;
    default:
      break;
    }
  q->total = tm_questionnaire_score (q->kind, q->answers);
  q->created_at = tm_instant_from_local (day, 19, 10, NULL);
  g_ptr_array_add (record->questionnaires, q);
}

static void
add_questionnaires (TmChartRecord *record,
                    GRand         *rand,
                    const char    *first,
                    int            n_days)
{
  for (int i = 3, round = 0; i < n_days; i += 14, round++)
    {
      g_autofree char *day = tm_day_add (first, i);
      double low = (10.0 - recent_mood (record->checkins, day)) / 10.0;  /* 0 well … 1 low */

      for (int kind = TM_QUESTIONNAIRE_PHQ9; kind <= TM_QUESTIONNAIRE_GAD7; kind++)
        {
          TmQuestionnaire *q = tm_questionnaire_new (kind, day);
          guint n = tm_questionnaire_kind_get_n_items (kind);

          /* Once the antidepressant's dose is raised (add_medicines ()),
           * the PHQ-9 falls to a response, then near remission. */
          double lower = kind == TM_QUESTIONNAIRE_PHQ9 && i >= n_days - MIN (DEMO_RAISED_DAYS_BEFORE, n_days / 2) ? 0.5 : 1.0;

          for (guint item = 0; item < n; item++)
            {
              int answer = (int) lround (low * lower * 3.4 - 0.6 + noise (rand, 0.5));

              q->answers[item] = CLAMP (answer, 0, 3);
            }
          if (kind == TM_QUESTIONNAIRE_PHQ9)
            {
              /* Thoughts of self-harm once in the year, on a low stretch. */
              q->answers[8] = round == 17 ? 1 : 0;
              q->difficulty = CLAMP ((int) lround (low * 2.5), 0, 3);
            }
          q->total = tm_questionnaire_score (kind, q->answers);
          q->created_at = tm_instant_from_local (day, 19, 0, NULL);
          g_ptr_array_add (record->questionnaires, q);
        }
      if (round % 2 == 1)
        add_followup (record, day, round);
    }
}

static TmAnswer
demo_answer (const TmSafetyPrompt *prompt)
{
  /* Someone who is safe, rests and tells the prescriber. */
  for (guint i = 0; i < prompt->n_answers; i++)
    if (prompt->answers[i] == TM_ANSWER_SAFE_NOW || prompt->answers[i] == TM_ANSWER_RESTING ||
        prompt->answers[i] == TM_ANSWER_PRESCRIBER_KNOWS)
      return prompt->answers[i];
  return prompt->n_answers > 0 ? prompt->answers[0] : TM_ANSWER_NOTED;
}

/* Runs the rules on @source as if it had just been saved at @shown, and
 * keeps the prompts they raise, answered. */
static void
evaluate (TmChartRecord *record,
          TmSource       kind,
          GObject       *source,
          GPtrArray     *sessions,
          GPtrArray     *checkins,
          GDateTime     *shown)
{
  g_autoptr(GPtrArray) prompts = NULL;
  TmSafetyFacts facts = { 0 };

  facts.source = kind;
  facts.checkin = TM_IS_CHECKIN (source) ? TM_CHECKIN (source) : NULL;
  facts.session = TM_IS_SESSION (source) ? TM_SESSION (source) : NULL;
  facts.questionnaire = TM_IS_QUESTIONNAIRE (source) ? TM_QUESTIONNAIRE (source) : NULL;
  facts.sessions = sessions;
  facts.checkins = checkins;
  facts.plans = record->plans;
  facts.plan_dates = record->plan_dates;
  facts.events = record->events;
  facts.now = shown;
  prompts = tm_safety_evaluate (&facts);

  for (guint i = 0; i < prompts->len; i++)
    {
      TmSafetyPrompt *prompt = prompts->pdata[i];
      g_autofree char *shown_at = format_instant (shown);
      g_autoptr(GDateTime) answered = g_date_time_add_minutes (shown, 2);
      TmSafetyEvent *event = tm_safety_event_new_for_prompt (prompt, shown_at);

      event->answered_at = format_instant (answered);
      event->answer = g_strdup (tm_answer_to_string (demo_answer (prompt)));
      g_object_set_data (G_OBJECT (event), SOURCE_KEY, source);
      g_ptr_array_add (record->events, event);
    }
}

/* What the real rules say about each record, in the order it was saved. */
static void
add_safety_events (TmChartRecord *record)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new ();
  g_autoptr(GPtrArray) checkins = g_ptr_array_new ();
  guint s = 0, q = 0, window_start = 0;

  for (guint c = 0; c <= record->checkins->len; c++)
    {
      TmCheckin *checkin = c < record->checkins->len ? record->checkins->pdata[c] : NULL;
      const char *day = checkin != NULL ? checkin->day : "9999-12-31";

      /* The sessions and questionnaires of the days up to this one. */
      for (; s < record->sessions->len; s++)
        {
          TmSession *session = record->sessions->pdata[s];
          g_autofree char *session_day = tm_session_get_day (session);
          g_autoptr(GDateTime) taken = NULL, shown = NULL;

          if (strcmp (session_day, day) > 0)
            break;
          g_ptr_array_add (sessions, session);
          taken = tm_instant_parse (session->taken_at);
          shown = g_date_time_add_minutes (taken, 90);
          evaluate (record, TM_SOURCE_SESSION, G_OBJECT (session), sessions, checkins, shown);
        }

      for (; q < record->questionnaires->len; q++)
        {
          TmQuestionnaire *questionnaire = record->questionnaires->pdata[q];
          g_autoptr(GDateTime) shown = tm_instant_parse (questionnaire->created_at);

          if (strcmp (questionnaire->day, day) > 0)
            break;
          evaluate (record, TM_SOURCE_QUESTIONNAIRE, G_OBJECT (questionnaire), sessions, checkins, shown);
        }

      if (checkin == NULL)
        break;

      /* The check-ins of the 35 days before, and this one. */
      g_ptr_array_add (checkins, checkin);
      while (tm_day_diff (((TmCheckin *) checkins->pdata[window_start])->day, day) >
             TM_S6_BASELINE_FROM + 1)
        window_start++;
      {
        g_autoptr(GPtrArray) window = g_ptr_array_new ();
        g_autoptr(GDateTime) shown = tm_instant_parse (checkin->created_at);

        for (guint i = window_start; i < checkins->len; i++)
          g_ptr_array_add (window, checkins->pdata[i]);
        evaluate (record, TM_SOURCE_CHECKIN, G_OBJECT (checkin), sessions, window, shown);
      }
    }
}

/* The check-in @days_ago days before @today, or the nearest earlier one
 * within a week. */
static TmCheckin *
find_checkin (GPtrArray  *checkins,
              const char *today,
              int         days_ago)
{
  for (int back = days_ago; back < days_ago + 7; back++)
    {
      g_autofree char *day = tm_day_add (today, -back);

      for (guint i = 0; i < checkins->len; i++)
        if (strcmp (TM_CHECKIN (checkins->pdata[i])->day, day) == 0)
          return checkins->pdata[i];
    }
  return NULL;
}

/* What a visit would find: entries marked to bring up since the last
 * review, the last session among them, and the earlier reviews. */
static void
add_review (TmChartRecord *record,
            const char    *today)
{
  TmSession *last = record->sessions->len > 0 ? g_ptr_array_index (record->sessions, record->sessions->len - 1)
                                              : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (flagged); i++)
    {
      TmCheckin *c = find_checkin (record->checkins, today, flagged[i].days_ago);

      if (c == NULL)
        continue;
      c->discuss = TRUE;
      tm_checkin_set_note (c, _(flagged[i].note));
    }
  if (last != NULL)
    last->discuss = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      g_autofree char *from = tm_day_add (today, -reviews[i].ends_days_ago - 27);
      g_autofree char *to = tm_day_add (today, -reviews[i].ends_days_ago);
      g_autofree char *visit = tm_day_add (to, 1);
      TmReview *review = tm_review_new (from, to);

      review->finished_at = tm_instant_from_local (visit, 15, 30, NULL);
      tm_review_set_author (review, _("Dr. A. Example"));
      tm_review_set_note (review, _(reviews[i].note));
      g_ptr_array_add (record->reviews, review);
    }
}

/* What the person takes besides ketamine: sertraline since before the
 * record, raised to 100 mg ten weeks before its end (a row replacing the
 * first, so the Trends page and the report show the change), and vitamin
 * D from a few months in. Neither kind is one S7 speaks of. Ids are given
 * here so that a change can name its row; the store gives its own. */
static void
add_medicines (TmChartRecord *record,
               const char    *first,
               const char    *today,
               int            n_days)
{
  g_autofree char *sertraline_from = tm_day_add (first, -240);
  g_autofree char *raised_from = tm_day_add (today, -MIN (DEMO_RAISED_DAYS_BEFORE, n_days / 2));
  g_autofree char *vitamin_from = tm_day_add (today, -MIN (230, n_days * 2 / 3));
  TmRegularMedicine *sertraline = tm_regular_medicine_new (_("Sertraline"), sertraline_from);
  TmRegularMedicine *raised;
  TmRegularMedicine *vitamin = tm_regular_medicine_new (_("Vitamin D"), vitamin_from);

  sertraline->id = 1;
  sertraline->dose = 50;
  sertraline->unit = g_strdup ("mg");
  sertraline->schedule = g_strdup (_("every morning"));
  sertraline->kind = TM_MEDICINE_KIND_ANTIDEPRESSANT;

  raised = tm_regular_medicine_copy (sertraline);
  raised->id = 2;
  raised->dose = 100;
  raised->replaces = sertraline->id;
  g_strlcpy (raised->started_on, raised_from, sizeof raised->started_on);

  vitamin->id = 3;
  vitamin->dose = 1000;
  /* Translators: international units, as a vitamin D dose is written: "1000 IU" */
  vitamin->unit = g_strdup (_("IU"));
  vitamin->schedule = g_strdup (_("once a day"));
  vitamin->kind = TM_MEDICINE_KIND_OTHER;

  g_ptr_array_add (record->medicines, sertraline);
  g_ptr_array_add (record->medicines, vitamin);
  g_ptr_array_add (record->medicines, raised);
}

/**
 * tm_demo_record_new:
 * @today: the day the record leads up to; nothing is recorded on it yet
 * @n_days: how many days before @today the record covers
 *
 * Returns: (transfer full): the same record for the same arguments
 */
TmChartRecord *
tm_demo_record_new (const char *today,
                    int         n_days)
{
  TmChartRecord *record = tm_chart_record_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (tm_day_is_valid (today), NULL);
  g_return_val_if_fail (n_days > 0, NULL);

  first = tm_day_add (today, -n_days);
  last = tm_day_add (today, -1);

  add_plans (record, first, n_days);
  add_sessions (record, rand, first, last);
  g_ptr_array_sort (record->sessions, compare_sessions);
  add_checkins (record, rand, first, n_days);
  add_questionnaires (record, rand, first, n_days);
  add_safety_events (record);
  add_review (record, today);
  add_medicines (record, first, today, n_days);

  return record;
}

/* The medicines in their order, each change naming the id the store gave
 * the row it replaces. */
static gboolean
fill_medicines (TmStore    *store,
                GPtrArray  *medicines,
                GError    **error)
{
  g_autoptr(GHashTable) stored_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; medicines != NULL && i < medicines->len; i++)
    {
      TmRegularMedicine *m = medicines->pdata[i];
      gint64 *given = g_memdup2 (&m->id, sizeof m->id);
      const gint64 *replaced = g_hash_table_lookup (stored_ids, &m->replaces);

      m->id = 0;
      if (replaced != NULL)
        m->replaces = *replaced;
      if (!tm_store_add_medicine (store, m, error))
        {
          g_free (given);
          return FALSE;
        }
      g_hash_table_insert (stored_ids, given, g_memdup2 (&m->id, sizeof m->id));
    }
  return TRUE;
}

/**
 * tm_demo_fill_store:
 *
 * Saves @record into @store, all of it or, on an error, none of it.
 */
gboolean
tm_demo_fill_store (TmStore              *store,
                    const TmChartRecord  *record,
                    GError              **error)
{
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  if (!tm_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < record->plans->len; i++)
    if (!tm_store_add_plan (store, record->plans->pdata[i], error))
      goto failed;
  for (guint i = 0; i < record->plan_dates->len; i++)
    if (!tm_store_add_plan_date (store, record->plan_dates->pdata[i], error))
      goto failed;
  for (guint i = 0; i < record->sessions->len; i++)
    if (!tm_store_save_session (store, record->sessions->pdata[i], error))
      goto failed;
  /* Check-ins keep the evening they were written on, as a year of them
   * written on time would: saved as they are (a save would date them now,
   * and the report would call them all back-filled). */
  for (guint i = 0; i < record->checkins->len; i++)
    {
      TmCheckin *c = record->checkins->pdata[i];

      c->id = i + 1;
      if (c->updated_at == NULL)
        c->updated_at = g_strdup (c->created_at);
      if (!tm_store_restore_checkin (store, c, error))
        goto failed;
    }
  for (guint i = 0; i < record->questionnaires->len; i++)
    if (!tm_store_save_questionnaire (store, record->questionnaires->pdata[i], error))
      goto failed;
  for (guint i = 0; i < record->events->len; i++)
    {
      TmSafetyEvent *event = record->events->pdata[i];
      GObject *source = g_object_get_data (G_OBJECT (event), SOURCE_KEY);

      /* The records were given their ids as they were saved. */
      if (TM_IS_CHECKIN (source))
        event->source_id = TM_CHECKIN (source)->id;
      else if (TM_IS_SESSION (source))
        event->source_id = TM_SESSION (source)->id;
      else if (TM_IS_QUESTIONNAIRE (source))
        event->source_id = TM_QUESTIONNAIRE (source)->id;
      if (!tm_store_add_safety_event (store, event, error))
        goto failed;
    }

  for (guint i = 0; i < record->reviews->len; i++)
    if (!tm_store_add_review (store, record->reviews->pdata[i], error))
      goto failed;
  if (!fill_medicines (store, record->medicines, error))
    goto failed;

  return tm_store_commit (store, error);

failed:
  tm_store_rollback (store);
  return FALSE;
}
