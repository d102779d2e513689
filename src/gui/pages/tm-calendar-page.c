/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar: a month of days tinted by mood, with the planned sessions
 * against the sessions taken; the selected day in detail; the plan in
 * force, how closely it was followed, and its history. */
#define G_LOG_DOMAIN "tm-calendar-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tm-calendar-page.h"
#include "tm-clinician.h"
#include "tm-day-cell.h"

#define N_CELLS 42

struct _TmCalendarPage
{
  AdwBin               parent_instance;

  GtkLabel            *month_label;
  GtkGrid             *grid;
  GtkDrawingArea      *scale_area;
  AdwPreferencesGroup *day_group;
  AdwActionRow        *checkin_row;
  AdwActionRow        *session_row;
  AdwActionRow        *planned_row;
  AdwActionRow        *plan_on_day_row;
  AdwActionRow        *current_plan_row;
  AdwActionRow        *adherence_row;
  AdwExpanderRow      *history_row;
  AdwExpanderRow      *dates_row;
  TmDayCell           *cells[N_CELLS];
  GPtrArray           *history_rows;   /* rows added to the expanders */

  TmContext           *context;
  TmStore             *store;          /* the context's */
  TmSchedule          *schedule;
  GPtrArray           *plans;
  GPtrArray           *sessions;
  GPtrArray           *plan_dates;     /* one-off extra and cancelled dates */
  GDate                month;          /* the first of the month shown */
  char                 selected[TM_DAY_LEN + 1];
};

G_DEFINE_FINAL_TYPE (TmCalendarPage, tm_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TmCalendarPage *self);

/* The first day shown: the week's first day on or before the 1st. */
static void
get_grid_start (TmCalendarPage *self,
                GDate          *start)
{
  int first = tm_first_weekday ();
  int weekday = g_date_get_weekday (&self->month);
  int back = (weekday - first + 7) % 7;

  *start = self->month;
  g_date_subtract_days (start, (guint) back);
}

static int
mood_on (GPtrArray  *checkins,
         const char *day)
{
  for (guint i = 0; checkins != NULL && i < checkins->len; i++)
    if (strcmp (((TmCheckin *) checkins->pdata[i])->day, day) == 0)
      return ((TmCheckin *) checkins->pdata[i])->mood;
  return -1;
}

static void
marks_for (TmCalendarPage *self,
           const char     *day,
           GPtrArray      *checkins,
           const char     *today,
           TmDayMarks     *marks)
{
  const TmPlannedDay *planned = tm_schedule_find (self->schedule, day);

  memset (marks, 0, sizeof *marks);
  marks->mood = mood_on (checkins, day);
  marks->planned = planned != NULL;
  marks->planned_status = planned != NULL ? (int) planned->status : 0;
  marks->today = strcmp (day, today) == 0;
  for (guint i = 0; planned == NULL && self->plan_dates != NULL && i < self->plan_dates->len; i++)
    {
      const TmPlanDate *date = self->plan_dates->pdata[i];

      if (date->kind == TM_PLAN_DATE_CANCELLED && strcmp (date->day, day) == 0)
        marks->cancelled = TRUE;
    }

  for (guint i = 0; i < self->sessions->len; i++)
    {
      g_autofree char *session_day = tm_session_get_day (self->sessions->pdata[i]);

      if (g_strcmp0 (session_day, day) != 0)
        continue;
      marks->n_taken++;
      if (g_array_index (self->schedule->session_status, int, i) < 0)
        marks->taken_extra = TRUE;
    }
}

static void
update_grid (TmCalendarPage *self)
{
  g_autoptr(GPtrArray) checkins = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GDateTime) month_time = NULL;
  g_autofree char *title = NULL;
  gboolean after_month = FALSE;
  GDate start, end;

  get_grid_start (self, &start);
  end = start;
  g_date_add_days (&end, N_CELLS - 1);
  first = tm_day_from_date (&start);
  last = tm_day_from_date (&end);
  checkins = tm_store_list_checkins (self->store, first, last, NULL);

  for (int i = 0; i < N_CELLS; i++)
    {
      GDate date = start;
      g_autofree char *day = NULL;
      TmDayMarks marks;

      g_date_add_days (&date, (guint) i);
      day = tm_day_from_date (&date);
      marks_for (self, day, checkins, today, &marks);
      marks.in_month = g_date_get_month (&date) == g_date_get_month (&self->month);
      tm_day_cell_set (self->cells[i], day, &marks);
      tm_day_cell_set_selected (self->cells[i], strcmp (day, self->selected) == 0);
      /* A week that starts after the month has ended is not drawn: only
       * the rows the month needs, as in a paper calendar. */
      if (i % 7 == 0)
        after_month = !marks.in_month && i > 7;
      gtk_widget_set_visible (GTK_WIDGET (self->cells[i]), !after_month);
    }

  month_time = g_date_time_new_local (g_date_get_year (&self->month), g_date_get_month (&self->month),
                                      1, 12, 0, 0);
  /* Translators: the calendar's title, a strftime format: "November 2026" (%OB is the stand-alone month name) */
  title = g_date_time_format (month_time, _("%OB %Y"));
  gtk_label_set_label (self->month_label, title);
}

static char *
describe_status (const TmPlannedDay *planned,
                 GPtrArray          *sessions)
{
  g_autofree char *taken_day = NULL;
  g_autofree char *taken = NULL;

  if (planned->session >= 0)
    {
      taken_day = tm_session_get_day (sessions->pdata[planned->session]);
      taken = tm_day_format_short (taken_day);
    }

  switch (planned->status)
    {
    case TM_PLANNED_ON_TIME:
      /* Translators: %s is a day, e.g. "16 November" */
      return g_strdup_printf (_("Taken on time, on %s"), taken);
    case TM_PLANNED_LATE:
      /* Translators: %s is a day, e.g. "19 November" */
      return g_strdup_printf (_("Taken late, on %s"), taken);
    case TM_PLANNED_MISSED:
      return g_strdup (_("Missed: no session was logged within its window"));
    case TM_PLANNED_DUE:
      return g_strdup (_("Due: its window is open now"));
    case TM_PLANNED_UPCOMING:
    default:
      return g_strdup (_("Coming up"));
    }
}

static void
update_day (TmCalendarPage *self)
{
  g_autofree char *title = tm_day_format_long (self->selected);
  g_autoptr(TmCheckin) checkin = tm_store_get_checkin (self->store, self->selected, NULL);
  const TmPlannedDay *planned = tm_schedule_find (self->schedule, self->selected);
  const TmPlan *plan = tm_schedule_plan_on (self->plans, self->selected);
  g_autoptr(GString) sessions = g_string_new (NULL);

  adw_preferences_group_set_title (self->day_group, title);

  if (checkin != NULL)
    {
      /* With notes hidden for a shared screen, the mood alone. */
      g_autofree char *excerpt = tm_context_get_hide_notes (self->context) ? NULL
                                                                            : tm_note_excerpt (checkin->note, 120);
      /* Translators: a check-in in the calendar: "Mood 6 · Walked by the sea." */
      g_autofree char *text = excerpt != NULL ? g_strdup_printf (_("Mood %d · %s"), checkin->mood, excerpt)
                                              : g_strdup_printf (_("Mood %d"), checkin->mood);

      adw_action_row_set_subtitle (self->checkin_row, text);
    }
  else
    adw_action_row_set_subtitle (self->checkin_row, _("No check-in"));

  for (guint i = 0; i < self->sessions->len; i++)
    {
      TmSession *session = self->sessions->pdata[i];
      g_autofree char *day = tm_session_get_day (session);
      g_autofree char *time = NULL;
      g_autofree char *dose = NULL;
      int status;

      if (g_strcmp0 (day, self->selected) != 0)
        continue;

      time = tm_instant_time_as_written (session->taken_at);
      dose = tm_format_dose (session->dose_mg);
      status = g_array_index (self->schedule->session_status, int, i);
      if (sessions->len > 0)
        g_string_append (sessions, "\n");
      /* Translators: "19:30 · 37.5 mg sublingual" */
      g_string_append_printf (sessions, _("%s · %s mg %s"), time != NULL ? time : "", dose,
                              tm_route_get_label (session->route));
      if (status < 0)
        g_string_append_printf (sessions, " · %s", _("beyond the plan"));
      else if (status == TM_PLANNED_LATE)
        g_string_append_printf (sessions, " · %s", _("late"));
    }
  adw_action_row_set_subtitle (self->session_row, sessions->len > 0 ? sessions->str : _("None"));

  if (planned != NULL)
    {
      g_autofree char *status = describe_status (planned, self->sessions);

      adw_action_row_set_subtitle (self->planned_row, status);
    }
  else
    adw_action_row_set_subtitle (self->planned_row, _("No session planned"));

  if (plan != NULL)
    {
      g_autofree char *text = tm_plan_describe (plan);
      adw_action_row_set_subtitle (self->plan_on_day_row, text);
    }
  else
    adw_action_row_set_subtitle (self->plan_on_day_row, _("No plan yet"));
}

static void
clear_history_rows (TmCalendarPage *self)
{
  for (guint i = 0; i < self->history_rows->len; i++)
    {
      GtkWidget *row = self->history_rows->pdata[i];
      GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);

      if (expander != NULL)
        adw_expander_row_remove (ADW_EXPANDER_ROW (expander), row);
    }
  g_ptr_array_set_size (self->history_rows, 0);
}

static void
add_history_row (TmCalendarPage *self,
                 AdwExpanderRow *expander,
                 const char     *title,
                 const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_expander_row_add_row (expander, row);
  g_ptr_array_add (self->history_rows, row);
}

static void
update_plan (TmCalendarPage *self)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = tm_day_add (today, -90);
  const TmPlan *current = tm_schedule_plan_on (self->plans, today);
  const TmPlan *next = NULL;
  g_auto(GStrv) resets = tm_clinician_list_resets (self->store);
  GPtrArray *dates = self->plan_dates;
  TmAdherence a;

  for (guint i = 0; i < self->plans->len; i++)
    {
      const TmPlan *plan = self->plans->pdata[i];

      if (strcmp (plan->effective_from, today) > 0 && next == NULL)
        next = plan;
    }

  if (current != NULL || next != NULL)
    {
      const TmPlan *shown = current != NULL ? current : next;
      g_autofree char *text = tm_plan_describe (shown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_plan_row), text);
      adw_action_row_set_subtitle (self->current_plan_row,
                                   shown->instructions != NULL ? shown->instructions : "");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_plan_row),
                                     _("No plan entered yet"));
      adw_action_row_set_subtitle (self->current_plan_row,
                                   _("The clinician enters the maintenance plan with Edit Plan…"));
    }

  a = tm_schedule_adherence (self->schedule, self->sessions, from, today);
  if (a.planned == 0 && a.extra == 0)
    adw_action_row_set_subtitle (self->adherence_row, _("No planned session has come and gone yet"));
  else
    {
      g_autofree char *text =
        /* Translators: adherence over three months */
        g_strdup_printf (_("%d of %d planned sessions taken (%d late), %d missed, %d beyond the plan"),
                         a.on_time + a.late, a.planned, a.late, a.missed, a.extra);
      adw_action_row_set_subtitle (self->adherence_row, text);
    }

  clear_history_rows (self);

  for (guint i = self->plans->len; i > 0; i--)
    {
      const TmPlan *plan = self->plans->pdata[i - 1];
      g_autofree char *title = tm_plan_describe (plan);
      g_autofree char *added_day = tm_instant_local_day (plan->created_at);
      g_autofree char *added = added_day != NULL ? tm_day_format_long (added_day) : g_strdup ("");
      g_autofree char *subtitle = NULL;

      /* Translators: when a plan row was entered, and its instructions */
      subtitle = plan->instructions != NULL
                 ? g_strdup_printf (_("Entered on %s · %s"), added, plan->instructions)
                 : g_strdup_printf (_("Entered on %s"), added);
      add_history_row (self, self->history_row, title, subtitle);
    }

  for (guint i = 0; resets[i] != NULL; i++)
    {
      g_autofree char *day = tm_instant_local_day (resets[i]);
      g_autofree char *label = day != NULL ? tm_day_format_long (day) : g_strdup (resets[i]);

      add_history_row (self, self->history_row, _("Clinician PIN reset from the patient's side"), label);
    }

  {
    /* Translators: how many rows the plan history has */
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries",
                                                           self->plans->len),
                                              self->plans->len);
    adw_expander_row_set_subtitle (self->history_row, count);
  }

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      const TmPlanDate *date = dates->pdata[i];
      g_autofree char *label = tm_day_format_long (date->day);
      const char *note = tm_context_get_hide_notes (self->context) ? NULL : date->note;

      const char *kind = date->kind == TM_PLAN_DATE_EXTRA ? _("An extra planned date")
                                                           : _("A planned date cancelled");
      /* Translators: a one-off date's kind and its note: "A planned date cancelled · Away that week" */
      g_autofree char *subtitle = note != NULL && *note != '\0' ? g_strdup_printf (_("%s · %s"), kind, note)
                                                              : g_strdup (kind);

      add_history_row (self, self->dates_row, label, subtitle);
    }
  adw_expander_row_set_subtitle (self->dates_row,
                                 dates != NULL && dates->len > 0 ? "" : _("None"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->dates_row), dates != NULL && dates->len > 0);
}

static void
refresh (TmCalendarPage *self)
{
  g_autofree char *today = tm_day_today ();
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  g_clear_pointer (&self->schedule, tm_schedule_free);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->plan_dates, g_ptr_array_unref);
  self->plan_dates = tm_store_list_plan_dates (self->store, NULL);
  if (self->plan_dates == NULL)
    self->plan_dates = g_ptr_array_new ();
  self->schedule = tm_store_make_schedule (self->store, today, &self->plans, &self->sessions, &error);
  if (self->schedule == NULL)
    {
      g_warning ("%s", error->message);
      self->plans = g_ptr_array_new ();
      self->sessions = g_ptr_array_new ();
      self->schedule = tm_schedule_new (self->plans, NULL, self->sessions, today, today);
    }

  update_grid (self);
  update_day (self);
  update_plan (self);
}

static void
show_month_of (TmCalendarPage *self,
               const char     *day)
{
  GDate date;

  if (!tm_day_to_date (day, &date))
    return;
  g_date_set_day (&date, 1);
  self->month = date;
}

/**
 * tm_calendar_page_select_day:
 *
 * Selects @day, turning to its month, and moves the keyboard to it.
 */
void
tm_calendar_page_select_day (TmCalendarPage *self,
                             const char     *wanted)
{
  char day[TM_DAY_LEN + 1];
  GDate date;
  gboolean other_month;

  g_return_if_fail (TM_IS_CALENDAR_PAGE (self));

  /* A copy: @wanted may be a cell's own day, which turning the month
   * gives another value. */
  if (g_strlcpy (day, wanted, sizeof day) >= sizeof day || !tm_day_to_date (day, &date))
    return;

  other_month = g_date_get_month (&date) != g_date_get_month (&self->month) ||
                g_date_get_year (&date) != g_date_get_year (&self->month);
  g_strlcpy (self->selected, day, sizeof self->selected);
  if (other_month)
    show_month_of (self, day);

  if (self->store != NULL)
    {
      update_grid (self);
      update_day (self);
    }

  for (int i = 0; i < N_CELLS; i++)
    if (strcmp (tm_day_cell_get_day (self->cells[i]), day) == 0)
      {
        if (gtk_widget_get_mapped (GTK_WIDGET (self->cells[i])))
          gtk_widget_grab_focus (GTK_WIDGET (self->cells[i]));
        break;
      }
}

const char *
tm_calendar_page_get_selected (TmCalendarPage *self)
{
  g_return_val_if_fail (TM_IS_CALENDAR_PAGE (self), NULL);

  return self->selected;
}

static void
move_selection (TmCalendarPage *self,
                int             days,
                int             months)
{
  GDate date;
  g_autofree char *day = NULL;

  if (!tm_day_to_date (self->selected, &date))
    return;

  if (months > 0)
    g_date_add_months (&date, (guint) months);
  else if (months < 0)
    g_date_subtract_months (&date, (guint) -months);
  if (days > 0)
    g_date_add_days (&date, (guint) days);
  else if (days < 0)
    g_date_subtract_days (&date, (guint) -days);

  day = tm_day_from_date (&date);
  tm_calendar_page_select_day (self, day);
}

static gboolean
on_grid_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        TmCalendarPage        *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_selection (self, rtl ? 1 : -1, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_selection (self, rtl ? -1 : 1, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -7, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 7, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_selection (self, 0, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_selection (self, 0, 1);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_cell_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    TmCalendarPage  *self)
{
  TmDayCell *cell = TM_DAY_CELL (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));

  tm_calendar_page_select_day (self, tm_day_cell_get_day (cell));
}

static void
on_cell_focus_cb (GtkEventControllerFocus *controller,
                  TmCalendarPage          *self)
{
  TmDayCell *cell = TM_DAY_CELL (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (strcmp (tm_day_cell_get_day (cell), self->selected) != 0)
    tm_calendar_page_select_day (self, tm_day_cell_get_day (cell));
}

static void
on_prev_clicked_cb (TmCalendarPage *self)
{
  move_selection (self, 0, -1);
}

static void
on_next_clicked_cb (TmCalendarPage *self)
{
  move_selection (self, 0, 1);
}

static void
on_today_clicked_cb (TmCalendarPage *self)
{
  g_autofree char *today = tm_day_today ();

  tm_calendar_page_select_day (self, today);
}

static void
draw_scale (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  double step = width / 11.0;

  for (int mood = 0; mood <= 10; mood++)
    {
      GdkRGBA color;

      tm_day_marks_mood_color (mood, &color);
      color.alpha = 0.75;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, mood * step, 0, step - 1, height);
      cairo_fill (cr);
    }
}

static void
tm_calendar_page_constructed (GObject *object)
{
  TmCalendarPage *self = TM_CALENDAR_PAGE (object);
  const char * const signals[] = { "checkin-changed", "sessions-changed", "plan-changed" };

  G_OBJECT_CLASS (tm_calendar_page_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (self->store, signals[i], G_CALLBACK (refresh), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::hide-notes", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
tm_calendar_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, TM_CALENDAR_PAGE (object)->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_calendar_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TmCalendarPage *self = TM_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->store = g_object_ref (tm_context_get_store (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_calendar_page_dispose (GObject *object)
{
  TmCalendarPage *self = TM_CALENDAR_PAGE (object);

  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->schedule, tm_schedule_free);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->plan_dates, g_ptr_array_unref);

  G_OBJECT_CLASS (tm_calendar_page_parent_class)->dispose (object);
}

static void
tm_calendar_page_class_init (TmCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_calendar_page_get_property;
  object_class->set_property = tm_calendar_page_set_property;
  object_class->constructed = tm_calendar_page_constructed;
  object_class->dispose = tm_calendar_page_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pages/tm-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, grid);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, scale_area);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, day_group);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, checkin_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, session_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, planned_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, plan_on_day_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, current_plan_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, adherence_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, history_row);
  gtk_widget_class_bind_template_child (widget_class, TmCalendarPage, dates_row);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_prev_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
}

static void
tm_calendar_page_init (TmCalendarPage *self)
{
  g_autofree char *today = tm_day_today ();
  GDate weekday_date;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->history_rows = g_ptr_array_new ();

  g_strlcpy (self->selected, today, sizeof self->selected);
  show_month_of (self, today);
  gtk_drawing_area_set_draw_func (self->scale_area, draw_scale, NULL, NULL);

  /* The weekday names, starting on the locale's first day of the week:
   * 2 January 2023 was a Monday. */
  g_date_clear (&weekday_date, 1);
  g_date_set_dmy (&weekday_date, 1 + (GDateDay) tm_first_weekday (), G_DATE_JANUARY, 2023);
  for (int column = 0; column < 7; column++)
    {
      g_autofree char *day = tm_day_from_date (&weekday_date);
      g_autofree char *name = tm_day_format (day, "%a");
      g_autofree char *full = tm_day_format (day, "%A");
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      gtk_grid_attach (self->grid, label, column, 0, 1, 1);
      g_date_add_days (&weekday_date, 1);
    }

  for (int i = 0; i < N_CELLS; i++)
    {
      GtkWidget *cell = tm_day_cell_new ();
      GtkGesture *click = gtk_gesture_click_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      /* A click selects through the press alone: were the click also to
       * move the focus, the focus would land on the cell clicked after
       * the press had turned the month and given that cell another day. */
      gtk_widget_set_focus_on_click (cell, FALSE);
      g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed_cb), self);
      gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
      g_signal_connect (focus, "enter", G_CALLBACK (on_cell_focus_cb), self);
      gtk_widget_add_controller (cell, focus);
      gtk_grid_attach (self->grid, cell, i % 7, 1 + i / 7, 1, 1);
      self->cells[i] = TM_DAY_CELL (cell);
    }
}
