/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TM_TYPE_ERROR_LABEL (tm_error_label_get_type ())
G_DECLARE_FINAL_TYPE (TmErrorLabel, tm_error_label, TM, ERROR_LABEL, GtkWidget)

void        tm_error_label_show        (TmErrorLabel *self,
                                        const char   *message);
void        tm_error_label_hide        (TmErrorLabel *self);
const char *tm_error_label_get_message (TmErrorLabel *self);
gboolean    tm_error_label_get_shown   (TmErrorLabel *self);

G_END_DECLS
