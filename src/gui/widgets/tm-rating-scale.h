/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TM_TYPE_RATING_SCALE (tm_rating_scale_get_type ())
G_DECLARE_FINAL_TYPE (TmRatingScale, tm_rating_scale, TM, RATING_SCALE, GtkRange)

GtkWidget *tm_rating_scale_new          (void);
int        tm_rating_scale_get_value    (TmRatingScale *self);
void       tm_rating_scale_set_value    (TmRatingScale *self,
                                         int            value);
gboolean   tm_rating_scale_get_optional (TmRatingScale *self);
void       tm_rating_scale_set_optional (TmRatingScale *self,
                                         gboolean       optional);

G_END_DECLS
