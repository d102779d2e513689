/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-context.h"

G_BEGIN_DECLS

void     tm_data_transfer_export        (TmContext            *context,
                                         GtkWindow            *parent,
                                         GFile                *folder,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void     tm_data_transfer_export_archive (TmContext           *context,
                                          GtkWindow           *parent,
                                          GFile               *folder,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GFile   *tm_data_transfer_export_finish (TmContext            *context,
                                         GAsyncResult         *result,
                                         GError              **error);
void     tm_data_transfer_choose_export (TmContext            *context,
                                         GtkWindow            *parent);
void     tm_data_transfer_export_fhir   (TmContext            *context,
                                         GtkWindow            *parent,
                                         GFile                *file,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void     tm_data_transfer_choose_export_fhir (TmContext       *context,
                                              GtkWindow       *parent);
void     tm_data_transfer_import        (TmContext            *context,
                                         GtkWindow            *parent,
                                         GFile                *file);
void     tm_data_transfer_choose_import (TmContext            *context,
                                         GtkWindow            *parent);
void     tm_data_transfer_import_daylio (TmContext            *context,
                                         GtkWindow            *parent,
                                         GFile                *file);
void     tm_data_transfer_choose_import_daylio (TmContext     *context,
                                                GtkWindow     *parent);
gboolean tm_data_transfer_is_busy       (TmContext            *context);

G_END_DECLS
