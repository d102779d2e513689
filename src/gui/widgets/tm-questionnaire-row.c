/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One questionnaire in History: which, when, its total and its band; for
 * the follow-up, which has no band, how many items were noted and the
 * tolerance. */
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

static void
set_badge_class (TmQuestionnaireRow *self,
                 char               *css_class)
{
  if (self->band_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), self->band_class);
  g_free (self->band_class);
  self->band_class = css_class;
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->total_label), css_class);
}

/* The PHQ-9 or GAD-7: the total in its band's colour, "PHQ-9 · Moderate". */
static void
show_band (TmQuestionnaireRow *self,
           TmQuestionnaire    *q,
           const char         *day)
{
  TmBand band = tm_questionnaire_band (q->kind, q->total);
  g_autofree char *total = g_strdup_printf ("%d", q->total);
  g_autofree char *total_a11y = NULL;
  g_autofree char *title = NULL;

  gtk_label_set_label (self->total_label, total);
  set_badge_class (self, g_strdup_printf ("band-%d", (int) band));
  /* Translators: read for a questionnaire's total: "Total 12 of 27" */
  total_a11y = g_strdup_printf (_("Total %d of %d"), q->total, tm_questionnaire_kind_get_max_total (q->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, total_a11y, -1);

  /* Translators: "PHQ-9 · Moderate" */
  title = g_strdup_printf (_("%s · %s"), tm_questionnaire_kind_get_name (q->kind), tm_band_get_label (band));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->day_label, day);
}

/* The follow-up: how many items were noted, in a neutral badge (no band
 * and no sum: each item is read on its own), and the tolerance.
 * "Follow-up · 3 noted", "Saturday 28 November 2026 · Tolerated 7 of 10". */
static void
show_followup (TmQuestionnaireRow *self,
               TmQuestionnaire    *q,
               const char         *day)
{
  guint n = tm_questionnaire_kind_get_n_items (q->kind);
  int noted = 0;
  g_autofree char *count = NULL;
  g_autofree char *count_a11y = NULL;
  g_autofree char *noted_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < n; i++)
    noted += q->answers[i] > 0;

  count = g_strdup_printf ("%d", noted);
  gtk_label_set_label (self->total_label, count);
  set_badge_class (self, NULL);
  count_a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: read for a follow-up's badge: "3 of 12 noted" */
                                             "%d of %u noted", "%d of %u noted", noted),
                                noted, n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count_a11y, -1);

  noted_text = noted > 0
    /* Translators: how many items of a follow-up were answered above "No" */
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d noted", "%d noted", noted), noted)
    /* Translators: a follow-up with every answer "No" */
    : g_strdup (_("Nothing noted"));
  /* Translators: "Follow-up · 3 noted" */
  title = g_strdup_printf (_("%s · %s"), tm_questionnaire_kind_get_name (q->kind), noted_text);
  gtk_label_set_label (self->title_label, title);

  if (q->tolerance >= 0)
    /* Translators: a follow-up's day and tolerance: "Saturday 28 November 2026 · Tolerated 7 of 10" */
    subtitle = g_strdup_printf (_("%s · Tolerated %d of %d"), day, q->tolerance, TM_FOLLOWUP_TOLERANCE_MAX);
  gtk_label_set_label (self->day_label, subtitle != NULL ? subtitle : day);
}

void
tm_questionnaire_row_set_questionnaire (TmQuestionnaireRow *self,
                                        TmQuestionnaire    *q)
{
  g_autofree char *day = NULL;

  g_return_if_fail (TM_IS_QUESTIONNAIRE_ROW (self));
  g_return_if_fail (TM_IS_QUESTIONNAIRE (q));

  day = tm_day_format_long (q->day);
  if (tm_questionnaire_kind_has_bands (q->kind))
    show_band (self, q, day);
  else
    show_followup (self, q, day);

}
