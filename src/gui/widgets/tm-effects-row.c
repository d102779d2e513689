/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Unusual perceptual or dissociative effects?": a switch that opens the
 * checklist of DESIGN.md, in core's wording. The checklist is built the
 * first time it is needed; "rows-built" lets the form add its own rows
 * after it. "changed" says the switch or a tick changed. */
#define G_LOG_DOMAIN "tm-effects-row"

#include "config.h"

#include "tm-checkin.h"
#include "tm-effects-row.h"

struct _TmEffectsRow
{
  AdwExpanderRow  parent_instance;

  GtkCheckButton *checks[TM_N_EFFECTS];
  gboolean        built;
  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (TmEffectsRow, tm_effects_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  ROWS_BUILT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (TmEffectsRow *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
build_rows (TmEffectsRow *self)
{
  if (self->built)
    return;
  self->built = TRUE;

  for (guint i = 0; i < TM_N_EFFECTS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tm_effect_get_label (i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tm_effect_get_label (i), -1);
      g_signal_connect_swapped (check, "notify::active", G_CALLBACK (emit_changed), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      self->checks[i] = GTK_CHECK_BUTTON (check);
    }

  g_signal_emit (self, signals[ROWS_BUILT], 0);
}

static void
on_enable_expansion_cb (TmEffectsRow *self)
{
  if (tm_effects_row_get_reported (self))
    build_rows (self);
  emit_changed (self);
}

static void
tm_effects_row_class_init (TmEffectsRowClass *klass)
{
  /**
   * TmEffectsRow::changed:
   *
   * The switch or a tick changed by the person.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmEffectsRow::rows-built:
   *
   * The checklist was just built; rows added now go after it.
   */
  signals[ROWS_BUILT] =
    g_signal_new ("rows-built", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tm_effects_row_init (TmEffectsRow *self)
{
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (self), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), FALSE);
  g_signal_connect (self, "notify::enable-expansion", G_CALLBACK (on_enable_expansion_cb), NULL);
}

/* Whether the person said "yes, effects" (the switch). */
gboolean
tm_effects_row_get_reported (TmEffectsRow *self)
{
  g_return_val_if_fail (TM_IS_EFFECTS_ROW (self), FALSE);

  return adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self));
}

/* The ticked effects as a TmEffects mask; 0 when the switch is off. */
guint
tm_effects_row_get_effects (TmEffectsRow *self)
{
  guint effects = 0;

  g_return_val_if_fail (TM_IS_EFFECTS_ROW (self), 0);

  if (!tm_effects_row_get_reported (self) || !self->built)
    return 0;

  for (guint i = 0; i < TM_N_EFFECTS; i++)
    if (gtk_check_button_get_active (self->checks[i]))
      effects |= 1u << i;

  return effects;
}

/* Shows @effects: the switch on and the list open when there are any. */
void
tm_effects_row_set_effects (TmEffectsRow *self,
                            guint         effects)
{
  g_return_if_fail (TM_IS_EFFECTS_ROW (self));

  self->setting = TRUE;
  if (effects != 0)
    build_rows (self);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), effects != 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), effects != 0);
  if (self->built)
    for (guint i = 0; i < TM_N_EFFECTS; i++)
      gtk_check_button_set_active (self->checks[i], (effects & (1u << i)) != 0);
  self->setting = FALSE;
}

/* Opens the list and puts the keyboard on its first tick. */
void
tm_effects_row_focus_checklist (TmEffectsRow *self)
{
  g_return_if_fail (TM_IS_EFFECTS_ROW (self));

  build_rows (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->checks[0]));
}
