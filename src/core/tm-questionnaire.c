/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PHQ-9 and GAD-7: the published wording, scoring and severity bands
 * (both public domain; Spitzer, Williams, Kroenke et al.). The wording is
 * reproduced exactly; translators use the official published translation.
 * And Tidemark's own monthly follow-up (DESIGN.md, Long-term safety and
 * medicines), in its own words: no licensed scale is copied. */
#define G_LOG_DOMAIN "tm-questionnaire"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-checkin.h"
#include "tm-enum-nick.h"
#include "tm-questionnaire.h"
#include "tm-store-error.h"
#include "tm-table.h"

G_DEFINE_FINAL_TYPE (TmQuestionnaire, tm_questionnaire, G_TYPE_OBJECT)

static const char * const phq9_items[9] = {
  /* Translators: PHQ-9 item 1. Use the official published translation of the PHQ-9. */
  N_("Little interest or pleasure in doing things"),
  /* Translators: PHQ-9 item 2. Use the official published translation of the PHQ-9. */
  N_("Feeling down, depressed, or hopeless"),
  /* Translators: PHQ-9 item 3. Use the official published translation of the PHQ-9. */
  N_("Trouble falling or staying asleep, or sleeping too much"),
  /* Translators: PHQ-9 item 4. Use the official published translation of the PHQ-9. */
  N_("Feeling tired or having little energy"),
  /* Translators: PHQ-9 item 5. Use the official published translation of the PHQ-9. */
  N_("Poor appetite or overeating"),
  /* Translators: PHQ-9 item 6. Use the official published translation of the PHQ-9. */
  N_("Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
  /* Translators: PHQ-9 item 7. Use the official published translation of the PHQ-9. */
  N_("Trouble concentrating on things, such as reading the newspaper or watching television"),
  /* Translators: PHQ-9 item 8. Use the official published translation of the PHQ-9. */
  N_("Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual"),
  /* Translators: PHQ-9 item 9. Use the official published translation of the PHQ-9. */
  N_("Thoughts that you would be better off dead or of hurting yourself in some way"),
};

static const char * const gad7_items[7] = {
  /* Translators: GAD-7 item 1. Use the official published translation of the GAD-7. */
  N_("Feeling nervous, anxious, or on edge"),
  /* Translators: GAD-7 item 2. Use the official published translation of the GAD-7. */
  N_("Not being able to stop or control worrying"),
  /* Translators: GAD-7 item 3. Use the official published translation of the GAD-7. */
  N_("Worrying too much about different things"),
  /* Translators: GAD-7 item 4. Use the official published translation of the GAD-7. */
  N_("Trouble relaxing"),
  /* Translators: GAD-7 item 5. Use the official published translation of the GAD-7. */
  N_("Being so restless that it is hard to sit still"),
  /* Translators: GAD-7 item 6. Use the official published translation of the GAD-7. */
  N_("Becoming easily annoyed or irritable"),
  /* Translators: GAD-7 item 7. Use the official published translation of the GAD-7. */
  N_("Feeling afraid as if something awful might happen"),
};

/* The follow-up's items (TmFollowupItem) and the most each one takes: 2 for
 * "no, a little, a lot", 1 for "no, yes". */
static const struct
{
  const char *text;
  int         max;
} followup_items[TM_N_FOLLOWUP_ITEMS] = {
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Pain or burning when passing urine"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Needing to pass urine urgently or more often than usual"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Blood in your urine"), 1 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Pain low in your belly or around your bladder"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Pain in your upper belly"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Memory or concentration worse than before treatment"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Cravings for ketamine"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Taking ketamine outside the plan"), 1 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Drinking alcohol or using other substances more than usual"), 2 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("A fall or fainting"), 1 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Driving within a day of a dose"), 1 },
  /* Translators: an item of the monthly follow-up ("In the last month: …") */
  { N_("Being pregnant or planning a pregnancy"), 1 },
};

static const char * const followup_answer_labels[3] = {
  /* Translators: an answer of the monthly follow-up */
  NC_("follow-up answer", "No"),
  /* Translators: an answer of the monthly follow-up */
  NC_("follow-up answer", "A little"),
  /* Translators: an answer of the monthly follow-up */
  NC_("follow-up answer", "A lot"),
};

static const char * const followup_yes_no_labels[2] = {
  /* Translators: an answer of the monthly follow-up */
  NC_("follow-up answer", "No"),
  /* Translators: an answer of the monthly follow-up */
  NC_("follow-up answer", "Yes"),
};

static const char * const answer_labels[TM_N_ANSWERS] = {
  /* Translators: a PHQ-9/GAD-7 answer (0). Use the official published translation. */
  N_("Not at all"),
  /* Translators: a PHQ-9/GAD-7 answer (1). Use the official published translation. */
  N_("Several days"),
  /* Translators: a PHQ-9/GAD-7 answer (2). Use the official published translation. */
  N_("More than half the days"),
  /* Translators: a PHQ-9/GAD-7 answer (3). Use the official published translation. */
  N_("Nearly every day"),
};

static const char * const difficulty_labels[TM_N_ANSWERS] = {
  /* Translators: a PHQ-9 difficulty answer. Use the official published translation. */
  N_("Not difficult at all"),
  /* Translators: a PHQ-9 difficulty answer. Use the official published translation. */
  N_("Somewhat difficult"),
  /* Translators: a PHQ-9 difficulty answer. Use the official published translation. */
  N_("Very difficult"),
  /* Translators: a PHQ-9 difficulty answer. Use the official published translation. */
  N_("Extremely difficult"),
};

static const char * const band_labels[] = {
  /* Translators: a PHQ-9/GAD-7 severity band */
  NC_("severity band", "Minimal"),
  NC_("severity band", "Mild"),
  NC_("severity band", "Moderate"),
  NC_("severity band", "Moderately severe"),
  NC_("severity band", "Severe"),
};

TM_DEFINE_ENUM_NICKS (TmQuestionnaireKind, tm_questionnaire_kind, TM_TYPE_QUESTIONNAIRE_KIND)

/* "PHQ-9", "GAD-7": names, not translated; the follow-up's is. */
const char *
tm_questionnaire_kind_get_name (TmQuestionnaireKind kind)
{
  g_return_val_if_fail (kind < TM_N_QUESTIONNAIRE_KINDS, NULL);

  switch (kind)
    {
    case TM_QUESTIONNAIRE_PHQ9: return "PHQ-9";
    case TM_QUESTIONNAIRE_GAD7: return "GAD-7";
    case TM_QUESTIONNAIRE_FOLLOWUP:
    default:
      /* Translators: the monthly follow-up questionnaire's name */
      return _("Follow-up");
    }
}

/* What it asks about, in a word or two. */
const char *
tm_questionnaire_kind_get_topic (TmQuestionnaireKind kind)
{
  g_return_val_if_fail (kind < TM_N_QUESTIONNAIRE_KINDS, NULL);

  switch (kind)
    {
    case TM_QUESTIONNAIRE_PHQ9: return _("Depression");
    case TM_QUESTIONNAIRE_GAD7: return _("Anxiety");
    case TM_QUESTIONNAIRE_FOLLOWUP:
    default:
      return _("Long-term safety");
    }
}

guint
tm_questionnaire_kind_get_n_items (TmQuestionnaireKind kind)
{
  g_return_val_if_fail (kind < TM_N_QUESTIONNAIRE_KINDS, 0);

  switch (kind)
    {
    case TM_QUESTIONNAIRE_PHQ9: return 9;
    case TM_QUESTIONNAIRE_GAD7: return 7;
    case TM_QUESTIONNAIRE_FOLLOWUP:
    default:
      return TM_N_FOLLOWUP_ITEMS;
    }
}

/* The most item @index takes: 3 on the PHQ-9 and GAD-7; 2 or 1 on the
 * follow-up. */
int
tm_questionnaire_kind_get_item_max (TmQuestionnaireKind kind,
                                    guint               index)
{
  g_return_val_if_fail (index < tm_questionnaire_kind_get_n_items (kind), 0);

  return kind == TM_QUESTIONNAIRE_FOLLOWUP ? followup_items[index].max : TM_N_ANSWERS - 1;
}

int
tm_questionnaire_kind_get_max_total (TmQuestionnaireKind kind)
{
  guint n = tm_questionnaire_kind_get_n_items (kind);
  int max = 0;

  for (guint i = 0; i < n; i++)
    max += tm_questionnaire_kind_get_item_max (kind, i);
  return max;
}

/* Whether its total falls in published severity bands: the PHQ-9 and the
 * GAD-7. The follow-up's answers are read item by item (S8–S10). */
gboolean
tm_questionnaire_kind_has_bands (TmQuestionnaireKind kind)
{
  return kind != TM_QUESTIONNAIRE_FOLLOWUP;
}

/**
 * tm_questionnaire_kind_get_cadence:
 * @cadence_days: the questionnaire-cadence setting's days (7 or 14)
 *
 * Returns: the days after which @kind is due again: the setting's for the
 *   PHQ-9 and GAD-7; %TM_FOLLOWUP_CADENCE_DAYS for the monthly follow-up
 */
int
tm_questionnaire_kind_get_cadence (TmQuestionnaireKind kind,
                                   int                 cadence_days)
{
  return kind == TM_QUESTIONNAIRE_FOLLOWUP ? TM_FOLLOWUP_CADENCE_DAYS : cadence_days;
}

const char *
tm_questionnaire_get_stem (TmQuestionnaireKind kind)
{
  g_return_val_if_fail (kind < TM_N_QUESTIONNAIRE_KINDS, NULL);

  if (kind == TM_QUESTIONNAIRE_FOLLOWUP)
    /* Translators: the monthly follow-up's question, in Tidemark's own words */
    return _("In the last month, have you noticed any of the following?");

  if (kind == TM_QUESTIONNAIRE_PHQ9)
    /* Translators: the PHQ-9 question. Use the official published translation of the PHQ-9. */
    return _("Over the last 2 weeks, how often have you been bothered by any of the following problems?");

  /* Translators: the GAD-7 question. Use the official published translation of the GAD-7. */
  return _("Over the last 2 weeks, how often have you been bothered by the following problems?");
}

const char *
tm_questionnaire_get_item (TmQuestionnaireKind kind,
                           guint               index)
{
  g_return_val_if_fail (index < tm_questionnaire_kind_get_n_items (kind), NULL);

  switch (kind)
    {
    case TM_QUESTIONNAIRE_PHQ9: return _(phq9_items[index]);
    case TM_QUESTIONNAIRE_GAD7: return _(gad7_items[index]);
    case TM_QUESTIONNAIRE_FOLLOWUP:
    default:
      return _(followup_items[index].text);
    }
}

const char *
tm_questionnaire_get_answer_label (int value)
{
  g_return_val_if_fail (value >= 0 && value < TM_N_ANSWERS, NULL);
  return _(answer_labels[value]);
}

/* The words of answer @value to item @index of @kind. */
const char *
tm_questionnaire_get_item_answer_label (TmQuestionnaireKind kind,
                                        guint               index,
                                        int                 value)
{
  int max = tm_questionnaire_kind_get_item_max (kind, index);

  g_return_val_if_fail (value >= 0 && value <= max, NULL);

  if (kind != TM_QUESTIONNAIRE_FOLLOWUP)
    return _(answer_labels[value]);
  return g_dpgettext2 (GETTEXT_PACKAGE, "follow-up answer",
                       max == 1 ? followup_yes_no_labels[value] : followup_answer_labels[value]);
}

const char *
tm_questionnaire_get_tolerance_question (void)
{
  /* Translators: the follow-up's last question, answered from 0 to 10 */
  return _("Overall, how well are you tolerating the treatment?");
}

/* The ends of the tolerance scale, labelled; %NULL between them. */
const char *
tm_questionnaire_get_tolerance_label (int value)
{
  if (value == 0)
    /* Translators: 0 on "how well are you tolerating the treatment?" */
    return _("Very badly");
  if (value == TM_FOLLOWUP_TOLERANCE_MAX)
    /* Translators: 10 on "how well are you tolerating the treatment?" */
    return _("Very well");
  return NULL;
}

const char *
tm_questionnaire_get_difficulty_question (void)
{
  /* Translators: the PHQ-9 difficulty question. Use the official published translation. */
  return _("If you checked off any problems, how difficult have these problems made it for you "
           "to do your work, take care of things at home, or get along with other people?");
}

const char *
tm_questionnaire_get_difficulty_label (int value)
{
  g_return_val_if_fail (value >= 0 && value < TM_N_ANSWERS, NULL);
  return _(difficulty_labels[value]);
}

/**
 * tm_questionnaire_score:
 * @answers: one answer per item, 0 to the item's max
 *
 * Returns: the total, or -1 when an item has no answer in its range
 */
int
tm_questionnaire_score (TmQuestionnaireKind  kind,
                        const int           *answers)
{
  guint n = tm_questionnaire_kind_get_n_items (kind);
  int total = 0;

  for (guint i = 0; i < n; i++)
    {
      if (answers[i] < 0 || answers[i] > tm_questionnaire_kind_get_item_max (kind, i))
        return -1;
      total += answers[i];
    }

  return total;
}

/* The published bands. PHQ-9: 0–4 minimal, 5–9 mild, 10–14 moderate,
 * 15–19 moderately severe, 20–27 severe. GAD-7: 0–4 minimal, 5–9 mild,
 * 10–14 moderate, 15–21 severe. */
TmBand
tm_questionnaire_band (TmQuestionnaireKind kind,
                       int                 total)
{
  if (total <= 4)
    return TM_BAND_MINIMAL;
  if (total <= 9)
    return TM_BAND_MILD;
  if (total <= 14)
    return TM_BAND_MODERATE;
  if (kind == TM_QUESTIONNAIRE_PHQ9 && total <= 19)
    return TM_BAND_MODERATELY_SEVERE;
  return TM_BAND_SEVERE;
}

const char *
tm_band_get_label (TmBand band)
{
  g_return_val_if_fail (band <= TM_BAND_SEVERE, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "severity band", band_labels[band]);
}

/* What a band means, in plain words that point to the clinician. */
const char *
tm_questionnaire_describe_band (TmQuestionnaireKind kind,
                                TmBand              band)
{
  gboolean phq9 = kind == TM_QUESTIONNAIRE_PHQ9;

  switch (band)
    {
    case TM_BAND_MINIMAL:
      return phq9 ? _("Few or no symptoms of depression over the last two weeks.")
                  : _("Few or no symptoms of anxiety over the last two weeks.");
    case TM_BAND_MILD:
      return phq9 ? _("Mild symptoms of depression. Worth keeping an eye on and mentioning to your clinician.")
                  : _("Mild symptoms of anxiety. Worth keeping an eye on and mentioning to your clinician.");
    case TM_BAND_MODERATE:
      return phq9 ? _("Moderate symptoms of depression. Talk them over with your clinician.")
                  : _("Moderate symptoms of anxiety. Talk them over with your clinician.");
    case TM_BAND_MODERATELY_SEVERE:
      return _("Moderately severe symptoms of depression. Please tell your clinician soon.");
    case TM_BAND_SEVERE:
    default:
      return phq9 ? _("Severe symptoms of depression. Please contact your clinician soon.")
                  : _("Severe symptoms of anxiety. Please contact your clinician soon.");
    }
}

/**
 * tm_questionnaire_describe_result:
 *
 * What the result means: the band's words, except on a PHQ-9 with any
 * answer above 0 on item 9, where that matters more than the total and no
 * band's reassurance is given.
 */
const char *
tm_questionnaire_describe_result (const TmQuestionnaire *self)
{
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE ((TmQuestionnaire *) self), NULL);

  if (self->kind == TM_QUESTIONNAIRE_FOLLOWUP)
    return tm_questionnaire_score (self->kind, self->answers) == 0
             ? _("Nothing of the follow-up's list in the last month.")
             : _("Some answers are worth going over with your prescriber.");
  if (self->kind == TM_QUESTIONNAIRE_PHQ9 && self->answers[8] > 0)
    return _("You told us about thoughts of being better off dead or of hurting yourself. That "
             "matters more than the total.");
  return tm_questionnaire_describe_band (self->kind, tm_questionnaire_get_band (self));
}

/* Days between questionnaires for a setting's value; anything unknown is
 * the default, every two weeks. */
int
tm_questionnaire_cadence_from_id (const char *id)
{
  int days;

  return tm_enum_find_nick (TM_TYPE_CADENCE, id, &days) ? days : TM_CADENCE_FORTNIGHTLY;
}

const char *
tm_questionnaire_cadence_to_id (int days)
{
  return tm_enum_get_nick (TM_TYPE_CADENCE, days == TM_CADENCE_WEEKLY ? TM_CADENCE_WEEKLY
                                                                      : TM_CADENCE_FORTNIGHTLY);
}

/**
 * tm_questionnaire_is_due:
 * @last_day: (nullable): the day it was last answered, %NULL for never
 * @cadence_days: 14 by default, 7 for weekly
 * @days_since: (out) (optional): days since @last_day, -1 for never
 *
 * Due when none was answered in the last @cadence_days days, today
 * included. One answered on a later day (the clock set back, or a file
 * from another time zone) counts as answered today: it is there, so it
 * is not due.
 */
gboolean
tm_questionnaire_is_due (const char *last_day,
                         const char *today,
                         int         cadence_days,
                         int        *days_since)
{
  int since = -1;

  g_return_val_if_fail (tm_day_is_valid (today), FALSE);
  g_return_val_if_fail (cadence_days > 0, FALSE);

  if (last_day != NULL && tm_day_is_valid (last_day))
    since = MAX (0, tm_day_diff (last_day, today));

  if (days_since != NULL)
    *days_since = since;

  return since < 0 || since >= cadence_days;
}

static void
tm_questionnaire_finalize (GObject *object)
{
  TmQuestionnaire *self = (TmQuestionnaire *) object;

  g_free (self->created_at);

  G_OBJECT_CLASS (tm_questionnaire_parent_class)->finalize (object);
}

static void
tm_questionnaire_class_init (TmQuestionnaireClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_questionnaire_finalize;
}

static void
tm_questionnaire_init (TmQuestionnaire *self)
{
  for (guint i = 0; i < TM_QUESTIONNAIRE_MAX_ITEMS; i++)
    self->answers[i] = -1;
  self->difficulty = -1;
  self->tolerance = -1;
  self->total = -1;
}

TmQuestionnaire *
tm_questionnaire_new (TmQuestionnaireKind  kind,
                      const char          *day)
{
  TmQuestionnaire *self = g_object_new (TM_TYPE_QUESTIONNAIRE, NULL);

  self->kind = kind;
  if (day != NULL)
    g_strlcpy (self->day, day, sizeof self->day);

  return self;
}

TmQuestionnaire *
tm_questionnaire_copy (const TmQuestionnaire *self)
{
  TmQuestionnaire *copy;

  g_return_val_if_fail (TM_IS_QUESTIONNAIRE ((TmQuestionnaire *) self), NULL);

  copy = tm_questionnaire_new (self->kind, self->day);
  copy->id = self->id;
  memcpy (copy->answers, self->answers, sizeof copy->answers);
  copy->difficulty = self->difficulty;
  copy->tolerance = self->tolerance;
  copy->total = self->total;
  copy->created_at = g_strdup (self->created_at);

  return copy;
}

/* The answers as stored: one digit per item, "012100030". */
char *
tm_questionnaire_get_answers_text (const TmQuestionnaire *self)
{
  guint n = tm_questionnaire_kind_get_n_items (self->kind);
  char *text = g_malloc0 (n + 1);

  for (guint i = 0; i < n; i++)
    text[i] = (self->answers[i] >= 0 && self->answers[i] <= 9) ? (char) ('0' + self->answers[i]) : '?';

  return text;
}

gboolean
tm_questionnaire_set_answers_text (TmQuestionnaire *self,
                                   const char      *text)
{
  guint n = tm_questionnaire_kind_get_n_items (self->kind);

  if (text == NULL || strlen (text) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (text[i] < '0' || text[i] - '0' > tm_questionnaire_kind_get_item_max (self->kind, i))
      return FALSE;
  for (guint i = 0; i < n; i++)
    self->answers[i] = text[i] - '0';

  return TRUE;
}

TmBand
tm_questionnaire_get_band (const TmQuestionnaire *self)
{
  return tm_questionnaire_band (self->kind, tm_questionnaire_score (self->kind, self->answers));
}

/**
 * tm_questionnaire_validate:
 * @field: (out) (optional): "day", "answers" or "difficulty"
 *
 * Each value's own rules (see tm-table.c), a day that has come, every item
 * answered (0–3); the difficulty question only on the PHQ-9, and optional
 * there.
 */
gboolean
tm_questionnaire_validate (const TmQuestionnaire  *self,
                           const char            **field,
                           GError                **error)
{
  const char *unused = NULL;
  g_autofree char *latest = NULL;
  g_autoptr(GString) open = NULL;
  guint n_open = 0;
  guint n;

  g_return_val_if_fail (TM_IS_QUESTIONNAIRE ((TmQuestionnaire *) self), FALSE);

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if ((self->kind == TM_QUESTIONNAIRE_GAD7 || self->kind == TM_QUESTIONNAIRE_FOLLOWUP) &&
      self->difficulty != -1)
    {
      *field = "difficulty";
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: %s is "GAD-7" or "Follow-up" */
                   _("The %s has no difficulty question; leave it out."),
                   tm_questionnaire_kind_get_name (self->kind));
      return FALSE;
    }

  if (!tm_table_validate (TM_TABLE_QUESTIONNAIRES, self, field, error))
    return FALSE;

  latest = tm_day_latest_allowed (NULL);
  if (strcmp (self->day, latest) > 0)
    {
      *field = "day";
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A questionnaire can't be for a day that hasn't come yet. "
                             "Choose today or an earlier day."));
      return FALSE;
    }

  n = tm_questionnaire_kind_get_n_items (self->kind);
  /* An answer the question doesn't have (a yes/no item answered 2). */
  for (guint i = 0; i < n; i++)
    if (self->answers[i] > tm_questionnaire_kind_get_item_max (self->kind, i))
      {
        *field = "answers";
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                     /* Translators: "Question 8 has no answer 2: choose one of its answers, from 0 to 1." */
                     _("Question %u has no answer %d: choose one of its answers, from 0 to %d."), i + 1,
                     self->answers[i], tm_questionnaire_kind_get_item_max (self->kind, i));
        return FALSE;
      }

  open = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    if (self->answers[i] < 0)
      {
        if (n_open++ > 0)
          g_string_append (open, ", ");
        g_string_append_printf (open, "%u", i + 1);
      }

  if (n_open > 0)
    {
      *field = "answers";
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Answer every question before saving: question %s has no answer yet.",
                                "Answer every question before saving: questions %s have no answer yet.",
                                n_open),
                   open->str);
      return FALSE;
    }

  if ((self->kind == TM_QUESTIONNAIRE_FOLLOWUP) != (self->tolerance != -1))
    {
      *field = "tolerance";
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           self->kind == TM_QUESTIONNAIRE_FOLLOWUP
                             ? _("Answer how well you are tolerating the treatment, from 0 to 10.")
                             : _("Only the follow-up asks how well the treatment is tolerated; leave it out."));
      return FALSE;
    }

  return TRUE;
}
