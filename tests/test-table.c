/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the store, the CSV files and a FHIR writer read from the tables'
 * description (tm-table.h): every column's value, through the store and
 * back, as its type. tests/test-schema.c holds the description to the
 * data file's schema. */
#include "config.h"

#include <locale.h>

#include "tm-store-private.h"
#include "tm-table.h"
#include "tm-test-util.h"

typedef struct
{
  char    *dir;
  TmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tm_test_make_data_dir ();
  f->store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  tm_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A value for every column of a record, none at its default: a record of
 * @table as full as it can be, and valid. */
static gpointer
make_full_record (TmTable table)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      {
        TmCheckin *c = tm_checkin_new ("2026-03-01");

        c->mood = 6;
        c->anxiety = 3;
        c->energy = 7;
        c->sleep_hours = 6.8;
        c->effects = TM_EFFECT_TIME | TM_EFFECT_FLOATING;
        c->effects_intensity = 4;
        c->red_flags = TM_RED_FLAG_VOMITING;
        c->self_harm = 0;
        c->discuss = TRUE;
        tm_checkin_set_note (c, "Slept badly, \"quoted\",\nand on.");
        return c;
      }
    case TM_TABLE_SESSIONS:
      {
        TmSession *s = tm_session_new ();

        tm_session_set_taken_at (s, "2026-03-01T10:00:00+05:45");
        s->dose_mg = 37.25;
        s->route = TM_ROUTE_INTRAMUSCULAR;
        s->setting = TM_SETTING_CLINIC;
        s->monitor_present = TRUE;
        s->mood_before = 4;
        s->dissociation_peak = 6;
        s->effects = TM_EFFECT_DETACHED;
        s->effects_minutes = 75;
        s->nausea = 1;
        s->sedation = 2;
        s->eased = 1;
        s->slept_well = 0;
        s->fully_alert = 1;
        s->lingering = 0;
        s->other_medicines = TM_MEDICINE_SLEEP;
        s->red_flags = TM_RED_FLAG_CHEST;
        s->discuss = TRUE;
        s->monitored_minutes = 130;
        s->ready_minutes = 95;
        tm_session_set_intention (s, "To notice what comes up about work.");
        tm_session_set_reflection (s, "Calmer; the music helped.");
        tm_session_set_next_day_note (s, "Slept well, \"clear\" head,\nno lingering effects.");
        tm_session_set_note (s, "é");
        return s;
      }
    case TM_TABLE_QUESTIONNAIRES:
      {
        TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-03-01");

        g_assert_true (tm_questionnaire_set_answers_text (q, "012301230"));
        q->difficulty = 2;
        return q;
      }
    case TM_TABLE_PLANS:
      {
        TmPlan *plan = tm_plan_new ("2026-03-01");

        plan->interval_days = 21;
        plan->dose_mg = 50;
        plan->route = TM_ROUTE_ORAL;
        plan->tolerance_days = 3;
        tm_plan_set_instructions (plan, "With food.");
        tm_plan_set_author (plan, "Dr. Ortiz");
        plan->pre_phq9 = 17;
        plan->pre_mood = 3;
        tm_plan_set_pre_dose_instruction (plan, "Above 150/95 before a dose: don't take it, call 020 7946 0000.");
        return plan;
      }
    case TM_TABLE_PLAN_DATES:
      {
        TmPlanDate *date = tm_plan_date_new ("2026-03-10", TM_PLAN_DATE_CANCELLED);

        date->note = g_strdup ("Away.");
        return date;
      }
    case TM_TABLE_REVIEWS:
      {
        TmReview *review = tm_review_new ("2026-02-01", "2026-03-01");

        tm_review_set_author (review, "Sam (therapist)");
        tm_review_set_note (review, "Talked about the evenings.\n\"Quoted\", too.");
        tm_review_set_finished_at (review, "2026-03-01T17:30:00-05:00");
        /* save () stores the review this one corrects. */
        review->corrects = 1;
        return review;
      }
    case TM_TABLE_MEDICINES:
      {
        TmRegularMedicine *m = tm_regular_medicine_new ("Sertraline, \"quoted\"", "2026-02-01");

        m->dose = 150;
        tm_regular_medicine_set_text (&m->unit, "mg");
        tm_regular_medicine_set_text (&m->schedule, "every morning,\nwith food");
        g_strlcpy (m->stopped_on, "2026-02-20", sizeof m->stopped_on);
        m->kind = TM_MEDICINE_KIND_ANTIDEPRESSANT;
        /* save () stores the row this one replaces. */
        m->replaces = 1;
        return m;
      }
    case TM_TABLE_SESSION_READINGS:
      {
        TmSessionReading *r = tm_session_reading_new ();

        r->minutes_after = 40;
        r->bp_sys = 142;
        r->bp_dia = 91;
        r->pulse = 88;
        r->dissociation = 5;
        r->sedation = 2;
        r->nausea = 1;
        tm_session_reading_set_note (r, "Floating, \"quoted\",\nwarm.");
        return r;
      }
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      {
        TmSafetyEvent *e = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);

        e->rule = TM_RULE_S12;
        e->level = TM_LEVEL_URGENT;
        e->source = TM_SOURCE_SESSION;
        e->source_id = 1;
        e->shown_at = g_strdup ("2026-03-01T10:06:00Z");
        e->answered_at = g_strdup ("2026-03-01T10:07:00Z");
        e->answer = g_strdup (tm_answer_to_string (TM_ANSWER_SAFE_NOW));
        e->detail = g_strdup ("A home dose with nobody there.");
        return e;
      }
    }
}

static gboolean
save (TmStore  *store,
      TmTable   table,
      gpointer  record,
      GError  **error)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      return tm_store_save_checkin (store, record, error);
    case TM_TABLE_SESSIONS:
      return tm_store_save_session (store, record, error);
    case TM_TABLE_QUESTIONNAIRES:
      return tm_store_save_questionnaire (store, record, error);
    case TM_TABLE_PLANS:
      return tm_store_add_plan (store, record, error);
    case TM_TABLE_PLAN_DATES:
      return tm_store_add_plan_date (store, record, error);
    case TM_TABLE_REVIEWS:
      {
        g_autoptr(TmReview) earlier = tm_review_new ("2026-02-01", "2026-02-28");

        tm_review_set_author (earlier, "Sam");
        tm_review_set_finished_at (earlier, "2026-03-01T17:00:00-05:00");
        g_assert_true (tm_store_add_review (store, earlier, error));
        TM_REVIEW (record)->corrects = earlier->id;
        return tm_store_add_review (store, record, error);
      }
    case TM_TABLE_MEDICINES:
      {
        g_autoptr(TmRegularMedicine) earlier = tm_regular_medicine_new ("Sertraline, \"quoted\"", "2026-01-01");

        earlier->dose = 100;
        g_assert_true (tm_store_add_medicine (store, earlier, error));
        TM_REGULAR_MEDICINE (record)->replaces = earlier->id;
        return tm_store_add_medicine (store, record, error);
      }
    case TM_TABLE_SESSION_READINGS:
      {
        /* Stored with its session, which sets its session_id. */
        g_autoptr(TmSession) session = tm_session_new ();

        tm_session_set_taken_at (session, "2026-03-02T09:00:00+01:00");
        session->dose_mg = 50;
        tm_session_add_reading (session, g_object_ref (record));
        return tm_store_save_session (store, session, error);
      }
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return tm_store_add_safety_event (store, record, error);
    }
}

static GPtrArray *
list (TmStore  *store,
      TmTable   table,
      GError  **error)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      return tm_store_list_checkins (store, NULL, NULL, error);
    case TM_TABLE_SESSIONS:
      return tm_store_list_sessions (store, NULL, NULL, error);
    case TM_TABLE_QUESTIONNAIRES:
      return tm_store_list_questionnaires (store, -1, NULL, NULL, error);
    case TM_TABLE_PLANS:
      return tm_store_list_plans (store, error);
    case TM_TABLE_PLAN_DATES:
      return tm_store_list_plan_dates (store, error);
    case TM_TABLE_REVIEWS:
      {
        /* The correction stands; the row it corrects is there too. */
        g_autoptr(GPtrArray) reviews = tm_store_list_reviews (store, error);

        g_assert_cmpuint (reviews->len, ==, 2);
        return tm_review_list_current (reviews);
      }
    case TM_TABLE_MEDICINES:
      {
        /* The change stands; the row it replaces is there too. */
        g_autoptr(GPtrArray) all = tm_store_list_medicines (store, error);

        g_assert_cmpuint (all->len, ==, 2);
        return tm_regular_medicine_list_current (all);
      }
    case TM_TABLE_SESSION_READINGS:
      {
        g_autoptr(GPtrArray) sessions = tm_store_list_sessions (store, NULL, NULL, error);
        GPtrArray *readings = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < sessions->len; i++)
          {
            TmSession *session = sessions->pdata[i];

            for (guint j = 0; j < session->readings->len; j++)
              g_ptr_array_add (readings, g_object_ref (session->readings->pdata[j]));
          }
        return readings;
      }
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return tm_store_list_safety_events (store, NULL, NULL, error);
    }
}

#define N_COLUMNS_SEEN 40

/* The follow-up: what a PHQ-9 can't have (how well the treatment is
 * tolerated), a PHQ-9 has what it can't (the difficulty question). */
static GObject *
make_followup (void)
{
  TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-03-02");

  g_assert_true (tm_questionnaire_set_answers_text (q, "201210110101"));
  q->tolerance = 7;
  return G_OBJECT (q);
}

/* Each table's records with a value in every column (the questionnaires:
 * in one of a PHQ-9 and a follow-up) go into the store and come back with
 * each value as it was, read as its type: what the store writes (the
 * times, a total) written, all else as given. */
static void
test_every_column_stored (Fixture       *f,
                          gconstpointer  data)
{
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      const TmTableInfo *info = tm_table_get_info (t);
      g_autoptr(GObject) first = make_full_record (t);
      g_autoptr(GObject) second = t == TM_TABLE_QUESTIONNAIRES ? make_followup () : NULL;
      GObject *records[] = { first, second };
      g_autoptr(GPtrArray) stored = NULL;
      g_autoptr(GError) error = NULL;
      guint n = second != NULL ? 2 : 1;
      guint given_somewhere[N_COLUMNS_SEEN] = { 0 };

      for (guint r = 0; r < n; r++)
        {
          g_assert_true (save (f->store, t, records[r], &error));
          g_assert_no_error (error);
        }
      stored = list (f->store, t, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stored->len, ==, n);

      for (guint r = 0; r < n; r++)
      for (guint c = 0; c < info->n_columns; c++)
        {
          const TmColumn *column = &info->columns[c];
          GObject *record = records[r];
          GObject *back = stored->pdata[r];
          g_auto(GValue) given = G_VALUE_INIT;
          g_auto(GValue) read = G_VALUE_INIT;
          g_autofree char *given_text = NULL;
          g_autofree char *read_text = NULL;

          g_assert_true (G_OBJECT_TYPE (back) == info->get_type ());
          g_assert_cmpuint (c, <, N_COLUMNS_SEEN);
          if (!tm_column_get_value (column, record, &given))
            {
              g_assert_true (n > 1);
              g_assert_false (tm_column_get_value (column, back, &read));
              continue;
            }
          given_somewhere[c]++;
          g_assert_true (tm_column_get_value (column, back, &read));
          g_assert_true (G_VALUE_TYPE (&given) == G_VALUE_TYPE (&read));
          given_text = g_strdup_value_contents (&given);
          read_text = g_strdup_value_contents (&read);
          g_test_message ("%s.%s: %s", info->name, column->name, read_text);
          g_assert_cmpstr (given_text, ==, read_text);
        }
      for (guint c = 0; c < info->n_columns; c++)
        g_assert_cmpuint (given_somewhere[c], >, 0);
    }
}

/* Each value as its type, for a writer that knows no record: a number as
 * a number, an enum as its enum, and no value where none was given. */
static void
test_values_by_type (void)
{
  g_autoptr(TmSession) s = make_full_record (TM_TABLE_SESSIONS);
  g_autoptr(TmCheckin) c = tm_checkin_new ("2026-03-02");
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (tm_column_get_value (tm_table_find_column (TM_TABLE_SESSIONS, "dose_mg"), s, &value));
  g_assert_cmpfloat (g_value_get_double (&value), ==, 37.25);
  g_value_unset (&value);
  g_assert_true (tm_column_get_value (tm_table_find_column (TM_TABLE_SESSIONS, "route"), s, &value));
  g_assert_true (G_VALUE_HOLDS (&value, TM_TYPE_ROUTE));
  g_assert_cmpint (g_value_get_enum (&value), ==, TM_ROUTE_INTRAMUSCULAR);
  g_value_unset (&value);
  g_assert_true (tm_column_get_value (tm_table_find_column (TM_TABLE_SESSIONS, "monitor_present"), s, &value));
  g_assert_true (g_value_get_boolean (&value));
  g_value_unset (&value);
  g_assert_true (tm_column_get_value (tm_table_find_column (TM_TABLE_SESSIONS, "eased"), s, &value));
  g_assert_cmpint (g_value_get_int (&value), ==, 1);
  g_value_unset (&value);

  c->mood = 5;
  g_assert_true (tm_column_get_value (tm_table_find_column (TM_TABLE_CHECKINS, "mood"), c, &value));
  g_assert_cmpint (g_value_get_int (&value), ==, 5);
  g_value_unset (&value);
  g_assert_false (tm_column_get_value (tm_table_find_column (TM_TABLE_CHECKINS, "anxiety"), c, &value));
  g_assert_false (tm_column_get_value (tm_table_find_column (TM_TABLE_CHECKINS, "sleep_hours"), c, &value));
  g_assert_false (tm_column_get_value (tm_table_find_column (TM_TABLE_CHECKINS, "note"), c, &value));
  g_assert_false (G_IS_VALUE (&value));
  g_assert_true (tm_column_get_value (tm_table_find_column (TM_TABLE_CHECKINS, "effects"), c, &value));
  g_assert_cmpuint (g_value_get_uint (&value), ==, 0);
}

/* The conversions of a column's message, in order ("d", "u", "g"…): what
 * tm_column_check_number() passes must match them, since the message is
 * a format the compiler can't check. */
static char *
message_conversions (const char *message)
{
  GString *conversions = g_string_new (NULL);

  for (const char *p = strchr (message, '%'); p != NULL; p = strchr (p + 1, '%'))
    {
      if (p[1] == '%')
        {
          p++;
          continue;
        }
      p++;
      while (*p != '\0' && strchr ("0123456789.$'-+ #l", *p) != NULL)
        p++;
      g_string_append_c (conversions, *p);
    }
  return g_string_free (conversions, FALSE);
}

/* Every range message takes the arguments its column's type gives, and a
 * value out of range reads as a sentence. */
static void
test_messages_match_types (void)
{
  guint checked = 0;

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      const TmTableInfo *info = tm_table_get_info (t);

      for (guint c = 0; c < info->n_columns; c++)
        {
          const TmColumn *column = &info->columns[c];
          g_autofree char *conversions = NULL;
          g_autoptr(GError) error = NULL;
          const char *allowed;

          if (column->message == NULL)
            continue;
          conversions = message_conversions (column->message);
          g_test_message ("%s.%s: \"%s\"", info->name, column->name, conversions);
          switch (column->type)
            {
            case TM_VALUE_INT:
            case TM_VALUE_BOOL:
            case TM_VALUE_TEXT:
              allowed = "di";
              break;
            case TM_VALUE_FLAGS:
              allowed = "u";
              break;
            case TM_VALUE_REAL:
              allowed = "gfe";
              break;
            default:
              allowed = "";
              break;
            }
          for (const char *p = conversions; *p != '\0'; p++)
            g_assert_nonnull (strchr (allowed, *p));
          g_assert_cmpuint (strlen (conversions), <=, column->type == TM_VALUE_TEXT ? 1 : 3);

          if (column->type != TM_VALUE_INT && column->type != TM_VALUE_REAL && column->type != TM_VALUE_FLAGS)
            continue;
          g_assert_false (tm_column_check_number (column, column->max + 1000, &error));
          g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
          g_assert_null (strchr (error->message, '%'));
          g_assert_true (g_str_has_suffix (error->message, "."));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/table/every-column-stored", Fixture, NULL, fixture_set_up, test_every_column_stored,
              fixture_tear_down);
  g_test_add_func ("/table/values-by-type", test_values_by_type);
  g_test_add_func ("/table/messages-match-types", test_messages_match_types);

  return g_test_run ();
}
