/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts' data (DESIGN.md, Definitions): one entry per day of the
 * range with its ratings and 7-day rolling mean, the sessions and planned
 * days with their status, the plan periods, the safety events, the
 * after-dose curve and the questionnaire totals. */
#define G_LOG_DOMAIN "tm-chart-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-data.h"
#include "tm-interval.h"

#define ROLLING_DAYS      7
#define ROLLING_MIN_DAYS  4
#define NOTE_START_CHARS  80

static int
index_of (const char *from,
          const char *day)
{
  return tm_day_diff (from, day);
}

/* An empty record, its arrays owning what is added to them. */
TmChartRecord *
tm_chart_record_new (void)
{
  TmChartRecord *record = g_new0 (TmChartRecord, 1);

  record->checkins = g_ptr_array_new_with_free_func (g_object_unref);
  record->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  record->plans = g_ptr_array_new_with_free_func (g_object_unref);
  record->plan_dates = g_ptr_array_new_with_free_func (g_object_unref);
  record->events = g_ptr_array_new_with_free_func (g_object_unref);
  record->questionnaires = g_ptr_array_new_with_free_func (g_object_unref);
  record->reviews = g_ptr_array_new_with_free_func (g_object_unref);
  record->medicines = g_ptr_array_new_with_free_func (g_object_unref);
  return record;
}

void
tm_chart_record_free (TmChartRecord *record)
{
  if (record == NULL)
    return;

  g_clear_pointer (&record->checkins, g_ptr_array_unref);
  g_clear_pointer (&record->sessions, g_ptr_array_unref);
  g_clear_pointer (&record->plans, g_ptr_array_unref);
  g_clear_pointer (&record->plan_dates, g_ptr_array_unref);
  g_clear_pointer (&record->events, g_ptr_array_unref);
  g_clear_pointer (&record->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&record->reviews, g_ptr_array_unref);
  g_clear_pointer (&record->medicines, g_ptr_array_unref);
  g_free (record);
}

static void
clear_day (gpointer data)
{
  g_free (((TmChartDay *) data)->note_start);
}

/* The range's days, each without a check-in yet. */
static TmChartData *
new_range (const char *from,
           const char *to,
           const char *today)
{
  TmChartData *data = g_rc_box_new0 (TmChartData);

  g_strlcpy (data->from, from, sizeof data->from);
  g_strlcpy (data->to, to, sizeof data->to);
  g_strlcpy (data->today, today, sizeof data->today);
  data->n_days = MAX (1, tm_day_diff (from, to) + 1);
  data->today_index = tm_day_diff (from, today);
  data->mean_mood = NAN;

  data->days = g_array_sized_new (FALSE, TRUE, sizeof (TmChartDay), (guint) data->n_days);
  g_array_set_clear_func (data->days, clear_day);
  g_array_set_size (data->days, (guint) data->n_days);
  for (int i = 0; i < data->n_days; i++)
    {
      TmChartDay *d = &g_array_index (data->days, TmChartDay, i);
      g_autofree char *day = tm_day_add (from, i);

      g_strlcpy (d->day, day, sizeof d->day);
      d->mood = d->anxiety = d->energy = -1;
      d->rolling = NAN;
    }
  return data;
}

/* The ratings of each day, and the mean mood of the range. Returns the
 * check-ins in the range. */
static GPtrArray *
add_checkins (TmChartData         *data,
              const TmChartRecord *record)
{
  GPtrArray *in_range = g_ptr_array_new ();
  double sum = 0;

  for (guint i = 0; record->checkins != NULL && i < record->checkins->len; i++)
    {
      TmCheckin *c = record->checkins->pdata[i];
      int index = index_of (data->from, c->day);
      TmChartDay *d;

      if (index < 0 || index >= data->n_days)
        continue;
      d = &g_array_index (data->days, TmChartDay, index);
      d->mood = c->mood;
      d->anxiety = c->anxiety;
      d->energy = c->energy;
      d->note_start = tm_note_excerpt (c->note, NOTE_START_CHARS);
      g_ptr_array_add (in_range, c);
      sum += c->mood;
      data->n_checked_in++;
    }
  if (data->n_checked_in > 0)
    data->mean_mood = sum / data->n_checked_in;
  return in_range;
}

/* The rolling mean of each day (DESIGN.md, Definitions), which reads the
 * six days before the range too. */
static void
add_rolling_means (TmChartData         *data,
                   const TmChartRecord *record)
{
  int n = data->n_days + ROLLING_DAYS - 1;
  g_autofree int *moods = g_new (int, (gsize) n);
  int window_sum = 0, window_n = 0;

  /* moods[i] is the mood of the day i − 6 days from the first. */
  for (int i = 0; i < n; i++)
    moods[i] = -1;
  for (guint i = 0; record->checkins != NULL && i < record->checkins->len; i++)
    {
      TmCheckin *c = record->checkins->pdata[i];
      int index = index_of (data->from, c->day) + ROLLING_DAYS - 1;

      if (index >= 0 && index < n)
        moods[index] = c->mood;
    }

  for (int i = 0; i < n; i++)
    {
      if (moods[i] >= 0)
        window_sum += moods[i], window_n++;
      if (i >= ROLLING_DAYS && moods[i - ROLLING_DAYS] >= 0)
        window_sum -= moods[i - ROLLING_DAYS], window_n--;
      if (i >= ROLLING_DAYS - 1 && window_n >= ROLLING_MIN_DAYS)
        g_array_index (data->days, TmChartDay, i - (ROLLING_DAYS - 1)).rolling = (double) window_sum / window_n;
    }
}

/* The sessions in the range with how each matched the plan. */
static void
add_sessions (TmChartData         *data,
              const TmChartRecord *record,
              const TmSchedule    *schedule)
{
  data->sessions = g_array_new (FALSE, TRUE, sizeof (TmChartSession));
  for (guint i = 0; record->sessions != NULL && i < record->sessions->len; i++)
    {
      TmSession *s = record->sessions->pdata[i];
      g_autofree char *day = tm_session_get_day (s);
      g_autofree char *time = tm_instant_time_as_written (s->taken_at);
      TmChartSession cs = { 0 };
      int index = day != NULL ? index_of (data->from, day) : -1;

      if (index < 0 || index >= data->n_days)
        continue;

      cs.id = s->id;
      g_strlcpy (cs.day, day, sizeof cs.day);
      cs.day_index = index;
      cs.dose_mg = s->dose_mg;
      cs.route = s->route;
      g_strlcpy (cs.time, time != NULL ? time : "", sizeof cs.time);
      cs.status = g_array_index (schedule->session_status, int, i);
      cs.effects = s->effects != 0 || s->dissociation_peak >= 1;
      g_array_append_val (data->sessions, cs);
    }
}

/* The planned days in the range with their status. */
static void
add_planned (TmChartData      *data,
             const TmSchedule *schedule)
{
  data->planned = g_array_new (FALSE, TRUE, sizeof (TmChartPlanned));
  for (guint j = 0; j < schedule->planned->len; j++)
    {
      const TmPlannedDay *p = &g_array_index (schedule->planned, TmPlannedDay, j);
      int index = index_of (data->from, p->day);
      TmChartPlanned cp = { 0 };

      if (index < 0 || index >= data->n_days)
        continue;
      g_strlcpy (cp.day, p->day, sizeof cp.day);
      cp.day_index = index;
      cp.status = p->status;
      cp.extra = p->extra;
      g_array_append_val (data->planned, cp);
    }
}

/* The plan periods, by date, clipped to the range; and the interval of
 * the plan in force at its end. */
static void
add_plan_periods (TmChartData         *data,
                  const TmChartRecord *record)
{
  g_autoptr(GArray) periods = tm_schedule_list_periods (record->plans);
  const char *end = strcmp (data->to, data->today) < 0 ? data->to : data->today;
  const TmPlan *end_plan = tm_schedule_plan_on (record->plans, end);

  data->plan_periods = g_array_new (FALSE, TRUE, sizeof (TmChartPlanPeriod));
  for (guint i = 0; i < periods->len; i++)
    {
      const TmPlanPeriod *p = &g_array_index (periods, TmPlanPeriod, i);
      TmChartPlanPeriod period = { 0 };

      period.first_index = MAX (0, index_of (data->from, p->from));
      period.last_index = p->until[0] != '\0' ? MIN (data->n_days - 1, index_of (data->from, p->until) - 1)
                                              : data->n_days - 1;
      if (period.first_index > period.last_index || period.first_index >= data->n_days)
        continue;
      period.interval_days = p->plan->interval_days;
      period.dose_mg = p->plan->dose_mg;
      period.route = p->plan->route;
      g_array_append_val (data->plan_periods, period);
    }

  data->plan_interval = end_plan != NULL ? end_plan->interval_days : 0;
}

/* The safety prompts shown on the range's days. */
static void
add_events (TmChartData         *data,
            const TmChartRecord *record)
{
  data->events = g_array_new (FALSE, TRUE, sizeof (TmChartEvent));
  for (guint i = 0; record->events != NULL && i < record->events->len; i++)
    {
      TmSafetyEvent *e = record->events->pdata[i];
      g_autofree char *day = tm_instant_local_day (e->shown_at);
      TmChartEvent ce = { 0 };

      if (day == NULL)
        continue;
      ce.day_index = index_of (data->from, day);
      if (ce.day_index < 0 || ce.day_index >= data->n_days)
        continue;
      ce.level = e->level;
      ce.rule = e->rule;
      g_array_append_val (data->events, ce);
    }
}

/* Regular medicines */

/* A row's days, for laying the rows of one medicine end to end. */
typedef struct
{
  const TmRegularMedicine *row;
  const TmRegularMedicine *line;   /* the first row of its medicine */
  char                    *last;   /* NULL while taken */
} MedicineRow;

static void
clear_medicine_row (gpointer pointer)
{
  g_free (((MedicineRow *) pointer)->last);
}

static void
clear_chart_medicine (gpointer pointer)
{
  TmChartMedicine *m = pointer;

  g_free (m->name);
  g_free (m->dose);
}

/* The first row of @m's medicine: the one that replaces none. */
static const TmRegularMedicine *
find_line_start (const TmRegularMedicine *m,
                 GHashTable              *by_id)
{
  /* As many steps as there are rows at most, so that a damaged file can't loop. */
  for (guint steps = g_hash_table_size (by_id); m->replaces != 0 && steps > 0; steps--)
    {
      const TmRegularMedicine *before = g_hash_table_lookup (by_id, &m->replaces);

      if (before == NULL)
        break;
      m = before;
    }
  return m;
}

/* By medicine, the one started first first; within one, by day. */
static int
compare_medicine_rows (gconstpointer a,
                       gconstpointer b)
{
  const MedicineRow *x = a, *y = b;
  int by_line = strcmp (x->line->started_on, y->line->started_on);

  if (by_line == 0 && x->line != y->line)
    return x->line->id < y->line->id ? -1 : 1;
  if (by_line != 0)
    return by_line;
  if (strcmp (x->row->started_on, y->row->started_on) != 0)
    return strcmp (x->row->started_on, y->row->started_on);
  return x->row->id < y->row->id ? -1 : (x->row->id > y->row->id);
}

/* Every row that is in effect on a day at least (a stop row takes the
 * place of the row it stops, which then has none), in lane order. */
static GArray *
list_medicine_rows (GPtrArray *all)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (MedicineRow));

  g_array_set_clear_func (rows, clear_medicine_row);
  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (by_id, &((TmRegularMedicine *) all->pdata[i])->id, all->pdata[i]);

  for (guint i = 0; i < all->len; i++)
    {
      const TmRegularMedicine *m = all->pdata[i];
      MedicineRow row = { m, find_line_start (m, by_id), tm_regular_medicine_get_last_day (m, all) };

      if (row.last != NULL && strcmp (row.last, m->started_on) < 0)
        g_free (row.last);
      else
        g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_medicine_rows);
  return rows;
}

/* One stretch of the range for @row, or its days added to the stretch
 * before when they follow it at the same dose. */
static void
add_medicine_stretch (TmChartData       *data,
                      const MedicineRow *row,
                      const MedicineRow *before,
                      int                lane)
{
  g_autofree char *dose = tm_regular_medicine_describe_dose (row->row);
  g_autofree char *day_before = tm_day_add (row->row->started_on, -1);
  gboolean follows = before != NULL && before->line == row->line && before->last != NULL &&
                     strcmp (before->last, day_before) == 0;
  TmChartMedicine *last = data->medicines->len > 0 ? &g_array_index (data->medicines, TmChartMedicine,
                                                                     data->medicines->len - 1)
                                                   : NULL;
  TmChartMedicine stretch = { 0 };
  int first = index_of (data->from, row->row->started_on);
  int end = row->last != NULL ? index_of (data->from, row->last) : data->n_days;

  stretch.first_index = MAX (0, first);
  stretch.last_index = MIN (data->n_days - 1, end);
  stretch.from_before = first < 0;
  stretch.open = end >= data->n_days;

  if (follows && last != NULL && last->lane == lane && g_strcmp0 (last->dose, dose) == 0 &&
      last->last_index >= stretch.first_index - 1)
    {
      last->last_index = stretch.last_index;
      last->open = stretch.open;
      return;
    }

  stretch.name = g_strdup (row->row->name);
  stretch.dose = g_steal_pointer (&dose);
  stretch.lane = lane;
  /* Following a stretch of the range at another dose. */
  stretch.changed = follows && first > 0;
  g_array_append_val (data->medicines, stretch);
}

/* The regular medicines taken on days of the range, a lane each, their
 * rows end to end: a new stretch where the dose changed. */
static void
add_medicines (TmChartData         *data,
               const TmChartRecord *record)
{
  g_autoptr(GArray) rows = NULL;
  const TmRegularMedicine *lane_line = NULL;
  int lane = -1;

  data->medicines = g_array_new (FALSE, TRUE, sizeof (TmChartMedicine));
  g_array_set_clear_func (data->medicines, clear_chart_medicine);
  if (record->medicines == NULL)
    return;

  rows = list_medicine_rows (record->medicines);
  for (guint i = 0; i < rows->len; i++)
    {
      const MedicineRow *row = &g_array_index (rows, MedicineRow, i);

      if (strcmp (row->row->started_on, data->to) > 0 ||
          (row->last != NULL && strcmp (row->last, data->from) < 0))
        continue;
      if (row->line != lane_line)
        lane++, lane_line = row->line;
      add_medicine_stretch (data, row, i > 0 ? &g_array_index (rows, MedicineRow, i - 1) : NULL, lane);
    }
  data->n_medicine_lanes = lane + 1;
}

/* Each plan period's after-dose curve and cycles, from the check-ins in
 * the range (DESIGN.md, Evidence about the interval): one curve per
 * period, never one pooled over plans with different intervals. */
static TmIntervalEvidence *
range_evidence (const TmChartRecord *record,
                GPtrArray           *in_range,
                const char          *to,
                const char          *today)
{
  TmChartRecord range = *record;
  int entered = tm_plans_get_pre_mood (record->plans);

  range.checkins = in_range;
  return tm_interval_evidence_new (&range, strcmp (to, today) < 0 ? to : today,
                                   entered != TM_UNSET ? entered : NAN);
}

/* The PHQ-9 and GAD-7 totals of the range. */
static void
add_scores (TmChartData         *data,
            const TmChartRecord *record)
{
  data->phq9 = g_array_new (FALSE, TRUE, sizeof (TmChartScore));
  data->gad7 = g_array_new (FALSE, TRUE, sizeof (TmChartScore));
  for (guint i = 0; record->questionnaires != NULL && i < record->questionnaires->len; i++)
    {
      TmQuestionnaire *q = record->questionnaires->pdata[i];
      TmChartScore score = { index_of (data->from, q->day), q->total };

      if (score.day_index < 0 || score.day_index >= data->n_days || !tm_questionnaire_kind_has_bands (q->kind))
        continue;
      g_array_append_val (q->kind == TM_QUESTIONNAIRE_PHQ9 ? data->phq9 : data->gad7, score);
    }
}

/**
 * tm_chart_data_new:
 * @from: the first day of the range
 * @to: the last day, inclusive
 * @today: the day that decides which windows have closed
 *
 * A pure function of @record.
 */
TmChartData *
tm_chart_data_new (const TmChartRecord *record,
                   const char          *from,
                   const char          *to,
                   const char          *today)
{
  g_autoptr(GPtrArray) in_range = NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  g_autofree char *until = NULL;
  TmChartData *data;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (tm_day_is_valid (from) && tm_day_is_valid (to) && tm_day_is_valid (today), NULL);

  data = new_range (from, to, today);
  in_range = add_checkins (data, record);
  add_rolling_means (data, record);

  /* Planned against taken over the whole record, shown for the range. */
  until = tm_day_add (strcmp (to, today) > 0 ? to : today, 1);
  schedule = tm_schedule_new (record->plans, record->plan_dates, record->sessions, until, today);
  add_sessions (data, record, schedule);
  add_planned (data, schedule);
  data->adherence = tm_schedule_adherence (schedule, record->sessions, from, to);

  add_plan_periods (data, record);
  add_events (data, record);
  add_medicines (data, record);
  data->after_dose = range_evidence (record, in_range, to, today);
  add_scores (data, record);
  tm_phq9_find_baseline (record->plans, record->questionnaires, &data->phq9_baseline);
  return data;
}

static void
clear_data (gpointer pointer)
{
  TmChartData *data = pointer;

  g_clear_pointer (&data->days, g_array_unref);
  g_clear_pointer (&data->sessions, g_array_unref);
  g_clear_pointer (&data->planned, g_array_unref);
  g_clear_pointer (&data->plan_periods, g_array_unref);
  g_clear_pointer (&data->events, g_array_unref);
  g_clear_pointer (&data->medicines, g_array_unref);
  g_clear_pointer (&data->after_dose, tm_interval_evidence_free);
  g_clear_pointer (&data->phq9, g_array_unref);
  g_clear_pointer (&data->gad7, g_array_unref);
}

TmChartData *
tm_chart_data_ref (TmChartData *data)
{
  return g_rc_box_acquire (data);
}

void
tm_chart_data_unref (TmChartData *data)
{
  if (data != NULL)
    g_rc_box_release_full (data, clear_data);
}

/**
 * tm_chart_data_new_from_store:
 *
 * The chart data for @from … @to from what @store holds, today being the
 * local day now.
 */
TmChartData *
tm_chart_data_new_from_store (TmStore     *store,
                              const char  *from,
                              const char  *to,
                              GError     **error)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *before = tm_day_add (from, -(ROLLING_DAYS - 1));
  g_autoptr(TmChartRecord) record = g_new0 (TmChartRecord, 1);

  if ((record->checkins = tm_store_list_checkins (store, before, to, error)) == NULL ||
      (record->sessions = tm_store_list_sessions (store, NULL, NULL, error)) == NULL ||
      (record->plans = tm_store_list_plans (store, error)) == NULL ||
      (record->plan_dates = tm_store_list_plan_dates (store, error)) == NULL ||
      (record->events = tm_store_list_safety_events (store, from, to, error)) == NULL ||
      (record->medicines = tm_store_list_medicines (store, error)) == NULL ||
      /* all of them: the first PHQ-9 may be the baseline */
      (record->questionnaires = tm_store_list_questionnaires (store, -1, NULL, to, error)) == NULL)
    return NULL;

  return tm_chart_data_new (record, from, to, today);
}

/* The first day with a check-in or a session, or today. */
char *
tm_chart_first_day (TmStore *store)
{
  g_autofree char *first = tm_store_get_first_day (store);

  return first != NULL ? g_steal_pointer (&first) : tm_day_today ();
}

/**
 * tm_chart_data_describe:
 *
 * The trend chart in words, for screen readers and the report.
 */
char *
tm_chart_data_describe (const TmChartData *data)
{
  g_autofree char *from = tm_day_format_long (data->from);
  g_autofree char *to = tm_day_format_long (data->to);
  GString *text = g_string_new (NULL);
  int lowest = 11, highest = -1;

  for (int i = 0; i < data->n_days; i++)
    {
      int mood = g_array_index (data->days, TmChartDay, i).mood;

      if (mood >= 0)
        lowest = MIN (lowest, mood), highest = MAX (highest, mood);
    }

  /* Translators: the start of a chart's description: "From Sunday 1 November 2026 to …" */
  g_string_append_printf (text, _("From %s to %s: "), from, to);
  if (data->n_checked_in == 0)
    g_string_append (text, _("no check-ins."));
  else
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%d day checked in of %d, mean mood %.1f (lowest %d, highest %d).",
                                         "%d days checked in of %d, mean mood %.1f (lowest %d, highest %d).",
                                         data->n_checked_in),
                            data->n_checked_in, data->n_days, data->mean_mood, lowest, highest);

  g_string_append_c (text, ' ');
  g_string_append_printf (text,
                          _("Sessions: %d planned with their window closed, %d on time, %d late, "
                            "%d missed, %d beyond the plan."),
                          data->adherence.planned, data->adherence.on_time, data->adherence.late,
                          data->adherence.missed, data->adherence.extra);

  if (data->events->len > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u safety prompt.",
                                                 "%u safety prompts.", data->events->len),
                              data->events->len);
    }

  /* The regular medicines' bands, each stretch at its dose. */
  for (guint i = 0; data->medicines != NULL && i < data->medicines->len; i++)
    {
      const TmChartMedicine *m = &g_array_index (data->medicines, TmChartMedicine, i);
      g_autofree char *first = tm_day_add (data->from, m->first_index);
      g_autofree char *last = tm_day_add (data->from, m->last_index);
      g_autofree char *first_text = tm_day_format_long (first);
      g_autofree char *last_text = tm_day_format_long (last);
      g_autofree char *what = m->dose != NULL ? g_strdup_printf ("%s %s", m->name, m->dose) : g_strdup (m->name);

      g_string_append_c (text, ' ');
      /* Translators: a regular medicine's band under the chart: "Sertraline 100 mg from … to …." */
      g_string_append_printf (text, _("%s from %s to %s."), what, first_text, last_text);
    }

  return g_string_free (text, FALSE);
}

static const TmChartSession *
session_on (const TmChartData *data,
            int                day_index)
{
  for (guint i = 0; i < data->sessions->len; i++)
    if (g_array_index (data->sessions, TmChartSession, i).day_index == day_index)
      return &g_array_index (data->sessions, TmChartSession, i);
  return NULL;
}

static const TmChartPlanned *
planned_on (const TmChartData *data,
            int                day_index)
{
  for (guint i = 0; i < data->planned->len; i++)
    if (g_array_index (data->planned, TmChartPlanned, i).day_index == day_index)
      return &g_array_index (data->planned, TmChartPlanned, i);
  return NULL;
}

static const TmChartPlanPeriod *
plan_period_on (const TmChartData *data,
                int                day_index)
{
  for (guint i = 0; i < data->plan_periods->len; i++)
    {
      const TmChartPlanPeriod *p = &g_array_index (data->plan_periods, TmChartPlanPeriod, i);

      if (p->first_index <= day_index && day_index <= p->last_index)
        return p;
    }
  return NULL;
}

/**
 * tm_scale_get_direction:
 *
 * Returns: which way is better on @scale, as a caption says it: "Mood:
 *   higher is better."
 */
const char *
tm_scale_get_direction (TmScale scale)
{
  switch (scale)
    {
    case TM_SCALE_PHQ9:
      return _("PHQ-9: lower is better.");
    case TM_SCALE_GAD7:
      return _("GAD-7: lower is better.");
    case TM_SCALE_MOOD:
    default:
      return _("Mood: higher is better.");
    }
}

/**
 * tm_chart_status_words:
 * @status: a #TmPlannedStatus, or -1 for a session beyond the plan
 *
 * Returns: "on time", "late", "beyond the plan"…
 */
const char *
tm_chart_status_words (int status)
{
  switch (status)
    {
    case TM_PLANNED_ON_TIME:
      return _("on time");
    case TM_PLANNED_LATE:
      return _("late");
    case TM_PLANNED_MISSED:
      return _("missed");
    case TM_PLANNED_DUE:
      return _("due");
    case TM_PLANNED_UPCOMING:
      return _("upcoming");
    default:
      return _("beyond the plan");
    }
}

/* The regular medicines taken on @day_index, on a line of their own. */
static void
describe_medicines_on (const TmChartData *data,
                       int                day_index,
                       GString           *text)
{
  gboolean first = TRUE;

  for (guint i = 0; i < data->medicines->len; i++)
    {
      const TmChartMedicine *m = &g_array_index (data->medicines, TmChartMedicine, i);

      if (day_index < m->first_index || day_index > m->last_index)
        continue;
      if (first)
        /* Translators: the start of a line listing the regular medicines taken on a day */
        g_string_append_printf (text, "\n%s", _("Regular medicines: "));
      else
        /* Translators: between the items of a list: "Sertraline 100 mg, Vitamin D 1000 IU" */
        g_string_append (text, _(", "));
      g_string_append (text, m->name);
      if (m->dose != NULL)
        g_string_append_printf (text, " %s", m->dose);
      first = FALSE;
    }
}

/**
 * tm_chart_data_describe_day:
 * @day_index: a day of the range
 *
 * One day in words, for the chart's read-out: its ratings, session, plan
 * and the start of its note, one line each.
 */
char *
tm_chart_data_describe_day (const TmChartData *data,
                            int                day_index)
{
  return tm_chart_data_describe_day_with (data, day_index, TRUE);
}

/**
 * tm_chart_data_describe_day_with:
 * @with_note: %FALSE to leave the note out (a screen shared with someone)
 *
 * As tm_chart_data_describe_day(), with or without the day's note.
 */
char *
tm_chart_data_describe_day_with (const TmChartData *data,
                                 int                day_index,
                                 gboolean           with_note)
{
  const TmChartDay *day;
  const TmChartSession *session;
  const TmChartPlanned *planned;
  const TmChartPlanPeriod *period;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (day_index >= 0 && day_index < data->n_days, NULL);

  day = &g_array_index (data->days, TmChartDay, day_index);
  if (day->mood < 0)
    g_string_append (text, _("No check-in"));
  else
    {
      g_string_append_printf (text, _("Mood %d"), day->mood);
      if (day->anxiety >= 0)
        g_string_append_printf (text, _(" · anxiety %d"), day->anxiety);
      if (day->energy >= 0)
        g_string_append_printf (text, _(" · energy %d"), day->energy);
      if (!isnan (day->rolling))
        g_string_append_printf (text, _(" · 7-day mean %.1f"), day->rolling);
    }

  session = session_on (data, day_index);
  planned = planned_on (data, day_index);
  if (session != NULL)
    {
      g_autofree char *dose = tm_format_dose (session->dose_mg);
      g_autofree char *route = g_utf8_strdown (tm_route_get_label (session->route), -1);

      g_string_append_c (text, '\n');
      /* Translators: "Session: 100 mg sublingual at 10:12, on time" */
      g_string_append_printf (text, _("Session: %s mg %s at %s, %s"), dose, route, session->time,
                              tm_chart_status_words (session->status));
    }
  else if (planned != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Planned session: %s"), tm_chart_status_words ((int) planned->status));
    }

  period = plan_period_on (data, day_index);
  if (period != NULL)
    {
      g_autofree char *interval = tm_plan_describe_interval (period->interval_days);
      g_autofree char *dose = tm_format_dose (period->dose_mg);
      g_autofree char *route = g_utf8_strdown (tm_route_get_label (period->route), -1);

      g_string_append_c (text, '\n');
      /* Translators: "Plan: every 3 weeks, 100 mg sublingual" */
      g_string_append_printf (text, _("Plan: %s, %s mg %s"), interval, dose, route);
    }

  describe_medicines_on (data, day_index, text);

  if (with_note && day->note_start != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Note: “%s”"), day->note_start);
    }

  return g_string_free (text, FALSE);
}

/* The after-dose curve in words. */
char *
tm_chart_data_describe_after_dose (const TmChartData *data)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < data->after_dose->periods->len; i++)
    {
      const TmIntervalPeriod *period = &g_array_index (data->after_dose->periods, TmIntervalPeriod, i);
      const TmIntervalPoint *highest = NULL, *lowest = NULL;
      g_autofree char *name = NULL;

      for (guint j = 0; j < period->curve->len; j++)
        {
          const TmIntervalPoint *p = &g_array_index (period->curve, TmIntervalPoint, j);

          if (p->n < TM_INTERVAL_SOLID_N)
            continue;
          if (highest == NULL || p->mean > highest->mean)
            highest = p;
          if (lowest == NULL || p->mean < lowest->mean)
            lowest = p;
        }
      if (highest == NULL)
        continue;

      name = tm_interval_period_name (period);
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: "Every 2 weeks, from …: mean mood after a session is highest on day 1 …" */
      g_string_append_printf (text,
                              _("%s: mean mood after a session is highest on day %d (%.1f, from %d check-ins in %d "
                                "dosing cycles) and lowest on day %d (%.1f, from %d check-ins in %d dosing "
                                "cycles)."),
                              name, highest->k, highest->mean, highest->n, highest->n_cycles, lowest->k,
                              lowest->mean, lowest->n, lowest->n_cycles);
    }

  if (text->len == 0)
    g_string_append (text, _("Not enough check-ins after a session in this period to show how mood "
                             "moves after a dose."));
  return g_string_free (text, FALSE);
}

/* A questionnaire's totals in words. */
static char *
describe_totals (const TmChartData   *data,
                 TmQuestionnaireKind  kind)
{
  GArray *scores = kind == TM_QUESTIONNAIRE_PHQ9 ? data->phq9 : data->gad7;
  const char *name = tm_questionnaire_kind_get_name (kind);
  const TmChartScore *first, *last;
  int highest = -1;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;

  if (scores->len == 0)
    return g_strdup_printf (_("No %s in this period."), name);

  for (guint i = 0; i < scores->len; i++)
    highest = MAX (highest, g_array_index (scores, TmChartScore, i).total);
  first = &g_array_index (scores, TmChartScore, 0);
  last = &g_array_index (scores, TmChartScore, scores->len - 1);
  first_day = tm_day_format_short (g_array_index (data->days, TmChartDay, first->day_index).day);
  last_day = tm_day_format_short (g_array_index (data->days, TmChartDay, last->day_index).day);

  if (scores->len == 1)
    /* Translators: "PHQ-9: one total, 9 (mild) on 3 November." */
    return g_strdup_printf (_("%s: one total, %d (%s) on %s."), name, first->total,
                            tm_band_get_label (tm_questionnaire_band (kind, first->total)), first_day);

  /* Translators: "PHQ-9: 26 totals, from 14 (moderate) on 12 December to 10 (moderate)
   * on 21 November; highest 15." */
  return g_strdup_printf (_("%s: %u totals, from %d (%s) on %s to %d (%s) on %s; highest %d."),
                          name, scores->len,
                          first->total, tm_band_get_label (tm_questionnaire_band (kind, first->total)),
                          first_day,
                          last->total, tm_band_get_label (tm_questionnaire_band (kind, last->total)),
                          last_day, highest);
}

/**
 * tm_chart_data_describe_scores:
 *
 * A questionnaire's totals in words; for the PHQ-9, with the lines the
 * chart draws for response and remission and the baseline they use.
 */
char *
tm_chart_data_describe_scores (const TmChartData   *data,
                               TmQuestionnaireKind  kind)
{
  g_autofree char *totals = describe_totals (data, kind);
  g_autofree char *lines = NULL;

  if (kind != TM_QUESTIONNAIRE_PHQ9 || data->phq9->len == 0 ||
      (lines = tm_phq9_describe_lines (&data->phq9_baseline)) == NULL)
    return g_steal_pointer (&totals);
  return g_strdup_printf ("%s %s", totals, lines);
}
