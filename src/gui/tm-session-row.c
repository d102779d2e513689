/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One dosing session in the Sessions list: when, how much, how, where,
 * and the readings that were taken. */
#define G_LOG_DOMAIN "tm-session-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-session-row.h"

struct _TmSessionRow
{
  GtkWidget  parent_instance;

  GtkLabel  *when_label;
  GtkLabel  *dose_label;
  GtkLabel  *details_label;
  GtkLabel  *peak_label;
  GtkLabel  *effects_label;
  GtkLabel  *bp_label;
  GtkButton *delete_button;
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
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/tm-session-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, dose_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, peak_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, effects_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, bp_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionRow, delete_button);
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

static char *
describe_effects (guint effects)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < TM_N_EFFECTS; i++)
    if (effects & (1u << i))
      {
        if (text->len > 0)
          g_string_append (text, "\n");
        g_string_append (text, tm_effect_get_label (i));
      }

  return g_string_free (text, FALSE);
}

void
tm_session_row_set_session (TmSessionRow *self,
                            TmSession    *session)
{
  g_autofree char *day = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *when = NULL;
  g_autofree char *dose = NULL;
  g_autofree char *dose_text = NULL;
  g_autofree char *effects = NULL;
  g_autofree char *delete_a11y = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GString) bp = g_string_new (NULL);

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

  g_string_append (details, tm_route_get_label (session->route));
  g_string_append (details, " · ");
  g_string_append (details, tm_setting_get_label (session->setting));
  if (session->monitor_present)
    {
      g_string_append (details, " · ");
      g_string_append (details, _("someone present"));
    }
  gtk_label_set_label (self->details_label, details->str);

  gtk_widget_set_visible (GTK_WIDGET (self->peak_label), session->dissociation_peak != TM_UNSET);
  if (session->dissociation_peak != TM_UNSET)
    {
      /* Translators: peak dissociation, out of 10 */
      g_autofree char *peak = g_strdup_printf (_("Dissociation %d/10"), session->dissociation_peak);
      gtk_label_set_label (self->peak_label, peak);
    }

  effects = describe_effects (session->effects);
  gtk_widget_set_visible (GTK_WIDGET (self->effects_label), session->effects != 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->effects_label), effects);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->effects_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, effects, -1);

  if (session->bp_before_sys != TM_UNSET)
    /* Translators: blood pressure before a dose */
    g_string_append_printf (bp, _("BP before %d/%d"), session->bp_before_sys, session->bp_before_dia);
  if (session->bp_after_sys != TM_UNSET)
    {
      if (bp->len > 0)
        g_string_append (bp, " · ");
      /* Translators: blood pressure after a dose */
      g_string_append_printf (bp, _("after %d/%d"), session->bp_after_sys, session->bp_after_dia);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bp_label), bp->len > 0);
  gtk_label_set_label (self->bp_label, bp->str);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", session->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "sessions.delete");
  /* Translators: accessible name of the delete button; %s is a date and time */
  delete_a11y = g_strdup_printf (_("Delete the session of %s"), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_a11y, -1);
}
