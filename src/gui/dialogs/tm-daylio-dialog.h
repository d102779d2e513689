/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-daylio.h"

G_BEGIN_DECLS

#define TM_TYPE_DAYLIO_DIALOG (tm_daylio_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmDaylioDialog, tm_daylio_dialog, TM, DAYLIO_DIALOG, AdwWindow)

TmDaylioDialog *tm_daylio_dialog_new       (GtkWindow      *parent,
                                            TmDaylio       *daylio);
GHashTable     *tm_daylio_dialog_get_moods (TmDaylioDialog *self);

G_END_DECLS
