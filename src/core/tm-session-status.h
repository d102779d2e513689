/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-schedule.h"

G_BEGIN_DECLS

/* How each session stands against the plan (DESIGN.md, Clinically right,
 * Report page 1), worked out once from the schedule's matching, for the
 * Sessions list and the report alike. */

typedef enum
{
  TM_TIMING_NO_PLAN,      /* no planned day matched, and no plan was in force on its day */
  TM_TIMING_ON_THE_DAY,   /* matched its planned day on that very day */
  TM_TIMING_EARLY,        /* in the window, before the planned day */
  TM_TIMING_LATE,         /* in the window, after the planned day */
  TM_TIMING_BEYOND_PLAN,  /* matched no planned day, with a plan in force */
} TmTiming;

typedef struct
{
  TmTiming timing;
  int      days_off;                     /* early or late by this many days; 0 otherwise */
  char     planned_day[TM_DAY_LEN + 1];  /* the planned day it matched, or "" */
  /* The plan its dose and route are held against: that of the planned day
   * it matched (DESIGN.md, Second round, S3), or for a session beyond the
   * plan the one in force on its own day. */
  gboolean has_plan;
  double   plan_dose_mg;
  TmRoute  plan_route;
  gboolean above_dose;
  gboolean route_differs;
  int      days_since_previous;          /* from the day of the dose before it; -1 for the first */
} TmSessionStatus;

GArray   *tm_session_status_list             (const TmSchedule      *schedule,
                                              GPtrArray             *plans,
                                              GPtrArray             *sessions);
char     *tm_session_status_describe         (const TmSessionStatus *status);
char     *tm_session_status_describe_since   (const TmSessionStatus *status);
gboolean  tm_session_status_needs_attention  (const TmSessionStatus *status);

G_END_DECLS
