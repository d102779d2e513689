/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The daily reminder: at the chosen local time, on a day without a
 * check-in, once. When it comes is worked out from the clock each time, in
 * the time zone of the moment given, so a change of time zone or of
 * daylight saving, or a computer waking from sleep, is simply a new "now". */
#define G_LOG_DOMAIN "tm-reminder"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tm-questionnaire.h"
#include "tm-reminder.h"
#include "tm-session.h"

/* "20:00", "8:30" or "8.30" → minutes after midnight. */
gboolean
tm_parse_reminder_time (const char  *text,
                        int         *minutes,
                        GError     **error)
{
  int hour, minute;

  if (!tm_parse_time_of_day (text, &hour, &minute, error))
    return FALSE;
  *minutes = hour * 60 + minute;
  return TRUE;
}

char *
tm_format_reminder_time (int minutes)
{
  g_return_val_if_fail (minutes >= 0 && minutes < 24 * 60, NULL);
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* @day at @minutes in @tz. GLib moves a time the clocks skipped forward
 * by the size of the jump. */
static GDateTime *
at_time (GTimeZone *tz,
         GDate     *day,
         int        minutes)
{
  return g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          minutes / 60, minutes % 60, 0);
}

/**
 * tm_reminder_next:
 * @now: the time now, in the time zone that counts
 * @minutes: the reminder time, minutes after local midnight
 * @last_checkin_day: (nullable): the latest day with a check-in
 * @last_notified_day: (nullable): the day the reminder last came
 * @questionnaires_due: the questionnaires due today, 1 << each
 *   #TmQuestionnaireKind (tm_store_get_due_questionnaires())
 *
 * Today at the reminder time, if today has no reminder yet and either no
 * check-in or a questionnaire due; now, if that time has passed; else
 * tomorrow at the time. One reminder a day at most.
 *
 * Returns: (transfer full): when the reminder comes next
 */
GDateTime *
tm_reminder_next (GDateTime  *now,
                  int         minutes,
                  const char *last_checkin_day,
                  const char *last_notified_day,
                  guint       questionnaires_due)
{
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) today_at = NULL;
  GTimeZone *tz;
  GDate day;
  gboolean done;

  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (minutes >= 0 && minutes < 24 * 60, NULL);

  tz = g_date_time_get_timezone (now);
  today = tm_day_from_date_time (now);
  tm_day_to_date (today, &day);

  /* A later day than today (the clock went back) counts as today. */
  done = (last_checkin_day != NULL && strcmp (last_checkin_day, today) >= 0 && questionnaires_due == 0) ||
         (last_notified_day != NULL && strcmp (last_notified_day, today) >= 0);

  if (!done)
    {
      today_at = at_time (tz, &day, minutes);
      if (g_date_time_compare (now, today_at) < 0)
        return g_steal_pointer (&today_at);
      return g_date_time_ref (now);
    }

  g_date_add_days (&day, 1);
  return at_time (tz, &day, minutes);
}

/* Whether the reminder should come at @now. */
gboolean
tm_reminder_is_due (GDateTime  *now,
                    int         minutes,
                    const char *last_checkin_day,
                    const char *last_notified_day,
                    guint       questionnaires_due)
{
  g_autoptr(GDateTime) next = tm_reminder_next (now, minutes, last_checkin_day, last_notified_day,
                                                questionnaires_due);

  return g_date_time_compare (next, now) <= 0;
}

/**
 * tm_reminder_get_text:
 * @checkin_due: today has no check-in yet
 * @questionnaires_due: 1 << each #TmQuestionnaireKind due
 * @title: (out): the notification's title
 * @body: (out): its text, naming what is due
 *
 * The words of the day's one reminder: the check-in, and whichever of the
 * PHQ-9, the GAD-7 and the monthly follow-up are due.
 *
 * Returns: %FALSE, with @title and @body %NULL, when nothing is due: then
 *   there is nothing to remind of
 */
gboolean
tm_reminder_get_text (gboolean   checkin_due,
                      guint      questionnaires_due,
                      char     **title,
                      char     **body)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  *title = NULL;
  *body = NULL;
  for (TmQuestionnaireKind kind = 0; kind < TM_N_QUESTIONNAIRE_KINDS; kind++)
    if (questionnaires_due & (1u << kind))
      {
        if (n++ > 0)
          g_string_append (names, ", ");
        g_string_append (names, tm_questionnaire_kind_get_name (kind));
      }

  if (checkin_due)
    {
      *title = g_strdup (_("How Are You Today?"));
      if (n == 0)
        *body = g_strdup (_("A check-in takes under a minute. You asked Tidemark to remind you on days "
                            "without one."));
      else
        /* Translators: %s lists questionnaires: "PHQ-9, Follow-up" */
        *body = g_strdup_printf (_("A check-in takes under a minute. Also due: %s."), names->str);
      return TRUE;
    }
  if (n == 0)
    return FALSE;

  *title = g_strdup (g_dngettext (GETTEXT_PACKAGE, "A Questionnaire Is Due", "Questionnaires Are Due", n));
  /* Translators: %s lists questionnaires: "PHQ-9, Follow-up" */
  *body = g_strdup_printf (_("Due today: %s. It takes a few minutes, on Today."), names->str);
  return TRUE;
}

/**
 * tm_autostart_set:
 * @config_dir: the user's configuration folder (g_get_user_config_dir())
 * @app_id: the application id, which names the entry
 *
 * Writes or removes the XDG autostart entry that starts Tidemark without a
 * window at login.
 */
gboolean
tm_autostart_set (const char  *config_dir,
                  const char  *app_id,
                  gboolean     enabled,
                  GError     **error)
{
  g_autofree char *folder = g_build_filename (config_dir, "autostart", NULL);
  g_autofree char *name = g_strconcat (app_id, ".desktop", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GKeyFile) entry = NULL;
  g_autofree char *contents = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Tidemark could not remove %s: %s."), path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Tidemark could not make the folder %s: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, "Tidemark");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Reminds you to check in"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, "tidemark --background");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, app_id);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);
  contents = g_key_file_to_data (entry, NULL, NULL);

  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
