/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void tm_accessible_name_rows    (GtkWidget  *root);
void tm_accessible_name_buttons (GtkWidget  *root);
void tm_accessible_fix_message_dialog (AdwMessageDialog *dialog);
void tm_accessible_name_entry   (GtkWidget  *entry,
                                 const char *label);

G_END_DECLS
