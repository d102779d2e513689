/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TM_TYPE_RATING_ROW (tm_rating_row_get_type ())
G_DECLARE_FINAL_TYPE (TmRatingRow, tm_rating_row, TM, RATING_ROW, AdwPreferencesRow)

int         tm_rating_row_get_value    (TmRatingRow *self);
void        tm_rating_row_set_value    (TmRatingRow *self,
                                        int          value);
gboolean    tm_rating_row_get_optional (TmRatingRow *self);
void        tm_rating_row_set_optional (TmRatingRow *self,
                                        gboolean     optional);

G_END_DECLS
