/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-enums.h"
#include "tm-time.h"

G_BEGIN_DECLS

typedef enum
{
  TM_QUESTIONNAIRE_PHQ9,
  TM_QUESTIONNAIRE_GAD7,
  TM_QUESTIONNAIRE_FOLLOWUP,   /* the monthly follow-up (DESIGN.md, Long-term safety) */
  TM_N_QUESTIONNAIRE_KINDS /*< skip >*/
} TmQuestionnaireKind;

/* The follow-up's items, in their order (DESIGN.md, Long-term safety and
 * medicines): the rules S8–S10 read them by these. */
typedef enum
{
  TM_FOLLOWUP_URINARY_PAIN,
  TM_FOLLOWUP_URINARY_URGENCY,
  TM_FOLLOWUP_BLOOD_IN_URINE,     /* yes/no */
  TM_FOLLOWUP_BLADDER_PAIN,
  TM_FOLLOWUP_UPPER_BELLY_PAIN,
  TM_FOLLOWUP_MEMORY,
  TM_FOLLOWUP_CRAVINGS,
  TM_FOLLOWUP_OUTSIDE_PLAN,       /* yes/no */
  TM_FOLLOWUP_SUBSTANCES,
  TM_FOLLOWUP_FALL,               /* yes/no */
  TM_FOLLOWUP_DRIVING,            /* yes/no */
  TM_FOLLOWUP_PREGNANCY,          /* yes/no */
  TM_N_FOLLOWUP_ITEMS
} TmFollowupItem;

#define TM_FOLLOWUP_TOLERANCE_MAX 10  /* overall tolerance: 0 very badly … 10 very well */
#define TM_FOLLOWUP_CADENCE_DAYS  30  /* monthly: due when none was answered in 30 days */

typedef enum
{
  TM_BAND_MINIMAL,
  TM_BAND_MILD,
  TM_BAND_MODERATE,
  TM_BAND_MODERATELY_SEVERE,  /* PHQ-9 only */
  TM_BAND_SEVERE,
} TmBand;

#define TM_QUESTIONNAIRE_MAX_ITEMS 12  /* the follow-up's */
#define TM_N_ANSWERS               4   /* 0 not at all … 3 nearly every day */
#define TM_PHQ9_MAX_TOTAL          27

/* Days without a questionnaire after which it is due again; the nicks
 * are the questionnaire-cadence setting's values. */
typedef enum
{
  TM_CADENCE_FORTNIGHTLY = 14, /*< nick=every-two-weeks >*/
  TM_CADENCE_WEEKLY      = 7,  /*< nick=every-week >*/
} TmCadence;

int         tm_questionnaire_cadence_from_id  (const char         *id);
const char *tm_questionnaire_cadence_to_id    (int                 days);

const char *tm_questionnaire_kind_to_string   (TmQuestionnaireKind kind);
gboolean    tm_questionnaire_kind_from_string (const char          *text,
                                               TmQuestionnaireKind *kind);
const char *tm_questionnaire_kind_get_name    (TmQuestionnaireKind kind);
const char *tm_questionnaire_kind_get_topic   (TmQuestionnaireKind kind);
guint       tm_questionnaire_kind_get_n_items (TmQuestionnaireKind kind);
int         tm_questionnaire_kind_get_max_total (TmQuestionnaireKind kind);
int         tm_questionnaire_kind_get_item_max  (TmQuestionnaireKind kind,
                                                 guint               index);
gboolean    tm_questionnaire_kind_has_bands     (TmQuestionnaireKind kind);
int         tm_questionnaire_kind_get_cadence   (TmQuestionnaireKind kind,
                                                 int                 cadence_days);
const char *tm_questionnaire_get_stem         (TmQuestionnaireKind kind);
const char *tm_questionnaire_get_item         (TmQuestionnaireKind kind,
                                               guint               index);
const char *tm_questionnaire_get_answer_label (int                 value);
const char *tm_questionnaire_get_item_answer_label (TmQuestionnaireKind kind,
                                                    guint               index,
                                                    int                 value);
const char *tm_questionnaire_get_tolerance_question (void);
const char *tm_questionnaire_get_tolerance_label    (int          value);
const char *tm_questionnaire_get_difficulty_question (void);
const char *tm_questionnaire_get_difficulty_label    (int          value);

int         tm_questionnaire_score            (TmQuestionnaireKind kind,
                                               const int          *answers);
TmBand      tm_questionnaire_band             (TmQuestionnaireKind kind,
                                               int                 total);
const char *tm_band_get_label                 (TmBand              band);
const char *tm_questionnaire_describe_band    (TmQuestionnaireKind kind,
                                               TmBand              band);
gboolean    tm_questionnaire_is_due           (const char         *last_day,
                                               const char         *today,
                                               int                 cadence_days,
                                               int                *days_since);

#define TM_TYPE_QUESTIONNAIRE (tm_questionnaire_get_type ())
G_DECLARE_FINAL_TYPE (TmQuestionnaire, tm_questionnaire, TM, QUESTIONNAIRE, GObject)

/* One completed PHQ-9, GAD-7 or follow-up. A record: its fields are public. */
struct _TmQuestionnaire
{
  GObject              parent_instance;

  gint64               id;
  TmQuestionnaireKind  kind;
  char                 day[TM_DAY_LEN + 1];
  int                  answers[TM_QUESTIONNAIRE_MAX_ITEMS];  /* 0 to the item's max, -1 unanswered */
  int                  difficulty;                            /* 0–3 or -1; PHQ-9 only */
  int                  tolerance;                             /* 0–10 or -1; the follow-up only */
  int                  total;                                 /* set by the store */
  char                *created_at;
};

TmQuestionnaire *tm_questionnaire_new        (TmQuestionnaireKind     kind,
                                              const char             *day);
TmQuestionnaire *tm_questionnaire_copy       (const TmQuestionnaire  *self);
char            *tm_questionnaire_get_answers_text (const TmQuestionnaire *self);
gboolean         tm_questionnaire_set_answers_text (TmQuestionnaire    *self,
                                                    const char         *text);
TmBand           tm_questionnaire_get_band   (const TmQuestionnaire  *self);
const char      *tm_questionnaire_describe_result (const TmQuestionnaire *self);
gboolean         tm_questionnaire_validate   (const TmQuestionnaire  *self,
                                              const char            **field,
                                              GError                **error);

G_END_DECLS
