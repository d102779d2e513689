/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-enums.h"
#include "tm-session.h"

G_BEGIN_DECLS

#define TM_PLAN_DEFAULT_TOLERANCE 2
#define TM_PLAN_INTERVAL_MAX      365
#define TM_PLAN_TOLERANCE_MAX     30
#define TM_PLAN_AUTHOR_MAX_CHARS  200

#define TM_TYPE_PLAN (tm_plan_get_type ())
G_DECLARE_FINAL_TYPE (TmPlan, tm_plan, TM, PLAN, GObject)

/* One row of the clinician's maintenance plan. Rows are only ever added:
 * the plan in force on a day is the row with the latest effective_from on
 * or before it (the later row when two share a day). */
struct _TmPlan
{
  GObject  parent_instance;

  gint64   id;
  char     effective_from[TM_DAY_LEN + 1];
  int      interval_days;    /* 1–365 */
  double   dose_mg;
  TmRoute  route;
  int      tolerance_days;   /* 0–30, less than half the interval */
  char    *instructions;     /* nullable */
  char    *author;           /* nullable */
  char    *created_at;
  int      pre_phq9;         /* the pre-treatment PHQ-9 total 0–27, or TM_UNSET */
  int      pre_mood;         /* the pre-treatment mood 0–10, or TM_UNSET */
  char    *pre_dose_instruction; /* nullable: the clinician's words for a high blood pressure
                                  * before a dose, shown as written (DESIGN.md, The session day) */
};

TmPlan   *tm_plan_new              (const char     *effective_from);
TmPlan   *tm_plan_copy             (const TmPlan   *self);
gboolean  tm_plan_same_terms       (const TmPlan   *a,
                                    const TmPlan   *b);
void      tm_plan_set_instructions (TmPlan         *self,
                                    const char     *instructions);
void      tm_plan_set_pre_dose_instruction (TmPlan   *self,
                                            const char *instruction);
void      tm_plan_set_author       (TmPlan         *self,
                                    const char     *author);
gboolean  tm_plan_validate         (const TmPlan   *self,
                                    const char    **field,
                                    GError        **error);
char     *tm_plan_describe         (const TmPlan   *self);
char     *tm_plan_describe_interval (int            interval_days);
int       tm_plan_default_tolerance (int            interval_days);
int       tm_plans_get_pre_phq9    (GPtrArray      *plans);
int       tm_plans_get_pre_mood    (GPtrArray      *plans);

typedef enum
{
  TM_PLAN_DATE_EXTRA,
  TM_PLAN_DATE_CANCELLED,
} TmPlanDateKind;

#define TM_TYPE_PLAN_DATE (tm_plan_date_get_type ())
G_DECLARE_FINAL_TYPE (TmPlanDate, tm_plan_date, TM, PLAN_DATE, GObject)

/* A one-off change to the planned dates: an extra one, or a cancelled one. */
struct _TmPlanDate
{
  GObject         parent_instance;

  gint64          id;
  char            day[TM_DAY_LEN + 1];
  TmPlanDateKind  kind;
  char           *note;
  char           *created_at;
};

TmPlanDate *tm_plan_date_new      (const char        *day,
                                   TmPlanDateKind     kind);
TmPlanDate *tm_plan_date_copy     (const TmPlanDate  *self);
gboolean    tm_plan_date_is_taken (const TmPlanDate  *self,
                                   GPtrArray         *dates,
                                   GError           **error);
gboolean    tm_plan_date_validate (const TmPlanDate  *self,
                                   GError           **error);
const char *tm_plan_date_kind_to_string   (TmPlanDateKind  kind);
gboolean    tm_plan_date_kind_from_string (const char     *text,
                                           TmPlanDateKind *kind);

G_END_DECLS
