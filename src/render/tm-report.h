/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tm-report-data.h"

G_BEGIN_DECLS

gboolean tm_report_write (const TmReportData  *data,
                          const char          *path,
                          GCancellable        *cancellable,
                          int                 *n_pages,
                          GError             **error);

G_END_DECLS
