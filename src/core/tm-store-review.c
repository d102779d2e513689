/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's reviews: rows are only added, never changed or removed
 * (the schema refuses it too); a correction is a new row naming the row
 * it corrects. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-store-private.h"

/* Whether the review of @id is stored. */
static gboolean
review_exists (TmStore  *self,
               gint64    id,
               GError  **error)
{
  g_autoptr(TmReview) found = tm_store_get_row (self, TM_TABLE_REVIEWS, id, _("the review was not saved"), error);

  return found != NULL;
}

/**
 * tm_store_add_review:
 * @review: a new review row; on success its id and created_at are set
 *
 * Adds a review. A row that corrects another (@review's corrects) must
 * name a stored review; the one it corrects stays as it was.
 */
gboolean
tm_store_add_review (TmStore   *self,
                     TmReview  *review,
                     GError   **error)
{
  const char *what = _("the review was not saved");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_REVIEW (review), FALSE);
  g_return_val_if_fail (review->id == 0, FALSE);

  if (!tm_review_validate (review, NULL, error))
    return FALSE;

  if (review->corrects != 0 && !review_exists (self, review->corrects, &local_error))
    {
      if (local_error != NULL && !g_error_matches (local_error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The review this one corrects is not in the record."));
      return FALSE;
    }

  if (tm_store_add_row (self, TM_TABLE_REVIEWS, review, what, error) != TM_SAVED)
    return FALSE;

  g_signal_emit (self, tm_store_signals[TM_STORE_REVIEWS_CHANGED], 0);
  return TRUE;
}

/**
 * tm_store_list_reviews:
 *
 * Returns: (transfer container) (element-type TmReview): every review
 *   row, corrected ones too, by the time they were finished
 */
GPtrArray *
tm_store_list_reviews (TmStore  *self,
                       GError  **error)
{
  const char *what = _("the reviews could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_REVIEWS, "ORDER BY julianday(finished_at), id", what, error);
  return stmt != NULL ? tm_store_read_rows (self, TM_TABLE_REVIEWS, stmt, what, error) : NULL;
}

/**
 * tm_store_get_next_review_period:
 * @from: (out caller-allocates): TM_DAY_LEN + 1 bytes
 * @to: (out caller-allocates): TM_DAY_LEN + 1 bytes
 *
 * The period the next review covers, today being the local day now (see
 * tm_review_next_period ()).
 */
gboolean
tm_store_get_next_review_period (TmStore  *self,
                                 char     *from,
                                 char     *to,
                                 GError  **error)
{
  g_autoptr(GPtrArray) reviews = tm_store_list_reviews (self, error);
  g_autofree char *today = tm_day_today ();

  if (reviews == NULL)
    return FALSE;
  tm_review_next_period (reviews, today, from, to);
  return TRUE;
}
