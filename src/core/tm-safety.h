/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-checkin.h"
#include "tm-enums.h"
#include "tm-plan.h"
#include "tm-questionnaire.h"
#include "tm-regular-medicine.h"
#include "tm-session.h"

G_BEGIN_DECLS

/* Every threshold of the safety rules, in one place (DESIGN.md, Safety
 * prompts, Definitions, and Clinically right). */
#define TM_PRESENT_HOURS               4     /* saved within this many hours of the dose: still
                                              * happening ("stay seated…"), not told after */
#define TM_S1_USUAL_SESSIONS           5     /* the usual peak: the median of the peaks of this
                                              * many sessions before … */
#define TM_S1_ABOVE_USUAL              3     /* … and a peak this far above it: caution */
#define TM_S1_CAUTION_PEAK             7     /* with fewer sessions before: a peak at or above */
#define TM_S1_SEVERE_SEDATION          3     /* sedation at this (severe): urgent */
#define TM_S1_NOT_EASED_MINUTES        120   /* effects lasting longer, logged while the dose is
                                              * recent: not eased at 2 hours, urgent */
#define TM_S1_LONG_MINUTES             180   /* effects lasting longer: caution */
#define TM_S1_SEVERE_NAUSEA            3     /* severe nausea … */
#define TM_S1_NAUSEA_WITH_SEDATION     2     /* … with sedation at or above (moderate): caution */
#define TM_S2_HOURS                    24    /* a session this close before counts as "at a dose" */
#define TM_S5_AFTER_URGENT_SYSTOLIC    180   /* after the dose, at or above: urgent */
#define TM_S5_AFTER_URGENT_DIASTOLIC   110
#define TM_S5_BEFORE_CAUTION_SYSTOLIC  140   /* before the dose, above: caution */
#define TM_S5_BEFORE_CAUTION_DIASTOLIC 90
#define TM_S5_PAST_HOURS               6     /* saved longer after the dose: in the past tense */
#define TM_S6_DROP                     2.0   /* 7-day mean this far below the baseline */
#define TM_S6_RECENT_DAYS              7     /* the rolling mean: [d − 6, d] … */
#define TM_S6_RECENT_MIN_DAYS          4     /* … with check-ins on at least 4 of them */
#define TM_S6_BASELINE_FROM            34    /* the baseline: [d − 34, d − 7] … */
#define TM_S6_BASELINE_TO              7
#define TM_S6_BASELINE_MIN_DAYS        14    /* … with check-ins on at least 14 of them */
#define TM_S6_PHQ9_TOTAL               20    /* a PHQ-9 total at or above: caution */
#define TM_S6_LOWEST_MOOD              0     /* this mood … */
#define TM_S6_LOWEST_MOOD_DAYS         2     /* … on this many days running: caution */
#define TM_S6_QUIET_DAYS               7     /* S6 is not repeated within this many days */
#define TM_S13_HOURS                   4     /* a check-in saved longer after the day's dose … */
#define TM_S13_INTENSITY               7     /* … with effects this intense, or frightening */
#define TM_REMINDER_UNTIL_HOUR         12    /* the no-driving reminder lasts until noon the next day */
#define TM_S10_MEMORY                  2     /* memory or concentration "a lot" worse: caution */

typedef enum
{
  TM_RULE_S1 = 1,  /*< nick=S1 >*/ /* effects after a dose */
  TM_RULE_S2,      /*< nick=S2 >*/ /* effects outside a dosing window */
  TM_RULE_S3,      /*< nick=S3 >*/ /* beyond the plan */
  TM_RULE_S4,      /*< nick=S4 >*/ /* self-harm */
  TM_RULE_S5,      /*< nick=S5 >*/ /* blood pressure */
  TM_RULE_S6,      /*< nick=S6 >*/ /* mood falling */
  TM_RULE_S7,      /*< nick=S7 >*/ /* medicines */
  TM_RULE_S8,      /*< nick=S8 >*/ /* the body, on the follow-up */
  TM_RULE_S9,      /*< nick=S9 >*/ /* craving or use outside the plan */
  TM_RULE_S10,     /*< nick=S10 >*/ /* memory and concentration */
  TM_RULE_S11,     /*< nick=S11 >*/ /* red flags */
  TM_RULE_S12,     /*< nick=S12 >*/ /* a home dose with nobody there */
  TM_RULE_S13,     /*< nick=S13 >*/ /* strong effects lingering on a dose day */
} TmRule;

#define TM_RULE_LAST TM_RULE_S13

typedef enum
{
  TM_LEVEL_INFO,
  TM_LEVEL_CAUTION,
  TM_LEVEL_URGENT,
} TmLevel;

typedef enum
{
  TM_SOURCE_CHECKIN,
  TM_SOURCE_SESSION,
  TM_SOURCE_QUESTIONNAIRE,
  TM_SOURCE_MEDICINE,          /* a regular medicine added or changed (S7) */
} TmSource;

/* What a prompt offers to answer, stored as the answer's nick
 * ("contact-clinician"). */
typedef enum
{
  TM_ANSWER_RESTING,
  TM_ANSWER_CONTACT_CLINICIAN,
  TM_ANSWER_HELP_NOW,
  TM_ANSWER_SAFE_NOW,
  TM_ANSWER_PRESCRIBER_KNOWS,
  TM_ANSWER_NOTED,
  TM_ANSWER_IMPORTED,          /* raised for an imported record; never shown, so never answered
                                * (no prompt offers it) */
  TM_N_ANSWER_KINDS /*< skip >*/
} TmAnswer;

const char *tm_rule_to_string     (TmRule    rule);
gboolean    tm_rule_from_string   (const char *text,
                                   TmRule    *rule);
const char *tm_rule_get_name      (TmRule    rule);
const char *tm_level_to_string    (TmLevel   level);
gboolean    tm_level_from_string  (const char *text,
                                   TmLevel   *level);
const char *tm_level_get_label    (TmLevel   level);
const char *tm_source_to_string   (TmSource  source);
gboolean    tm_source_from_string (const char *text,
                                   TmSource  *source);
const char *tm_answer_to_string   (TmAnswer  answer);
gboolean    tm_answer_from_string (const char *text,
                                   TmAnswer  *answer);
const char *tm_answer_get_label   (TmAnswer  answer);

/* One prompt due: which rule, how serious, and what it says. */
typedef struct
{
  TmRule    rule;
  TmLevel   level;
  TmSource  source;
  gint64    source_id;
  char     *title;
  char     *body;
  char     *detail;       /* what triggered it, for the record */
  TmAnswer  answers[4];
  guint     n_answers;
  gboolean  show_crisis;  /* show the crisis line and emergency number at once */
} TmSafetyPrompt;

void tm_safety_prompt_free (TmSafetyPrompt *prompt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSafetyPrompt, tm_safety_prompt_free)

#define TM_TYPE_SAFETY_EVENT (tm_safety_event_get_type ())
G_DECLARE_FINAL_TYPE (TmSafetyEvent, tm_safety_event, TM, SAFETY_EVENT, GObject)

/* A prompt that was shown, and how it was answered. */
struct _TmSafetyEvent
{
  GObject   parent_instance;

  gint64    id;
  TmRule    rule;
  TmLevel   level;
  TmSource  source;
  gint64    source_id;    /* 0 when unknown */
  char     *shown_at;
  char     *answered_at;  /* NULL until answered */
  char     *answer;       /* a TmAnswer id, or NULL */
  char     *detail;
};

TmSafetyEvent *tm_safety_event_new_for_prompt (const TmSafetyPrompt *prompt,
                                                const char           *shown_at);

/* The stored facts the rules look at. */
typedef struct
{
  TmSource          source;
  TmCheckin        *checkin;        /* the record just saved, by source */
  TmSession        *session;
  TmQuestionnaire  *questionnaire;
  TmRegularMedicine *medicine;
  GPtrArray        *sessions;       /* TmSession: every session, the new one included */
  GPtrArray        *checkins;       /* TmCheckin: at least the 35 days before */
  GPtrArray        *plans;          /* TmPlan */
  GPtrArray        *plan_dates;     /* TmPlanDate */
  GPtrArray        *events;         /* TmSafetyEvent shown before */
  GDateTime        *now;
} TmSafetyFacts;

GPtrArray *tm_safety_evaluate        (const TmSafetyFacts *facts);
gboolean   tm_safety_rolling_mean    (GPtrArray   *checkins,
                                      const char  *day,
                                      int          from_days_before,
                                      int          to_days_before,
                                      int          min_days,
                                      double      *mean);
GDateTime *tm_safety_reminder_until  (GPtrArray   *sessions,
                                      GDateTime   *now);
const char *tm_safety_no_driving_text (void);

TmSafetyPrompt *tm_safety_make_before_dose_caution (int systolic,
                                                    int diastolic);
gboolean tm_safety_before_dose_is_high (int systolic,
                                       int diastolic);

G_END_DECLS
