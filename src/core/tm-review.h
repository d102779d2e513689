/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-time.h"

G_BEGIN_DECLS

/* A review with the therapist or prescriber (DESIGN.md, Review with the
 * therapist): the days it covered, who reviewed them and their notes.
 * Rows are only ever added: a correction is a new row whose `corrects`
 * names the row it replaces. */

#define TM_REVIEW_AUTHOR_MAX_CHARS 200
#define TM_REVIEW_FIRST_DAYS       28   /* the first review covers the last 28 days */

#define TM_TYPE_REVIEW (tm_review_get_type ())
G_DECLARE_FINAL_TYPE (TmReview, tm_review, TM, REVIEW, GObject)

struct _TmReview
{
  GObject  parent_instance;

  gint64   id;                              /* 0 until stored */
  char     period_from[TM_DAY_LEN + 1];     /* the first day reviewed */
  char     period_to[TM_DAY_LEN + 1];       /* the last day reviewed, inclusive */
  char    *finished_at;                     /* when Finish Review was pressed, with its offset */
  char    *author;                          /* who reviewed: required */
  char    *note;                            /* the review notes, NULL when none */
  gint64   corrects;                        /* the id of the row this one corrects, or 0 */
  char    *created_at;                      /* written by the store, UTC */
};

TmReview   *tm_review_new            (const char       *period_from,
                                      const char       *period_to);
TmReview   *tm_review_copy           (const TmReview   *self);
void        tm_review_set_author     (TmReview         *self,
                                      const char       *author);
void        tm_review_set_note       (TmReview         *self,
                                      const char       *note);
void        tm_review_set_finished_at (TmReview        *self,
                                       const char      *finished_at);
gboolean    tm_review_validate       (const TmReview   *self,
                                      const char      **field,
                                      GError          **error);
gboolean    tm_review_validate_period (const char      *from,
                                       const char      *to,
                                       const char     **field,
                                       GError         **error);
char       *tm_review_describe       (const TmReview   *self);

GPtrArray  *tm_review_list_current   (GPtrArray        *reviews);
GPtrArray  *tm_review_list_newest_first (GPtrArray      *reviews);
const TmReview *tm_review_find_latest (GPtrArray       *reviews);
void        tm_review_next_period    (GPtrArray        *reviews,
                                      const char       *today,
                                      char             *from,
                                      char             *to);

G_END_DECLS
