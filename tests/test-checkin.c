/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Check-in rules that need no store: days, sleep as typed, back-filling,
 * note excerpts. */
#include "config.h"

#include <locale.h>

#include "tm-checkin.h"
#include "tm-store-error.h"

static void
test_days (void)
{
  const struct { const char *day; gboolean valid; } cases[] = {
    { "2026-11-28", TRUE },
    { "2024-02-29", TRUE },   /* leap year */
    { "2026-02-29", FALSE },
    { "2026-13-01", FALSE },
    { "2026-00-10", FALSE },
    { "2026-1-5", FALSE },
    { "2026-11-28 ", FALSE },
    { "", FALSE },
    { "yesterday", FALSE },
  };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (tm_day_is_valid (cases[i].day), ==, cases[i].valid);
  g_assert_false (tm_day_is_valid (NULL));

  a = tm_day_add ("2024-02-28", 1);
  g_assert_cmpstr (a, ==, "2024-02-29");
  b = tm_day_add ("2026-12-31", 1);
  g_assert_cmpstr (b, ==, "2027-01-01");
  c = tm_day_add ("2026-03-01", -1);
  g_assert_cmpstr (c, ==, "2026-02-28");
  g_assert_cmpint (tm_day_diff ("2026-11-28", "2026-12-12"), ==, 14);

  /* Instants: the one form SQLite's date functions read. */
  g_assert_true (tm_instant_is_valid ("2026-11-28T19:30:00+01:00"));
  g_assert_false (tm_instant_is_valid ("2026-11-28T19:30+01:00"));
  g_assert_true (tm_instant_is_valid ("2026-11-28T18:30:00Z"));
  g_assert_false (tm_instant_is_valid ("2026-11-28T19:30:00+0100"));
  g_assert_false (tm_instant_is_valid ("20261128T193000Z"));
  g_assert_false (tm_instant_is_valid ("2026-W48-6T19:30:00Z"));
  g_assert_false (tm_instant_is_valid ("2026-11-28 19:30:00+01:00"));
  g_assert_false (tm_instant_is_valid ("2026-11-28T19:30:00"));
  g_assert_false (tm_instant_is_valid ("2026-02-30T19:30:00Z"));
  g_assert_cmpint (tm_day_diff ("2026-12-12", "2026-11-28"), ==, -14);
}

static void
test_parse_hours (void)
{
  const struct { const char *text; double hours; } good[] = {
    { "", TM_UNSET_HOURS },
    { "   ", TM_UNSET_HOURS },
    { "7", 7.0 },
    { "7.5", 7.5 },
    { "7,5", 7.5 },       /* a comma, as many locales write it */
    { " 6.25 ", 6.25 },
    { "7:30", 7.5 },
    { "0:45", 0.75 },
    { "0", 0.0 },
    { "24", 24.0 },
    { ".5", 0.5 },
  };
  const struct { const char *text; const char *message; } bad[] = {
    { "seven", "“seven” is not a number of hours. Write sleep like 7.5 or 7:30." },
    { "7h", "“7h” is not a number of hours. Write sleep like 7.5 or 7:30." },
    { "7:3", "“7:3” is not a number of hours. Write sleep like 7.5 or 7:30." },
    { "7:75", "“7:75” is not a number of hours. Write sleep like 7.5 or 7:30." },
    { "-1", "“-1” is not a number of hours. Write sleep like 7.5 or 7:30." },
    { "nan", "“nan” is not a number of hours. Write sleep like 7.5 or 7:30." },
    { "25", "Sleep must be between 0 and 24 hours." },
    { "24:30", "Sleep must be between 0 and 24 hours." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      double hours = 99;

      g_assert_true (tm_parse_hours (good[i].text, &hours, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (hours, good[i].hours, 1e-9);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      double hours = 99;

      g_assert_false (tm_parse_hours (bad[i].text, &hours, &error));
      g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_format_hours (void)
{
  const struct { double hours; const char *text; } cases[] = {
    { TM_UNSET_HOURS, "" },
    { 7.0, "7" },
    { 7.5, "7.5" },
    { 6.25, "6.25" },
    { 0.0, "0" },
    { 10.0, "10" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tm_format_hours (cases[i].hours);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_backfilled (void)
{
  const struct { const char *day; const char *created_at; gboolean backfilled; } cases[] = {
    { "2026-11-20", "2026-11-20T12:00:00Z", FALSE },  /* the same day */
    { "2026-11-20", "2026-11-21T12:00:00Z", FALSE },  /* the next morning */
    { "2026-11-20", "2026-11-22T12:00:00Z", TRUE },   /* more than a day after */
    { "2026-11-20", "2026-12-24T12:00:00Z", TRUE },
  };

  /* Days are local: pin the zone so that noon UTC is the same day. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TmCheckin) c = tm_checkin_new (cases[i].day);

      c->created_at = g_strdup (cases[i].created_at);
      g_assert_cmpint (tm_checkin_is_backfilled (c), ==, cases[i].backfilled);
    }
}

static void
test_note_excerpt (void)
{
  g_autofree char *none = tm_note_excerpt (NULL, 20);
  g_autofree char *short_note = tm_note_excerpt ("Calm day.", 20);
  g_autofree char *lines = tm_note_excerpt ("\n  First line\nsecond line", 20);
  g_autofree char *long_note = tm_note_excerpt ("A long walk by the sea with my sister today", 20);
  g_autofree char *wide = tm_note_excerpt ("ééééééééééééééééééééééééé", 10);

  g_assert_null (none);
  g_assert_cmpstr (short_note, ==, "Calm day.");
  g_assert_cmpstr (lines, ==, "First line…");
  g_assert_cmpstr (long_note, ==, "A long walk by the…");
  g_assert_cmpstr (wide, ==, "éééééééééé…");
}

static void
test_effect_labels (void)
{
  /* Our own wording, one label per bit. */
  g_assert_cmpstr (tm_effect_get_label (0), ==, "Things looked or sounded different");
  g_assert_cmpstr (tm_effect_get_label (6), ==, "Frightening or out of control");
  g_assert_cmpint (TM_EFFECTS_ALL, ==, (1 << TM_N_EFFECTS) - 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checkin/days", test_days);
  g_test_add_func ("/checkin/parse-hours", test_parse_hours);
  g_test_add_func ("/checkin/format-hours", test_format_hours);
  g_test_add_func ("/checkin/backfilled", test_backfilled);
  g_test_add_func ("/checkin/note-excerpt", test_note_excerpt);
  g_test_add_func ("/checkin/effect-labels", test_effect_labels);

  return g_test_run ();
}
