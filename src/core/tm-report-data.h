/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-agenda.h"
#include "tm-chart-data.h"
#include "tm-enums.h"
#include "tm-safety.h"
#include "tm-session-status.h"

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

/* The parts of the report a person can choose, in the order they are
 * printed. The header (title, name or ID, period, intended purpose) is
 * always there. */
typedef enum
{
  TM_REPORT_SECTION_SUMMARY,         /* "Needs attention" and the summary, with the missed days */
  TM_REPORT_SECTION_AGENDA,          /* the agenda of the period, as a review goes through it */
  TM_REPORT_SECTION_CHARTS,          /* the trend chart and the after-dose curve of the period */
  TM_REPORT_SECTION_QUESTIONNAIRES,  /* the PHQ-9 and GAD-7 charts and each result */
  TM_REPORT_SECTION_INTERVAL,        /* the evidence about the interval, over the whole record */
  TM_REPORT_SECTION_SESSIONS,
  TM_REPORT_SECTION_SAFETY_PROMPTS,
  TM_REPORT_SECTION_NOTES,           /* the check-in notes */
  TM_REPORT_SECTION_REVIEW_NOTES,    /* the finished reviews whose period overlaps the report's */
  TM_N_REPORT_SECTIONS
} TmReportSection;

#define TM_REPORT_SECTIONS_ALL ((1u << TM_N_REPORT_SECTIONS) - 1)

/* One row of the table of sections: read by the command line, the Export
 * Report dialog and the renderer. */
typedef struct
{
  TmReportSection  section;
  const char      *id;           /* for --sections */
  const char      *name;         /* translatable (N_), for the dialog */
  const char      *description;  /* translatable (N_), for the dialog */
} TmReportSectionInfo;

typedef struct
{
  char     from[TM_DAY_LEN + 1];
  char     to[TM_DAY_LEN + 1];
  guint    sections;             /* 1 << TmReportSection, for each one shown */
  TmPaper  paper;
  gboolean patient_set;          /* patient replaces the stored name or ID for this report */
  char     patient[TM_REPORT_NAME_MAX_CHARS * 4 + 1];  /* "" for none */
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

const TmReportSectionInfo *tm_report_section_get_info (TmReportSection section);
gboolean    tm_report_options_has_section (const TmReportOptions *options,
                                          TmReportSection        section);
gboolean    tm_report_sections_parse  (const char        *list,
                                       guint             *sections,
                                       GError           **error);
char       *tm_report_sections_list_ids (void);
gboolean    tm_report_options_set_patient (TmReportOptions *options,
                                          const char      *name,
                                          GError         **error);

gboolean    tm_validate_report_name   (const char        *name,
                                       GError           **error);
char       *tm_store_get_report_name  (TmStore           *store);
gboolean    tm_store_set_report_name  (TmStore           *store,
                                       const char        *name,
                                       GError           **error);

/* What page 1 lists under "Needs attention", in this order (DESIGN.md,
 * Clinically right, Report page 1). */
typedef enum
{
  TM_ATTENTION_URGENT_PROMPT,   /* an urgent prompt, with its answer */
  TM_ATTENTION_HELP_NOW,        /* another prompt answered "I need help now" */
  TM_ATTENTION_PHQ9_ITEM9,      /* a PHQ-9 with item 9 above 0 */
  TM_ATTENTION_UNANSWERED,      /* another prompt shown and not answered (not one raised on import) */
  TM_ATTENTION_SESSION,         /* a session beyond or above the plan, or by another route */
  TM_ATTENTION_HIGHEST_BP,      /* the highest blood pressure after a dose */
  TM_ATTENTION_HOME_ALONE,      /* a home dose with nobody present (self-reported) */
} TmAttentionKind;

typedef struct
{
  TmAttentionKind  kind;
  GObject         *record;   /* owned: the TmSafetyEvent, TmQuestionnaire or TmSession */
  int              session;  /* for a session: its index in TmReportData.sessions; else -1 */
} TmAttention;

/* A regular medicine row in effect on a day of the period at least. */
typedef struct
{
  TmRegularMedicine *row;           /* owned */
  char              *last_day;      /* the last day it was in effect, or NULL while taken */
  gboolean           changed;       /* it ended where a change took its place, not with a stop */
  GStrv              session_days;  /* the days of the period's sessions taken while it was in effect */
} TmReportMedicine;

typedef struct
{
  TmReportOptions  options;
  char            *patient;         /* name or ID, or NULL */
  char            *generated;       /* "28 November 2026 at 09:14" */
  TmChartData     *chart;           /* the period */
  TmChartData     *previous;        /* the period of the same length before */
  TmChartData     *whole;           /* from the record's first day to the period's end: its
                                     * after_dose is the evidence about the interval */
  GPtrArray       *plans;           /* TmPlan in force during the period, by day */
  GPtrArray       *sessions;        /* TmSession in the period, by time */
  GArray          *session_status;  /* TmSessionStatus of each session */
  GArray          *medicines;       /* TmReportMedicine, by name, each medicine's rows by day */
  GArray          *attention;       /* TmAttention, in the order of their kinds, each kind by time */
  char             as_of[TM_DAY_LEN + 1];     /* the last day of the period, or today when earlier */
  char             last_dose[TM_DAY_LEN + 1]; /* the day of the latest session in or before the period, or "" */
  char             next_planned[TM_DAY_LEN + 1]; /* the next planned day as of as_of, or "" */
  gboolean         next_is_due;     /* next_planned is before as_of, its window still open */
  int              n_backfilled;    /* check-ins of the period written more than a day after their day */
  int              n_edited;        /* check-ins of the period changed after they were first saved */
  GStrv            pin_resets;      /* when the clinician PIN was reset (UTC instants), oldest first */
  GPtrArray       *events;          /* TmSafetyEvent shown in the period */
  GPtrArray       *notes;           /* TmCheckin with a note in the period, when included */
  GPtrArray       *questionnaires;  /* TmQuestionnaire (PHQ-9 and GAD-7) in the period, by day */
  GPtrArray       *followups;       /* TmQuestionnaire: the monthly follow-ups of the period, by day */
  GStrv            missed;          /* the planned days of the period missed (window closed, no
                                     * session), by day */
  TmAgenda        *agenda;          /* the agenda of the period, or NULL */
  GPtrArray       *reviews;         /* TmReview: the finished, current reviews whose period overlaps
                                     * the report's, by their first day */
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
