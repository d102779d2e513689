/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Daylio import (DESIGN.md, Private and exchangeable), read with the CSV
 * import's reader (tm_csv_import_parse_rows()) and stored by it, all or
 * nothing: the entries become check-ins of a TmCsvImport once every mood
 * name has a value from 0 to 10.
 *
 * Daylio keeps several entries a day, Tidemark one check-in: the day's
 * check-in takes the mood of its latest entry, and a note with every
 * entry's title, note and activities, in the order of the day, each under
 * its time when there are several. */
#define G_LOG_DOMAIN "tm-daylio"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tm-checkin.h"
#include "tm-daylio.h"
#include "tm-store-error.h"
#include "tm-text.h"
#include "tm-time.h"

/* The header forms: today's, and older files' that start with the year
 * (with or without a note title). */
typedef enum
{
  LAYOUT_FULL_DATE,
  LAYOUT_YEAR,
  LAYOUT_YEAR_NO_TITLE,
  N_LAYOUTS
} Layout;

static const char * const layouts[N_LAYOUTS][9] = {
  { "full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note", NULL },
  { "year", "date", "weekday", "time", "mood", "activities", "note_title", "note", NULL },
  { "year", "date", "weekday", "time", "mood", "activities", "note", NULL },
};

enum { COL_DATE_OR_YEAR, COL_DATE, COL_WEEKDAY, COL_TIME, COL_MOOD, COL_ACTIVITIES };

/* Daylio's own five moods, as it names them in English. */
static const struct
{
  const char *name;
  int         value;
} default_moods[] = {
  { "rad", 9 }, { "good", 7 }, { "meh", 5 }, { "bad", 3 }, { "awful", 1 },
};

typedef struct
{
  char   day[TM_DAY_LEN + 1];
  int    minutes;     /* after midnight */
  guint  line;
  char  *mood_key;    /* folded: tm_daylio_moods_*() */
  char  *text;        /* the title, note and activities, NULL when none */
} Entry;

struct _TmDaylio
{
  char       *file_name;
  GPtrArray  *entries;      /* Entry */
  GPtrArray  *mood_names;   /* char *, as first written, NULL-terminated */
  GHashTable *mood_counts;  /* folded name → entries */
  Layout      layout;
  gboolean    header_done;
};

static void
entry_free (Entry *entry)
{
  g_free (entry->mood_key);
  g_free (entry->text);
  g_free (entry);
}

void
tm_daylio_free (TmDaylio *daylio)
{
  if (daylio == NULL)
    return;
  g_free (daylio->file_name);
  g_ptr_array_unref (daylio->entries);
  g_ptr_array_unref (daylio->mood_names);
  g_hash_table_unref (daylio->mood_counts);
  g_free (daylio);
}

/* Moods */

/* "Rad", "rad" and "RAD" are one mood. */
static char *
fold_mood (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal != NULL ? normal : name, -1);
}

/**
 * tm_daylio_moods_new:
 *
 * Returns: (transfer full): Daylio's own mood names with their values
 *   (rad 9, good 7, meh 5, bad 3, awful 1)
 */
GHashTable *
tm_daylio_moods_new (void)
{
  GHashTable *moods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (default_moods); i++)
    tm_daylio_moods_set (moods, default_moods[i].name, default_moods[i].value);
  return moods;
}

/* The value of @name, or TM_UNSET when it has none. */
int
tm_daylio_moods_lookup (GHashTable *moods,
                        const char *name)
{
  g_autofree char *key = fold_mood (name);
  gpointer value;

  if (!g_hash_table_lookup_extended (moods, key, NULL, &value))
    return TM_UNSET;
  return GPOINTER_TO_INT (value);
}

/* @value TM_UNSET takes the value away. */
void
tm_daylio_moods_set (GHashTable *moods,
                     const char *name,
                     int         value)
{
  g_return_if_fail (value == TM_UNSET || (value >= 0 && value <= 10));

  if (value == TM_UNSET)
    {
      g_autofree char *key = fold_mood (name);

      g_hash_table_remove (moods, key);
    }
  else
    g_hash_table_insert (moods, fold_mood (name), GINT_TO_POINTER (value));
}

static void
set_map_error (GError     **error,
               const char  *item)
{
  g_autofree char *quoted = tm_text_quote (item);

  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               /* Translators: --mood-map=NAME=N,… keeps its English form */
               _("--mood-map takes names with a value from 0 to 10, separated by commas, for example "
                 "--mood-map=great=8,okay=5; “%s” is not one."), quoted);
}

/**
 * tm_daylio_moods_parse:
 * @text: "NAME=N,NAME=N", as --mood-map takes it
 *
 * Adds the values of @text to @moods, replacing those of the same names.
 * Nothing changes when any of them is wrong.
 */
gboolean
tm_daylio_moods_parse (GHashTable  *moods,
                       const char  *text,
                       GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  g_autoptr(GHashTable) read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  if (!g_utf8_validate (text, -1, NULL) || items[0] == NULL)
    {
      set_map_error (error, text);
      return FALSE;
    }
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *equals = strrchr (items[i], '=');
      g_autofree char *name = NULL;
      guint64 number;

      if (equals == NULL)
        {
          set_map_error (error, items[i]);
          return FALSE;
        }
      name = g_strstrip (g_strndup (items[i], (gsize) (equals - items[i])));
      if (name[0] == '\0' ||
          !g_ascii_string_to_unsigned (g_strstrip (equals + 1), 10, 0, 10, &number, NULL))
        {
          set_map_error (error, items[i]);
          return FALSE;
        }
      tm_daylio_moods_set (read, name, (int) number);
    }

  g_hash_table_iter_init (&iter, read);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (moods, g_strdup (key), value);
  return TRUE;
}

/* Reading */

static gboolean
is_layout (GPtrArray *fields,
           Layout     layout)
{
  guint n = g_strv_length ((char **) layouts[layout]);

  if (fields->len != n)
    return FALSE;
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = g_strstrip (g_strdup (fields->pdata[c]));

      if (g_ascii_strcasecmp (name, layouts[layout][c]) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (TmDaylio    *daylio,
             TmCsvImport *import,
             guint        line,
             GPtrArray   *fields)
{
  daylio->header_done = TRUE;
  for (Layout layout = 0; layout < N_LAYOUTS; layout++)
    if (is_layout (fields, layout))
      {
        daylio->layout = layout;
        return TRUE;
      }
  tm_csv_import_add_problem (import, daylio->file_name, line,
                             _("this is not a Daylio export: its first line must name the columns "
                               "full_date,date,weekday,time,mood,activities,note_title,note (or, in older "
                               "files, year,date,weekday,time,mood,activities,note_title,note). Export the "
                               "CSV again from Daylio's settings"));
  return FALSE;
}

/* 1 for "Jan", "january" or "JANUARY", …; 0 for none. */
static int
month_from_name (const char *name)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
  };
  gsize length = strlen (name);

  if (length < 3)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    if (g_ascii_strncasecmp (name, months[m], length) == 0 && length <= strlen (months[m]))
      return (int) m + 1;
  return 0;
}

/* Older files: the year, and the day as "Dec 5", "December 5" or
 * "5 December". */
static gboolean
day_from_year_and_date (const char *year_text,
                        const char *date_text,
                        char       *day)
{
  g_auto(GStrv) words = g_strsplit_set (date_text, " .,", -1);
  guint64 year, number = 0;
  int month = 0;
  guint n_words = 0;

  if (!g_ascii_string_to_unsigned (year_text, 10, 1, 9999, &year, NULL))
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      n_words++;
      if (g_ascii_isdigit (words[i][0]))
        {
          if (number != 0 || !g_ascii_string_to_unsigned (words[i], 10, 1, 99, &number, NULL))
            return FALSE;
        }
      else if (month != 0 || (month = month_from_name (words[i])) == 0)
        return FALSE;
    }
  if (n_words != 2 || month == 0 || number == 0)
    return FALSE;
  g_snprintf (day, TM_DAY_LEN + 1, "%04u-%02d-%02u", (guint) year, month, (guint) number);
  return TRUE;
}

static gboolean
read_day (TmDaylio    *daylio,
          TmCsvImport *import,
          guint        line,
          GPtrArray   *fields,
          char        *day)
{
  const char *first = fields->pdata[COL_DATE_OR_YEAR];
  g_autofree char *quoted = NULL;
  g_autofree char *reason = NULL;

  if (daylio->layout == LAYOUT_FULL_DATE)
    {
      if (strlen (first) != TM_DAY_LEN || tm_day_check (first, NULL) == TM_DAY_NOT_WRITTEN)
        {
          quoted = tm_text_quote (first);
          tm_csv_import_add_problem (import, daylio->file_name, line,
                                     _("the full_date “%s” is not a date written YYYY-MM-DD, as Daylio writes it"),
                                     quoted);
          return FALSE;
        }
      memcpy (day, first, TM_DAY_LEN + 1);
    }
  else if (!day_from_year_and_date (first, fields->pdata[COL_DATE], day))
    {
      g_autofree char *date = g_strdup_printf ("%s %s", first, (const char *) fields->pdata[COL_DATE]);

      quoted = tm_text_quote (date);
      tm_csv_import_add_problem (import, daylio->file_name, line,
                                 _("the year and date “%s” are not a date Tidemark can read; the date should "
                                   "be like “Dec 5” or “5 December”, in English"), quoted);
      return FALSE;
    }

  if (tm_day_check (day, &reason) != TM_DAY_VALID)
    {
      quoted = tm_text_quote (day);
      /* Translators: "the date “2023-02-30” is not a real day: February 2023 has 28 days" */
      tm_csv_import_add_problem (import, daylio->file_name, line, _("the date “%s” is not a real day: %s"), quoted,
                                 reason != NULL ? reason : "");
      return FALSE;
    }
  return TRUE;
}

/* "21:30", "9:30 PM", "9:30 am". */
static gboolean
parse_time (const char *text,
            int        *minutes)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *space = strpbrk (copy, " \t");
  const char *suffix = NULL;
  g_auto(GStrv) parts = NULL;
  guint64 hour, minute;

  if (space != NULL)
    {
      *space = '\0';
      suffix = g_strchug (space + 1);
    }
  parts = g_strsplit (copy, ":", -1);
  if (g_strv_length (parts) != 2 || strlen (parts[1]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &hour, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &minute, NULL))
    return FALSE;
  if (suffix != NULL)
    {
      gboolean pm = g_ascii_strcasecmp (suffix, "pm") == 0 || g_ascii_strcasecmp (suffix, "p.m.") == 0;
      gboolean am = g_ascii_strcasecmp (suffix, "am") == 0 || g_ascii_strcasecmp (suffix, "a.m.") == 0;

      if ((!am && !pm) || hour < 1 || hour > 12)
        return FALSE;
      hour = hour % 12 + (pm ? 12 : 0);
    }
  *minutes = (int) (hour * 60 + minute);
  return TRUE;
}

/* "walk | friends" → "Activities: walk, friends", or NULL for none. */
static char *
describe_activities (const char *text)
{
  g_auto(GStrv) names = g_strsplit (text, "|", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strstrip (names[i])[0] != '\0')
      g_ptr_array_add (kept, names[i]);
  if (kept->len == 0)
    return NULL;
  g_ptr_array_add (kept, NULL);
  list = g_strjoinv (", ", (char **) kept->pdata);
  /* Kept in the note, so in English, as TM_WORDING_RECORD text is: it
   * reads the same wherever the data file is opened. */
  return g_strconcat ("Activities: ", list, NULL);
}

/* The title, the note and the activities, a line or more each. */
static char *
describe_entry (TmDaylio  *daylio,
                GPtrArray *fields)
{
  GString *text = g_string_new (NULL);
  g_autofree char *title = g_strdup (daylio->layout == LAYOUT_YEAR_NO_TITLE ? "" : fields->pdata[fields->len - 2]);
  g_autofree char *note = g_strdup (fields->pdata[fields->len - 1]);
  g_autofree char *activities = describe_activities (fields->pdata[COL_ACTIVITIES]);
  const char *parts[] = { g_strstrip (title), g_strstrip (note), activities };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", parts[i]);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static void
count_mood (TmDaylio   *daylio,
            const char *name,
            const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (daylio->mood_counts, key));

  if (n == 0)
    {
      /* Kept NULL-terminated for tm_daylio_get_mood_names(). */
      g_ptr_array_insert (daylio->mood_names, (int) daylio->mood_names->len - 1, g_strdup (name));
    }
  g_hash_table_insert (daylio->mood_counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

static gboolean
fields_are_text (TmDaylio    *daylio,
                 TmCsvImport *import,
                 guint        line,
                 GPtrArray   *fields)
{
  for (guint c = 0; c < fields->len; c++)
    if (!g_utf8_validate (fields->pdata[c], -1, NULL))
      {
        tm_csv_import_add_problem (import, daylio->file_name, line, _("%s is not valid UTF-8 text"),
                                   layouts[daylio->layout][c]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
read_row (TmCsvImport *import,
          const char  *file_name,
          guint        line,
          GPtrArray   *fields,
          gpointer     user_data)
{
  TmDaylio *daylio = user_data;
  guint n_columns;
  g_autofree char *mood = NULL;
  Entry *entry;

  if (!daylio->header_done)
    return read_header (daylio, import, line, fields);

  n_columns = g_strv_length ((char **) layouts[daylio->layout]);
  if (fields->len != n_columns)
    {
      tm_csv_import_add_wrong_count (import, file_name, line, fields->len, n_columns);
      return TRUE;
    }
  if (!fields_are_text (daylio, import, line, fields))
    return TRUE;

  entry = g_new0 (Entry, 1);
  entry->line = line;
  mood = g_strstrip (g_strdup (fields->pdata[COL_MOOD]));
  if (!read_day (daylio, import, line, fields, entry->day))
    ;
  else if (!parse_time (fields->pdata[COL_TIME], &entry->minutes))
    {
      g_autofree char *quoted = tm_text_quote (fields->pdata[COL_TIME]);

      tm_csv_import_add_problem (import, file_name, line,
                                 _("the time “%s” is not a time of day; Daylio writes times like 21:30 or "
                                   "9:30 PM"), quoted);
    }
  else if (mood[0] == '\0')
    tm_csv_import_add_problem (import, file_name, line,
                               _("the mood is empty; every Daylio entry has one, so check that this line "
                                 "was not changed"));
  else
    {
      entry->mood_key = fold_mood (mood);
      entry->text = describe_entry (daylio, fields);
      count_mood (daylio, mood, entry->mood_key);
      g_ptr_array_add (daylio->entries, entry);
      return TRUE;
    }
  entry_free (entry);
  return TRUE;
}

/**
 * tm_daylio_parse:
 * @import: where the problems go, "file:line: what is wrong"
 * @file_name: the file's name, for the problems
 *
 * Returns: (transfer full): the entries read; when @import has problems,
 *   not to be stored
 */
TmDaylio *
tm_daylio_parse (TmCsvImport *import,
                 const char  *file_name,
                 const char  *data,
                 gsize        length)
{
  TmDaylio *daylio = g_new0 (TmDaylio, 1);

  daylio->file_name = g_strdup (file_name);
  daylio->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  daylio->mood_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (daylio->mood_names, NULL);
  daylio->mood_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  tm_csv_import_parse_rows (import, file_name, data, length, read_row, daylio);
  if (daylio->header_done && daylio->entries->len == 0 && tm_csv_import_get_problems (import)->len == 0)
    tm_csv_import_add_problem (import, file_name, 2,
                               _("the file has no entries, only the names of its columns"));
  return daylio;
}

/**
 * tm_daylio_read:
 *
 * Reads the Daylio export at @path (see tm_daylio_parse()). Returns %NULL
 * with @error when the file can't be read.
 */
TmDaylio *
tm_daylio_read (TmCsvImport  *import,
                const char   *path,
                GError      **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autofree char *file_name = NULL;
  gsize length;

  if (!tm_csv_import_read_file (path, &contents, &length, error))
    return NULL;
  base = g_path_get_basename (path);
  file_name = tm_text_escape (base);
  return tm_daylio_parse (import, file_name, contents, length);
}

guint
tm_daylio_get_n_entries (TmDaylio *daylio)
{
  return daylio->entries->len;
}

/**
 * tm_daylio_get_mood_names:
 *
 * Returns: (transfer none): the mood names of the file, as first written,
 *   in the order they first appear
 */
const char * const *
tm_daylio_get_mood_names (TmDaylio *daylio)
{
  return (const char * const *) daylio->mood_names->pdata;
}

/* How many entries have the mood @name. */
guint
tm_daylio_count_mood (TmDaylio   *daylio,
                      const char *name)
{
  g_autofree char *key = fold_mood (name);

  return GPOINTER_TO_UINT (g_hash_table_lookup (daylio->mood_counts, key));
}

/**
 * tm_daylio_find_unmapped:
 *
 * Returns: (nullable): the first of the file's mood names that has no
 *   value in @moods, or %NULL when they all have one
 */
const char *
tm_daylio_find_unmapped (TmDaylio   *daylio,
                         GHashTable *moods)
{
  for (guint i = 0; i + 1 < daylio->mood_names->len; i++)
    if (tm_daylio_moods_lookup (moods, daylio->mood_names->pdata[i]) == TM_UNSET)
      return daylio->mood_names->pdata[i];
  return NULL;
}

/* Making check-ins */

/* By day, then time; entries of the same minute as Daylio lists them,
 * newest first. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;
  int by_day = strcmp (x->day, y->day);

  if (by_day != 0)
    return by_day;
  if (x->minutes != y->minutes)
    return x->minutes < y->minutes ? -1 : 1;
  return x->line > y->line ? -1 : (x->line < y->line ? 1 : 0);
}

/* The entry's time where this computer is, in UTC as the store writes. */
static char *
entry_instant (const Entry *entry)
{
  g_autoptr(GTimeZone) zone = tm_time_zone_local ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDate date;

  tm_day_to_date (entry->day, &date);
  local = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                           entry->minutes / 60, entry->minutes % 60, 0);
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* One day's entries, @first to @last of the sorted list, as its check-in. */
static void
add_day (TmDaylio    *daylio,
         GHashTable  *moods,
         TmCsvImport *import,
         guint        first,
         guint        last)
{
  const Entry *latest = daylio->entries->pdata[last];
  g_autoptr(TmCheckin) checkin = tm_checkin_new (latest->day);
  g_autoptr(GError) error = NULL;
  GString *note = g_string_new (NULL);
  g_autofree char *note_text = NULL;

  for (guint i = first; i <= last; i++)
    {
      const Entry *entry = daylio->entries->pdata[i];

      if (entry->text == NULL && first == last)
        continue;
      if (note->len > 0)
        g_string_append (note, "\n\n");
      if (first != last)
        g_string_append_printf (note, "%02d:%02d%s", entry->minutes / 60, entry->minutes % 60,
                                entry->text != NULL ? "\n" : "");
      if (entry->text != NULL)
        g_string_append (note, entry->text);
    }
  note_text = g_string_free (note, FALSE);

  checkin->mood = tm_daylio_moods_lookup (moods, latest->mood_key);
  tm_checkin_set_note (checkin, note_text);
  checkin->created_at = entry_instant (latest);
  checkin->updated_at = g_strdup (checkin->created_at);
  if (!tm_checkin_validate (checkin, NULL, &error))
    {
      tm_csv_import_add_problem (import, daylio->file_name, latest->line, "%s", error->message);
      return;
    }
  tm_csv_import_add_record (import, daylio->file_name, latest->line, TM_TABLE_CHECKINS,
                            g_steal_pointer (&checkin));
}

/**
 * tm_daylio_add_checkins:
 * @moods: a value for every mood name of the file
 * @import: where the check-ins go, to be stored by tm_store_import_csv()
 *
 * Adds a check-in for each day of the file's entries. A check-in that
 * breaks a rule of the store's (a day that has not come, a note too long)
 * is a problem of @import's instead. Returns %FALSE with @error when a
 * mood name has no value.
 */
gboolean
tm_daylio_add_checkins (TmDaylio     *daylio,
                        GHashTable   *moods,
                        TmCsvImport  *import,
                        GError      **error)
{
  const char *unmapped = tm_daylio_find_unmapped (daylio, moods);
  guint first = 0;

  if (unmapped != NULL)
    {
      g_autofree char *quoted = tm_text_quote (unmapped);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The mood “%s” has no value yet. Give it one from 0 to 10, then import."), quoted);
      return FALSE;
    }

  g_ptr_array_sort (daylio->entries, compare_entries);
  for (guint i = 0; i < daylio->entries->len; i++)
    {
      const Entry *entry = daylio->entries->pdata[i];
      const Entry *next = i + 1 < daylio->entries->len ? daylio->entries->pdata[i + 1] : NULL;

      if (next == NULL || strcmp (next->day, entry->day) != 0)
        {
          add_day (daylio, moods, import, first, i);
          first = i + 1;
        }
    }
  return TRUE;
}
