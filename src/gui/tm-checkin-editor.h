/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_CHECKIN_EDITOR (tm_checkin_editor_get_type ())
G_DECLARE_FINAL_TYPE (TmCheckinEditor, tm_checkin_editor, TM, CHECKIN_EDITOR, AdwWindow)

TmCheckinEditor *tm_checkin_editor_new  (GtkWindow       *parent,
                                         TmStore         *store,
                                         TmCheckin       *checkin);
gboolean         tm_checkin_editor_save (TmCheckinEditor *self);

G_END_DECLS
