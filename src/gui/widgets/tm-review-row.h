/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-review.h"

G_BEGIN_DECLS

GtkWidget *tm_review_row_new (TmReview *review,
                              gboolean  hide_note);

G_END_DECLS
