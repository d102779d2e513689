/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-chart.h"

G_BEGIN_DECLS

typedef enum
{
  TM_CHART_KIND_TREND,
  TM_CHART_KIND_AFTER_DOSE,
  TM_CHART_KIND_PHQ9,
  TM_CHART_KIND_GAD7,
  TM_CHART_KIND_INTERVAL,    /* the after-dose curves of every plan period of the record */
} TmChartKind;

#define TM_TYPE_CHART_VIEW (tm_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TmChartView, tm_chart_view, TM, CHART_VIEW, GtkWidget)

TmChartView  *tm_chart_view_new              (TmChartKind   kind);
void          tm_chart_view_set_data         (TmChartView  *self,
                                              TmChartData  *data);
TmChartData  *tm_chart_view_get_data         (TmChartView  *self);
void          tm_chart_view_set_series       (TmChartView  *self,
                                              TmSeries      series);
int           tm_chart_view_get_selected_day (TmChartView  *self);
void          tm_chart_view_set_selected_day (TmChartView  *self,
                                              int           day_index);
const TmChartLayout *tm_chart_view_get_layout (TmChartView *self);

void          tm_chart_style_for_widget      (GtkWidget    *widget,
                                              TmChartStyle *style);

G_END_DECLS
