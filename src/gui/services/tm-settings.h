/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *tm_settings_new (void);
GSettings *tm_settings_get (void);

G_END_DECLS
