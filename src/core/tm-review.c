/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A review's row, what it may hold, and which period the next review
 * covers (DESIGN.md, Review with the therapist). */
#define G_LOG_DOMAIN "tm-review"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-checkin.h"
#include "tm-review.h"
#include "tm-store-error.h"
#include "tm-table.h"

G_DEFINE_FINAL_TYPE (TmReview, tm_review, G_TYPE_OBJECT)

static void
tm_review_finalize (GObject *object)
{
  TmReview *self = (TmReview *) object;

  g_free (self->finished_at);
  g_free (self->author);
  g_free (self->note);
  g_free (self->created_at);

  G_OBJECT_CLASS (tm_review_parent_class)->finalize (object);
}

static void
tm_review_class_init (TmReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_review_finalize;
}

static void
tm_review_init (TmReview *self)
{
}

TmReview *
tm_review_new (const char *period_from,
               const char *period_to)
{
  TmReview *self = g_object_new (TM_TYPE_REVIEW, NULL);

  if (period_from != NULL)
    g_strlcpy (self->period_from, period_from, sizeof self->period_from);
  if (period_to != NULL)
    g_strlcpy (self->period_to, period_to, sizeof self->period_to);
  return self;
}

TmReview *
tm_review_copy (const TmReview *self)
{
  TmReview *copy;

  g_return_val_if_fail (TM_IS_REVIEW ((TmReview *) self), NULL);

  copy = tm_review_new (self->period_from, self->period_to);
  copy->id = self->id;
  copy->finished_at = g_strdup (self->finished_at);
  copy->author = g_strdup (self->author);
  copy->note = g_strdup (self->note);
  copy->corrects = self->corrects;
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

/* Kept as typed; only an empty one is none. */
void
tm_review_set_author (TmReview   *self,
                      const char *author)
{
  g_free (self->author);
  self->author = (author != NULL && author[0] != '\0') ? g_strdup (author) : NULL;
}

/* Whether @text has something other than white space. */
static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

void
tm_review_set_note (TmReview   *self,
                    const char *note)
{
  g_free (self->note);
  /* Notes of nothing but white space are no notes. */
  self->note = has_text (note) ? g_strdup (note) : NULL;
}

void
tm_review_set_finished_at (TmReview   *self,
                           const char *finished_at)
{
  g_free (self->finished_at);
  self->finished_at = g_strdup (finished_at);
}

static gboolean
fail (const char  *name,
      const char **field,
      GError     **error,
      const char  *message)
{
  *field = name;
  g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_one_line (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_author (const TmReview  *self,
                 const char     **field,
                 GError         **error)
{
  if (!has_text (self->author))
    return fail ("author", field, error,
                 _("Write who reviewed the record: a name, or a role such as “therapist”."));
  if (!g_utf8_validate (self->author, -1, NULL) ||
      g_utf8_strlen (self->author, -1) > TM_REVIEW_AUTHOR_MAX_CHARS || !is_one_line (self->author))
    return fail ("author", field, error,
                 _("The reviewer's name must be one line of at most 200 characters."));
  return TRUE;
}

/* The period: real days, in order, not after @latest. */
static gboolean
check_period (const char  *from,
              const char  *to,
              const char  *latest,
              const char **field,
              GError     **error)
{
  *field = "period_from";
  if (!tm_day_validate (from, error))
    return FALSE;
  *field = "period_to";
  if (!tm_day_validate (to, error))
    return FALSE;
  *field = NULL;

  if (strcmp (from, to) > 0)
    return fail ("period_to", field, error,
                 _("A review's period must end on or after the day it starts. Check the dates."));

  if (strcmp (to, latest) > 0)
    return fail ("period_to", field, error,
                 _("A review can't cover days that haven't come yet. End the period today or earlier."));
  return TRUE;
}

/* A stored review's period ends at the latest on the latest day a record
 * may be for (DESIGN.md, Where things happened). */
static gboolean
validate_period (const TmReview  *self,
                 const char     **field,
                 GError         **error)
{
  g_autofree char *latest = tm_day_latest_allowed (NULL);

  return check_period (self->period_from, self->period_to, latest, field, error);
}

/**
 * tm_review_validate_period:
 * @field: (out) (optional): "period_from" or "period_to", the day at fault
 *
 * Whether @from … @to can be the period of a review finished here and now:
 * as a stored review is checked, and ending today at the latest (a stored
 * one, written where the day had begun earlier, may end a day later).
 */
gboolean
tm_review_validate_period (const char  *from,
                           const char  *to,
                           const char **field,
                           GError     **error)
{
  const char *unused = NULL;
  g_autofree char *today = tm_day_today ();

  return check_period (from, to, today, field != NULL ? field : &unused, error);
}

static gboolean
validate_finished_at (const TmReview  *self,
                      const char     **field,
                      GError         **error)
{
  g_autoptr(GDateTime) finished = NULL;
  g_autoptr(GDateTime) latest = NULL;

  if (self->finished_at == NULL)
    return fail ("finished_at", field, error, _("A review needs the time it was finished."));
  if (!tm_instant_validate (self->finished_at, error))
    {
      *field = "finished_at";
      return FALSE;
    }
  finished = tm_instant_parse (self->finished_at);
  latest = tm_instant_latest_allowed (NULL);
  if (g_date_time_compare (finished, latest) > 0)
    return fail ("finished_at", field, error,
                 _("A review can't be finished in the future. Check this computer's clock."));
  return TRUE;
}

/**
 * tm_review_validate:
 * @field: (out) (optional): the column at fault
 *
 * A review covers real days, in order, none of them in the future; it was
 * finished at a real time, not in the future; it names who reviewed (one
 * line of at most 200 characters); its notes may be empty.
 */
gboolean
tm_review_validate (const TmReview  *self,
                    const char     **field,
                    GError         **error)
{
  const char *unused = NULL;

  g_return_val_if_fail (TM_IS_REVIEW ((TmReview *) self), FALSE);

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!validate_period (self, field, error) ||
      !validate_finished_at (self, field, error) ||
      !validate_author (self, field, error))
    return FALSE;

  if (!tm_validate_note (self->note, error))
    {
      *field = "note";
      return FALSE;
    }

  if (self->corrects < 0 || (self->id != 0 && self->corrects == self->id))
    return fail ("corrects", field, error, _("A review can only correct an earlier review."));

  if (!tm_instant_validate (self->created_at, error))
    {
      *field = "created_at";
      return FALSE;
    }
  /* And each value's own rules, as the data file keeps them. */
  return tm_table_validate (TM_TABLE_REVIEWS, self, field, error);
}

/* "Reviewed with Dr. Ortiz on 3 December 2026" */
char *
tm_review_describe (const TmReview *self)
{
  g_autofree char *day = tm_instant_day_as_written (self->finished_at);
  g_autofree char *date = day != NULL ? tm_day_format_long (day) : g_strdup (self->period_to);

  /* Translators: "Reviewed with Dr. Ortiz on Thursday 3 December 2026" */
  return g_strdup_printf (_("Reviewed with %s on %s"), self->author != NULL ? self->author : "", date);
}

static gboolean
is_corrected (GPtrArray      *reviews,
              const TmReview *review)
{
  for (guint i = 0; i < reviews->len; i++)
    {
      const TmReview *other = reviews->pdata[i];

      if (other != review && review->id != 0 && other->corrects == review->id)
        return TRUE;
    }
  return FALSE;
}

/**
 * tm_review_list_current:
 * @reviews: (element-type TmReview): every review row
 *
 * Returns: (transfer container) (element-type TmReview): the rows no
 *   later row corrects, in the order of @reviews
 */
GPtrArray *
tm_review_list_current (GPtrArray *reviews)
{
  GPtrArray *current = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    if (!is_corrected (reviews, reviews->pdata[i]))
      g_ptr_array_add (current, g_object_ref (reviews->pdata[i]));
  return current;
}

/* Whether @a is a later review than @b: it covers later days, or the
 * same days and was finished later (the later row when at the same time).
 * A correction keeps the days of the review it corrects, so it stands in
 * that review's place however late it was written. */
static gboolean
finished_later (const TmReview *a,
                const TmReview *b)
{
  g_autoptr(GDateTime) ta = NULL;
  g_autoptr(GDateTime) tb = NULL;
  int order = strcmp (a->period_to, b->period_to);

  if (order != 0)
    return order > 0;
  ta = tm_instant_parse (a->finished_at);
  tb = tm_instant_parse (b->finished_at);
  order = (ta != NULL && tb != NULL) ? g_date_time_compare (ta, tb) : 0;
  return order > 0 || (order == 0 && a->id > b->id);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TmReview *ra = *(TmReview * const *) a;
  const TmReview *rb = *(TmReview * const *) b;

  if (finished_later (ra, rb))
    return -1;
  return finished_later (rb, ra) ? 1 : 0;
}

/**
 * tm_review_list_newest_first:
 * @reviews: (element-type TmReview): every review row
 *
 * Returns: (transfer container) (element-type TmReview): the rows no
 *   later row corrects, the latest review first
 */
GPtrArray *
tm_review_list_newest_first (GPtrArray *reviews)
{
  GPtrArray *current = tm_review_list_current (reviews);

  g_ptr_array_sort (current, compare_newest_first);
  return current;
}

/**
 * tm_review_find_latest:
 * @reviews: (element-type TmReview): every review row
 *
 * Returns: (transfer none) (nullable): the review finished last, a
 *   correction standing for the row it corrects; %NULL before the first
 */
const TmReview *
tm_review_find_latest (GPtrArray *reviews)
{
  const TmReview *latest = NULL;

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      const TmReview *review = reviews->pdata[i];

      if (is_corrected (reviews, review))
        continue;
      if (latest == NULL || finished_later (review, latest))
        latest = review;
    }
  return latest;
}

/**
 * tm_review_next_period:
 * @reviews: (element-type TmReview): every review row
 * @today: the local day now
 * @from: (out caller-allocates): TM_DAY_LEN + 1 bytes
 * @to: (out caller-allocates): TM_DAY_LEN + 1 bytes
 *
 * The period the next review covers: the days since the last review's
 * period_to, up to @today; before the first review, the last 28 days.
 * Just after a review that reached today it is the one day after it, so
 * the period never covers a day twice.
 */
void
tm_review_next_period (GPtrArray  *reviews,
                       const char *today,
                       char       *from,
                       char       *to)
{
  const TmReview *latest = tm_review_find_latest (reviews);
  g_autofree char *first = NULL;

  g_return_if_fail (tm_day_is_valid (today));

  if (latest == NULL || !tm_day_is_valid (latest->period_to))
    first = tm_day_add (today, -(TM_REVIEW_FIRST_DAYS - 1));
  else
    first = tm_day_add (latest->period_to, 1);

  g_strlcpy (from, first, TM_DAY_LEN + 1);
  g_strlcpy (to, strcmp (first, today) > 0 ? first : today, TM_DAY_LEN + 1);
}
