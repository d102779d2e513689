/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A preferences row holding a 0–10 rating: title, hint, the scale and,
 * for an optional rating, a button that clears it. */
#define G_LOG_DOMAIN "tm-rating-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-rating-row.h"
#include "tm-rating-scale.h"

struct _TmRatingRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *subtitle_label;
  TmRatingScale     *scale;
  GtkButton         *clear_button;

  char              *subtitle;
};

G_DEFINE_FINAL_TYPE (TmRatingRow, tm_rating_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_VALUE,
  PROP_OPTIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_clear_button (TmRatingRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button),
                          tm_rating_scale_get_optional (self->scale) &&
                          tm_rating_scale_get_value (self->scale) >= 0);
}

static void
on_scale_value_changed_cb (TmRatingRow *self)
{
  update_clear_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
update_accessible_label (TmRatingRow *self)
{
  /* Translators: accessible name of the button that clears a rating: "Clear the Anxiety rating" */
  g_autofree char *clear = g_strdup_printf (_("Clear the %s rating"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->subtitle != NULL ? self->subtitle : "",
                                  -1);
}

static void
on_clear_button_clicked_cb (TmRatingRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->scale), "rating.select", "i", -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->scale));
}

static void
tm_rating_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmRatingRow *self = TM_RATING_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_VALUE:
      g_value_set_int (value, tm_rating_scale_get_value (self->scale));
      break;
    case PROP_OPTIONAL:
      g_value_set_boolean (value, tm_rating_scale_get_optional (self->scale));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_rating_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TmRatingRow *self = TM_RATING_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      if (g_strcmp0 (self->subtitle, g_value_get_string (value)) != 0)
        {
          g_free (self->subtitle);
          self->subtitle = g_value_dup_string (value);
          gtk_label_set_label (self->subtitle_label, self->subtitle);
          gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                                  self->subtitle != NULL && self->subtitle[0] != '\0');
          update_accessible_label (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VALUE:
      tm_rating_row_set_value (self, g_value_get_int (value));
      break;
    case PROP_OPTIONAL:
      tm_rating_row_set_optional (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_rating_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_RATING_ROW);

  G_OBJECT_CLASS (tm_rating_row_parent_class)->dispose (object);
}

static void
tm_rating_row_finalize (GObject *object)
{
  TmRatingRow *self = TM_RATING_ROW (object);

  g_free (self->subtitle);

  G_OBJECT_CLASS (tm_rating_row_parent_class)->finalize (object);
}

static void
tm_rating_row_class_init (TmRatingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_rating_row_get_property;
  object_class->set_property = tm_rating_row_set_property;
  object_class->dispose = tm_rating_row_dispose;
  object_class->finalize = tm_rating_row_finalize;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, -1, 10, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_RATING_SCALE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-rating-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmRatingRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TmRatingRow, scale);
  gtk_widget_class_bind_template_child (widget_class, TmRatingRow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
}

static void
tm_rating_row_init (TmRatingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (update_accessible_label), NULL);
  update_accessible_label (self);
  update_clear_button (self);
}

int
tm_rating_row_get_value (TmRatingRow *self)
{
  g_return_val_if_fail (TM_IS_RATING_ROW (self), -1);

  return tm_rating_scale_get_value (self->scale);
}

/**
 * tm_rating_row_set_value:
 * @value: 0 to 10, or -1 for none
 */
void
tm_rating_row_set_value (TmRatingRow *self,
                         int          value)
{
  g_return_if_fail (TM_IS_RATING_ROW (self));

  tm_rating_scale_set_value (self->scale, value);
}

gboolean
tm_rating_row_get_optional (TmRatingRow *self)
{
  g_return_val_if_fail (TM_IS_RATING_ROW (self), FALSE);

  return tm_rating_scale_get_optional (self->scale);
}

void
tm_rating_row_set_optional (TmRatingRow *self,
                            gboolean     optional)
{
  g_return_if_fail (TM_IS_RATING_ROW (self));

  if (tm_rating_scale_get_optional (self->scale) == !!optional)
    return;

  tm_rating_scale_set_optional (self->scale, optional);
  update_clear_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}
