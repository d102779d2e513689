/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *tm_settings_new          (void);
void       tm_settings_bind_cadence (GSettings *settings,
                                     gpointer   combo_row);
void       tm_settings_bind_choices (GSettings          *settings,
                                     const char         *key,
                                     gpointer            combo_row,
                                     const char * const *ids);

G_END_DECLS
