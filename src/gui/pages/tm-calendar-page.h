/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_CALENDAR_PAGE (tm_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (TmCalendarPage, tm_calendar_page, TM, CALENDAR_PAGE, AdwBin)

void        tm_calendar_page_select_day  (TmCalendarPage *self,
                                          const char     *day);
const char *tm_calendar_page_get_selected (TmCalendarPage *self);

G_END_DECLS
