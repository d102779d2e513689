/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-progress"

#include "config.h"

#include "tm-progress.h"

/**
 * tm_progress_report:
 * @progress: (nullable): where to report; %NULL reports nowhere
 *
 * Says how far the work got, and whether it should go on.
 *
 * Returns: %FALSE with %G_IO_ERROR_CANCELLED once the work was cancelled
 */
gboolean
tm_progress_report (const TmProgress  *progress,
                    guint64            done,
                    guint64            total,
                    GError           **error)
{
  if (progress == NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (progress->cancellable, error))
    return FALSE;
  if (progress->func != NULL)
    progress->func (done, total, progress->user_data);
  return TRUE;
}
