/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One dosing session in the Sessions list: when, how much, how, where,
 * how it stands against the plan, who was there, and the readings that
 * were taken, and a flag when it is to be brought up at the next review. */
#define G_LOG_DOMAIN "tm-session-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-session-row.h"

struct _TmSessionRow
{
  GtkWidget  parent_instance;

  GtkLabel  *when_label;
  GtkLabel  *dose_label;
  GtkLabel  *status_label;
  GtkLabel  *details_label;
  GtkLabel  *readings_label;
  GtkLabel  *integration_label;
  GtkLabel  *effects_label;
  GtkImage  *discuss_icon;
  gboolean   hide_notes;
};

G_DEFINE_FINAL_TYPE (TmSessionRow, tm_session_row, GTK_TYPE_WIDGET)

static void
tm_session_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_SESSION_ROW);
  /* A GtkWidget parent unparents what the template put in it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tm_session_row_parent_class)->dispose (object);
}

static void
tm_session_row_class_init (TmSessionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_session_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-session-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, dose_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, readings_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, integration_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, effects_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, discuss_icon);
}

static void
tm_session_row_init (TmSessionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tm_session_row_new (void)
{
  return g_object_new (TM_TYPE_SESSION_ROW, NULL);
}

/* "On the day · 14 days since the previous dose" */
static char *
describe_status (const TmSessionStatus *status)
{
  g_autofree char *words = tm_session_status_describe (status);
  g_autofree char *since = tm_session_status_describe_since (status);
  GString *text = g_string_new (NULL);

  /* The words start a line here. */
  g_string_append_unichar (text, g_unichar_totitle (g_utf8_get_char (words)));
  g_string_append (text, g_utf8_next_char (words));
  if (since != NULL)
    g_string_append_printf (text, " · %s", since);
  return g_string_free (text, FALSE);
}

static char *
describe_details (const TmSession *session)
{
  GString *details = g_string_new (tm_route_get_label (session->route));

  g_string_append (details, " · ");
  g_string_append (details, tm_setting_get_label (session->setting));
  if (session->monitor_present)
    {
      g_string_append (details, " · ");
      g_string_append (details, _("Someone with them (self-reported)"));
    }
  else if (session->setting == TM_SETTING_HOME)
    {
      g_string_append (details, " · ");
      g_string_append (details, _("Nobody with them (self-reported)"));
    }
  return g_string_free (details, FALSE);
}

static char *
describe_medicines (guint medicines)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < TM_N_MEDICINES; i++)
    if (medicines & (1u << i))
      {
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, tm_medicine_get_label (i));
      }
  if (names->len == 0)
    return g_string_free (names, TRUE);
  {
    g_autofree char *list = g_string_free (names, FALSE);

    /* Translators: the other medicines taken on a session's day */
    return g_strdup_printf (_("Other medicines: %s"), list);
  }
}

static void
append_reading (GString    *text,
                const char *reading)
{
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, reading);
}

/* One line that wraps, so that nothing is cut off in a narrow window:
 * "Mood before 6/10 · Dissociation 4/10 · Nausea: Mild · …" */
static char *
describe_readings (const TmSession *session)
{
  GString *text = g_string_new (NULL);
  g_autofree char *medicines = describe_medicines (session->other_medicines);

  if (session->mood_before != TM_UNSET)
    /* Translators: mood before a dose, out of 10 */
    g_string_append_printf (text, _("Mood before %d/10"), session->mood_before);
  if (session->dissociation_peak != TM_UNSET)
    {
      /* Translators: peak dissociation, out of 10 */
      g_autofree char *peak = g_strdup_printf (_("Dissociation %d/10"), session->dissociation_peak);
      append_reading (text, peak);
    }
  if (session->nausea != TM_UNSET)
    {
      /* Translators: how strong nausea was: "Nausea: Mild" */
      g_autofree char *nausea = g_strdup_printf (_("Nausea: %s"), tm_severity_get_label (session->nausea));
      append_reading (text, nausea);
    }
  if (session->sedation != TM_UNSET)
    {
      /* Translators: how strong sedation was: "Sedation: Moderate" */
      g_autofree char *sedation = g_strdup_printf (_("Sedation: %s"), tm_severity_get_label (session->sedation));
      append_reading (text, sedation);
    }
  {
    const TmSessionReading *before = tm_session_get_bp_before (session);
    const TmSessionReading *after = tm_session_get_highest_bp_after (session);
    g_autoptr(GString) bp = g_string_new (NULL);
    guint n_after = 0;

    for (guint i = 0; i < session->readings->len; i++)
      {
        const TmSessionReading *r = session->readings->pdata[i];

        n_after += r->minutes_after > 0 && tm_session_reading_has_bp (r);
      }
    if (before != NULL)
      /* Translators: blood pressure before a dose */
      g_string_append_printf (bp, _("BP before %d/%d"), before->bp_sys, before->bp_dia);
    if (after != NULL)
      {
        if (before != NULL)
          g_string_append (bp, _(", "));
        if (n_after > 1)
          /* Translators: the highest of the blood pressures after a dose: "BP highest after 135/85 at
           * 40 min", or after "BP before 128/82, " */
          g_string_append_printf (bp, before != NULL ? _("highest after %d/%d at %d min")
                                                     : _("BP highest after %d/%d at %d min"),
                                  after->bp_sys, after->bp_dia, after->minutes_after);
        else
          /* Translators: the one blood pressure after a dose: "BP after 135/85 at 40 min", or after
           * "BP before 128/82, " */
          g_string_append_printf (bp, before != NULL ? _("after %d/%d at %d min") : _("BP after %d/%d at %d min"),
                                  after->bp_sys, after->bp_dia, after->minutes_after);
      }
    if (bp->len > 0)
      append_reading (text, bp->str);
  }
  if (medicines != NULL)
    append_reading (text, medicines);
  return g_string_free (text, FALSE);
}

static void
show_readings (TmSessionRow *self,
               TmSession    *session)
{
  g_autofree char *readings = describe_readings (session);
  g_autofree char *effects = tm_effects_describe (session->effects, TM_WORDING_SHOWN, "\n");

  gtk_label_set_label (self->readings_label, readings);
  gtk_widget_set_visible (GTK_WIDGET (self->readings_label), readings[0] != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->effects_label), session->effects != 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->effects_label), effects);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->effects_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, effects, -1);
}

/* The intention and the reflection, the start of each; out of sight on a
 * shared screen, like every note. */
static void
show_integration (TmSessionRow *self,
                  TmSession    *session)
{
  GString *text = g_string_new (NULL);

  if (!self->hide_notes && session->intention != NULL)
    {
      g_autofree char *excerpt = tm_note_excerpt (session->intention, 80);

      /* Translators: under a session in the list: "Intention: to rest" */
      g_string_append_printf (text, _("Intention: %s"), excerpt);
    }
  if (!self->hide_notes && session->reflection != NULL)
    {
      g_autofree char *excerpt = tm_note_excerpt (session->reflection, 80);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: under a session in the list: "Reflection: calmer" */
      g_string_append_printf (text, _("Reflection: %s"), excerpt);
    }
  gtk_label_set_label (self->integration_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->integration_label), text->len > 0);
  g_string_free (text, TRUE);
}

/**
 * tm_session_row_set_hide_notes:
 *
 * For a shared screen: the next tm_session_row_set_session () leaves the
 * intention and the reflection out.
 */
void
tm_session_row_set_hide_notes (TmSessionRow *self,
                               gboolean      hide_notes)
{
  g_return_if_fail (TM_IS_SESSION_ROW (self));
  self->hide_notes = hide_notes;
}

/**
 * tm_session_row_set_session:
 * @status: (nullable): how @session stands against the plan, when known
 */
void
tm_session_row_set_session (TmSessionRow          *self,
                            TmSession             *session,
                            const TmSessionStatus *status)
{
  g_autofree char *day = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *when = NULL;
  g_autofree char *dose = NULL;
  g_autofree char *dose_text = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *details = NULL;

  g_return_if_fail (TM_IS_SESSION_ROW (self));
  g_return_if_fail (TM_IS_SESSION (session));

  /* The day and time as they were where the session was taken. */
  day = tm_session_get_day (session);
  day_text = day != NULL ? tm_day_format_long (day) : g_strdup (session->taken_at);
  time_text = tm_instant_time_as_written (session->taken_at);
  /* Translators: a session's date and time: "Thursday 26 November 2026, 19:30" */
  when = g_strdup_printf (_("%s, %s"), day_text, time_text != NULL ? time_text : "");
  gtk_label_set_label (self->when_label, when);

  dose = tm_format_dose (session->dose_mg);
  /* Translators: a dose in milligrams */
  dose_text = g_strdup_printf (_("%s mg"), dose);
  gtk_label_set_label (self->dose_label, dose_text);

  status_text = status != NULL ? describe_status (status) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status_text != NULL);
  gtk_label_set_label (self->status_label, status_text != NULL ? status_text : "");
  if (status != NULL && tm_session_status_needs_attention (status))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");

  details = describe_details (session);
  gtk_label_set_label (self->details_label, details);

  show_readings (self, session);
  show_integration (self, session);
  gtk_widget_set_visible (GTK_WIDGET (self->discuss_icon), session->discuss);

}
