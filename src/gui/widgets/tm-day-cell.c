/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One day of the month grid: tinted by that day's mood, with shapes for
 * what was planned and taken, so that it reads without colour too:
 *   ○ a planned session      ● a session taken
 *   ✕ a planned one missed   ▸ taken late      + taken beyond the plan */
#define G_LOG_DOMAIN "tm-day-cell"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tm-chart-view.h"
#include "tm-day-cell.h"

struct _TmDayCell
{
  GtkWidget    parent_instance;

  char         day[TM_DAY_LEN + 1];
  TmDayMarks   marks;
  gboolean     selected;
  PangoLayout *number;
};

G_DEFINE_FINAL_TYPE (TmDayCell, tm_day_cell, GTK_TYPE_WIDGET)

/* The tint of a day with @mood: the chart palette's. */
void
tm_day_marks_mood_color (int      mood,
                         GdkRGBA *color)
{
  TmChartStyle style;
  TmRgba tint;

  tm_chart_style_init (&style, TM_CHART_STYLE_LIGHT, NULL, 1);
  tm_chart_style_mood_tint (&style, mood, &tint);
  *color = (GdkRGBA) { (float) tint.red, (float) tint.green, (float) tint.blue, (float) tint.alpha };
}

/* The day for a screen reader: "mood 6; a planned session, taken on time". */
char *
tm_day_marks_describe (const TmDayMarks *marks)
{
  GString *text = g_string_new (NULL);

  if (marks->mood >= 0)
    /* Translators: part of a calendar day's description */
    g_string_append_printf (text, _("mood %d"), marks->mood);
  else
    g_string_append (text, _("no check-in"));

  if (marks->planned)
    {
      const char *status;

      switch (marks->planned_status)
        {
        case TM_PLANNED_ON_TIME:
          status = _("a planned session, taken on time");
          break;
        case TM_PLANNED_LATE:
          status = _("a planned session, taken late");
          break;
        case TM_PLANNED_MISSED:
          status = _("a planned session, missed");
          break;
        case TM_PLANNED_DUE:
          status = _("a planned session, due now");
          break;
        default:
          status = _("a planned session");
          break;
        }
      g_string_append (text, "; ");
      g_string_append (text, status);
    }

  if (marks->cancelled)
    {
      g_string_append (text, "; ");
      g_string_append (text, _("a planned date cancelled"));
    }

  if (marks->n_taken > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d session taken",
                                                 "%d sessions taken", marks->n_taken),
                              marks->n_taken);
      if (marks->taken_extra)
        g_string_append_printf (text, " (%s)", _("beyond the plan"));
    }

  return g_string_free (text, FALSE);
}

static void
update_accessible (TmDayCell *self)
{
  g_autofree char *day = tm_day_format_long (self->day);
  g_autofree char *marks = tm_day_marks_describe (&self->marks);
  g_autofree char *label = g_strdup_printf ("%s: %s", day, marks);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, self->selected, -1);
}

static void
tm_day_cell_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 40 : 44;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 76 : 60;
}

/* Where a cell draws, from its top left corner. */
#define CELL_RADIUS     8      /* its rounded corners */
#define NUMBER_CENTRE_X 19     /* the day number, and today's circle behind it */
#define NUMBER_CENTRE_Y 17
#define TODAY_RADIUS    11
#define MARK_INSET      14     /* the marks' centre: from the left, and up from the bottom */
#define RING_RADIUS     7      /* a planned session */
#define DOT_RADIUS      4      /* a session taken */
#define GLYPH_GAP       12     /* from the marks' centre to a flag beside them */
#define GLYPH_SIZE      4.5    /* half a flag's height */
#define GLYPH_STEP      16     /* from one flag to the next */

static GdkRGBA
rgba_of (const TmRgba *color,
         double        alpha)
{
  return (GdkRGBA) { (float) color->red, (float) color->green, (float) color->blue, (float) (color->alpha * alpha) };
}

static void
append_circle (GtkSnapshot   *snapshot,
               float          cx,
               float          cy,
               float          r,
               const GdkRGBA *color,
               gboolean       filled)
{
  GskRoundedRect circle;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r);

  gsk_rounded_rect_init_from_rect (&circle, &rect, r);
  if (filled)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &circle);
      gtk_snapshot_append_color (snapshot, color, &rect);
      gtk_snapshot_pop (snapshot);
    }
  else
    {
      const float widths[4] = { 1.6f, 1.6f, 1.6f, 1.6f };
      const GdkRGBA colors[4] = { *color, *color, *color, *color };

      gtk_snapshot_append_border (snapshot, &circle, widths, colors);
    }
}

static void
append_line (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1)
{
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
}

/* The mood tint, or a faint cell without a check-in. */
static void
paint_tint (TmDayCell             *self,
            GtkSnapshot           *snapshot,
            const GskRoundedRect  *box,
            const TmChartStyle    *style,
            const GdkRGBA         *fg)
{
  GdkRGBA tint;

  if (self->marks.mood >= 0)
    {
      TmRgba mood;

      tm_chart_style_mood_tint (style, self->marks.mood, &mood);
      tint = rgba_of (&mood, self->marks.in_month ? 0.38 : 0.15);
    }
  else
    {
      tint = *fg;
      tint.alpha = self->marks.in_month ? 0.04f : 0.0f;
    }
  gtk_snapshot_push_rounded_clip (snapshot, box);
  gtk_snapshot_append_color (snapshot, &tint, &box->bounds);
  gtk_snapshot_pop (snapshot);
}

/* The selection, or the keyboard focus, as a ring around the cell. */
static void
paint_focus (TmDayCell            *self,
             GtkSnapshot          *snapshot,
             const GskRoundedRect *box,
             const GdkRGBA        *accent)
{
  const float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA ring = *accent;
  GdkRGBA colors[4];

  if (!self->selected && !gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;
  ring.alpha = self->selected ? 1.0f : 0.5f;
  for (int i = 0; i < 4; i++)
    colors[i] = ring;
  gtk_snapshot_append_border (snapshot, box, widths, colors);
}

/* The day number; today's in a filled accent circle. */
static void
paint_number (TmDayCell     *self,
              GtkSnapshot   *snapshot,
              const GdkRGBA *fg,
              const GdkRGBA *accent)
{
  GdkRGBA color = *fg;
  int tw, th;

  if (self->number == NULL)
    return;
  if (!self->marks.in_month)
    color.alpha *= 0.45f;
  pango_layout_get_pixel_size (self->number, &tw, &th);
  if (self->marks.today)
    {
      append_circle (snapshot, NUMBER_CENTRE_X, NUMBER_CENTRE_Y, TODAY_RADIUS, accent, TRUE);
      gdk_rgba_parse (&color, "white");
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (NUMBER_CENTRE_X - tw / 2.0f, NUMBER_CENTRE_Y - th / 2.0f));
  gtk_snapshot_append_layout (snapshot, self->number, &color);
  gtk_snapshot_restore (snapshot);
}

/* Planned: a ring; taken: a dot (inside the ring when both), in the
 * chart's colours for planned and taken sessions and for flags. */
static void
paint_sessions (TmDayCell          *self,
                GtkSnapshot        *snapshot,
                const TmChartStyle *style,
                float               mx,
                float               my)
{
  if (self->marks.planned)
    {
      gboolean flagged = self->marks.planned_status == TM_PLANNED_MISSED ||
                         self->marks.planned_status == TM_PLANNED_LATE;
      GdkRGBA ring = rgba_of (flagged ? &style->flag : &style->planned, 1.0);

      append_circle (snapshot, mx, my, RING_RADIUS, &ring, FALSE);
    }
  /* Cancelled: the ring, struck through (⊘). */
  if (self->marks.cancelled)
    {
      GdkRGBA ring = rgba_of (&style->planned, 0.7);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (mx - RING_RADIUS - 2, my - RING_RADIUS - 2,
                                                                               2 * RING_RADIUS + 4, 2 * RING_RADIUS + 4));
      double d = RING_RADIUS * G_SQRT2 / 2.0;

      append_circle (snapshot, mx, my, RING_RADIUS, &ring, FALSE);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, mx - d, my + d);
      cairo_line_to (cr, mx + d, my - d);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
  if (self->marks.n_taken > 0)
    {
      GdkRGBA dot = rgba_of (&style->planned, 1.0);

      append_circle (snapshot, mx, my, DOT_RADIUS, &dot, TRUE);
    }
}

/* Beside the marks: ✕ missed, ▸ taken after the day, + beyond the plan. */
static void
paint_flags (TmDayCell          *self,
             GtkSnapshot        *snapshot,
             const TmChartStyle *style,
             float               mx,
             float               my)
{
  float x = mx + GLYPH_GAP;
  cairo_t *cr;

  if (!self->marks.planned && !self->marks.taken_extra)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                                 gtk_widget_get_height (GTK_WIDGET (self))));
  cairo_set_line_width (cr, 1.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, style->flag.red, style->flag.green, style->flag.blue, style->flag.alpha);

  if (self->marks.planned && self->marks.planned_status == TM_PLANNED_MISSED)
    {
      append_line (cr, x, my - 4, x + 8, my + 4);
      append_line (cr, x, my + 4, x + 8, my - 4);
      cairo_stroke (cr);
    }
  else if (self->marks.planned && self->marks.planned_status == TM_PLANNED_LATE)
    {
      cairo_move_to (cr, x, my - GLYPH_SIZE);
      cairo_line_to (cr, x + 7, my);
      cairo_line_to (cr, x, my + GLYPH_SIZE);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  /* A + goes past the place a ✕ or ▸ would take. */
  if (self->marks.planned)
    x += GLYPH_STEP;

  if (self->marks.taken_extra)
    {
      append_line (cr, x, my - GLYPH_SIZE, x, my + GLYPH_SIZE);
      append_line (cr, x - GLYPH_SIZE, my, x + GLYPH_SIZE, my);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
tm_day_cell_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  TmDayCell *self = TM_DAY_CELL (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  float w = (float) gtk_widget_get_width (widget);
  float h = (float) gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (1, 1, w - 2, h - 2);
  GskRoundedRect box;
  TmChartStyle style;
  GdkRGBA fg, accent;

  tm_chart_style_for_widget (widget, &style);
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = rgba_of (&style.planned, 1.0);
  gsk_rounded_rect_init_from_rect (&box, &bounds, CELL_RADIUS);

  paint_tint (self, snapshot, &box, &style, &fg);
  paint_focus (self, snapshot, &box, &accent);
  paint_number (self, snapshot, &fg, &accent);
  paint_sessions (self, snapshot, &style, MARK_INSET, h - MARK_INSET);
  paint_flags (self, snapshot, &style, MARK_INSET, h - MARK_INSET);
}

static void
tm_day_cell_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  TmDayCell *self = TM_DAY_CELL (widget);

  GTK_WIDGET_CLASS (tm_day_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->number);
  if (self->day[0] != '\0')
    {
      g_autofree char *number = g_strdup_printf ("%d", atoi (self->day + 8));
      self->number = gtk_widget_create_pango_layout (widget, number);
    }
  gtk_widget_queue_draw (widget);
}

static void
tm_day_cell_dispose (GObject *object)
{
  g_clear_object (&TM_DAY_CELL (object)->number);

  G_OBJECT_CLASS (tm_day_cell_parent_class)->dispose (object);
}

static void
tm_day_cell_class_init (TmDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_day_cell_dispose;
  widget_class->measure = tm_day_cell_measure;
  widget_class->snapshot = tm_day_cell_snapshot;
  widget_class->css_changed = tm_day_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "daycell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
tm_day_cell_init (TmDayCell *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  self->marks.mood = -1;
}

GtkWidget *
tm_day_cell_new (void)
{
  return g_object_new (TM_TYPE_DAY_CELL, NULL);
}

void
tm_day_cell_set (TmDayCell        *self,
                 const char       *day,
                 const TmDayMarks *marks)
{
  g_autofree char *number = NULL;

  g_return_if_fail (TM_IS_DAY_CELL (self));
  g_return_if_fail (tm_day_is_valid (day));

  g_strlcpy (self->day, day, sizeof self->day);
  self->marks = *marks;

  number = g_strdup_printf ("%d", atoi (day + 8));
  g_clear_object (&self->number);
  self->number = gtk_widget_create_pango_layout (GTK_WIDGET (self), number);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
tm_day_cell_get_day (TmDayCell *self)
{
  g_return_val_if_fail (TM_IS_DAY_CELL (self), NULL);

  return self->day;
}

const TmDayMarks *
tm_day_cell_get_marks (TmDayCell *self)
{
  g_return_val_if_fail (TM_IS_DAY_CELL (self), NULL);

  return &self->marks;
}

void
tm_day_cell_set_selected (TmDayCell *self,
                          gboolean   selected)
{
  g_return_if_fail (TM_IS_DAY_CELL (self));

  if (self->selected == !!selected)
    return;

  self->selected = !!selected;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
