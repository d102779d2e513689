/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_HISTORY_PAGE (tm_history_page_get_type ())
G_DECLARE_FINAL_TYPE (TmHistoryPage, tm_history_page, TM, HISTORY_PAGE, AdwBin)

G_END_DECLS
