/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 0–10 rating drawn as eleven cells in one widget: one Tab stop, a
 * slider to assistive technologies, and an "unset" state (-1) that a
 * GtkScale can't show.
 *
 * It is a GtkRange only so that assistive technologies can read and set
 * its value: GTK 4.8 offers the AT-SPI Value interface to GtkRange and a
 * few other built-in widgets, and to no custom widget (GtkAccessibleRange
 * came with 4.10). GtkRange's own trough, gestures and key handling are
 * not used: the cells below are drawn and handled here. The adjustment
 * mirrors the value: 0–10, and -1 with a lower bound of -1 while unset
 * (so that a value set from outside always changes it); the accessible
 * minimum stays 0 and the value text says "no answer yet".
 *
 * Mouse: click a cell; clicking the chosen cell of an optional rating
 * clears it. Keyboard: Left/Right step, Home/End go to 0/10, the digits
 * choose directly ("1" then "0" for 10), Delete/BackSpace clear an
 * optional rating. Every
 * choice goes through the "rating.select" action. */
#define G_LOG_DOMAIN "tm-rating-scale"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "tm-rating-scale.h"

#define N_CELLS   11
#define CELL_GAP  4
#define CELL_MIN  24
#define CELL_NAT  40
#define HEIGHT    34
#define RADIUS    6

struct _TmRatingScale
{
  GtkRange     parent_instance;

  PangoLayout *digits[N_CELLS];  /* made on first draw */
  int          value;            /* -1 when unset */
  int          hover;            /* -1 when the pointer is elsewhere */
  int          pressed;          /* the cell a press began in, or -1 */
  gint64       one_typed_at;     /* when "1" was typed, for "10" */
  gboolean     optional;
  gboolean     updating;         /* the adjustment follows the value */
};

G_DEFINE_FINAL_TYPE (TmRatingScale, tm_rating_scale, GTK_TYPE_RANGE)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_OPTIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drop_layouts (TmRatingScale *self)
{
  for (int i = 0; i < N_CELLS; i++)
    g_clear_object (&self->digits[i]);
}

static double
cell_width (TmRatingScale *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return MAX (1.0, (width - (N_CELLS - 1) * CELL_GAP) / (double) N_CELLS);
}

static int
cell_at (TmRatingScale *self,
         double         x)
{
  double step = cell_width (self) + CELL_GAP;
  int cell;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x;

  cell = (int) (x / step);
  return CLAMP (cell, 0, N_CELLS - 1);
}

/* The adjustment holds the value for assistive technologies (see the top
 * of this file); GtkRange tells them the adjustment's bounds and value,
 * and this puts back the accessible minimum, value and text. */
static void
update_accessible (TmRatingScale *self)
{
  GtkAdjustment *adjustment;
  g_autofree char *text = NULL;

  /* The first call makes the adjustment, which tells of a value too. */
  self->updating = TRUE;
  adjustment = gtk_range_get_adjustment (GTK_RANGE (self));
  if (self->value < 0)
    {
      gtk_adjustment_configure (adjustment, -1.0, -1.0, 10.0, 1.0, 1.0, 0.0);
      /* Translators: what a screen reader says for a 0–10 rating not yet chosen */
      text = g_strdup (_("no answer yet"));
    }
  else
    {
      gtk_adjustment_configure (adjustment, self->value, 0.0, 10.0, 1.0, 1.0, 0.0);
      /* Translators: what a screen reader says for a 0–10 rating, after its name: "Mood, 7 of 10" */
      text = g_strdup_printf (_("%d of 10"), self->value);
    }
  self->updating = FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 10.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) MAX (self->value, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* A value set through the adjustment: by an assistive technology (AT-SPI
 * sets a GtkRange's value with gtk_range_set_value()). It goes through
 * "rating.select" like a click; a value the rating can't take is put back. */
static void
on_value_changed_cb (TmRatingScale *self)
{
  double wanted = gtk_range_get_value (GTK_RANGE (self));
  int value = (int) floor (wanted + 0.5);

  if (self->updating || value == self->value)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "rating.select", "i", value);
  if (self->value != value)
    update_accessible (self);
}

static void
select_value (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TmRatingScale *self = TM_RATING_SCALE (widget);
  int value = g_variant_get_int32 (parameter);

  if (value < -1 || value > 10)
    return;
  if (value == -1 && !self->optional)
    return;

  tm_rating_scale_set_value (self, value);
}

static void
step_value (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TmRatingScale *self = TM_RATING_SCALE (widget);
  int step = g_variant_get_int32 (parameter);
  int value;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL && ABS (step) == 1)
    step = -step;

  value = self->value < 0 ? 0 : CLAMP (self->value + step, 0, 10);
  gtk_widget_activate_action (widget, "rating.select", "i", value);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     TmRatingScale   *self)
{
  self->pressed = cell_at (self, x);
}

/* A choice is made on release in the cell the press began in, so that a
 * scroll that starts on the scale changes nothing. */
static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      TmRatingScale   *self)
{
  int cell = cell_at (self, x);

  if (cell != self->pressed)
    return;
  self->pressed = -1;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Clicking the chosen value of an optional rating takes it back. */
  if (cell == self->value && self->optional)
    cell = -1;

  gtk_widget_activate_action (GTK_WIDGET (self), "rating.select", "i", cell);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              TmRatingScale            *self)
{
  int cell = cell_at (self, x);

  if (cell != self->hover)
    {
      self->hover = cell;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             TmRatingScale            *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   TmRatingScale         *self)
{
  guint32 digit = gdk_keyval_to_unicode (keyval);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  if (digit >= '0' && digit <= '9')
    {
      int value = (int) (digit - '0');
      gint64 now = g_get_monotonic_time ();

      /* "1" then "0" within a second means 10. */
      if (value == 0 && now - self->one_typed_at < G_USEC_PER_SEC)
        value = 10;
      self->one_typed_at = value == 1 ? now : 0;

      gtk_widget_activate_action (GTK_WIDGET (self), "rating.select", "i", value);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
tm_rating_scale_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = N_CELLS * CELL_MIN + (N_CELLS - 1) * CELL_GAP;
      *natural = N_CELLS * CELL_NAT + (N_CELLS - 1) * CELL_GAP;
    }
  else
    {
      *minimum = *natural = HEIGHT;
    }
}

/* GtkRange's trough is hidden: there is nothing to place. */
static void
tm_rating_scale_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
tm_rating_scale_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  TmRatingScale *self = TM_RATING_SCALE (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gboolean focus = gtk_widget_has_visible_focus (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double cw = cell_width (self);
  GdkRGBA fg, accent_bg, accent_fg, cell, hover, ring;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent_bg))
    gdk_rgba_parse (&accent_bg, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "accent_fg_color", &accent_fg))
    gdk_rgba_parse (&accent_fg, "white");

  cell = fg;
  cell.alpha *= 0.10;
  hover = fg;
  hover.alpha *= 0.16;
  ring = accent_bg;
  ring.alpha = 0.5;

  for (int i = 0; i < N_CELLS; i++)
    {
      double x = i * (cw + CELL_GAP);
      graphene_rect_t rect;
      const GdkRGBA *text_color = &fg;
      int text_width, text_height;

      if (rtl)
        x = width - x - cw;
      graphene_rect_init (&rect, (float) x, 0, (float) cw, (float) height);

      if (i == self->value)
        {
          append_rounded (snapshot, &rect, &accent_bg);
          text_color = &accent_fg;
        }
      else
        {
          append_rounded (snapshot, &rect, i == self->hover ? &hover : &cell);
        }

      if (focus && i == MAX (self->value, 0))
        {
          GskRoundedRect outline;
          const float widths[4] = { 2, 2, 2, 2 };
          const GdkRGBA colors[4] = { ring, ring, ring, ring };

          gsk_rounded_rect_init_from_rect (&outline, &rect, RADIUS);
          gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        }

      if (self->digits[i] == NULL)
        {
          g_autofree char *digit = g_strdup_printf ("%d", i);
          self->digits[i] = gtk_widget_create_pango_layout (widget, digit);
        }
      pango_layout_get_pixel_size (self->digits[i], &text_width, &text_height);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((float) (x + (cw - text_width) / 2),
                                                    (float) (height - text_height) / 2));
      gtk_snapshot_append_layout (snapshot, self->digits[i], text_color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
tm_rating_scale_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tm_rating_scale_parent_class)->css_changed (widget, change);

  drop_layouts (TM_RATING_SCALE (widget));
  gtk_widget_queue_draw (widget);
}

static void
tm_rating_scale_direction_changed (GtkWidget        *widget,
                                   GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (tm_rating_scale_parent_class)->direction_changed (widget, previous);

  drop_layouts (TM_RATING_SCALE (widget));
  gtk_widget_queue_draw (widget);
}

static void
tm_rating_scale_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TmRatingScale *self = TM_RATING_SCALE (object);

  switch (prop_id)
    {
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
tm_rating_scale_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TmRatingScale *self = TM_RATING_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      tm_rating_scale_set_value (self, g_value_get_int (value));
      break;
    case PROP_OPTIONAL:
      tm_rating_scale_set_optional (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* After GtkRange's construct property has given it a new adjustment. */
static void
tm_rating_scale_constructed (GObject *object)
{
  TmRatingScale *self = TM_RATING_SCALE (object);

  G_OBJECT_CLASS (tm_rating_scale_parent_class)->constructed (object);

  update_accessible (self);
  g_signal_connect (self, "value-changed", G_CALLBACK (on_value_changed_cb), NULL);
}

static void
tm_rating_scale_dispose (GObject *object)
{
  drop_layouts (TM_RATING_SCALE (object));

  G_OBJECT_CLASS (tm_rating_scale_parent_class)->dispose (object);
}

static void
tm_rating_scale_class_init (TmRatingScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_rating_scale_get_property;
  object_class->set_property = tm_rating_scale_set_property;
  object_class->constructed = tm_rating_scale_constructed;
  object_class->dispose = tm_rating_scale_dispose;

  widget_class->measure = tm_rating_scale_measure;
  widget_class->size_allocate = tm_rating_scale_size_allocate;
  widget_class->snapshot = tm_rating_scale_snapshot;
  widget_class->css_changed = tm_rating_scale_css_changed;
  widget_class->direction_changed = tm_rating_scale_direction_changed;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, -1, 10, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "rating.select", "i", select_value);
  gtk_widget_class_install_action (widget_class, "rating.step", "i", step_value);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "rating.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "rating.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "rating.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "rating.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "rating.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "rating.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "rating.select", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "rating.select", "i", 10);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "rating.select", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "rating.select", "i", -1);

  gtk_widget_class_set_css_name (widget_class, "ratingscale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
tm_rating_scale_init (TmRatingScale *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  g_autoptr(GPtrArray) range_controllers = g_ptr_array_new_with_free_func (g_object_unref);

  /* GtkRange's trough, drag, click, long press, scroll and keys: the
   * cells are drawn and handled here instead. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    g_ptr_array_add (range_controllers, g_list_model_get_item (controllers, i));
  for (guint i = 0; i < range_controllers->len; i++)
    gtk_widget_remove_controller (GTK_WIDGET (self), range_controllers->pdata[i]);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);

  self->value = -1;
  self->hover = -1;
  self->pressed = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
tm_rating_scale_new (void)
{
  return g_object_new (TM_TYPE_RATING_SCALE, NULL);
}

int
tm_rating_scale_get_value (TmRatingScale *self)
{
  g_return_val_if_fail (TM_IS_RATING_SCALE (self), -1);

  return self->value;
}

/**
 * tm_rating_scale_set_value:
 * @value: 0 to 10, or -1 for none
 */
void
tm_rating_scale_set_value (TmRatingScale *self,
                           int            value)
{
  g_return_if_fail (TM_IS_RATING_SCALE (self));
  g_return_if_fail (value >= -1 && value <= 10);

  if (self->value == value)
    return;

  self->value = value;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

gboolean
tm_rating_scale_get_optional (TmRatingScale *self)
{
  g_return_val_if_fail (TM_IS_RATING_SCALE (self), FALSE);

  return self->optional;
}

void
tm_rating_scale_set_optional (TmRatingScale *self,
                              gboolean       optional)
{
  g_return_if_fail (TM_IS_RATING_SCALE (self));

  optional = !!optional;
  if (self->optional == optional)
    return;

  self->optional = optional;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}
