/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The daily reminder: when it comes, as pure functions of the clock. */

#define TM_REMINDER_DEFAULT_MINUTES (20 * 60)

gboolean   tm_parse_reminder_time   (const char  *text,
                                     int         *minutes,
                                     GError     **error);
char      *tm_format_reminder_time  (int          minutes);
GDateTime *tm_reminder_next         (GDateTime   *now,
                                     int          minutes,
                                     const char  *last_checkin_day,
                                     const char  *last_notified_day,
                                     guint        questionnaires_due);
gboolean   tm_reminder_is_due       (GDateTime   *now,
                                     int          minutes,
                                     const char  *last_checkin_day,
                                     const char  *last_notified_day,
                                     guint        questionnaires_due);
gboolean   tm_reminder_get_text     (gboolean     checkin_due,
                                     guint        questionnaires_due,
                                     char       **title,
                                     char       **body);

gboolean   tm_autostart_set         (const char  *config_dir,
                                     const char  *app_id,
                                     gboolean     enabled,
                                     GError     **error);

G_END_DECLS
