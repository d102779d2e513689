/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-response.h"
#include "tm-store.h"

G_BEGIN_DECLS

/* What the charts show, worked out in core: the renderer only draws it. */

typedef struct
{
  char    day[TM_DAY_LEN + 1];
  int     mood;          /* 0–10 or -1 */
  int     anxiety;       /* 0–10 or -1 */
  int     energy;        /* 0–10 or -1 */
  double  rolling;       /* the 7-day rolling mean, or NAN when not shown */
  char   *note_start;    /* the start of the note, or NULL */
} TmChartDay;

typedef struct
{
  gint64   id;           /* the stored session's */
  char     day[TM_DAY_LEN + 1];
  int      day_index;    /* from the first day of the range */
  double   dose_mg;
  TmRoute  route;
  char     time[48];     /* "19:30", as it was where it was taken: "19:30 (UTC-05:00)" elsewhere */
  int      status;       /* TmPlannedStatus of its match, or -1 beyond the plan */
  gboolean effects;
} TmChartSession;

typedef struct
{
  char            day[TM_DAY_LEN + 1];
  int             day_index;
  TmPlannedStatus status;
  gboolean        extra;
} TmChartPlanned;

typedef struct
{
  int     first_index;   /* clipped to the range */
  int     last_index;
  int     interval_days;
  double  dose_mg;
  TmRoute route;
} TmChartPlanPeriod;

typedef struct
{
  int     day_index;
  TmLevel level;
  TmRule  rule;
} TmChartEvent;

/* A stretch of a regular medicine at one dose, on its own lane: one lane
 * for each medicine, the row first added and the rows that change it. */
typedef struct
{
  char    *name;
  char    *dose;         /* "100 mg", or NULL when none was entered */
  int      lane;         /* from 0, the lane of the medicine started first */
  int      first_index;  /* clipped to the range */
  int      last_index;
  gboolean changed;      /* the dose changed on first_index: the stretch before ends the day before */
  gboolean from_before;  /* taken before the range, so clipped at its start */
  gboolean open;         /* taken after the range, or still taken */
} TmChartMedicine;

/* The evidence about the interval (tm-interval.h). */
typedef struct _TmIntervalEvidence TmIntervalEvidence;

typedef struct
{
  int     day_index;
  int     total;
} TmChartScore;

typedef struct
{
  char    from[TM_DAY_LEN + 1];
  char    to[TM_DAY_LEN + 1];
  char    today[TM_DAY_LEN + 1];
  int     n_days;
  int     today_index;          /* may be outside [0, n_days) */
  GArray *days;                 /* TmChartDay, one per day */
  GArray *sessions;             /* TmChartSession in the range */
  GArray *planned;              /* TmChartPlanned in the range */
  GArray *plan_periods;         /* TmChartPlanPeriod in the range */
  GArray *events;               /* TmChartEvent in the range */
  GArray *medicines;            /* TmChartMedicine in the range, by lane, then by day */
  int     n_medicine_lanes;     /* 0 without any regular medicine in the range */
  TmIntervalEvidence *after_dose; /* each plan period's after-dose curve and cycles, from the
                                 * check-ins in the range */
  int     plan_interval;        /* the plan in force at the end of the range, or 0 */
  GArray *phq9;                 /* TmChartScore in the range */
  TmPhq9Baseline phq9_baseline; /* response is judged against it, over the whole record */
  GArray *gad7;
  TmAdherence adherence;        /* planned against taken in the range */
  int     n_checked_in;         /* days with a check-in in the range */
  double  mean_mood;            /* NAN without any */
} TmChartData;

typedef struct
{
  GPtrArray *checkins;          /* TmCheckin, any order */
  GPtrArray *sessions;          /* TmSession */
  GPtrArray *plans;             /* TmPlan */
  GPtrArray *plan_dates;        /* TmPlanDate */
  GPtrArray *events;            /* TmSafetyEvent */
  GPtrArray *questionnaires;    /* TmQuestionnaire */
  GPtrArray *reviews;           /* TmReview, or NULL where none are read */
  GPtrArray *medicines;         /* TmRegularMedicine, every row; or NULL where none are read */
} TmChartRecord;

/* The scales the charts and tables show, for saying which way is better. */
typedef enum
{
  TM_SCALE_MOOD,
  TM_SCALE_PHQ9,
  TM_SCALE_GAD7,
} TmScale;

const char  *tm_scale_get_direction       (TmScale              scale);

TmChartRecord *tm_chart_record_new        (void);
void         tm_chart_record_free         (TmChartRecord       *record);

TmChartData *tm_chart_data_new            (const TmChartRecord *record,
                                           const char          *from,
                                           const char          *to,
                                           const char          *today);
TmChartData *tm_chart_data_new_from_store (TmStore             *store,
                                           const char          *from,
                                           const char          *to,
                                           GError             **error);
TmChartData *tm_chart_data_ref            (TmChartData         *data);
void         tm_chart_data_unref          (TmChartData         *data);
char        *tm_chart_first_day           (TmStore             *store);
char        *tm_chart_data_describe       (const TmChartData   *data);
const char  *tm_chart_status_words        (int                  status);
char        *tm_chart_data_describe_day   (const TmChartData   *data,
                                           int                  day_index);
char        *tm_chart_data_describe_day_with (const TmChartData *data,
                                              int                day_index,
                                              gboolean           with_note);
char        *tm_chart_data_describe_after_dose (const TmChartData *data);
char        *tm_chart_data_describe_scores (const TmChartData  *data,
                                            TmQuestionnaireKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmChartRecord, tm_chart_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmChartData, tm_chart_data_unref)

G_END_DECLS
