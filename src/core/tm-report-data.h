/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-chart-data.h"
#include "tm-safety.h"

G_BEGIN_DECLS

/* What the PDF report shows (DESIGN.md, PDF report), gathered in core;
 * src/render lays it out. */

typedef enum
{
  TM_PAPER_A4,
  TM_PAPER_LETTER,
} TmPaper;

#define TM_REPORT_NAME_MAX_CHARS 100
#define TM_REPORT_DEFAULT_DAYS   91    /* 3 months, as on the Trends page */

typedef struct
{
  char     from[TM_DAY_LEN + 1];
  char     to[TM_DAY_LEN + 1];
  gboolean include_notes;
  TmPaper  paper;
} TmReportOptions;

TmPaper     tm_paper_default          (void);
const char *tm_paper_to_string        (TmPaper            paper);
gboolean    tm_paper_from_string      (const char        *text,
                                       TmPaper           *paper);
gboolean    tm_parse_day              (const char        *text,
                                       const char        *what,
                                       char              *day,
                                       GError           **error);
void        tm_report_options_init    (TmReportOptions   *options);
gboolean    tm_report_options_validate (const TmReportOptions *options,
                                        GError           **error);
char       *tm_report_default_file_name (const char      *today);

gboolean    tm_validate_report_name   (const char        *name,
                                       GError           **error);
char       *tm_store_get_report_name  (TmStore           *store);
gboolean    tm_store_set_report_name  (TmStore           *store,
                                       const char        *name,
                                       GError           **error);

typedef struct
{
  TmReportOptions  options;
  char            *patient;         /* name or ID, or NULL */
  char            *generated;       /* "28 November 2026 at 09:14" */
  TmChartData     *chart;           /* the period */
  TmChartData     *previous;        /* the period of the same length before */
  GPtrArray       *plans;           /* TmPlan in force during the period, by day */
  GPtrArray       *sessions;        /* TmSession in the period, by time */
  GArray          *session_status;  /* int: TmPlannedStatus of each, or -1 beyond the plan */
  GPtrArray       *events;          /* TmSafetyEvent shown in the period */
  GPtrArray       *notes;           /* TmCheckin with a note in the period, when included */
  TmQuestionnaire *phq9;            /* the latest in the period, or NULL */
  TmQuestionnaire *gad7;
  char            *data_dir;        /* the data folder it was read from, where no report may go; or NULL */
} TmReportData;

TmReportData *tm_report_data_new            (void);
TmReportData *tm_report_data_new_from_store (TmStore                *store,
                                             const TmReportOptions  *options,
                                             GError                **error);
void          tm_report_data_free           (TmReportData           *data);
gboolean      tm_report_data_is_empty       (const TmReportData     *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmReportData, tm_report_data_free)

G_END_DECLS
