/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-chart-view.h"
#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_TRENDS_PAGE (tm_trends_page_get_type ())
G_DECLARE_FINAL_TYPE (TmTrendsPage, tm_trends_page, TM, TRENDS_PAGE, AdwBin)

TmChartView *tm_trends_page_get_trend_view (TmTrendsPage *self);

G_END_DECLS
