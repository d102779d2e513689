/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tm-plan.h"

G_BEGIN_DECLS

/* Planned against taken (DESIGN.md, Definitions). Pure functions over the
 * plan rows, the one-off dates and the logged sessions. */

typedef enum
{
  TM_PLANNED_UPCOMING,  /* its window has not opened */
  TM_PLANNED_DUE,       /* its window is open and no session matched yet */
  TM_PLANNED_ON_TIME,   /* matched by a session on or before the planned day */
  TM_PLANNED_LATE,      /* matched by a session after the planned day */
  TM_PLANNED_MISSED,    /* its window closed with no session */
} TmPlannedStatus;

typedef struct
{
  char             day[TM_DAY_LEN + 1];
  TmPlannedStatus  status;
  const TmPlan    *plan;        /* in force that day; NULL for an extra date before any plan */
  int              tolerance;
  gboolean         extra;       /* a one-off extra date */
  int              session;     /* index of the matching session, or -1 */
} TmPlannedDay;

typedef struct
{
  GArray *planned;          /* TmPlannedDay, by day */
  GArray *session_status;   /* per session index: TmPlannedStatus of its match,
                             * or -1 for an extra session */
  GArray *session_planned;  /* per session index: index into planned, or -1 */
} TmSchedule;

typedef struct
{
  int    planned;   /* planned days in the period whose window has closed */
  int    on_time;
  int    late;
  int    missed;
  int    due;       /* window open now */
  int    upcoming;
  int    extra;     /* sessions in the period that match no planned day */
  double adherence; /* (on time + late) / planned, or -1 with nothing planned yet */
} TmAdherence;

/* A plan period: the days one plan row was in force. */
typedef struct
{
  const TmPlan *plan;
  char          from[TM_DAY_LEN + 1];   /* its effective_from */
  char          until[TM_DAY_LEN + 1];  /* the next period's first day; "" for the last */
} TmPlanPeriod;

const TmPlan *tm_schedule_plan_on       (GPtrArray        *plans,
                                         const char       *day);
const char   *tm_schedule_get_pre_dose_instruction (GPtrArray   *plans,
                                                    const char  *day,
                                                    int          systolic,
                                                    int          diastolic);
const char   *tm_schedule_get_pre_dose_heading     (void);
GArray       *tm_schedule_list_periods  (GPtrArray        *plans);
GArray       *tm_schedule_list_planned  (GPtrArray        *plans,
                                         GPtrArray        *plan_dates,
                                         const char       *from,
                                         const char       *to);
TmSchedule   *tm_schedule_new           (GPtrArray        *plans,
                                         GPtrArray        *plan_dates,
                                         GPtrArray        *sessions,
                                         const char       *until,
                                         const char       *today);
void          tm_schedule_free          (TmSchedule       *self);
TmAdherence   tm_schedule_adherence     (const TmSchedule *self,
                                         GPtrArray        *sessions,
                                         const char       *from,
                                         const char       *to);
const TmPlannedDay *tm_schedule_find    (const TmSchedule *self,
                                         const char       *day);
const TmPlannedDay *tm_schedule_next    (const TmSchedule *self,
                                         const char       *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSchedule, tm_schedule_free)

G_END_DECLS
