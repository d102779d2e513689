/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long work (an export, an import) tells how far it got, and hears
 * that it should stop. */

/* Called in the thread doing the work: @done of @total units so far. */
typedef void (*TmProgressFunc) (guint64  done,
                                guint64  total,
                                gpointer user_data);

typedef struct
{
  GCancellable   *cancellable;   /* (nullable) */
  TmProgressFunc  func;          /* (nullable) */
  gpointer        user_data;
} TmProgress;

gboolean tm_progress_report (const TmProgress  *progress,
                             guint64            done,
                             guint64            total,
                             GError           **error);

G_END_DECLS
