/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GListModel *tm_choices_new           (const char   *first,
                                      const char *(*label) (int),
                                      int           n);
GListModel *tm_choices_new_routes    (void);
GListModel *tm_choices_new_settings  (void);
void        tm_choices_set_severity  (AdwComboRow  *row,
                                      int           severity);
int         tm_choices_get_severity  (AdwComboRow  *row);
void        tm_choices_set_answer    (AdwComboRow  *row,
                                      int           answer);
int         tm_choices_get_answer    (AdwComboRow  *row);

G_END_DECLS
