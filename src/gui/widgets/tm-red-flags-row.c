/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Any of these?": the red flags of DESIGN.md (S11), in core's wording, on
 * check-ins and sessions. Folded until opened, it says under its title
 * what is ticked; a record with any opens it. "changed" says a tick
 * changed by the person. */
#define G_LOG_DOMAIN "tm-red-flags-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-checkin.h"
#include "tm-measure.h"
#include "tm-red-flags-row.h"

struct _TmRedFlagsRow
{
  AdwExpanderRow  parent_instance;

  GtkCheckButton *checks[TM_N_RED_FLAGS];
  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (TmRedFlagsRow, tm_red_flags_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_subtitle (TmRedFlagsRow *self)
{
  guint red_flags = tm_red_flags_row_get_red_flags (self);
  g_autofree char *ticked = red_flags != 0 ? tm_red_flags_describe (red_flags, TM_WORDING_SHOWN, ", ") : NULL;

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 ticked != NULL ? ticked
                                                : _("Signs that need medical help · tick any you had"));
}

static void
on_check_toggled_cb (TmRedFlagsRow *self)
{
  update_subtitle (self);
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
tm_red_flags_row_class_init (TmRedFlagsRowClass *klass)
{
  /**
   * TmRedFlagsRow::changed:
   *
   * A tick changed by the person.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tm_red_flags_row_init (TmRedFlagsRow *self)
{
  /* Translators: the title of the red flags checklist */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Any of These?"));

  for (guint i = 0; i < TM_N_RED_FLAGS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tm_red_flag_get_label (i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tm_red_flag_get_label (i), -1);
      g_signal_connect_swapped (check, "notify::active", G_CALLBACK (on_check_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      tm_expander_row_measure_when_expanded (ADW_EXPANDER_ROW (self), row);
      self->checks[i] = GTK_CHECK_BUTTON (check);
    }
  update_subtitle (self);
}

/* The ticked red flags as a TmRedFlags mask. */
guint
tm_red_flags_row_get_red_flags (TmRedFlagsRow *self)
{
  guint red_flags = 0;

  g_return_val_if_fail (TM_IS_RED_FLAGS_ROW (self), 0);

  for (guint i = 0; i < TM_N_RED_FLAGS; i++)
    if (gtk_check_button_get_active (self->checks[i]))
      red_flags |= 1u << i;

  return red_flags;
}

/* Shows @red_flags, the list open when there are any. */
void
tm_red_flags_row_set_red_flags (TmRedFlagsRow *self,
                                guint          red_flags)
{
  g_return_if_fail (TM_IS_RED_FLAGS_ROW (self));

  self->setting = TRUE;
  for (guint i = 0; i < TM_N_RED_FLAGS; i++)
    gtk_check_button_set_active (self->checks[i], (red_flags & (1u << i)) != 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), red_flags != 0);
  self->setting = FALSE;
  update_subtitle (self);
}
