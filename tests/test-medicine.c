/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Regular medicines: kept like the plan, a row for each change or stop;
 * read back as periods of days; refused with a sentence; and carried by
 * the CSV files, the row a change replaces named by its key. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tm-csv.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

static TmRegularMedicine *
add (TmStore    *store,
     const char *name,
     const char *started_on,
     double      dose,
     gint64      replaces)
{
  g_autoptr(GError) error = NULL;
  TmRegularMedicine *m = tm_regular_medicine_new (name, started_on);

  m->dose = dose;
  tm_regular_medicine_set_text (&m->unit, "mg");
  m->kind = TM_MEDICINE_KIND_ANTIDEPRESSANT;
  m->replaces = replaces;
  g_assert_true (tm_store_add_medicine (store, m, &error));
  g_assert_no_error (error);
  return m;
}

/* A dose raised, then stopped: three rows, one current; each row's days. */
static void
test_changes_as_periods (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmRegularMedicine) first = add (store, "Sertraline", "2026-01-05", 50, 0);
  g_autoptr(TmRegularMedicine) raised = add (store, "Sertraline", "2026-03-01", 100, first->id);
  g_autoptr(TmRegularMedicine) stop = tm_regular_medicine_copy (raised);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autofree char *first_last = NULL;
  g_autofree char *raised_last = NULL;
  g_autofree char *described = NULL;

  stop->id = 0;
  g_clear_pointer (&stop->created_at, g_free);
  stop->replaces = raised->id;
  g_strlcpy (stop->stopped_on, "2026-06-30", sizeof stop->stopped_on);
  g_assert_true (tm_store_add_medicine (store, stop, &error));

  all = tm_store_list_medicines (store, &error);
  g_assert_cmpuint (all->len, ==, 3);
  current = tm_regular_medicine_list_current (all);
  g_assert_cmpuint (current->len, ==, 1);
  g_assert_cmpint (((TmRegularMedicine *) current->pdata[0])->id, ==, stop->id);

  first_last = tm_regular_medicine_get_last_day (all->pdata[0], all);
  g_assert_cmpstr (first_last, ==, "2026-02-28");
  /* The stop row starts where the raised dose did: it takes its place. */
  raised_last = tm_regular_medicine_get_last_day (all->pdata[1], all);
  g_assert_cmpstr (raised_last, ==, "2026-02-28");
  g_assert_true (tm_regular_medicine_is_taken_on (all->pdata[2], all, "2026-06-30"));
  g_assert_false (tm_regular_medicine_is_taken_on (all->pdata[2], all, "2026-07-01"));
  g_assert_true (tm_regular_medicine_is_taken_on (all->pdata[0], all, "2026-01-05"));
  g_assert_false (tm_regular_medicine_is_taken_on (all->pdata[0], all, "2026-03-01"));

  described = tm_regular_medicine_describe (raised);
  g_assert_cmpstr (described, ==, "Sertraline 100 mg");

  /* Rows are never changed or deleted, whoever writes. */
  g_assert_cmpint (sqlite3_exec (tm_store_get_db (store), "UPDATE medicine SET dose = 1", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (tm_store_get_db (store), "DELETE FROM medicine", NULL, NULL, NULL), !=, SQLITE_OK);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* What can't be right is refused with a sentence, and nothing is kept. */
static void
test_refusals (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmRegularMedicine) first = add (store, "Lisinopril", "2026-01-05", 10, 0);
  g_autoptr(TmRegularMedicine) change = add (store, "Lisinopril", "2026-02-01", 20, first->id);
  const struct { const char *name, *started, *stopped; double dose; gint64 replaces; const char *message; } cases[] = {
    { "  ", "2026-01-01", "", 5, 0, "Enter the medicine's name, as on its box." },
    { "Lisinopril", "2099-01-01", "", 5, 0,
      "A medicine can't be started in the future. Enter the day it was started." },
    { "Lisinopril", "2026-03-01", "2026-02-01", 5, 0,
      "A medicine can't be stopped before it was started. Check both days." },
    { "Lisinopril", "2026-03-01", "", 0, 0, "A medicine's dose must be more than 0 and at most 100000, not 0." },
    { "Lisinopril", "2026-03-01", "", 5, 999, "The medicine this row changes is not in the record." },
    /* The first row was replaced already: another change came meanwhile. */
    { "Lisinopril", "2026-03-01", "", 5, 1,
      "This medicine was changed in the meantime. Look at it again, then make the change there." },
    { "Lisinopril", "2026-01-20", "", 5, 2, "A change can't start before the medicine it changes. Check the day." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TmRegularMedicine) m = tm_regular_medicine_new (cases[i].name, cases[i].started);
      g_autoptr(GError) refused = NULL;

      g_strlcpy (m->stopped_on, cases[i].stopped, sizeof m->stopped_on);
      m->dose = cases[i].dose;
      m->replaces = cases[i].replaces;
      g_assert_false (tm_store_add_medicine (store, m, &refused));
      g_assert_cmpstr (refused->message, ==, cases[i].message);
    }
  {
    g_autoptr(GPtrArray) all = tm_store_list_medicines (store, &error);

    g_assert_cmpuint (all->len, ==, 2);
  }
  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* Out and back in through the CSV files: each row, its change naming the
 * row it replaces by that one's key; an import keeps the rows there. */
static void
test_csv_round_trip (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *other_dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmStore) other = tm_store_open (other_dir, &error);
  g_autoptr(TmRegularMedicine) first = add (store, "Sertraline", "2026-01-05", 50, 0);
  g_autoptr(TmRegularMedicine) raised = add (store, "Sertraline", "2026-03-01", 100, first->id);
  /* A name as long as it can be, changed: the change names it by a key
   * longer than the name. */
  g_autofree char *long_name = g_strnfill (TM_MEDICINE_NAME_MAX_CHARS, 'x');
  g_autoptr(TmRegularMedicine) long_first = add (store, long_name, "2026-01-05", 5, 0);
  g_autoptr(TmRegularMedicine) long_changed = add (store, long_name, "2026-01-05", 10, long_first->id);
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GPtrArray) back = NULL;
  TmCsvSummary summary;

  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_no_error (error);
  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  back = tm_store_list_medicines (other, &error);
  g_assert_cmpuint (back->len, ==, 4);
  g_assert_cmpint (((TmRegularMedicine *) back->pdata[3])->replaces, ==, ((TmRegularMedicine *) back->pdata[2])->id);
  g_assert_cmpint (((TmRegularMedicine *) back->pdata[1])->replaces, ==, ((TmRegularMedicine *) back->pdata[0])->id);
  g_assert_cmpfloat (((TmRegularMedicine *) back->pdata[1])->dose, ==, 100);
  g_assert_cmpstr (((TmRegularMedicine *) back->pdata[1])->unit, ==, "mg");

  g_clear_object (&store);
  g_clear_object (&other);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (out);
}

static void
on_record_saved_cb (TmStore  *store,
                    int       source,
                    GObject  *record,
                    gpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prompts = NULL;
  GString *seen = user_data;

  g_assert_cmpint (source, ==, TM_SOURCE_MEDICINE);
  prompts = tm_store_check_safety (store, source, record, now, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < prompts->len; i++)
    {
      TmSafetyPrompt *p = prompts->pdata[i];
      g_autoptr(TmSafetyEvent) event = tm_safety_event_new_for_prompt (p, "2026-11-28T12:00:00Z");

      g_string_append_printf (seen, "%s%s:%s", seen->len > 0 ? " " : "", tm_rule_to_string (p->rule),
                              ((TmRegularMedicine *) record)->name);
      g_assert_true (tm_store_add_safety_event (store, event, &error));
    }
}

/* S7 through the store, as the app runs it after every save: an
 * interacting medicine added while a plan exists, and its change; not
 * its stop, not an antidepressant. And an import of medicines.csv raises
 * it for the rows that came in, recorded as raised on import. */
static void
test_s7_when_added (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *other_dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmStore) other = tm_store_open (other_dir, &error);
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-01-01");
  g_autoptr(TmRegularMedicine) sertraline = NULL;
  g_autoptr(TmRegularMedicine) lorazepam = tm_regular_medicine_new ("Lorazepam", "2026-02-01");
  g_autoptr(TmRegularMedicine) changed = NULL;
  g_autoptr(TmRegularMedicine) stopped = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  TmCsvSummary summary;

  plan->interval_days = 14;
  plan->dose_mg = 50;
  plan->tolerance_days = 2;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "record-saved", G_CALLBACK (on_record_saved_cb), seen);

  sertraline = add (store, "Sertraline", "2026-01-05", 50, 0);
  lorazepam->kind = TM_MEDICINE_KIND_BENZODIAZEPINE;
  lorazepam->dose = 1;
  g_assert_true (tm_store_add_medicine (store, lorazepam, &error));
  changed = tm_regular_medicine_copy (lorazepam);
  changed->id = 0;
  changed->replaces = lorazepam->id;
  changed->dose = 2;
  g_strlcpy (changed->started_on, "2026-03-01", sizeof changed->started_on);
  g_assert_true (tm_store_add_medicine (store, changed, &error));
  stopped = tm_regular_medicine_copy (changed);
  stopped->id = 0;
  stopped->replaces = changed->id;
  g_strlcpy (stopped->stopped_on, "2026-04-01", sizeof stopped->stopped_on);
  g_assert_true (tm_store_add_medicine (store, stopped, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "S7:Lorazepam S7:Lorazepam");

  events = tm_store_list_safety_events (store, NULL, NULL, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->source, ==, TM_SOURCE_MEDICINE);
  g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->source_id, ==, lorazepam->id);
  g_assert_cmpint (((TmSafetyEvent *) events->pdata[1])->source_id, ==, changed->id);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Into another record with a plan, without the prompts: raised there
   * on import, one for each row that raises it. */
  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_no_error (error);
  {
    g_autofree char *events_csv = g_build_filename (folder, "safety_events.csv", NULL);

    g_assert_cmpint (g_remove (events_csv), ==, 0);
  }
  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error);
  g_assert_no_error (error);
  events = tm_store_list_safety_events (other, NULL, NULL, &error);
  g_assert_cmpuint (events->len, ==, 2);
  for (guint i = 0; i < events->len; i++)
    {
      TmSafetyEvent *event = events->pdata[i];

      g_assert_cmpint (event->rule, ==, TM_RULE_S7);
      g_assert_cmpint (event->source, ==, TM_SOURCE_MEDICINE);
      g_assert_cmpstr (event->answer, ==, "imported");
    }

  g_clear_object (&store);
  g_clear_object (&other);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (out);
}

/* Replaces @from with @to in the file @name of @folder. */
static void
edit_file (const char *folder,
           const char *name,
           const char *from,
           const char *to)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, from));
  edited = g_string_new (text);
  g_string_replace (edited, from, to, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
}

/* A whole export restored elsewhere: the S7 prompts keep the medicine
 * they were about, and none is raised again, however often it goes round.
 * A prompt or a change naming a row that is nowhere is refused with a
 * sentence, and nothing is stored. */
static void
test_restore_keeps_prompts (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *again = g_build_filename (out, "again", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-01-01");
  g_autoptr(TmRegularMedicine) lorazepam = tm_regular_medicine_new ("Lorazepam", "2026-02-01");
  g_autoptr(GString) seen = g_string_new (NULL);

  plan->interval_days = 14;
  plan->dose_mg = 50;
  plan->tolerance_days = 2;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_signal_connect (store, "record-saved", G_CALLBACK (on_record_saved_cb), seen);
  lorazepam->kind = TM_MEDICINE_KIND_BENZODIAZEPINE;
  lorazepam->dose = 1;
  g_assert_true (tm_store_add_medicine (store, lorazepam, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "S7:Lorazepam");
  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_no_error (error);

  /* Twice round: into a new record, and from there into another. */
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *into = tm_test_make_data_dir ();
      g_autoptr(TmStore) other = tm_store_open (into, &error);
      g_autoptr(TmCsvImport) import = tm_csv_import_new ();
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GPtrArray) medicines = NULL;
      TmCsvSummary summary;

      g_assert_true (tm_csv_import_read_dir (import, round == 0 ? folder : again, &error));
      g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
      g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.raised, ==, 0);
      events = tm_store_list_safety_events (other, NULL, NULL, &error);
      medicines = tm_store_list_medicines (other, &error);
      g_assert_cmpuint (events->len, ==, 1);
      g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->source, ==, TM_SOURCE_MEDICINE);
      g_assert_cmpint (((TmSafetyEvent *) events->pdata[0])->source_id, ==,
                       ((TmRegularMedicine *) medicines->pdata[0])->id);
      if (round == 0)
        g_assert_true (tm_store_export_csv (other, again, &error));
      g_clear_object (&other);
      tm_test_remove_tree (into);
    }

  /* The prompt names a medicine the files don't have. */
  edit_file (folder, "medicines.csv", "\"Lorazepam\"", "\"Diazepam\"");
  {
    g_autofree char *into = tm_test_make_data_dir ();
    g_autoptr(TmStore) other = tm_store_open (into, &error);
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    g_autoptr(GError) refused = NULL;
    g_autoptr(GPtrArray) events = NULL;
    g_autoptr(GPtrArray) medicines = NULL;

    g_assert_true (tm_csv_import_read_dir (import, folder, &error));
    g_assert_false (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, NULL, &refused));
    g_assert_nonnull (strstr (refused->message, "safety_events.csv:2: there is no medicine with the source_key "
                                                "“Lorazepam 2026-02-01 "));
    g_assert_nonnull (strstr (refused->message, "nothing was imported"));
    events = tm_store_list_safety_events (other, NULL, NULL, &error);
    medicines = tm_store_list_medicines (other, &error);
    g_assert_cmpuint (events->len, ==, 0);
    g_assert_cmpuint (medicines->len, ==, 0);
    g_clear_object (&other);
    tm_test_remove_tree (into);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* An import holds a change to the rule the Medicines page holds it to,
 * and a change naming a row the files don't have before it is refused:
 * each with a sentence naming the line, nothing stored. */
static void
test_import_holds_the_rule (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmRegularMedicine) first = add (store, "Sertraline", "2026-01-05", 50, 0);
  g_autoptr(TmRegularMedicine) raised = add (store, "Sertraline", "2026-03-01", 100, first->id);
  g_autofree char *first_line = NULL;
  g_autofree char *raised_line = NULL;
  g_autofree char *header = NULL;
  struct { const char *name; char *lines; const char *message; } cases[3] = { { NULL } };

  {
    g_autofree char *folder = g_build_filename (out, "export", NULL);
    g_autofree char *path = g_build_filename (folder, "medicines.csv", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (tm_store_export_csv (store, folder, &error));
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    lines = g_strsplit (text, "\r\n", -1);
    header = g_strdup (lines[0]);
    first_line = g_strdup (lines[1]);
    raised_line = g_strdup (lines[2]);
  }

  /* The change before the row it changes. */
  cases[0].name = "later";
  cases[0].lines = g_strjoin ("\r\n", header, raised_line, first_line, "", NULL);
  cases[0].message = "medicines.csv:2: there is no medicine with the replaces “Sertraline 2026-01-05 ";
  /* The change starting before the row it changes. */
  {
    g_autoptr(GString) early = g_string_new (raised_line);

    g_string_replace (early, "\"2026-03-01\"", "\"2026-01-01\"", 1);
    cases[1].name = "early";
    cases[1].lines = g_strjoin ("\r\n", header, first_line, early->str, "", NULL);
    cases[1].message = "medicines.csv:3: A change can't start before the medicine it changes. Check the day. "
                       "Nothing was imported.";
  }
  /* Two changes of one row. */
  {
    g_autoptr(GString) twice = g_string_new (raised_line);

    g_string_replace (twice, "\"2026-03-01\"", "\"2026-04-01\"", 1);
    cases[2].name = "twice";
    cases[2].lines = g_strjoin ("\r\n", header, first_line, raised_line, twice->str, "", NULL);
    cases[2].message = "medicines.csv:4: another row already changes or stops the medicine this row changes. "
                       "Keep one of them; nothing was imported.";
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folder = g_build_filename (out, cases[i].name, NULL);
      g_autofree char *path = g_build_filename (folder, "medicines.csv", NULL);
      g_autofree char *into = tm_test_make_data_dir ();
      g_autoptr(TmStore) other = tm_store_open (into, &error);
      g_autoptr(TmCsvImport) import = tm_csv_import_new ();
      g_autoptr(GError) refused = NULL;
      g_autoptr(GPtrArray) medicines = NULL;

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, cases[i].lines, -1, NULL));
      g_assert_true (tm_csv_import_read_dir (import, folder, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
      g_assert_false (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, NULL, &refused));
      g_assert_true (g_str_has_prefix (refused->message, cases[i].message));
      medicines = tm_store_list_medicines (other, &error);
      g_assert_cmpuint (medicines->len, ==, 0);
      g_clear_object (&other);
      tm_test_remove_tree (into);
      g_free (cases[i].lines);
    }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medicine/changes-as-periods", test_changes_as_periods);
  g_test_add_func ("/medicine/refusals", test_refusals);
  g_test_add_func ("/medicine/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/medicine/s7-when-added", test_s7_when_added);
  g_test_add_func ("/medicine/restore-keeps-prompts", test_restore_keeps_prompts);
  g_test_add_func ("/medicine/import-holds-the-rule", test_import_holds_the_rule);

  return g_test_run ();
}
