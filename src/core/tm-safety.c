/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety rules S1–S13 (DESIGN.md): one pure function from
 * the stored facts to the prompts due. The wording is calm and plain,
 * never gives dosing advice, always points to the prescriber, and never
 * implies that anyone is told: Tidemark contacts no one. */
#define G_LOG_DOMAIN "tm-safety"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tm-enum-nick.h"
#include "tm-safety.h"
#include "tm-safety-help.h"
#include "tm-schedule.h"

G_DEFINE_FINAL_TYPE (TmSafetyEvent, tm_safety_event, G_TYPE_OBJECT)

/* The prompts say these in words ("after 2 hours", "more than 4 hours
 * after it", "0 on two days running"): a change here is a change there. */
G_STATIC_ASSERT (TM_S1_NOT_EASED_MINUTES == 2 * 60);
G_STATIC_ASSERT (TM_S1_LONG_MINUTES == 3 * 60);
G_STATIC_ASSERT (TM_S13_HOURS == 4);
G_STATIC_ASSERT (TM_S6_LOWEST_MOOD == 0 && TM_S6_LOWEST_MOOD_DAYS == 2);
G_STATIC_ASSERT (TM_S2_HOURS == 24);

/* What the store writes: the values' nicks ("S11", "contact-clinician"). */
TM_DEFINE_ENUM_NICKS (TmRule, tm_rule, TM_TYPE_RULE)
TM_DEFINE_ENUM_NICKS (TmLevel, tm_level, TM_TYPE_LEVEL)
TM_DEFINE_ENUM_NICKS (TmSource, tm_source, TM_TYPE_SOURCE)
TM_DEFINE_ENUM_NICKS (TmAnswer, tm_answer, TM_TYPE_ANSWER)

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
    case TM_RULE_S8: return _("Bladder, belly and other body changes");
    case TM_RULE_S9: return _("Cravings or use outside the plan");
    case TM_RULE_S10: return _("Memory and concentration");
    case TM_RULE_S11: return _("Signs that need medical help");
    case TM_RULE_S12: return _("A home dose with nobody there");
    case TM_RULE_S13: return _("Strong effects that lingered");
    default: g_return_val_if_reached (NULL);
    }
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

/* Tidemark contacts no one (DESIGN.md, Clinically right): said wherever a
 * prompt could be read as the clinician finding out, in the words the
 * help uses too. */
static const char *
contacts_no_one (void)
{
  return tm_contacts_no_one ();
}

/* What everyone is told after every dose. */
static const char *
no_driving (void)
{
  return _("No driving or machinery until the next day after a restful sleep — even if you feel "
           "fine.");
}

/* @first, then each further paragraph, separated by a blank line. */
static char *
paragraphs (const char *first,
            ...)
{
  GString *text = g_string_new (first);
  const char *next;
  va_list args;

  va_start (args, first);
  while ((next = va_arg (args, const char *)) != NULL)
    g_string_append_printf (text, "\n\n%s", next);
  va_end (args);

  return g_string_free (text, FALSE);
}

static void
join (GString    *list,
      const char *item)
{
  if (list->len > 0)
    g_string_append (list, ", ");
  g_string_append (list, item);
}

/* Hours from @taken_at to @now; negative when it lies ahead of @now (a
 * record may be up to a day ahead of the clock); 0 when unreadable. */
static double
hours_since (const char *taken_at,
             GDateTime  *now)
{
  g_autoptr(GDateTime) taken = tm_instant_parse (taken_at);

  if (taken == NULL)
    return 0;
  return (double) g_date_time_difference (now, taken) / G_TIME_SPAN_HOUR;
}

/* Whether the session was saved while its dose is recent: what it says
 * may still be happening. */
static gboolean
is_present (const TmSafetyFacts *facts,
            const TmSession     *s,
            int                  hours)
{
  return hours_since (s->taken_at, facts->now) <= hours;
}

/* Whether @reading was taken recently: it may still be so (a reading at
 * 7 hours, written down at once, is the present). */
static gboolean
reading_is_present (const TmSafetyFacts    *facts,
                    const TmSession        *s,
                    const TmSessionReading *reading,
                    int                     hours)
{
  return hours_since (s->taken_at, facts->now) - reading->minutes_after / 60.0 <= hours;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The person's usual peak dissociation before @s: the median of the peaks
 * of the TM_S1_USUAL_SESSIONS sessions before it that have one. FALSE
 * with fewer. */
static gboolean
usual_peak (const TmSafetyFacts *facts,
            const TmSession     *s,
            int                 *usual)
{
  gint64 at = tm_session_get_unix_time (s);
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  int peaks[TM_S1_USUAL_SESSIONS];

  for (guint i = 0; facts->sessions != NULL && i < facts->sessions->len; i++)
    {
      TmSession *other = facts->sessions->pdata[i];
      gint64 entry[2];

      if (other == s || (s->id != 0 && other->id == s->id) || tm_session_get_peak_dissociation (other) == TM_UNSET)
        continue;
      entry[0] = tm_session_get_unix_time (other);
      entry[1] = tm_session_get_peak_dissociation (other);
      if (entry[0] < at)
        g_array_append_val (before, entry);
    }
  if (before->len < TM_S1_USUAL_SESSIONS)
    return FALSE;

  /* The latest ones: the largest times. */
  for (guint n = 0; n < TM_S1_USUAL_SESSIONS; n++)
    {
      guint latest = 0;

      for (guint i = 1; i < before->len; i++)
        if (g_array_index (before, gint64, 2 * i) > g_array_index (before, gint64, 2 * latest))
          latest = i;
      peaks[n] = (int) g_array_index (before, gint64, 2 * latest + 1);
      g_array_remove_index_fast (before, latest);
    }
  qsort (peaks, TM_S1_USUAL_SESSIONS, sizeof peaks[0], compare_ints);
  *usual = peaks[TM_S1_USUAL_SESSIONS / 2];
  return TRUE;
}

/* S1: effects after a dose. Urgent, caution or info by what was noted;
 * "stay seated…" while the dose is recent, "tell your clinician at your
 * next contact" when told afterwards. */
static void
rule_s1 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  gboolean present = is_present (facts, s, TM_PRESENT_HOURS);
  g_autoptr(GString) urgent = g_string_new (NULL);
  g_autoptr(GString) caution = g_string_new (NULL);
  g_autoptr(GString) record = g_string_new (NULL);
  g_autofree char *effects = tm_effects_describe (s->effects, TM_WORDING_RECORD, ", ");
  gboolean has_usual;
  int usual = 0;
  TmSafetyPrompt *prompt;
  TmLevel level;
  /* The session's own values, or its readings' when higher. */
  int dissociation = tm_session_get_peak_dissociation (s);
  int sedation = tm_session_get_peak_sedation (s);
  int nausea = tm_session_get_peak_nausea (s);

  /* Urgent: frightening, severe sedation, not eased at 2 hours, any red flag. */
  if (s->effects & TM_EFFECT_FRIGHTENING)
    join (urgent, _("frightening or out-of-control effects"));
  if (sedation >= TM_S1_SEVERE_SEDATION)
    join (urgent, _("severe sedation"));
  if (present && (s->effects_minutes > TM_S1_NOT_EASED_MINUTES || s->eased == 0))
    join (urgent, _("effects that had not eased after 2 hours"));

  /* Caution: a peak well above the usual (or high, without enough sessions
   * to know the usual), effects over 3 hours, severe nausea with sedation. */
  has_usual = usual_peak (facts, s, &usual);
  if (dissociation != TM_UNSET &&
      (has_usual ? dissociation >= usual + TM_S1_ABOVE_USUAL : dissociation >= TM_S1_CAUTION_PEAK))
    join (caution, has_usual ? _("a peak well above your usual") : _("a strong peak"));
  if (s->effects_minutes > TM_S1_LONG_MINUTES)
    join (caution, _("effects lasting over 3 hours"));
  if (!present && s->eased == 0)
    join (caution, _("effects that had not eased after 2 hours"));
  if (nausea >= TM_S1_SEVERE_NAUSEA && sedation >= TM_S1_NAUSEA_WITH_SEDATION)
    join (caution, _("severe nausea with sedation"));

  if (urgent->len == 0 && caution->len == 0 &&
      s->effects == 0 && (dissociation == TM_UNSET || dissociation < 1))
    return;

  /* A red flag makes effects urgent; alone, it is S11's. */
  if (s->red_flags != 0)
    join (urgent, _("signs that need medical help"));

  level = urgent->len > 0 ? TM_LEVEL_URGENT : caution->len > 0 ? TM_LEVEL_CAUTION : TM_LEVEL_INFO;
  prompt = new_prompt (facts, TM_RULE_S1, level, s->id);

  if (present && level == TM_LEVEL_URGENT)
    {
      prompt->title = g_strdup (_("Strong Effects: Stay Safe and Get Support"));
      prompt->body = paragraphs (_("Stay seated or lying down somewhere safe, and ask someone to "
                                   "stay with you. If the effects are not easing, contact your "
                                   "clinician now. If breathing is slow or difficult, someone "
                                   "can't be woken, or you feel unsafe, call emergency services."),
                                 no_driving (), contacts_no_one (), NULL);
      add_answers (prompt, TM_ANSWER_RESTING, TM_ANSWER_HELP_NOW, TM_ANSWER_CONTACT_CLINICIAN, -1);
    }
  else if (present && level == TM_LEVEL_CAUTION)
    {
      prompt->title = g_strdup (_("Take Extra Care While the Effects Pass"));
      prompt->body = paragraphs (_("Stay seated or lying down somewhere safe, and have someone "
                                   "nearby. If the effects are intense or not easing, contact your "
                                   "clinician. If you feel unsafe, call emergency services."),
                                 no_driving (), NULL);
      add_answers (prompt, TM_ANSWER_RESTING, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, -1);
    }
  else if (present)
    {
      prompt->title = g_strdup (_("Take It Easy While the Effects Pass"));
      prompt->body = paragraphs (_("Rest somewhere safe and comfortable until the effects have "
                                   "passed. If they become intense or are not easing after 2 "
                                   "hours, contact your clinician."),
                                 no_driving (), NULL);
      add_answers (prompt, TM_ANSWER_RESTING, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, -1);
    }
  else if (level == TM_LEVEL_URGENT)
    {
      g_autofree char *noted = NULL;

      prompt->title = g_strdup (_("Strong Effects After This Dose"));
      /* Translators: %s lists what was noted, e.g. "severe sedation, signs that need medical
       * help" */
      noted = g_strdup_printf (_("You noted %s after this dose. Tell your clinician about it at "
                                 "your next contact, or today if you still feel affected. If you "
                                 "feel unsafe now, call emergency services."), urgent->str);
      prompt->body = paragraphs (noted, contacts_no_one (), NULL);
      add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, TM_ANSWER_NOTED, -1);
    }
  else
    {
      prompt->title = g_strdup (_("Effects to Mention to Your Clinician"));
      if (level == TM_LEVEL_CAUTION)
        /* Translators: %s lists what was noted, e.g. "a strong peak, effects lasting over 3
         * hours" */
        prompt->body = g_strdup_printf (_("You noted %s after this dose. Tell your clinician at "
                                          "your next contact."), caution->str);
      else
        prompt->body = g_strdup (_("You noted effects after this dose. If they were unusual for "
                                   "you, tell your clinician at your next contact."));
      add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
    }

  /* What was not given is left out of the record, never stored as -1. */
  if (dissociation != TM_UNSET)
    g_string_append_printf (record, "peak dissociation %d; ", dissociation);
  if (has_usual)
    g_string_append_printf (record, "usual peak %d; ", usual);
  g_string_append_printf (record, "effects: %s", effects[0] ? effects : "none");
  if (s->effects_minutes != TM_UNSET)
    g_string_append_printf (record, "; lasted %d minutes", s->effects_minutes);
  if (s->eased == 0)
    g_string_append (record, "; not eased at 2 hours");
  if (sedation != TM_UNSET)
    g_string_append_printf (record, "; sedation %d", sedation);
  if (nausea != TM_UNSET)
    g_string_append_printf (record, "; nausea %d", nausea);
  if (s->red_flags != 0)
    {
      g_autofree char *flags = tm_red_flags_describe (s->red_flags, TM_WORDING_RECORD, ", ");

      g_string_append_printf (record, "; red flags: %s", flags);
    }
  prompt->detail = g_strdup (record->str);
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
  prompt->body = paragraphs (_("You noticed unusual effects with no dose in the 24 hours before. "
                               "Effects that come on or last away from a dose are worth telling "
                               "your prescriber about soon."),
                             contacts_no_one (), NULL);
  effects = tm_effects_describe (c->effects, TM_WORDING_RECORD, ", ");
  if (c->effects_intensity != TM_UNSET)
    prompt->detail = g_strdup_printf ("check-in of %s; effects: %s; intensity %d",
                                      c->day, effects, c->effects_intensity);
  else
    prompt->detail = g_strdup_printf ("check-in of %s; effects: %s", c->day, effects);
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

/* The plan @s is measured against: the plan of the planned day it matches
 * (a dose taken early for the first day of a new plan is that plan's);
 * for a session that matches none, the plan in force on its own day. */
static const TmPlan *
plan_for_session (const TmSafetyFacts *facts,
                  const TmSession     *s,
                  const char          *day,
                  gboolean            *extra)
{
  g_autofree char *today = tm_day_from_date_time (facts->now);
  g_autofree char *until = NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  int index = -1;
  int planned;

  *extra = FALSE;
  for (guint i = 0; facts->sessions != NULL && i < facts->sessions->len; i++)
    {
      TmSession *other = facts->sessions->pdata[i];

      if (other == s || (s->id != 0 && other->id == s->id))
        index = (int) i;
    }
  if (index < 0 || day == NULL)
    return day != NULL ? tm_schedule_plan_on (facts->plans, day) : NULL;

  /* Far enough ahead for the widest window to hold the session's day. */
  until = tm_day_add (strcmp (day, today) > 0 ? day : today, TM_PLAN_TOLERANCE_MAX + 1);
  schedule = tm_schedule_new (facts->plans, facts->plan_dates, facts->sessions, until, today);
  planned = g_array_index (schedule->session_planned, int, index);
  *extra = g_array_index (schedule->session_status, int, index) < 0;
  if (planned >= 0 && g_array_index (schedule->planned, TmPlannedDay, planned).plan != NULL)
    return g_array_index (schedule->planned, TmPlannedDay, planned).plan;
  return tm_schedule_plan_on (facts->plans, day);
}

/* S3: beyond the plan: a session matching no planned day, above the
 * dose of the plan it is measured against, or by another route. */
static void
rule_s3 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  g_autofree char *day = tm_session_get_day (s);
  const TmPlan *plan;
  TmSafetyPrompt *prompt;
  gboolean extra, above, route;

  plan = plan_for_session (facts, s, day, &extra);
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

  above = s->dose_mg > plan->dose_mg + 1e-9;
  route = s->route != plan->route;
  if (!extra && !above && !route)
    return;

  prompt = new_prompt (facts, TM_RULE_S3, TM_LEVEL_CAUTION, s->id);
  {
    g_autofree char *interval = tm_plan_describe_interval (plan->interval_days);
    g_autofree char *dose = tm_format_dose (plan->dose_mg);
    g_autofree char *plan_route = g_utf8_strdown (tm_route_get_label (plan->route), -1);
    /* The body speaks the person's locale; the detail, kept in the data
     * file, has a point in any. */
    g_autofree char *taken = tm_format_decimal_ascii (s->dose_mg);
    g_autofree char *plan_dose = tm_format_decimal_ascii (plan->dose_mg);
    g_autofree char *route_detail = NULL;

    prompt->title = g_strdup (above ? _("This Dose Is Above Your Plan")
                              : extra ? _("This Session Is Outside Your Plan")
                              : _("This Route Differs From Your Plan"));
    /* Translators: "Your plan says 50 mg sublingual every 2 weeks." then the DESIGN's words */
    prompt->body = g_strdup_printf (_("Your plan says %s mg %s %s. Please don't change your dose, "
                                      "how you take it or how often without your clinician. If "
                                      "something made this session necessary, tell your "
                                      "clinician."),
                                    dose, plan_route, interval);
    route_detail = route ? g_strdup_printf ("route differs: %s taken, plan %s; ",
                                            tm_route_to_string (s->route), tm_route_to_string (plan->route))
                         : g_strdup ("");
    prompt->detail = g_strdup_printf ("%s%s%s%s mg taken; plan %s mg every %d days",
                                      extra ? "matches no planned day; " : "",
                                      above ? "dose above the plan; " : "",
                                      route_detail, taken, plan_dose, plan->interval_days);
  }
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S4: thoughts of self-harm, from PHQ-9 item 9 or the optional daily
 * question. The only rule that speaks of them. */
static void
rule_s4 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSafetyPrompt *prompt;
  char *detail;
  gint64 id;

  if (facts->source == TM_SOURCE_QUESTIONNAIRE)
    {
      TmQuestionnaire *q = facts->questionnaire;

      if (q->kind != TM_QUESTIONNAIRE_PHQ9 || q->answers[8] <= 0)
        return;
      id = q->id;
      detail = g_strdup_printf ("PHQ-9 item 9 answered %d; total %d", q->answers[8], q->total);
    }
  else if (facts->source == TM_SOURCE_CHECKIN && facts->checkin->self_harm == 1)
    {
      id = facts->checkin->id;
      detail = g_strdup_printf ("daily question answered yes on %s", facts->checkin->day);
    }
  else
    return;

  prompt = new_prompt (facts, TM_RULE_S4, TM_LEVEL_URGENT, id);
  prompt->title = g_strdup (_("You Don't Have to Handle This Alone"));
  prompt->body = paragraphs (_("You said you have had thoughts that you would be better off dead "
                               "or of hurting yourself. If you are in immediate danger, call "
                               "emergency services now. A crisis line is there to talk to at any "
                               "time, and please tell your clinician soon."),
                             contacts_no_one (), NULL);
  prompt->detail = detail;
  prompt->show_crisis = TRUE;
  add_answers (prompt, TM_ANSWER_HELP_NOW, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_SAFE_NOW, -1);
  g_ptr_array_add (prompts, prompt);
}

/* What the record keeps of a high blood pressure before a dose, the same
 * whether told before it (the companion) or after: so it is told once. */
static char *
before_dose_detail (int systolic,
                    int diastolic)
{
  return g_strdup_printf ("blood pressure before the dose %d/%d", systolic, diastolic);
}

/* S5: blood pressure. After the dose at or above 180/110: urgent, with
 * the signs that call for emergency services and a recheck; in the past
 * tense when told more than TM_S5_PAST_HOURS later. */
static void
rule_s5 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  const TmSessionReading *after = NULL;
  const TmSessionReading *before = tm_session_get_bp_before (s);
  TmSafetyPrompt *prompt;

  /* Any reading after the dose; of those that high, the highest (a higher
   * one added later is told of too, its detail differing). */
  for (guint i = 0; i < s->readings->len; i++)
    {
      const TmSessionReading *r = s->readings->pdata[i];

      if (r->minutes_after > 0 && tm_session_reading_has_bp (r) &&
          (r->bp_sys >= TM_S5_AFTER_URGENT_SYSTOLIC || r->bp_dia >= TM_S5_AFTER_URGENT_DIASTOLIC) &&
          (after == NULL || r->bp_sys > after->bp_sys || (r->bp_sys == after->bp_sys && r->bp_dia > after->bp_dia)))
        after = r;
    }

  if (after != NULL)
    {
      g_autofree char *reading = NULL;
      g_autofree char *then = NULL;

      prompt = new_prompt (facts, TM_RULE_S5, TM_LEVEL_URGENT, s->id);
      if (reading_is_present (facts, s, after, TM_S5_PAST_HOURS))
        {
          prompt->title = g_strdup (_("Your Blood Pressure Is Very High"));
          /* Translators: %d/%d is a blood pressure */
          reading = g_strdup_printf (_("After the dose your blood pressure was %d/%d. Call "
                                       "emergency services now if you have chest pain, shortness "
                                       "of breath, a sudden severe headache, changed vision, "
                                       "confusion or a seizure."),
                                     after->bp_sys, after->bp_dia);
          /* Translators: %d/%d is 180/110, the reading that is very high */
          then = g_strdup_printf (_("Otherwise sit quietly, measure it again in 10–15 minutes, and "
                                    "call your clinician if it is still %d/%d or higher."),
                                  TM_S5_AFTER_URGENT_SYSTOLIC, TM_S5_AFTER_URGENT_DIASTOLIC);
        }
      else
        {
          prompt->title = g_strdup (_("Your Blood Pressure Was Very High"));
          /* Translators: %d/%d is a blood pressure */
          reading = g_strdup_printf (_("After this dose your blood pressure was %d/%d. If you have "
                                       "chest pain, shortness of breath, a sudden severe headache, "
                                       "changed vision, confusion or a seizure now, call emergency "
                                       "services."),
                                     after->bp_sys, after->bp_dia);
          /* Translators: %d/%d is 180/110, the reading that is very high */
          then = g_strdup_printf (_("Otherwise measure it again now if you can, and contact your "
                                    "clinician about this reading today — at once if it is still "
                                    "%d/%d or higher."),
                                  TM_S5_AFTER_URGENT_SYSTOLIC, TM_S5_AFTER_URGENT_DIASTOLIC);
        }
      prompt->body = paragraphs (reading, then, contacts_no_one (), NULL);
      prompt->detail = g_strdup_printf ("blood pressure after the dose %d/%d at %d minutes", after->bp_sys,
                                        after->bp_dia, after->minutes_after);
      prompt->show_crisis = TRUE;
      add_answers (prompt, TM_ANSWER_HELP_NOW, TM_ANSWER_CONTACT_CLINICIAN, -1);
      g_ptr_array_add (prompts, prompt);
    }

  if (before != NULL && tm_safety_before_dose_is_high (before->bp_sys, before->bp_dia))
    {
      prompt = new_prompt (facts, TM_RULE_S5, TM_LEVEL_CAUTION, s->id);
      prompt->title = g_strdup (_("Your Blood Pressure Was High Before the Dose"));
      /* Translators: %d/%d is a blood pressure */
      prompt->body = g_strdup_printf (_("Before the dose your blood pressure was %d/%d. Tell your clinician "
                                        "about it before your next dose."),
                                      before->bp_sys, before->bp_dia);
      prompt->detail = before_dose_detail (before->bp_sys, before->bp_dia);
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

/* The mood of @day's check-in among @checkins, or TM_UNSET. */
static int
mood_on (GPtrArray  *checkins,
         const char *day)
{
  for (guint i = 0; checkins != NULL && i < checkins->len; i++)
    if (strcmp (((TmCheckin *) checkins->pdata[i])->day, day) == 0)
      return ((TmCheckin *) checkins->pdata[i])->mood;
  return TM_UNSET;
}

/* The first day of a run of TM_S6_LOWEST_MOOD_DAYS days at the lowest
 * mood that holds @c's day (the days after it count too: a day written
 * later), or NULL. */
static char *
lowest_mood_run (const TmSafetyFacts *facts,
                 const TmCheckin     *c)
{
  if (c->mood != TM_S6_LOWEST_MOOD)
    return NULL;

  for (int start = -(TM_S6_LOWEST_MOOD_DAYS - 1); start <= 0; start++)
    {
      g_autofree char *first = tm_day_add (c->day, start);
      gboolean run = TRUE;

      for (int k = 0; run && k < TM_S6_LOWEST_MOOD_DAYS; k++)
        {
          g_autofree char *day = tm_day_add (first, k);

          run = strcmp (day, c->day) == 0 || mood_on (facts->checkins, day) == TM_S6_LOWEST_MOOD;
        }
      if (run)
        return g_steal_pointer (&first);
    }
  return NULL;
}

/* S6: mood falling. Worded neutrally: it never blames the schedule. */
static void
rule_s6 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSafetyPrompt *prompt;

  if (facts->source == TM_SOURCE_CHECKIN)
    {
      double recent, baseline;
      const char *day = facts->checkin->day;
      g_autofree char *run = lowest_mood_run (facts, facts->checkin);

      if (run != NULL)
        {
          g_autofree char *last = tm_day_add (run, TM_S6_LOWEST_MOOD_DAYS - 1);

          prompt = new_prompt (facts, TM_RULE_S6, TM_LEVEL_CAUTION, facts->checkin->id);
          prompt->title = g_strdup (_("Your Mood Has Been at Its Lowest"));
          prompt->body = g_strdup (_("You rated your mood 0 on two days running. Please contact "
                                     "your clinician in the next day or two — sooner if you don't "
                                     "feel safe."));
          prompt->detail = g_strdup_printf ("mood %d from %s to %s", TM_S6_LOWEST_MOOD, run, last);
          add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, TM_ANSWER_NOTED,
                       -1);
          g_ptr_array_add (prompts, prompt);
          return;
        }

      if (!tm_safety_rolling_mean (facts->checkins, day, TM_S6_RECENT_DAYS - 1, 0,
                                   TM_S6_RECENT_MIN_DAYS, &recent) ||
          !tm_safety_rolling_mean (facts->checkins, day, TM_S6_BASELINE_FROM, TM_S6_BASELINE_TO,
                                   TM_S6_BASELINE_MIN_DAYS, &baseline) ||
          recent > baseline - TM_S6_DROP)
        return;

      prompt = new_prompt (facts, TM_RULE_S6, TM_LEVEL_INFO, facts->checkin->id);
      prompt->title = g_strdup (_("Your Mood Has Been Lower"));
      {
        /* Translators: two mood averages out of 10 */
        g_autofree char *figures = g_strdup_printf (_("Over the last week it averaged %.1f, "
                                                      "against %.1f over the four weeks "
                                                      "before."), recent, baseline);

        prompt->body = g_strconcat (_("Your mood has been lower over the last week. It may help to "
                                      "talk with your clinician about it."), " ", figures, NULL);
      }
      {
        char recent_text[G_ASCII_DTOSTR_BUF_SIZE];
        char baseline_text[G_ASCII_DTOSTR_BUF_SIZE];

        /* Kept in the data file: a point in any locale. */
        g_ascii_formatd (recent_text, sizeof recent_text, "%.2f", recent);
        g_ascii_formatd (baseline_text, sizeof baseline_text, "%.2f", baseline);
        prompt->detail = g_strdup_printf ("7-day mean %s, baseline %s", recent_text, baseline_text);
      }
      add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
    }
  else if (facts->source == TM_SOURCE_QUESTIONNAIRE &&
           facts->questionnaire->kind == TM_QUESTIONNAIRE_PHQ9 &&
           facts->questionnaire->total >= TM_S6_PHQ9_TOTAL)
    {
      prompt = new_prompt (facts, TM_RULE_S6, TM_LEVEL_CAUTION, facts->questionnaire->id);
      prompt->title = g_strdup (_("Your PHQ-9 Total Is High"));
      /* Translators: %d is a PHQ-9 total, 20 to 27 */
      prompt->body = g_strdup_printf (_("Your PHQ-9 total is %d, in the severe range. Please "
                                        "contact your clinician in the next day or two — sooner if "
                                        "you don't feel safe."),
                                      facts->questionnaire->total);
      prompt->detail = g_strdup_printf ("PHQ-9 total %d", facts->questionnaire->total);
      add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, TM_ANSWER_NOTED, -1);
    }
  else
    return;

  g_ptr_array_add (prompts, prompt);
}

/* S7 on a regular medicine: once, when one of a kind that interacts with
 * ketamine is added or changed while a plan exists; never for a stop, and
 * not again at every session. */
static void
rule_s7_medicine (const TmSafetyFacts *facts,
                  GPtrArray           *prompts)
{
  TmRegularMedicine *m = facts->medicine;
  g_autofree char *today = tm_day_from_date_time (facts->now);
  g_autofree char *noted = NULL;
  g_autofree char *what = NULL;
  TmSafetyPrompt *prompt;

  if (m->stopped_on[0] != '\0' || !tm_medicine_kind_interacts (m->kind))
    return;
  if (tm_schedule_plan_on (facts->plans, m->started_on) == NULL &&
      tm_schedule_plan_on (facts->plans, today) == NULL)
    return;

  what = tm_regular_medicine_describe (m);
  prompt = new_prompt (facts, TM_RULE_S7, TM_LEVEL_INFO, m->id);
  prompt->title = g_strdup (_("Other Medicines Can Interact"));
  noted = g_strdup_printf (m->replaces != 0
                             /* Translators: %s is a medicine, e.g. "Lorazepam 1 mg, at night (benzodiazepine)" */
                             ? _("You changed a regular medicine: %s. Medicines of this kind can interact "
                                 "with ketamine; make sure your prescriber knows about the change.")
                             /* Translators: %s is a medicine, e.g. "Lorazepam 1 mg, at night (benzodiazepine)" */
                             : _("You added a regular medicine: %s. Medicines of this kind can interact "
                                 "with ketamine; make sure your prescriber knows you take it."),
                           what);
  if (m->kind == TM_MEDICINE_KIND_OPIOID)
    prompt->body = paragraphs (noted, _("Opioids add to the drowsiness ketamine brings and can slow "
                                        "breathing: have someone with you until the effects of a dose "
                                        "have passed."), NULL);
  else
    prompt->body = g_steal_pointer (&noted);
  prompt->detail = g_strdup_printf ("regular medicine %s: %s, kind %s, from %s",
                                    m->replaces != 0 ? "changed" : "added", m->name,
                                    tm_medicine_kind_to_string (m->kind), m->started_on);
  add_answers (prompt, TM_ANSWER_PRESCRIBER_KNOWS, TM_ANSWER_CONTACT_CLINICIAN, -1);
  g_ptr_array_add (prompts, prompt);
}

static void
rule_s7 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  g_autoptr(GString) names = NULL;
  g_autoptr(GString) record = NULL;
  g_autofree char *noted = NULL;
  TmSafetyPrompt *prompt;

  if (s->other_medicines == 0)
    return;

  names = g_string_new (NULL);
  record = g_string_new (NULL);
  for (guint i = 0; i < TM_N_MEDICINES; i++)
    if (s->other_medicines & (1u << i))
      {
        join (names, tm_medicine_get_phrase (i));
        join (record, tm_medicine_get_record_phrase (i));
      }

  prompt = new_prompt (facts, TM_RULE_S7, TM_LEVEL_INFO, s->id);
  prompt->title = g_strdup (_("Other Medicines Can Interact"));
  /* Translators: %s lists medicines, e.g. "a benzodiazepine, alcohol" */
  noted = g_strdup_printf (_("Besides ketamine, you noted %s that day. These can interact with "
                             "ketamine; make sure your prescriber knows."), names->str);
  if (s->other_medicines & (TM_MEDICINE_OPIOID | TM_MEDICINE_ALCOHOL))
    prompt->body = paragraphs (noted, _("Opioids and alcohol add to the drowsiness ketamine brings "
                                        "and can slow breathing: have someone with you until the "
                                        "effects have passed."), NULL);
  else
    prompt->body = g_steal_pointer (&noted);
  prompt->detail = g_strdup_printf ("other medicines: %s", record->str);
  add_answers (prompt, TM_ANSWER_PRESCRIBER_KNOWS, TM_ANSWER_CONTACT_CLINICIAN, -1);
  g_ptr_array_add (prompts, prompt);
}

/* The follow-up's items answered above 0 among @items, listed for the
 * prompt (@names, a line each) and for the record (@record). */
static guint
followup_noted (const TmQuestionnaire *q,
                const TmFollowupItem  *items,
                guint                  n_items,
                GString               *names,
                GString               *record)
{
  guint n = 0;

  for (guint i = 0; i < n_items; i++)
    if (q->answers[items[i]] > 0)
      {
        g_string_append_printf (names, "\n• %s", tm_questionnaire_get_item (q->kind, items[i]));
        g_string_append_printf (record, "%sitem %d answered %d", record->len > 0 ? "; " : "",
                                items[i] + 1, q->answers[items[i]]);
        n++;
      }
  return n;
}

/* S8: the body, on the follow-up. Blood in the urine: urgent; the bladder
 * and belly, a fall or fainting, driving within a day of a dose, a
 * pregnancy: caution. */
static void
rule_s8 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  static const TmFollowupItem body[] = {
    TM_FOLLOWUP_URINARY_PAIN, TM_FOLLOWUP_URINARY_URGENCY, TM_FOLLOWUP_BLOOD_IN_URINE,
    TM_FOLLOWUP_BLADDER_PAIN, TM_FOLLOWUP_UPPER_BELLY_PAIN, TM_FOLLOWUP_FALL,
    TM_FOLLOWUP_DRIVING, TM_FOLLOWUP_PREGNANCY,
  };
  static const TmFollowupItem bladder[] = {
    TM_FOLLOWUP_URINARY_PAIN, TM_FOLLOWUP_URINARY_URGENCY, TM_FOLLOWUP_BLADDER_PAIN,
    TM_FOLLOWUP_UPPER_BELLY_PAIN,
  };
  TmQuestionnaire *q = facts->questionnaire;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) record = g_string_new (NULL);
  g_autoptr(GString) body_text = NULL;
  g_autofree char *noted = NULL;
  guint n_bladder = 0;
  gboolean urgent;
  TmSafetyPrompt *prompt;

  if (followup_noted (q, body, G_N_ELEMENTS (body), names, record) == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (bladder); i++)
    n_bladder += q->answers[bladder[i]] > 0;
  urgent = q->answers[TM_FOLLOWUP_BLOOD_IN_URINE] > 0;
  prompt = new_prompt (facts, TM_RULE_S8, urgent ? TM_LEVEL_URGENT : TM_LEVEL_CAUTION, q->id);
  prompt->title = g_strdup (urgent ? _("Contact Your Clinician Today")
                                   : _("Tell Your Prescriber About These Changes"));
  /* Translators: %s lists follow-up items, a line each */
  noted = g_strdup_printf (_("In your follow-up you noted:%s"), names->str);
  body_text = g_string_new (noted);
  if (urgent)
    g_string_append_printf (body_text, "\n\n%s",
                            _("Blood in the urine needs to be looked at soon. Please contact your "
                              "clinician today. If you are in severe pain or can't pass urine, call "
                              "the emergency number."));
  else if (n_bladder > 0)
    g_string_append_printf (body_text, "\n\n%s",
                            _("Over months of treatment, ketamine can affect the bladder and the "
                              "belly, and these things are worth checking early."));
  if (q->answers[TM_FOLLOWUP_PREGNANCY] > 0)
    g_string_append_printf (body_text, "\n\n%s",
                            _("A pregnancy, or planning one, is something to talk over with your "
                              "prescriber before your next dose."));
  if (q->answers[TM_FOLLOWUP_DRIVING] > 0)
    g_string_append_printf (body_text, "\n\n%s", no_driving ());
  if (!urgent)
    g_string_append_printf (body_text, "\n\n%s", _("Please tell your prescriber soon."));
  g_string_append_printf (body_text, "\n\n%s", contacts_no_one ());
  prompt->body = g_string_free (g_steal_pointer (&body_text), FALSE);
  prompt->detail = g_strdup_printf ("follow-up: %s", record->str);
  if (urgent)
    add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, -1);
  else
    add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_PRESCRIBER_KNOWS, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S9: cravings, or ketamine taken outside the plan, each on its own:
 * caution, without judgement. */
static void
rule_s9 (const TmSafetyFacts *facts,
         GPtrArray           *prompts)
{
  static const TmFollowupItem use[] = { TM_FOLLOWUP_CRAVINGS, TM_FOLLOWUP_OUTSIDE_PLAN };
  TmQuestionnaire *q = facts->questionnaire;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) record = g_string_new (NULL);
  g_autofree char *noted = NULL;
  TmSafetyPrompt *prompt;

  if (followup_noted (q, use, G_N_ELEMENTS (use), names, record) == 0)
    return;

  prompt = new_prompt (facts, TM_RULE_S9, TM_LEVEL_CAUTION, q->id);
  prompt->title = g_strdup (_("Worth Talking Over With Your Prescriber"));
  /* Translators: %s lists follow-up items, a line each */
  noted = g_strdup_printf (_("In your follow-up you noted:%s"), names->str);
  prompt->body = paragraphs (noted,
                             _("Thank you for writing it down. This happens to people in long "
                               "treatment, and it is nothing to be ashamed of. Your prescriber can "
                               "help, and it helps them to know: please tell them at your next "
                               "contact, or sooner if it worries you."),
                             contacts_no_one (), NULL);
  prompt->detail = g_strdup_printf ("follow-up: %s", record->str);
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_PRESCRIBER_KNOWS, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S10: memory or concentration "a lot" worse than before treatment. */
static void
rule_s10 (const TmSafetyFacts *facts,
          GPtrArray           *prompts)
{
  TmQuestionnaire *q = facts->questionnaire;
  TmSafetyPrompt *prompt;

  if (q->answers[TM_FOLLOWUP_MEMORY] < TM_S10_MEMORY)
    return;

  prompt = new_prompt (facts, TM_RULE_S10, TM_LEVEL_CAUTION, q->id);
  prompt->title = g_strdup (_("Tell Your Prescriber About Your Memory"));
  prompt->body = paragraphs (_("In your follow-up you noted that your memory or concentration is a "
                               "lot worse than before treatment. That is worth looking into: please "
                               "tell your prescriber soon, so they can go over it with you."),
                             contacts_no_one (), NULL);
  prompt->detail = g_strdup_printf ("follow-up: item %d answered %d", TM_FOLLOWUP_MEMORY + 1,
                                    q->answers[TM_FOLLOWUP_MEMORY]);
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_PRESCRIBER_KNOWS, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S11: red flags, on a check-in or a session: urgent. */
static void
rule_s11 (const TmSafetyFacts *facts,
          GPtrArray           *prompts)
{
  guint red_flags = facts->source == TM_SOURCE_SESSION ? facts->session->red_flags
                                                       : facts->checkin->red_flags;
  gint64 id = facts->source == TM_SOURCE_SESSION ? facts->session->id : facts->checkin->id;
  g_autofree char *named = NULL;
  g_autofree char *noted = NULL;
  g_autofree char *record = NULL;
  TmSafetyPrompt *prompt;

  if (red_flags == 0)
    return;

  named = tm_red_flags_describe (red_flags, TM_WORDING_SHOWN, ", ");
  record = tm_red_flags_describe (red_flags, TM_WORDING_RECORD, ", ");
  prompt = new_prompt (facts, TM_RULE_S11, TM_LEVEL_URGENT, id);
  prompt->title = g_strdup (_("These Signs Need Medical Help"));
  /* Translators: %s lists what was ticked, e.g. "Chest pain, Vomiting" */
  noted = g_strdup_printf (_("You noted: %s. If this is happening now, call emergency services. If "
                             "someone is very drowsy and vomiting, lie them on their side while "
                             "help comes."), named);
  prompt->body = paragraphs (noted, _("If it has passed, contact your clinician today."),
                             contacts_no_one (), NULL);
  prompt->detail = g_strdup_printf ("red flags: %s", record);
  prompt->show_crisis = TRUE;
  add_answers (prompt, TM_ANSWER_HELP_NOW, TM_ANSWER_CONTACT_CLINICIAN, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S12, the second case: monitored at the clinic, or kept company at
 * home, for less than two hours (DESIGN.md, The session day). */
static void
rule_s12_short (const TmSafetyFacts *facts,
                GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  TmSafetyPrompt *prompt;
  int minutes = s->monitored_minutes;
  g_autofree char *what = NULL;

  prompt = new_prompt (facts, TM_RULE_S12, TM_LEVEL_CAUTION, s->id);
  if (s->setting == TM_SETTING_CLINIC)
    {
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The clinic monitored you for %d minute after this dose. Monitoring "
                                           "after a dose usually lasts at least two hours.",
                                           "The clinic monitored you for %d minutes after this dose. Monitoring "
                                           "after a dose usually lasts at least two hours.", minutes),
                              minutes);
      prompt->title = g_strdup (_("Monitored for Less Than Two Hours"));
      prompt->body = paragraphs (what, _("If effects come back or anything feels wrong, contact your "
                                         "clinician."), NULL);
      prompt->detail = g_strdup_printf ("at the clinic; monitored %d minutes", minutes);
    }
  else
    {
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Someone stayed with you for %d minute after this dose. It is safer "
                                           "when someone stays for at least two hours, until the effects have "
                                           "passed.",
                                           "Someone stayed with you for %d minutes after this dose. It is safer "
                                           "when someone stays for at least two hours, until the effects have "
                                           "passed.", minutes),
                              minutes);
      prompt->title = g_strdup (_("Nobody Stayed for Two Hours"));
      prompt->body = paragraphs (what, _("Talk with your clinician about who could be with you when you "
                                         "take a dose."), NULL);
      prompt->detail = g_strdup_printf ("at home; someone stayed %d minutes", minutes);
    }
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S12: a dose at home with nobody there, or monitoring (or company)
 * shorter than two hours. */
static void
rule_s12 (const TmSafetyFacts *facts,
          GPtrArray           *prompts)
{
  TmSession *s = facts->session;
  TmSafetyPrompt *prompt;

  if (s->setting != TM_SETTING_HOME || s->monitor_present)
    {
      if (s->monitored_minutes != TM_UNSET && s->monitored_minutes < TM_MONITOR_ENOUGH_MINUTES)
        rule_s12_short (facts, prompts);
      return;
    }

  prompt = new_prompt (facts, TM_RULE_S12, TM_LEVEL_CAUTION, s->id);
  prompt->title = g_strdup (_("Nobody Was With You for This Dose"));
  if (is_present (facts, s, TM_PRESENT_HOURS))
    prompt->body = paragraphs (_("You took this dose at home with nobody there. If you can, ask "
                                 "someone to come and stay with you, or to stay on the phone, "
                                 "until the effects have passed."),
                               _("Talk with your clinician about who could be with you when you "
                                 "take a dose."),
                               NULL);
  else
    prompt->body = paragraphs (_("You took this dose at home with nobody there. If you needed help "
                                 "during the effects, it would have been hard to get."),
                               _("Talk with your clinician about who could be with you when you "
                                 "take a dose."),
                               NULL);
  prompt->detail = g_strdup ("at home; nobody present");
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

/* S13: strong effects in a check-in on a dose day, more than
 * TM_S13_HOURS after that day's dose. */
static void
rule_s13 (const TmSafetyFacts *facts,
          GPtrArray           *prompts)
{
  TmCheckin *c = facts->checkin;
  const TmSession *latest = NULL;
  g_autofree char *effects = NULL;
  TmSafetyPrompt *prompt;

  if ((c->effects & TM_EFFECT_FRIGHTENING) == 0 &&
      (c->effects_intensity == TM_UNSET || c->effects_intensity < TM_S13_INTENSITY))
    return;

  /* The day's latest dose before the check-in was saved. */
  for (guint i = 0; facts->sessions != NULL && i < facts->sessions->len; i++)
    {
      TmSession *s = facts->sessions->pdata[i];
      g_autofree char *day = tm_session_get_day (s);

      if (g_strcmp0 (day, c->day) != 0 || hours_since (s->taken_at, facts->now) < 0)
        continue;
      if (latest == NULL || tm_session_get_unix_time (s) > tm_session_get_unix_time (latest))
        latest = s;
    }
  if (latest == NULL || hours_since (latest->taken_at, facts->now) <= TM_S13_HOURS)
    return;

  prompt = new_prompt (facts, TM_RULE_S13, TM_LEVEL_CAUTION, c->id);
  prompt->title = g_strdup (_("Strong Effects Hours After a Dose"));
  prompt->body = paragraphs (_("You noted strong or frightening effects on a day you took a dose, "
                               "more than 4 hours after it. Effects that last this long are worth "
                               "telling your clinician about soon."),
                             _("Stay somewhere safe until they have passed. If you feel unsafe, "
                               "call emergency services."),
                             no_driving (), NULL);
  effects = tm_effects_describe (c->effects, TM_WORDING_RECORD, ", ");
  if (c->effects_intensity != TM_UNSET)
    prompt->detail = g_strdup_printf ("check-in of %s; effects: %s; intensity %d; dose taken at %s",
                                      c->day, effects, c->effects_intensity, latest->taken_at);
  else
    prompt->detail = g_strdup_printf ("check-in of %s; effects: %s; dose taken at %s",
                                      c->day, effects, latest->taken_at);
  add_answers (prompt, TM_ANSWER_CONTACT_CLINICIAN, TM_ANSWER_HELP_NOW, TM_ANSWER_NOTED, -1);
  g_ptr_array_add (prompts, prompt);
}

/* Whether @prompt was already shown: for the same record at the same or a
 * higher level, or (S6) at the same or a higher level any time in the
 * TM_S6_QUIET_DAYS days before now (records imported are checked as of
 * when they were made, so a prompt shown after that is not "before"). */
static gboolean
already_shown (const TmSafetyFacts  *facts,
               const TmSafetyPrompt *prompt)
{
  for (guint i = 0; facts->events != NULL && i < facts->events->len; i++)
    {
      TmSafetyEvent *event = facts->events->pdata[i];

      if (event->rule != prompt->rule || event->level < prompt->level)
        continue;

      if (prompt->rule == TM_RULE_S6)
        {
          g_autoptr(GDateTime) shown = tm_instant_parse (event->shown_at);

          if (shown != NULL && g_date_time_compare (shown, facts->now) <= 0 &&
              g_date_time_difference (facts->now, shown) < TM_S6_QUIET_DAYS * G_TIME_SPAN_DAY)
            return TRUE;
        }

      if (prompt->source_id != 0 && event->source == prompt->source &&
          event->source_id == prompt->source_id && g_strcmp0 (event->detail, prompt->detail) == 0)
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
      rule_s11 (facts, all);
      rule_s12 (facts, all);
      break;
    case TM_SOURCE_CHECKIN:
      g_return_val_if_fail (facts->checkin != NULL, due);
      rule_s2 (facts, all);
      rule_s4 (facts, all);
      rule_s6 (facts, all);
      rule_s11 (facts, all);
      rule_s13 (facts, all);
      break;
    case TM_SOURCE_MEDICINE:
      g_return_val_if_fail (facts->medicine != NULL, due);
      rule_s7_medicine (facts, all);
      break;
    case TM_SOURCE_QUESTIONNAIRE:
    default:
      g_return_val_if_fail (facts->questionnaire != NULL, due);
      if (facts->questionnaire->kind == TM_QUESTIONNAIRE_FOLLOWUP)
        {
          rule_s8 (facts, all);
          rule_s9 (facts, all);
          rule_s10 (facts, all);
          break;
        }
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
 *   not a day for driving or machinery: noon of the day after any session
 *   (effects or none: the reminder holds after every dose); %NULL when no
 *   session is that recent
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

/**
 * tm_safety_no_driving_text:
 *
 * Returns: the no-driving reminder, as every session's prompts and Today
 *   say it
 */
const char *
tm_safety_no_driving_text (void)
{
  return no_driving ();
}

/**
 * tm_safety_make_before_dose_caution:
 *
 * Returns: (transfer full): the S5 caution for a blood pressure above
 *   140/90 before a dose not yet taken: in the present tense, pointing
 *   to the prescriber, never saying what to do with the dose. Its detail
 *   is S5's own, so that the session made later does not raise it again.
 */
TmSafetyPrompt *
tm_safety_make_before_dose_caution (int systolic,
                                    int diastolic)
{
  TmSafetyPrompt *prompt = g_new0 (TmSafetyPrompt, 1);

  prompt->rule = TM_RULE_S5;
  prompt->level = TM_LEVEL_CAUTION;
  prompt->source = TM_SOURCE_SESSION;
  prompt->source_id = 0;
  prompt->title = g_strdup (_("Your Blood Pressure Is High Before the Dose"));
  /* Translators: %d/%d is a blood pressure, then 140/90 */
  prompt->body = g_strdup_printf (_("Your blood pressure is %d/%d, above %d/%d. Follow what your "
                                    "prescriber told you for a reading like this, and if you are not "
                                    "sure, ask them before you take your dose."),
                                  systolic, diastolic, TM_S5_BEFORE_CAUTION_SYSTOLIC,
                                  TM_S5_BEFORE_CAUTION_DIASTOLIC);
  prompt->detail = before_dose_detail (systolic, diastolic);
  prompt->answers[prompt->n_answers++] = TM_ANSWER_CONTACT_CLINICIAN;
  prompt->answers[prompt->n_answers++] = TM_ANSWER_NOTED;
  return prompt;
}

/**
 * tm_safety_before_dose_is_high:
 * @systolic: mmHg, or TM_UNSET
 *
 * Whether a blood pressure before a dose is above the numbers of S5
 * (DESIGN.md): the caution, and the plan's pre-dose instruction.
 */
gboolean
tm_safety_before_dose_is_high (int systolic,
                               int diastolic)
{
  return (systolic != TM_UNSET && systolic > TM_S5_BEFORE_CAUTION_SYSTOLIC) ||
         (diastolic != TM_UNSET && diastolic > TM_S5_BEFORE_CAUTION_DIASTOLIC);
}
