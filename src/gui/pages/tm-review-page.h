/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_REVIEW_PAGE (tm_review_page_get_type ())
G_DECLARE_FINAL_TYPE (TmReviewPage, tm_review_page, TM, REVIEW_PAGE, AdwBin)

gboolean tm_review_page_set_period (TmReviewPage  *self,
                                    const char    *from,
                                    const char    *to,
                                    GError       **error);
gboolean tm_review_page_finish     (TmReviewPage  *self);
gboolean tm_review_page_has_unfinished_notes (TmReviewPage *self);

G_END_DECLS
