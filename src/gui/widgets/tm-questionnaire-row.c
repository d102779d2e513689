/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One questionnaire in History: which, when, its total and its band. */
#define G_LOG_DOMAIN "tm-questionnaire-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-questionnaire-row.h"

struct _TmQuestionnaireRow
{
  GtkWidget  parent_instance;

  GtkLabel  *total_label;
  GtkLabel  *title_label;
  GtkLabel  *day_label;
  GtkButton *delete_button;

  char      *band_class;
};

G_DEFINE_FINAL_TYPE (TmQuestionnaireRow, tm_questionnaire_row, GTK_TYPE_WIDGET)

static void
tm_questionnaire_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_QUESTIONNAIRE_ROW);
  /* A GtkWidget parent unparents what the template put in it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tm_questionnaire_row_parent_class)->dispose (object);
}

static void
tm_questionnaire_row_finalize (GObject *object)
{
  g_free (TM_QUESTIONNAIRE_ROW (object)->band_class);

  G_OBJECT_CLASS (tm_questionnaire_row_parent_class)->finalize (object);
}

static void
tm_questionnaire_row_class_init (TmQuestionnaireRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_questionnaire_row_dispose;
  object_class->finalize = tm_questionnaire_row_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-questionnaire-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireRow, delete_button);
}

static void
tm_questionnaire_row_init (TmQuestionnaireRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tm_questionnaire_row_new (void)
{
  return g_object_new (TM_TYPE_QUESTIONNAIRE_ROW, NULL);
}

void
tm_questionnaire_row_set_questionnaire (TmQuestionnaireRow *self,
                                        TmQuestionnaire    *q)
{
  TmBand band;
  g_autofree char *total = NULL;
  g_autofree char *total_a11y = NULL;
  g_autofree char *title = NULL;
  g_autofree char *day = NULL;
  g_autofree char *delete_a11y = NULL;

  g_return_if_fail (TM_IS_QUESTIONNAIRE_ROW (self));
  g_return_if_fail (TM_IS_QUESTIONNAIRE (q));

  band = tm_questionnaire_band (q->kind, q->total);

  total = g_strdup_printf ("%d", q->total);
  gtk_label_set_label (self->total_label, total);
  if (self->band_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), self->band_class);
  g_free (self->band_class);
  self->band_class = g_strdup_printf ("band-%d", (int) band);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), self->band_class);
  /* Translators: read for a questionnaire's total: "Total 12 of 27" */
  total_a11y = g_strdup_printf (_("Total %d of %d"), q->total, tm_questionnaire_kind_get_max_total (q->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, total_a11y, -1);

  /* Translators: "PHQ-9 · Moderate" */
  title = g_strdup_printf (_("%s · %s"), tm_questionnaire_kind_get_name (q->kind), tm_band_get_label (band));
  gtk_label_set_label (self->title_label, title);

  day = tm_day_format_long (q->day);
  gtk_label_set_label (self->day_label, day);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", q->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "history.delete-questionnaire");
  /* Translators: accessible name of a delete button: "Delete the PHQ-9 of Saturday 28 November 2026" */
  delete_a11y = g_strdup_printf (_("Delete the %s of %s"), tm_questionnaire_kind_get_name (q->kind), day);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_a11y, -1);
}
