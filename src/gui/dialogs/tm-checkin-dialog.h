/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_CHECKIN_DIALOG (tm_checkin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmCheckinDialog, tm_checkin_dialog, TM, CHECKIN_DIALOG, AdwWindow)

TmCheckinDialog *tm_checkin_dialog_new  (GtkWindow       *parent,
                                         TmContext       *context,
                                         TmCheckin       *checkin);
gboolean         tm_checkin_dialog_save (TmCheckinDialog *self);

G_END_DECLS
