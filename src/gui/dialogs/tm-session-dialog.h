/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_SESSION_DIALOG (tm_session_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmSessionDialog, tm_session_dialog, TM, SESSION_DIALOG, AdwWindow)

TmSessionDialog *tm_session_dialog_new       (GtkWindow       *parent,
                                              TmContext       *context,
                                              TmSession       *session);
gboolean         tm_session_dialog_save      (TmSessionDialog *self);
gboolean         tm_session_dialog_get_dirty (TmSessionDialog *self);

G_END_DECLS
