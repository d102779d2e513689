/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TM_TYPE_OFFER_ROW (tm_offer_row_get_type ())
G_DECLARE_FINAL_TYPE (TmOfferRow, tm_offer_row, TM, OFFER_ROW, AdwPreferencesRow)

void tm_offer_row_set_subtitle (TmOfferRow *self,
                                const char *subtitle);

G_END_DECLS
