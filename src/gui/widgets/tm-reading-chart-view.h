/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-reading-chart.h"

G_BEGIN_DECLS

#define TM_TYPE_READING_CHART_VIEW (tm_reading_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TmReadingChartView, tm_reading_chart_view, TM, READING_CHART_VIEW, GtkWidget)

GtkWidget *tm_reading_chart_view_new          (void);
void       tm_reading_chart_view_set_readings (TmReadingChartView *self,
                                               GPtrArray          *readings);
guint      tm_reading_chart_view_get_n_bp     (TmReadingChartView *self);

G_END_DECLS
