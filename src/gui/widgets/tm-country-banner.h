/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_COUNTRY_BANNER (tm_country_banner_get_type ())
G_DECLARE_FINAL_TYPE (TmCountryBanner, tm_country_banner, TM, COUNTRY_BANNER, GtkWidget)

void tm_country_banner_set_store (TmCountryBanner *self,
                                  TmStore         *store);

G_END_DECLS
