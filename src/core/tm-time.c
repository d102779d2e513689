/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "tm-store-error.h"
#include "tm-text.h"
#include "tm-time.h"

static gboolean
parse_digits (const char *s,
              guint       n,
              guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (guint) (s[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* The year, month and day of @day when it is written "YYYY-MM-DD". */
static gboolean
parse_day (const char *day,
           guint      *y,
           guint      *m,
           guint      *d)
{
  return day != NULL && strlen (day) == TM_DAY_LEN && day[4] == '-' && day[7] == '-' &&
         parse_digits (day, 4, y) && parse_digits (day + 5, 2, m) && parse_digits (day + 8, 2, d);
}

/* The days in @m of @y, by the Gregorian rules (the proleptic calendar,
 * as GDate uses). */
static guint
days_in_month (guint y,
               guint m)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

  return m == 2 && leap ? 29 : days[m - 1];
}

static gboolean
is_in_calendar (guint y,
                guint m,
                guint d)
{
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month (y, m);
}

/* Days from 1970-01-01 to @y-@m-@d: whole-number arithmetic, because
 * the charts and the evidence about the interval count days by the
 * thousand (after H. Hinnant's days_from_civil). */
static gint64
day_number (gint64 y,
            guint  m,
            guint  d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The day @number days from 1970-01-01, written YYYY-MM-DD. */
static char *
day_from_number (gint64 number)
{
  gint64 z = number + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  guint d = (guint) (doy - (153 * mp + 2) / 5 + 1);
  guint m = (guint) (mp < 10 ? mp + 3 : mp - 9);
  gint64 y = yoe + era * 400 + (m <= 2);

  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02u-%02u", y, m, d);
}

/* @day's number (see day_number()), or FALSE when it is not a day. */
static gboolean
parse_day_number (const char *day,
                  gint64     *number)
{
  guint y, m, d;

  if (!parse_day (day, &y, &m, &d) || !is_in_calendar (y, m, d))
    return FALSE;
  *number = day_number (y, m, d);
  return TRUE;
}

/**
 * tm_day_check:
 * @day: (nullable): a day as typed or read
 * @reason: (out) (optional) (transfer full): for a day written right that
 *   is not in the calendar, why: "February 2026 has 28 days"
 *
 * Tells a day not written "YYYY-MM-DD" from one written so that doesn't
 * exist (2026-02-30, 2026-13-01): the first is a matter of how to write
 * it, the second of which day was meant.
 */
TmDayCheck
tm_day_check (const char  *day,
              char       **reason)
{
  guint y, m, d;
  char *why = NULL;

  if (reason != NULL)
    *reason = NULL;

  if (!parse_day (day, &y, &m, &d))
    return TM_DAY_NOT_WRITTEN;
  if (is_in_calendar (y, m, d))
    return TM_DAY_VALID;

  if (y < 1)
    /* Translators: why a day such as 0000-01-01 is not in the calendar */
    why = g_strdup (_("the years start at 0001"));
  else if (m < 1 || m > 12)
    /* Translators: why a day such as 2026-13-01 is not in the calendar */
    why = g_strdup (_("a year has 12 months"));
  else if (d < 1 || d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    {
      guint8 n_days = g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
      g_autoptr(GDateTime) first = g_date_time_new_utc ((int) y, (int) m, 1, 12, 0, 0);
      /* Translators: the calendar's title, a strftime format: "November 2026" (%OB is the stand-alone month name) */
      g_autofree char *month = g_date_time_format (first, _("%OB %Y"));

      /* Translators: why a day such as 2026-02-30 is not in the calendar: "February 2026 has 28 days" */
      why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has %u day", "%s has %u days", n_days),
                             month, (guint) n_days);
    }

  if (why == NULL)
    return TM_DAY_VALID;
  if (reason != NULL)
    *reason = why;
  else
    g_free (why);
  return TM_DAY_NOT_IN_CALENDAR;
}

/**
 * tm_day_validate:
 *
 * Returns: %FALSE with a sentence to act on when @day is not written
 *   "YYYY-MM-DD" or is no day of the calendar.
 */
gboolean
tm_day_validate (const char  *day,
                 GError     **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *quoted = NULL;

  switch (tm_day_check (day, &reason))
    {
    case TM_DAY_VALID:
      return TRUE;
    case TM_DAY_NOT_IN_CALENDAR:
      quoted = tm_text_quote (day);
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: "“2026-02-30” is no such day: February 2026 has 28 days. Check the date." */
                   _("“%s” is no such day: %s. Check the date."), quoted, reason);
      return FALSE;
    case TM_DAY_NOT_WRITTEN:
    default:
      quoted = tm_text_quote (day);
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a calendar day. Write days as YYYY-MM-DD, for example 2026-11-28."),
                   quoted);
      return FALSE;
    }
}

/**
 * tm_day_to_date:
 * @day: a day as "YYYY-MM-DD"
 * @date: (out): where to put it
 *
 * Returns: %TRUE when @day names a real calendar day.
 */
gboolean
tm_day_to_date (const char *day,
                GDate      *date)
{
  guint y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (!parse_day (day, &y, &m, &d) || !is_in_calendar (y, m, d))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
tm_day_is_valid (const char *day)
{
  return tm_day_check (day, NULL) == TM_DAY_VALID;
}

char *
tm_day_from_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* The calendar day of @date_time in its own time zone. */
char *
tm_day_from_date_time (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time));
}

static TmClock  clock_func;
static gpointer clock_data;

/**
 * tm_time_set_clock:
 * @clock: (nullable): returns "now" (a new reference); %NULL for this
 *   machine's clock
 *
 * For tests: the clock tm_time_now(), tm_day_today() and every "not in
 * the future" check read.
 */
void
tm_time_set_clock (TmClock  clock,
                   gpointer data)
{
  clock_func = clock;
  clock_data = data;
}

/**
 * tm_time_zone_local:
 *
 * Returns: (transfer full): this machine's time zone. Without TZ set,
 *   GLib 2.74 looks it up afresh (a readlink of /etc/localtime and a stat
 *   of the zone file) at every g_time_zone_new_local(), which an import
 *   asks for several times a row; here it is looked up at most once a
 *   second, and at once when TZ changes.
 */
GTimeZone *
tm_time_zone_local (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static char *zone_tz;
  static gint64 looked_up;
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *local;

  g_mutex_lock (&lock);
  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0 || now - looked_up >= G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone = g_time_zone_new_local ();
      zone_tz = g_strdup (tz);
      looked_up = now;
    }
  local = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return local;
}

/* @date_time in this machine's time zone. */
GDateTime *
tm_time_to_local (GDateTime *date_time)
{
  g_autoptr(GTimeZone) zone = tm_time_zone_local ();

  return g_date_time_to_timezone (date_time, zone);
}

/* Now, in this machine's time zone. */
GDateTime *
tm_time_now (void)
{
  g_autoptr(GDateTime) now = clock_func != NULL ? clock_func (clock_data) : NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (now != NULL)
    return tm_time_to_local (now);
  zone = tm_time_zone_local ();
  return g_date_time_new_now (zone);
}

char *
tm_day_today (void)
{
  g_autoptr(GDateTime) now = tm_time_now ();

  return tm_day_from_date_time (now);
}

/**
 * tm_instant_latest_allowed:
 * @now: (nullable): the time to judge from; %NULL for tm_time_now()
 *
 * Returns: the latest moment a record may be at: %TM_AHEAD_SLACK after
 *   @now, in this machine's time zone. Every "not in the future" check
 *   asks this, or tm_day_latest_allowed().
 */
GDateTime *
tm_instant_latest_allowed (GDateTime *now)
{
  g_autoptr(GDateTime) from = now != NULL ? tm_time_to_local (now) : tm_time_now ();

  return g_date_time_add (from, TM_AHEAD_SLACK);
}

/**
 * tm_day_latest_allowed:
 * @now: (nullable): the time to judge from; %NULL for tm_time_now()
 *
 * Returns: the latest day a record may be for: this machine's calendar
 *   day %TM_AHEAD_SLACK after @now (tomorrow, or late in the evening the
 *   day after).
 */
char *
tm_day_latest_allowed (GDateTime *now)
{
  g_autoptr(GDateTime) latest = tm_instant_latest_allowed (now);

  return tm_day_from_date_time (latest);
}

char *
tm_day_add (const char *day,
            int         n_days)
{
  gint64 number;

  if (!parse_day_number (day, &number))
    g_return_val_if_reached (NULL);

  return day_from_number (number + n_days);
}

/* Days from @from to @to: positive when @to is later. */
int
tm_day_diff (const char *from,
             const char *to)
{
  gint64 a, b;

  if (!parse_day_number (from, &a) || !parse_day_number (to, &b))
    g_return_val_if_reached (0);

  return (int) (b - a);
}

/* Formats @day with g_date_time_format() (localized names, %x, …). */
char *
tm_day_format (const char *day,
               const char *format)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  if (!tm_day_to_date (day, &date))
    g_return_val_if_reached (NULL);

  /* A calendar day has no time zone; UTC spares a look at the local one. */
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (dt, format);
}

/* "Wednesday 25 November 2026", in the locale's words and order. */
char *
tm_day_format_long (const char *day)
{
  /* Translators: a strftime format for a full date: "Wednesday 25 November 2026" */
  return tm_day_format (day, _("%A %-d %B %Y"));
}

/* "25 November", in the locale's words and order. */
char *
tm_day_format_short (const char *day)
{
  /* Translators: a strftime format for a day without its year: "25 November" */
  return tm_day_format (day, _("%-d %B"));
}

char *
tm_instant_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Now, as written where it happens: "2026-12-05T10:30:00+01:00". */
char *
tm_instant_now_local (void)
{
  g_autoptr(GDateTime) now = tm_time_now ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The offset written at the end of @text ("Z", "+09:00", "-03:30"), in
 * minutes east of UTC; %FALSE when it is not written so. */
static gboolean
parse_offset (const char *text,
              int        *minutes)
{
  guint h, m;

  if (strcmp (text, "Z") == 0)
    {
      *minutes = 0;
      return TRUE;
    }
  if ((text[0] != '+' && text[0] != '-') || strlen (text) != 6 || text[3] != ':' ||
      !parse_digits (text + 1, 2, &h) || !parse_digits (text + 4, 2, &m) || m > 59)
    return FALSE;

  *minutes = (text[0] == '-' ? -1 : 1) * (int) (h * 60 + m);
  return TRUE;
}

/**
 * tm_instant_is_valid:
 *
 * Whether @instant is written "YYYY-MM-DDTHH:MM:SS" then "Z" or "±HH:MM",
 * the form GLib and SQLite's date functions both read, and the only one
 * Tidemark writes; with a time from 00:00:00 to 23:59:59 (GLib reads :60
 * as :59 and SQLite not at all) and an offset from %TM_OFFSET_MIN_MINUTES
 * (−12:00) to %TM_OFFSET_MAX_MINUTES (+14:00) in quarter hours. Every
 * offset any place has used since 1972 is in that range (Kiribati's +14:00
 * to Baker Island's −12:00; Nepal's +05:45), so it refuses only typos such
 * as +24:00 or +01:07; SQLite would take up to ±14:59, GLib more. The
 * moment, in UTC, falls in the years 0001–9999, as SQLite's need.
 */
gboolean
tm_instant_is_valid (const char *instant)
{
  const char *p = instant;
  guint hour, second;
  int offset;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (instant == NULL || strlen (instant) < 20)
    return FALSE;

  for (int i = 0; i < 19; i++)
    {
      gboolean digit = g_ascii_isdigit (p[i]);

      if ((i == 4 || i == 7) ? p[i] != '-' : i == 10 ? p[i] != 'T' : (i == 13 || i == 16) ? p[i] != ':' : !digit)
        return FALSE;
    }
  if (!parse_digits (p + 11, 2, &hour) || hour > 23 || !parse_digits (p + 17, 2, &second) || second > 59)
    return FALSE;

  if (!parse_offset (p + 19, &offset) || offset < TM_OFFSET_MIN_MINUTES || offset > TM_OFFSET_MAX_MINUTES ||
      offset % TM_OFFSET_STEP_MINUTES != 0)
    return FALSE;

  parsed = g_date_time_new_from_iso8601 (instant, NULL);
  utc = parsed != NULL ? g_date_time_to_utc (parsed) : NULL;
  return utc != NULL && g_date_time_get_year (utc) >= 1 && g_date_time_get_year (utc) <= 9999;
}

/**
 * tm_instant_validate:
 * @instant: (nullable): when a record was written, as a file holds it
 *
 * Returns: %FALSE with a sentence when @instant is set and not one
 *   tm_instant_is_valid() takes.
 */
gboolean
tm_instant_validate (const char  *instant,
                     GError     **error)
{
  g_autofree char *quoted = NULL;

  if (instant == NULL || tm_instant_is_valid (instant))
    return TRUE;

  quoted = tm_text_quote (instant);
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               _("“%s” is not a date and time with its UTC offset, like 2026-11-28T19:30:00+01:00."),
               quoted);
  return FALSE;
}

GDateTime *
tm_instant_parse (const char *instant)
{
  if (instant == NULL)
    return NULL;

  /* Without an offset, an instant has no meaning here. */
  return g_date_time_new_from_iso8601 (instant, NULL);
}

/* The local calendar day on which @instant fell. */
char *
tm_instant_local_day (const char *instant)
{
  g_autoptr(GDateTime) dt = tm_instant_parse (instant);
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return NULL;

  local = tm_time_to_local (dt);
  return tm_day_from_date_time (local);
}

/**
 * tm_instant_day_as_written:
 *
 * Returns: (nullable): the calendar day written in @instant, where it
 *   happened (its own offset), or %NULL when @instant is not one
 */
char *
tm_instant_day_as_written (const char *instant)
{
  g_autoptr(GDateTime) dt = tm_instant_parse (instant);

  return dt != NULL ? tm_day_from_date_time (dt) : NULL;
}

/* Whether @dt's offset is the one this machine's time zone had then. */
static gboolean
offset_is_here (GDateTime *dt)
{
  g_autoptr(GDateTime) local = tm_time_to_local (dt);

  return local != NULL && g_date_time_get_utc_offset (local) == g_date_time_get_utc_offset (dt);
}

/**
 * tm_instant_is_here:
 *
 * Returns: whether @instant was written with the offset this machine's
 *   time zone had at that moment: where it happened is, as far as the
 *   clock goes, here
 */
gboolean
tm_instant_is_here (const char *instant)
{
  g_autoptr(GDateTime) dt = tm_instant_parse (instant);

  return dt != NULL && offset_is_here (dt);
}

/**
 * tm_instant_get_offset_label:
 *
 * Returns: (nullable): the offset @instant was written with, "UTC+09:00"
 *   ("UTC" for UTC itself), when it is not this machine's at that moment;
 *   %NULL when it is, or when @instant is not one
 */
char *
tm_instant_get_offset_label (const char *instant)
{
  g_autoptr(GDateTime) dt = tm_instant_parse (instant);

  if (dt == NULL || offset_is_here (dt))
    return NULL;

  return g_date_time_get_utc_offset (dt) == 0 ? g_strdup ("UTC") : g_date_time_format (dt, "UTC%:z");
}

/**
 * tm_instant_format_as_written:
 * @format: for g_date_time_format()
 *
 * Returns: (nullable): @instant as it was where it happened, in its own
 *   offset, followed by that offset ("10:00 (UTC+09:00)") when it is not
 *   this machine's at that moment; %NULL when @instant is not one.
 */
char *
tm_instant_format_as_written (const char *instant,
                              const char *format)
{
  g_autoptr(GDateTime) dt = tm_instant_parse (instant);
  g_autofree char *text = NULL;
  g_autofree char *offset = NULL;

  if (dt == NULL)
    return NULL;

  text = g_date_time_format (dt, format);
  offset = tm_instant_get_offset_label (instant);
  if (offset == NULL)
    return g_steal_pointer (&text);

  /* Translators: a time as it was where it happened, and the offset from UTC there: "10:00 (UTC+09:00)" */
  return g_strdup_printf (C_("time where it happened", "%s (%s)"), text, offset);
}

/* "10:00", or "10:00 (UTC+09:00)" when it happened at another offset. */
char *
tm_instant_time_as_written (const char *instant)
{
  return tm_instant_format_as_written (instant, "%H:%M");
}

/**
 * tm_first_weekday:
 *
 * Returns: the first day of the week in the locale's calendar, as a
 *   #GDateWeekday (Monday = 1 … Sunday = 7)
 */
GDateWeekday
tm_first_weekday (void)
{
#if defined(__GLIBC__) && defined(_NL_TIME_FIRST_WEEKDAY)
  union { unsigned int word; char *string; } langinfo;
  int first_weekday;
  int week_1stday = 1;  /* the day the locale's week table starts on: 0 Sunday, 1 Monday */

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971130)
    week_1stday = 0;
  else if (langinfo.word == 19971201)
    week_1stday = 1;

  if (first_weekday >= 1 && first_weekday <= 7)
    {
      int sunday_based = (week_1stday + first_weekday - 1) % 7;  /* 0 = Sunday */

      return sunday_based == 0 ? G_DATE_SUNDAY : (GDateWeekday) sunday_based;
    }
#endif
  return G_DATE_MONDAY;
}
