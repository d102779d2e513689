/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tm-chart-data.h"

G_BEGIN_DECLS

/* The one chart renderer (DESIGN.md, Charts): it draws a TmChartData into
 * any cairo_t, for the window, the PDF report and the tests alike. */

typedef struct
{
  double red, green, blue, alpha;
} TmRgba;

typedef enum
{
  TM_CHART_STYLE_LIGHT,
  TM_CHART_STYLE_DARK,
  TM_CHART_STYLE_PRINT,
} TmChartStyleKind;

typedef struct
{
  TmRgba  background;      /* alpha 0: nothing is painted behind the chart */
  TmRgba  text;
  TmRgba  dim_text;
  TmRgba  grid;
  TmRgba  axis;
  TmRgba  mood;
  TmRgba  rolling;
  TmRgba  anxiety;
  TmRgba  energy;
  TmRgba  band[2];         /* plan periods, alternately */
  TmRgba  planned;         /* planned and taken sessions */
  TmRgba  flag;            /* missed, late, beyond the plan */
  TmRgba  caution;         /* safety prompts */
  TmRgba  urgent;
  TmRgba  today;
  TmRgba  spread;          /* the ±1 SD band */
  TmRgba  severity;        /* questionnaire bands, deeper with severity */
  TmRgba  periods[4];      /* plan periods side by side, with a dash pattern each too */
  TmRgba  medicine;        /* the regular medicines' bands, under the text colour */
  char    font_family[64];
  double  font_size;       /* in the units of the cairo_t: px on screen, pt in a PDF */
  double  line_width;
} TmChartStyle;

/* The labels' size beside the chart's font size: a report that wants
 * labels of at least N points asks for a font of N / TM_CHART_SMALL_TEXT. */
#define TM_CHART_SMALL_TEXT 0.86

void tm_chart_style_init (TmChartStyle     *style,
                          TmChartStyleKind  kind,
                          const char       *font_family,
                          double            font_size);
void tm_chart_style_mood_tint (const TmChartStyle *style,
                               int                 mood,
                               TmRgba             *color);

/* The optional series of the trend chart; mood is always drawn. */
typedef enum
{
  TM_SERIES_ROLLING = 1 << 0,
  TM_SERIES_ANXIETY = 1 << 1,
  TM_SERIES_ENERGY  = 1 << 2,
} TmSeries;

#define TM_SERIES_DEFAULT TM_SERIES_ROLLING

/* Where a chart put things, so that hit tests and pixel tests agree with
 * what was drawn. */
typedef struct
{
  double width, height;    /* the whole chart */
  double x, y, w, h;       /* the plot area */
  double y_min, y_max;     /* the values at the bottom and top of the plot */
  double legend_y;         /* the legend's first row */
  int    legend_rows;
  double lane_y;           /* the centre of the sessions lane, above the plot */
  double events_y;         /* the centre of the safety marks, below the plot */
  double medicines_y;      /* the top of the first regular medicine's lane, above the dates */
  double medicine_lane_height;  /* one lane's band */
  double medicine_lane_step;    /* from one lane's top to the next's */
  int    n_medicine_lanes;  /* the lanes shown: 0 without medicines, fewer when the plot is short */
  double axis_y;           /* the top of the date labels */
  int    n_columns;        /* days, or k for the after-dose curve */
  double column_width;
  gboolean doses_fit;      /* trend chart: the doses are written over the sessions */
} TmChartLayout;

double   tm_chart_layout_column_x  (const TmChartLayout *layout,
                                    int                  column);
double   tm_chart_layout_value_y   (const TmChartLayout *layout,
                                    double               value);
int      tm_chart_layout_column_at (const TmChartLayout *layout,
                                    double               x);

/* The trend chart: mood against the planned and taken sessions. */
void     tm_trend_chart_layout     (const TmChartData   *data,
                                    const TmChartStyle  *style,
                                    TmSeries             series,
                                    double               width,
                                    double               height,
                                    TmChartLayout       *layout);
void     tm_trend_chart_draw       (cairo_t             *cr,
                                    const TmChartData   *data,
                                    const TmChartStyle  *style,
                                    TmSeries             series,
                                    const TmChartLayout *layout);
char    *tm_trend_chart_describe   (const TmChartData   *data,
                                    const TmChartStyle  *style,
                                    TmSeries             series,
                                    const TmChartLayout *layout);

typedef struct
{
  int day_index;           /* into data->days */
  int session;             /* into data->sessions, or -1 */
  int planned;             /* into data->planned, or -1 */
  int plan_period;         /* into data->plan_periods, or -1 */
} TmChartHit;

gboolean tm_trend_chart_hit        (const TmChartData   *data,
                                    const TmChartLayout *layout,
                                    double               x,
                                    double               y,
                                    TmChartHit          *hit);
void     tm_trend_chart_hit_day    (const TmChartData   *data,
                                    int                  day_index,
                                    TmChartHit          *hit);

/* The after-dose curves: for each plan period, mean mood by days since
 * the last session, its ±1 SD band where enough cycles are behind a day,
 * each cycle as a faint trace (data->after_dose). */
void     tm_after_dose_chart_layout (const TmChartData   *data,
                                     const TmChartStyle  *style,
                                     double               width,
                                     double               height,
                                     TmChartLayout       *layout);
char    *tm_after_dose_chart_describe (const TmChartData *data);
char    *tm_after_dose_chart_describe_shown (const TmChartData *data);
void     tm_after_dose_chart_draw   (cairo_t             *cr,
                                     const TmChartData   *data,
                                     const TmChartStyle  *style,
                                     const TmChartLayout *layout);
gboolean tm_after_dose_chart_hit    (const TmChartData   *data,
                                     const TmChartLayout *layout,
                                     double               x,
                                     double               y,
                                     guint               *period,
                                     int                 *k);

/* PHQ-9 and GAD-7 totals with their severity bands, one panel each. */
void     tm_questionnaire_chart_layout (const TmChartData   *data,
                                        const TmChartStyle  *style,
                                        TmQuestionnaireKind  kind,
                                        double               width,
                                        double               height,
                                        TmChartLayout       *layout);
void     tm_questionnaire_chart_draw   (cairo_t             *cr,
                                        const TmChartData   *data,
                                        const TmChartStyle  *style,
                                        TmQuestionnaireKind  kind,
                                        const TmChartLayout *layout);

G_END_DECLS
