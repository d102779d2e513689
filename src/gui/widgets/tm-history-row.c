/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One check-in in History: its day, mood, the start of its note, and a
 * flag when it is to be brought up at the next review. */
#define G_LOG_DOMAIN "tm-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-history-row.h"

#define EXCERPT_CHARS 140

struct _TmHistoryRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *mood_label;
  GtkLabel  *day_label;
  GtkLabel  *backfilled_label;
  GtkLabel  *effects_label;
  GtkLabel  *note_label;
  GtkImage  *discuss_icon;

  char      *mood_class;
  gboolean   hide_note;
};

G_DEFINE_FINAL_TYPE (TmHistoryRow, tm_history_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HIDE_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tm_history_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TmHistoryRow *self = TM_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_HIDE_NOTE:
      g_value_set_boolean (value, self->hide_note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_history_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TmHistoryRow *self = TM_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_HIDE_NOTE:
      if (self->hide_note == g_value_get_boolean (value))
        break;
      self->hide_note = g_value_get_boolean (value);
      /* For a shared screen: out of sight, the rest of the row as it is. */
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), !self->hide_note);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_history_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_HISTORY_ROW);
  /* A GtkWidget parent unparents what the template put in it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tm_history_row_parent_class)->dispose (object);
}

static void
tm_history_row_finalize (GObject *object)
{
  TmHistoryRow *self = TM_HISTORY_ROW (object);

  g_free (self->mood_class);

  G_OBJECT_CLASS (tm_history_row_parent_class)->finalize (object);
}

static void
tm_history_row_class_init (TmHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_history_row_get_property;
  object_class->set_property = tm_history_row_set_property;
  object_class->dispose = tm_history_row_dispose;
  object_class->finalize = tm_history_row_finalize;

  /* Bound to TmContext:hide-notes by the page that shows the row. */
  properties[PROP_HIDE_NOTE] =
    g_param_spec_boolean ("hide-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, box);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, mood_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, backfilled_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, effects_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryRow, discuss_icon);
}

static void
tm_history_row_init (TmHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tm_history_row_new (void)
{
  return g_object_new (TM_TYPE_HISTORY_ROW, NULL);
}

void
tm_history_row_set_checkin (TmHistoryRow *self,
                            TmCheckin    *checkin)
{
  g_autofree char *mood = NULL;
  g_autofree char *day = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *mood_a11y = NULL;
  g_autofree char *created_day = NULL;
  g_autofree char *created = NULL;
  g_autofree char *backfilled_tip = NULL;

  g_return_if_fail (TM_IS_HISTORY_ROW (self));
  g_return_if_fail (TM_IS_CHECKIN (checkin));

  mood = g_strdup_printf ("%d", checkin->mood);
  gtk_label_set_label (self->mood_label, mood);
  if (self->mood_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->mood_label), self->mood_class);
  g_free (self->mood_class);
  self->mood_class = g_strdup_printf ("mood-%d", checkin->mood);
  gtk_widget_add_css_class (GTK_WIDGET (self->mood_label), self->mood_class);
  /* Translators: read by screen readers for the mood badge of a check-in */
  mood_a11y = g_strdup_printf (_("Mood %d of 10"), checkin->mood);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mood_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mood_a11y, -1);

  day = tm_day_format_long (checkin->day);
  gtk_label_set_label (self->day_label, day);

  excerpt = tm_note_excerpt (checkin->note, EXCERPT_CHARS);
  gtk_label_set_label (self->note_label, excerpt != NULL ? excerpt : _("No note"));
  if (excerpt != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "dim-label");

  gtk_widget_set_visible (GTK_WIDGET (self->backfilled_label), tm_checkin_is_backfilled (checkin));
  created_day = tm_instant_local_day (checkin->created_at);
  if (created_day != NULL)
    {
      created = tm_day_format_long (created_day);
      /* Translators: tooltip of the "Back-filled" tag; %s is a date */
      backfilled_tip = g_strdup_printf (_("Written on %s, more than a day later"), created);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->backfilled_label), backfilled_tip);

  gtk_widget_set_visible (GTK_WIDGET (self->effects_label), checkin->effects != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->discuss_icon), checkin->discuss);

}
