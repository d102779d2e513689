/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-followup-chart.h"

G_BEGIN_DECLS

#define TM_TYPE_FOLLOWUP_CHART_VIEW (tm_followup_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TmFollowupChartView, tm_followup_chart_view, TM, FOLLOWUP_CHART_VIEW, GtkWidget)

GtkWidget                   *tm_followup_chart_view_new            (void);
void                         tm_followup_chart_view_set_followups  (TmFollowupChartView *self,
                                                                    GPtrArray           *followups,
                                                                    const char          *from,
                                                                    const char          *to);
guint                        tm_followup_chart_view_get_n_followups (TmFollowupChartView *self);
const TmFollowupChartLayout *tm_followup_chart_view_get_layout     (TmFollowupChartView *self);

G_END_DECLS
