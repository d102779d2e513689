/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_SESSION_EDITOR (tm_session_editor_get_type ())
G_DECLARE_FINAL_TYPE (TmSessionEditor, tm_session_editor, TM, SESSION_EDITOR, AdwWindow)

TmSessionEditor *tm_session_editor_new       (GtkWindow       *parent,
                                              TmStore         *store,
                                              TmSession       *session);
gboolean         tm_session_editor_save      (TmSessionEditor *self);
gboolean         tm_session_editor_get_dirty (TmSessionEditor *self);

G_END_DECLS
