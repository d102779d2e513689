/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Planned days and how the sessions taken match them.
 *
 * Each plan row starts a series on its effective_from and repeats every
 * interval_days until the next row's effective_from. One-off extra dates
 * are added and cancelled dates removed. A planned day p has the window
 * [p − tolerance, p + tolerance]; each session, oldest first, matches the
 * earliest unmatched planned day whose window holds its day: on time when
 * taken on or before p, late after it. A window that closed unmatched is
 * missed, one open now is due; a session that matches nothing is extra. */
#define G_LOG_DOMAIN "tm-schedule"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tm-safety.h"
#include "tm-schedule.h"

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  const TmPlan *pa = *(const TmPlan * const *) a;
  const TmPlan *pb = *(const TmPlan * const *) b;
  int cmp = strcmp (pa->effective_from, pb->effective_from);

  if (cmp != 0)
    return cmp;
  return (pa->id > pb->id) - (pa->id < pb->id);
}

static GPtrArray *
sorted_plans (GPtrArray *plans)
{
  GPtrArray *sorted = g_ptr_array_new ();

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    g_ptr_array_add (sorted, plans->pdata[i]);
  g_ptr_array_sort (sorted, compare_plans);

  return sorted;
}

/**
 * tm_schedule_plan_on:
 * @plans: (element-type TmPlan): every plan row, in any order
 *
 * Returns: (transfer none) (nullable): the plan in force on @day
 */
const TmPlan *
tm_schedule_plan_on (GPtrArray  *plans,
                     const char *day)
{
  const TmPlan *best = NULL;

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      const TmPlan *plan = plans->pdata[i];

      if (strcmp (plan->effective_from, day) > 0)
        continue;
      if (best == NULL || compare_plans (&plan, &best) > 0)
        best = plan;
    }

  return best;
}

/**
 * tm_schedule_list_periods:
 * @plans: (element-type TmPlan): every plan row, in any order
 *
 * Each plan row is in force from its effective_from until the next row's;
 * a row entered later for the same day replaces the earlier one entirely.
 *
 * Returns: (transfer full) (element-type TmPlanPeriod): by date
 */
GArray *
tm_schedule_list_periods (GPtrArray *plans)
{
  g_autoptr(GPtrArray) sorted = sorted_plans (plans);
  GArray *periods = g_array_new (FALSE, TRUE, sizeof (TmPlanPeriod));

  for (guint i = 0; i < sorted->len; i++)
    {
      const TmPlan *plan = sorted->pdata[i];
      const TmPlan *next = i + 1 < sorted->len ? sorted->pdata[i + 1] : NULL;
      TmPlanPeriod period = { plan };

      if (next != NULL && strcmp (next->effective_from, plan->effective_from) == 0)
        continue;
      g_strlcpy (period.from, plan->effective_from, sizeof period.from);
      if (next != NULL)
        g_strlcpy (period.until, next->effective_from, sizeof period.until);
      g_array_append_val (periods, period);
    }

  return periods;
}

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const TmPlannedDay *) a)->day, ((const TmPlannedDay *) b)->day);
}

static gboolean
is_cancelled (GPtrArray  *plan_dates,
              const char *day)
{
  for (guint i = 0; plan_dates != NULL && i < plan_dates->len; i++)
    {
      const TmPlanDate *date = plan_dates->pdata[i];

      if (date->kind == TM_PLAN_DATE_CANCELLED && strcmp (date->day, day) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every planned day up to @to (inclusive), by day, before matching. */
static GArray *
generate (GPtrArray  *plans,
          GPtrArray  *plan_dates,
          const char *to)
{
  g_autoptr(GArray) periods = tm_schedule_list_periods (plans);
  GArray *planned = g_array_new (FALSE, TRUE, sizeof (TmPlannedDay));

  for (guint i = 0; i < periods->len; i++)
    {
      const TmPlanPeriod *period = &g_array_index (periods, TmPlanPeriod, i);
      const TmPlan *plan = period->plan;
      g_autofree char *day = g_strdup (period->from);

      while ((period->until[0] == '\0' || strcmp (day, period->until) < 0) && strcmp (day, to) <= 0)
        {
          if (!is_cancelled (plan_dates, day))
            {
              TmPlannedDay p = { 0 };

              g_strlcpy (p.day, day, sizeof p.day);
              p.plan = plan;
              p.tolerance = plan->tolerance_days;
              p.session = -1;
              g_array_append_val (planned, p);
            }

          {
            char *next = tm_day_add (day, plan->interval_days);
            g_free (day);
            day = next;
          }
        }
    }

  for (guint i = 0; plan_dates != NULL && i < plan_dates->len; i++)
    {
      const TmPlanDate *date = plan_dates->pdata[i];
      gboolean already = FALSE;

      if (date->kind != TM_PLAN_DATE_EXTRA || strcmp (date->day, to) > 0 ||
          is_cancelled (plan_dates, date->day))
        continue;

      for (guint j = 0; j < planned->len && !already; j++)
        already = strcmp (g_array_index (planned, TmPlannedDay, j).day, date->day) == 0;

      if (!already)
        {
          TmPlannedDay p = { 0 };

          g_strlcpy (p.day, date->day, sizeof p.day);
          p.plan = tm_schedule_plan_on (plans, date->day);
          p.tolerance = p.plan != NULL ? p.plan->tolerance_days : 0;
          p.extra = TRUE;
          p.session = -1;
          g_array_append_val (planned, p);
        }
    }

  g_array_sort (planned, compare_planned);
  return planned;
}

/**
 * tm_schedule_list_planned:
 * @plans: (element-type TmPlan): every plan row
 * @plan_dates: (element-type TmPlanDate) (nullable): the one-off dates
 *
 * Returns: (transfer full) (element-type TmPlannedDay): the planned days
 *   from @from to @to, inclusive; their status is not worked out
 */
GArray *
tm_schedule_list_planned (GPtrArray  *plans,
                          GPtrArray  *plan_dates,
                          const char *from,
                          const char *to)
{
  GArray *all = generate (plans, plan_dates, to);
  guint first = 0;

  while (first < all->len && strcmp (g_array_index (all, TmPlannedDay, first).day, from) < 0)
    first++;
  g_array_remove_range (all, 0, first);

  return all;
}

typedef struct
{
  guint  index;
  gint64 time;
  char  *day;
} SessionRef;

static int
compare_session_refs (gconstpointer a,
                      gconstpointer b)
{
  const SessionRef *sa = a, *sb = b;

  if (sa->time != sb->time)
    return sa->time < sb->time ? -1 : 1;
  return (sa->index > sb->index) - (sa->index < sb->index);
}

/**
 * tm_schedule_new:
 * @plans: (element-type TmPlan): every plan row
 * @plan_dates: (element-type TmPlanDate) (nullable): the one-off dates
 * @sessions: (element-type TmSession) (nullable): every session logged
 * @until: the last planned day to list
 * @today: the day that decides which windows have closed
 *
 * The plans keep being referenced by the result: keep them alive with it.
 */
TmSchedule *
tm_schedule_new (GPtrArray  *plans,
                 GPtrArray  *plan_dates,
                 GPtrArray  *sessions,
                 const char *until,
                 const char *today)
{
  TmSchedule *self = g_new0 (TmSchedule, 1);
  g_autoptr(GArray) refs = g_array_new (FALSE, TRUE, sizeof (SessionRef));
  guint n_sessions = sessions != NULL ? sessions->len : 0;
  int minus_one = -1;

  self->planned = generate (plans, plan_dates, until);
  self->session_status = g_array_new (FALSE, TRUE, sizeof (int));
  self->session_planned = g_array_new (FALSE, TRUE, sizeof (int));

  for (guint i = 0; i < n_sessions; i++)
    {
      SessionRef ref = { i, tm_session_get_unix_time (sessions->pdata[i]),
                         tm_session_get_day (sessions->pdata[i]) };

      g_array_append_val (refs, ref);
      g_array_append_val (self->session_status, minus_one);
      g_array_append_val (self->session_planned, minus_one);
    }
  g_array_sort (refs, compare_session_refs);

  /* Oldest session first; each takes the earliest open window holding it. */
  for (guint r = 0; r < refs->len; r++)
    {
      SessionRef *ref = &g_array_index (refs, SessionRef, r);

      if (ref->day == NULL)
        continue;

      for (guint j = 0; j < self->planned->len; j++)
        {
          TmPlannedDay *p = &g_array_index (self->planned, TmPlannedDay, j);
          int offset;

          if (p->session >= 0)
            continue;

          offset = tm_day_diff (p->day, ref->day);
          if (offset < -p->tolerance || offset > p->tolerance)
            continue;

          p->session = (int) ref->index;
          p->status = offset <= 0 ? TM_PLANNED_ON_TIME : TM_PLANNED_LATE;
          g_array_index (self->session_status, int, ref->index) = (int) p->status;
          g_array_index (self->session_planned, int, ref->index) = (int) j;
          break;
        }
    }

  for (guint j = 0; j < self->planned->len; j++)
    {
      TmPlannedDay *p = &g_array_index (self->planned, TmPlannedDay, j);
      int until_today;

      if (p->session >= 0)
        continue;

      until_today = tm_day_diff (p->day, today);
      if (until_today > p->tolerance)
        p->status = TM_PLANNED_MISSED;
      else if (until_today >= -p->tolerance)
        p->status = TM_PLANNED_DUE;
      else
        p->status = TM_PLANNED_UPCOMING;
    }

  for (guint r = 0; r < refs->len; r++)
    g_free (g_array_index (refs, SessionRef, r).day);

  return self;
}

void
tm_schedule_free (TmSchedule *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->planned);
  g_array_unref (self->session_status);
  g_array_unref (self->session_planned);
  g_free (self);
}

/**
 * tm_schedule_adherence:
 * @sessions: (element-type TmSession): the sessions the schedule was made from
 *
 * Counts for the planned days and the sessions from @from to @to.
 */
TmAdherence
tm_schedule_adherence (const TmSchedule *self,
                       GPtrArray        *sessions,
                       const char       *from,
                       const char       *to)
{
  TmAdherence a = { 0 };

  for (guint j = 0; j < self->planned->len; j++)
    {
      const TmPlannedDay *p = &g_array_index (self->planned, TmPlannedDay, j);

      if (strcmp (p->day, from) < 0 || strcmp (p->day, to) > 0)
        continue;

      switch (p->status)
        {
        case TM_PLANNED_ON_TIME:
          a.on_time++;
          a.planned++;
          break;
        case TM_PLANNED_LATE:
          a.late++;
          a.planned++;
          break;
        case TM_PLANNED_MISSED:
          a.missed++;
          a.planned++;
          break;
        case TM_PLANNED_DUE:
          a.due++;
          break;
        case TM_PLANNED_UPCOMING:
        default:
          a.upcoming++;
          break;
        }
    }

  for (guint i = 0; sessions != NULL && i < sessions->len && i < self->session_status->len; i++)
    {
      g_autofree char *day = NULL;

      if (g_array_index (self->session_status, int, i) >= 0)
        continue;
      day = tm_session_get_day (sessions->pdata[i]);
      if (day != NULL && strcmp (day, from) >= 0 && strcmp (day, to) <= 0)
        a.extra++;
    }

  a.adherence = a.planned > 0 ? (double) (a.on_time + a.late) / a.planned : -1.0;
  return a;
}

/* The planned day @day, or NULL. */
const TmPlannedDay *
tm_schedule_find (const TmSchedule *self,
                  const char       *day)
{
  for (guint j = 0; j < self->planned->len; j++)
    if (strcmp (g_array_index (self->planned, TmPlannedDay, j).day, day) == 0)
      return &g_array_index (self->planned, TmPlannedDay, j);
  return NULL;
}

/* What Today talks about: the earliest planned day still due, else the
 * next upcoming one; NULL when nothing lies ahead. */
const TmPlannedDay *
tm_schedule_next (const TmSchedule *self,
                  const char       *today)
{
  for (guint j = 0; j < self->planned->len; j++)
    {
      const TmPlannedDay *p = &g_array_index (self->planned, TmPlannedDay, j);

      if (p->status == TM_PLANNED_DUE ||
          (p->status == TM_PLANNED_UPCOMING && strcmp (p->day, today) >= 0))
        return p;
    }
  return NULL;
}

/**
 * tm_schedule_get_pre_dose_instruction:
 * @plans: (element-type TmPlan): every plan
 * @day: the day of the dose
 * @systolic: the blood pressure before it, or TM_UNSET
 *
 * The prescriber's own words for a blood pressure before a dose, from the
 * plan of @day (DESIGN.md, The session day), when this one is above the
 * numbers of S5: shown word for word, never the app's advice.
 *
 * Returns: (transfer none) (nullable): the instruction, or %NULL
 */
const char *
tm_schedule_get_pre_dose_instruction (GPtrArray  *plans,
                                      const char *day,
                                      int         systolic,
                                      int         diastolic)
{
  const TmPlan *plan;

  if (plans == NULL || day == NULL || day[0] == '\0' || systolic == TM_UNSET ||
      !tm_safety_before_dose_is_high (systolic, diastolic) ||
      (plan = tm_schedule_plan_on (plans, day)) == NULL ||
      plan->pre_dose_instruction == NULL || plan->pre_dose_instruction[0] == '\0')
    return NULL;
  return plan->pre_dose_instruction;
}

/* Over the prescriber's words: theirs, about whichever numbers they wrote. */
const char *
tm_schedule_get_pre_dose_heading (void)
{
  return _("Your prescriber's instruction about blood pressure before a dose");
}
