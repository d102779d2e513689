/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What GTK need not measure: the start-up's first frame is mostly the
 * measuring of text, so nothing hidden is measured and no wrapping label
 * is measured more often than its layout needs.
 *
 * TmWrapBin holds a wrapping label that sits beside buttons in a
 * horizontal box. GTK 4.8's box layout finds the height of such a row by
 * a search over heights, asking the label for its width at each, and the
 * label answers each by a search over widths: well over a hundred layouts
 * of one sentence for one frame. The bin gives the label's width without
 * regard to height (the narrowest it can wrap to, and one line), which is
 * all a height-for-width label needs, so the row is laid out at once and
 * looks the same. */
#define G_LOG_DOMAIN "tm-measure"

#include "config.h"

#include "tm-measure.h"

struct _TmWrapBin
{
  GtkWidget parent_instance;

  GtkWidget *child;
};

static void tm_wrap_bin_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TmWrapBin, tm_wrap_bin, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, tm_wrap_bin_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static void
tm_wrap_bin_add_child (GtkBuildable *buildable,
                       GtkBuilder   *builder,
                       GObject      *child,
                       const char   *type)
{
  TmWrapBin *self = TM_WRAP_BIN (buildable);

  if (GTK_IS_WIDGET (child) && self->child == NULL)
    {
      self->child = GTK_WIDGET (child);
      gtk_widget_set_parent (self->child, GTK_WIDGET (self));
    }
  else if (GTK_IS_WIDGET (child))
    g_warning ("A TmWrapBin holds one child; %s is left out", G_OBJECT_TYPE_NAME (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
tm_wrap_bin_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = tm_wrap_bin_add_child;
}

static GtkSizeRequestMode
tm_wrap_bin_get_request_mode (GtkWidget *widget)
{
  TmWrapBin *self = TM_WRAP_BIN (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
tm_wrap_bin_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  TmWrapBin *self = TM_WRAP_BIN (widget);

  if (self->child == NULL || !gtk_widget_get_visible (self->child))
    return;
  /* The width never depends on the height offered: see the top. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
tm_wrap_bin_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  TmWrapBin *self = TM_WRAP_BIN (widget);

  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
tm_wrap_bin_dispose (GObject *object)
{
  TmWrapBin *self = TM_WRAP_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (tm_wrap_bin_parent_class)->dispose (object);
}

static void
tm_wrap_bin_class_init (TmWrapBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_wrap_bin_dispose;
  widget_class->get_request_mode = tm_wrap_bin_get_request_mode;
  widget_class->measure = tm_wrap_bin_measure;
  widget_class->size_allocate = tm_wrap_bin_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
tm_wrap_bin_init (TmWrapBin *self)
{
}

/**
 * tm_wrap_bin_new:
 * @child: the wrapping label, or what holds it
 *
 * Returns: (transfer floating): a TmWrapBin holding @child
 */
GtkWidget *
tm_wrap_bin_new (GtkWidget *child)
{
  TmWrapBin *self = g_object_new (TM_TYPE_WRAP_BIN, NULL);

  g_return_val_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL, GTK_WIDGET (self));

  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

/* The child is visible while it is shown or sliding, not while it is
 * concealed: GtkRevealer measures a concealed child all the same. */
static void
sync_revealer_child (GtkRevealer *revealer)
{
  GtkWidget *child = gtk_revealer_get_child (revealer);

  if (child != NULL)
    gtk_widget_set_visible (child, gtk_revealer_get_reveal_child (revealer) ||
                                     gtk_revealer_get_child_revealed (revealer));
}

/**
 * tm_revealer_measure_when_shown:
 *
 * Keeps @revealer's child out of measuring while it is concealed. Call it
 * once the child is set; revealing and concealing work as before.
 */
void
tm_revealer_measure_when_shown (GtkRevealer *revealer)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));

  g_signal_connect (revealer, "notify::reveal-child", G_CALLBACK (sync_revealer_child), NULL);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (sync_revealer_child), NULL);
  g_signal_connect (revealer, "notify::child", G_CALLBACK (sync_revealer_child), NULL);
  sync_revealer_child (revealer);
}

static void
on_expanded_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                GtkWidget      *child)
{
  if (!adw_expander_row_get_expanded (row))
    return;
  gtk_widget_set_visible (child, TRUE);
  g_signal_handlers_disconnect_by_func (row, on_expanded_cb, child);
}

/**
 * tm_expander_row_measure_when_expanded:
 *
 * Keeps @child, a row of @row, out of measuring until @row is first
 * expanded (a collapsed expander row measures its rows all the same);
 * from then on it stays, so that collapsing slides as before.
 */
void
tm_expander_row_measure_when_expanded (AdwExpanderRow *row,
                                       GtkWidget      *child)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (child));

  if (adw_expander_row_get_expanded (row))
    return;
  gtk_widget_set_visible (child, FALSE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded_cb), child, 0);
}
