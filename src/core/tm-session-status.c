/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How each session stands against the plan: on the day, early or late by
 * so many days, or beyond the plan; above the plan's dose; by another
 * route; and how many days after the dose before it. The timing comes
 * from the schedule's matching; the dose and route are held against the
 * plan of the planned day the session matched, so a 60 mg dose taken two
 * days early for the first day of a new 60 mg plan is not above it. */
#define G_LOG_DOMAIN "tm-session-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-session-status.h"

/* A dose above the plan's by more than this is above it (doses are kept to
 * a hundredth of a milligram). */
#define DOSE_EPSILON 1e-6

typedef struct
{
  guint  index;
  gint64 time;
} ByTime;

static int
compare_by_time (gconstpointer a,
                 gconstpointer b)
{
  const ByTime *ta = a, *tb = b;

  if (ta->time != tb->time)
    return ta->time < tb->time ? -1 : 1;
  return (ta->index > tb->index) - (ta->index < tb->index);
}

/* The timing, and the plan the dose and route are held against. */
static void
match_plan (TmSessionStatus  *status,
            const TmSchedule *schedule,
            GPtrArray        *plans,
            guint             index,
            const char       *day)
{
  int planned = index < schedule->session_planned->len
                ? g_array_index (schedule->session_planned, int, index) : -1;
  const TmPlan *plan;

  if (planned >= 0)
    {
      const TmPlannedDay *p = &g_array_index (schedule->planned, TmPlannedDay, planned);
      int offset = tm_day_diff (p->day, day);

      g_strlcpy (status->planned_day, p->day, sizeof status->planned_day);
      status->timing = offset == 0 ? TM_TIMING_ON_THE_DAY : offset < 0 ? TM_TIMING_EARLY : TM_TIMING_LATE;
      status->days_off = ABS (offset);
      plan = p->plan;
    }
  else
    {
      plan = tm_schedule_plan_on (plans, day);
      status->timing = plan != NULL ? TM_TIMING_BEYOND_PLAN : TM_TIMING_NO_PLAN;
    }

  if (plan != NULL)
    {
      status->has_plan = TRUE;
      status->plan_dose_mg = plan->dose_mg;
      status->plan_route = plan->route;
    }
}

/**
 * tm_session_status_list:
 * @schedule: made from @plans and @sessions
 * @plans: (element-type TmPlan): every plan row
 * @sessions: (element-type TmSession): every session, in the order
 *   @schedule was made with
 *
 * Returns: (transfer full) (element-type TmSessionStatus): one for each of
 *   @sessions, in their order
 */
GArray *
tm_session_status_list (const TmSchedule *schedule,
                        GPtrArray        *plans,
                        GPtrArray        *sessions)
{
  guint n = sessions != NULL ? sessions->len : 0;
  GArray *list = g_array_new (FALSE, TRUE, sizeof (TmSessionStatus));
  g_autoptr(GArray) by_time = g_array_sized_new (FALSE, TRUE, sizeof (ByTime), n);
  g_autofree char *previous_day = NULL;

  g_return_val_if_fail (schedule != NULL, list);

  g_array_set_size (list, n);
  for (guint i = 0; i < n; i++)
    {
      const TmSession *s = sessions->pdata[i];
      TmSessionStatus *status = &g_array_index (list, TmSessionStatus, i);
      g_autofree char *day = tm_session_get_day (s);
      ByTime t = { i, tm_session_get_unix_time (s) };

      status->days_since_previous = -1;
      g_array_append_val (by_time, t);
      if (day == NULL)
        continue;

      match_plan (status, schedule, plans, i, day);
      status->above_dose = status->has_plan && s->dose_mg > status->plan_dose_mg + DOSE_EPSILON;
      status->route_differs = status->has_plan && s->route != status->plan_route;
    }

  /* Days since the dose before, each on the day it was taken where it was
   * taken; a flight west can make the later one's day the earlier. */
  g_array_sort (by_time, compare_by_time);
  for (guint k = 0; k < by_time->len; k++)
    {
      guint i = g_array_index (by_time, ByTime, k).index;
      g_autofree char *day = tm_session_get_day (sessions->pdata[i]);

      if (day == NULL)
        continue;
      if (previous_day != NULL)
        g_array_index (list, TmSessionStatus, i).days_since_previous = MAX (0, tm_day_diff (previous_day, day));
      g_free (previous_day);
      previous_day = g_steal_pointer (&day);
    }

  return list;
}

static const char *
describe_timing (const TmSessionStatus *status,
                 char                 **owned)
{
  switch (status->timing)
    {
    case TM_TIMING_ON_THE_DAY:
      /* Translators: a session taken on its planned day */
      return _("on the day");
    case TM_TIMING_EARLY:
      /* Translators: a session taken before its planned day, within the days that count as on time */
      return *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "early (%d day)", "early (%d days)",
                                                    status->days_off),
                                       status->days_off);
    case TM_TIMING_LATE:
      /* Translators: a session taken after its planned day, within the days allowed */
      return *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "late (%d day)", "late (%d days)",
                                                    status->days_off),
                                       status->days_off);
    case TM_TIMING_BEYOND_PLAN:
      return _("beyond the plan");
    case TM_TIMING_NO_PLAN:
    default:
      /* Translators: a session taken when the clinician had entered no plan */
      return _("no plan in force");
    }
}

/**
 * tm_session_status_describe:
 *
 * Returns: the status in words: "early (2 days) · above the plan's dose ·
 *   route differs"
 */
char *
tm_session_status_describe (const TmSessionStatus *status)
{
  g_autofree char *owned = NULL;
  GString *text = g_string_new (describe_timing (status, &owned));

  if (status->above_dose)
    {
      g_string_append (text, " · ");
      g_string_append (text, _("above the plan's dose"));
    }
  if (status->route_differs)
    {
      g_string_append (text, " · ");
      /* Translators: a session taken by another route than the plan's */
      g_string_append (text, _("route differs"));
    }
  return g_string_free (text, FALSE);
}

/**
 * tm_session_status_describe_since:
 *
 * Returns: (nullable): "14 days since the previous dose", or %NULL for the
 *   first session
 */
char *
tm_session_status_describe_since (const TmSessionStatus *status)
{
  int days = status->days_since_previous;

  if (days < 0)
    return NULL;
  if (days == 0)
    return g_strdup (_("the same day as the previous dose"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day since the previous dose",
                                       "%d days since the previous dose", days),
                          days);
}

/* Beyond the plan, above its dose or by another route: what the report's
 * first page lists. */
gboolean
tm_session_status_needs_attention (const TmSessionStatus *status)
{
  return status->timing == TM_TIMING_BEYOND_PLAN || status->above_dose || status->route_differs;
}
