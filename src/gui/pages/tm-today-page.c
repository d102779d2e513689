/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Today: the daily check-in. It follows the calendar: past midnight an
 * untouched form moves on to the new day, while a form with changes keeps
 * its day until they are saved or discarded. */
#define G_LOG_DOMAIN "tm-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-clinician.h"
#include "tm-companion.h"
#include "tm-daily-question.h"
#include "tm-offer-row.h"
#include "tm-today-page.h"

struct _TmTodayPage
{
  AdwBin         parent_instance;

  TmCheckinForm *form;
  GtkLabel      *title_label;
  GtkLabel      *status_label;
  GtkButton     *save_button;
  TmOfferRow    *offer_row;
  TmOfferRow    *plan_offer_row;
  GtkButton     *offer_on_button;
  GtkButton     *offer_off_button;
  AdwActionRow  *reminder_row;
  AdwActionRow  *companion_row;
  AdwActionRow  *next_session_row;
  AdwActionRow  *phq9_row;
  AdwActionRow  *gad7_row;
  AdwActionRow  *followup_row;

  TmContext     *context;
  TmStore       *store;         /* the context's */
  guint          midnight_id;
  guint          minute_id;
};

G_DEFINE_FINAL_TYPE (TmTodayPage, tm_today_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_midnight (TmTodayPage *self);
static void update_next_session (TmTodayPage *self);

static void
update_header (TmTodayPage *self)
{
  const char *day = tm_checkin_form_get_day (self->form);
  TmCheckin *saved = tm_checkin_form_get_saved (self->form);
  gboolean dirty = tm_checkin_form_get_dirty (self->form);
  g_autofree char *today = tm_day_today ();
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;

  if (day == NULL)
    return;

  /* Translators: the heading of Today, a strftime format: "Saturday 28 November" */
  title = tm_day_format (day, _("%A %-d %B"));
  gtk_label_set_label (self->title_label, title);

  if (g_strcmp0 (day, today) != 0 && dirty)
    status = g_strdup (_("This check-in is for an earlier day and is not saved yet"));
  else if (dirty && saved != NULL)
    status = g_strdup (_("You have changes that are not saved yet"));
  else if (saved != NULL)
    {
      g_autoptr(GDateTime) updated = tm_instant_parse (saved->updated_at);
      g_autoptr(GDateTime) local = updated != NULL ? g_date_time_to_local (updated) : NULL;
      g_autofree char *time = local != NULL ? g_date_time_format (local, "%X") : NULL;

      /* Translators: %s is a time of day */
      status = time != NULL ? g_strdup_printf (_("Checked in · saved at %s"), time)
                            : g_strdup (_("Checked in"));
    }
  else
    status = g_strdup (_("Not checked in yet"));

  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), dirty || saved == NULL);
}

/* Shown while @kind is due; @since is the days since it was last
 * answered, -1 for never. */
static void
update_due_row (AdwActionRow        *row,
                TmQuestionnaireKind  kind,
                gboolean             due,
                int                  since)
{
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (row), due);
  if (!due)
    return;

  if (since < 0)
    /* Translators: %s is "Depression", "Anxiety" or "Long-term safety" */
    subtitle = g_strdup_printf (_("%s questionnaire · not answered yet"),
                                tm_questionnaire_kind_get_topic (kind));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %s is "Depression", "Anxiety" or "Long-term safety" */
                                             "%s questionnaire · last answered %d day ago",
                                             "%s questionnaire · last answered %d days ago", since),
                                tm_questionnaire_kind_get_topic (kind), since);
  adw_action_row_set_subtitle (row, subtitle);
}

/* Which questionnaires are due, by the rule the reminder follows too
 * (tm_store_get_due_questionnaires()): the PHQ-9 and GAD-7 at the
 * setting's cadence, the follow-up monthly. */
static void
update_due (TmTodayPage *self)
{
  g_autofree char *today = tm_day_today ();
  AdwActionRow *rows[TM_N_QUESTIONNAIRE_KINDS] = {
    [TM_QUESTIONNAIRE_PHQ9] = self->phq9_row,
    [TM_QUESTIONNAIRE_GAD7] = self->gad7_row,
    [TM_QUESTIONNAIRE_FOLLOWUP] = self->followup_row,
  };
  int since[TM_N_QUESTIONNAIRE_KINDS];
  int cadence;
  guint due;

  if (self->store == NULL)
    return;

  {
    GSettings *settings = tm_context_get_settings (self->context);
    g_autofree char *id = settings != NULL ? g_settings_get_string (settings, "questionnaire-cadence") : NULL;

    cadence = tm_questionnaire_cadence_from_id (id);
  }
  due = tm_store_get_due_questionnaires (self->store, today, cadence, since);
  for (TmQuestionnaireKind kind = 0; kind < TM_N_QUESTIONNAIRE_KINDS; kind++)
    update_due_row (rows[kind], kind, (due & (1u << kind)) != 0, since[kind]);
}

/* "Start a Session", or, while the companion runs, "Continue Session". */
static void
update_companion (TmTodayPage *self)
{
  g_autoptr(TmCompanion) companion = NULL;

  if (self->store == NULL)
    return;
  companion = tm_companion_load (self->store);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->companion_row),
                                 companion->active ? _("Continue Session") : _("Start a Session"));
  adw_action_row_set_subtitle (self->companion_row,
                               !companion->active ? _("A companion through the dose and the next morning")
                               : companion->session_id == 0 ? _("Before the dose")
                               : tm_checkpoint_get_title (MIN (tm_companion_get_current (companion),
                                                               TM_CHECKPOINT_NEXT_MORNING)));
  if (companion->active)
    gtk_widget_add_css_class (GTK_WIDGET (self->companion_row), "tm-reminder");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->companion_row), "tm-reminder");
}

static void
on_companion_changed_cb (TmTodayPage *self)
{
  update_companion (self);
  update_next_session (self);
}

/* The next planned session, one due today, or one overdue. No advice on
 * what to take: the plan is the clinician's. */
static void
update_next_session (TmTodayPage *self)
{
  g_autofree char *today = tm_day_today ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const TmPlannedDay *next;

  if (self->store == NULL)
    return;

  schedule = tm_store_make_schedule (self->store, today, &plans, &sessions, NULL);

  /* After any session, effects or none: not a day for driving, until noon
   * tomorrow, and until the companion's "fully alert?" is answered yes. */
  {
    g_autoptr(GDateTime) now = tm_time_now ();
    g_autoptr(TmCompanion) companion = tm_companion_load (self->store);

    gtk_widget_set_visible (GTK_WIDGET (self->reminder_row),
                            tm_companion_no_driving_holds (sessions, companion, now));
  }

  gtk_widget_set_visible (GTK_WIDGET (self->plan_offer_row),
                          plans != NULL && plans->len == 0 &&
                          !tm_clinician_plan_setup_was_offered (self->store));

  next = schedule != NULL ? tm_schedule_next (schedule, today) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->next_session_row), next != NULL);
  if (next == NULL)
    return;

  {
    int days = tm_day_diff (today, next->day);
    /* Translators: a strftime format for a near day: "Tue 2 Dec" */
    g_autofree char *label = tm_day_format (next->day, _("%a %-d %b"));
    g_autofree char *closes_day = tm_day_add (next->day, next->tolerance);
    g_autofree char *closes = tm_day_format (closes_day, _("%a %-d %b"));

    if (next->status == TM_PLANNED_DUE && days < 0)
      {
        /* Translators: %s is a day, e.g. "Tue 25 Nov" */
        title = g_strdup_printf (_("The session planned for %s is overdue"), label);
        /* Translators: %s is a day */
        subtitle = g_strdup_printf (_("Its window closes on %s. If you are unsure what to do, ask your clinician."),
                                    closes);
      }
    else if (days == 0)
      {
        title = g_strdup (_("A session is planned for today"));
        subtitle = next->plan != NULL ? tm_plan_describe (next->plan) : NULL;
      }
    else
      {
        /* Translators: "Next planned session: Tue 2 Dec, in 4 days" */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Next planned session: %s, in %d day",
                                              "Next planned session: %s, in %d days", days),
                                 label, days);
        subtitle = next->plan != NULL ? tm_plan_describe (next->plan) : NULL;
      }
  }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_session_row), title);
  adw_action_row_set_subtitle (self->next_session_row, subtitle != NULL ? subtitle : "");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->next_session_row), "s", next->day);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_session_row), "win.show-day");
}

/* The optional daily question: asked when it is on; offered on Today
 * once, until turned on or put aside. */
static void
update_daily_question (TmTodayPage *self)
{
  gboolean on;

  if (self->store == NULL)
    return;

  on = tm_daily_question_is_on (self->store);
  tm_checkin_form_set_ask_self_harm (self->form, on);
  gtk_widget_set_visible (GTK_WIDGET (self->offer_row),
                          !on && !tm_daily_question_was_offered (self->store));
}

static void
answer_offer (TmTodayPage *self,
              gboolean     on)
{
  g_autoptr(GError) error = NULL;

  if (!(on ? tm_daily_question_set_on (self->store, TRUE, &error)
           : tm_daily_question_set_offered (self->store, &error)))
    {
      g_warning ("The choice about the daily question was not kept: %s", error->message);
      tm_context_add_toast (self->context, adw_toast_new (error->message));
    }
  update_daily_question (self);
}

static void
on_offer_on_clicked_cb (TmTodayPage *self)
{
  answer_offer (self, TRUE);
}

static void
on_offer_off_clicked_cb (TmTodayPage *self)
{
  answer_offer (self, FALSE);
}

/* Put aside: Today does not offer it again; the plan stays one click
 * away in the main menu. */
static void
on_plan_offer_off_clicked_cb (TmTodayPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!tm_clinician_set_plan_setup_offered (self->store, &error))
    {
      g_warning ("The choice about setting up the plan was not kept: %s", error->message);
      tm_context_add_toast (self->context, adw_toast_new (error->message));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->plan_offer_row), FALSE);
}

static void
load_day (TmTodayPage *self,
          const char  *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCheckin) checkin = NULL;

  checkin = tm_store_get_checkin (self->store, day, &error);
  if (error != NULL)
    g_warning ("Could not read the check-in of %s: %s", day, error->message);

  tm_checkin_form_load (self->form, day, checkin);
  update_header (self);
}

static void
load_today_unless_dirty (TmTodayPage *self)
{
  g_autofree char *today = tm_day_today ();

  if (self->store == NULL || tm_checkin_form_get_dirty (self->form))
    return;

  load_day (self, today);
}

/* Timeouts stop while the computer sleeps: a minute's check and the
 * window coming back to front catch a day that began meanwhile. */
static gboolean
on_minute_cb (gpointer user_data)
{
  TmTodayPage *self = user_data;
  const char *day = tm_checkin_form_get_day (self->form);
  g_autofree char *today = tm_day_today ();

  if (day != NULL && g_strcmp0 (day, today) != 0)
    {
      load_today_unless_dirty (self);
      update_due (self);
    }
  update_header (self);
  update_next_session (self);

  return G_SOURCE_CONTINUE;
}

static void
on_root_active_cb (TmTodayPage *self)
{
  on_minute_cb (self);
}

static void
tm_today_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tm_today_page_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::is-active",
                           G_CALLBACK (on_root_active_cb), widget, G_CONNECT_SWAPPED);
}

static void
tm_today_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_root_active_cb, widget);

  GTK_WIDGET_CLASS (tm_today_page_parent_class)->unroot (widget);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  TmTodayPage *self = user_data;

  self->midnight_id = 0;
  load_today_unless_dirty (self);
  update_due (self);
  update_next_session (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_midnight (TmTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan until;

  midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                    g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  until = g_date_time_difference (midnight, now);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = g_timeout_add_seconds ((guint) MAX (until / G_USEC_PER_SEC, 1),
                                             on_midnight_cb, self);
}

/* Another part of Tidemark changed this day's check-in: follow it when
 * nothing here waits to be saved. */
static void
on_checkin_changed_cb (TmTodayPage *self,
                       const char  *changed_day)
{
  const char *day = tm_checkin_form_get_day (self->form);

  /* No day: many changed at once (an import, a restored backup). */
  if ((changed_day == NULL || g_strcmp0 (day, changed_day) == 0) && !tm_checkin_form_get_dirty (self->form))
    load_day (self, day);
}

static void
on_save_button_clicked_cb (TmTodayPage *self)
{
  tm_today_page_save (self);
}

static void
tm_today_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmTodayPage *self = TM_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_today_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TmTodayPage *self = TM_TODAY_PAGE (object);

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
tm_today_page_constructed (GObject *object)
{
  TmTodayPage *self = TM_TODAY_PAGE (object);
  GSettings *settings = tm_context_get_settings (self->context);
  g_autofree char *today = tm_day_today ();

  G_OBJECT_CLASS (tm_today_page_parent_class)->constructed (object);

  g_object_bind_property (self->context, "hide-notes", self->form, "hide-note", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->store, "checkin-changed",
                           G_CALLBACK (on_checkin_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "questionnaires-changed",
                           G_CALLBACK (update_due), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "sessions-changed",
                           G_CALLBACK (update_next_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "plan-changed",
                           G_CALLBACK (update_next_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "meta-changed",
                           G_CALLBACK (update_daily_question), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "meta-changed::" TM_COMPANION_META_KEY,
                           G_CALLBACK (on_companion_changed_cb), self, G_CONNECT_SWAPPED);
  update_companion (self);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::questionnaire-cadence",
                             G_CALLBACK (update_due), self, G_CONNECT_SWAPPED);

  update_daily_question (self);
  load_day (self, today);
  update_due (self);
  update_next_session (self);
  schedule_midnight (self);
  self->minute_id = g_timeout_add_seconds (60, on_minute_cb, self);
}

static void
tm_today_page_dispose (GObject *object)
{
  TmTodayPage *self = TM_TODAY_PAGE (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->minute_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (tm_today_page_parent_class)->dispose (object);
}

static void
tm_today_page_class_init (TmTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_today_page_get_property;
  object_class->set_property = tm_today_page_set_property;
  object_class->constructed = tm_today_page_constructed;
  object_class->dispose = tm_today_page_dispose;
  widget_class->root = tm_today_page_root;
  widget_class->unroot = tm_today_page_unroot;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_CHECKIN_FORM);
  g_type_ensure (TM_TYPE_OFFER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pages/tm-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, form);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, offer_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, plan_offer_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, offer_on_button);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, offer_off_button);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, reminder_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, companion_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, next_session_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, phq9_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, gad7_row);
  gtk_widget_class_bind_template_child (widget_class, TmTodayPage, followup_row);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_offer_on_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_offer_off_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_offer_off_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_header);
}

static void
tm_today_page_init (TmTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The words of every session's prompts, from one place. */
  adw_action_row_set_subtitle (self->reminder_row, tm_safety_no_driving_text ());
  tm_offer_row_set_subtitle (self->offer_row,
                             _("The check-in can ask each day whether you have had thoughts that "
                               "you would be better off dead or of hurting yourself. It is best "
                               "turned on with your clinician; you can change it at any time in "
                               "Preferences."));
}

TmCheckinForm *
tm_today_page_get_form (TmTodayPage *self)
{
  g_return_val_if_fail (TM_IS_TODAY_PAGE (self), NULL);

  return self->form;
}

/* Saved once the import that held it up has been stored, unless the form
 * was saved or emptied meanwhile. */
static void
save_when_writable_cb (TmTodayPage *self)
{
  if (tm_checkin_form_get_dirty (self->form))
    tm_today_page_save (self);
}

/**
 * tm_today_page_save:
 *
 * Saves the check-in and says so in a toast; a refused save is explained
 * in the form, which keeps what was typed.
 */
gboolean
tm_today_page_save (TmTodayPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TM_IS_TODAY_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!tm_checkin_form_save (self->form, self->store, &error))
    {
      if (tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), G_CALLBACK (save_when_writable_cb));
      return FALSE;
    }

  tm_context_add_toast (self->context, adw_toast_new (_("Check-in saved")));

  /* A check-in saved for a day that has since ended hands over to today. */
  load_today_unless_dirty (self);
  return TRUE;
}

/* Forgets unsaved changes: back to what is stored for today. */
void
tm_today_page_discard (TmTodayPage *self)
{
  g_autofree char *today = tm_day_today ();

  g_return_if_fail (TM_IS_TODAY_PAGE (self));

  if (self->store != NULL)
    load_day (self, today);
}
