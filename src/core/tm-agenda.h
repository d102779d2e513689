/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-chart-data.h"
#include "tm-response.h"
#include "tm-review.h"

G_BEGIN_DECLS

/* The agenda of a review (DESIGN.md, Review with the therapist): what
 * happened in a period, in the order a visit goes through it. A pure
 * function of the record; it describes, it never advises. */

#define TM_AGENDA_SHIFT_POINTS     2.0   /* a rolling mean this far from the one a week before */
#define TM_AGENDA_SHIFT_DAYS       7     /* … a week before */
#define TM_AGENDA_REVIEW_NOTES     3     /* the earlier reviews listed, newest first */

/* The parts of the agenda, in its order. */
typedef enum
{
  TM_AGENDA_SAFETY,          /* a safety prompt shown in the period; urgent first, then by time */
  TM_AGENDA_BEYOND_PLAN,     /* a session beyond the plan, above its dose or by another route */
  TM_AGENDA_PLANNED,         /* a planned day missed, or taken late; by day */
  TM_AGENDA_QUESTIONNAIRE,   /* PHQ-9, then GAD-7: at the start and end of the period */
  TM_AGENDA_RESPONSE,        /* the last PHQ-9 is down by half or more from the baseline */
  TM_AGENDA_REMISSION,       /* the last PHQ-9 is below 5 */
  TM_AGENDA_MOOD_SHIFT,      /* a run of days whose rolling mean moved 2 points in a week */
  TM_AGENDA_NO_CHECKIN,      /* days without a check-in (one item, a count) */
  TM_AGENDA_DISCUSS,         /* a check-in or session marked "Bring this up at my next review" */
  TM_AGENDA_REVIEW_NOTE,     /* an earlier review and its notes, newest first */
  TM_N_AGENDA_KINDS
} TmAgendaKind;

typedef struct
{
  TmAgendaKind  kind;
  gboolean      empty;                 /* nothing of this kind: title says so plainly */
  char          day[TM_DAY_LEN + 1];   /* the day it is about, or "" */
  GObject      *record;                /* owned: the TmCheckin, TmSession, TmQuestionnaire,
                                        * TmSafetyEvent or TmReview it is about; or NULL */
  char         *title;                 /* one short line */
  char         *detail;                /* a sentence, or NULL */
  gboolean      detail_is_note;        /* @detail is a free-text note the person or the
                                        * reviewer wrote: hidden on a shared screen */
} TmAgendaItem;

typedef struct
{
  char       from[TM_DAY_LEN + 1];
  char       to[TM_DAY_LEN + 1];
  char       today[TM_DAY_LEN + 1];
  GPtrArray *items;                    /* TmAgendaItem, in the agenda's order */
  /* The PHQ-9 baseline response is judged against, for marking a chart. */
  TmPhq9Baseline phq9_baseline;
  gboolean   response;
  gboolean   remission;
} TmAgenda;

const char *tm_agenda_kind_get_heading (TmAgendaKind         kind);

TmAgenda   *tm_agenda_new              (const TmChartRecord *record,
                                        GPtrArray           *reviews,
                                        const char          *from,
                                        const char          *to,
                                        const char          *today);
TmAgenda   *tm_agenda_new_from_store   (TmStore             *store,
                                        const char          *from,
                                        const char          *to,
                                        GError             **error);
void        tm_agenda_free             (TmAgenda            *agenda);
guint       tm_agenda_count            (const TmAgenda      *agenda,
                                        TmAgendaKind         kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmAgenda, tm_agenda_free)

G_END_DECLS
