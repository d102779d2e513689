/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A chart on screen: the renderer draws it once into a render node, kept
 * until the data, the size, the style or the series change; the day being
 * read out is drawn over it. On the trend chart, pointing at a day or
 * moving with ← and → selects it. */
#define G_LOG_DOMAIN "tm-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tm-chart-view.h"
#include "tm-interval.h"

struct _TmChartView
{
  GtkWidget       parent_instance;

  TmChartKind     kind;
  TmChartData    *data;
  TmSeries        series;
  int             selected_day;   /* -1 for none */
  gboolean        pinned;         /* chosen by a click or a key, not only pointed at */

  TmChartStyle    style;
  TmChartLayout   layout;
  GskRenderNode  *node;           /* the chart, drawn at node_width × node_height */
  int             node_width;
  int             node_height;
  double          node_font_size;
};

G_DEFINE_FINAL_TYPE (TmChartView, tm_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SELECTED_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
invalidate (TmChartView *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tm_chart_style_for_widget:
 *
 * The chart palette as @widget should draw it: dark or light as the
 * window is, in its font, a little smaller, and bolder with high contrast.
 */
void
tm_chart_style_for_widget (GtkWidget    *widget,
                           TmChartStyle *style)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  double size = 14.0;
  const char *family = NULL;

  if (font != NULL)
    {
      family = pango_font_description_get_family (font);
      size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        size *= 96.0 / 72.0;
    }
  tm_chart_style_init (style, adw_style_manager_get_dark (manager) ? TM_CHART_STYLE_DARK : TM_CHART_STYLE_LIGHT,
                       family, MAX (8.0, size * 0.86));
  if (adw_style_manager_get_high_contrast (manager))
    {
      style->line_width *= 1.5;
      style->dim_text = style->text;
    }
}

static void
update_style (TmChartView *self)
{
  tm_chart_style_for_widget (GTK_WIDGET (self), &self->style);
}

/* A font's size in pixels, as GTK's CSS gives it (at 96 pixels an inch). */
static double
size_in_px (const PangoFontDescription *font)
{
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

/* How much larger than usual the chart's font is: the window's zoom for a
 * shared screen is a font size (TmContext:zoom), and the chart grows with
 * it, whichever page it is on. */
static double
font_scale (TmChartView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  g_autofree char *font_name = NULL;
  g_autoptr(PangoFontDescription) usual = NULL;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double usual_size;

  g_object_get (settings, "gtk-font-name", &font_name, NULL);
  if (font == NULL || font_name == NULL)
    return 1.0;
  usual = pango_font_description_from_string (font_name);
  usual_size = size_in_px (usual);
  if (usual_size <= 0)
    return 1.0;
  return MAX (1.0, size_in_px (font) / usual_size);
}

static void
compute_layout (TmChartView *self,
                double       width,
                double       height)
{
  switch (self->kind)
    {
    case TM_CHART_KIND_TREND:
      tm_trend_chart_layout (self->data, &self->style, self->series, width, height, &self->layout);
      break;
    case TM_CHART_KIND_AFTER_DOSE:
    case TM_CHART_KIND_INTERVAL:
      tm_after_dose_chart_layout (self->data, &self->style, width, height, &self->layout);
      break;
    case TM_CHART_KIND_PHQ9:
    case TM_CHART_KIND_GAD7:
    default:
      tm_questionnaire_chart_layout (self->data, &self->style,
                                     self->kind == TM_CHART_KIND_PHQ9 ? TM_QUESTIONNAIRE_PHQ9
                                                                      : TM_QUESTIONNAIRE_GAD7,
                                     width, height, &self->layout);
      break;
    }
}

static void
draw_chart (TmChartView *self,
            cairo_t     *cr)
{
  switch (self->kind)
    {
    case TM_CHART_KIND_TREND:
      tm_trend_chart_draw (cr, self->data, &self->style, self->series, &self->layout);
      break;
    case TM_CHART_KIND_AFTER_DOSE:
    case TM_CHART_KIND_INTERVAL:
      tm_after_dose_chart_draw (cr, self->data, &self->style, &self->layout);
      break;
    case TM_CHART_KIND_PHQ9:
    case TM_CHART_KIND_GAD7:
    default:
      tm_questionnaire_chart_draw (cr, self->data, &self->style,
                                   self->kind == TM_CHART_KIND_PHQ9 ? TM_QUESTIONNAIRE_PHQ9
                                                                    : TM_QUESTIONNAIRE_GAD7,
                                   &self->layout);
      break;
    }
}

static void
ensure_node (TmChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = NULL;
  cairo_t *cr;

  /* A new font size (the window zoomed) draws it again at the same size. */
  update_style (self);
  if (self->node != NULL && self->node_width == width && self->node_height == height &&
      self->node_font_size == self->style.font_size)
    return;

  g_clear_pointer (&self->node, gsk_render_node_unref);
  compute_layout (self, width, height);

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr);
  cairo_destroy (cr);
  self->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->node_width = width;
  self->node_height = height;
  self->node_font_size = self->style.font_size;
}

/* The day being read out: a rule down the plot, and a ring on its mood. */
static void
snapshot_selection (TmChartView *self,
                    GtkSnapshot *snapshot)
{
  const TmChartLayout *l = &self->layout;
  const TmRgba *text = &self->style.text;
  const TmRgba *mood = &self->style.mood;
  GdkRGBA rule = { text->red, text->green, text->blue, 0.55 };
  int day = self->selected_day;
  double x;

  if (self->kind != TM_CHART_KIND_TREND || day < 0 || day >= self->data->n_days)
    return;

  x = tm_chart_layout_column_x (l, day);
  gtk_snapshot_append_color (snapshot, &rule,
                             &GRAPHENE_RECT_INIT (x - 1, l->lane_y, 2, l->y + l->h - l->lane_y));

  if (g_array_index (self->data->days, TmChartDay, day).mood >= 0)
    {
      double y = tm_chart_layout_value_y (l, g_array_index (self->data->days, TmChartDay, day).mood);
      GskRoundedRect ring;
      GdkRGBA fill = { mood->red, mood->green, mood->blue, 1 };
      GdkRGBA edge = { 1 - text->red, 1 - text->green, 1 - text->blue, 1 };
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA edges[4] = { edge, edge, edge, edge };

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - 6, y - 6, 12, 12), 6);
      gtk_snapshot_push_rounded_clip (snapshot, &ring);
      gtk_snapshot_append_color (snapshot, &fill, &ring.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &ring, widths, edges);
    }
}

static void
select_day (TmChartView *self,
            int          day,
            gboolean     pinned)
{
  self->pinned = pinned && day >= 0;
  if (self->selected_day == day)
    return;
  self->selected_day = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_DAY]);
}

static int
day_at (TmChartView *self,
        double       x,
        double       y)
{
  TmChartHit hit;

  if (self->data == NULL || self->node == NULL ||
      !tm_trend_chart_hit (self->data, &self->layout, x, y, &hit))
    return -1;
  return hit.day_index;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              TmChartView              *self)
{
  int day = day_at (self, x, y);

  if (day >= 0)
    select_day (self, day, FALSE);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             TmChartView              *self)
{
  if (!self->pinned)
    select_day (self, -1, FALSE);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               TmChartView     *self)
{
  int day = day_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (day >= 0)
    select_day (self, day, TRUE);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   TmChartView           *self)
{
  int last = self->data != NULL ? self->data->n_days - 1 : -1;
  int day = self->selected_day;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (last < 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      day = day < 0 ? last : day - (rtl ? -1 : 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      day = day < 0 ? last : day + (rtl ? -1 : 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      day = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      day = last;
      break;
    case GDK_KEY_Escape:
      if (day < 0)
        return FALSE;
      select_day (self, -1, FALSE);
      return TRUE;
    default:
      return FALSE;
    }

  select_day (self, CLAMP (day, 0, last), TRUE);
  return TRUE;
}

static void
on_dark_changed_cb (TmChartView *self)
{
  invalidate (self);
}

static void
tm_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TmChartView *self = TM_CHART_VIEW (widget);

  if (self->data == NULL || gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return;

  ensure_node (self);
  gtk_snapshot_append_node (snapshot, self->node);
  snapshot_selection (self, snapshot);
}

static void
tm_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TmChartView *self = TM_CHART_VIEW (widget);
  int height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 280;
      return;
    }

  if (self->kind == TM_CHART_KIND_TREND)
    height = 340;
  else if (self->kind == TM_CHART_KIND_AFTER_DOSE || self->kind == TM_CHART_KIND_INTERVAL)
    height = 280;
  else
    height = 190;
  /* Larger text needs a taller chart to leave the plot its room. */
  *minimum = *natural = (int) ceil (height * font_scale (self));
}

static void
tm_chart_view_system_setting_changed (GtkWidget         *widget,
                                      GtkSystemSetting   setting)
{
  GTK_WIDGET_CLASS (tm_chart_view_parent_class)->system_setting_changed (widget, setting);
  invalidate (TM_CHART_VIEW (widget));
}

static void
tm_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmChartView *self = TM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_SELECTED_DAY:
      g_value_set_int (value, self->selected_day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TmChartView *self = TM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_SELECTED_DAY:
      tm_chart_view_set_selected_day (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* On the after-dose curves, the point under the pointer in words. */
static gboolean
on_query_tooltip_cb (TmChartView *self,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip,
                     gpointer     user_data)
{
  g_autofree char *text = NULL;
  guint period;
  int k;

  if (keyboard || self->data == NULL || self->node == NULL ||
      !tm_after_dose_chart_hit (self->data, &self->layout, x, y, &period, &k))
    return FALSE;

  text = tm_interval_point_describe (&g_array_index (self->data->after_dose->periods, TmIntervalPeriod, period), k);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
tm_chart_view_constructed (GObject *object)
{
  TmChartView *self = TM_CHART_VIEW (object);

  G_OBJECT_CLASS (tm_chart_view_parent_class)->constructed (object);

  /* Only the trend chart is read day by day. */
  if (self->kind == TM_CHART_KIND_TREND)
    {
      GtkEventController *motion = gtk_event_controller_motion_new ();
      GtkGesture *click = gtk_gesture_click_new ();
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
      g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), motion);
      g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), keys);
      gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }
  else if (self->kind == TM_CHART_KIND_AFTER_DOSE || self->kind == TM_CHART_KIND_INTERVAL)
    {
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
      g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
    }
}

static void
tm_chart_view_dispose (GObject *object)
{
  TmChartView *self = TM_CHART_VIEW (object);

  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->data, tm_chart_data_unref);

  G_OBJECT_CLASS (tm_chart_view_parent_class)->dispose (object);
}

static void
tm_chart_view_class_init (TmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_chart_view_get_property;
  object_class->set_property = tm_chart_view_set_property;
  object_class->constructed = tm_chart_view_constructed;
  object_class->dispose = tm_chart_view_dispose;
  widget_class->snapshot = tm_chart_view_snapshot;
  widget_class->measure = tm_chart_view_measure;
  widget_class->system_setting_changed = tm_chart_view_system_setting_changed;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TM_CHART_KIND_TREND, TM_CHART_KIND_INTERVAL, TM_CHART_KIND_TREND,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_DAY] =
    g_param_spec_int ("selected-day", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tm_chart_view_init (TmChartView *self)
{
  self->selected_day = -1;
  self->series = TM_SERIES_DEFAULT;

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

TmChartView *
tm_chart_view_new (TmChartKind kind)
{
  return g_object_new (TM_TYPE_CHART_VIEW, "kind", kind, NULL);
}

static char *
describe (TmChartView *self)
{
  switch (self->kind)
    {
    case TM_CHART_KIND_TREND:
      return tm_chart_data_describe (self->data);
    case TM_CHART_KIND_AFTER_DOSE:
      return tm_chart_data_describe_after_dose (self->data);
    case TM_CHART_KIND_INTERVAL:
      {
        g_autofree char *evidence = tm_interval_evidence_describe (self->data->after_dose);
        g_autofree char *curves = tm_chart_data_describe_after_dose (self->data);

        return g_strdup_printf ("%s %s", evidence, curves);
      }
    case TM_CHART_KIND_PHQ9:
      return tm_chart_data_describe_scores (self->data, TM_QUESTIONNAIRE_PHQ9);
    case TM_CHART_KIND_GAD7:
    default:
      return tm_chart_data_describe_scores (self->data, TM_QUESTIONNAIRE_GAD7);
    }
}

static const char *
chart_name (TmChartKind kind)
{
  switch (kind)
    {
    case TM_CHART_KIND_TREND:
      return _("Mood against the planned and taken sessions");
    case TM_CHART_KIND_AFTER_DOSE:
      return _("Mood in the days after a session");
    case TM_CHART_KIND_INTERVAL:
      return _("Mood in the days after a session, for each plan period");
    case TM_CHART_KIND_PHQ9:
      return _("PHQ-9 totals");
    case TM_CHART_KIND_GAD7:
    default:
      return _("GAD-7 totals");
    }
}

/**
 * tm_chart_view_set_data:
 * @data: (nullable): what to draw; the view keeps a reference
 */
void
tm_chart_view_set_data (TmChartView *self,
                        TmChartData *data)
{
  g_autofree char *description = NULL;

  g_return_if_fail (TM_IS_CHART_VIEW (self));

  if (data != NULL)
    tm_chart_data_ref (data);
  g_clear_pointer (&self->data, tm_chart_data_unref);
  self->data = data;

  if (self->selected_day >= 0 && (data == NULL || self->selected_day >= data->n_days))
    select_day (self, data != NULL ? data->n_days - 1 : -1, self->pinned);

  if (data != NULL)
    description = describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chart_name (self->kind),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
  invalidate (self);
}

TmChartData *
tm_chart_view_get_data (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), NULL);
  return self->data;
}

void
tm_chart_view_set_series (TmChartView *self,
                          TmSeries     series)
{
  g_return_if_fail (TM_IS_CHART_VIEW (self));

  if (self->series == series)
    return;
  self->series = series;
  invalidate (self);
}

int
tm_chart_view_get_selected_day (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), -1);
  return self->selected_day;
}

void
tm_chart_view_set_selected_day (TmChartView *self,
                                int          day_index)
{
  g_return_if_fail (TM_IS_CHART_VIEW (self));

  if (self->data == NULL)
    day_index = -1;
  else if (day_index >= self->data->n_days)
    day_index = self->data->n_days - 1;
  select_day (self, day_index, day_index >= 0);
}

/* Where the last drawing put things (empty before the first). */
const TmChartLayout *
tm_chart_view_get_layout (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), NULL);
  return &self->layout;
}
