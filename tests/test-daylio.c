/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Daylio import: entries into check-ins (mood by the map, notes with the
 * activities, several entries of a day in one), the header forms old and
 * new, and a corpus of bad files (tests/daylio/) each refused with
 * file:line and what is wrong, storing nothing. */
#include "config.h"

#include <string.h>

#include "tm-daylio.h"
#include "tm-store.h"
#include "tm-test-util.h"

typedef struct
{
  char    *dir;
  TmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = tm_test_make_data_dir ();
  fixture->store = tm_store_open (fixture->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  tm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "daylio", name, NULL);
}

/* Reads @name of the corpus; its problems are in @import. */
static TmDaylio *
read_corpus (TmCsvImport *import,
             const char  *name)
{
  g_autofree char *path = corpus_path (name);
  g_autoptr(GError) error = NULL;
  TmDaylio *daylio = tm_daylio_read (import, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (daylio);
  return daylio;
}

static guint
count_checkins (TmStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = tm_store_list_checkins (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return all->len;
}

/* Imports @name with @moods into @store. */
static void
import_corpus (TmStore    *store,
               const char *name,
               GHashTable *moods)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmDaylio) daylio = read_corpus (import, name);
  g_autoptr(GError) error = NULL;
  TmCsvSummary summary;

  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_daylio_add_checkins (daylio, moods, import, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
}

static TmCheckin *
get_checkin (TmStore    *store,
             const char *day)
{
  g_autoptr(GError) error = NULL;
  TmCheckin *checkin = tm_store_get_checkin (store, day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  return checkin;
}

/* Values, notes with activities, several entries of a day, dates and
 * times, with Daylio's own five moods. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(TmCheckin) fifth = NULL;
  g_autoptr(TmCheckin) fourth = NULL;
  g_autoptr(TmCheckin) third = NULL;

  import_corpus (fixture->store, "good.csv", moods);
  g_assert_cmpuint (count_checkins (fixture->store), ==, 3);

  /* Two entries: the later one's mood (good, 7), both notes in the order
   * of the day, each under its time. */
  fifth = get_checkin (fixture->store, "2023-02-05");
  g_assert_cmpint (fifth->mood, ==, 7);
  g_assert_cmpstr (fifth->note, ==,
                   "08:10\n\n21:30\nA good day\nSaw Anna, we walked by the river.\nActivities: walk, friends");
  g_assert_cmpint (fifth->anxiety, ==, TM_UNSET);
  g_assert_cmpint (fifth->energy, ==, TM_UNSET);
  g_assert_cmpfloat (fifth->sleep_hours, ==, TM_UNSET_HOURS);
  g_assert_cmpuint (fifth->effects, ==, 0);
  /* 21:30 in Berlin (TZ of the tests) in February is 20:30 UTC. */
  g_assert_cmpstr (fifth->created_at, ==, "2023-02-05T20:30:00Z");

  /* A 12-hour time, a note of two lines, an activity. */
  fourth = get_checkin (fixture->store, "2023-02-04");
  g_assert_cmpint (fourth->mood, ==, 1);
  g_assert_cmpstr (fourth->note, ==, "Long day.\nTired.\nActivities: work");
  g_assert_cmpstr (fourth->created_at, ==, "2023-02-04T20:15:00Z");

  /* No note at all. */
  third = get_checkin (fixture->store, "2023-02-03");
  g_assert_cmpint (third->mood, ==, 9);
  g_assert_null (third->note);
}

/* Older files start with the year, with or without a note title. */
static void
test_year_forms (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCheckin) fifth = NULL;
  g_autoptr(TmCheckin) fourth = NULL;
  g_autoptr(TmCheckin) first = NULL;

  g_assert_true (tm_daylio_moods_parse (moods, "super=10", &error));
  g_assert_no_error (error);
  import_corpus (fixture->store, "good-year.csv", moods);
  import_corpus (fixture->store, "good-year-title.csv", moods);
  g_assert_cmpuint (count_checkins (fixture->store), ==, 3);

  /* "Dec 5" and "5 December" are one day; "super" at 22:40 is the later. */
  fifth = get_checkin (fixture->store, "2022-12-05");
  g_assert_cmpint (fifth->mood, ==, 10);
  g_assert_cmpstr (fifth->note, ==, "20:00\nSlept badly\nActivities: sleep\n\n22:40");
  fourth = get_checkin (fixture->store, "2022-12-04");
  g_assert_cmpint (fourth->mood, ==, 7);
  g_assert_cmpstr (fourth->created_at, ==, "2022-12-04T08:00:00Z");
  first = get_checkin (fixture->store, "2021-03-01");
  g_assert_cmpint (first->mood, ==, 9);
  g_assert_cmpstr (first->note, ==, "Title\nText");
}

/* rad 9, good 7, meh 5, bad 3, awful 1, whatever the case. */
static void
test_default_map (void)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();

  g_assert_cmpint (tm_daylio_moods_lookup (moods, "rad"), ==, 9);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "Good"), ==, 7);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "meh"), ==, 5);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "BAD"), ==, 3);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "awful"), ==, 1);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "super"), ==, TM_UNSET);
}

/* --mood-map overrides and adds; a bad one changes nothing. */
static void
test_custom_map (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(TmCheckin) fifth = NULL;
  const char *bad[] = { "good", "good=11", "=4", "good=-1", "good=7,", "good=seven", "" };

  g_assert_true (tm_daylio_moods_parse (moods, "good=8, Super = 10", NULL));
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "good"), ==, 8);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "super"), ==, 10);
  g_assert_cmpint (tm_daylio_moods_lookup (moods, "rad"), ==, 9);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (tm_daylio_moods_parse (moods, bad[i], &error));
      g_assert_nonnull (strstr (error->message, "--mood-map=great=8,okay=5"));
      g_assert_cmpint (tm_daylio_moods_lookup (moods, "good"), ==, 8);
    }

  import_corpus (fixture->store, "good.csv", moods);
  fifth = get_checkin (fixture->store, "2023-02-05");
  g_assert_cmpint (fifth->mood, ==, 8);
}

/* A mood name of the file's own is counted, and refused until it has a
 * value. */
static void
test_unknown_mood (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmDaylio) daylio = read_corpus (import, "good-year.csv");
  g_autoptr(GError) error = NULL;
  const char * const *names = tm_daylio_get_mood_names (daylio);

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 3);
  g_assert_cmpstr (names[0], ==, "bad");
  g_assert_cmpstr (names[1], ==, "super");
  g_assert_cmpstr (names[2], ==, "good");
  g_assert_cmpuint (tm_daylio_count_mood (daylio, "super"), ==, 1);
  g_assert_cmpuint (tm_daylio_get_n_entries (daylio), ==, 3);

  g_assert_cmpstr (tm_daylio_find_unmapped (daylio, moods), ==, "super");
  g_assert_false (tm_daylio_add_checkins (daylio, moods, import, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The mood “super” has no value yet. Give it one from 0 to 10, then import.");
  g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 0);
  g_clear_error (&error);

  tm_daylio_moods_set (moods, "Super", 6);
  g_assert_null (tm_daylio_find_unmapped (daylio, moods));
  g_assert_true (tm_daylio_add_checkins (daylio, moods, import, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 2);
}

/* A day already here counts as a conflict of the CSV import's, kept or
 * replaced as the person chooses. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(TmCheckin) mine = tm_checkin_new ("2023-02-03");
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmDaylio) daylio = read_corpus (import, "good.csv");
  g_autoptr(TmCheckin) kept = NULL;
  g_autoptr(GError) error = NULL;
  TmCsvSummary summary;

  mine->mood = 2;
  g_assert_true (tm_store_save_checkin (fixture->store, mine, &error));
  g_assert_no_error (error);
  g_assert_true (tm_daylio_add_checkins (daylio, moods, import, &error));
  g_assert_cmpuint (tm_csv_import_count_conflicts (import, fixture->store), ==, 1);
  g_assert_true (tm_store_import_csv (fixture->store, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added[TM_TABLE_CHECKINS], ==, 2);
  g_assert_cmpuint (summary.kept[TM_TABLE_CHECKINS], ==, 1);
  kept = get_checkin (fixture->store, "2023-02-03");
  g_assert_cmpint (kept->mood, ==, 2);
}

/* Each bad file: its problem, where it is, and nothing stored. */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct
  {
    const char *file;
    const char *problem;
  } corpus[] = {
    { "wrong-header.csv", "wrong-header.csv:1: this is not a Daylio export: its first line must name the columns "
                          "full_date,date,weekday,time,mood,activities,note_title,note" },
    { "not-a-day.csv", "not-a-day.csv:3: the date “2023-02-30” is not a real day: February 2023 has 28 days" },
    { "time-out-of-range.csv", "time-out-of-range.csv:2: the time “25:10” is not a time of day; Daylio writes "
                               "times like 21:30 or 9:30 PM" },
    { "empty-mood.csv", "empty-mood.csv:2: the mood is empty" },
    { "wrong-count.csv", "wrong-count.csv:2: 9 fields where there should be 8" },
    { "wrong-count.csv", "wrong-count.csv:3: 7 fields where there should be 8" },
    { "unterminated-quote.csv", "unterminated-quote.csv:2: the file ends inside a quoted field" },
    { "not-utf8.csv", "not-utf8.csv:2: note is not valid UTF-8 text" },
    { "empty.csv", "empty.csv:1: the file is empty" },
    { "header-only.csv", "header-only.csv:2: the file has no entries, only the names of its columns" },
    { "huge-field.csv", "huge-field.csv:2: The note is 20000 characters long, and the limit is 10000." },
  };
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr(TmCsvImport) import = tm_csv_import_new ();
      g_autoptr(TmDaylio) daylio = read_corpus (import, corpus[i].file);
      g_autoptr(GError) error = NULL;
      GPtrArray *problems = tm_csv_import_get_problems (import);
      gboolean found = FALSE;

      g_test_message ("%s", corpus[i].file);
      /* Problems of the form show on reading; of the check-in, once mapped. */
      if (problems->len == 0)
        g_assert_true (tm_daylio_add_checkins (daylio, moods, import, &error));
      g_assert_cmpuint (problems->len, >, 0);
      for (guint p = 0; p < problems->len; p++)
        found |= g_str_has_prefix (problems->pdata[p], corpus[i].problem);
      if (!found)
        g_error ("%s: no problem “%s”; the first is “%s”", corpus[i].file, corpus[i].problem,
                 (const char *) problems->pdata[0]);

      g_assert_false (tm_store_import_csv (fixture->store, import, TM_CONFLICT_KEEP, NULL, &error));
      g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
      g_assert_cmpuint (count_checkins (fixture->store), ==, 0);
    }
}

/* A byte order mark is fine. */
static void
test_bom (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(TmCheckin) tenth = NULL;

  import_corpus (fixture->store, "bom.csv", moods);
  tenth = get_checkin (fixture->store, "2023-01-10");
  g_assert_cmpint (tenth->mood, ==, 7);
}

/* A file that is not there: a sentence, not a problem list. */
static void
test_missing_file (void)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmDaylio) daylio = tm_daylio_read (import, "/nonexistent/daylio.csv", &error);

  g_assert_null (daylio);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daylio/default-map", test_default_map);
  g_test_add_func ("/daylio/missing-file", test_missing_file);
  g_test_add ("/daylio/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/daylio/year-forms", Fixture, NULL, fixture_set_up, test_year_forms, fixture_tear_down);
  g_test_add ("/daylio/custom-map", Fixture, NULL, fixture_set_up, test_custom_map, fixture_tear_down);
  g_test_add ("/daylio/unknown-mood", Fixture, NULL, fixture_set_up, test_unknown_mood, fixture_tear_down);
  g_test_add ("/daylio/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/daylio/bad-files", Fixture, NULL, fixture_set_up, test_bad_files, fixture_tear_down);
  g_test_add ("/daylio/bom", Fixture, NULL, fixture_set_up, test_bom, fixture_tear_down);

  return g_test_run ();
}
