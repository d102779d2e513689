/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety rules S1–S7 (DESIGN.md): one pure function from the stored
 * facts to the prompts due. The wording is calm and plain, never gives
 * dosing advice, and always points to the prescriber. */
#define G_LOG_DOMAIN "tm-safety"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-safety.h"
#include "tm-schedule.h"

G_DEFINE_FINAL_TYPE (TmSafetyEvent, tm_safety_event, G_TYPE_OBJECT)

static const char * const level_names[] = { "info", "caution", "urgent" };
static const char * const source_names[] = { "checkin", "session", "questionnaire" };
static const char * const answer_names[TM_N_ANSWER_KINDS] = {
  "resting", "contact-clinician", "help-now", "safe-now", "prescriber-knows", "noted", "imported",
};

const char *
tm_rule_to_string (TmRule rule)
{
  static const char * const names[] = { NULL, "S1", "S2", "S3", "S4", "S5", "S6", "S7" };

  g_return_val_if_fail (rule >= TM_RULE_S1 && rule <= TM_RULE_S7, NULL);
  return names[rule];
}

gboolean
tm_rule_from_string (const char *text,
                     TmRule     *rule)
{
  if (text == NULL || text[0] != 'S' || text[1] < '1' || text[1] > '7' || text[2] != '\0')
    return FALSE;
  *rule = (TmRule) (text[1] - '0');
  return TRUE;
}

const char *
tm_rule_get_name (TmRule rule)
{
  switch (rule)
    {
    case TM_RULE_S1: return _("Effects after a dose");
    case TM_RULE_S2: return _("Effects away from a dose");
    case TM_RULE_S3: return _("Beyond the plan");
    case TM_RULE_S4: return _("Thoughts of self-harm");
    case TM_RULE_S5: return _("Blood pressure");
    case TM_RULE_S6: return _("Mood falling");
    case TM_RULE_S7: return _("Other medicines");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
tm_level_to_string (TmLevel level)
{
  g_return_val_if_fail (level <= TM_LEVEL_URGENT, NULL);
  return level_names[level];
}

gboolean
tm_level_from_string (const char *text,
                      TmLevel    *level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (text, level_names[i]) == 0)
      {
        *level = (TmLevel) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tm_level_get_label (TmLevel level)
{
  switch (level)
    {
    case TM_LEVEL_INFO: return C_("safety level", "Information");
    case TM_LEVEL_CAUTION: return C_("safety level", "Caution");
    case TM_LEVEL_URGENT: return C_("safety level", "Urgent");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
tm_source_to_string (TmSource source)
{
  g_return_val_if_fail (source <= TM_SOURCE_QUESTIONNAIRE, NULL);
  return source_names[source];
}

gboolean
tm_source_from_string (const char *text,
                       TmSource   *source)
{
  for (guint i = 0; i < G_N_ELEMENTS (source_names); i++)
    if (g_strcmp0 (text, source_names[i]) == 0)
      {
        *source = (TmSource) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tm_answer_to_string (TmAnswer answer)
{
  g_return_val_if_fail (answer < TM_N_ANSWER_KINDS, NULL);
  return answer_names[answer];
}

gboolean
tm_answer_from_string (const char *text,
                       TmAnswer   *answer)
{
  for (guint i = 0; i < TM_N_ANSWER_KINDS; i++)
    if (g_strcmp0 (text, answer_names[i]) == 0)
      {
        *answer = (TmAnswer) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tm_answer_get_label (TmAnswer answer)
{
  switch (answer)
    {
    case TM_ANSWER_RESTING: return _("I'm somewhere safe and resting");
    case TM_ANSWER_CONTACT_CLINICIAN: return _("I'll contact my clinician");
    case TM_ANSWER_HELP_NOW: return _("I need help now");
    case TM_ANSWER_SAFE_NOW: return _("I'm safe for now");
    case TM_ANSWER_PRESCRIBER_KNOWS: return _("My prescriber knows");
    case TM_ANSWER_NOTED: return _("Understood");
    case TM_ANSWER_IMPORTED: return _("Raised on import; the prompt was never shown");
    default: g_return_val_if_reached (NULL);
    }
}

void
tm_safety_prompt_free (TmSafetyPrompt *prompt)
{
  if (prompt == NULL)
    return;

  g_free (prompt->title);
  g_free (prompt->body);
  g_free (prompt->detail);
  g_free (prompt);
}

static void
tm_safety_event_finalize (GObject *object)
{
  TmSafetyEvent *self = (TmSafetyEvent *) object;

  g_free (self->shown_at);
  g_free (self->answered_at);
  g_free (self->answer);
  g_free (self->detail);

  G_OBJECT_CLASS (tm_safety_event_parent_class)->finalize (object);
}

static void
tm_safety_event_class_init (TmSafetyEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_safety_event_finalize;
}

static void
tm_safety_event_init (TmSafetyEvent *self)
{
}

TmSafetyEvent *
tm_safety_event_new_for_prompt (const TmSafetyPrompt *prompt,
                                const char           *shown_at)
{
  TmSafetyEvent *event = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);

  event->rule = prompt->rule;
  event->level = prompt->level;
  event->source = prompt->source;
  event->source_id = prompt->source_id;
  event->shown_at = g_strdup (shown_at);
  event->detail = g_strdup (prompt->detail);

  return event;
}

static TmSafetyPrompt *
new_prompt (const TmSafetyFacts *facts,
            TmRule               rule,
            TmLevel              level,
            gint64               source_id)
{
  TmSafetyPrompt *prompt = g_new0 (TmSafetyPrompt, 1);

  prompt->rule = rule;
  prompt->level = level;
  prompt->source = facts->source;
  prompt->source_id = source_id;
  return prompt;
}

static void
add_answers (TmSafetyPrompt *prompt,
             ...)
{
  va_list args;
  int answer;

  va_start (args, prompt);
  while ((answer = va_arg (args, int)) >= 0 && prompt->n_answers < G_N_ELEMENTS (prompt->answers))
    prompt->answers[prompt->n_answers++] = (TmAnswer) answer;
  va_end (args);
}

static char *
describe_effects (guint effects)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < TM_N_EFFECTS; i++)
    if (effects & (1u << i))
      {
        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, tm_effect_get_label (i));
      }

  return g_string_free (text, FALSE);
}

static void
rule_s1 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  g_autofree char *effects = NULL;
  TmSafetyPrompt *prompt;
  gboolean urgent;

  if (s->effects == 0 && (s->dissociation_peak == TM_UNSET || s->dissociation_peak < 1))
    return;

  urgent = s->dissociation_peak >= TM_S1_URGENT_PEAK || (s->effects & TM_EFFECT_FRIGHTENING) != 0;
  prompt = new_prompt (facts, TM_RULE_S1, urgent ? TM_LEVEL_URGENT : TM_LEVEL_CAUTION, s->id);

  if (urgent)
    {
      prompt->title = g_strdup (_("Strong Effects: Stay Safe and Get Support"));
      prompt->body = g_strdup (_("Stay seated or lying down somewhere safe, and ask someone to stay "
                                 "with you. Don't drive, use machinery or do anything that needs full "
                                 "alertness until the next day, after a restful sleep.\n\n"
                                 "If the effects are intense or not easing after 2 hours, contact your "
                                 "clinician. If you feel unsafe, call emergency services."));
    }
  else
    {
      prompt->title = g_strdup (_("Take It Easy While the Effects Pass"));
      prompt->body = g_strdup (_("Stay seated or lying down somewhere safe, and have someone nearby. "
                                 "Don't drive, use machinery or do anything that needs full alertness "
                                 "until the next day, after a restful sleep.\n\n"
                                 "If the effects are intense or not easing after 2 hours, contact your "
                                 "clinician. If you feel unsafe, call emergency services."));
    }

  effects = describe_effects (s->effects);
  /* What was not given is left out of the record, never stored as -1. */
  if (s->dissociation_peak != TM_UNSET)
    prompt->detail = g_strdup_printf ("peak dissociation %d; effects: %s",
                                      s->dissociation_peak, effects[0] ? effects : "none");
  else
    prompt->detail = g_strdup_printf ("effects: %s", effects);
  add_answers (prompt, TM_ANSWER_RESTING, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, -1);
  g_ptr_array_add (prompts, prompt);
}

/* Whether a session counts as "at a dose" for a check-in saved at @now
 * about @day: taken on that day, or at most 24 hours before @now. */
static gboolean
has_recent_session (GPtrArray  *sessions,
                    const char *day,
                    GDateTime  *now)
{
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      TmSession *s = sessions->pdata[i];
      g_autofree char *session_day = tm_session_get_day (s);
      g_autoptr(GDateTime) taken = tm_instant_parse (s->taken_at);
      GTimeSpan before;

      if (g_strcmp0 (session_day, day) == 0)
        return TRUE;
      if (taken == NULL)
        continue;
      before = g_date_time_difference (now, taken);
      if (before >= 0 && before <= TM_S2_HOURS * G_TIME_SPAN_HOUR)
        return TRUE;
    }
  return FALSE;
}

static void
rule_s2 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmCheckin *c = facts->checkin;
  g_autofree char *effects = NULL;
  TmSafetyPrompt *prompt;

  if (c->effects == 0 || has_recent_session (facts->sessions, c->day, facts->now))
    return;

  prompt = new_prompt (facts, TM_RULE_S2, TM_LEVEL_CAUTION, c->id);
  prompt->title = g_strdup (_("Effects Away From a Dose"));
  prompt->body = g_strdup (_("You noticed unusual effects with no dose in the 24 hours before. "
                             "Effects that come on or last away from a dose are worth telling your "
                             "prescriber about soon. They are also shown in your report."));
  effects = describe_effects (c->effects);
  if (c->effects_intensity != TM_UNSET)
    prompt->detail = g_strdup_printf ("check-in of %s; effects: %s; intensity %d",
                                      c->day, effects, c->effects_intensity);
  else
    prompt->detail = g_strdup_printf ("check-in of %s; effects: %s", c->day, effects);
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

static void
rule_s3 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  g_autofree char *day = tm_session_get_day (s);
  g_autofree char *today = tm_day_from_date_time (facts->now);
  const TmPlan *plan = day != NULL ? tm_schedule_plan_on (facts->plans, day) : NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  TmSafetyPrompt *prompt;
  gboolean extra = FALSE;
  gboolean above;
  int index = -1;

  if (plan == NULL)
    {
      prompt = new_prompt (facts, TM_RULE_S3, TM_LEVEL_INFO, s->id);
      prompt->title = g_strdup (_("No Plan to Compare With"));
      prompt->body = g_strdup (_("Tidemark has no maintenance plan from your clinician for this day, "
                                 "so it can't tell whether this session follows it. Ask your clinician "
                                 "to enter the plan: Calendar, Edit Plan…"));
      prompt->detail = g_strdup_printf ("no plan in force on %s", day != NULL ? day : "?");
      add_answers (prompt, TM_ANSWER_NOTED, -1);
      g_ptr_array_add (prompts, prompt);
      return;
    }

  for (guint i = 0; facts->sessions != NULL && i < facts->sessions->len; i++)
    {
      TmSession *other = facts->sessions->pdata[i];

      if (other == s || (s->id != 0 && other->id == s->id))
        index = (int) i;
    }

  if (index >= 0)
    {
      g_autofree char *until = tm_day_add (today, 1);

      schedule = tm_schedule_new (facts->plans, facts->plan_dates, facts->sessions, until, today);
      extra = g_array_index (schedule->session_status, int, index) < 0;
    }

  above = s->dose_mg > plan->dose_mg + 1e-9;
  if (!extra && !above)
    return;

  prompt = new_prompt (facts, TM_RULE_S3, TM_LEVEL_CAUTION, s->id);
  {
    g_autofree char *interval = tm_plan_describe_interval (plan->interval_days);
    g_autofree char *dose = tm_format_dose (plan->dose_mg);
    g_autofree char *route = g_utf8_strdown (tm_route_get_label (plan->route), -1);
    /* The body speaks the person's locale; the detail, kept in the data
     * file, has a point in any. */
    g_autofree char *taken = tm_format_decimal_ascii (s->dose_mg);
    g_autofree char *plan_dose = tm_format_decimal_ascii (plan->dose_mg);

    prompt->title = g_strdup (above ? _("This Dose Is Above Your Plan") : _("This Session Is Outside Your Plan"));
    /* Translators: "Your plan says 50 mg sublingual every 2 weeks." then the DESIGN's words */
    prompt->body = g_strdup_printf (_("Your plan says %s mg %s %s. Please don't change your dose or how "
                                      "often you take it without your clinician. If something made this "
                                      "session necessary, tell your clinician."),
                                    dose, route, interval);
    prompt->detail = g_strdup_printf ("%s%s%s mg taken; plan %s mg every %d days",
                                      extra ? "matches no planned day; " : "",
                                      above ? "dose above the plan; " : "",
                                      taken, plan_dose, plan->interval_days);
  }
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

static void
rule_s4 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmQuestionnaire *q = facts->questionnaire;
  TmSafetyPrompt *prompt;

  if (q->kind != TM_QUESTIONNAIRE_PHQ9 || q->answers[8] <= 0)
    return;

  prompt = new_prompt (facts, TM_RULE_S4, TM_LEVEL_URGENT, q->id);
  prompt->title = g_strdup (_("You Don't Have to Handle This Alone"));
  prompt->body = g_strdup (_("You said you have had thoughts that you would be better off dead or of "
                             "hurting yourself. If you are in immediate danger, call emergency "
                             "services now. A crisis line is there to talk to at any time, and please "
                             "tell your clinician soon."));
  prompt->detail = g_strdup_printf ("PHQ-9 item 9 answered %d; total %d", q->answers[8], q->total);
  prompt->show_crisis = TRUE;
  add_answers (prompt, TM_ANSWER_HELP_NOW, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_SAFE_NOW, -1);
  g_ptr_array_add (prompts, prompt);
}

static void
rule_s5 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  TmSafetyPrompt *prompt;

  if (s->bp_after_sys != TM_UNSET &&
      (s->bp_after_sys >= TM_S5_AFTER_URGENT_SYSTOLIC || s->bp_after_dia >= TM_S5_AFTER_URGENT_DIASTOLIC))
    {
      prompt = new_prompt (facts, TM_RULE_S5, TM_LEVEL_URGENT, s->id);
      prompt->title = g_strdup (_("Your Blood Pressure Is Very High"));
      /* Translators: %d/%d is a blood pressure */
      prompt->body = g_strdup_printf (_("After the dose your blood pressure was %d/%d. Seek medical care "
                                        "now: call your clinician's urgent line, or emergency services."),
                                      s->bp_after_sys, s->bp_after_dia);
      prompt->detail = g_strdup_printf ("blood pressure after the dose %d/%d", s->bp_after_sys, s->bp_after_dia);
      prompt->show_crisis = TRUE;
      add_answers (prompt, TM_ANSWER_HELP_NOW, TM_ANSWER_CONTACT_CLINICIAN, -1);
      g_ptr_array_add (prompts, prompt);
    }

  if (s->bp_before_sys != TM_UNSET &&
      (s->bp_before_sys > TM_S5_BEFORE_CAUTION_SYSTOLIC || s->bp_before_dia > TM_S5_BEFORE_CAUTION_DIASTOLIC))
    {
      prompt = new_prompt (facts, TM_RULE_S5, TM_LEVEL_CAUTION, s->id);
      prompt->title = g_strdup (_("Your Blood Pressure Was High Before the Dose"));
      /* Translators: %d/%d is a blood pressure */
      prompt->body = g_strdup_printf (_("Before the dose your blood pressure was %d/%d. Tell your clinician "
                                        "about it before your next dose."),
                                      s->bp_before_sys, s->bp_before_dia);
      prompt->detail = g_strdup_printf ("blood pressure before the dose %d/%d", s->bp_before_sys, s->bp_before_dia);
      add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
      g_ptr_array_add (prompts, prompt);
    }
}

/**
 * tm_safety_rolling_mean:
 * @checkins: (element-type TmCheckin): check-ins, any order
 * @day: the day counted from
 *
 * The mean mood of the check-ins in [@day − @from_days_before,
 * @day − @to_days_before], when at least @min_days of them have one.
 */
gboolean
tm_safety_rolling_mean (GPtrArray  *checkins,
                        const char *day,
                        int         from_days_before,
                        int         to_days_before,
                        int         min_days,
                        double     *mean)
{
  g_autofree char *from = tm_day_add (day, -from_days_before);
  g_autofree char *to = tm_day_add (day, -to_days_before);
  double sum = 0;
  int n = 0;

  for (guint i = 0; checkins != NULL && i < checkins->len; i++)
    {
      TmCheckin *c = checkins->pdata[i];

      if (strcmp (c->day, from) >= 0 && strcmp (c->day, to) <= 0 && c->mood >= 0)
        {
          sum += c->mood;
          n++;
        }
    }

  if (n < min_days || n == 0)
    return FALSE;

  *mean = sum / n;
  return TRUE;
}

static void
rule_s6 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSafetyPrompt *prompt;

  if (facts->source == TM_SOURCE_CHECKIN)
    {
      double recent, baseline;
      const char *day = facts->checkin->day;

      if (!tm_safety_rolling_mean (facts->checkins, day, TM_S6_RECENT_DAYS - 1, 0,
                                   TM_S6_RECENT_MIN_DAYS, &recent) ||
          !tm_safety_rolling_mean (facts->checkins, day, TM_S6_BASELINE_FROM, TM_S6_BASELINE_TO,
                                   TM_S6_BASELINE_MIN_DAYS, &baseline) ||
          recent > baseline - TM_S6_DROP)
        return;

      prompt = new_prompt (facts, TM_RULE_S6, TM_LEVEL_INFO, facts->checkin->id);
      prompt->title = g_strdup (_("Your Mood Has Dropped"));
      /* Translators: two mood averages out of 10 */
      prompt->body = g_strdup_printf (_("Your mood over the last week averaged %.1f, against %.1f over the "
                                        "four weeks before. Consider contacting your clinician; your "
                                        "maintenance schedule may need a review."),
                                      recent, baseline);
      {
        char recent_text[G_ASCII_DTOSTR_BUF_SIZE];
        char baseline_text[G_ASCII_DTOSTR_BUF_SIZE];

        /* Kept in the data file: a point in any locale. */
        g_ascii_formatd (recent_text, sizeof recent_text, "%.2f", recent);
        g_ascii_formatd (baseline_text, sizeof baseline_text, "%.2f", baseline);
        prompt->detail = g_strdup_printf ("7-day mean %s, baseline %s", recent_text, baseline_text);
      }
    }
  else if (facts->source == TM_SOURCE_QUESTIONNAIRE &&
           facts->questionnaire->kind == TM_QUESTIONNAIRE_PHQ9 &&
           facts->questionnaire->total >= TM_S6_PHQ9_TOTAL)
    {
      prompt = new_prompt (facts, TM_RULE_S6, TM_LEVEL_INFO, facts->questionnaire->id);
      prompt->title = g_strdup (_("Your PHQ-9 Total Is High"));
      prompt->body = g_strdup_printf (_("Your PHQ-9 total is %d, in the severe range. Consider contacting "
                                        "your clinician; your maintenance schedule may need a review."),
                                      facts->questionnaire->total);
      prompt->detail = g_strdup_printf ("PHQ-9 total %d", facts->questionnaire->total);
    }
  else
    return;

  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

static void
rule_s7 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  g_autoptr(GString) names = NULL;
  TmSafetyPrompt *prompt;

  if (s->other_medicines == 0)
    return;

  names = g_string_new (NULL);
  for (guint i = 0; i < TM_N_MEDICINES; i++)
    if (s->other_medicines & (1u << i))
      {
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, tm_medicine_get_phrase (i));
      }

  prompt = new_prompt (facts, TM_RULE_S7, TM_LEVEL_INFO, s->id);
  prompt->title = g_strdup (_("Other Medicines Can Interact"));
  /* Translators: %s lists medicines, e.g. "a benzodiazepine, a sleep medicine" */
  prompt->body = g_strdup_printf (_("You took %s that day. These can interact with ketamine; make sure "
                                    "your prescriber knows."), names->str);
  prompt->detail = g_strdup_printf ("other medicines: %s", names->str);
  add_answers (prompt, TM_ANSWER_PRESCRIBER_KNOWS, TM_ANSWER_CONTACT_CLINICIAN, -1);
  g_ptr_array_add (prompts, prompt);
}

/* Whether @prompt was already shown: for the same record at the same or a
 * higher level, or (S6) any time in the TM_S6_QUIET_DAYS days before now
 * (records imported are checked as of when they were made, so a prompt
 * shown after that is not "before"). */
static gboolean
already_shown (const TmSafetyFacts  *facts,
               const TmSafetyPrompt *prompt)
{
  for (guint i = 0; facts->events != NULL && i < facts->events->len; i++)
    {
      TmSafetyEvent *event = facts->events->pdata[i];

      if (event->rule != prompt->rule)
        continue;

      if (prompt->rule == TM_RULE_S6)
        {
          g_autoptr(GDateTime) shown = tm_instant_parse (event->shown_at);

          if (shown != NULL && g_date_time_compare (shown, facts->now) <= 0 &&
              g_date_time_difference (facts->now, shown) < TM_S6_QUIET_DAYS * G_TIME_SPAN_DAY)
            return TRUE;
        }

      if (prompt->source_id != 0 && event->source == prompt->source &&
          event->source_id == prompt->source_id && event->level >= prompt->level &&
          g_strcmp0 (event->detail, prompt->detail) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * tm_safety_evaluate:
 *
 * Returns: (transfer full) (element-type TmSafetyPrompt): the prompts due
 *   for the record just saved, most urgent first
 */
GPtrArray *
tm_safety_evaluate (const TmSafetyFacts *facts)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_safety_prompt_free);
  GPtrArray *due = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_safety_prompt_free);

  g_return_val_if_fail (facts != NULL && facts->now != NULL, due);

  switch (facts->source)
    {
    case TM_SOURCE_SESSION:
      g_return_val_if_fail (facts->session != NULL, due);
      rule_s1 (facts, all);
      rule_s3 (facts, all);
      rule_s5 (facts, all);
      rule_s7 (facts, all);
      break;
    case TM_SOURCE_CHECKIN:
      g_return_val_if_fail (facts->checkin != NULL, due);
      rule_s2 (facts, all);
      rule_s6 (facts, all);
      break;
    case TM_SOURCE_QUESTIONNAIRE:
    default:
      g_return_val_if_fail (facts->questionnaire != NULL, due);
      rule_s4 (facts, all);
      rule_s6 (facts, all);
      break;
    }

  /* Most urgent first, otherwise in rule order. */
  for (int level = TM_LEVEL_URGENT; level >= TM_LEVEL_INFO; level--)
    for (guint i = 0; i < all->len; i++)
      {
        TmSafetyPrompt *prompt = all->pdata[i];

        if ((int) prompt->level == level && !already_shown (facts, prompt))
          g_ptr_array_add (due, g_ptr_array_steal_index (all, i--));
      }

  return due;
}

/**
 * tm_safety_reminder_until:
 * @sessions: (element-type TmSession): sessions logged
 *
 * Returns: (nullable) (transfer full): until when Today reminds that it is
 *   not a day for driving or machinery: noon of the day after a session
 *   with effects; %NULL when no such session is that recent
 */
GDateTime *
tm_safety_reminder_until (GPtrArray *sessions,
                          GDateTime *now)
{
  GDateTime *latest = NULL;

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      TmSession *s = sessions->pdata[i];
      g_autoptr(GDateTime) taken = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GDateTime) next_day = NULL;
      GDateTime *until;

      if (s->effects == 0 && (s->dissociation_peak == TM_UNSET || s->dissociation_peak < 1))
        continue;

      taken = tm_instant_parse (s->taken_at);
      if (taken == NULL || g_date_time_compare (taken, now) > 0)
        continue;

      local = g_date_time_to_local (taken);
      next_day = g_date_time_add_days (local, 1);
      until = g_date_time_new_local (g_date_time_get_year (next_day), g_date_time_get_month (next_day),
                                     g_date_time_get_day_of_month (next_day), TM_REMINDER_UNTIL_HOUR, 0, 0);

      if (g_date_time_compare (now, until) < 0 && (latest == NULL || g_date_time_compare (until, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = until;
        }
      else
        g_date_time_unref (until);
    }

  return latest;
}
