/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PHQ-9 and GAD-7: the published wording, totals and bands at every
 * boundary, when they are due, and what the store keeps. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "tm-store-private.h"
#include "tm-test-util.h"

/* The published wording (DESIGN.md, appendix), copied here so that an
 * accidental edit in the app fails a test. */
static const char *phq9[] = {
  "Little interest or pleasure in doing things",
  "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much",
  "Feeling tired or having little energy",
  "Poor appetite or overeating",
  "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
  "Trouble concentrating on things, such as reading the newspaper or watching television",
  "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
  "Thoughts that you would be better off dead or of hurting yourself in some way",
};

static const char *gad7[] = {
  "Feeling nervous, anxious, or on edge",
  "Not being able to stop or control worrying",
  "Worrying too much about different things",
  "Trouble relaxing",
  "Being so restless that it is hard to sit still",
  "Becoming easily annoyed or irritable",
  "Feeling afraid as if something awful might happen",
};

static void
test_wording (void)
{
  const char *answers[] = { "Not at all", "Several days", "More than half the days", "Nearly every day" };
  const char *difficulty[] = { "Not difficult at all", "Somewhat difficult", "Very difficult",
                               "Extremely difficult" };

  g_assert_cmpuint (tm_questionnaire_kind_get_n_items (TM_QUESTIONNAIRE_PHQ9), ==, 9);
  g_assert_cmpuint (tm_questionnaire_kind_get_n_items (TM_QUESTIONNAIRE_GAD7), ==, 7);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpstr (tm_questionnaire_get_item (TM_QUESTIONNAIRE_PHQ9, i), ==, phq9[i]);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (tm_questionnaire_get_item (TM_QUESTIONNAIRE_GAD7, i), ==, gad7[i]);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpstr (tm_questionnaire_get_answer_label (i), ==, answers[i]);
      g_assert_cmpstr (tm_questionnaire_get_difficulty_label (i), ==, difficulty[i]);
    }

  g_assert_cmpstr (tm_questionnaire_get_stem (TM_QUESTIONNAIRE_PHQ9), ==,
                   "Over the last 2 weeks, how often have you been bothered by any of the following problems?");
  g_assert_cmpstr (tm_questionnaire_get_stem (TM_QUESTIONNAIRE_GAD7), ==,
                   "Over the last 2 weeks, how often have you been bothered by the following problems?");
  g_assert_cmpstr (tm_questionnaire_get_difficulty_question (), ==,
                   "If you checked off any problems, how difficult have these problems made it for you "
                   "to do your work, take care of things at home, or get along with other people?");
}

/* Answers adding up to @total, filled from the first item on. */
static void
answers_for_total (TmQuestionnaireKind kind,
                   int                 total,
                   int                *answers)
{
  guint n = tm_questionnaire_kind_get_n_items (kind);

  for (guint i = 0; i < n; i++)
    {
      answers[i] = MIN (3, total);
      total -= answers[i];
    }
  g_assert_cmpint (total, ==, 0);
}

static void
test_bands (void)
{
  const struct { TmQuestionnaireKind kind; int total; TmBand band; } cases[] = {
    { TM_QUESTIONNAIRE_PHQ9, 0, TM_BAND_MINIMAL },
    { TM_QUESTIONNAIRE_PHQ9, 4, TM_BAND_MINIMAL },
    { TM_QUESTIONNAIRE_PHQ9, 5, TM_BAND_MILD },
    { TM_QUESTIONNAIRE_PHQ9, 9, TM_BAND_MILD },
    { TM_QUESTIONNAIRE_PHQ9, 10, TM_BAND_MODERATE },
    { TM_QUESTIONNAIRE_PHQ9, 14, TM_BAND_MODERATE },
    { TM_QUESTIONNAIRE_PHQ9, 15, TM_BAND_MODERATELY_SEVERE },
    { TM_QUESTIONNAIRE_PHQ9, 19, TM_BAND_MODERATELY_SEVERE },
    { TM_QUESTIONNAIRE_PHQ9, 20, TM_BAND_SEVERE },
    { TM_QUESTIONNAIRE_PHQ9, 27, TM_BAND_SEVERE },
    { TM_QUESTIONNAIRE_GAD7, 0, TM_BAND_MINIMAL },
    { TM_QUESTIONNAIRE_GAD7, 4, TM_BAND_MINIMAL },
    { TM_QUESTIONNAIRE_GAD7, 5, TM_BAND_MILD },
    { TM_QUESTIONNAIRE_GAD7, 9, TM_BAND_MILD },
    { TM_QUESTIONNAIRE_GAD7, 10, TM_BAND_MODERATE },
    { TM_QUESTIONNAIRE_GAD7, 14, TM_BAND_MODERATE },
    { TM_QUESTIONNAIRE_GAD7, 15, TM_BAND_SEVERE },
    { TM_QUESTIONNAIRE_GAD7, 21, TM_BAND_SEVERE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int answers[TM_QUESTIONNAIRE_MAX_ITEMS];

      answers_for_total (cases[i].kind, cases[i].total, answers);
      g_assert_cmpint (tm_questionnaire_score (cases[i].kind, answers), ==, cases[i].total);
      g_assert_cmpint (tm_questionnaire_band (cases[i].kind, cases[i].total), ==, cases[i].band);
    }

  g_assert_cmpstr (tm_band_get_label (TM_BAND_MODERATELY_SEVERE), ==, "Moderately severe");
  g_assert_cmpint (tm_questionnaire_kind_get_max_total (TM_QUESTIONNAIRE_PHQ9), ==, 27);
  g_assert_cmpint (tm_questionnaire_kind_get_max_total (TM_QUESTIONNAIRE_GAD7), ==, 21);
}

/* Any answer above 0 on PHQ-9 item 9 matters more than the total: the
 * band's reassurance gives way to saying so, whatever the band. */
static void
test_result_with_item9 (void)
{
  const char *item9 = "You told us about thoughts of being better off dead or of hurting yourself. "
                      "That matters more than the total.";
  const struct { const char *answers; TmQuestionnaireKind kind; gboolean item9; } cases[] = {
    { "000000001", TM_QUESTIONNAIRE_PHQ9, TRUE },   /* minimal, with item 9 */
    { "000000003", TM_QUESTIONNAIRE_PHQ9, TRUE },
    { "333333331", TM_QUESTIONNAIRE_PHQ9, TRUE },   /* severe, with item 9 */
    { "000000000", TM_QUESTIONNAIRE_PHQ9, FALSE },
    { "333333330", TM_QUESTIONNAIRE_PHQ9, FALSE },
    { "0000001", TM_QUESTIONNAIRE_GAD7, FALSE },     /* the GAD-7 has no item 9 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (cases[i].kind, "2026-11-28");
      const char *result;

      g_assert_true (tm_questionnaire_set_answers_text (q, cases[i].answers));
      result = tm_questionnaire_describe_result (q);
      if (cases[i].item9)
        g_assert_cmpstr (result, ==, item9);
      else
        g_assert_cmpstr (result, ==, tm_questionnaire_describe_band (q->kind, tm_questionnaire_get_band (q)));
    }
}

static void
test_unanswered_has_no_score (void)
{
  int answers[TM_QUESTIONNAIRE_MAX_ITEMS] = { 1, 1, 1, 1, -1, 1, 1, 1, 1 };

  g_assert_cmpint (tm_questionnaire_score (TM_QUESTIONNAIRE_PHQ9, answers), ==, -1);
  answers[4] = 4;
  g_assert_cmpint (tm_questionnaire_score (TM_QUESTIONNAIRE_PHQ9, answers), ==, -1);
  /* A GAD-7 looks at its seven items only. */
  answers[4] = 0;
  answers[7] = -1;
  g_assert_cmpint (tm_questionnaire_score (TM_QUESTIONNAIRE_GAD7, answers), ==, 6);
}

static void
test_due (void)
{
  int since = 0;

  g_assert_true (tm_questionnaire_is_due (NULL, "2026-11-28", 14, &since));
  g_assert_cmpint (since, ==, -1);
  g_assert_false (tm_questionnaire_is_due ("2026-11-28", "2026-11-28", 14, &since));
  g_assert_false (tm_questionnaire_is_due ("2026-11-15", "2026-11-28", 14, &since));
  g_assert_cmpint (since, ==, 13);
  g_assert_true (tm_questionnaire_is_due ("2026-11-14", "2026-11-28", 14, &since));
  g_assert_cmpint (since, ==, 14);
  /* Weekly. */
  g_assert_false (tm_questionnaire_is_due ("2026-11-22", "2026-11-28", 7, NULL));
  g_assert_true (tm_questionnaire_is_due ("2026-11-21", "2026-11-28", 7, NULL));
  /* Across a year end and a leap day. */
  g_assert_true (tm_questionnaire_is_due ("2027-12-18", "2028-01-01", 14, &since));
  g_assert_false (tm_questionnaire_is_due ("2028-02-23", "2028-03-01", 14, &since));
  g_assert_cmpint (since, ==, 7);
  /* Answered on a later day (the clock set back): answered today, not
   * never. */
  g_assert_false (tm_questionnaire_is_due ("2026-12-01", "2026-11-28", 14, &since));
  g_assert_cmpint (since, ==, 0);
}

static void
test_validation (void)
{
  g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-11-20");
  g_autoptr(TmQuestionnaire) g = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-11-20");
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_assert_false (tm_questionnaire_validate (q, &field, &error));
  g_assert_cmpstr (field, ==, "answers");
  g_assert_cmpstr (error->message, ==,
                   "Answer every question before saving: questions 1, 2, 3, 4, 5, 6, 7, 8, 9 have no answer yet.");
  g_clear_error (&error);

  g_assert_true (tm_questionnaire_set_answers_text (q, "012301230"));
  q->answers[3] = -1;
  g_assert_false (tm_questionnaire_validate (q, &field, &error));
  g_assert_cmpstr (error->message, ==, "Answer every question before saving: question 4 has no answer yet.");
  g_clear_error (&error);

  q->answers[3] = 3;
  q->difficulty = 4;
  g_assert_false (tm_questionnaire_validate (q, &field, &error));
  g_assert_cmpstr (field, ==, "difficulty");
  g_clear_error (&error);
  q->difficulty = -1;
  g_assert_true (tm_questionnaire_validate (q, &field, &error));

  g_assert_true (tm_questionnaire_set_answers_text (g, "1111111"));
  g->difficulty = 1;
  g_assert_false (tm_questionnaire_validate (g, &field, &error));
  g_assert_cmpstr (error->message, ==, "The GAD-7 has no difficulty question; leave it out.");
  g_clear_error (&error);
  g->difficulty = -1;
  g->tolerance = 5;
  g_assert_false (tm_questionnaire_validate (g, &field, &error));
  g_assert_cmpstr (field, ==, "tolerance");
  g_clear_error (&error);
  g->tolerance = -1;
  g_clear_error (&error);
  g->difficulty = -1;

  g_strlcpy (g->day, "2999-01-01", sizeof g->day);
  g_assert_false (tm_questionnaire_validate (g, &field, &error));
  g_assert_cmpstr (field, ==, "day");

  g_assert_false (tm_questionnaire_set_answers_text (g, "11111111"));
  g_assert_false (tm_questionnaire_set_answers_text (g, "111141x"));
}

static void
test_store (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmQuestionnaire) q = NULL;
  g_autoptr(TmQuestionnaire) found = NULL;
  g_autoptr(TmQuestionnaire) g = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phq = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *earlier = tm_day_add (today, -20);
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;
  GListModel *model;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  model = tm_store_get_questionnaires (store);

  q = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, earlier);
  g_assert_true (tm_questionnaire_set_answers_text (q, "012100030"));
  q->difficulty = 1;
  g_assert_true (tm_store_save_questionnaire (store, q, &error));
  g_assert_no_error (error);
  g_assert_cmpint (q->total, ==, 7);

  /* Answers, total and difficulty as stored. */
  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store),
                                       "SELECT kind, answers, difficulty, total FROM questionnaire",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "phq9");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "012100030");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 7);
  sqlite3_finalize (stmt);

  g = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, today);
  g_assert_true (tm_questionnaire_set_answers_text (g, "3333333"));
  tm_store_save_questionnaire (store, g, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g->total, ==, 21);

  /* Newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  found = g_list_model_get_item (model, 0);
  g_assert_cmpint (found->kind, ==, TM_QUESTIONNAIRE_GAD7);
  g_clear_object (&found);

  /* Changing the answers changes the total. */
  q->answers[0] = 3;
  g_assert_true (tm_store_save_questionnaire (store, q, &error));
  found = tm_store_get_questionnaire (store, q->id, &error);
  g_assert_cmpint (found->total, ==, 10);
  g_assert_cmpint (tm_questionnaire_get_band (found), ==, TM_BAND_MODERATE);

  phq = tm_store_list_questionnaires (store, TM_QUESTIONNAIRE_PHQ9, NULL, NULL, &error);
  g_assert_cmpuint (phq->len, ==, 1);
  last = tm_store_get_last_questionnaire_day (store, TM_QUESTIONNAIRE_GAD7);
  g_assert_cmpstr (last, ==, today);

  /* Deleted and brought back as it was. */
  g_assert_true (tm_store_delete_questionnaire (store, found, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (tm_store_restore_questionnaire (store, found, &error));
  g_assert_no_error (error);
  g_clear_object (&found);
  found = tm_store_get_questionnaire (store, q->id, &error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->total, ==, 10);
  g_assert_cmpint (found->difficulty, ==, 1);

  /* Cadence (a setting): fortnightly unless weekly; anything else is the default. */
  g_assert_cmpint (tm_questionnaire_cadence_from_id ("every-two-weeks"), ==, 14);
  g_assert_cmpint (tm_questionnaire_cadence_from_id ("every-week"), ==, 7);
  g_assert_cmpint (tm_questionnaire_cadence_from_id ("every-day"), ==, 14);
  g_assert_cmpint (tm_questionnaire_cadence_from_id (NULL), ==, 14);
  g_assert_cmpstr (tm_questionnaire_cadence_to_id (7), ==, "every-week");
  g_assert_cmpstr (tm_questionnaire_cadence_to_id (14), ==, "every-two-weeks");

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The monthly follow-up: twelve items of 0–2, or 0–1 for a yes or no,
 * each answered; how well the treatment is tolerated, 0–10, required;
 * no difficulty question; stored and read back; due after 30 days. */
static void
test_followup (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmQuestionnaire) f = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-11-20");
  g_autoptr(TmQuestionnaire) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  const guint yes_no[] = { 2, 7, 9, 10, 11 };

  g_assert_cmpuint (tm_questionnaire_kind_get_n_items (TM_QUESTIONNAIRE_FOLLOWUP), ==, 12);
  g_assert_cmpstr (tm_questionnaire_kind_get_name (TM_QUESTIONNAIRE_FOLLOWUP), ==, "Follow-up");
  g_assert_cmpstr (tm_questionnaire_get_item (TM_QUESTIONNAIRE_FOLLOWUP, TM_FOLLOWUP_BLOOD_IN_URINE), ==,
                   "Blood in your urine");
  for (guint i = 0; i < TM_N_FOLLOWUP_ITEMS; i++)
    {
      gboolean is_yes_no = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (yes_no); j++)
        is_yes_no |= yes_no[j] == i;
      g_assert_cmpint (tm_questionnaire_kind_get_item_max (TM_QUESTIONNAIRE_FOLLOWUP, i), ==, is_yes_no ? 1 : 2);
      g_assert_cmpstr (tm_questionnaire_get_item_answer_label (TM_QUESTIONNAIRE_FOLLOWUP, i, 1), ==,
                       is_yes_no ? "Yes" : "A little");
    }
  g_assert_cmpint (tm_questionnaire_kind_get_max_total (TM_QUESTIONNAIRE_FOLLOWUP), ==, 7 * 2 + 5);
  g_assert_cmpint (tm_questionnaire_kind_get_max_total (TM_QUESTIONNAIRE_PHQ9), ==, TM_PHQ9_MAX_TOTAL);
  g_assert_cmpstr (tm_questionnaire_get_tolerance_label (0), ==, "Very badly");
  g_assert_cmpstr (tm_questionnaire_get_tolerance_label (10), ==, "Very well");
  g_assert_null (tm_questionnaire_get_tolerance_label (5));

  /* Each answer within its item's range. */
  g_assert_false (tm_questionnaire_set_answers_text (f, "002000000000"));
  g_assert_false (tm_questionnaire_set_answers_text (f, "300000000000"));
  g_assert_false (tm_questionnaire_set_answers_text (f, "00000000000"));
  g_assert_true (tm_questionnaire_set_answers_text (f, "221112110111"));
  f->answers[7] = 2;
  g_assert_false (tm_questionnaire_validate (f, &field, &error));
  g_assert_cmpstr (field, ==, "answers");
  g_assert_cmpstr (error->message, ==, "Question 8 has no answer 2: choose one of its answers, from 0 to 1.");
  g_clear_error (&error);
  f->answers[7] = -1;
  g_assert_false (tm_questionnaire_validate (f, &field, &error));
  g_assert_cmpstr (error->message, ==, "Answer every question before saving: question 8 has no answer yet.");
  g_clear_error (&error);
  f->answers[7] = 1;

  /* How well it is tolerated: required, 0–10. */
  g_assert_false (tm_questionnaire_validate (f, &field, &error));
  g_assert_cmpstr (field, ==, "tolerance");
  g_assert_cmpstr (error->message, ==, "Answer how well you are tolerating the treatment, from 0 to 10.");
  g_clear_error (&error);
  f->tolerance = 11;
  g_assert_false (tm_questionnaire_validate (f, &field, &error));
  g_assert_cmpstr (field, ==, "tolerance");
  g_assert_cmpstr (error->message, ==, "How well the treatment is tolerated must be from 0 to 10, not 11.");
  g_clear_error (&error);
  f->tolerance = 3;
  f->difficulty = 1;
  g_assert_false (tm_questionnaire_validate (f, &field, &error));
  g_assert_cmpstr (error->message, ==, "The Follow-up has no difficulty question; leave it out.");
  g_clear_error (&error);
  f->difficulty = -1;
  g_assert_true (tm_questionnaire_validate (f, &field, &error));

  /* Stored and read back as answered. */
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (tm_store_save_questionnaire (store, f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->total, ==, 14);
  back = tm_store_get_questionnaire (store, f->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->kind, ==, TM_QUESTIONNAIRE_FOLLOWUP);
  g_assert_cmpint (back->tolerance, ==, 3);
  g_assert_cmpint (back->answers[TM_FOLLOWUP_MEMORY], ==, 2);
  g_assert_cmpint (back->answers[TM_FOLLOWUP_PREGNANCY], ==, 1);
  {
    g_autoptr(GPtrArray) phq = tm_store_list_questionnaires (store, TM_QUESTIONNAIRE_PHQ9, NULL, NULL, &error);
    g_autofree char *last = tm_store_get_last_questionnaire_day (store, TM_QUESTIONNAIRE_FOLLOWUP);

    g_assert_cmpuint (phq->len, ==, 0);
    g_assert_cmpstr (last, ==, "2026-11-20");
  }

  /* Monthly, whatever the PHQ-9's and GAD-7's cadence. */
  g_assert_cmpint (tm_questionnaire_kind_get_cadence (TM_QUESTIONNAIRE_FOLLOWUP, 7), ==, 30);
  g_assert_cmpint (tm_questionnaire_kind_get_cadence (TM_QUESTIONNAIRE_GAD7, 7), ==, 7);
  g_assert_false (tm_questionnaire_is_due ("2026-11-20", "2026-12-19", 30, NULL));
  g_assert_true (tm_questionnaire_is_due ("2026-11-20", "2026-12-20", 30, NULL));

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/questionnaire/wording", test_wording);
  g_test_add_func ("/questionnaire/bands", test_bands);
  g_test_add_func ("/questionnaire/result-with-item9", test_result_with_item9);
  g_test_add_func ("/questionnaire/unanswered-has-no-score", test_unanswered_has_no_score);
  g_test_add_func ("/questionnaire/due", test_due);
  g_test_add_func ("/questionnaire/validation", test_validation);
  g_test_add_func ("/questionnaire/store", test_store);
  g_test_add_func ("/questionnaire/follow-up", test_followup);

  return g_test_run ();
}
