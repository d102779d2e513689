/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkMenuButton *tm_date_picker_attach (AdwEntryRow *row);

G_END_DECLS
