/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Long work on the data (an export, an import) under the header bar: what
 * it is doing, how far it got, and Cancel. It slides in when the work
 * starts and away when it ends. */
#define G_LOG_DOMAIN "tm-progress-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-progress-banner.h"
#include "tm-measure.h"

struct _TmProgressBanner
{
  GtkWidget       parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *bar;
  GtkButton      *cancel_button;

  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (TmProgressBanner, tm_progress_banner, GTK_TYPE_WIDGET)

static void
on_cancel_clicked_cb (TmProgressBanner *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  /* Translators: shown while long work stops after Cancel was pressed */
  gtk_label_set_label (self->label, _("Cancelling…"));
}

static void
tm_progress_banner_dispose (GObject *object)
{
  TmProgressBanner *self = TM_PROGRESS_BANNER (object);

  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_PROGRESS_BANNER);

  G_OBJECT_CLASS (tm_progress_banner_parent_class)->dispose (object);
}

static void
tm_progress_banner_class_init (TmProgressBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_progress_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (TM_TYPE_WRAP_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-progress-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, TmProgressBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, TmProgressBanner, label);
  gtk_widget_class_bind_template_child (widget_class, TmProgressBanner, bar);
  gtk_widget_class_bind_template_child (widget_class, TmProgressBanner, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
}

static void
tm_progress_banner_init (TmProgressBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_revealer_measure_when_shown (self->revealer);
}

/**
 * tm_progress_banner_start:
 * @text: what the work is doing
 * @cancellable: (nullable): cancelled by the Cancel button; without one,
 *   there is no Cancel button
 */
void
tm_progress_banner_start (TmProgressBanner *self,
                          const char       *text,
                          GCancellable     *cancellable)
{
  g_return_if_fail (TM_IS_PROGRESS_BANNER (self));

  g_set_object (&self->cancellable, cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), cancellable != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_progress_bar_set_fraction (self->bar, 0);
  gtk_label_set_label (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

/**
 * tm_progress_banner_update:
 * @text: (nullable): what the work is doing now; %NULL keeps the text
 * @fraction: how much is done, 0 to 1; below 0 when that is not known
 */
void
tm_progress_banner_update (TmProgressBanner *self,
                           const char       *text,
                           double            fraction)
{
  g_return_if_fail (TM_IS_PROGRESS_BANNER (self));

  /* After Cancel, the banner says that it is stopping. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (text != NULL)
    gtk_label_set_label (self->label, text);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->bar);
  else
    gtk_progress_bar_set_fraction (self->bar, CLAMP (fraction, 0, 1));
}

void
tm_progress_banner_stop (TmProgressBanner *self)
{
  g_return_if_fail (TM_IS_PROGRESS_BANNER (self));

  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
tm_progress_banner_get_shown (TmProgressBanner *self)
{
  g_return_val_if_fail (TM_IS_PROGRESS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
tm_progress_banner_get_text (TmProgressBanner *self)
{
  g_return_val_if_fail (TM_IS_PROGRESS_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

GtkButton *
tm_progress_banner_get_cancel_button (TmProgressBanner *self)
{
  g_return_val_if_fail (TM_IS_PROGRESS_BANNER (self), NULL);

  return self->cancel_button;
}
