/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-checkin-form.h"
#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_TODAY_PAGE (tm_today_page_get_type ())
G_DECLARE_FINAL_TYPE (TmTodayPage, tm_today_page, TM, TODAY_PAGE, AdwBin)

TmCheckinForm *tm_today_page_get_form (TmTodayPage *self);
gboolean       tm_today_page_save     (TmTodayPage *self);
void           tm_today_page_discard  (TmTodayPage *self);

G_END_DECLS
