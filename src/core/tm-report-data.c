/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's options and contents: a period, what was recorded in it,
 * and the figures of its summary. */
#define G_LOG_DOMAIN "tm-report-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <stdint.h>
#include <string.h>

#include "tm-clinician.h"
#include "tm-enum-nick.h"
#include "tm-report-data.h"
#include "tm-schedule.h"
#include "tm-store-error.h"
#include "tm-text.h"

#define REPORT_NAME_KEY "report-name"
#define PHQ9_SELF_HARM_ITEM 8   /* item 9, counted from 0 */

/* Paper */

/* Letter where the locale's paper is 216 mm wide (the Americas), A4 elsewhere. */
TmPaper
tm_paper_default (void)
{
#ifdef __GLIBC__
  int width = (int) (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);

  if (width == 216)
    return TM_PAPER_LETTER;
#endif
  return TM_PAPER_A4;
}

const char *
tm_paper_to_string (TmPaper paper)
{
  return tm_enum_get_nick (TM_TYPE_PAPER, paper);
}

/* "a4" or "letter", in any case: "A4" is how people write it. */
gboolean
tm_paper_from_string (const char *text,
                      TmPaper    *paper)
{
  g_autofree char *nick = text != NULL ? g_ascii_strdown (text, -1) : NULL;
  int found;

  if (!tm_enum_find_nick (TM_TYPE_PAPER, nick, &found))
    return FALSE;
  *paper = (TmPaper) found;
  return TRUE;
}

/* Sections */

/* Described once: the command line takes the ids, the dialog shows the
 * names, the renderer places the sections in this order. */
static const TmReportSectionInfo sections[] = {
  { TM_REPORT_SECTION_SUMMARY, "summary", N_("Summary"),
    N_("What needs attention, the plan, the figures and the missed planned days") },
  { TM_REPORT_SECTION_AGENDA, "agenda", N_("Agenda"),
    N_("What a review goes through: prompts, sessions, questionnaires, mood, what was marked to bring up") },
  { TM_REPORT_SECTION_CHARTS, "charts", N_("Charts"),
    N_("Mood against the plan and mood after a session, for the period") },
  { TM_REPORT_SECTION_QUESTIONNAIRES, "questionnaires", N_("Questionnaires"),
    N_("The PHQ-9 and GAD-7 charts and each result of the period") },
  { TM_REPORT_SECTION_INTERVAL, "interval", N_("Evidence About the Interval"),
    N_("How mood moved across the interval in each plan period, over the whole record") },
  { TM_REPORT_SECTION_SESSIONS, "sessions", N_("Sessions"), N_("The regular medicines and every dosing session of the period") },
  { TM_REPORT_SECTION_SAFETY_PROMPTS, "safety-prompts", N_("Safety Prompts"),
    N_("Every safety prompt shown in the period, with its answer") },
  { TM_REPORT_SECTION_NOTES, "notes", N_("Check-in Notes"), N_("The full text of every note in the period") },
  { TM_REPORT_SECTION_REVIEW_NOTES, "review-notes", N_("Review Notes"),
    N_("Each finished review that covered days of the period: who, when and its notes") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (sections) == TM_N_REPORT_SECTIONS);

const TmReportSectionInfo *
tm_report_section_get_info (TmReportSection section)
{
  g_return_val_if_fail (section < TM_N_REPORT_SECTIONS, NULL);
  g_assert (sections[section].section == section);
  return &sections[section];
}

gboolean
tm_report_options_has_section (const TmReportOptions *options,
                               TmReportSection        section)
{
  return (options->sections & (1u << section)) != 0;
}

/* "summary, charts, …": the ids, in their order. */
char *
tm_report_sections_list_ids (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, sections[i].id);
    }
  return g_string_free (text, FALSE);
}

/**
 * tm_report_sections_parse:
 * @list: ids separated by commas: "summary,sessions"
 * @sections: (out): 1 << TmReportSection for each one named
 *
 * An unknown id, or none at all, is refused with a sentence naming the
 * ones there are.
 */
gboolean
tm_report_sections_parse (const char  *list,
                          guint       *sections_out,
                          GError     **error)
{
  g_auto(GStrv) ids = g_strsplit (list != NULL ? list : "", ",", -1);
  g_autofree char *known = tm_report_sections_list_ids ();
  guint chosen = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      gboolean found = FALSE;

      if (id[0] == '\0')
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (sections) && !found; s++)
        if (g_ascii_strcasecmp (id, sections[s].id) == 0)
          {
            chosen |= 1u << sections[s].section;
            found = TRUE;
          }
      if (!found)
        {
          g_autofree char *quoted = tm_text_quote (id);

          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                       /* Translators: the second %s lists the ids, which stay in English */
                       _("“%s” is not a section of the report; the sections are %s."), quoted, known);
          return FALSE;
        }
    }
  if (chosen == 0)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: %s lists the ids, which stay in English */
                   _("Choose at least one section of the report: %s."), known);
      return FALSE;
    }
  *sections_out = chosen;
  return TRUE;
}

/**
 * tm_report_options_set_patient:
 * @name: the name or ID for this report only (trimmed); empty: none
 *
 * Replaces the stored name or ID in this report, when @name is valid.
 */
gboolean
tm_report_options_set_patient (TmReportOptions  *options,
                               const char       *name,
                               GError          **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (!tm_validate_report_name (trimmed, error))
    return FALSE;
  g_strlcpy (options->patient, trimmed, sizeof options->patient);
  options->patient_set = TRUE;
  return TRUE;
}

/* Options */

/**
 * tm_parse_day:
 * @what: the day's name in the message: "The start of the period"
 * @day: (out caller-allocates): TM_DAY_LEN + 1 bytes
 */
gboolean
tm_parse_day (const char  *text,
              const char  *what,
              char        *day,
              GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *reason = NULL;
  g_autofree char *quoted = NULL;
  TmDayCheck check = tm_day_check (trimmed, &reason);

  if (check != TM_DAY_VALID)
    {
      quoted = tm_text_quote (trimmed);
      if (check == TM_DAY_NOT_IN_CALENDAR)
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                     /* Translators: "The start, “2026-02-30”, is no such day: February 2026 has 28 days. …" */
                     _("%s, “%s”, is no such day: %s. Check the date."), what, quoted, reason);
      else
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                     /* Translators: "The start of the period, “28.11.2026”, is not a calendar day. …" */
                     _("%s, “%s”, is not a calendar day. Write days as YYYY-MM-DD, for example 2026-11-28."),
                     what, quoted);
      return FALSE;
    }
  g_strlcpy (day, trimmed, TM_DAY_LEN + 1);
  return TRUE;
}

/* The last 3 months up to today, with notes, on the locale's paper. */
void
tm_report_options_init (TmReportOptions *options)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = tm_day_add (today, -(TM_REPORT_DEFAULT_DAYS - 1));

  memset (options, 0, sizeof *options);
  g_strlcpy (options->from, from, sizeof options->from);
  g_strlcpy (options->to, today, sizeof options->to);
  options->sections = TM_REPORT_SECTIONS_ALL;
  options->paper = tm_paper_default ();
}

gboolean
tm_report_options_validate (const TmReportOptions  *options,
                            GError                **error)
{
  g_autofree char *latest = tm_day_latest_allowed (NULL);

  if (!tm_day_is_valid (options->from) || !tm_day_is_valid (options->to))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Choose the first and the last day of the period."));
      return FALSE;
    }
  if (strcmp (options->from, options->to) > 0)
    {
      g_autofree char *from = tm_day_format_long (options->from);
      g_autofree char *to = tm_day_format_long (options->to);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The period starts on %s, after it ends on %s. Choose a start on or before the end."),
                   from, to);
      return FALSE;
    }
  if (strcmp (options->to, latest) > 0)
    {
      g_autofree char *to = tm_day_format_long (options->to);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The period ends on %s, which has not come yet. End it today or earlier."), to);
      return FALSE;
    }
  if ((options->sections & TM_REPORT_SECTIONS_ALL) == 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Choose at least one section for the report."));
      return FALSE;
    }
  return TRUE;
}

/* "tidemark-report-2026-11-28.pdf" */
char *
tm_report_default_file_name (const char *today)
{
  return g_strdup_printf ("tidemark-report-%s.pdf", today);
}

/* The name or ID printed on every page */

gboolean
tm_validate_report_name (const char  *name,
                         GError     **error)
{
  if (name == NULL || name[0] == '\0')
    return TRUE;

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The name or ID is not valid text. Type it again."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > TM_REPORT_NAME_MAX_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The name or ID is longer than %d characters. Shorten it."), TM_REPORT_NAME_MAX_CHARS);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                             _("The name or ID must fit on one line. Remove the line breaks and tabs."));
        return FALSE;
      }
  return TRUE;
}

/* Returns: (nullable): the name or ID for reports, or %NULL when unset */
char *
tm_store_get_report_name (TmStore *store)
{
  return tm_store_get_meta (store, REPORT_NAME_KEY);
}

/* Keeps @name (trimmed; empty or %NULL clears it) when it is valid. */
gboolean
tm_store_set_report_name (TmStore     *store,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (!tm_validate_report_name (trimmed, error))
    return FALSE;
  return tm_store_set_meta (store, REPORT_NAME_KEY, trimmed[0] != '\0' ? trimmed : NULL, error);
}

/* Contents */

static void
clear_attention (gpointer pointer)
{
  TmAttention *attention = pointer;

  g_clear_object (&attention->record);
}

static void
clear_medicine (gpointer pointer)
{
  TmReportMedicine *m = pointer;

  g_clear_object (&m->row);
  g_clear_pointer (&m->last_day, g_free);
  g_clear_pointer (&m->session_days, g_strfreev);
}

TmReportData *
tm_report_data_new (void)
{
  TmReportData *data = g_new0 (TmReportData, 1);

  tm_report_options_init (&data->options);
  data->plans = g_ptr_array_new_with_free_func (g_object_unref);
  data->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  data->session_status = g_array_new (FALSE, TRUE, sizeof (TmSessionStatus));
  data->medicines = g_array_new (FALSE, TRUE, sizeof (TmReportMedicine));
  g_array_set_clear_func (data->medicines, clear_medicine);
  data->attention = g_array_new (FALSE, TRUE, sizeof (TmAttention));
  g_array_set_clear_func (data->attention, clear_attention);
  data->pin_resets = g_new0 (char *, 1);
  data->events = g_ptr_array_new_with_free_func (g_object_unref);
  data->notes = g_ptr_array_new_with_free_func (g_object_unref);
  data->questionnaires = g_ptr_array_new_with_free_func (g_object_unref);
  data->followups = g_ptr_array_new_with_free_func (g_object_unref);
  data->missed = g_new0 (char *, 1);
  data->reviews = g_ptr_array_new_with_free_func (g_object_unref);
  return data;
}

void
tm_report_data_free (TmReportData *data)
{
  if (data == NULL)
    return;

  g_free (data->patient);
  g_free (data->generated);
  g_clear_pointer (&data->chart, tm_chart_data_unref);
  g_clear_pointer (&data->previous, tm_chart_data_unref);
  g_clear_pointer (&data->whole, tm_chart_data_unref);
  g_clear_pointer (&data->plans, g_ptr_array_unref);
  g_clear_pointer (&data->sessions, g_ptr_array_unref);
  g_clear_pointer (&data->session_status, g_array_unref);
  g_clear_pointer (&data->medicines, g_array_unref);
  g_clear_pointer (&data->attention, g_array_unref);
  g_clear_pointer (&data->pin_resets, g_strfreev);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_clear_pointer (&data->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&data->followups, g_ptr_array_unref);
  g_clear_pointer (&data->missed, g_strfreev);
  g_clear_pointer (&data->agenda, tm_agenda_free);
  g_clear_pointer (&data->reviews, g_ptr_array_unref);
  g_clear_object (&data->phq9);
  g_clear_object (&data->gad7);
  g_free (data->data_dir);
  g_free (data);
}

/* Whether nothing at all was recorded in the period. */
gboolean
tm_report_data_is_empty (const TmReportData *data)
{
  return data->chart->n_checked_in == 0 && data->sessions->len == 0 && data->phq9 == NULL &&
         data->gad7 == NULL && data->followups->len == 0 && data->events->len == 0;
}

/* The plan rows in force on some day of the period. */
static void
add_plans (TmReportData *data,
           GPtrArray    *plans)
{
  const char *from = data->options.from, *to = data->options.to;

  for (guint i = 0; i < plans->len; i++)
    {
      TmPlan *plan = plans->pdata[i];
      const TmPlan *next = NULL;

      if (tm_schedule_plan_on (plans, plan->effective_from) != plan)
        continue;  /* replaced the same day */
      if (strcmp (plan->effective_from, to) > 0)
        continue;

      for (guint j = 0; j < plans->len; j++)
        {
          const TmPlan *other = plans->pdata[j];

          if (strcmp (other->effective_from, plan->effective_from) > 0 &&
              (next == NULL || strcmp (other->effective_from, next->effective_from) < 0))
            next = other;
        }
      /* In force until the day before the next one starts. */
      if (next != NULL && strcmp (next->effective_from, from) <= 0)
        continue;

      g_ptr_array_add (data->plans, g_object_ref (plan));
    }
}

static TmQuestionnaire *
latest (GPtrArray *questionnaires)
{
  TmQuestionnaire *found = NULL;

  /* Oldest first: the last one is the latest. */
  if (questionnaires != NULL && questionnaires->len > 0)
    found = g_object_ref (questionnaires->pdata[questionnaires->len - 1]);
  return found;
}

/* The sessions of the period with their status against the plan, worked
 * out over the whole record (a session's match and the dose before it may
 * lie before the period); and the last dose and the next planned day as
 * of the end of the period. */
static void
add_sessions (TmReportData *data,
              GPtrArray    *plans,
              GPtrArray    *dates,
              GPtrArray    *sessions)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *until = NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  g_autoptr(GArray) statuses = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();
  g_autoptr(TmSchedule) then = NULL;
  const TmPlannedDay *next;
  gint64 last_time = G_MININT64;

  g_strlcpy (data->as_of, strcmp (data->options.to, today) < 0 ? data->options.to : today,
             sizeof data->as_of);
  until = tm_day_add (strcmp (data->options.to, today) > 0 ? data->options.to : today, 2);
  schedule = tm_schedule_new (plans, dates, sessions, until, today);
  statuses = tm_session_status_list (schedule, plans, sessions);

  for (guint i = 0; i < sessions->len; i++)
    {
      TmSession *session = sessions->pdata[i];
      g_autofree char *day = tm_session_get_day (session);

      if (day == NULL)
        continue;
      if (strcmp (day, data->options.from) >= 0 && strcmp (day, data->options.to) <= 0)
        {
          g_ptr_array_add (data->sessions, g_object_ref (session));
          g_array_append_val (data->session_status, g_array_index (statuses, TmSessionStatus, i));
        }
      /* Up to the end of the period, which may be tomorrow: a dose taken
       * far east of here may be on tomorrow's day where it was taken. */
      if (strcmp (day, data->options.to) <= 0)
        {
          g_ptr_array_add (taken, session);
          if (tm_session_get_unix_time (session) >= last_time)
            {
              last_time = tm_session_get_unix_time (session);
              g_strlcpy (data->last_dose, day, sizeof data->last_dose);
            }
        }
    }

  /* What Today would have said on that day; an interval is at most a year. */
  g_free (until);
  until = tm_day_add (data->as_of, TM_PLAN_INTERVAL_MAX + 1);
  then = tm_schedule_new (plans, dates, taken, until, data->as_of);
  next = tm_schedule_next (then, data->as_of);
  if (next != NULL)
    {
      g_strlcpy (data->next_planned, next->day, sizeof data->next_planned);
      data->next_is_due = strcmp (next->day, data->as_of) < 0;
    }
}

/* Whether @instant is later than @than; both must read. */
static gboolean
instant_after (const char *instant,
               const char *than)
{
  g_autoptr(GDateTime) a = instant != NULL ? tm_instant_parse (instant) : NULL;
  g_autoptr(GDateTime) b = than != NULL ? tm_instant_parse (than) : NULL;

  return a != NULL && b != NULL && g_date_time_compare (a, b) > 0;
}

static void
count_written_later (TmReportData *data,
                     GPtrArray    *checkins)
{
  for (guint i = 0; i < checkins->len; i++)
    {
      const TmCheckin *c = checkins->pdata[i];

      if (tm_checkin_is_backfilled (c))
        data->n_backfilled++;
      if (instant_after (c->updated_at, c->created_at))
        data->n_edited++;
    }
}

static void
add_to_attention (TmReportData    *data,
                  TmAttentionKind  kind,
                  gpointer         record,
                  int              session)
{
  TmAttention attention = { kind, g_object_ref (record), session };

  g_array_append_val (data->attention, attention);
}

static gboolean
has_answer (const TmSafetyEvent *e,
            TmAnswer             answer)
{
  TmAnswer given;

  return e->answer != NULL && tm_answer_from_string (e->answer, &given) && given == answer;
}

/* Whether prompt @e goes under @kind: urgent ones with whatever their
 * answer; other ones answered "I need help now"; other ones not answered.
 * A prompt raised on import was never shown, so it is not one the person
 * left unanswered. */
static gboolean
event_is (const TmSafetyEvent *e,
          TmAttentionKind      kind)
{
  switch (kind)
    {
    case TM_ATTENTION_URGENT_PROMPT:
      return e->level == TM_LEVEL_URGENT;
    case TM_ATTENTION_HELP_NOW:
      return e->level != TM_LEVEL_URGENT && has_answer (e, TM_ANSWER_HELP_NOW);
    case TM_ATTENTION_UNANSWERED:
      return e->level != TM_LEVEL_URGENT && e->answer == NULL;
    case TM_ATTENTION_PHQ9_ITEM9:
    case TM_ATTENTION_SESSION:
    case TM_ATTENTION_HIGHEST_BP:
    case TM_ATTENTION_HOME_ALONE:
    default:
      return FALSE;
    }
}

static void
add_events (TmReportData    *data,
            TmAttentionKind  kind)
{
  for (guint i = 0; i < data->events->len; i++)
    if (event_is (data->events->pdata[i], kind))
      add_to_attention (data, kind, data->events->pdata[i], -1);
}

static void
add_attention (TmReportData *data,
               GPtrArray    *phq9)
{
  int highest = -1;

  add_events (data, TM_ATTENTION_URGENT_PROMPT);
  add_events (data, TM_ATTENTION_HELP_NOW);
  for (guint i = 0; i < phq9->len; i++)
    if (((TmQuestionnaire *) phq9->pdata[i])->answers[8] > 0)
      add_to_attention (data, TM_ATTENTION_PHQ9_ITEM9, phq9->pdata[i], -1);
  add_events (data, TM_ATTENTION_UNANSWERED);

  for (guint i = 0; i < data->sessions->len; i++)
    if (tm_session_status_needs_attention (&g_array_index (data->session_status, TmSessionStatus, i)))
      add_to_attention (data, TM_ATTENTION_SESSION, data->sessions->pdata[i], (int) i);

  /* The highest after-dose reading: systolic first, then diastolic. */
  for (guint i = 0; i < data->sessions->len; i++)
    {
      const TmSessionReading *r = tm_session_get_highest_bp_after (data->sessions->pdata[i]);
      const TmSessionReading *best = highest >= 0 ? tm_session_get_highest_bp_after (data->sessions->pdata[highest])
                                                  : NULL;

      if (r == NULL)
        continue;
      if (best == NULL || r->bp_sys > best->bp_sys || (r->bp_sys == best->bp_sys && r->bp_dia > best->bp_dia))
        highest = (int) i;
    }
  if (highest >= 0)
    add_to_attention (data, TM_ATTENTION_HIGHEST_BP, data->sessions->pdata[highest], highest);

  for (guint i = 0; i < data->sessions->len; i++)
    {
      const TmSession *s = data->sessions->pdata[i];

      if (s->setting == TM_SETTING_HOME && !s->monitor_present)
        add_to_attention (data, TM_ATTENTION_HOME_ALONE, data->sessions->pdata[i], (int) i);
    }
}

/* Both kinds, by day (PHQ-9 first on the same day). */
static void
add_questionnaires (TmReportData *data,
                    GPtrArray    *phq9,
                    GPtrArray    *gad7)
{
  guint i = 0, j = 0;

  while (i < phq9->len || j < gad7->len)
    {
      const TmQuestionnaire *p = i < phq9->len ? phq9->pdata[i] : NULL;
      const TmQuestionnaire *g = j < gad7->len ? gad7->pdata[j] : NULL;

      if (g == NULL || (p != NULL && strcmp (p->day, g->day) <= 0))
        g_ptr_array_add (data->questionnaires, g_object_ref (phq9->pdata[i++]));
      else
        g_ptr_array_add (data->questionnaires, g_object_ref (gad7->pdata[j++]));
    }
}

/* The planned days of the period whose window closed with no session:
 * the days behind the summary's count of missed ones. */
static void
add_missed (TmReportData *data)
{
  g_autoptr(GStrvBuilder) missed = g_strv_builder_new ();
  const GArray *planned = data->chart->planned;

  for (guint i = 0; i < planned->len; i++)
    {
      const TmChartPlanned *p = &g_array_index (planned, TmChartPlanned, i);

      if (p->status == TM_PLANNED_MISSED)
        g_strv_builder_add (missed, p->day);
    }
  g_strfreev (data->missed);
  data->missed = g_strv_builder_end (missed);
}

static int
compare_review_periods (gconstpointer a,
                        gconstpointer b)
{
  const TmReview *ra = *(TmReview *const *) a;
  const TmReview *rb = *(TmReview *const *) b;
  int order = strcmp (ra->period_from, rb->period_from);

  return order != 0 ? order : strcmp (ra->period_to, rb->period_to);
}

/* The finished reviews, corrections standing for the rows they correct,
 * that covered a day of the period. */
static void
add_reviews (TmReportData *data,
             GPtrArray    *reviews)
{
  g_autoptr(GPtrArray) current = tm_review_list_current (reviews);

  for (guint i = 0; i < current->len; i++)
    {
      TmReview *review = current->pdata[i];

      if (review->finished_at == NULL || strcmp (review->period_from, data->options.to) > 0 ||
          strcmp (review->period_to, data->options.from) < 0)
        continue;
      g_ptr_array_add (data->reviews, g_object_ref (review));
    }
  g_ptr_array_sort (data->reviews, compare_review_periods);
}

/* By name, then by the day each row starts. */
static int
compare_medicines (gconstpointer a,
                   gconstpointer b)
{
  const TmReportMedicine *x = a, *y = b;
  g_autofree char *x_key = g_utf8_collate_key (x->row->name, -1);
  g_autofree char *y_key = g_utf8_collate_key (y->row->name, -1);
  int by_name = strcmp (x_key, y_key);

  if (by_name != 0)
    return by_name;
  if (strcmp (x->row->started_on, y->row->started_on) != 0)
    return strcmp (x->row->started_on, y->row->started_on);
  return x->row->id < y->row->id ? -1 : (x->row->id > y->row->id);
}

/* The regular medicine rows in effect on a day of the period, and for
 * each the sessions of the period taken while it was (DESIGN.md,
 * Long-term safety and medicines). Call after add_sessions(). */
static void
add_medicines (TmReportData *data,
               GPtrArray    *medicines)
{
  for (guint i = 0; i < medicines->len; i++)
    {
      TmRegularMedicine *row = medicines->pdata[i];
      g_autofree char *last = tm_regular_medicine_get_last_day (row, medicines);
      g_autoptr(GStrvBuilder) days = g_strv_builder_new ();
      TmReportMedicine m = { 0 };

      /* A stop row takes the place of the row it stops, which has no day left. */
      if (strcmp (row->started_on, data->options.to) > 0 ||
          (last != NULL && (strcmp (last, data->options.from) < 0 || strcmp (last, row->started_on) < 0)))
        continue;

      for (guint j = 0; j < data->sessions->len; j++)
        {
          g_autofree char *day = tm_session_get_day (data->sessions->pdata[j]);

          if (day != NULL && tm_regular_medicine_is_taken_on (row, medicines, day))
            g_strv_builder_add (days, day);
        }

      m.row = g_object_ref (row);
      m.changed = last != NULL && (row->stopped_on[0] == '\0' || strcmp (last, row->stopped_on) < 0);
      m.last_day = g_steal_pointer (&last);
      m.session_days = g_strv_builder_end (days);
      g_array_append_val (data->medicines, m);
    }
  g_array_sort (data->medicines, compare_medicines);
}

/**
 * tm_report_data_new_from_store:
 *
 * Everything the report shows for @options' period, read from @store.
 */
TmReportData *
tm_report_data_new_from_store (TmStore                *store,
                               const TmReportOptions  *options,
                               GError                **error)
{
  g_autoptr(TmReportData) data = tm_report_data_new ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) phq9 = NULL;
  g_autoptr(GPtrArray) gad7 = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) medicines = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *previous_from = NULL;
  g_autofree char *previous_to = NULL;
  g_autofree char *first_day = NULL;
  int n_days;

  g_return_val_if_fail (TM_IS_STORE (store), NULL);

  if (!tm_report_options_validate (options, error))
    return NULL;

  data->options = *options;
  data->data_dir = g_strdup (tm_store_get_data_dir (store));
  if (options->patient_set)
    data->patient = options->patient[0] != '\0' ? g_strdup (options->patient) : NULL;
  else
    data->patient = tm_store_get_report_name (store);
  /* Translators: when a report was made: "28 November 2026 at 09:14" */
  data->generated = g_date_time_format (now, _("%-d %B %Y at %H:%M"));

  n_days = tm_day_diff (options->from, options->to) + 1;
  previous_from = tm_day_add (options->from, -n_days);
  previous_to = tm_day_add (options->from, -1);
  /* The evidence about the interval weighs every plan period up to the
   * period's end, not only the period's. */
  first_day = tm_store_get_first_day (store);
  if (first_day == NULL || strcmp (first_day, options->from) > 0)
    {
      g_free (first_day);
      first_day = g_strdup (options->from);
    }

  if ((data->chart = tm_chart_data_new_from_store (store, options->from, options->to, error)) == NULL ||
      (data->previous = tm_chart_data_new_from_store (store, previous_from, previous_to, error)) == NULL ||
      (data->whole = tm_chart_data_new_from_store (store, first_day, options->to, error)) == NULL ||
      (plans = tm_store_list_plans (store, error)) == NULL ||
      (dates = tm_store_list_plan_dates (store, error)) == NULL ||
      (sessions = tm_store_list_sessions (store, NULL, NULL, error)) == NULL ||
      (events = tm_store_list_safety_events (store, options->from, options->to, error)) == NULL ||
      (phq9 = tm_store_list_questionnaires (store, TM_QUESTIONNAIRE_PHQ9, options->from, options->to,
                                            error)) == NULL ||
      (gad7 = tm_store_list_questionnaires (store, TM_QUESTIONNAIRE_GAD7, options->from, options->to,
                                            error)) == NULL ||
      (followups = tm_store_list_questionnaires (store, TM_QUESTIONNAIRE_FOLLOWUP, options->from, options->to,
                                                 error)) == NULL ||
      (reviews = tm_store_list_reviews (store, error)) == NULL ||
      (medicines = tm_store_list_medicines (store, error)) == NULL ||
      (data->agenda = tm_agenda_new_from_store (store, options->from, options->to, error)) == NULL)
    return NULL;

  add_plans (data, plans);
  add_sessions (data, plans, dates, sessions);
  add_medicines (data, medicines);

  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (data->events, g_object_ref (events->pdata[i]));

  if ((checkins = tm_store_list_checkins (store, options->from, options->to, error)) == NULL)
    return NULL;
  count_written_later (data, checkins);
  if (tm_report_options_has_section (options, TM_REPORT_SECTION_NOTES))
    for (guint i = 0; i < checkins->len; i++)
      if (((TmCheckin *) checkins->pdata[i])->note != NULL)
        g_ptr_array_add (data->notes, g_object_ref (checkins->pdata[i]));

  g_strfreev (data->pin_resets);
  data->pin_resets = tm_clinician_list_resets (store);

  add_attention (data, phq9);
  add_questionnaires (data, phq9, gad7);
  for (guint i = 0; i < followups->len; i++)
    g_ptr_array_add (data->followups, g_object_ref (followups->pdata[i]));
  add_missed (data);
  add_reviews (data, reviews);
  data->phq9 = latest (phq9);
  data->gad7 = latest (gad7);

  return g_steal_pointer (&data);
}
