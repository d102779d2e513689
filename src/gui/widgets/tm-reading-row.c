/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One reading of the session day in the session editor: collapsed, when
 * it was taken and what was read; open, each value to change, and a
 * button to remove it. What it holds is checked in core when the session
 * is saved. */
#define G_LOG_DOMAIN "tm-reading-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-choices.h"
#include "tm-rating-row.h"
#include "tm-reading-row.h"

struct _TmReadingRow
{
  AdwExpanderRow    parent_instance;

  AdwEntryRow      *minutes_row;
  AdwEntryRow      *bp_row;
  AdwEntryRow      *pulse_row;
  TmRatingRow      *dissociation_row;
  AdwComboRow      *sedation_row;
  AdwComboRow      *nausea_row;
  AdwEntryRow      *note_row;

  TmSessionReading *reading;  /* as stored, for its id and when it was written */
};

G_DEFINE_FINAL_TYPE (TmReadingRow, tm_reading_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The title says when, the subtitle what was read, from what is typed:
 * what can't be read yet leaves them as they were. */
static void
update_title (TmReadingRow *self)
{
  g_autoptr(TmSessionReading) reading = tm_reading_row_get_reading (self, NULL, NULL);
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;

  if (reading == NULL)
    return;
  when = tm_format_minutes_after (reading->minutes_after);
  what = tm_session_reading_describe (reading);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), when);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 what[0] != '\0' ? what : reading->note != NULL ? reading->note : "");
}

static void
on_changed_cb (TmReadingRow *self)
{
  update_title (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked_cb (TmReadingRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
tm_reading_row_dispose (GObject *object)
{
  TmReadingRow *self = TM_READING_ROW (object);

  g_clear_object (&self->reading);
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_READING_ROW);

  G_OBJECT_CLASS (tm_reading_row_parent_class)->dispose (object);
}

static void
tm_reading_row_class_init (TmReadingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_reading_row_dispose;

  /**
   * TmReadingRow::changed:
   *
   * Something in the reading was changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TmReadingRow::remove:
   *
   * The person asked to remove the reading.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TM_TYPE_RATING_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidemark/Tidemark/widgets/tm-reading-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, minutes_row);
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, bp_row);
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, pulse_row);
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, dissociation_row);
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, sedation_row);
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, nausea_row);
  gtk_widget_class_bind_template_child (widget_class, TmReadingRow, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
tm_reading_row_init (TmReadingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_number (AdwEntryRow *row,
            int          value)
{
  g_autofree char *text = value == TM_UNSET ? g_strdup ("") : g_strdup_printf ("%d", value);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/**
 * tm_reading_row_new:
 * @reading: (nullable): a reading to show, or %NULL for a new one
 */
GtkWidget *
tm_reading_row_new (const TmSessionReading *reading)
{
  TmReadingRow *self = g_object_new (TM_TYPE_READING_ROW, NULL);
  g_autofree char *bp = NULL;

  self->reading = reading != NULL ? tm_session_reading_copy (reading) : tm_session_reading_new ();
  bp = tm_format_blood_pressure (self->reading->bp_sys, self->reading->bp_dia);
  set_number (self->minutes_row, self->reading->minutes_after);
  gtk_editable_set_text (GTK_EDITABLE (self->bp_row), bp);
  set_number (self->pulse_row, self->reading->pulse);
  tm_rating_row_set_value (self->dissociation_row, self->reading->dissociation);
  tm_choices_set_severity (self->sedation_row, self->reading->sedation);
  tm_choices_set_severity (self->nausea_row, self->reading->nausea);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), self->reading->note != NULL ? self->reading->note : "");
  update_title (self);
  return GTK_WIDGET (self);
}

/**
 * tm_reading_row_get_reading:
 * @field: (out) (optional): what could not be read: "minutes_after", "bp",
 *   "pulse"
 *
 * Returns: (transfer full) (nullable): the reading as typed, with the id
 *   and time of the one shown; %NULL with @error set when a value can't be
 *   read (its range is checked when the session is saved)
 */
TmSessionReading *
tm_reading_row_get_reading (TmReadingRow  *self,
                            const char   **field,
                            GError       **error)
{
  g_autoptr(TmSessionReading) reading = tm_session_reading_copy (self->reading);
  const char *unused;

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!tm_parse_reading_minutes (entry_text (self->minutes_row), &reading->minutes_after, error))
    {
      *field = "minutes_after";
      return NULL;
    }
  if (!tm_parse_blood_pressure (entry_text (self->bp_row), &reading->bp_sys, &reading->bp_dia, error))
    {
      *field = "bp";
      return NULL;
    }
  if (!tm_parse_pulse (entry_text (self->pulse_row), &reading->pulse, error))
    {
      *field = "pulse";
      return NULL;
    }
  reading->dissociation = tm_rating_row_get_value (self->dissociation_row);
  reading->sedation = tm_choices_get_severity (self->sedation_row);
  reading->nausea = tm_choices_get_severity (self->nausea_row);
  tm_session_reading_set_note (reading, entry_text (self->note_row));
  return g_steal_pointer (&reading);
}

/* Everything the row shows, as text: unchanged means the same text. */
char *
tm_reading_row_snapshot (TmReadingRow *self)
{
  return g_strdup_printf ("%s|%s|%s|%d|%u|%u|%s", entry_text (self->minutes_row), entry_text (self->bp_row),
                          entry_text (self->pulse_row), tm_rating_row_get_value (self->dissociation_row),
                          adw_combo_row_get_selected (self->sedation_row),
                          adw_combo_row_get_selected (self->nausea_row), entry_text (self->note_row));
}

/* Opens the row and marks the value at fault (a column of the reading, or
 * "bp"), with the keyboard there. */
void
tm_reading_row_mark (TmReadingRow *self,
                     const char   *field)
{
  GtkWidget *row = NULL;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  if (g_strcmp0 (field, "minutes_after") == 0)
    row = GTK_WIDGET (self->minutes_row);
  else if (g_strcmp0 (field, "pulse") == 0)
    row = GTK_WIDGET (self->pulse_row);
  else if (g_strcmp0 (field, "dissociation") == 0)
    row = GTK_WIDGET (self->dissociation_row);
  else if (g_strcmp0 (field, "note") == 0)
    row = GTK_WIDGET (self->note_row);
  else
    row = GTK_WIDGET (self->bp_row);
  gtk_widget_add_css_class (row, "error");
  gtk_widget_grab_focus (row);
}

void
tm_reading_row_clear_marks (TmReadingRow *self)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->minutes_row), GTK_WIDGET (self->bp_row), GTK_WIDGET (self->pulse_row),
                        GTK_WIDGET (self->dissociation_row), GTK_WIDGET (self->note_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
}
