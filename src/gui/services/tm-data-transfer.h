/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-window.h"

G_BEGIN_DECLS

void   tm_data_transfer_export        (TmWindow             *window,
                                       GFile                *folder,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GFile *tm_data_transfer_export_finish (TmWindow             *window,
                                       GAsyncResult         *result,
                                       GError              **error);
void   tm_data_transfer_choose_export (TmWindow *window);
void   tm_data_transfer_import        (TmWindow *window,
                                       GFile    *folder);
void   tm_data_transfer_choose_import (TmWindow *window);
gboolean tm_data_transfer_is_busy     (TmWindow *window);

G_END_DECLS
