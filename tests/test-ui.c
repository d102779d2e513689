/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real main window, driven through its widgets on a virtual display;
 * every test asserts what reached the SQLite file. */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>

#include "tm-application.h"
#include "tm-checkin-editor.h"
#include "tm-checkin-form.h"
#include "tm-error-label.h"
#include "tm-history-page.h"
#include "tm-history-row.h"
#include "tm-rating-row.h"
#include "tm-test-util.h"
#include "tm-today-page.h"
#include "tm-window.h"

typedef struct _Fixture
{
  char          *dir;
  char          *db_path;
  TmApplication *app;
  TmWindow      *window;
  void         (*body) (struct _Fixture *f);
} Fixture;

/* ---- waiting ---------------------------------------------------------- */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

static gboolean
never (gpointer data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  wait_for (never, &until, "time to pass");
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* ---- finding widgets --------------------------------------------------- */

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             GType          type,
             Match          match,
             gconstpointer  data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
button_has_label (GtkWidget     *widget,
                  gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin (20);
}

/* Chooses @value in a rating row the way a click or a key does: through
 * the scale's "rating.select" action. */
static void
choose_in_row (TmRatingRow *row,
               int          value)
{
  GtkWidget *scale = child (row, TM_TYPE_RATING_ROW, "scale");

  g_assert_true (gtk_widget_activate_action (scale, "rating.select", "i", value));
  spin (10);
  g_assert_cmpint (tm_rating_row_get_value (row), ==, value);
}

static void
choose_rating (TmCheckinForm *form,
               const char    *row_name,
               int            value)
{
  choose_in_row (child (form, TM_TYPE_CHECKIN_FORM, row_name), value);
}

static void
type_text (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  spin (10);
}

static void
type_note (TmCheckinForm *form,
           const char    *text)
{
  GtkTextView *view = child (form, TM_TYPE_CHECKIN_FORM, "note_view");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  spin (10);
}

static char *
note_text (TmCheckinForm *form)
{
  GtkTextView *view = child (form, TM_TYPE_CHECKIN_FORM, "note_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static TmCheckinForm *
today_form (Fixture *f)
{
  return tm_today_page_get_form (TM_TODAY_PAGE (tm_window_get_page (f->window, "today")));
}

/* ---- the store, read directly --------------------------------------- */

typedef struct
{
  gint64  id;
  int     mood;
  int     anxiety;
  int     energy;
  double  sleep_hours;
  int     effects;
  int     effects_intensity;
  char   *note;
  char   *created_at;
  char   *updated_at;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->note);
  g_free (row->created_at);
  g_free (row->updated_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static gboolean
read_row (Fixture    *f,
          const char *day,
          Row        *row)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean found;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, mood, coalesce(anxiety, -1), coalesce(energy, -1),"
                                       " coalesce(sleep_hours, -1), effects,"
                                       " coalesce(effects_intensity, -1), note, created_at, updated_at"
                                       " FROM checkin WHERE day = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->mood = sqlite3_column_int (stmt, 1);
      row->anxiety = sqlite3_column_int (stmt, 2);
      row->energy = sqlite3_column_int (stmt, 3);
      row->sleep_hours = sqlite3_column_double (stmt, 4);
      row->effects = sqlite3_column_int (stmt, 5);
      row->effects_intensity = sqlite3_column_int (stmt, 6);
      row->note = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      row->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      row->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

static int
count_checkins (Fixture *f)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM checkin", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* ---- starting and stopping Tidemark --------------------------------- */

typedef void (*Body) (Fixture *f);

static gboolean
run_body_cb (gpointer data)
{
  Fixture *f = data;
  GList *windows;

  f->window = TM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_true (TM_IS_WINDOW (f->window));
  wait_for (is_mapped, f->window, "the main window");

  f->body (f);

  /* As when the person quits. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  f->window = NULL;
  g_application_quit (G_APPLICATION (f->app));

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Fixture      *f)
{
  g_idle_add (run_body_cb, f);
}

/* Runs Tidemark as it runs for a person, with @body driving its window. */
static void
run_app (Fixture *f,
         Body     body)
{
  f->app = tm_application_new ();
  f->body = body;
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (f->app, "activate", G_CALLBACK (on_activate_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 0, NULL), ==, 0);
  g_clear_object (&f->app);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = tm_test_make_data_dir ();
  f->db_path = g_build_filename (f->dir, "tidemark.db", NULL);
  g_setenv ("TIDEMARK_DATA_DIR", f->dir, TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static char *
day_ago (int n)
{
  g_autofree char *today = tm_day_today ();

  return tm_day_add (today, -n);
}

static void
store_checkin (Fixture    *f,
               const char *day,
               int         mood,
               const char *note)
{
  g_autoptr(TmCheckin) c = tm_checkin_new (day);
  g_autoptr(GError) error = NULL;

  c->mood = mood;
  tm_checkin_set_note (c, note);
  g_assert_true (tm_store_save_checkin (tm_application_get_store (f->app), c, &error));
  g_assert_no_error (error);
}

/* ---- tests ------------------------------------------------------------ */

static const char *saved_note = "Walked by the sea.\nFelt calm 🌊";

static void
today_save_and_find_again_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_auto(Row) first = { 0 };
  g_auto(Row) second = { 0 };
  g_auto(GStrv) accels = NULL;
  TmCheckinForm *form;
  TmTodayPage *page;
  AdwExpanderRow *effects_row;
  GtkWidget *check;
  GtkWidget *save_button;
  GtkLabel *status;
  const char *typed = saved_note;

  page = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  form = tm_today_page_get_form (page);
  save_button = child (page, TM_TYPE_TODAY_PAGE, "save_button");
  g_assert_cmpstr (tm_checkin_form_get_day (form), ==, today);

  choose_rating (form, "mood_row", 7);
  choose_rating (form, "anxiety_row", 2);
  type_text (child (form, TM_TYPE_CHECKIN_FORM, "sleep_row"), "7,5");

  effects_row = child (form, TM_TYPE_CHECKIN_FORM, "effects_row");
  adw_expander_row_set_enable_expansion (effects_row, TRUE);
  check = find_widget (GTK_WIDGET (effects_row), GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);  /* the first effect */
  /* The intensity is the rating inside the effects row. */
  choose_in_row (TM_RATING_ROW (find_widget (GTK_WIDGET (effects_row), TM_TYPE_RATING_ROW, NULL, NULL)), 3);
  type_note (form, typed);
  g_assert_true (tm_checkin_form_get_dirty (form));

  click (save_button);

  g_assert_true (read_row (f, today, &first));
  g_assert_cmpint (first.mood, ==, 7);
  g_assert_cmpint (first.anxiety, ==, 2);
  g_assert_cmpint (first.energy, ==, -1);
  g_assert_cmpfloat_with_epsilon (first.sleep_hours, 7.5, 1e-9);
  g_assert_cmpint (first.effects, ==, TM_EFFECT_PERCEPTION);
  g_assert_cmpint (first.effects_intensity, ==, 3);
  g_assert_cmpstr (first.note, ==, typed);
  g_assert_false (tm_checkin_form_get_dirty (form));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  status = child (page, TM_TYPE_TODAY_PAGE, "status_label");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (status), "Checked in"));

  /* Saving again, with Ctrl+S's action, updates the same row. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.save");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>s"));
  spin (1100);  /* instants have whole seconds */
  choose_rating (form, "mood_row", 8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  spin (20);

  g_assert_true (read_row (f, today, &second));
  g_assert_cmpint (second.id, ==, first.id);
  g_assert_cmpint (second.mood, ==, 8);
  g_assert_cmpstr (second.created_at, ==, first.created_at);
  g_assert_cmpstr (second.updated_at, >, first.updated_at);
  g_assert_cmpint (count_checkins (f), ==, 1);

}

/* Opened again, Today shows what was saved. */
static void
today_shows_saved_body (Fixture *f)
{
  g_autofree char *note = NULL;
  TmCheckinForm *form = today_form (f);

  g_assert_cmpint (tm_rating_row_get_value (child (form, TM_TYPE_CHECKIN_FORM, "mood_row")), ==, 8);
  g_assert_cmpint (tm_rating_row_get_value (child (form, TM_TYPE_CHECKIN_FORM, "anxiety_row")), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (child (form, TM_TYPE_CHECKIN_FORM, "sleep_row")), ==, "7.5");
  g_assert_true (adw_expander_row_get_enable_expansion (child (form, TM_TYPE_CHECKIN_FORM, "effects_row")));
  note = note_text (form);
  g_assert_cmpstr (note, ==, saved_note);
  g_assert_false (tm_checkin_form_get_dirty (form));
}

static void
today_refused_save_keeps_typing_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *note = NULL;
  g_auto(Row) row = { 0 };
  TmCheckinForm *form;
  GtkWidget *save_button;
  TmErrorLabel *error_label;
  GtkEditable *sleep_row;

  form = today_form (f);
  save_button = child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button");
  error_label = child (form, TM_TYPE_CHECKIN_FORM, "ratings_error");
  sleep_row = child (form, TM_TYPE_CHECKIN_FORM, "sleep_row");

  type_note (form, "Keep every word of this.");
  type_text (sleep_row, "lots");
  click (save_button);

  g_assert_cmpint (count_checkins (f), ==, 0);
  g_assert_true (tm_error_label_get_shown (error_label));
  g_assert_cmpstr (tm_error_label_get_message (error_label), ==,
                   "“lots” is not a number of hours. Write sleep like 7.5 or 7:30.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (sleep_row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (sleep_row), ==, "lots");
  note = note_text (form);
  g_assert_cmpstr (note, ==, "Keep every word of this.");

  /* The next refusal: no mood chosen yet. */
  type_text (sleep_row, "8");
  click (save_button);
  g_assert_cmpint (count_checkins (f), ==, 0);
  g_assert_cmpstr (tm_error_label_get_message (error_label), ==, "Choose your mood from 0 to 10 before saving.");
  g_assert_true (tm_checkin_form_get_dirty (form));

  /* Effects switched on with nothing ticked is refused too. */
  choose_rating (form, "mood_row", 4);
  adw_expander_row_set_enable_expansion (child (form, TM_TYPE_CHECKIN_FORM, "effects_row"), TRUE);
  click (save_button);
  g_assert_cmpint (count_checkins (f), ==, 0);
  g_assert_cmpstr (tm_error_label_get_message (child (form, TM_TYPE_CHECKIN_FORM, "effects_error")), ==,
                   "Tick at least one effect from the list, or turn off unusual effects.");

  adw_expander_row_set_enable_expansion (child (form, TM_TYPE_CHECKIN_FORM, "effects_row"), FALSE);
  click (save_button);
  g_assert_true (read_row (f, today, &row));
  g_assert_cmpint (row.mood, ==, 4);
  g_assert_cmpfloat_with_epsilon (row.sleep_hours, 8.0, 1e-9);
  g_assert_cmpstr (row.note, ==, "Keep every word of this.");
  g_assert_false (tm_error_label_get_shown (error_label));
}

typedef struct
{
  const char *day_text;
} RowQuery;

static gboolean
row_shows_day (GtkWidget     *widget,
               gconstpointer  data)
{
  GtkLabel *label = child (widget, TM_TYPE_HISTORY_ROW, "day_label");

  return g_strcmp0 (gtk_label_get_label (label), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *day_text;
  GtkWidget  *found;
} RowSearch;

static gboolean
history_row_appears (gpointer data)
{
  RowSearch *search = data;

  search->found = find_widget (search->root, TM_TYPE_HISTORY_ROW, row_shows_day, search->day_text);
  return search->found != NULL;
}

static GtkWidget *
wait_for_history_row (GtkWidget  *page,
                      const char *day)
{
  g_autofree char *day_text = tm_day_format_long (day);
  RowSearch search = { page, day_text, NULL };

  wait_for (history_row_appears, &search, "a row in History");
  return search.found;
}

static TmCheckinEditor *
find_editor (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (TM_IS_CHECKIN_EDITOR (l->data))
      return l->data;
  return NULL;
}

static gboolean
editor_is_open (gpointer data)
{
  return find_editor (data) != NULL;
}

static void
history_shows_and_edits_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *earlier = day_ago (3);
  g_auto(Row) before = { 0 };
  g_auto(Row) after = { 0 };
  AdwViewStack *stack;
  TmHistoryPage *page;
  GtkListView *list_view;
  GtkWidget *today_row;
  GtkWidget *earlier_row;
  TmCheckinEditor *editor;
  TmCheckinForm *form;
  g_autofree char *long_day = NULL;

  store_checkin (f, earlier, 3, "Rough day.\nSlept in the afternoon.");

  /* Today's check-in through Today, then to History. */
  choose_rating (today_form (f), "mood_row", 6);
  type_note (today_form (f), "Sun came out.");
  click (child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button"));

  stack = child (f->window, TM_TYPE_WINDOW, "stack");
  adw_view_stack_set_visible_child_name (stack, "history");
  page = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
  list_view = child (page, TM_TYPE_HISTORY_PAGE, "list_view");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))), ==, 2);

  /* Newest first, with the start of each note; the entry written three
   * days late is marked as back-filled. */
  today_row = wait_for_history_row (GTK_WIDGET (page), today);
  earlier_row = wait_for_history_row (GTK_WIDGET (page), earlier);
  g_assert_cmpstr (gtk_label_get_label (child (today_row, TM_TYPE_HISTORY_ROW, "mood_label")), ==, "6");
  g_assert_cmpstr (gtk_label_get_label (child (today_row, TM_TYPE_HISTORY_ROW, "note_label")), ==, "Sun came out.");
  g_assert_cmpstr (gtk_label_get_label (child (earlier_row, TM_TYPE_HISTORY_ROW, "note_label")), ==, "Rough day.…");
  g_assert_false (gtk_widget_get_visible (child (today_row, TM_TYPE_HISTORY_ROW, "backfilled_label")));
  g_assert_true (gtk_widget_get_visible (child (earlier_row, TM_TYPE_HISTORY_ROW, "backfilled_label")));

  /* Activating the earlier day opens it, labelled with its date. */
  g_assert_true (read_row (f, earlier, &before));
  g_signal_emit_by_name (list_view, "activate", 1);
  wait_for (editor_is_open, f, "the check-in editor");
  editor = find_editor (f);
  wait_for (is_mapped, editor, "the editor to show");
  long_day = tm_day_format_long (earlier);
  g_assert_cmpstr (gtk_label_get_label (child (editor, TM_TYPE_CHECKIN_EDITOR, "day_label")), ==, long_day);

  form = child (editor, TM_TYPE_CHECKIN_EDITOR, "form");
  g_assert_cmpstr (tm_checkin_form_get_day (form), ==, earlier);
  g_assert_cmpint (tm_rating_row_get_value (child (form, TM_TYPE_CHECKIN_FORM, "mood_row")), ==, 3);
  spin (1100);
  choose_rating (form, "mood_row", 5);
  type_note (form, "Rough day, calmer evening.");
  click (child (editor, TM_TYPE_CHECKIN_EDITOR, "save_button"));
  g_assert_null (find_editor (f));

  /* The same row, updated; nothing added. */
  g_assert_true (read_row (f, earlier, &after));
  g_assert_cmpint (after.id, ==, before.id);
  g_assert_cmpint (after.mood, ==, 5);
  g_assert_cmpstr (after.note, ==, "Rough day, calmer evening.");
  g_assert_cmpstr (after.created_at, ==, before.created_at);
  g_assert_cmpstr (after.updated_at, >, before.updated_at);
  g_assert_cmpint (count_checkins (f), ==, 2);

  /* History follows. */
  earlier_row = wait_for_history_row (GTK_WIDGET (page), earlier);
  g_assert_cmpstr (gtk_label_get_label (child (earlier_row, TM_TYPE_HISTORY_ROW, "mood_label")), ==, "5");

  /* Today's own row leads back to Today instead of a second editor. */
  g_signal_emit_by_name (list_view, "activate", 0);
  spin (50);
  g_assert_null (find_editor (f));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "today");
}

static gboolean
undo_button_appears (gpointer data)
{
  return find_widget (data, GTK_TYPE_BUTTON, button_has_label, "_Undo") != NULL;
}

static void
history_delete_and_undo_body (Fixture *f)
{
  g_autofree char *earlier = day_ago (5);
  g_autofree char *other = day_ago (6);
  g_auto(Row) before = { 0 };
  g_auto(Row) after = { 0 };
  TmHistoryPage *page;
  GtkWidget *row;

  store_checkin (f, earlier, 2, "Delete me, then bring me back.");
  store_checkin (f, other, 7, NULL);
  g_assert_true (read_row (f, earlier, &before));

  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "history");
  page = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
  row = wait_for_history_row (GTK_WIDGET (page), earlier);

  click (child (row, TM_TYPE_HISTORY_ROW, "delete_button"));
  g_assert_false (read_row (f, earlier, &after));
  g_assert_cmpint (count_checkins (f), ==, 1);

  wait_for (undo_button_appears, f->window, "the undo toast");
  click (find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, button_has_label, "_Undo"));

  g_assert_true (read_row (f, earlier, &after));
  g_assert_cmpint (after.id, ==, before.id);
  g_assert_cmpint (after.mood, ==, 2);
  g_assert_cmpstr (after.note, ==, before.note);
  g_assert_cmpstr (after.created_at, ==, before.created_at);
  g_assert_cmpstr (after.updated_at, ==, before.updated_at);
  wait_for_history_row (GTK_WIDGET (page), earlier);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_dialog_is_open (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
window_is_gone (gpointer data)
{
  Fixture *f = data;

  return gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL;
}

static void
close_asks_before_losing_changes_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *note = NULL;
  g_auto(Row) row = { 0 };
  AdwMessageDialog *dialog;

  choose_rating (today_form (f), "mood_row", 5);
  type_note (today_form (f), "Half written");

  /* Cancel: the window and the draft stay. */
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (message_dialog_is_open, NULL, "the save-changes question");
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  note = note_text (today_form (f));
  g_assert_cmpstr (note, ==, "Half written");
  g_assert_cmpint (count_checkins (f), ==, 0);

  /* Save: stored, then closed. */
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (message_dialog_is_open, NULL, "the save-changes question");
  adw_message_dialog_response (find_message_dialog (), "save");
  wait_for (window_is_gone, f, "the window to close");
  g_assert_true (read_row (f, today, &row));
  g_assert_cmpint (row.mood, ==, 5);
  g_assert_cmpstr (row.note, ==, "Half written");
}

static void
close_without_changes_does_not_ask_body (Fixture *f)
{
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (window_is_gone, f, "the window to close");
  g_assert_null (find_message_dialog ());
}

static void
test_today_save_and_find_again (Fixture       *f,
                                gconstpointer  data)
{
  run_app (f, today_save_and_find_again_body);
  run_app (f, today_shows_saved_body);
}

static void
test_today_refused_save_keeps_typing (Fixture       *f,
                                     gconstpointer  data)
{
  run_app (f, today_refused_save_keeps_typing_body);
}

static void
test_history_shows_and_edits (Fixture       *f,
                             gconstpointer  data)
{
  run_app (f, history_shows_and_edits_body);
}

static void
test_history_delete_and_undo (Fixture       *f,
                             gconstpointer  data)
{
  run_app (f, history_delete_and_undo_body);
}

static void
test_close_asks_before_losing_changes (Fixture       *f,
                                      gconstpointer  data)
{
  run_app (f, close_asks_before_losing_changes_body);
}

static void
test_close_without_changes_does_not_ask (Fixture       *f,
                                        gconstpointer  data)
{
  run_app (f, close_without_changes_does_not_ask_body);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("today/save-and-find-again", test_today_save_and_find_again);
  ADD ("today/refused-save-keeps-typing", test_today_refused_save_keeps_typing);
  ADD ("history/shows-and-edits", test_history_shows_and_edits);
  ADD ("history/delete-and-undo", test_history_delete_and_undo);
  ADD ("window/close-asks-before-losing-changes", test_close_asks_before_losing_changes);
  ADD ("window/close-without-changes-does-not-ask", test_close_without_changes_does_not_ask);

  return g_test_run ();
}
