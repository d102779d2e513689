/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-chart.h"
#include "tm-session-reading.h"

G_BEGIN_DECLS

/* One session's blood pressure by minutes after the dose (DESIGN.md, The
 * session day): systolic and diastolic as two lines, the urgent lines of
 * S5 dashed. @readings holds TmSessionReading, in any order; readings
 * without a blood pressure are left out.
 *
 * In its TmChartLayout, n_columns is the last minute on the axis and
 * column_width the width of a minute; tm_reading_chart_minute_x() gives
 * where a minute is drawn. */

guint    tm_reading_chart_count_bp  (GPtrArray           *readings);

void     tm_reading_chart_layout    (GPtrArray           *readings,
                                     const TmChartStyle  *style,
                                     double               width,
                                     double               height,
                                     TmChartLayout       *layout);
void     tm_reading_chart_draw      (cairo_t             *cr,
                                     GPtrArray           *readings,
                                     const TmChartStyle  *style,
                                     const TmChartLayout *layout);
double   tm_reading_chart_minute_x  (const TmChartLayout *layout,
                                     int                  minutes_after);

char    *tm_reading_chart_describe  (GPtrArray           *readings);

G_END_DECLS
