/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The agenda of a review, on records made by hand: every kind of item in
 * DESIGN.md's order, and each rule at its boundary (a week moving exactly
 * 2 points and 1.9; PHQ-9 exactly half of the baseline and just above it;
 * PHQ-9 4 and 5), the empty parts said plainly. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "tm-agenda.h"

/* Day 0 is Monday 2 March 2026; the period is days 28–55, 30 March to
 * 26 April, and today is its last day. */
#define FROM  28
#define TO    55

static char *
day_of (int n)
{
  return tm_day_add ("2026-03-02", n);
}

static TmCheckin *
add_checkin (TmChartRecord *record,
             int            day,
             int            mood)
{
  g_autofree char *d = day_of (day);
  TmCheckin *c = tm_checkin_new (d);

  c->id = record->checkins->len + 1;
  c->mood = mood;
  g_ptr_array_add (record->checkins, c);
  return c;
}

/* Check-ins of @mood on days @first … @last. */
static void
add_moods (TmChartRecord *record,
           int            first,
           int            last,
           int            mood)
{
  for (int day = first; day <= last; day++)
    add_checkin (record, day, mood);
}

static TmSession *
add_session (TmChartRecord *record,
             int            day,
             double         dose_mg)
{
  g_autofree char *d = day_of (day);
  g_autofree char *instant = tm_instant_from_local (d, 9, 0, NULL);
  TmSession *s = tm_session_new ();

  s->id = record->sessions->len + 1;
  tm_session_set_taken_at (s, instant);
  s->dose_mg = dose_mg;
  s->setting = TM_SETTING_CLINIC;
  g_ptr_array_add (record->sessions, s);
  return s;
}

static TmPlan *
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
  return plan;
}

static TmQuestionnaire *
add_questionnaire (TmChartRecord       *record,
                   TmQuestionnaireKind  kind,
                   int                  day,
                   int                  total)
{
  g_autofree char *d = day_of (day);
  TmQuestionnaire *q = tm_questionnaire_new (kind, d);

  q->id = record->questionnaires->len + 1;
  /* The answers don't matter here, only the total the store works out. */
  for (guint i = 0; i < tm_questionnaire_kind_get_n_items (kind); i++)
    q->answers[i] = 0;
  q->total = total;
  g_ptr_array_add (record->questionnaires, q);
  return q;
}

static TmSafetyEvent *
add_event (TmChartRecord *record,
           int            day,
           TmRule         rule,
           TmLevel        level,
           const char    *answer)
{
  g_autofree char *d = day_of (day);
  TmSafetyEvent *e = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);

  e->id = record->events->len + 1;
  e->rule = rule;
  e->level = level;
  e->shown_at = tm_instant_from_local (d, 12, 0, NULL);
  e->answer = g_strdup (answer);
  g_ptr_array_add (record->events, e);
  return e;
}

static TmReview *
make_review (gint64      id,
             int         from,
             int         to,
             const char *author,
             const char *note)
{
  g_autofree char *f = day_of (from);
  g_autofree char *t = day_of (to);
  g_autofree char *finished = tm_instant_from_local (t, 17, 0, NULL);
  TmReview *review = tm_review_new (f, t);

  review->id = id;
  tm_review_set_author (review, author);
  tm_review_set_note (review, note);
  tm_review_set_finished_at (review, finished);
  return review;
}

static TmAgenda *
agenda_of (TmChartRecord *record,
           GPtrArray     *reviews)
{
  g_autofree char *from = day_of (FROM);
  g_autofree char *to = day_of (TO);

  return tm_agenda_new (record, reviews, from, to, to);
}

/* The items of @kind, in their order. */
static GPtrArray *
items_of (const TmAgenda *agenda,
          TmAgendaKind    kind)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < agenda->items->len; i++)
    if (((TmAgendaItem *) agenda->items->pdata[i])->kind == kind)
      g_ptr_array_add (items, agenda->items->pdata[i]);
  return items;
}

static const TmAgendaItem *
only_item (const TmAgenda *agenda,
           TmAgendaKind    kind)
{
  g_autoptr(GPtrArray) items = items_of (agenda, kind);

  g_assert_cmpuint (items->len, ==, 1);
  return items->pdata[0];
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

/* A record with something of every kind in the period. */
static TmChartRecord *
make_full_record (void)
{
  TmChartRecord *record = tm_chart_record_new ();
  TmSession *s;
  TmCheckin *c;

  /* Every 14 days from day 0: planned 0, 14, 28, 42 (and 56, after). */
  add_plan (record, 0, 14);
  add_session (record, 0, 50);
  add_session (record, 14, 50);
  /* Planned day 28 taken a day late, and above the plan's dose. */
  add_session (record, 29, 60);
  /* Planned day 42 missed. An extra session on day 50, marked to discuss. */
  s = add_session (record, 50, 50);
  s->discuss = TRUE;

  /* Mood 5 every day to day 41, 7 from day 42 (the week moves 2 points on
   * day 48), with no check-in on days 30, 31 and 33. */
  add_moods (record, 10, 29, 5);
  add_checkin (record, 32, 5);
  add_moods (record, 34, 41, 5);
  add_moods (record, 42, 55, 7);
  for (guint i = 0; i < record->checkins->len; i++)
    {
      c = record->checkins->pdata[i];
      if (strcmp (c->day, "2026-04-07") == 0)  /* day 36 */
        {
          c->discuss = TRUE;
          tm_checkin_set_note (c, "Slept badly all week; ask about the evenings.");
        }
    }

  add_event (record, 20, TM_RULE_S6, TM_LEVEL_INFO, NULL);          /* before the period */
  add_event (record, 30, TM_RULE_S7, TM_LEVEL_INFO, "noted");
  add_event (record, 32, TM_RULE_S3, TM_LEVEL_CAUTION, NULL);
  add_event (record, 35, TM_RULE_S5, TM_LEVEL_URGENT, "help-now");

  add_questionnaire (record, TM_QUESTIONNAIRE_PHQ9, 0, 20);         /* the first ever */
  add_questionnaire (record, TM_QUESTIONNAIRE_PHQ9, 30, 15);
  add_questionnaire (record, TM_QUESTIONNAIRE_PHQ9, 54, 10);
  add_questionnaire (record, TM_QUESTIONNAIRE_GAD7, 31, 8);
  add_questionnaire (record, TM_QUESTIONNAIRE_GAD7, 53, 6);
  return record;
}

static void
test_agenda_every_kind_in_order (void)
{
  g_autoptr(TmChartRecord) record = make_full_record ();
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TmAgenda) agenda = NULL;
  g_autoptr(GPtrArray) safety = NULL;
  g_autoptr(GPtrArray) beyond = NULL;
  g_autoptr(GPtrArray) planned = NULL;
  g_autoptr(GPtrArray) questionnaires = NULL;
  g_autoptr(GPtrArray) discuss = NULL;
  const TmAgendaItem *item;
  int last_kind = -1;

  g_ptr_array_add (reviews, make_review (1, 0, 27, "Dr. Ortiz", "Keep the every-2-weeks plan for now."));
  agenda = agenda_of (record, reviews);

  /* DESIGN.md's order, each kind there and not empty. */
  for (guint i = 0; i < agenda->items->len; i++)
    {
      item = agenda->items->pdata[i];
      g_assert_cmpint (item->kind, >=, last_kind);
      g_assert_false (item->empty);
      last_kind = item->kind;
    }
  for (int kind = 0; kind < TM_N_AGENDA_KINDS; kind++)
    if (kind != TM_AGENDA_REMISSION)
      g_assert_cmpuint (tm_agenda_count (agenda, kind), >, 0);

  /* Safety prompts: urgent first, then caution, then information; the one
   * before the period is not there. */
  safety = items_of (agenda, TM_AGENDA_SAFETY);
  g_assert_cmpuint (safety->len, ==, 3);
  item = safety->pdata[0];
  g_assert_cmpstr (item->title, ==, "Blood pressure");
  g_assert_cmpstr (item->day, ==, "2026-04-06");
  g_assert_true (TM_IS_SAFETY_EVENT (item->record));
  assert_contains (item->detail, "Urgent");
  assert_contains (item->detail, "I need help now");
  g_assert_cmpstr (((TmAgendaItem *) safety->pdata[1])->title, ==, "Beyond the plan");
  assert_contains (((TmAgendaItem *) safety->pdata[1])->detail, "Not answered");
  g_assert_cmpstr (((TmAgendaItem *) safety->pdata[2])->title, ==, "Other medicines");

  /* Sessions beyond the plan or above its dose: day 29 (above, late) and
   * day 50 (beyond). */
  beyond = items_of (agenda, TM_AGENDA_BEYOND_PLAN);
  g_assert_cmpuint (beyond->len, ==, 2);
  item = beyond->pdata[0];
  g_assert_cmpstr (item->day, ==, "2026-03-31");
  g_assert_cmpstr (item->title, ==, "60 mg sublingual on 31 March");
  assert_contains (item->detail, "above the plan's dose");
  assert_contains (item->detail, "The plan: 50 mg sublingual.");
  g_assert_true (TM_IS_SESSION (item->record));
  item = beyond->pdata[1];
  g_assert_cmpstr (item->day, ==, "2026-04-21");
  assert_contains (item->detail, "Beyond the plan");

  /* Planned days: 28 taken late, 42 missed, by date. */
  planned = items_of (agenda, TM_AGENDA_PLANNED);
  g_assert_cmpuint (planned->len, ==, 2);
  item = planned->pdata[0];
  g_assert_cmpstr (item->day, ==, "2026-03-30");
  g_assert_cmpstr (item->title, ==, "Planned session of 30 March taken late");
  g_assert_cmpstr (item->detail, ==, "Taken on 31 March, 1 day after the planned day.");
  g_assert_true (TM_IS_SESSION (item->record));
  item = planned->pdata[1];
  g_assert_cmpstr (item->day, ==, "2026-04-13");
  g_assert_cmpstr (item->title, ==, "Planned session of 13 April missed");
  g_assert_cmpstr (item->detail, ==, "No session was logged from 12 April to 14 April.");
  g_assert_null (item->record);

  /* PHQ-9 then GAD-7, start and end of the period with the change. */
  questionnaires = items_of (agenda, TM_AGENDA_QUESTIONNAIRE);
  g_assert_cmpuint (questionnaires->len, ==, 2);
  item = questionnaires->pdata[0];
  g_assert_cmpstr (item->title, ==, "PHQ-9: 15 → 10");
  assert_contains (item->detail, "5 points lower (lower is better)");
  g_assert_true (TM_IS_QUESTIONNAIRE (item->record));
  g_assert_cmpstr (((TmAgendaItem *) questionnaires->pdata[1])->title, ==, "GAD-7: 8 → 6");

  /* 20 → 10 from the first PHQ-9 ever: response, which names its baseline. */
  item = only_item (agenda, TM_AGENDA_RESPONSE);
  assert_contains (item->detail, "50 % below the baseline");
  assert_contains (item->detail, "the first PHQ-9 recorded (20 on Monday 2 March 2026)");
  g_assert_true (agenda->response);
  g_assert_false (agenda->remission);
  g_assert_cmpint (agenda->phq9_baseline.total, ==, 20);
  g_assert_false (agenda->phq9_baseline.entered);

  /* The week moved 2 points up on day 48, listed once. */
  item = only_item (agenda, TM_AGENDA_MOOD_SHIFT);
  g_assert_cmpstr (item->day, ==, "2026-04-19");
  g_assert_cmpstr (item->title, ==, "Mood higher than a week before");
  assert_contains (item->detail, "was 7.0, 2.0 points higher than a week before (5.0)");

  item = only_item (agenda, TM_AGENDA_NO_CHECKIN);
  g_assert_cmpstr (item->title, ==, "3 days without a check-in");
  g_assert_cmpstr (item->detail, ==, "Check-ins on 25 of 28 days.");

  /* Marked to discuss, by day, each with its text. */
  discuss = items_of (agenda, TM_AGENDA_DISCUSS);
  g_assert_cmpuint (discuss->len, ==, 2);
  item = discuss->pdata[0];
  g_assert_cmpstr (item->title, ==, "Check-in of 7 April");
  g_assert_cmpstr (item->detail, ==, "Slept badly all week; ask about the evenings.");
  g_assert_true (item->detail_is_note);     /* hidden on a shared screen */
  g_assert_true (TM_IS_CHECKIN (item->record));
  item = discuss->pdata[1];
  g_assert_cmpstr (item->title, ==, "Session: 50 mg sublingual on 21 April");
  g_assert_cmpstr (item->detail, ==, "Marked to bring up, without a note.");
  g_assert_false (item->detail_is_note);

  item = only_item (agenda, TM_AGENDA_REVIEW_NOTE);
  g_assert_cmpstr (item->title, ==, "Reviewed with Dr. Ortiz on Sunday 29 March 2026");
  g_assert_cmpstr (item->detail, ==, "Keep the every-2-weeks plan for now.");
  g_assert_true (item->detail_is_note);
  g_assert_true (TM_IS_REVIEW (item->record));
}

/* Nothing recorded: each part says so plainly, with the period. */
static void
test_agenda_empty_parts (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmAgenda) agenda = agenda_of (record, NULL);
  const char *expected[] = {
    "No safety prompts since 30 March.",
    "No sessions beyond the plan or above its dose since 30 March.",
    "No missed or late planned sessions since 30 March.",
    "No PHQ-9 since 30 March.",
    "No GAD-7 since 30 March.",
    "No week-to-week change of 2 points or more in the 7-day mean mood since 30 March.",
    "28 days without a check-in",
    "Nothing marked to bring up since 30 March.",
    "No earlier reviews.",
  };

  g_assert_cmpuint (agenda->items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TmAgendaItem *item = agenda->items->pdata[i];

      g_assert_cmpstr (item->title, ==, expected[i]);
      g_assert_null (item->record);
      /* The count of days is an item; everything else is empty. */
      g_assert_true (item->empty == (item->kind != TM_AGENDA_NO_CHECKIN));
    }
  g_assert_cmpint (agenda->phq9_baseline.total, ==, TM_UNSET);
}

/* A period that ended before today: "from … to …". */
static void
test_agenda_past_period (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autofree char *from = day_of (FROM);
  g_autofree char *to = day_of (TO);
  g_autofree char *today = day_of (TO + 10);
  g_autoptr(TmAgenda) agenda = NULL;

  add_moods (record, FROM, TO, 5);
  agenda = tm_agenda_new (record, NULL, from, to, today);
  g_assert_cmpstr (((TmAgendaItem *) agenda->items->pdata[0])->title, ==,
                   "No safety prompts from 30 March to 26 April.");
  g_assert_cmpstr (only_item (agenda, TM_AGENDA_NO_CHECKIN)->title, ==,
                   "A check-in on every day from 30 March to 26 April.");
}

/* Moods: 5 to day 41, then the week from day 42 as given, then @after. */
static TmChartRecord *
make_week_record (const int week[7],
                  int       after)
{
  TmChartRecord *record = tm_chart_record_new ();

  add_moods (record, 10, 41, 5);
  for (int i = 0; i < 7; i++)
    add_checkin (record, 42 + i, week[i]);
  add_moods (record, 49, TO, after);
  return record;
}

/* The 7-day mean moving exactly 2 points in a week is listed; 13/7 (1.9)
 * is not. */
static void
test_agenda_mood_shift_boundary (void)
{
  const int two[7] = { 7, 7, 7, 7, 7, 7, 7 };
  const int almost[7] = { 6, 7, 7, 7, 7, 7, 7 };
  g_autoptr(TmChartRecord) exact = make_week_record (two, 5);
  g_autoptr(TmChartRecord) under = make_week_record (almost, 5);
  g_autoptr(TmAgenda) listed = agenda_of (exact, NULL);
  g_autoptr(TmAgenda) not_listed = agenda_of (under, NULL);
  g_autoptr(GPtrArray) shifts = NULL;
  const TmAgendaItem *item;

  /* Day 48: 7.0 against 5.0 on day 41. Afterwards mood falls back to 5;
   * on day 55 the mean is 5.0 against 7.0 on day 48: 2 points lower. */
  g_assert_cmpuint (tm_agenda_count (listed, TM_AGENDA_MOOD_SHIFT), ==, 2);
  shifts = items_of (listed, TM_AGENDA_MOOD_SHIFT);
  item = shifts->pdata[0];
  g_assert_cmpstr (item->day, ==, "2026-04-19");
  g_assert_cmpstr (item->title, ==, "Mood higher than a week before");
  g_assert_true (TM_IS_CHECKIN (item->record));

  /* 6.9 against 5.0 (13/7 = 1.86), and never more. */
  g_assert_cmpuint (tm_agenda_count (not_listed, TM_AGENDA_MOOD_SHIFT), ==, 0);
  g_assert_true (only_item (not_listed, TM_AGENDA_MOOD_SHIFT)->empty);
}

/* A run of consecutive days moving the same way is one item, with its
 * first day, its direction and its length. */
static void
test_agenda_mood_shift_run (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(TmAgenda) agenda = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  const TmAgendaItem *item;

  /* 8 to day 41, 4 from day 42: from day 45 (4 days of 4 and 3 of 8:
   * 5.7 against 8.0) to day 51 (4.0 against 6.3) the mean is 2 or more
   * lower than a week before; on day 52 (4.0 against 5.7) no longer. */
  add_moods (record, 10, 41, 8);
  add_moods (record, 42, TO, 4);
  agenda = agenda_of (record, NULL);
  shifts = items_of (agenda, TM_AGENDA_MOOD_SHIFT);

  g_assert_cmpuint (shifts->len, ==, 1);
  item = shifts->pdata[0];
  g_assert_cmpstr (item->day, ==, "2026-04-16");
  g_assert_cmpstr (item->title, ==, "Mood lower than a week before");
  g_assert_cmpstr (item->detail, ==, "From 16 April the 7-day mean mood was 5.7, 2.3 points lower than a "
                                      "week before (8.0); for 7 days running.");
}

/* The last PHQ-9 of the period against the first one ever. */
static TmAgenda *
agenda_for_phq9 (int  baseline,
                 int  last,
                 int  entered)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  TmPlan *plan = add_plan (record, 0, 14);

  plan->pre_phq9 = entered;
  add_questionnaire (record, TM_QUESTIONNAIRE_PHQ9, 3, baseline);
  add_questionnaire (record, TM_QUESTIONNAIRE_PHQ9, 40, 18);
  add_questionnaire (record, TM_QUESTIONNAIRE_PHQ9, 50, last);
  return agenda_of (record, NULL);
}

static void
test_agenda_response_boundary (void)
{
  g_autoptr(TmAgenda) half = agenda_for_phq9 (20, 10, TM_UNSET);
  g_autoptr(TmAgenda) under_half = agenda_for_phq9 (27, 14, TM_UNSET);   /* 48.1 % */
  g_autoptr(TmAgenda) entered = agenda_for_phq9 (12, 10, 20);
  g_autoptr(TmAgenda) entered_not = agenda_for_phq9 (20, 10, 19);        /* 47.4 % */
  const TmAgendaItem *item;

  g_assert_true (half->response);
  item = only_item (half, TM_AGENDA_RESPONSE);
  g_assert_cmpstr (item->title, ==, "PHQ-9 down by half or more");
  assert_contains (item->detail, "The last PHQ-9, 10 (Moderate) on 21 April, is 50 % below the baseline: "
                                 "the first PHQ-9 recorded (20 on Thursday 5 March 2026).");
  g_assert_true (TM_IS_QUESTIONNAIRE (item->record));

  g_assert_false (under_half->response);
  g_assert_cmpuint (tm_agenda_count (under_half, TM_AGENDA_RESPONSE), ==, 0);

  /* The pre-treatment total entered in the plan comes before the first
   * PHQ-9, and the text says so. */
  g_assert_true (entered->phq9_baseline.entered);
  g_assert_cmpint (entered->phq9_baseline.total, ==, 20);
  item = only_item (entered, TM_AGENDA_RESPONSE);
  assert_contains (item->detail, "the pre-treatment PHQ-9 entered in the plan (20)");
  g_assert_false (entered_not->response);

  g_assert_true (tm_phq9_is_response (20, 10));
  g_assert_false (tm_phq9_is_response (20, 11));
  g_assert_true (tm_phq9_is_response (3, 1));     /* 66 % */
  g_assert_false (tm_phq9_is_response (0, 0));    /* nothing to fall from */

  /* Where a chart draws the line: the highest total that is a response. */
  g_assert_cmpint (tm_phq9_get_response_at_most (20), ==, 10);
  g_assert_cmpint (tm_phq9_get_response_at_most (21), ==, 10);
  g_assert_cmpint (tm_phq9_get_response_at_most (3), ==, 1);
  g_assert_cmpint (tm_phq9_get_response_at_most (0), ==, -1);
}

static void
test_agenda_remission_boundary (void)
{
  g_autoptr(TmAgenda) four = agenda_for_phq9 (20, 4, TM_UNSET);
  g_autoptr(TmAgenda) five = agenda_for_phq9 (9, 5, TM_UNSET);

  g_assert_true (four->remission);
  g_assert_cmpstr (only_item (four, TM_AGENDA_REMISSION)->detail, ==,
                   "The last PHQ-9, 4 (Minimal) on 21 April, is below 5.");
  g_assert_false (five->remission);
  g_assert_cmpuint (tm_agenda_count (five, TM_AGENDA_REMISSION), ==, 0);
  /* 9 → 5 is not half either. */
  g_assert_false (five->response);
}

/* Earlier reviews: a corrected row gives way to its correction; newest
 * first, at most three; one after the period is not earlier. */
static void
test_agenda_review_notes (void)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TmAgenda) agenda = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  TmReview *correction;

  g_ptr_array_add (reviews, make_review (1, -40, -20, "Dr. Ortiz", "First."));
  g_ptr_array_add (reviews, make_review (2, -19, -5, "Dr. Ortiz", "Second."));
  g_ptr_array_add (reviews, make_review (3, -4, 10, "Sam (therapist)", "Thrid."));
  correction = make_review (4, -4, 10, "Sam (therapist)", "Third.");
  correction->corrects = 3;
  g_free (correction->finished_at);
  correction->finished_at = tm_instant_from_local ("2026-03-13", 9, 0, NULL);
  g_ptr_array_add (reviews, correction);
  g_ptr_array_add (reviews, make_review (5, 11, 27, "Dr. Ortiz", NULL));
  g_ptr_array_add (reviews, make_review (6, 60, 70, "Dr. Ortiz", "Later."));

  agenda = agenda_of (record, reviews);
  notes = items_of (agenda, TM_AGENDA_REVIEW_NOTE);
  g_assert_cmpuint (notes->len, ==, TM_AGENDA_REVIEW_NOTES);
  g_assert_cmpstr (((TmAgendaItem *) notes->pdata[0])->detail, ==, "No notes were written.");
  g_assert_cmpstr (((TmAgendaItem *) notes->pdata[1])->detail, ==, "Third.");
  g_assert_true (((TmAgendaItem *) notes->pdata[1])->record == (GObject *) correction);
  g_assert_cmpstr (((TmAgendaItem *) notes->pdata[2])->detail, ==, "Second.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agenda/every-kind-in-order", test_agenda_every_kind_in_order);
  g_test_add_func ("/agenda/empty-parts", test_agenda_empty_parts);
  g_test_add_func ("/agenda/past-period", test_agenda_past_period);
  g_test_add_func ("/agenda/mood-shift/boundary", test_agenda_mood_shift_boundary);
  g_test_add_func ("/agenda/mood-shift/run", test_agenda_mood_shift_run);
  g_test_add_func ("/agenda/response/boundary", test_agenda_response_boundary);
  g_test_add_func ("/agenda/remission/boundary", test_agenda_remission_boundary);
  g_test_add_func ("/agenda/review-notes", test_agenda_review_notes);

  return g_test_run ();
}
