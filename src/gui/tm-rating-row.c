/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 0–10 rating as eleven buttons in a row. It can be unset (-1), which a
 * slider can't show. Keyboard: one Tab stop; Left/Right/Home/End choose;
 * Delete clears an optional rating. */
#define G_LOG_DOMAIN "tm-rating-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-rating-row.h"

#define N_VALUES 11

struct _TmRatingRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *subtitle_label;
  GtkBox            *buttons_box;
  GtkButton         *clear_button;
  GtkToggleButton   *buttons[N_VALUES];

  char              *subtitle;
  int                value;
  gboolean           optional;
  gboolean           syncing;
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

/* Only one button takes part in Tab order: the chosen one, else the first. */
static void
update_focus_chain (TmRatingRow *self,
                    int          focus_index)
{
  for (int i = 0; i < N_VALUES; i++)
    gtk_widget_set_focusable (GTK_WIDGET (self->buttons[i]), i == focus_index);
}

static void
sync_buttons (TmRatingRow *self)
{
  self->syncing = TRUE;
  for (int i = 0; i < N_VALUES; i++)
    gtk_toggle_button_set_active (self->buttons[i], i == self->value);
  self->syncing = FALSE;

  update_focus_chain (self, MAX (self->value, 0));
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), self->optional && self->value >= 0);
}

static void
update_accessible_labels (TmRatingRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  for (int i = 0; i < N_VALUES; i++)
    {
      /* Translators: a rating button, e.g. "Mood 7 of 10" */
      g_autofree char *label = g_strdup_printf (_("%s %d of 10"), title, i);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
on_button_toggled_cb (GtkToggleButton *button,
                      TmRatingRow     *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tm-rating"));

  if (self->syncing)
    return;

  if (gtk_toggle_button_get_active (button))
    tm_rating_row_set_value (self, index);
  else if (self->optional && index == self->value)
    tm_rating_row_set_value (self, -1);
  else
    sync_buttons (self);  /* a required rating stays chosen */
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   TmRatingRow           *self)
{
  int target;
  int current = MAX (self->value, 0);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      target = self->value < 0 ? 0 : current + (rtl ? 1 : -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = self->value < 0 ? 0 : current + (rtl ? -1 : 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = N_VALUES - 1;
      break;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (!self->optional)
        return GDK_EVENT_PROPAGATE;
      tm_rating_row_set_value (self, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->buttons[0]));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  target = CLAMP (target, 0, N_VALUES - 1);
  tm_rating_row_set_value (self, target);
  gtk_widget_grab_focus (GTK_WIDGET (self->buttons[target]));
  return GDK_EVENT_STOP;
}

static void
on_clear_button_clicked_cb (TmRatingRow *self)
{
  tm_rating_row_set_value (self, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->buttons[0]));
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
      g_value_set_int (value, self->value);
      break;
    case PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/tm-rating-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TmRatingRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TmRatingRow, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, TmRatingRow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
}

static void
tm_rating_row_init (TmRatingRow *self)
{
  self->value = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < N_VALUES; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "tm-rating", GINT_TO_POINTER (i));
      gtk_widget_set_hexpand (button, TRUE);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_button_toggled_cb), self, 0);
      gtk_box_append (self->buttons_box, button);
      self->buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  g_signal_connect (self, "notify::title", G_CALLBACK (update_accessible_labels), NULL);
  update_accessible_labels (self);
  sync_buttons (self);
}

int
tm_rating_row_get_value (TmRatingRow *self)
{
  g_return_val_if_fail (TM_IS_RATING_ROW (self), -1);

  return self->value;
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
  g_return_if_fail (value >= -1 && value <= 10);

  if (self->value == value)
    {
      sync_buttons (self);
      return;
    }

  self->value = value;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

gboolean
tm_rating_row_get_optional (TmRatingRow *self)
{
  g_return_val_if_fail (TM_IS_RATING_ROW (self), FALSE);

  return self->optional;
}

void
tm_rating_row_set_optional (TmRatingRow *self,
                            gboolean     optional)
{
  g_return_if_fail (TM_IS_RATING_ROW (self));

  optional = !!optional;
  if (self->optional == optional)
    return;

  self->optional = optional;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}
