/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_SESSIONS_PAGE (tm_sessions_page_get_type ())
G_DECLARE_FINAL_TYPE (TmSessionsPage, tm_sessions_page, TM, SESSIONS_PAGE, AdwBin)

G_END_DECLS
