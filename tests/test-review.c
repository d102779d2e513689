/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A review's row: what it may hold, which rows stand (a correction
 * replaces the row it corrects), and the period the next review covers. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "tm-review.h"
#include "tm-store-error.h"

static TmReview *
make_review (gint64      id,
             const char *from,
             const char *to,
             const char *finished_at)
{
  TmReview *review = tm_review_new (from, to);

  review->id = id;
  tm_review_set_author (review, "Dr. Ortiz");
  tm_review_set_finished_at (review, finished_at);
  return review;
}

static void
assert_invalid (TmReview   *review,
                const char *field,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  const char *at = NULL;

  g_assert_false (tm_review_validate (review, &at, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (at, ==, field);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_review_validate (void)
{
  g_autoptr(TmReview) review = make_review (0, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00");
  g_autofree char *long_name = g_strnfill (TM_REVIEW_AUTHOR_MAX_CHARS + 1, 'a');
  g_autofree char *today = tm_day_today ();
  g_autofree char *in_three_days = tm_day_add (today, 3);
  g_autofree char *tomorrow = tm_day_add (today, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_review_validate (review, NULL, &error));
  g_assert_no_error (error);

  /* The notes may be empty; a note is kept as written. */
  tm_review_set_note (review, "");
  g_assert_null (review->note);
  tm_review_set_note (review, "  Talked about\nthe evenings.  ");
  g_assert_cmpstr (review->note, ==, "  Talked about\nthe evenings.  ");
  g_assert_true (tm_review_validate (review, NULL, NULL));

  /* Who reviewed is required, on one line, at most 200 characters. */
  tm_review_set_author (review, NULL);
  assert_invalid (review, "author", "Write who reviewed");
  tm_review_set_author (review, "   ");
  assert_invalid (review, "author", "Write who reviewed");
  tm_review_set_author (review, long_name);
  assert_invalid (review, "author", "at most 200 characters");
  tm_review_set_author (review, "Dr.\nOrtiz");
  assert_invalid (review, "author", "one line");
  tm_review_set_author (review, "Sam (therapist)");

  /* The period: in order, real days, not in the future beyond a day's slack. */
  g_strlcpy (review->period_from, "2026-03-29", sizeof review->period_from);
  assert_invalid (review, "period_to", "must end on or after the day it starts");
  g_strlcpy (review->period_from, "2026-02-30", sizeof review->period_from);
  assert_invalid (review, "period_from", "2026-02-30");
  g_strlcpy (review->period_from, "2026-03-01", sizeof review->period_from);
  g_strlcpy (review->period_to, in_three_days, sizeof review->period_to);
  assert_invalid (review, "period_to", "haven't come yet");
  g_strlcpy (review->period_to, tomorrow, sizeof review->period_to);
  g_assert_true (tm_review_validate (review, NULL, NULL));

  /* Finished at a real time, with its offset. */
  tm_review_set_finished_at (review, NULL);
  assert_invalid (review, "finished_at", "the time it was finished");
  tm_review_set_finished_at (review, "2026-03-28 17:00");
  assert_invalid (review, "finished_at", "UTC offset");
  tm_review_set_finished_at (review, "2126-03-28T17:00:00+01:00");
  assert_invalid (review, "finished_at", "in the future");
  tm_review_set_finished_at (review, "2026-03-28T17:00:00+01:00");

  /* A correction refers to another row. */
  review->id = 7;
  review->corrects = 7;
  assert_invalid (review, "corrects", "earlier review");
  review->corrects = 6;
  g_assert_true (tm_review_validate (review, NULL, NULL));
}

static void
test_review_copy_and_describe (void)
{
  g_autoptr(TmReview) review = make_review (3, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00-05:00");
  g_autoptr(TmReview) copy = NULL;
  g_autofree char *text = NULL;

  review->corrects = 2;
  tm_review_set_note (review, "Notes.");
  copy = tm_review_copy (review);
  g_assert_cmpint (copy->id, ==, 3);
  g_assert_cmpint (copy->corrects, ==, 2);
  g_assert_cmpstr (copy->period_from, ==, "2026-03-01");
  g_assert_cmpstr (copy->period_to, ==, "2026-03-28");
  g_assert_cmpstr (copy->note, ==, "Notes.");
  g_assert_cmpstr (copy->author, ==, "Dr. Ortiz");

  /* On the day where it was finished (17:00 in New York is 23:00 here). */
  text = tm_review_describe (review);
  g_assert_cmpstr (text, ==, "Reviewed with Dr. Ortiz on Saturday 28 March 2026");
}

/* Before the first review: the last 28 days. After one: the days since
 * its period_to, to today. */
static void
test_review_next_period (void)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  char from[TM_DAY_LEN + 1], to[TM_DAY_LEN + 1];
  TmReview *correction;

  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-03-30");
  g_assert_cmpstr (to, ==, "2026-04-26");

  g_ptr_array_add (reviews, make_review (1, "2026-03-01", "2026-03-28", "2026-03-30T17:00:00+02:00"));
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-03-29");
  g_assert_cmpstr (to, ==, "2026-04-26");

  /* The last one finished counts, whatever the order of the rows. */
  g_ptr_array_insert (reviews, 0, make_review (2, "2026-04-01", "2026-04-10", "2026-04-10T17:00:00+02:00"));
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-11");

  /* A correction of it replaces it, though it was finished later than
   * the rest. */
  correction = make_review (3, "2026-04-01", "2026-04-12", "2026-04-13T09:00:00+02:00");
  correction->corrects = 2;
  g_ptr_array_add (reviews, correction);
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-13");
  g_assert_cmpstr (to, ==, "2026-04-26");

  /* A review that reached today: the next one starts tomorrow, and covers
   * no day twice. */
  g_ptr_array_add (reviews, make_review (4, "2026-04-13", "2026-04-26", "2026-04-26T18:00:00+02:00"));
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-27");
  g_assert_cmpstr (to, ==, "2026-04-27");
}

static void
test_review_list_current (void)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) current = NULL;
  TmReview *again;

  g_ptr_array_add (reviews, make_review (1, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00"));
  g_ptr_array_add (reviews, make_review (2, "2026-03-29", "2026-04-10", "2026-04-10T17:00:00+02:00"));
  again = make_review (3, "2026-03-29", "2026-04-10", "2026-04-11T09:00:00+02:00");
  again->corrects = 2;
  g_ptr_array_add (reviews, again);
  /* A correction of the correction. */
  again = make_review (4, "2026-03-29", "2026-04-11", "2026-04-12T09:00:00+02:00");
  again->corrects = 3;
  g_ptr_array_add (reviews, again);

  current = tm_review_list_current (reviews);
  g_assert_cmpuint (current->len, ==, 2);
  g_assert_cmpint (((TmReview *) current->pdata[0])->id, ==, 1);
  g_assert_cmpint (((TmReview *) current->pdata[1])->id, ==, 4);
  g_assert_true (tm_review_find_latest (reviews) == (gpointer) again);
  g_assert_null (tm_review_find_latest (NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/validate", test_review_validate);
  g_test_add_func ("/review/copy-and-describe", test_review_copy_and_describe);
  g_test_add_func ("/review/next-period", test_review_next_period);
  g_test_add_func ("/review/list-current", test_review_list_current);

  return g_test_run ();
}
