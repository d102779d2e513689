/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-chart-data.h"

G_BEGIN_DECLS

/* Evidence about the interval (DESIGN.md): for each plan period, how mood
 * moved across the days after a dose, with the dosing cycle as the unit.
 * It describes what was recorded; it never advises. */

#define TM_INTERVAL_MIN_CYCLES   4    /* cycles with early and late check-ins before a dip is shown */
#define TM_INTERVAL_BASELINE_DAYS 28  /* the baseline: the first days of the record … */
#define TM_INTERVAL_BELOW_BY     2    /* … and a day below it by this much or more */
#define TM_INTERVAL_CONFIDENCE   0.95
#define TM_INTERVAL_SOLID_N      3    /* a day after a dose from fewer check-ins is drawn faint */
#define TM_INTERVAL_BAND_CYCLES  5    /* the ±1 SD band needs this many cycles behind a day */

typedef struct
{
  int k;      /* days since the dose */
  int mood;
} TmCycleMood;

/* The days from one session of the period to the day before the next
 * (at most the plan's interval). */
typedef struct
{
  char    start[TM_DAY_LEN + 1];  /* the session's day */
  int     n_days;
  GArray *moods;                  /* TmCycleMood, by k */
  int     n_early;
  int     n_late;
  double  early_mean;             /* NAN without early check-ins */
  double  late_mean;              /* NAN without late check-ins */
} TmCycle;

typedef struct
{
  int    k;
  int    n;          /* check-ins */
  int    n_cycles;   /* the cycles they came from */
  double mean;
  double sd;         /* population */
} TmIntervalPoint;

typedef struct
{
  const TmPlan *plan;            /* NULL before any plan was entered */
  int     interval;               /* 0 without a plan */
  char    from[TM_DAY_LEN + 1];
  char    until[TM_DAY_LEN + 1];  /* the next period's first day, "" for the last */
  int     n_days;                 /* calendar days up to today */
  GArray *cycles;                 /* TmCycle, by date */
  GArray *curve;                  /* TmIntervalPoint, by k, only the k that occur */
  int     early_end;              /* early days: k < early_end */
  int     late_start;             /* late days: late_start ≤ k < interval */
  int     n_dip_cycles;           /* cycles with early and late check-ins */
  gboolean has_dip;
  double  dip;                    /* mean over those cycles of early − late */
  double  dip_low;                /* its 95 % interval */
  double  dip_high;
  int     more_cycles_needed;     /* without a dip */
  int     n_checkins;             /* on the period's days */
  double  mean_mood;              /* NAN without any */
  double  sd_mood;
  double  below_share;            /* of check-in days at or below baseline − 2; NAN unknown */
  int     phq9_first;             /* totals, or -1 */
  int     phq9_last;
  char    phq9_first_day[TM_DAY_LEN + 1];
  char    phq9_last_day[TM_DAY_LEN + 1];
  int     n_missed;
  int     n_beyond;
} TmIntervalPeriod;

struct _TmIntervalEvidence
{
  GArray   *periods;             /* TmIntervalPeriod, by date */
  double    baseline;            /* NAN when not known */
  gboolean  baseline_entered;    /* by the clinician; else the mean of the first 28 days */
};

TmIntervalEvidence *tm_interval_evidence_new  (const TmChartRecord      *record,
                                               const char               *today,
                                               double                    entered_baseline);
void                tm_interval_evidence_free (TmIntervalEvidence       *evidence);
char               *tm_interval_period_describe (const TmIntervalPeriod *period);
char               *tm_interval_period_name   (const TmIntervalPeriod   *period);
char               *tm_interval_evidence_caption (const TmIntervalEvidence *evidence);

/* The period table (DESIGN.md): the measures down, the newest periods
 * side by side, as the Trends page and the report show it. */
typedef struct
{
  GPtrArray *periods;   /* const TmIntervalPeriod *, oldest first */
  GPtrArray *names;     /* char *, each period's name */
  GPtrArray *rows;      /* GStrv: the measure, then one cell per period */
} TmIntervalTable;

TmIntervalTable    *tm_interval_table_new     (const TmIntervalEvidence *evidence,
                                               guint                     max_periods);
void                tm_interval_table_free    (TmIntervalTable          *table);
const char         *tm_interval_table_heading (void);
char               *tm_interval_point_describe (const TmIntervalPeriod  *period,
                                                int                      k);
char               *tm_interval_evidence_describe (const TmIntervalEvidence *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmIntervalEvidence, tm_interval_evidence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmIntervalTable, tm_interval_table_free)

G_END_DECLS
