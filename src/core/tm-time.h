/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day is a local calendar day written "YYYY-MM-DD".
 * An instant is ISO 8601 with a UTC offset ("2026-11-28T09:15:00+01:00");
 * the store writes its own instants in UTC ("2026-11-28T08:15:00Z").
 * A session's instant keeps the offset of the place it was taken, and is
 * shown as it was there (tm_instant_*_as_written), never moved into this
 * machine's zone: a 10:00 dose in Tokyo stays 10:00 on its own day. */

#define TM_DAY_LEN 10

/* The offsets an instant may have, in minutes east of UTC: every one in
 * use since 1972 (see tm_instant_is_valid()). */
#define TM_OFFSET_MIN_MINUTES  (-12 * 60)
#define TM_OFFSET_MAX_MINUTES  (14 * 60)
#define TM_OFFSET_STEP_MINUTES 15

/* How far ahead of this machine's clock a record may be (DESIGN.md, Where
 * things happened): the width of the world's time zones, from −12:00 to
 * +14:00. A day written anywhere at a moment already past here is at most
 * the local day 26 hours from now, so a person's own export always
 * imports back, even made on the far side of the date line, or read with
 * the clock set back a day. */
#define TM_AHEAD_SLACK (26 * G_TIME_SPAN_HOUR)

typedef GDateTime *(*TmClock) (gpointer data);

typedef enum
{
  TM_DAY_VALID,
  TM_DAY_NOT_WRITTEN,       /* not "YYYY-MM-DD" */
  TM_DAY_NOT_IN_CALENDAR,   /* written so, but no such day: 2026-02-30 */
} TmDayCheck;

TmDayCheck tm_day_check             (const char  *day,
                                     char       **reason);
gboolean   tm_day_validate          (const char  *day,
                                     GError     **error);
gboolean   tm_day_is_valid          (const char *day);
gboolean   tm_day_to_date           (const char *day,
                                     GDate      *date);
char      *tm_day_from_date         (const GDate *date);
char      *tm_day_from_date_time    (GDateTime  *date_time);
char      *tm_day_today             (void);
char      *tm_day_add               (const char *day,
                                     int         n_days);
int        tm_day_diff              (const char *from,
                                     const char *to);
char      *tm_day_format            (const char *day,
                                     const char *format);
char      *tm_day_format_long       (const char *day);
char      *tm_day_format_short      (const char *day);

GDateWeekday tm_first_weekday       (void);

void       tm_time_set_clock        (TmClock     clock,
                                     gpointer    data);
GTimeZone *tm_time_zone_local       (void);
GDateTime *tm_time_to_local         (GDateTime  *date_time);
GDateTime *tm_time_now              (void);
GDateTime *tm_instant_latest_allowed (GDateTime *now);
char      *tm_day_latest_allowed    (GDateTime  *now);

char      *tm_instant_now_utc       (void);
char      *tm_instant_now_local     (void);
gboolean   tm_instant_is_valid      (const char *instant);
gboolean   tm_instant_validate      (const char  *instant,
                                     GError     **error);
GDateTime *tm_instant_parse         (const char *instant);
char      *tm_instant_local_day     (const char *instant);
char      *tm_instant_day_as_written (const char *instant);
gboolean   tm_instant_is_here       (const char *instant);
char      *tm_instant_get_offset_label (const char *instant);
char      *tm_instant_format_as_written (const char *instant,
                                         const char *format);
char      *tm_instant_time_as_written (const char *instant);

G_END_DECLS
