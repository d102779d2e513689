/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why a value was refused, shown under the group it belongs to; it slides
 * in, and a screen reader announces it. */
#define G_LOG_DOMAIN "tm-error-label"

#include "config.h"

#include "tm-error-label.h"
#include "tm-measure.h"

struct _TmErrorLabel
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
};

G_DEFINE_FINAL_TYPE (TmErrorLabel, tm_error_label, GTK_TYPE_WIDGET)

static void
tm_error_label_dispose (GObject *object)
{
  TmErrorLabel *self = TM_ERROR_LABEL (object);

  g_clear_pointer ((GtkWidget **) &self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (tm_error_label_parent_class)->dispose (object);
}

static void
tm_error_label_class_init (TmErrorLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_error_label_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
tm_error_label_init (TmErrorLabel *self)
{
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->label), 6);
  gtk_revealer_set_child (self->revealer, GTK_WIDGET (self->label));
  tm_revealer_measure_when_shown (self->revealer);
}

void
tm_error_label_show (TmErrorLabel *self,
                     const char   *message)
{
  g_return_if_fail (TM_IS_ERROR_LABEL (self));

  gtk_label_set_label (self->label, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
tm_error_label_hide (TmErrorLabel *self)
{
  g_return_if_fail (TM_IS_ERROR_LABEL (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

const char *
tm_error_label_get_message (TmErrorLabel *self)
{
  g_return_val_if_fail (TM_IS_ERROR_LABEL (self), NULL);

  return gtk_label_get_label (self->label);
}

gboolean
tm_error_label_get_shown (TmErrorLabel *self)
{
  g_return_val_if_fail (TM_IS_ERROR_LABEL (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
