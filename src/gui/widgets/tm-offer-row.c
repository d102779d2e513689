/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row of a boxed list that offers something once (a daily question,
 * setting up the plan): an icon, a title and its explanation, and the
 * answers under them at the end, so that the explanation keeps the row's
 * width however narrow the window. The title is the preferences row's;
 * buttons given as children are the answers, in order. */
#define G_LOG_DOMAIN "tm-offer-row"

#include "config.h"

#include "tm-measure.h"
#include "tm-offer-row.h"

struct _TmOfferRow
{
  AdwPreferencesRow parent_instance;

  GtkImage     *icon;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkBox       *answers;
};

static void tm_offer_row_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TmOfferRow, tm_offer_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, tm_offer_row_buildable_init))

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
tm_offer_row_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  TmOfferRow *self = TM_OFFER_ROW (buildable);

  if (GTK_IS_BUTTON (child) && self->answers != NULL)
    gtk_box_append (self->answers, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
tm_offer_row_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = tm_offer_row_add_child;
}

/**
 * tm_offer_row_set_subtitle:
 *
 * Sets the explanation under the title.
 */
void
tm_offer_row_set_subtitle (TmOfferRow *self,
                           const char *subtitle)
{
  g_return_if_fail (TM_IS_OFFER_ROW (self));

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && subtitle[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle != NULL ? subtitle : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static void
tm_offer_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TmOfferRow *self = TM_OFFER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      tm_offer_row_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_ICON_NAME:
      gtk_image_set_from_icon_name (self->icon, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_offer_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TmOfferRow *self = TM_OFFER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, gtk_label_get_label (self->subtitle_label));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (self->icon));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_offer_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_OFFER_ROW);

  G_OBJECT_CLASS (tm_offer_row_parent_class)->dispose (object);
}

static void
tm_offer_row_class_init (TmOfferRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = tm_offer_row_set_property;
  object_class->get_property = tm_offer_row_get_property;
  object_class->dispose = tm_offer_row_dispose;

  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_WRAP_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-offer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmOfferRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TmOfferRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TmOfferRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TmOfferRow, answers);
}

static void
on_title_changed_cb (TmOfferRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
tm_offer_row_init (TmOfferRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
}
