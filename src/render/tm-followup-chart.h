/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tm-chart.h"
#include "tm-questionnaire.h"

G_BEGIN_DECLS

/* The monthly follow-ups over a range (DESIGN.md, Long-term safety and
 * medicines): a grid with one row per item and one column per follow-up,
 * each cell shaded by its answer (none, a little, a lot; a yes/no item's
 * "yes" is shaded as its most), and under it a thin strip with the
 * tolerance, 0–10. @followups holds TmQuestionnaire of kind
 * %TM_QUESTIONNAIRE_FOLLOWUP, oldest first (tm_followup_chart_collect()
 * makes such a list); other kinds are left out. */

/* Where the chart put things, so that hit tests and pixel tests agree with
 * what was drawn. */
typedef struct
{
  double width, height;    /* the whole chart */
  double label_width;      /* the item names' column, from x 0 */
  double x, y, w, h;       /* the grid: one row per item, one column per follow-up */
  int    n_rows;           /* TM_N_FOLLOWUP_ITEMS */
  int    n_columns;        /* the follow-ups drawn; 0: only the empty state */
  double row_height;
  double column_width;
  double tolerance_y;      /* the tolerance strip, under the grid: its top … */
  double tolerance_h;      /* … and height; 10 at the top of the strip, 0 at its bottom, … */
  double tolerance_inset;  /* … each this far in, leaving room for a number over 10 and under 0 */
  double axis_y;           /* the top of the dates under the columns */
} TmFollowupChartLayout;

GPtrArray *tm_followup_chart_collect      (GListModel                  *questionnaires,
                                           const char                  *from,
                                           const char                  *to);

void       tm_followup_chart_layout       (GPtrArray                   *followups,
                                           const TmChartStyle          *style,
                                           double                       width,
                                           double                       height,
                                           TmFollowupChartLayout       *layout);
void       tm_followup_chart_draw         (cairo_t                     *cr,
                                           GPtrArray                   *followups,
                                           const TmChartStyle          *style,
                                           const TmFollowupChartLayout *layout);
double     tm_followup_chart_get_height   (const TmChartStyle          *style);

void       tm_followup_chart_cell_rect    (const TmFollowupChartLayout *layout,
                                           int                          row,
                                           int                          column,
                                           double                      *x,
                                           double                      *y,
                                           double                      *width,
                                           double                      *height);
double     tm_followup_chart_tolerance_y  (const TmFollowupChartLayout *layout,
                                           int                          tolerance);
gboolean   tm_followup_chart_tolerance_label_rect (GPtrArray                   *followups,
                                                   const TmChartStyle          *style,
                                                   const TmFollowupChartLayout *layout,
                                                   int                          column,
                                                   double                      *x,
                                                   double                      *y,
                                                   double                      *width,
                                                   double                      *height);
int        tm_followup_chart_column_at    (const TmFollowupChartLayout *layout,
                                           double                       x);

char      *tm_followup_chart_describe     (GPtrArray                   *followups,
                                           const char                  *from,
                                           const char                  *to);

G_END_DECLS
