/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *tm_recovery_code_dialog_new (GtkWindow  *parent,
                                        const char *code);
char      *tm_recovery_code_for_paper  (const char *code);

G_END_DECLS
