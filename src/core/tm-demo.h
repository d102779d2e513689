/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-chart-data.h"

G_BEGIN_DECLS

/* The days of `tidemark --demo`: a year. */
#define TM_DEMO_DAYS 365

TmChartRecord *tm_demo_record_new  (const char          *today,
                                    int                  n_days);
gboolean       tm_demo_fill_store  (TmStore             *store,
                                    const TmChartRecord *record,
                                    GError             **error);

G_END_DECLS
