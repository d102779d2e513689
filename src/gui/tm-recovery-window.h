/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_RECOVERY_WINDOW (tm_recovery_window_get_type ())
G_DECLARE_FINAL_TYPE (TmRecoveryWindow, tm_recovery_window, TM, RECOVERY_WINDOW, AdwApplicationWindow)

TmRecoveryWindow *tm_recovery_window_new         (GtkApplication   *application,
                                                  const char       *data_dir,
                                                  const GError     *error);
void              tm_recovery_window_restore     (TmRecoveryWindow *self);
void              tm_recovery_window_retry       (TmRecoveryWindow *self);
void              tm_recovery_window_open_folder (TmRecoveryWindow *self,
                                                  const char       *data_dir);

G_END_DECLS
