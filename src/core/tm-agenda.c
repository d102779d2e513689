/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The agenda of a review (DESIGN.md, Review with the therapist), worked
 * out from the record with the rules core already has: the schedule's
 * matching and the sessions' status against the plan (tm-schedule.c,
 * tm-session-status.c, as the report's "Needs attention"), the rolling
 * mean of Definitions (tm_safety_rolling_mean ()). */
#define G_LOG_DOMAIN "tm-agenda"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-agenda.h"
#include "tm-safety.h"
#include "tm-session-status.h"

/* A rolling mean is a mean of at most 7 whole numbers: anything closer to
 * the threshold than this is on it. */
#define SHIFT_EPSILON 1e-9

static void
item_free (gpointer pointer)
{
  TmAgendaItem *item = pointer;

  g_clear_object (&item->record);
  g_free (item->title);
  g_free (item->detail);
  g_free (item);
}

void
tm_agenda_free (TmAgenda *agenda)
{
  if (agenda == NULL)
    return;

  g_clear_pointer (&agenda->items, g_ptr_array_unref);
  g_free (agenda);
}

/* Takes @title and @detail. */
static TmAgendaItem *
add_item (TmAgenda     *agenda,
          TmAgendaKind  kind,
          const char   *day,
          gpointer      record,
          char         *title,
          char         *detail)
{
  TmAgendaItem *item = g_new0 (TmAgendaItem, 1);

  item->kind = kind;
  if (day != NULL)
    g_strlcpy (item->day, day, sizeof item->day);
  item->record = record != NULL ? g_object_ref (record) : NULL;
  item->title = title;
  item->detail = detail;
  g_ptr_array_add (agenda->items, item);
  return item;
}

/* "since 3 November", or "from 3 November to 1 December" for a period
 * that ended before today. */
static char *
describe_period (const TmAgenda *agenda)
{
  g_autofree char *from = tm_day_format_short (agenda->from);
  g_autofree char *to = NULL;

  if (strcmp (agenda->to, agenda->today) >= 0)
    /* Translators: the period of a review that runs to today, ending a
     * sentence such as "No safety prompts since 3 November." */
    return g_strdup_printf (C_("review agenda", "since %s"), from);

  to = tm_day_format_short (agenda->to);
  /* Translators: the period of a review, ending a sentence such as
   * "No safety prompts from 3 November to 1 December." */
  return g_strdup_printf (C_("review agenda", "from %s to %s"), from, to);
}

/* Says plainly that there is nothing of @kind; takes @sentence. */
static void
add_empty (TmAgenda     *agenda,
           TmAgendaKind  kind,
           char         *sentence)
{
  TmAgendaItem *item = add_item (agenda, kind, NULL, NULL, sentence, NULL);

  item->empty = TRUE;
}

static gboolean
day_in (const TmAgenda *agenda,
        const char     *day)
{
  return day != NULL && strcmp (day, agenda->from) >= 0 && strcmp (day, agenda->to) <= 0;
}

/* The last day of the period that has come: days after it can't have
 * been missed yet. */
static const char *
last_day_so_far (const TmAgenda *agenda)
{
  return strcmp (agenda->to, agenda->today) < 0 ? agenda->to : agenda->today;
}

/* Safety prompts */

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const TmSafetyEvent *ea = *(TmSafetyEvent * const *) a;
  const TmSafetyEvent *eb = *(TmSafetyEvent * const *) b;
  g_autoptr(GDateTime) ta = NULL;
  g_autoptr(GDateTime) tb = NULL;

  if (ea->level != eb->level)
    return ea->level > eb->level ? -1 : 1;
  ta = tm_instant_parse (ea->shown_at);
  tb = tm_instant_parse (eb->shown_at);
  if (ta != NULL && tb != NULL && g_date_time_compare (ta, tb) != 0)
    return g_date_time_compare (ta, tb);
  return (ea->id > eb->id) - (ea->id < eb->id);
}

static char *
describe_event (const TmSafetyEvent *e,
                const char          *day)
{
  g_autofree char *date = tm_day_format_short (day);
  TmAnswer answer;

  if (e->answer != NULL && tm_answer_from_string (e->answer, &answer))
    /* Translators: a safety prompt in a review's agenda: "Urgent, shown on 3 November.
     * Answered: I need help now." */
    return g_strdup_printf (_("%s, shown on %s. Answered: %s."), tm_level_get_label (e->level), date,
                            tm_answer_get_label (answer));
  /* Translators: a safety prompt in a review's agenda: "Caution, shown on 3 November. Not answered." */
  return g_strdup_printf (_("%s, shown on %s. Not answered."), tm_level_get_label (e->level), date);
}

static void
add_safety (TmAgenda            *agenda,
            const TmChartRecord *record)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autofree char *period = describe_period (agenda);

  for (guint i = 0; record->events != NULL && i < record->events->len; i++)
    {
      TmSafetyEvent *e = record->events->pdata[i];
      g_autofree char *day = tm_instant_local_day (e->shown_at);

      if (day_in (agenda, day))
        g_ptr_array_add (events, e);
    }
  g_ptr_array_sort (events, compare_events);

  for (guint i = 0; i < events->len; i++)
    {
      TmSafetyEvent *e = events->pdata[i];
      g_autofree char *day = tm_instant_local_day (e->shown_at);

      add_item (agenda, TM_AGENDA_SAFETY, day, e, g_strdup (tm_rule_get_name (e->rule)),
                describe_event (e, day));
    }
  if (events->len == 0)
    /* Translators: %s is "since 3 November" or "from 3 November to 1 December" */
    add_empty (agenda, TM_AGENDA_SAFETY, g_strdup_printf (_("No safety prompts %s."), period));
}

/* Sessions against the plan */

/* "60 mg sublingual on 3 November" */
static char *
describe_session (const TmSession *session,
                  const char      *day)
{
  g_autofree char *dose = tm_format_dose (session->dose_mg);
  g_autofree char *route = g_utf8_strdown (tm_route_get_label (session->route), -1);
  g_autofree char *date = tm_day_format_short (day);

  /* Translators: a session in a review's agenda: "60 mg sublingual on 3 November" */
  return g_strdup_printf (C_("review agenda", "%s mg %s on %s"), dose, route, date);
}

static void
add_beyond_plan (TmAgenda            *agenda,
                 const TmChartRecord *record,
                 const TmSchedule    *schedule)
{
  g_autoptr(GArray) statuses = tm_session_status_list (schedule, record->plans, record->sessions);
  g_autofree char *period = describe_period (agenda);
  guint n = 0;

  for (guint i = 0; i < record->sessions->len; i++)
    {
      TmSession *s = record->sessions->pdata[i];
      const TmSessionStatus *status = &g_array_index (statuses, TmSessionStatus, i);
      g_autofree char *day = tm_session_get_day (s);
      g_autofree char *words = NULL;
      char *detail;

      if (!day_in (agenda, day) || !tm_session_status_needs_attention (status))
        continue;
      words = tm_session_status_describe (status);
      if (status->has_plan)
        {
          g_autofree char *plan_dose = tm_format_dose (status->plan_dose_mg);
          g_autofree char *plan_route = g_utf8_strdown (tm_route_get_label (status->plan_route), -1);

          /* Translators: "Beyond the plan · above the plan's dose. The plan: 50 mg sublingual." */
          detail = g_strdup_printf (_("%s. The plan: %s mg %s."), words, plan_dose, plan_route);
        }
      else
        detail = g_strdup_printf ("%s.", words);
      /* Capitalized as a sentence's start, whatever the language. */
      if (detail[0] != '\0')
        {
          g_autofree char *first = g_utf8_strup (detail, g_utf8_next_char (detail) - detail);
          char *capitalized = g_strconcat (first, g_utf8_next_char (detail), NULL);

          g_free (detail);
          detail = capitalized;
        }
      add_item (agenda, TM_AGENDA_BEYOND_PLAN, day, s, describe_session (s, day), detail);
      n++;
    }
  if (n == 0)
    /* Translators: %s is "since 3 November" or "from 3 November to 1 December" */
    add_empty (agenda, TM_AGENDA_BEYOND_PLAN, g_strdup_printf (_("No sessions beyond the plan or above its dose %s."), period));
}

static void
add_planned (TmAgenda            *agenda,
             const TmChartRecord *record,
             const TmSchedule    *schedule)
{
  g_autofree char *period = describe_period (agenda);
  guint n = 0;

  for (guint j = 0; j < schedule->planned->len; j++)
    {
      const TmPlannedDay *p = &g_array_index (schedule->planned, TmPlannedDay, j);
      g_autofree char *date = NULL;

      if (!day_in (agenda, p->day) || (p->status != TM_PLANNED_MISSED && p->status != TM_PLANNED_LATE))
        continue;
      date = tm_day_format_short (p->day);
      if (p->status == TM_PLANNED_MISSED)
        {
          g_autofree char *first = tm_day_add (p->day, -p->tolerance);
          g_autofree char *last = tm_day_add (p->day, p->tolerance);
          g_autofree char *first_date = tm_day_format_short (first);
          g_autofree char *last_date = tm_day_format_short (last);

          add_item (agenda, TM_AGENDA_PLANNED, p->day, NULL,
                    /* Translators: "Planned session of 3 November missed" */
                    g_strdup_printf (_("Planned session of %s missed"), date),
                    p->tolerance > 0
                      /* Translators: "No session was logged from 1 November to 5 November." */
                      ? g_strdup_printf (_("No session was logged from %s to %s."), first_date, last_date)
                      : g_strdup_printf (_("No session was logged on %s."), date));
        }
      else
        {
          TmSession *s = p->session >= 0 ? record->sessions->pdata[p->session] : NULL;
          g_autofree char *day = s != NULL ? tm_session_get_day (s) : NULL;
          int late = day != NULL ? tm_day_diff (p->day, day) : 0;
          g_autofree char *taken = day != NULL ? tm_day_format_short (day) : NULL;

          add_item (agenda, TM_AGENDA_PLANNED, p->day, s,
                    /* Translators: "Planned session of 3 November taken late" */
                    g_strdup_printf (_("Planned session of %s taken late"), date),
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Taken on %s, %d day after the planned day.",
                                                  "Taken on %s, %d days after the planned day.", late),
                                     taken != NULL ? taken : date, late));
        }
      n++;
    }
  if (n == 0)
    /* Translators: %s is "since 3 November" or "from 3 November to 1 December" */
    add_empty (agenda, TM_AGENDA_PLANNED, g_strdup_printf (_("No missed or late planned sessions %s."), period));
}

/* Questionnaires, response and remission */

static char *
describe_total (const TmQuestionnaire *q)
{
  g_autofree char *date = tm_day_format_short (q->day);

  /* Translators: "12 (moderate) on 3 November" */
  return g_strdup_printf (C_("review agenda", "%d (%s) on %s"), q->total, tm_band_get_label (tm_questionnaire_band (q->kind, q->total)), date);
}

/* The first and last questionnaire of @kind in the period. */
static guint
find_first_last (const TmAgenda      *agenda,
                 const TmChartRecord *record,
                 TmQuestionnaireKind  kind,
                 TmQuestionnaire    **first,
                 TmQuestionnaire    **last)
{
  guint n = 0;

  *first = *last = NULL;
  for (guint i = 0; record->questionnaires != NULL && i < record->questionnaires->len; i++)
    {
      TmQuestionnaire *q = record->questionnaires->pdata[i];

      if (q->kind != kind || !day_in (agenda, q->day))
        continue;
      n++;
      if (*first == NULL || strcmp (q->day, (*first)->day) < 0 ||
          (strcmp (q->day, (*first)->day) == 0 && q->id < (*first)->id))
        *first = q;
      if (*last == NULL || strcmp (q->day, (*last)->day) > 0 ||
          (strcmp (q->day, (*last)->day) == 0 && q->id > (*last)->id))
        *last = q;
    }
  return n;
}

static void
add_questionnaire (TmAgenda            *agenda,
                   const TmChartRecord *record,
                   TmQuestionnaireKind  kind)
{
  const char *name = tm_questionnaire_kind_get_name (kind);
  TmQuestionnaire *first, *last;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int change;
  char *detail;

  if (find_first_last (agenda, record, kind, &first, &last) == 0)
    {
      g_autofree char *period = describe_period (agenda);

      /* Translators: "No PHQ-9 since 3 November.": the questionnaire, then "since 3 November"
       * or "from 3 November to 1 December" */
      add_empty (agenda, TM_AGENDA_QUESTIONNAIRE, g_strdup_printf (C_("review agenda", "No %s %s."), name, period));
      return;
    }

  to = describe_total (last);
  if (first == last)
    {
      add_item (agenda, TM_AGENDA_QUESTIONNAIRE, last->day, last,
                /* Translators: "PHQ-9: 12" */
                g_strdup_printf (C_("review agenda", "%s: %d"), name, last->total),
                /* Translators: "One total in this period: 12 (moderate) on 3 November." */
                g_strdup_printf (_("One total in this period: %s."), to));
      return;
    }

  from = describe_total (first);
  change = last->total - first->total;
  if (change == 0)
    /* Translators: "From 12 (moderate) on 3 November to 12 (moderate) on 24 November: no change." */
    detail = g_strdup_printf (_("From %s to %s: no change."), from, to);
  else
    detail = g_strdup_printf (change < 0
                                /* Translators: "From 15 (…) on 3 November to 9 (…) on 24 November: 6 points
                                 * lower (lower is better)." */
                                ? g_dngettext (GETTEXT_PACKAGE, "From %s to %s: %d point lower (lower is better).",
                                               "From %s to %s: %d points lower (lower is better).", ABS (change))
                                : g_dngettext (GETTEXT_PACKAGE, "From %s to %s: %d point higher (lower is better).",
                                               "From %s to %s: %d points higher (lower is better).", ABS (change)),
                              from, to, ABS (change));
  add_item (agenda, TM_AGENDA_QUESTIONNAIRE, last->day, last,
            /* Translators: "PHQ-9: 15 → 9" */
            g_strdup_printf (C_("review agenda", "%s: %d → %d"), name, first->total, last->total), detail);
}

static void
add_response_remission (TmAgenda            *agenda,
                        const TmChartRecord *record)
{
  TmQuestionnaire *first, *last;
  g_autofree char *total = NULL;

  tm_phq9_find_baseline (record->plans, record->questionnaires, &agenda->phq9_baseline);
  if (find_first_last (agenda, record, TM_QUESTIONNAIRE_PHQ9, &first, &last) == 0)
    return;

  total = describe_total (last);
  agenda->response = tm_phq9_is_response (agenda->phq9_baseline.total, last->total);
  agenda->remission = tm_phq9_is_remission (last->total);

  if (agenda->response)
    {
      g_autofree char *baseline = tm_phq9_baseline_describe (&agenda->phq9_baseline);
      int percent = (int) floor (100.0 * (agenda->phq9_baseline.total - last->total) /
                                 agenda->phq9_baseline.total);

      add_item (agenda, TM_AGENDA_RESPONSE, last->day, last,
                g_strdup (_("PHQ-9 down by half or more")),
                /* Translators: "The last PHQ-9, 10 (moderate) on 24 November, is 50 % below the
                 * baseline: the pre-treatment PHQ-9 entered in the plan (20)." */
                g_strdup_printf (_("The last PHQ-9, %s, is %d %% below the baseline: %s."), total, percent,
                                 baseline));
    }
  if (agenda->remission)
    add_item (agenda, TM_AGENDA_REMISSION, last->day, last,
              g_strdup (_("PHQ-9 below 5")),
              /* Translators: "The last PHQ-9, 4 (minimal) on 24 November, is below 5." */
              g_strdup_printf (_("The last PHQ-9, %s, is below 5."), total));
}

/* Mood shifts */

static gboolean
rolling_mean (const TmChartRecord *record,
              const char          *day,
              double              *mean)
{
  return tm_safety_rolling_mean (record->checkins, day, TM_S6_RECENT_DAYS - 1, 0, TM_S6_RECENT_MIN_DAYS, mean);
}

/* The direction of the week's shift on @day: 1 up, -1 down, 0 none. */
static int
shift_on (const TmChartRecord *record,
          const char          *day,
          double              *now,
          double              *before)
{
  g_autofree char *week_before = tm_day_add (day, -TM_AGENDA_SHIFT_DAYS);

  if (!rolling_mean (record, day, now) || !rolling_mean (record, week_before, before))
    return 0;
  if (*now - *before >= TM_AGENDA_SHIFT_POINTS - SHIFT_EPSILON)
    return 1;
  if (*before - *now >= TM_AGENDA_SHIFT_POINTS - SHIFT_EPSILON)
    return -1;
  return 0;
}

static TmCheckin *
checkin_on (const TmChartRecord *record,
            const char          *day)
{
  for (guint i = 0; record->checkins != NULL && i < record->checkins->len; i++)
    if (strcmp (((TmCheckin *) record->checkins->pdata[i])->day, day) == 0)
      return record->checkins->pdata[i];
  return NULL;
}

static void
add_shift (TmAgenda            *agenda,
           const TmChartRecord *record,
           const char          *day,
           int                  direction,
           double               now,
           double              before,
           int                  n_days)
{
  g_autofree char *date = tm_day_format_short (day);
  char *detail;

  /* Translators: "From 12 November the 7-day mean mood was 6.3, 2.1 points higher than a week before
   * (4.2); for 3 days running." Both means are 7-day rolling means. */
  detail = g_strdup_printf (direction > 0
                              ? g_dngettext (GETTEXT_PACKAGE,
                                             "From %s the 7-day mean mood was %.1f, %.1f points higher than a "
                                             "week before (%.1f); for %d day.",
                                             "From %s the 7-day mean mood was %.1f, %.1f points higher than a "
                                             "week before (%.1f); for %d days running.", n_days)
                              : g_dngettext (GETTEXT_PACKAGE,
                                             "From %s the 7-day mean mood was %.1f, %.1f points lower than a "
                                             "week before (%.1f); for %d day.",
                                             "From %s the 7-day mean mood was %.1f, %.1f points lower than a "
                                             "week before (%.1f); for %d days running.", n_days),
                            date, now, fabs (now - before), before, n_days);
  add_item (agenda, TM_AGENDA_MOOD_SHIFT, day, checkin_on (record, day),
            g_strdup (direction > 0 ? _("Mood higher than a week before") : _("Mood lower than a week before")),
            detail);
}

/* Each run of consecutive days with a shift the same way, once, with
 * its first day's means. */
static void
add_mood_shifts (TmAgenda            *agenda,
                 const TmChartRecord *record)
{
  int n_days = tm_day_diff (agenda->from, last_day_so_far (agenda)) + 1;
  g_autofree char *period = describe_period (agenda);
  g_autofree char *run_day = NULL;
  int run_direction = 0, run_days = 0;
  double run_now = 0, run_before = 0;
  guint n = 0;

  for (int i = 0; i < n_days; i++)
    {
      g_autofree char *day = tm_day_add (agenda->from, i);
      double now = NAN, before = NAN;
      int direction = shift_on (record, day, &now, &before);

      if (direction != run_direction)
        {
          if (run_direction != 0)
            add_shift (agenda, record, run_day, run_direction, run_now, run_before, run_days), n++;
          g_free (run_day);
          run_day = g_strdup (day);
          run_direction = direction;
          run_now = now, run_before = before, run_days = 0;
        }
      if (direction != 0)
        run_days++;
    }
  if (run_direction != 0)
    add_shift (agenda, record, run_day, run_direction, run_now, run_before, run_days), n++;

  if (n == 0)
    /* Translators: %s is "since 3 November" or "from 3 November to 1 December" */
    add_empty (agenda, TM_AGENDA_MOOD_SHIFT, g_strdup_printf (_("No week-to-week change of 2 points or more in the 7-day mean mood %s."), period));
}

/* Days without a check-in */

static void
add_no_checkin (TmAgenda            *agenda,
                const TmChartRecord *record)
{
  const char *last = last_day_so_far (agenda);
  int n_days = tm_day_diff (agenda->from, last) + 1;
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *period = describe_period (agenda);
  int missing;

  if (n_days <= 0)
    {
      add_empty (agenda, TM_AGENDA_NO_CHECKIN, g_strdup_printf (_("No days to check in yet %s."), period));
      return;
    }
  for (guint i = 0; record->checkins != NULL && i < record->checkins->len; i++)
    {
      TmCheckin *c = record->checkins->pdata[i];

      if (strcmp (c->day, agenda->from) >= 0 && strcmp (c->day, last) <= 0)
        g_hash_table_add (days, c->day);
    }
  missing = n_days - (int) g_hash_table_size (days);
  if (missing == 0)
    {
      /* Translators: %s is "since 3 November" or "from 3 November to 1 December" */
      add_empty (agenda, TM_AGENDA_NO_CHECKIN, g_strdup_printf (_("A check-in on every day %s."), period));
      return;
    }
  add_item (agenda, TM_AGENDA_NO_CHECKIN, NULL, NULL,
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day without a check-in",
                                          "%d days without a check-in", missing), missing),
            /* Translators: "Check-ins on 16 of 28 days." */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Check-ins on %d of %d day.",
                                          "Check-ins on %d of %d days.", n_days),
                             n_days - missing, n_days));
}

/* Entries marked to discuss */

typedef struct
{
  char     day[TM_DAY_LEN + 1];
  gint64   time;      /* a session's; 0 for a check-in, which comes first on its day */
  GObject *record;
} Flagged;

static int
compare_flagged (gconstpointer a,
                 gconstpointer b)
{
  const Flagged *fa = a, *fb = b;
  int order = strcmp (fa->day, fb->day);

  if (order != 0)
    return order;
  return (fa->time > fb->time) - (fa->time < fb->time);
}

static void
add_discuss (TmAgenda            *agenda,
             const TmChartRecord *record)
{
  g_autoptr(GArray) flagged = g_array_new (FALSE, TRUE, sizeof (Flagged));
  g_autofree char *period = describe_period (agenda);

  for (guint i = 0; record->checkins != NULL && i < record->checkins->len; i++)
    {
      TmCheckin *c = record->checkins->pdata[i];
      Flagged f = { .time = G_MININT64, .record = G_OBJECT (c) };

      if (!c->discuss || !day_in (agenda, c->day))
        continue;
      g_strlcpy (f.day, c->day, sizeof f.day);
      g_array_append_val (flagged, f);
    }
  for (guint i = 0; record->sessions != NULL && i < record->sessions->len; i++)
    {
      TmSession *s = record->sessions->pdata[i];
      g_autofree char *day = tm_session_get_day (s);
      Flagged f = { .time = tm_session_get_unix_time (s), .record = G_OBJECT (s) };

      if (!s->discuss || !day_in (agenda, day))
        continue;
      g_strlcpy (f.day, day, sizeof f.day);
      g_array_append_val (flagged, f);
    }
  g_array_sort (flagged, compare_flagged);

  for (guint i = 0; i < flagged->len; i++)
    {
      const Flagged *f = &g_array_index (flagged, Flagged, i);
      g_autofree char *date = tm_day_format_short (f->day);
      const char *note;
      char *title;
      TmAgendaItem *item;

      if (TM_IS_CHECKIN (f->record))
        {
          /* Translators: "Check-in of 12 November" */
          title = g_strdup_printf (C_("review agenda", "Check-in of %s"), date);
          note = TM_CHECKIN (f->record)->note;
        }
      else
        {
          g_autofree char *session = describe_session (TM_SESSION (f->record), f->day);

          /* Translators: "Session: 60 mg sublingual on 3 November" */
          title = g_strdup_printf (C_("review agenda", "Session: %s"), session);
          note = TM_SESSION (f->record)->note;
        }
      item = add_item (agenda, TM_AGENDA_DISCUSS, f->day, f->record, title,
                       g_strdup (note != NULL ? note : _("Marked to bring up, without a note.")));
      item->detail_is_note = note != NULL;
    }
  if (flagged->len == 0)
    /* Translators: %s is "since 3 November" or "from 3 November to 1 December" */
    add_empty (agenda, TM_AGENDA_DISCUSS, g_strdup_printf (_("Nothing marked to bring up %s."), period));
}

/* Earlier reviews */

static void
add_review_notes (TmAgenda  *agenda,
                  GPtrArray *reviews)
{
  g_autoptr(GPtrArray) current = tm_review_list_newest_first (reviews);
  guint n = 0;

  for (guint i = 0; i < current->len && n < TM_AGENDA_REVIEW_NOTES; i++)
    {
      TmReview *review = current->pdata[i];

      /* A review of days after the period is not an earlier one. */
      if (strcmp (review->period_from, agenda->to) > 0)
        continue;
      TmAgendaItem *item = add_item (agenda, TM_AGENDA_REVIEW_NOTE, review->period_to, review,
                                     tm_review_describe (review),
                                     g_strdup (review->note != NULL ? review->note : _("No notes were written.")));

      item->detail_is_note = review->note != NULL;
      n++;
    }
  if (n == 0)
    {
      TmAgendaItem *item = add_item (agenda, TM_AGENDA_REVIEW_NOTE, NULL, NULL,
                                     g_strdup (_("No earlier reviews.")), NULL);
      item->empty = TRUE;
    }
}

/**
 * tm_agenda_kind_get_heading:
 *
 * Returns: the heading of a part of the agenda: "Safety prompts"
 */
const char *
tm_agenda_kind_get_heading (TmAgendaKind kind)
{
  switch (kind)
    {
    case TM_AGENDA_SAFETY: return _("Safety prompts");
    case TM_AGENDA_BEYOND_PLAN: return _("Sessions beyond the plan");
    case TM_AGENDA_PLANNED: return _("Missed and late planned sessions");
    case TM_AGENDA_QUESTIONNAIRE: return _("Questionnaires");
    case TM_AGENDA_RESPONSE: return C_("review agenda", "Response");
    case TM_AGENDA_REMISSION: return C_("review agenda", "Remission");
    case TM_AGENDA_MOOD_SHIFT: return _("Mood shifts");
    case TM_AGENDA_NO_CHECKIN: return _("Days without a check-in");
    case TM_AGENDA_DISCUSS: return _("Marked to bring up");
    case TM_AGENDA_REVIEW_NOTE: return _("Earlier reviews");
    case TM_N_AGENDA_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * tm_agenda_new:
 * @record: the whole record (the rolling means read the 13 days before
 *   @from, a session's match and the baseline may lie before it)
 * @reviews: (element-type TmReview) (nullable): every review row
 * @from: the first day of the period
 * @to: the last day, inclusive
 * @today: the day that decides which windows have closed
 *
 * The agenda of a review of @from … @to. A pure function of its
 * arguments.
 */
TmAgenda *
tm_agenda_new (const TmChartRecord *record,
               GPtrArray           *reviews,
               const char          *from,
               const char          *to,
               const char          *today)
{
  TmAgenda *agenda;
  g_autoptr(TmSchedule) schedule = NULL;
  g_autofree char *until = NULL;
  g_autoptr(GPtrArray) no_sessions = g_ptr_array_new ();
  TmChartRecord all = *record;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (tm_day_is_valid (from) && tm_day_is_valid (to) && tm_day_is_valid (today), NULL);

  if (all.sessions == NULL)
    all.sessions = no_sessions;

  agenda = g_new0 (TmAgenda, 1);
  g_strlcpy (agenda->from, from, sizeof agenda->from);
  g_strlcpy (agenda->to, to, sizeof agenda->to);
  g_strlcpy (agenda->today, today, sizeof agenda->today);
  agenda->items = g_ptr_array_new_with_free_func (item_free);
  agenda->phq9_baseline.total = TM_UNSET;

  /* Planned against taken over the whole record, as the report works it out. */
  until = tm_day_add (strcmp (to, today) > 0 ? to : today, 2);
  schedule = tm_schedule_new (all.plans, all.plan_dates, all.sessions, until, today);

  add_safety (agenda, &all);
  add_beyond_plan (agenda, &all, schedule);
  add_planned (agenda, &all, schedule);
  add_questionnaire (agenda, &all, TM_QUESTIONNAIRE_PHQ9);
  add_questionnaire (agenda, &all, TM_QUESTIONNAIRE_GAD7);
  add_response_remission (agenda, &all);
  add_mood_shifts (agenda, &all);
  add_no_checkin (agenda, &all);
  add_discuss (agenda, &all);
  add_review_notes (agenda, reviews);
  return agenda;
}

/**
 * tm_agenda_new_from_store:
 *
 * The agenda of a review of @from … @to from what @store holds, today
 * being the local day now.
 */
TmAgenda *
tm_agenda_new_from_store (TmStore     *store,
                          const char  *from,
                          const char  *to,
                          GError     **error)
{
  g_autofree char *today = tm_day_today ();
  /* The rolling mean a week before the first day reads 13 days back. */
  g_autofree char *before = tm_day_add (from, -(2 * TM_AGENDA_SHIFT_DAYS - 1));
  g_autoptr(TmChartRecord) record = g_new0 (TmChartRecord, 1);
  g_autoptr(GPtrArray) reviews = NULL;

  g_return_val_if_fail (TM_IS_STORE (store), NULL);

  if ((record->checkins = tm_store_list_checkins (store, before, to, error)) == NULL ||
      (record->sessions = tm_store_list_sessions (store, NULL, NULL, error)) == NULL ||
      (record->plans = tm_store_list_plans (store, error)) == NULL ||
      (record->plan_dates = tm_store_list_plan_dates (store, error)) == NULL ||
      (record->events = tm_store_list_safety_events (store, from, to, error)) == NULL ||
      (record->questionnaires = tm_store_list_questionnaires (store, -1, NULL, NULL, error)) == NULL ||
      (reviews = tm_store_list_reviews (store, error)) == NULL)
    return NULL;

  return tm_agenda_new (record, reviews, from, to, today);
}

/* The items of @kind that are there (not the sentence saying there are none). */
guint
tm_agenda_count (const TmAgenda *agenda,
                 TmAgendaKind    kind)
{
  guint n = 0;

  for (guint i = 0; i < agenda->items->len; i++)
    {
      const TmAgendaItem *item = agenda->items->pdata[i];

      n += item->kind == kind && !item->empty;
    }
  return n;
}
