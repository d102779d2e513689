/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_REPORT_DIALOG (tm_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmReportDialog, tm_report_dialog, TM, REPORT_DIALOG, AdwWindow)

TmReportDialog *tm_report_dialog_new       (GtkWindow      *parent,
                                            TmContext      *context);
gboolean        tm_report_dialog_export_to (TmReportDialog *self,
                                            GFile          *file);

G_END_DECLS
