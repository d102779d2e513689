/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real main window, driven through its widgets on a virtual display;
 * every test asserts what reached the SQLite file. */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sqlite3.h>

#include "tm-application.h"
#include "tm-archive.h"
#include "tm-crypt.h"
#include "tm-backup-keys.h"
#include "tm-calendar-page.h"
#include "tm-clinician.h"
#include "tm-checkin-dialog.h"
#include "tm-data-transfer.h"
#include "tm-daylio-dialog.h"
#include "tm-day-cell.h"
#include "tm-passphrase-dialog.h"
#include "tm-pin-dialog.h"
#include "tm-plan-dialog.h"
#include "tm-preferences-dialog.h"
#include "tm-keyring.h"
#include "tm-recovery-window.h"
#include "tm-store-backup.h"
#include "tm-store-private.h"
#include "tm-report-data.h"
#include "tm-safety-contacts.h"
#include "tm-safety-help.h"
#include "tm-country-banner.h"
#include "tm-followup-chart-view.h"
#include "tm-reminder-service.h"
#include "tm-report-dialog.h"
#include "tm-checkin-form.h"
#include "tm-choices.h"
#include "tm-companion-window.h"
#include "tm-time.h"
#include "tm-effects-row.h"
#include "tm-error-label.h"
#include "tm-history-page.h"
#include "tm-measure.h"
#include "tm-red-flags-row.h"
#include "tm-history-row.h"
#include "tm-medicine-dialog.h"
#include "tm-questionnaire-dialog.h"
#include "tm-questionnaire-row.h"
#include "tm-review-page.h"
#include "tm-reading-row.h"
#include "tm-session-dialog.h"
#include "tm-session-row.h"
#include "tm-sessions-page.h"
#include "tm-rating-row.h"
#include "tm-daily-question.h"
#include "tm-test-util.h"
#include "tm-today-page.h"
#include "tm-settings.h"
#include "tm-trends-page.h"
#include "tm-window.h"

typedef struct _Fixture
{
  char          *dir;
  char          *db_path;
  TmApplication *app;
  TmWindow      *window;
  TmRecoveryWindow *recovery;  /* when the data could not be opened */
  char          *demo_dir;     /* the folder --demo made */
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
  /* Only a guard against a hang: under the sanitizers and valgrind a
   * condition can take many seconds. */
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
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

/* Lets time pass: only where no condition can be seen to wait for (see
 * each caller). */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  wait_for (never, &until, "time to pass");
}

/* Runs what is waiting to run now (handlers put off to an idle, events),
 * without waiting for anything later: before checking that something did
 * not happen. */
static void
settle (void)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_main_context_pending (NULL))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Still busy after a minute");
      g_main_context_iteration (NULL, FALSE);
    }
}

/* Whether a write the store refused while an import is stored elsewhere
 * waits to be made when it is done. */
static gboolean
writes_wait (gpointer store)
{
  return !g_queue_is_empty (&TM_STORE (store)->when_writable);
}

/* Whether this machine's clock has passed @instant, an instant as the
 * store writes it (in whole seconds). */
static gboolean
clock_has_passed (gpointer instant)
{
  g_autofree char *now = tm_instant_now_utc ();

  return strcmp (now, instant) > 0;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static void
count_frame_cb (GdkFrameClock *clock,
                gpointer       frames)
{
  (*(guint *) frames)++;
}

static gboolean
frame_counted (gpointer frames)
{
  return *(guint *) frames > 0;
}

/* Waits until @widget's window has drawn it once more: laid out, its
 * lists filled with rows, as the person sees it. */
static void
wait_for_drawn (gpointer    widget,
                const char *what)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint frames = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  gtk_widget_queue_draw (widget);
  wait_for (frame_counted, &frames, what);
  g_signal_handler_disconnect (clock, handler);
}

/* With TM_UI_TEST_SNAPSHOT_DIR set, @widget's window as it looks now, in
 * that folder as @name.png: for looking at what a test drove. */
static void
save_snapshot (gpointer    widget,
               const char *name)
{
  const char *dir = g_getenv ("TM_UI_TEST_SNAPSHOT_DIR");
  GtkWidget *window;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  /* For the eye only: what slides in (an error, a toast) has arrived. No
   * condition says when an animation has ended. */
  spin (400);
  window = GTK_WIDGET (gtk_widget_get_root (widget));
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
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

typedef struct
{
  GtkWidget     *root;
  GType          type;
  Match          match;
  gconstpointer  data;
  GtkWidget     *found;
} WidgetSearch;

static gboolean
widget_appears (gpointer data)
{
  WidgetSearch *search = data;

  search->found = find_widget (search->root, search->type, search->match, search->data);
  return search->found != NULL;
}

/* The first widget of @type under @root that @match accepts (any, when
 * NULL), once there is one. */
static GtkWidget *
wait_for_widget (gpointer       root,
                 GType          type,
                 Match          match,
                 gconstpointer  data,
                 const char    *what)
{
  WidgetSearch search = { root, type, match, data, NULL };

  wait_for (widget_appears, &search, what);
  return search.found;
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
}

/* Chooses @value in a rating row the way a click or a key does: through
 * the scale's "rating.select" action. */
static void
choose_in_row (TmRatingRow *row,
               int          value)
{
  GtkWidget *scale = child (row, TM_TYPE_RATING_ROW, "scale");

  g_assert_true (gtk_widget_activate_action (scale, "rating.select", "i", value));
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
}

static void
type_note (TmCheckinForm *form,
           const char    *text)
{
  GtkTextView *view = child (form, TM_TYPE_CHECKIN_FORM, "note_view");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
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

/* What the main window's pages and dialogs share. */
static TmContext *
context_of (Fixture *f)
{
  return tm_window_get_context (f->window);
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
count_checkins_in (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM checkin", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static int
count_checkins (Fixture *f)
{
  return count_checkins_in (f->db_path);
}

/* ---- starting and stopping Tidemark --------------------------------- */

typedef void (*Body) (Fixture *f);

static gboolean
run_body_cb (gpointer data)
{
  Fixture *f = data;
  GList *windows;

  f->window = (TmWindow *) gtk_application_get_active_window (GTK_APPLICATION (f->app));
  if (TM_IS_RECOVERY_WINDOW (f->window))
    {
      f->recovery = TM_RECOVERY_WINDOW (f->window);
      f->window = NULL;
      wait_for (is_mapped, f->recovery, "the window saying the data can't be opened");
      f->body (f);
      f->recovery = NULL;
      goto quit;
    }
  if (!TM_IS_WINDOW (f->window))
    g_error ("The main window is %s (%u windows)", f->window != NULL ? G_OBJECT_TYPE_NAME (f->window) : "missing",
             g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))));
  wait_for (is_mapped, f->window, "the main window");

  f->body (f);

quit:
  /* As when the person quits. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  f->window = NULL;
  g_application_quit (G_APPLICATION (f->app));

  return G_SOURCE_REMOVE;
}

/* The body runs once, after the first activation: an activation the body
 * makes itself (a window asked for again) is its own. */
static void
on_activate_cb (GApplication *app,
                Fixture      *f)
{
  g_signal_handlers_disconnect_by_func (app, on_activate_cb, f);
  g_idle_add (run_body_cb, f);
}

/* Runs Tidemark as it runs for a person, with @body driving its window
 * and @arguments on its command line. */
static void
run_app_with (Fixture     *f,
              Body         body,
              const char  *arguments)
{
  g_auto(GStrv) argv = g_strsplit (arguments, " ", -1);

  f->app = tm_application_new ();
  f->body = body;
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (f->app, "activate", G_CALLBACK (on_activate_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), (int) g_strv_length (argv), argv), ==, 0);
  g_clear_object (&f->app);
}

static void
run_app (Fixture *f,
         Body     body)
{
  run_app_with (f, body, "tidemark");
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

/* A questionnaire of @kind answered on @day, every answer 0. */
static void
store_questionnaire (Fixture             *f,
                     TmQuestionnaireKind  kind,
                     const char          *day)
{
  g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (kind, day);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < tm_questionnaire_kind_get_n_items (kind); i++)
    q->answers[i] = 0;
  if (kind == TM_QUESTIONNAIRE_FOLLOWUP)
    q->tolerance = 8;
  g_assert_true (tm_store_save_questionnaire (tm_application_get_store (f->app), q, &error));
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
  /* Instants have whole seconds: a second later, so that the change shows. */
  wait_for (clock_has_passed, first.updated_at, "the clock to pass the first save");
  choose_rating (form, "mood_row", 8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));

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

/* The disk fills, then the file can't be written: each save says why, the
 * form keeps what was typed, and nothing stored changes. Once writing
 * works again, the same form saves. */
static void
today_store_failure_keeps_typing_body (Fixture *f)
{
  static const struct
  {
    const char *pragma;
    const char *says;
  } failures[] = {
    { "PRAGMA max_page_count = 1", "There is no space left on the disk" },
    { "PRAGMA query_only = 1", "Tidemark can't write to" },
  };
  g_autofree char *yesterday = day_ago (1);
  g_autofree char *today = tm_day_today ();
  sqlite3 *db = tm_store_get_db (tm_application_get_store (f->app));
  TmCheckinForm *form = today_form (f);
  GtkWidget *save_button = child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button");
  TmErrorLabel *error_label = child (form, TM_TYPE_CHECKIN_FORM, "general_error");
  g_autoptr(GString) long_note = g_string_new ("Keep every word of this. ");
  g_auto(Row) row = { 0 };

  store_checkin (f, yesterday, 3, "Already here");
  /* Long enough that it needs pages the full disk doesn't have. */
  while (long_note->len < 9000)
    g_string_append (long_note, "Still typing, and all of it matters. ");

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *note = NULL;

      g_assert_cmpint (sqlite3_exec (db, failures[i].pragma, NULL, NULL, NULL), ==, SQLITE_OK);
      if (i == 0)
        {
          choose_rating (form, "mood_row", 7);
          type_note (form, long_note->str);
        }
      click (save_button);

      g_assert_true (tm_error_label_get_shown (error_label));
      g_assert_nonnull (strstr (tm_error_label_get_message (error_label), failures[i].says));
      g_assert_nonnull (strstr (tm_error_label_get_message (error_label), "the check-in was not saved"));
      note = note_text (form);
      g_assert_cmpstr (note, ==, long_note->str);
      g_assert_true (tm_checkin_form_get_dirty (form));
      g_assert_cmpint (count_checkins (f), ==, 1);
      g_assert_false (read_row (f, today, &row));
    }

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = 0; PRAGMA max_page_count = 1073741823", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  click (save_button);
  g_assert_false (tm_error_label_get_shown (error_label));
  g_assert_true (read_row (f, today, &row));
  g_assert_cmpint (row.mood, ==, 7);
  g_assert_cmpstr (row.note, ==, long_note->str);
  row_clear (&row);
  g_assert_true (read_row (f, yesterday, &row));
  g_assert_cmpstr (row.note, ==, "Already here");
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

static TmCheckinDialog *
find_editor (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (TM_IS_CHECKIN_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
editor_is_open (gpointer data)
{
  return find_editor (data) != NULL;
}

static gboolean
today_is_shown (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (adw_view_stack_get_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack")), "today") == 0;
}

static gboolean
editor_is_closed (gpointer data)
{
  return find_editor (data) == NULL;
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
  TmCheckinDialog *editor;
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
  g_assert_cmpstr (gtk_label_get_label (child (editor, TM_TYPE_CHECKIN_DIALOG, "day_label")), ==, long_day);

  form = child (editor, TM_TYPE_CHECKIN_DIALOG, "form");
  g_assert_cmpstr (tm_checkin_form_get_day (form), ==, earlier);
  g_assert_cmpint (tm_rating_row_get_value (child (form, TM_TYPE_CHECKIN_FORM, "mood_row")), ==, 3);
  /* Instants have whole seconds: a second later, so that the change shows. */
  wait_for (clock_has_passed, before.updated_at, "the clock to pass the first save");
  choose_rating (form, "mood_row", 5);
  type_note (form, "Rough day, calmer evening.");
  click (child (editor, TM_TYPE_CHECKIN_DIALOG, "save_button"));
  wait_for (editor_is_closed, f, "the editor to close");

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
  wait_for (today_is_shown, f, "Today");
  settle ();
  g_assert_null (find_editor (f));
}

static gboolean
undo_button_appears (gpointer data)
{
  return find_widget (data, GTK_TYPE_BUTTON, button_has_label, "_Undo") != NULL;
}

static gboolean
label_has_text (GtkWidget     *widget,
                gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* News that comes quickly one after another (a save, then an import's
 * result): the newest shows, and a toast dismissed while it is still
 * sliding in does not bring the window down. */
static gboolean
fourth_toast_shows (gpointer data)
{
  Fixture *f = data;

  return find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, label_has_text, "Fourth") != NULL;
}

static void
toasts_in_a_row_body (Fixture *f)
{
  /* The pauses are the test, not a wait: news 400 ms apart, then 50 ms,
   * while the toast before is still sliding in (the context lets a toast
   * settle for 600 ms). Nothing can be seen to wait for here. */
  tm_context_add_toast (context_of (f), adw_toast_new ("First"));
  spin (400);
  tm_context_add_toast (context_of (f), adw_toast_new ("Second"));
  spin (50);
  tm_context_add_toast (context_of (f), adw_toast_new ("Third"));
  spin (50);
  tm_context_add_toast (context_of (f), adw_toast_new ("Fourth"));
  wait_for (fourth_toast_shows, f, "the newest toast");
  g_assert_null (find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, label_has_text, "Third"));
}

static void
test_toasts_in_a_row (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, toasts_in_a_row_body);
}

static void
history_delete_and_undo_body (Fixture *f)
{
  g_autofree char *earlier = day_ago (5);
  g_autofree char *other = day_ago (6);
  g_auto(Row) before = { 0 };
  g_auto(Row) after = { 0 };
  TmHistoryPage *page;
  TmCheckinDialog *editor;
  GtkWidget *row;

  store_checkin (f, earlier, 2, "Delete me, then bring me back.");
  store_checkin (f, other, 7, NULL);
  g_assert_true (read_row (f, earlier, &before));

  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "history");
  page = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
  row = wait_for_history_row (GTK_WIDGET (page), earlier);

  /* No one-click delete in the list: it is done from the editor. */
  g_assert_null (find_widget (row, GTK_TYPE_BUTTON, NULL, NULL));
  g_signal_emit_by_name (child (page, TM_TYPE_HISTORY_PAGE, "list_view"), "activate", 0);
  wait_for (editor_is_open, f, "the check-in editor");
  editor = find_editor (f);
  wait_for (is_mapped, editor, "the editor to show");
  click (child (editor, TM_TYPE_CHECKIN_DIALOG, "delete_button"));
  wait_for (editor_is_closed, f, "the editor to close");
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
message_dialog_is_closed (gpointer data)
{
  return find_message_dialog () == NULL;
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
  /* Answered from code, the dialog stays up: take it down as its buttons
   * would (gtk_window_close() would answer a second time). */
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (message_dialog_is_closed, NULL, "the question to go");
  settle ();
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


/* ---- sessions ---------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *taken_at;
  double  dose_mg;
  char   *route;
  char   *setting;
  int     monitor_present;
  int     mood_before;
  int     dissociation_peak;
  int     effects;
  int     effects_minutes;
  int     nausea;
  int     sedation;
  char   *bp;
  int     other_medicines;
  char   *note;
} SessionRow;

static void
session_row_clear (SessionRow *row)
{
  g_free (row->taken_at);
  g_free (row->route);
  g_free (row->setting);
  g_free (row->bp);
  g_free (row->note);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionRow, session_row_clear)

static int
count_rows_in (Fixture    *f,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct
{
  Fixture    *f;
  const char *rows;
  int         n;
} RowCount;

static gboolean
rows_counted (gpointer data)
{
  RowCount *count = data;

  return count_rows_in (count->f, count->rows) == count->n;
}

/* Waits until the data file holds @n of @rows ("session WHERE …"). */
static void
wait_for_rows (Fixture    *f,
               const char *rows,
               int         n)
{
  RowCount count = { f, rows, n };
  g_autofree char *what = g_strdup_printf ("%d of %s", n, rows);

  wait_for (rows_counted, &count, what);
}

static gboolean
read_session_row (Fixture    *f,
                  SessionRow *row)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean found;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT id, taken_at, dose_mg, route, setting, monitor_present,"
                   " coalesce(mood_before, -1), coalesce(dissociation_peak, -1), effects,"
                   " coalesce(effects_minutes, -1), coalesce(nausea, -1), coalesce(sedation, -1),"
                   " (SELECT coalesce(group_concat(r, ' '), '') FROM"
                   "   (SELECT minutes_after || ':' || coalesce(bp_sys || '/' || bp_dia, '-') ||"
                   "           coalesce(' p' || pulse, '') || coalesce(' d' || dissociation, '') AS r"
                   "    FROM session_reading WHERE session_id = session.id ORDER BY minutes_after)),"
                   " other_medicines, note"
                   " FROM session ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->taken_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->dose_mg = sqlite3_column_double (stmt, 2);
      row->route = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->setting = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->monitor_present = sqlite3_column_int (stmt, 5);
      row->mood_before = sqlite3_column_int (stmt, 6);
      row->dissociation_peak = sqlite3_column_int (stmt, 7);
      row->effects = sqlite3_column_int (stmt, 8);
      row->effects_minutes = sqlite3_column_int (stmt, 9);
      row->nausea = sqlite3_column_int (stmt, 10);
      row->sedation = sqlite3_column_int (stmt, 11);
      row->bp = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
      row->other_medicines = sqlite3_column_int (stmt, 13);
      row->note = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

static gboolean
window_of_type_is_open (gpointer data)
{
  Fixture *f = data;
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (f->app), "tm-test-type"));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data))
      return TRUE;
  return FALSE;
}

/* Waits for a window of @type to show, and returns it. */
static gpointer
wait_for_window (Fixture *f,
                 GType    type)
{
  g_object_set_data (G_OBJECT (f->app), "tm-test-type", GSIZE_TO_POINTER (type));
  wait_for (window_of_type_is_open, f, g_type_name (type));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static gboolean
window_of_type_is_gone (gpointer data)
{
  Fixture *f = data;
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (f->app), "tm-test-type"));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return FALSE;
  return TRUE;
}

static void
wait_for_window_gone (Fixture *f,
                      GType    type)
{
  g_object_set_data (G_OBJECT (f->app), "tm-test-type", GSIZE_TO_POINTER (type));
  wait_for (window_of_type_is_gone, f, "the window to close");
}

static gboolean
row_has_title (GtkWidget     *widget,
               gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The check button of the row titled @title. */
static GtkWidget *
find_check_in (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = find_widget (root, ADW_TYPE_ACTION_ROW, row_has_title, title);

  return row != NULL ? find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL, NULL) : NULL;
}

/* For the eye: @widget scrolled into sight, @above pixels below the top. */
static void
scroll_to (gpointer widget,
           double   above)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t at;

  settle ();
  if (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                &GRAPHENE_POINT_INIT (0, 0), &at))
    gtk_adjustment_set_value (adjustment, at.y - above);
  settle ();
}

/* Adds a reading in the session editor as a person does: Add Reading,
 * then its values typed into the row that opens. */
static TmReadingRow *
add_reading (TmSessionDialog *editor,
             const char      *minutes,
             const char      *bp,
             const char      *pulse,
             int              dissociation)
{
  AdwPreferencesGroup *group = child (editor, TM_TYPE_SESSION_DIALOG, "readings_group");
  TmReadingRow *row = NULL;

  click (child (editor, TM_TYPE_SESSION_DIALOG, "add_reading_button"));
  /* The newest row is the last one. */
  for (GtkWidget *w = find_widget (GTK_WIDGET (group), TM_TYPE_READING_ROW, NULL, NULL); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (TM_IS_READING_ROW (w))
      row = TM_READING_ROW (w);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  if (minutes != NULL)
    type_text (child (row, TM_TYPE_READING_ROW, "minutes_row"), minutes);
  if (bp != NULL)
    type_text (child (row, TM_TYPE_READING_ROW, "bp_row"), bp);
  if (pulse != NULL)
    type_text (child (row, TM_TYPE_READING_ROW, "pulse_row"), pulse);
  if (dissociation >= 0)
    choose_in_row (child (row, TM_TYPE_READING_ROW, "dissociation_row"), dissociation);
  return row;
}

static void
sessions_log_through_editor_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *expected_start = g_strdup_printf ("%sT00:05:00", today);
  g_auto(SessionRow) row = { 0 };
  TmSessionDialog *editor;
  TmEffectsRow *effects_row;
  GtkWidget *minutes_row;
  GtkWidget *check;
  GtkTextView *note_view;
  const char *note = "Intention: rest.\nFelt held by the music.";
  TmSessionsPage *page;

  /* "Log a Dosing Session" on Today opens the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);

  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "time_row"), "00:05");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "37,5");
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "route_row"), TM_ROUTE_SUBLINGUAL);
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "setting_row"), TM_SETTING_CLINIC);
  gtk_switch_set_active (child (editor, TM_TYPE_SESSION_DIALOG, "monitor_switch"), TRUE);
  choose_in_row (child (editor, TM_TYPE_SESSION_DIALOG, "mood_before_row"), 4);
  choose_in_row (child (editor, TM_TYPE_SESSION_DIALOG, "peak_row"), 6);

  effects_row = child (editor, TM_TYPE_SESSION_DIALOG, "effects_row");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (effects_row), TRUE);
  check = find_check_in (GTK_WIDGET (effects_row), "Felt detached from my body");
  g_assert_nonnull (check);
  gtk_widget_activate (check);
  minutes_row = find_widget (GTK_WIDGET (effects_row), ADW_TYPE_ENTRY_ROW, NULL, NULL);
  type_text (minutes_row, "1:30");

  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "nausea_row"), 2);   /* mild */
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "sedation_row"), 1); /* none */
  /* Three readings: the first comes as before the dose, the next at 40
   * minutes; the last typed in out of order, and kept in order. */
  g_assert_cmpstr (gtk_editable_get_text (child (add_reading (editor, NULL, "128/82", "70", -1),
                                                 TM_TYPE_READING_ROW, "minutes_row")), ==, "0");
  add_reading (editor, "150", "126/80", NULL, 0);
  g_assert_cmpstr (gtk_editable_get_text (child (add_reading (editor, NULL, "135 / 85", "84", 5),
                                                 TM_TYPE_READING_ROW, "minutes_row")), ==, "170");
  type_text (child (find_widget (GTK_WIDGET (editor), TM_TYPE_READING_ROW, row_has_title, "2 h 50 min"),
                    TM_TYPE_READING_ROW, "minutes_row"), "40");
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), TM_TYPE_READING_ROW, row_has_title, "40 min"));
  scroll_to (child (editor, TM_TYPE_SESSION_DIALOG, "readings_group"), 20);
  save_snapshot (editor, "session-readings");
  /* The chart of the blood pressures shows once there is one. */
  g_assert_true (gtk_widget_get_visible (child (editor, TM_TYPE_SESSION_DIALOG, "reading_chart")));
  check = find_check_in (GTK_WIDGET (editor), "Sleep medicine");
  gtk_widget_activate (check);
  note_view = child (editor, TM_TYPE_SESSION_DIALOG, "note_view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view), note, -1);

  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);

  g_assert_true (read_session_row (f, &row));
  g_assert_true (g_str_has_prefix (row.taken_at, expected_start));
  g_assert_cmpfloat (row.dose_mg, ==, 37.5);
  g_assert_cmpstr (row.route, ==, "sublingual");
  g_assert_cmpstr (row.setting, ==, "clinic");
  g_assert_cmpint (row.monitor_present, ==, 1);
  g_assert_cmpint (row.mood_before, ==, 4);
  g_assert_cmpint (row.dissociation_peak, ==, 6);
  g_assert_cmpint (row.effects, ==, TM_EFFECT_DETACHED);
  g_assert_cmpint (row.effects_minutes, ==, 90);
  g_assert_cmpint (row.nausea, ==, 1);
  g_assert_cmpint (row.sedation, ==, 0);
  g_assert_cmpstr (row.bp, ==, "0:128/82 p70 40:135/85 p84 d5 150:126/80 d0");
  g_assert_cmpint (row.other_medicines, ==, TM_MEDICINE_SLEEP);
  g_assert_cmpstr (row.note, ==, note);

  /* The Sessions page lists it. */
  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "sessions");
  page = TM_SESSIONS_PAGE (tm_window_get_page (f->window, "sessions"));
  wait_for (is_mapped, page, "the Sessions page");
  {
    GtkWidget *session_row = wait_for_widget (page, TM_TYPE_SESSION_ROW, NULL, NULL, "a row in Sessions");

    g_assert_cmpstr (gtk_label_get_label (child (session_row, TM_TYPE_SESSION_ROW, "dose_label")), ==, "37.5 mg");
    g_assert_cmpstr (gtk_label_get_label (child (session_row, TM_TYPE_SESSION_ROW, "readings_label")), ==,
                     "Mood before 4/10 · Dissociation 6/10 · Nausea: Mild · Sedation: None · BP before 128/82, "
                     "highest after 135/85 at 40 min · Other medicines: Sleep medicine");
  }
}

static void
sessions_refusals_and_edit_body (Fixture *f)
{
  g_auto(SessionRow) first = { 0 };
  g_auto(SessionRow) second = { 0 };
  TmSessionDialog *editor;
  TmSessionsPage *page;
  GtkListView *list_view;
  TmErrorLabel *dose_error;
  TmErrorLabel *readings_error;
  TmReadingRow *reading;
  GtkWidget *session_row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  dose_error = child (editor, TM_TYPE_SESSION_DIALOG, "dose_error");
  readings_error = child (editor, TM_TYPE_SESSION_DIALOG, "readings_error");

  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "time_row"), "00:10");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "fifty");
  reading = add_reading (editor, NULL, "128", NULL, -1);
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_true (tm_error_label_get_shown (dose_error));
  g_assert_cmpstr (tm_error_label_get_message (dose_error), ==,
                   "“fifty” is not a dose. Write it in mg, for example 50 or 37.5.");
  g_assert_cmpint (count_rows_in (f, "session"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row")), ==, "fifty");

  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "50");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (readings_error), ==,
                   "“128” is not a blood pressure. Write it as two numbers, like 128/82.");
  g_assert_true (gtk_widget_has_css_class (child (reading, TM_TYPE_READING_ROW, "bp_row"), "error"));
  g_assert_cmpint (count_rows_in (f, "session"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (child (reading, TM_TYPE_READING_ROW, "bp_row")), ==, "128");

  type_text (child (reading, TM_TYPE_READING_ROW, "bp_row"), "82/128");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (readings_error), ==,
                   "The upper number (systolic) must be higher than the lower one (diastolic), as in 128/82.");
  g_assert_cmpint (count_rows_in (f, "session"), ==, 0);

  /* A reading with nothing in it, and one at the same minute. */
  type_text (child (reading, TM_TYPE_READING_ROW, "bp_row"), "");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (readings_error), ==,
                   "A reading needs something read: a blood pressure, a pulse, dissociation, sedation, nausea or "
                   "a note.");
  type_text (child (reading, TM_TYPE_READING_ROW, "pulse_row"), "72");
  type_text (child (add_reading (editor, "0", NULL, "75", -1), TM_TYPE_READING_ROW, "minutes_row"), "0");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (readings_error), ==,
                   "There are two readings before the dose. Change the minutes of one, or remove it.");
  g_assert_cmpint (count_rows_in (f, "session"), ==, 0);

  /* Removed: the first reading goes, the other is kept. */
  g_signal_emit_by_name (reading, "remove");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_true (read_session_row (f, &first));
  g_assert_cmpfloat (first.dose_mg, ==, 50);
  g_assert_cmpstr (first.bp, ==, "0:- p75");

  /* Edited from the Sessions page: the same row changes. */
  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "sessions");
  page = TM_SESSIONS_PAGE (tm_window_get_page (f->window, "sessions"));
  list_view = child (page, TM_TYPE_SESSIONS_PAGE, "list_view");
  wait_for (is_mapped, list_view, "the list of sessions");
  g_signal_emit_by_name (list_view, "activate", 0);
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row")), ==, "50");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "42.5");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_true (read_session_row (f, &second));
  g_assert_cmpint (second.id, ==, first.id);
  g_assert_cmpfloat (second.dose_mg, ==, 42.5);
  g_assert_cmpstr (second.taken_at, ==, first.taken_at);
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);

  /* Deleted from its editor, not from the list; brought back from the toast. */
  session_row = find_widget (GTK_WIDGET (page), TM_TYPE_SESSION_ROW, NULL, NULL);
  g_assert_null (find_widget (session_row, GTK_TYPE_BUTTON, NULL, NULL));
  g_signal_emit_by_name (list_view, "activate", 0);
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  click (child (editor, TM_TYPE_SESSION_DIALOG, "delete_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpint (count_rows_in (f, "session"), ==, 0);
  wait_for (undo_button_appears, f->window, "the undo toast");
  click (find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, button_has_label, "_Undo"));
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);
}

static gboolean cell_shows_day (GtkWidget     *widget,
                                gconstpointer  day);

static gboolean
session_row_says (GtkWidget     *widget,
                  gconstpointer  when)
{
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (widget, TM_TYPE_SESSION_ROW, "when_label"));

  return g_strcmp0 (gtk_label_get_label (label), when) == 0;
}

/* A session taken late in the evening in New York (the next morning on
 * this machine, in Berlin) shows its own day and time, with the offset
 * there, in the Sessions list and the calendar, and is on time for the day
 * planned there. */
static void
sessions_times_as_taken_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autofree char *today = tm_day_today ();
  g_autofree char *day = tm_day_add (today, -3);
  g_autofree char *next_day = tm_day_add (today, -2);
  g_autofree char *day_text = tm_day_format_long (day);
  g_autofree char *expected = g_strdup_printf ("%s, 23:30 (UTC-05:00)", day_text);
  g_autoptr(TmPlan) plan = tm_plan_new (day);
  g_autoptr(TmSession) session = tm_session_new ();
  g_autoptr(GError) error = NULL;
  TmSessionsPage *page;
  TmCalendarPage *calendar;
  GtkWidget *row = NULL;
  GtkWidget *cell;

  plan->interval_days = 14;
  plan->dose_mg = 50;
  plan->tolerance_days = 0;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_no_error (error);
  session->taken_at = g_strdup_printf ("%sT23:30:00-05:00", day);
  session->dose_mg = 50;
  g_assert_true (tm_store_save_session (store, session, &error));
  g_assert_no_error (error);

  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "sessions");
  page = TM_SESSIONS_PAGE (tm_window_get_page (f->window, "sessions"));
  wait_for (is_mapped, page, "the Sessions page");
  row = wait_for_widget (page, TM_TYPE_SESSION_ROW, NULL, NULL, "a row in Sessions");
  g_assert_cmpstr (gtk_label_get_label (child (row, TM_TYPE_SESSION_ROW, "when_label")), ==, expected);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), TM_TYPE_SESSION_ROW, session_row_says, expected));

  /* The editor shows it as taken there, says where, and keeps it so. */
  {
    GtkListView *list_view = child (page, TM_TYPE_SESSIONS_PAGE, "list_view");
    g_auto(SessionRow) saved = { 0 };
    TmSessionDialog *editor;
    AdwEntryRow *time_row;

    g_signal_emit_by_name (list_view, "activate", 0);
    editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
    time_row = child (editor, TM_TYPE_SESSION_DIALOG, "time_row");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_row)), ==, "23:30");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (time_row)), ==, "Time (UTC-05:00)");
    type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "40");
    click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
    wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
    g_assert_true (read_session_row (f, &saved));
    g_assert_cmpstr (saved.taken_at, ==, session->taken_at);
    g_assert_cmpfloat (saved.dose_mg, ==, 40);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-day", "s", day));
  calendar = TM_CALENDAR_PAGE (tm_window_get_page (f->window, "calendar"));
  wait_for (is_mapped, calendar, "the calendar");
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, day);
  g_assert_cmpint (tm_day_cell_get_marks (TM_DAY_CELL (cell))->n_taken, ==, 1);
  g_assert_cmpint (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned_status, ==, TM_PLANNED_ON_TIME);
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, next_day);
  if (cell != NULL)
    g_assert_cmpint (tm_day_cell_get_marks (TM_DAY_CELL (cell))->n_taken, ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (calendar, TM_TYPE_CALENDAR_PAGE, "session_row")), ==,
                   "23:30 (UTC-05:00) · 40 mg Sublingual");
}

static void
test_sessions_times_as_taken (Fixture       *f,
                              gconstpointer  data)
{
  run_app (f, sessions_times_as_taken_body);
}

/* The row of the session taken at 10:00 on @day, once the list shows it. */
static GtkWidget *
wait_for_session_row (TmSessionsPage *page,
                      const char     *day)
{
  g_autofree char *day_text = tm_day_format_long (day);
  g_autofree char *when = g_strdup_printf ("%s, 10:00", day_text);

  return wait_for_widget (page, TM_TYPE_SESSION_ROW, session_row_says, when, when);
}

static const char *
row_label (GtkWidget  *row,
           const char *name)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (row, TM_TYPE_SESSION_ROW, name));

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
row_label_is (gpointer data)
{
  GtkWidget *row = data;
  const char *expected = g_object_get_data (G_OBJECT (row), "tm-test-expected");

  return g_strcmp0 (row_label (row, "status_label"), expected) == 0;
}

/* Each row says how its session stands against the plan, the days since
 * the dose before, what was felt and taken, and who was there; a new plan
 * row changes what the rows say. Worked out by hand: planned every 14 days
 * from 30 days ago, 2 days either side, 50 mg oral. */
static void
sessions_statuses_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autofree char *today = tm_day_today ();
  g_autofree char *plan_day = tm_day_add (today, -30);
  g_autofree char *early_day = tm_day_add (today, -17);   /* planned −16: 1 day early */
  g_autofree char *beyond_day = tm_day_add (today, -5);   /* planned −2: 3 days before, outside */
  g_autoptr(TmPlan) plan = tm_plan_new (plan_day);
  g_autoptr(TmPlan) new_plan = tm_plan_new (beyond_day);
  g_autoptr(GError) error = NULL;
  TmSessionsPage *page;
  GtkWidget *row;
  struct
  {
    const char *day;
    double      dose_mg;
    TmRoute     route;
    TmSetting   setting;
    gboolean    someone;
  } sessions[] = {
    { plan_day, 50, TM_ROUTE_ORAL, TM_SETTING_HOME, TRUE },
    { early_day, 50, TM_ROUTE_SUBLINGUAL, TM_SETTING_CLINIC, TRUE },
    { beyond_day, 60, TM_ROUTE_ORAL, TM_SETTING_HOME, FALSE },
  };

  plan->interval_days = 14;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 2;

  /* In one transaction, so that no prompt is raised meanwhile. */
  g_assert_true (tm_store_begin (store, &error));
  g_assert_true (tm_store_add_plan (store, plan, &error));
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr(TmSession) s = tm_session_new ();

      s->taken_at = tm_instant_from_local (sessions[i].day, 10, 0, &error);
      s->dose_mg = sessions[i].dose_mg;
      s->route = sessions[i].route;
      s->setting = sessions[i].setting;
      s->monitor_present = sessions[i].someone;
      if (i == 0)
        {
          s->mood_before = 6;
          s->nausea = 1;
          s->sedation = 2;
          s->other_medicines = TM_MEDICINE_BENZODIAZEPINE | TM_MEDICINE_SLEEP;
        }
      if (i == 2)
        tm_test_add_bp (s, 40, 150, 95);
      g_assert_true (tm_store_save_session (store, s, &error));
    }
  g_assert_true (tm_store_commit (store, &error));
  g_assert_no_error (error);

  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "sessions");
  page = TM_SESSIONS_PAGE (tm_window_get_page (f->window, "sessions"));
  wait_for (is_mapped, page, "the Sessions page");

  row = wait_for_session_row (page, plan_day);
  g_assert_cmpstr (row_label (row, "status_label"), ==, "On the day");
  g_assert_cmpstr (row_label (row, "details_label"), ==, "Oral · At home · Someone with them (self-reported)");
  g_assert_cmpstr (row_label (row, "readings_label"), ==,
                   "Mood before 6/10 · Nausea: Mild · Sedation: Moderate · "
                   "Other medicines: Benzodiazepine, Sleep medicine");

  row = wait_for_session_row (page, early_day);
  g_assert_cmpstr (row_label (row, "status_label"), ==,
                   "Early (1 day) · route differs · 13 days since the previous dose");
  g_assert_cmpstr (row_label (row, "details_label"), ==, "Sublingual · At a clinic · Someone with them (self-reported)");
  g_assert_null (row_label (row, "readings_label"));

  row = wait_for_session_row (page, beyond_day);
  g_assert_cmpstr (row_label (row, "status_label"), ==,
                   "Beyond the plan · above the plan's dose · 12 days since the previous dose");
  g_assert_cmpstr (row_label (row, "details_label"), ==, "Oral · At home · Nobody with them (self-reported)");
  g_assert_cmpstr (row_label (row, "readings_label"), ==, "BP after 150/95 at 40 min");

  /* The clinician starts a 60 mg plan on that day: the row says so at once. */
  new_plan->interval_days = 14;
  new_plan->dose_mg = 60;
  new_plan->route = TM_ROUTE_ORAL;
  new_plan->tolerance_days = 2;
  g_assert_true (tm_store_add_plan (store, new_plan, &error));
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (row), "tm-test-expected", (gpointer) "On the day · 12 days since the previous dose");
  wait_for (row_label_is, row, "the row to show the new plan");
}

static void
test_sessions_statuses (Fixture       *f,
                        gconstpointer  data)
{
  run_app (f, sessions_statuses_body);
}

/* ---- questionnaires ---------------------------------------------------- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
answer (TmQuestionnaireDialog *window,
        int                    item,
        int                    value)
{
  g_autofree char *name = g_strdup_printf ("item-%d-answer-%d", item, value);
  GtkWidget *check = find_named (GTK_WIDGET (window), name);

  g_assert_nonnull (check);
  gtk_widget_activate (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static void
questionnaire_phq9_body (Fixture *f)
{
  const int answers[9] = { 1, 2, 1, 2, 0, 1, 2, 0, 0 };
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  GtkWidget *phq9_row = child (today, TM_TYPE_TODAY_PAGE, "phq9_row");
  GtkWidget *gad7_row = child (today, TM_TYPE_TODAY_PAGE, "gad7_row");
  TmQuestionnaireDialog *window;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* Nothing answered yet: both are due on Today. */
  g_assert_true (gtk_widget_get_visible (phq9_row));
  g_assert_true (gtk_widget_get_visible (gad7_row));

  g_signal_emit_by_name (phq9_row, "activate");
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);

  /* Item 5 left open: refused, nothing stored. */
  for (int i = 0; i < 9; i++)
    if (i != 4)
      answer (window, i + 1, answers[i]);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));
  g_assert_cmpint (count_rows_in (f, "questionnaire"), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), TM_TYPE_ERROR_LABEL, NULL, NULL));
  g_assert_cmpstr (tm_error_label_get_message (TM_ERROR_LABEL (find_widget (GTK_WIDGET (window), TM_TYPE_ERROR_LABEL, NULL, NULL))),
                   ==, "Answer every question before saving: question 5 has no answer yet.");

  answer (window, 5, answers[4]);
  gtk_widget_activate (find_named (GTK_WIDGET (window), "difficulty-answer-1"));
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));

  /* The result: total, band and its meaning. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "stack")), ==, "result");
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "total_label")), ==, "9 of 27");
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "band_label")), ==, "PHQ-9: Mild");
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "meaning_label")), ==,
                   "Mild symptoms of depression. Worth keeping an eye on and mentioning to your clinician.");
  g_assert_false (gtk_widget_get_visible (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "self_harm_box")));

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT kind, answers, difficulty, total FROM questionnaire",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "phq9");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "121201200");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 9);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "done_button"));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);

  /* Today no longer asks for the PHQ-9; the GAD-7 is still due. */
  g_assert_false (gtk_widget_get_visible (phq9_row));
  g_assert_true (gtk_widget_get_visible (gad7_row));
}

static void
questionnaire_item9_body (Fixture *f)
{
  TmQuestionnaireDialog *window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-questionnaire", "s", "phq9"));
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  for (int i = 1; i <= 8; i++)
    answer (window, i, 0);
  answer (window, 9, 1);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));

  /* A low total, and still the item-9 notice; no reassurance of the band. */
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "total_label")), ==, "1 of 27");
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "meaning_label")), ==,
                   "You told us about thoughts of being better off dead or of hurting yourself. "
                   "That matters more than the total.");
  g_assert_true (gtk_widget_get_visible (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "self_harm_box")));
  /* Nothing suggests that the clinician is told. */
  g_assert_nonnull (strstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "self_harm_label")),
                            "Tidemark doesn't send anything to your clinician"));
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "done_button"));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
}


/* ---- the monthly follow-up --------------------------------------------- */

/* The follow-up's answers in the data file, as stored: "000001020000|7". */
static char *
stored_followup (Fixture *f)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT answers, tolerance FROM questionnaire WHERE kind = 'followup'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup_printf ("%s|%d", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* Memory a little, other substances a lot, the rest no: answers that no
 * safety rule prompts for (S10 asks at memory 2). */
static const int followup_answers[TM_N_FOLLOWUP_ITEMS] = { 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0 };

static void
followup_fill_and_save_body (Fixture *f)
{
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  GtkWidget *followup_row = child (today, TM_TYPE_TODAY_PAGE, "followup_row");
  TmQuestionnaireDialog *window;
  g_autofree char *stored = NULL;

  /* Never answered: due on Today, said so. */
  g_assert_true (gtk_widget_get_visible (followup_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (followup_row)), ==, "The Follow-up Is Due");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (followup_row)), ==,
                   "Long-term safety questionnaire · not answered yet");

  g_signal_emit_by_name (followup_row, "activate");
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  save_snapshot (window, "followup-form");

  /* Each item offers the answers of its scale: a yes/no item two. */
  g_assert_nonnull (find_named (GTK_WIDGET (window), "item-1-answer-2"));
  g_assert_null (find_named (GTK_WIDGET (window), "item-1-answer-3"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), "item-3-answer-1"));
  g_assert_null (find_named (GTK_WIDGET (window), "item-3-answer-2"));
  /* No difficulty question. */
  g_assert_null (find_named (GTK_WIDGET (window), "difficulty-answer-0"));

  for (int i = 0; i < TM_N_FOLLOWUP_ITEMS; i++)
    answer (window, i + 1, followup_answers[i]);

  /* Every item but not the tolerance: refused, and the scale is next. */
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));
  g_assert_cmpint (count_rows_in (f, "questionnaire"), ==, 0);
  g_assert_cmpstr (tm_error_label_get_message (TM_ERROR_LABEL (find_widget (GTK_WIDGET (window), TM_TYPE_ERROR_LABEL, NULL, NULL))),
                   ==, "Answer how well you are tolerating the treatment, from 0 to 10.");

  save_snapshot (window, "followup-tolerance");
  choose_in_row (TM_RATING_ROW (find_named (GTK_WIDGET (window), "tolerance")), 7);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));

  stored = stored_followup (f);
  g_assert_cmpstr (stored, ==, "000001002000|7");

  /* The result: no band, what was noted, the tolerance. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "stack")), ==, "result");
  g_assert_false (gtk_widget_get_visible (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "total_label")));
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "band_label")), ==,
                   "Follow-up: 2 noted");
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "tolerance_label")), ==,
                   "Tolerated 7 of 10");
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "meaning_label")), ==,
                   "Some answers are worth going over with your prescriber.");
  save_snapshot (window, "followup-result");
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "done_button"));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);

  /* Answered today: no longer due. */
  g_assert_false (gtk_widget_get_visible (followup_row));
}

static void
followup_refused_unanswered_body (Fixture *f)
{
  TmQuestionnaireDialog *window;
  GtkWidget *check;
  GtkWidget *heading;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-questionnaire", "s", "followup"));
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);

  /* Item 3 (blood in the urine) left open. */
  for (int i = 0; i < TM_N_FOLLOWUP_ITEMS; i++)
    if (i != TM_FOLLOWUP_BLOOD_IN_URINE)
      answer (window, i + 1, followup_answers[i]);
  choose_in_row (TM_RATING_ROW (find_named (GTK_WIDGET (window), "tolerance")), 4);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));

  /* Refused, nothing stored, the message names it, at the top. */
  g_assert_cmpint (count_rows_in (f, "questionnaire"), ==, 0);
  g_assert_cmpstr (tm_error_label_get_message (TM_ERROR_LABEL (find_widget (GTK_WIDGET (window), TM_TYPE_ERROR_LABEL, NULL, NULL))),
                   ==, "Answer every question before saving: question 3 has no answer yet.");
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (find_widget (GTK_WIDGET (window), TM_TYPE_ERROR_LABEL, NULL, NULL))) ==
                 GTK_WIDGET (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "stem_label")));

  /* The open item is marked and has the focus; its neighbours are not marked. */
  check = find_named (GTK_WIDGET (window), "item-3-answer-0");
  heading = gtk_widget_get_prev_sibling (gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX));
  g_assert_true (gtk_widget_has_css_class (heading, "error"));
  g_assert_true (gtk_widget_has_focus (check));
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_prev_sibling (gtk_widget_get_ancestor (
                    find_named (GTK_WIDGET (window), "item-2-answer-0"), GTK_TYPE_LIST_BOX)), "error"));
  save_snapshot (window, "followup-refused");

  /* What was answered is kept. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (window), "item-9-answer-2"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (window), "item-6-answer-1"))));
  g_assert_cmpint (tm_rating_row_get_value (TM_RATING_ROW (find_named (GTK_WIDGET (window), "tolerance"))), ==, 4);

  /* Answered: the mark goes, and it saves. */
  answer (window, 3, 0);
  g_assert_false (gtk_widget_has_css_class (heading, "error"));
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));
  g_assert_cmpint (count_rows_in (f, "questionnaire"), ==, 1);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "done_button"));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
}

static gboolean
questionnaire_row_appears (gpointer data)
{
  return find_widget (data, TM_TYPE_QUESTIONNAIRE_ROW, NULL, NULL) != NULL;
}

static void
followup_history_row_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, today);
  g_autoptr(GError) error = NULL;
  TmHistoryPage *page;
  GtkListView *list_view;
  GtkWidget *row;
  TmQuestionnaireDialog *window;
  g_autofree char *day = tm_day_format_long (today);
  g_autofree char *subtitle = g_strdup_printf ("%s · Tolerated 6 of 10", day);

  for (int i = 0; i < TM_N_FOLLOWUP_ITEMS; i++)
    q->answers[i] = followup_answers[i];
  q->answers[TM_FOLLOWUP_UPPER_BELLY_PAIN] = 1;
  q->tolerance = 6;
  g_assert_true (tm_store_save_questionnaire (tm_application_get_store (f->app), q, &error));
  g_assert_no_error (error);

  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "history");
  page = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
  gtk_stack_set_visible_child_name (child (page, TM_TYPE_HISTORY_PAGE, "section_stack"), "questionnaires");
  list_view = child (page, TM_TYPE_HISTORY_PAGE, "questionnaire_list_view");
  wait_for (questionnaire_row_appears, list_view, "the follow-up's row");
  row = find_widget (GTK_WIDGET (list_view), TM_TYPE_QUESTIONNAIRE_ROW, NULL, NULL);

  /* How many were noted, and the tolerance; no band. */
  g_assert_cmpstr (gtk_label_get_label (child (row, TM_TYPE_QUESTIONNAIRE_ROW, "title_label")), ==, "Follow-up · 3 noted");
  g_assert_cmpstr (gtk_label_get_label (child (row, TM_TYPE_QUESTIONNAIRE_ROW, "total_label")), ==, "3");
  g_assert_cmpstr (gtk_label_get_label (child (row, TM_TYPE_QUESTIONNAIRE_ROW, "day_label")), ==, subtitle);
  for (int band = 0; band <= TM_BAND_SEVERE; band++)
    {
      g_autofree char *band_class = g_strdup_printf ("band-%d", band);

      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (child (row, TM_TYPE_QUESTIONNAIRE_ROW, "total_label")), band_class));
    }
  save_snapshot (f->window, "followup-history");

  /* Opening it edits it in the form, its answers in place. */
  g_signal_emit_by_name (list_view, "activate", 0);
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (window), "item-5-answer-1"))));
  g_assert_cmpint (tm_rating_row_get_value (TM_RATING_ROW (find_named (GTK_WIDGET (window), "tolerance"))), ==, 6);

  /* No delete in the list; from the editor, with Undo. */
  g_assert_null (find_widget (row, GTK_TYPE_BUTTON, NULL, NULL));
  click (find_named (GTK_WIDGET (window), "delete_button"));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  g_assert_cmpint (count_rows_in (f, "questionnaire"), ==, 0);
  wait_for (undo_button_appears, f->window, "the undo toast");
  click (find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, button_has_label, "_Undo"));
  g_assert_cmpint (count_rows_in (f, "questionnaire WHERE kind = 'followup' AND tolerance = 6"), ==, 1);
}

static void
test_followup_fill_and_save (Fixture       *f,
                             gconstpointer  data)
{
  run_app (f, followup_fill_and_save_body);
}

static void
test_followup_refused_unanswered (Fixture       *f,
                                  gconstpointer  data)
{
  run_app (f, followup_refused_unanswered_body);
}

static void
test_followup_history_row (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, followup_history_row_body);
}

/* ---- clinician mode and the calendar ---------------------------------- */

/* Setting the first PIN: the app first says the clinician chooses it,
 * and only then asks for it. */
static void
pass_pin_intro (TmPinDialog *pin)
{
  g_assert_false (gtk_widget_get_visible (child (pin, TM_TYPE_PIN_DIALOG, "new_row")));
  g_assert_nonnull (strstr (gtk_label_get_label (child (pin, TM_TYPE_PIN_DIALOG, "explain_label")),
                            "Your clinician chooses this PIN"));
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));
  g_assert_true (gtk_widget_get_visible (child (pin, TM_TYPE_PIN_DIALOG, "new_row")));
  g_assert_cmpstr (gtk_button_get_label (child (pin, TM_TYPE_PIN_DIALOG, "ok_button")), ==, "_Set PIN");
}

static gboolean
cell_shows_day (GtkWidget     *widget,
                gconstpointer  day)
{
  return g_strcmp0 (tm_day_cell_get_day (TM_DAY_CELL (widget)), day) == 0;
}

static void
clinician_sets_plan_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *in_two_weeks = tm_day_add (today, 14);
  g_autofree char *tomorrow = tm_day_add (today, 1);
  TmPinDialog *pin;
  TmPlanDialog *editor;
  TmCalendarPage *calendar;
  GtkWidget *cell;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* First use: the clinician chooses a PIN, then the plan editor opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-plan", NULL));
  pin = wait_for_window (f, TM_TYPE_PIN_DIALOG);
  pass_pin_intro (pin);
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "new_row"), "24681");
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "confirm_row"), "24681");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));
  g_assert_cmpstr (tm_error_label_get_message (child (pin, TM_TYPE_PIN_DIALOG, "error_label")), ==,
                   "The PIN must have at least 6 digits (and at most 32).");
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "new_row"), "246810");
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "confirm_row"), "246810");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));

  editor = wait_for_window (f, TM_TYPE_PLAN_DIALOG);
  adw_combo_row_set_selected (child (editor, TM_TYPE_PLAN_DIALOG, "interval_row"), 1);  /* every 2 weeks */
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "dose_row"), "abc");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "author_row"), "Dr. Ortiz");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (child (editor, TM_TYPE_PLAN_DIALOG, "plan_error")), ==,
                   "“abc” is not a dose. Write it in mg, for example 50 or 37.5.");
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 0);
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "dose_row"), "50");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT effective_from, interval_days, dose_mg, route,"
                                           " tolerance_days, author FROM plan", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, today);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 14);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 50);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "sublingual");
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 2);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "Dr. Ortiz");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Today says a session is planned for today. */
  {
    TmTodayPage *today_page = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
    AdwActionRow *next = child (today_page, TM_TYPE_TODAY_PAGE, "next_session_row");

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (next)));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (next)), ==,
                     "A session is planned for today");
  }

  /* The calendar marks the planned days, and only them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-day", "s", today));
  calendar = TM_CALENDAR_PAGE (tm_window_get_page (f->window, "calendar"));
  wait_for (is_mapped, calendar, "the calendar");
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, today);
  g_assert_true (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned);
  g_assert_cmpint (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned_status, ==, TM_PLANNED_DUE);
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, tomorrow);
  if (cell != NULL)
    g_assert_false (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned);
  tm_calendar_page_select_day (calendar, in_two_weeks);
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, in_two_weeks);
  g_assert_true (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned);
  g_assert_cmpint (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned_status, ==, TM_PLANNED_UPCOMING);

  /* Next time the PIN is asked for; a wrong one waits and opens nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-plan", NULL));
  pin = wait_for_window (f, TM_TYPE_PIN_DIALOG);
  g_assert_false (gtk_widget_get_visible (child (pin, TM_TYPE_PIN_DIALOG, "new_row")));
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "current_row"), "135790");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));
  g_assert_cmpstr (tm_error_label_get_message (child (pin, TM_TYPE_PIN_DIALOG, "error_label")), ==,
                   "That is not the clinician PIN. Try again in 1 second.");
  g_assert_false (gtk_widget_get_sensitive (child (pin, TM_TYPE_PIN_DIALOG, "ok_button")));
  g_object_set_data (G_OBJECT (f->app), "tm-test-type", GSIZE_TO_POINTER (TM_TYPE_PLAN_DIALOG));
  g_assert_false (window_of_type_is_open (f));
  gtk_window_close (GTK_WINDOW (pin));
  wait_for_window_gone (f, TM_TYPE_PIN_DIALOG);
}


/* ---- safety prompts ----------------------------------------------------- */

static gboolean
dialog_with_heading (gpointer data)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), data) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
no_dialog_with_heading (gpointer data)
{
  return !dialog_with_heading (data);
}

static AdwMessageDialog *
wait_for_prompt (const char *heading)
{
  g_autoptr(GListModel) toplevels = NULL;

  wait_for (dialog_with_heading, (gpointer) heading, heading);
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

typedef struct
{
  char *rule;
  char *level;
  char *answer;
  char *answered_at;
} EventRow;

static void
event_row_clear (EventRow *row)
{
  g_free (row->rule);
  g_free (row->level);
  g_free (row->answer);
  g_free (row->answered_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EventRow, event_row_clear)

static gboolean
read_event (Fixture    *f,
            const char *rule,
            EventRow   *row)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean found;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rule, level, answer, answered_at FROM safety_event"
                                           " WHERE rule = ? ORDER BY id DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, rule, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      row->rule = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->level = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->answer = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->answered_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

/* A session a minute ago, through the editor, with peak dissociation
 * @peak and severe sedation (S1's urgent prompt), someone there. */
static void
log_strong_session (Fixture *f,
                    int      peak)
{
  TmSessionDialog *editor;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -1);
  g_autofree char *time = g_date_time_format (before, "%H:%M");
  g_autofree char *day = tm_day_from_date_time (before);
  g_autofree char *today = tm_day_today ();

  /* Just after midnight, "a minute ago" is yesterday: keep to today. */
  if (g_strcmp0 (day, today) != 0)
    g_free (time), time = g_strdup ("00:00");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "time_row"), time);
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "50");
  choose_in_row (child (editor, TM_TYPE_SESSION_DIALOG, "peak_row"), peak);
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "sedation_row"), 4); /* severe */
  gtk_switch_set_active (child (editor, TM_TYPE_SESSION_DIALOG, "monitor_switch"), TRUE);
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
}

static void
safety_urgent_s1_body (Fixture *f)
{
  g_auto(EventRow) event = { 0 };
  AdwMessageDialog *prompt;
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));

  log_strong_session (f, 8);
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);

  /* The urgent S1 prompt, shown after the save and recorded as shown. */
  prompt = wait_for_prompt ("Strong Effects: Stay Safe and Get Support");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (prompt), "tm-urgent"));
  g_assert_true (adw_message_dialog_has_response (prompt, "resting"));
  g_assert_true (adw_message_dialog_has_response (prompt, "help-now"));
  g_assert_true (read_event (f, "S1", &event));
  g_assert_cmpstr (event.level, ==, "urgent");
  g_assert_null (event.answer);
  event_row_clear (&event);
  memset (&event, 0, sizeof event);

  adw_message_dialog_response (prompt, "resting");
  wait_for_rows (f, "safety_event WHERE rule = 'S1' AND answer = 'resting'", 1);
  g_assert_true (read_event (f, "S1", &event));
  g_assert_cmpstr (event.answer, ==, "resting");
  g_assert_nonnull (event.answered_at);

  /* Without a plan, S3 asks for one next. */
  prompt = wait_for_prompt ("No Plan to Compare With");
  adw_message_dialog_response (prompt, "noted");

  /* Today carries the no-driving reminder. */
  g_assert_true (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "reminder_row")));
}

static void
safety_s4_shows_crisis_line_body (Fixture *f)
{
  TmPreferencesDialog *prefs;
  TmQuestionnaireDialog *window;
  AdwMessageDialog *prompt;
  GtkWidget *number = NULL;
  g_auto(EventRow) event = { 0 };

  /* The crisis line set in Preferences, through its rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  prefs = wait_for_window (f, TM_TYPE_PREFERENCES_DIALOG);
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "crisis_name_row"), "TelefonSeelsorge");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "crisis_number_row"), "0800 111 0 111");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_phone_row"), "call me");
  g_assert_false (tm_preferences_dialog_save (prefs));
  g_assert_cmpstr (tm_error_label_get_message (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "error_label")), ==,
                   "The clinician's phone can only have digits, spaces and + - ( ) / . in it.");
  g_assert_cmpstr (gtk_editable_get_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_phone_row")), ==, "call me");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_phone_row"), "+49 30 1234567");
  g_signal_emit_by_name (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_phone_row"), "apply");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);

  /* A PHQ-9 with item 9 at 1 and a low total. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-questionnaire", "s", "phq9"));
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  for (int i = 1; i <= 8; i++)
    answer (window, i, 0);
  answer (window, 9, 1);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));

  prompt = wait_for_prompt ("You Don't Have to Handle This Alone");
  number = find_named (adw_message_dialog_get_extra_child (prompt), "crisis-number");
  g_assert_nonnull (number);
  /* Emergency services come first, then the crisis line. */
  {
    GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (number));
    GtkWidget *crisis = find_named (gtk_widget_get_next_sibling (row), "crisis-number");

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (crisis)), ==, "0800 111 0 111");
  }
  adw_message_dialog_response (prompt, "contact-clinician");
  wait_for_rows (f, "safety_event WHERE rule = 'S4' AND answer = 'contact-clinician'", 1);
  g_assert_true (read_event (f, "S4", &event));
  g_assert_cmpstr (event.level, ==, "urgent");
  g_assert_cmpstr (event.answer, ==, "contact-clinician");
}

/* The record is saved before any prompt: closing everything while the
 * prompt is open loses nothing, and the prompt stays recorded as shown. */
static void
safety_prompt_never_blocks_saving_body (Fixture *f)
{
  g_auto(EventRow) event = { 0 };
  GList *windows;

  log_strong_session (f, 9);
  wait_for_prompt ("Strong Effects: Stay Safe and Get Support");
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  settle ();

  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);
  g_assert_true (read_event (f, "S1", &event));
  g_assert_null (event.answer);
}

/* A key press handled by a shortcut of @widget's (a class key binding
 * such as Escape closing a window), the way GTK runs it for the key. */
static void
press_shortcut (gpointer widget,
                guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !handled; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_true (handled);
}

static TmPreferencesDialog *
open_preferences (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  return wait_for_window (f, TM_TYPE_PREFERENCES_DIALOG);
}

static const char *
row_text (TmPreferencesDialog *prefs,
          const char          *row)
{
  return gtk_editable_get_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, row));
}

/* What is typed into Preferences is kept without Enter: closing with
 * Escape keeps it; a value that can't be kept holds the window open with
 * the reason, and the text stays. */
static void
preferences_keep_typing_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(TmPreferencesDialog) held = NULL;
  TmPreferencesDialog *prefs;
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autofree char *report_name = NULL;
  g_autofree char *reminder = NULL;

  prefs = open_preferences (f);
  /* Held, so that a window closed too soon fails the test, not the process. */
  held = g_object_ref (prefs);
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "crisis_name_row"), "Nightline");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "crisis_number_row"), "0800 123 456");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "emergency_row"), "999");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_name_row"), "Dr. Ortiz");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_phone_row"), "call me");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "out_of_hours_row"), "116 117");
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "report_name_row"), "Patient 0042");
  gtk_spin_button_set_value (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin"), 7);
  gtk_spin_button_set_value (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_minute_spin"), 45);

  /* The phone can't be kept: Escape leaves the window open, says why and
   * keeps the text. */
  press_shortcut (prefs, GDK_KEY_Escape);
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (prefs)));
  g_assert_cmpstr (tm_error_label_get_message (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "error_label")), ==,
                   "The clinician's phone can only have digits, spaces and + - ( ) / . in it.");
  g_assert_cmpstr (row_text (prefs, "clinician_phone_row"), ==, "call me");
  g_assert_cmpstr (row_text (prefs, "crisis_name_row"), ==, "Nightline");

  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_phone_row"), "+44 20 7946 0000");
  press_shortcut (prefs, GDK_KEY_Escape);
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);

  contacts = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (contacts->crisis_name, ==, "Nightline");
  g_assert_cmpstr (contacts->crisis_number, ==, "0800 123 456");
  g_assert_cmpstr (contacts->emergency_number, ==, "999");
  g_assert_cmpstr (contacts->clinician_name, ==, "Dr. Ortiz");
  g_assert_cmpstr (contacts->clinician_phone, ==, "+44 20 7946 0000");
  g_assert_cmpstr (contacts->clinician_out_of_hours, ==, "116 117");
  report_name = tm_store_get_report_name (store);
  g_assert_cmpstr (report_name, ==, "Patient 0042");
  reminder = g_settings_get_string (tm_context_get_settings (context_of (f)), "reminder-time");
  g_assert_cmpstr (reminder, ==, "07:45");

  /* Opened again, it shows what was typed. */
  prefs = open_preferences (f);
  g_assert_cmpstr (row_text (prefs, "crisis_name_row"), ==, "Nightline");
  g_assert_cmpstr (row_text (prefs, "clinician_phone_row"), ==, "+44 20 7946 0000");
  g_assert_cmpstr (row_text (prefs, "report_name_row"), ==, "Patient 0042");
  g_assert_cmpstr (gtk_editable_get_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin")), ==, "07");
  g_assert_cmpstr (gtk_editable_get_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_minute_spin")), ==, "45");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

/* Typed while an import is being stored elsewhere: kept when it is done. */
static void
preferences_wait_for_import_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  TmPreferencesDialog *prefs = open_preferences (f);
  g_autoptr(TmSafetyContacts) before = NULL;
  g_autoptr(TmSafetyContacts) after = NULL;

  tm_store_writing_elsewhere_begin (store);
  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_name_row"), "Dr. Later");
  /* Past the moment typing is kept: refused for now, it waits. */
  wait_for (writes_wait, store, "the name to wait for the import");
  before = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (before->clinician_name, !=, "Dr. Later");

  tm_store_writing_elsewhere_end (store);
  after = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (after->clinician_name, ==, "Dr. Later");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

/* Quitting with Preferences open keeps what was typed there too. */
static void
preferences_kept_on_quit_body (Fixture *f)
{
  TmPreferencesDialog *prefs = open_preferences (f);

  type_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "clinician_name_row"), "Dr. Quit");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  wait_for (window_is_gone, f, "every window to close");
}

static void
test_preferences_keep_typing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmSafetyContacts) contacts = NULL;

  run_app (f, preferences_keep_typing_body);
  run_app (f, preferences_wait_for_import_body);
  run_app (f, preferences_kept_on_quit_body);

  store = tm_store_open (f->dir, NULL);
  g_assert_nonnull (store);
  contacts = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (contacts->clinician_name, ==, "Dr. Quit");
  g_assert_cmpstr (contacts->clinician_phone, ==, "+44 20 7946 0000");
}

/* The settings Preferences shows are bound: what is chosen is kept at
 * once, with the window still open, and a change made elsewhere shows at
 * once. History shows the cadence too, and building it changes nothing. */
static void
preferences_settings_bound_body (Fixture *f)
{
  g_autoptr(GSettings) settings = tm_settings_new ();
  TmPreferencesDialog *prefs;
  AdwComboRow *history_cadence;
  AdwComboRow *cadence_row;
  AdwComboRow *paper_row;
  g_autofree char *cadence = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *reminder = NULL;

  g_settings_set_string (settings, "questionnaire-cadence", "every-week");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "history"));
  history_cadence = child (tm_window_get_page (f->window, "history"), TM_TYPE_HISTORY_PAGE,
                           "cadence_row");
  g_assert_cmpuint (adw_combo_row_get_selected (history_cadence), ==, 1);
  cadence = g_settings_get_string (settings, "questionnaire-cadence");
  g_assert_cmpstr (cadence, ==, "every-week");

  prefs = open_preferences (f);
  cadence_row = child (prefs, TM_TYPE_PREFERENCES_DIALOG, "cadence_row");
  paper_row = child (prefs, TM_TYPE_PREFERENCES_DIALOG, "paper_row");
  g_assert_cmpuint (adw_combo_row_get_selected (cadence_row), ==, 1);
  adw_combo_row_set_selected (cadence_row, 0);
  adw_combo_row_set_selected (paper_row, 2);
  /* The time in hours and minutes, each wrapping around: 23 and one
   * more hour is 0; kept at once. */
  gtk_spin_button_set_value (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin"), 23);
  gtk_spin_button_spin (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin"), GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin")),
                   ==, 0);
  gtk_spin_button_set_value (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin"), 6);
  gtk_spin_button_set_value (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_minute_spin"), 30);
  g_free (cadence);
  cadence = g_settings_get_string (settings, "questionnaire-cadence");
  paper = g_settings_get_string (settings, "paper-size");
  reminder = g_settings_get_string (settings, "reminder-time");
  g_assert_cmpstr (cadence, ==, "every-two-weeks");
  g_assert_cmpstr (paper, ==, "letter");
  g_assert_cmpstr (reminder, ==, "06:30");
  g_assert_cmpuint (adw_combo_row_get_selected (history_cadence), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin")), ==, "06");

  g_settings_set_string (settings, "paper-size", "a4");
  g_settings_set_string (settings, "reminder-time", "21:15");
  g_assert_cmpuint (adw_combo_row_get_selected (paper_row), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_hour_spin")),
                   ==, 21);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "reminder_minute_spin")),
                   ==, 15);

  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
  g_settings_reset (settings, "questionnaire-cadence");
  g_settings_reset (settings, "paper-size");
  g_settings_reset (settings, "reminder-time");
}

static void
test_preferences_settings_bound (Fixture       *f,
                                 gconstpointer  data)
{
  run_app (f, preferences_settings_bound_body);
}

/* ---- help by reason ------------------------------------------------- */

static gboolean
prompt_of_rule (gpointer data)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  TmRule rule = GPOINTER_TO_INT (data);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      TmSafetyEvent *event = g_object_get_data (window, "tm-safety-event");

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          event != NULL && event->rule == rule)
        return TRUE;
    }
  return FALSE;
}

/* The prompt of @rule, whatever its wording. */
static AdwMessageDialog *
wait_for_prompt_of_rule (TmRule rule)
{
  g_autoptr(GListModel) toplevels = NULL;

  wait_for (prompt_of_rule, GINT_TO_POINTER (rule), tm_rule_to_string (rule));
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      TmSafetyEvent *event = g_object_get_data (window, "tm-safety-event");

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          event != NULL && event->rule == rule)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
append_labels (GtkWidget *root,
               GString   *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    append_labels (c, text);
}

/* Everything a message dialog says: its heading, body and what is under. */
static char *
dialog_text (AdwMessageDialog *dialog)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n", adw_message_dialog_get_heading (dialog),
                          adw_message_dialog_get_body (dialog));
  if (adw_message_dialog_get_extra_child (dialog) != NULL)
    append_labels (adw_message_dialog_get_extra_child (dialog), text);
  return g_string_free (text, FALSE);
}

/* A very high blood pressure after a dose: the help its prompt leads to
 * names the signs of a hypertensive crisis and the clinician's numbers,
 * and says nothing of self-harm; asking for it is never shown as danger. */
static void
help_for_blood_pressure_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (store);
  g_autoptr(TmSession) session = tm_session_new ();
  g_autoptr(GError) error = NULL;
  g_auto(EventRow) event = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  AdwMessageDialog *prompt;
  AdwMessageDialog *help;
  GtkWidget *extra;
  const char *signs[] = { "Chest pain", "Shortness of breath", "A sudden, severe headache",
                          "Changes in your vision", "Confusion", "A seizure" };
  const char *self_harm[] = { "harm", "hurt", "dead", "suicid", "crisis line" };

  contacts->clinician_phone = g_strdup ("030 1234 567");
  contacts->clinician_out_of_hours = g_strdup ("116 117");
  g_assert_true (tm_store_set_safety_contacts (store, contacts, NULL, &error));

  session->taken_at = tm_instant_now_utc ();
  session->dose_mg = 50;
  tm_test_add_bp (session, 40, 190, 100);
  g_assert_true (tm_store_save_session (store, session, &error));
  g_assert_no_error (error);

  prompt = wait_for_prompt_of_rule (TM_RULE_S5);
  g_assert_true (adw_message_dialog_has_response (prompt, "help-now"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (prompt, "help-now"), !=, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (prompt), "tm-urgent"));
  adw_message_dialog_response (prompt, "help-now");

  help = wait_for_prompt ("Get Help Now");
  save_snapshot (help, "help-s5");
  extra = adw_message_dialog_get_extra_child (help);
  g_assert_nonnull (find_named (extra, "help-signs"));
  text = dialog_text (help);
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (strstr (text, signs[i]) == NULL)
      g_error ("The help for a high blood pressure does not name “%s”:\n%s", signs[i], text);
  g_assert_nonnull (strstr (text, "measure again in 10 to 15 minutes"));
  g_assert_nonnull (strstr (text, "030 1234 567"));
  g_assert_nonnull (strstr (text, "116 117"));
  g_assert_nonnull (strstr (text, "Tidemark doesn't send anything to your clinician"));
  lower = g_utf8_strdown (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (self_harm); i++)
    if (strstr (lower, self_harm[i]) != NULL)
      g_error ("The help for a high blood pressure says “%s”:\n%s", self_harm[i], text);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (help), "tm-urgent"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (help, "close"), ==, ADW_RESPONSE_DEFAULT);
  adw_message_dialog_response (help, "close");
  gtk_window_close (GTK_WINDOW (help));
  wait_for (no_dialog_with_heading, (gpointer) "Get Help Now", "the help to close");

  g_assert_true (read_event (f, "S5", &event));
  g_assert_cmpstr (event.answer, ==, "help-now");
}

static void
test_help_for_blood_pressure (Fixture       *f,
                              gconstpointer  data)
{
  run_app (f, help_for_blood_pressure_body);
}

/* Strong effects after a dose: the help names when to call emergency
 * services, not the crisis line. */
static void
help_after_dose_body (Fixture *f)
{
  AdwMessageDialog *prompt;
  AdwMessageDialog *help;
  g_autofree char *text = NULL;

  log_strong_session (f, 8);
  prompt = wait_for_prompt_of_rule (TM_RULE_S1);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (prompt, "help-now"), !=, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (prompt, "help-now");
  help = wait_for_prompt ("Get Help Now");
  save_snapshot (help, "help-s1");
  text = dialog_text (help);
  g_assert_nonnull (strstr (text, "Slow or difficult breathing"));
  g_assert_nonnull (strstr (text, "on their side"));
  g_assert_null (strstr (text, "Crisis line"));
  g_assert_null (strstr (text, "harming yourself"));
  adw_message_dialog_response (help, "close");
}

static void
test_help_after_dose (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, help_after_dose_body);
}

/* The locale variables, as the test set them, to put back. */
typedef struct
{
  char *telephone;
  char *lang;
} Locale;

static void
locale_use_uk (Locale *saved)
{
  saved->telephone = g_strdup (g_getenv ("LC_TELEPHONE"));
  saved->lang = g_strdup (g_getenv ("LANG"));
  g_setenv ("LC_TELEPHONE", "en_GB.UTF-8", TRUE);
  g_setenv ("LANG", "en_US.UTF-8", TRUE);
}

static void
locale_put_back (Locale *saved)
{
  const char *names[] = { "LC_TELEPHONE", "LANG" };
  char *values[] = { saved->telephone, saved->lang };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (values[i] != NULL)
      g_setenv (names[i], values[i], TRUE);
    else
      g_unsetenv (names[i]);
  g_free (saved->telephone);
  g_free (saved->lang);
}

static TmCountryBanner *
country_banner (Fixture *f)
{
  return TM_COUNTRY_BANNER (find_widget (GTK_WIDGET (f->window), TM_TYPE_COUNTRY_BANNER, NULL, NULL));
}

static gboolean
banner_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (child (country_banner (f), TM_TYPE_COUNTRY_BANNER, "revealer"));
}

/* The menu's Get Help Now: every line, under the country they are for. */
static char *
general_help_text (Fixture *f)
{
  AdwMessageDialog *help;
  char *text;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.get-help", NULL));
  help = wait_for_prompt ("Get Help Now");
  g_assert_null (find_named (adw_message_dialog_get_extra_child (help), "help-signs"));
  text = dialog_text (help);
  adw_message_dialog_response (help, "close");
  gtk_window_close (GTK_WINDOW (help));
  wait_for (no_dialog_with_heading, (gpointer) "Get Help Now", "the help to close");
  return text;
}

/* First run in a British telephone locale of an American English
 * session: the crisis numbers are the United Kingdom's, and Tidemark asks
 * once whether that is right. */
static void
country_confirmed_body (Fixture *f)
{
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autofree char *text = NULL;

  g_assert_true (banner_shown (f));
  save_snapshot (f->window, "country-banner");
  g_assert_cmpstr (gtk_label_get_label (child (country_banner (f), TM_TYPE_COUNTRY_BANNER, "label")), ==,
                   "Crisis numbers for: United Kingdom");
  text = general_help_text (f);
  g_assert_nonnull (strstr (text, "Numbers for: United Kingdom"));
  g_assert_nonnull (strstr (text, "Samaritans"));
  g_assert_nonnull (strstr (text, "116 123"));
  g_assert_nonnull (strstr (text, "999"));

  click (child (country_banner (f), TM_TYPE_COUNTRY_BANNER, "ok_button"));
  g_assert_false (banner_shown (f));
  contacts = tm_store_get_safety_contacts (tm_application_get_store (f->app));
  g_assert_true (contacts->country_confirmed);
  g_assert_cmpstr (contacts->country, ==, "GB");
}

static void
country_not_asked_again_body (Fixture *f)
{
  g_assert_false (banner_shown (f));
}

static void
test_crisis_country_confirmed (Fixture       *f,
                               gconstpointer  data)
{
  Locale saved;

  locale_use_uk (&saved);
  run_app (f, country_confirmed_body);
  run_app (f, country_not_asked_again_body);
  locale_put_back (&saved);
}

/* Change… opens Preferences at the country; another country brings its
 * numbers, and stays, whatever the locale says. */
static void
country_changed_body (Fixture *f)
{
  TmPreferencesDialog *prefs;
  AdwComboRow *country_row;
  g_autofree char *text = NULL;

  g_assert_true (banner_shown (f));
  click (child (country_banner (f), TM_TYPE_COUNTRY_BANNER, "change_button"));
  prefs = wait_for_window (f, TM_TYPE_PREFERENCES_DIALOG);
  g_assert_false (banner_shown (f));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)), ==, "safety");
  country_row = child (prefs, TM_TYPE_PREFERENCES_DIALOG, "country_row");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (country_row)), ==,
                   "United Kingdom");
  g_assert_cmpstr (row_text (prefs, "emergency_row"), ==, "999");

  /* Ireland: its numbers, in the rows and in the help. */
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (country_row)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (country_row)), i),
                   "Ireland") == 0)
      adw_combo_row_set_selected (country_row, i);
  g_assert_cmpstr (row_text (prefs, "crisis_name_row"), ==, "Samaritans");
  g_assert_cmpstr (row_text (prefs, "crisis_number_row"), ==, "116 123");
  g_assert_cmpstr (row_text (prefs, "emergency_row"), ==, "112");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);

  text = general_help_text (f);
  g_assert_nonnull (strstr (text, "Numbers for: Ireland"));
  g_assert_nonnull (strstr (text, "112"));
  g_assert_null (strstr (text, "999"));
}

static void
country_still_ireland_body (Fixture *f)
{
  g_autofree char *text = general_help_text (f);

  g_assert_false (banner_shown (f));
  g_assert_nonnull (strstr (text, "Numbers for: Ireland"));
}

/* Chosen while an import is being stored elsewhere: kept when it is done. */
static void
country_waits_for_import_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  TmPreferencesDialog *prefs = open_preferences (f);
  AdwComboRow *country_row = child (prefs, TM_TYPE_PREFERENCES_DIALOG, "country_row");
  g_autoptr(TmSafetyContacts) before = NULL;
  g_autoptr(TmSafetyContacts) after = NULL;

  tm_store_writing_elsewhere_begin (store);
  adw_combo_row_set_selected (country_row, 0);  /* the United States */
  wait_for (writes_wait, store, "the country to wait for the import");
  before = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (before->country, ==, "IE");

  tm_store_writing_elsewhere_end (store);
  after = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (after->country, ==, "US");
  g_assert_cmpstr (after->crisis_number, ==, "988");
  g_assert_cmpstr (row_text (prefs, "emergency_row"), ==, "911");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_crisis_country_changed (Fixture       *f,
                             gconstpointer  data)
{
  Locale saved;

  locale_use_uk (&saved);
  run_app (f, country_changed_body);
  run_app (f, country_still_ireland_body);
  run_app (f, country_waits_for_import_body);
  locale_put_back (&saved);
}

/* About says what Tidemark is for, not "not a medical device". */
static gboolean
find_about (gpointer data)
{
  AdwAboutWindow **about = data;
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && *about == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        *about = ADW_ABOUT_WINDOW (window);
    }
  return *about != NULL;
}

static void
about_intended_purpose_body (Fixture *f)
{
  AdwAboutWindow *about = NULL;
  const char *comments;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  wait_for (find_about, &about, "the About window");
  comments = adw_about_window_get_comments (about);
  g_assert_nonnull (strstr (comments, tm_intended_purpose ()));
  g_assert_nonnull (strstr (comments, "not been assessed by any regulator"));
  g_assert_null (strstr (comments, "medical device"));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_about_intended_purpose (Fixture       *f,
                             gconstpointer  data)
{
  run_app (f, about_intended_purpose_body);
}

static gboolean
out_of_hours_kept (gpointer data)
{
  Fixture *f = data;
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (tm_application_get_store (f->app));

  return g_strcmp0 (contacts->clinician_out_of_hours, "111") == 0;
}

/* Clinician mode asks for the clinician's numbers too; they are kept as
 * typed, once, and Preferences shows them. */
static void
plan_editor_clinician_numbers_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(TmPlanDialog) held = NULL;
  g_autoptr(TmSafetyContacts) contacts = NULL;
  TmPlanDialog *editor;
  TmPreferencesDialog *prefs;

  editor = tm_plan_dialog_new (GTK_WINDOW (f->window), context_of (f));
  held = g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_for (is_mapped, editor, "the plan editor");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "clinician_phone_row"), "+44 20 7946 0000");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "out_of_hours_row"), "after six");

  /* Can't be kept: the editor stays, says why, and keeps the text. */
  gtk_window_close (GTK_WINDOW (editor));
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpstr (tm_error_label_get_message (child (editor, TM_TYPE_PLAN_DIALOG, "contacts_error")), ==,
                   "The out-of-hours number can only have digits, spaces and + - ( ) / . in it.");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "out_of_hours_row")), ==, "after six");

  /* Kept a moment after typing, without Enter. */
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "out_of_hours_row"), "111");
  wait_for (out_of_hours_kept, f, "the out-of-hours number to be kept");
  gtk_window_close (GTK_WINDOW (editor));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);

  contacts = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (contacts->clinician_phone, ==, "+44 20 7946 0000");
  g_assert_cmpstr (contacts->clinician_out_of_hours, ==, "111");
  prefs = open_preferences (f);
  g_assert_cmpstr (row_text (prefs, "clinician_phone_row"), ==, "+44 20 7946 0000");
  g_assert_cmpstr (row_text (prefs, "out_of_hours_row"), ==, "111");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_plan_editor_clinician_numbers (Fixture       *f,
                                    gconstpointer  data)
{
  run_app (f, plan_editor_clinician_numbers_body);
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
test_today_store_failure_keeps_typing (Fixture       *f,
                                       gconstpointer  data)
{
  run_app (f, today_store_failure_keeps_typing_body);
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

/* Ctrl+Q's action closes every window, an editor included. */
static void
quit_closes_everything_body (Fixture *f)
{
  g_autofree char *earlier = day_ago (2);
  g_autoptr(TmCheckin) c = NULL;

  store_checkin (f, earlier, 5, NULL);
  c = tm_store_get_checkin (tm_application_get_store (f->app), earlier, NULL);
  gtk_window_present (GTK_WINDOW (tm_checkin_dialog_new (GTK_WINDOW (f->window),
                                                         context_of (f), c)));
  wait_for (editor_is_open, f, "the editor");

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  wait_for (window_is_gone, f, "every window to close");
}

static void
test_quit_closes_everything (Fixture       *f,
                             gconstpointer  data)
{
  run_app (f, quit_closes_everything_body);
}

static void
test_close_without_changes_does_not_ask (Fixture       *f,
                                        gconstpointer  data)
{
  run_app (f, close_without_changes_does_not_ask_body);
}

static void
test_sessions_log_through_editor (Fixture       *f,
                                  gconstpointer  data)
{
  run_app (f, sessions_log_through_editor_body);
}

static void
test_sessions_refusals_and_edit (Fixture       *f,
                                 gconstpointer  data)
{
  run_app (f, sessions_refusals_and_edit_body);
}

static void
test_questionnaire_phq9 (Fixture       *f,
                         gconstpointer  data)
{
  run_app (f, questionnaire_phq9_body);
}

static void
test_questionnaire_item9 (Fixture       *f,
                          gconstpointer  data)
{
  run_app (f, questionnaire_item9_body);
}

static void
test_clinician_sets_plan (Fixture       *f,
                          gconstpointer  data)
{
  run_app (f, clinician_sets_plan_body);
}

static void
test_safety_urgent_s1 (Fixture       *f,
                       gconstpointer  data)
{
  run_app (f, safety_urgent_s1_body);
}

static void
test_safety_s4_shows_crisis_line (Fixture       *f,
                                  gconstpointer  data)
{
  run_app (f, safety_s4_shows_crisis_line_body);
}

/* A prompt answered while an import is being stored elsewhere keeps its
 * answer, and the time it was given, once the import is done. */
static void
safety_answer_waits_for_import_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_auto(EventRow) event = { 0 };
  AdwMessageDialog *prompt;
  g_autofree char *before = NULL;
  g_autofree char *given = NULL;
  g_autofree char *after = NULL;

  log_strong_session (f, 9);
  prompt = wait_for_prompt ("Strong Effects: Stay Safe and Get Support");

  tm_store_writing_elsewhere_begin (store);
  before = tm_instant_now_utc ();
  adw_message_dialog_response (prompt, "resting");
  given = tm_instant_now_utc ();
  wait_for (writes_wait, store, "the answer to wait for the import");
  g_assert_true (read_event (f, "S1", &event));
  g_assert_null (event.answer);
  event_row_clear (&event);
  memset (&event, 0, sizeof event);

  /* Instants have whole seconds: the import ends a second after the answer. */
  wait_for (clock_has_passed, given, "the clock to pass the answer");
  tm_store_writing_elsewhere_end (store);
  after = tm_instant_now_utc ();
  g_assert_true (read_event (f, "S1", &event));
  g_assert_cmpstr (event.answer, ==, "resting");
  g_assert_cmpstr (event.answered_at, >=, before);
  g_assert_cmpstr (event.answered_at, <, after);
}

static void
test_safety_answer_waits_for_import (Fixture       *f,
                                     gconstpointer  data)
{
  run_app (f, safety_answer_waits_for_import_body);
}

static void
test_safety_prompt_never_blocks_saving (Fixture       *f,
                                        gconstpointer  data)
{
  run_app (f, safety_prompt_never_blocks_saving_body);
}

/* ---- Trends ------------------------------------------------------------ */

static gboolean
trends_loaded (gpointer page)
{
  return tm_chart_view_get_data (tm_trends_page_get_trend_view (page)) != NULL;
}

static TmTrendsPage *
show_trends (Fixture *f)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "trends"));
  page = tm_window_get_page (f->window, "trends");
  wait_for (is_mapped, page, "the Trends page");
  wait_for (trends_loaded, page, "the Trends page to load");
  return TM_TRENDS_PAGE (page);
}

/* A key press, through the widget's own key controller. */
static void
press_key (gpointer widget,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* The pointer moving to @x, @y, through the widget's motion controller. */
static void
move_pointer (gpointer widget,
              double   x,
              double   y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", x, y);
    }
}

static const char *
label_text (gpointer page,
            const char *name)
{
  return gtk_label_get_label (child (page, TM_TYPE_TRENDS_PAGE, name));
}

/* Left and right move the read-out a day at a time; it tells the
 * day's mood, session, plan and note. */
static void
trends_read_out_body (Fixture *f)
{
  g_autofree char *yesterday = day_ago (1);
  g_autofree char *before = day_ago (2);
  g_autofree char *yesterday_words = tm_day_format_long (yesterday);
  g_autofree char *before_words = tm_day_format_long (before);
  TmTrendsPage *page;
  TmChartView *view;
  TmChartData *data;

  store_checkin (f, yesterday, 7, "Walked by the river after work");
  store_checkin (f, before, 3, NULL);
  page = show_trends (f);
  view = tm_trends_page_get_trend_view (page);
  data = tm_chart_view_get_data (view);
  g_assert_nonnull (data);
  g_assert_cmpint (tm_chart_view_get_selected_day (view), ==, -1);
  g_assert_cmpstr (label_text (page, "readout_title"), ==, "Read a Day");
  /* Each chart says which way is better, as the report does. */
  g_assert_cmpstr (label_text (page, "after_dose_direction"), ==, "Mood: higher is better.");
  g_assert_cmpstr (label_text (page, "questionnaires_direction"), ==,
                   "PHQ-9: lower is better. GAD-7: lower is better.");

  gtk_widget_grab_focus (GTK_WIDGET (view));
  press_key (view, GDK_KEY_Left);           /* from nothing: the last day, today */
  g_assert_cmpint (tm_chart_view_get_selected_day (view), ==, data->n_days - 1);
  g_assert_cmpstr (label_text (page, "readout_body"), ==, "No check-in");

  press_key (view, GDK_KEY_Left);
  g_assert_cmpstr (label_text (page, "readout_title"), ==, yesterday_words);
  g_assert_nonnull (strstr (label_text (page, "readout_body"), "Mood 7"));
  g_assert_nonnull (strstr (label_text (page, "readout_body"), "Note: “Walked by the river after work”"));

  press_key (view, GDK_KEY_Left);
  g_assert_cmpstr (label_text (page, "readout_title"), ==, before_words);
  g_assert_true (g_str_has_prefix (label_text (page, "readout_body"), "Mood 3"));

  press_key (view, GDK_KEY_Right);
  g_assert_cmpstr (label_text (page, "readout_title"), ==, yesterday_words);
  press_key (view, GDK_KEY_Home);
  g_assert_cmpint (tm_chart_view_get_selected_day (view), ==, 0);

  /* Pointing reads the day under the pointer, by the chart's own layout:
   * the one it was drawn with. */
  wait_for_drawn (view, "the chart");
  move_pointer (view, tm_chart_layout_column_x (tm_chart_view_get_layout (view), data->n_days - 3),
                tm_chart_view_get_layout (view)->y + 20);
  g_assert_cmpstr (label_text (page, "readout_title"), ==, before_words);
}

static gboolean
range_has_days (gpointer data)
{
  Fixture *f = data;
  TmTrendsPage *page = TM_TRENDS_PAGE (tm_window_get_page (f->window, "trends"));
  TmChartData *chart = tm_chart_view_get_data (tm_trends_page_get_trend_view (page));

  return chart != NULL && chart->n_days == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (page), "want"));
}

static void
wait_for_range (Fixture    *f,
                TmTrendsPage *page,
                int         n_days)
{
  g_object_set_data (G_OBJECT (page), "want", GINT_TO_POINTER (n_days));
  wait_for (range_has_days, f, "the range to change");
}

static void
trends_choose_year_body (Fixture *f)
{
  TmTrendsPage *page = show_trends (f);
  GtkWidget *year = find_widget (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, button_has_label, "Year");
  g_autoptr(GSettings) settings = tm_settings_new ();
  g_autofree char *from = day_ago (364);
  g_autofree char *today = day_ago (0);
  g_autofree char *from_words = tm_day_format_long (from);
  g_autofree char *today_words = tm_day_format_long (today);
  g_autofree char *range = g_strdup_printf ("%s to %s", from_words, today_words);

  wait_for_range (f, page, 91);              /* 3 months at first */
  click (year);
  wait_for_range (f, page, 365);
  g_assert_cmpstr (label_text (page, "range_label"), ==, range);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (year)));

  /* The choice is a setting. */
  {
    g_autofree char *range_setting = g_settings_get_string (settings, "trend-range");

    g_assert_cmpstr (range_setting, ==, "year");
  }

  /* And so is a line switched on from the Show menu. */
  g_assert_false (g_settings_get_boolean (settings, "show-anxiety"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trends.show-anxiety", NULL));
  g_assert_true (g_settings_get_boolean (settings, "show-anxiety"));
}

static void
trends_year_remembered_body (Fixture *f)
{
  TmTrendsPage *page = show_trends (f);
  g_autoptr(GSettings) settings = tm_settings_new ();

  wait_for_range (f, page, 365);
  g_settings_reset (settings, "trend-range");
  g_settings_reset (settings, "show-anxiety");
}

static gboolean
days_checked_in_is (gpointer data)
{
  Fixture *f = data;
  TmTrendsPage *page = TM_TRENDS_PAGE (tm_window_get_page (f->window, "trends"));

  return g_strcmp0 (label_text (page, "days_value"), g_object_get_data (G_OBJECT (page), "want")) == 0;
}

static gboolean
followups_charted (gpointer page)
{
  return tm_followup_chart_view_get_n_followups (child (page, TM_TYPE_TRENDS_PAGE, "followup_view")) == 1;
}

/* A check-in saved anywhere shows on the charts and in the figures; a
 * follow-up in the follow-up chart. */
static void
trends_follow_the_store_body (Fixture *f)
{
  TmTrendsPage *page = show_trends (f);
  g_autofree char *day = day_ago (3);

  /* Nothing recorded yet: a page that says where to start. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, TM_TYPE_TRENDS_PAGE, "stack")), ==, "empty");
  g_assert_cmpstr (label_text (page, "days_value"), ==, "0 of 91");
  g_assert_cmpstr (label_text (page, "mood_value"), ==, "—");

  store_checkin (f, day, 6, NULL);
  g_object_set_data (G_OBJECT (page), "want", "1 of 91");
  wait_for (days_checked_in_is, f, "the figures to follow the store");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, TM_TYPE_TRENDS_PAGE, "stack")), ==, "charts");
  g_assert_cmpstr (label_text (page, "mood_value"), ==, "6.0");
  g_assert_cmpstr (label_text (page, "mood_detail"), ==, "No check-ins in the 3 months before to compare with");

  /* A follow-up answered shows in the follow-up chart. */
  g_assert_cmpuint (tm_followup_chart_view_get_n_followups (child (page, TM_TYPE_TRENDS_PAGE, "followup_view")), ==,
                    0);
  store_questionnaire (f, TM_QUESTIONNAIRE_FOLLOWUP, day);
  wait_for (followups_charted, page, "the follow-up chart to follow the store");
}

/* The cell of the interval table in @row (0: the periods' names) and
 * @column (0: the measures' names). */
static const char *
interval_cell (TmTrendsPage *page,
               int           row,
               int           column)
{
  GtkWidget *cell = gtk_grid_get_child_at (child (page, TM_TYPE_TRENDS_PAGE, "interval_table"), column, row);

  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_label (GTK_LABEL (cell));
}

static gboolean
interval_shown (gpointer page)
{
  return gtk_widget_get_visible (child (page, TM_TYPE_TRENDS_PAGE, "interval_table"));
}

/* How the interval is working: five two-week cycles, high in their first
 * days and low in their last, read from the whole record whatever the
 * range, as a table, a sentence and a chart a screen reader can read. */
static void
trends_interval_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autofree char *first = day_ago (70);
  g_autofree char *first_words = tm_day_format_long (first);
  g_autofree char *name = g_strdup_printf ("every 2 weeks, from %s", first_words);
  g_autofree char *sentence = NULL;
  g_autofree char *description = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new (first);
  g_autoptr(GError) error = NULL;
  GtkWidget *sentences;
  TmChartView *view;
  TmTrendsPage *page;

  plan->interval_days = 14;
  plan->dose_mg = 50;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_no_error (error);
  for (int c = 0; c < 5; c++)
    {
      g_autoptr(TmSession) session = tm_session_new ();
      g_autofree char *day = tm_day_add (first, 14 * c);

      session->taken_at = g_strdup_printf ("%sT10:00:00+01:00", day);
      session->dose_mg = 50;
      g_assert_true (tm_store_save_session (store, session, &error));
      g_assert_no_error (error);
      /* Early days (0–3) at 8, late days (10–13) at 4, the rest at 6. */
      for (int k = 0; k < 14; k++)
        {
          g_autofree char *checkin_day = tm_day_add (first, 14 * c + k);

          store_checkin (f, checkin_day, k < 4 ? 8 : k >= 10 ? 4 : 6, NULL);
        }
    }

  page = show_trends (f);
  wait_for (interval_shown, page, "the interval table");
  g_assert_cmpstr (interval_cell (page, 0, 0), ==, "Plan period");
  g_assert_cmpstr (interval_cell (page, 0, 1), ==, name);
  g_assert_null (gtk_grid_get_child_at (child (page, TM_TYPE_TRENDS_PAGE, "interval_table"), 2, 0));
  g_assert_cmpstr (interval_cell (page, 2, 0), ==, "Dosing cycles");
  g_assert_cmpstr (interval_cell (page, 2, 1), ==, "5");
  g_assert_cmpstr (interval_cell (page, 3, 1), ==, "70");
  /* 20 days at 8, 30 at 6, 20 at 4. */
  g_assert_true (g_str_has_prefix (interval_cell (page, 4, 1), "6.0 (SD "));
  /* Every cycle: 8 early, 4 late, so the dip is 4 with no spread. */
  g_assert_cmpstr (interval_cell (page, 5, 1), ==, "4.0 (4.0 to 4.0)");
  /* The baseline, the first 28 days, is 6.0: the 20 days at 4. */
  g_assert_cmpstr (interval_cell (page, 6, 1), ==, "29 %");

  sentences = child (page, TM_TYPE_TRENDS_PAGE, "interval_sentences");
  sentence = g_strdup_printf ("While the plan was %s, mood on days 10–13 after a dose averaged 4.0 points lower "
                              "than on days 0–3 (95 %% interval 4.0 to 4.0; 5 dosing cycles).", name);
  g_assert_nonnull (find_widget (sentences, GTK_TYPE_LABEL, label_has_text, sentence));
  g_assert_nonnull (strstr (gtk_label_get_label (child (page, TM_TYPE_TRENDS_PAGE, "interval_caption")),
                            "does not show what caused it"));

  /* A screen reader hears the same sentence. */
  view = child (page, TM_TYPE_TRENDS_PAGE, "interval_view");
  {
    g_autofree char *curves = tm_chart_data_describe_after_dose (tm_chart_view_get_data (view));

    description = g_strdup_printf ("%s %s", sentence, curves);
  }
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                description);
  g_assert_null (problem);

  /* Two weeks shown above; the evidence still covers the whole record. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trends.trend-range", "s", "two-weeks"));
  wait_for_range (f, page, 14);
  g_assert_cmpstr (interval_cell (page, 2, 1), ==, "5");
  gtk_widget_grab_focus (gtk_widget_get_last_child (sentences));
  save_snapshot (GTK_WIDGET (view), "trends-interval");
  {
    g_autoptr(GSettings) settings = tm_settings_new ();

    /* The settings outlive this test (one memory backend a process). */
    g_settings_reset (settings, "trend-range");
  }
}

static gboolean
demo_is_filled (gpointer data)
{
  Fixture *f = data;
  TmTrendsPage *page = TM_TRENDS_PAGE (tm_window_get_page (f->window, "trends"));
  TmChartData *chart = tm_chart_view_get_data (tm_trends_page_get_trend_view (page));

  return chart != NULL && chart->n_checked_in > 60;
}

/* --demo: a year of made-up data in a folder of its own, gone afterwards;
 * the person's folder is not opened. */
static void
demo_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  const char *dir = tm_store_get_data_dir (store);
  g_autoptr(GPtrArray) plans = NULL;

  g_assert_false (g_str_equal (dir, f->dir));
  g_assert_true (g_str_has_prefix (dir, g_get_tmp_dir ()));
  f->demo_dir = g_strdup (dir);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Tidemark Demo");

  plans = tm_store_list_plans (store, NULL);
  g_assert_cmpuint (plans->len, ==, 2);
  show_trends (f);
  wait_for (demo_is_filled, f, "the demo's charts");
}

/* ---- Export Report ----------------------------------------------------- */

typedef struct
{
  GtkWindow      *parent;
  TmReportDialog *dialog;
} ReportSearch;

/* The dialog over this test's window: one an earlier test left open
 * (to choose another place) belongs to another window and another store. */
static gboolean
report_dialog_open (gpointer data)
{
  ReportSearch *search = data;
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (TM_IS_REPORT_DIALOG (window) && gtk_window_get_transient_for (GTK_WINDOW (window)) == search->parent)
        {
          search->dialog = TM_REPORT_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static TmReportDialog *
wait_for_report_dialog (Fixture *f)
{
  ReportSearch search = { GTK_WINDOW (f->window), NULL };

  wait_for (report_dialog_open, &search, "the Export Report dialog");
  return search.dialog;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(int *) data != 0;
}

static void
on_report_finished_cb (TmReportDialog *dialog,
                       gboolean        written,
                       int            *result)
{
  *result = written ? 1 : -1;
}

/* Ctrl+P's dialog refuses a day that is not one and keeps what was
 * typed; then writes the report off the main thread and says where. */
static void
report_export_body (Fixture *f)
{
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *pdf = g_build_filename (out, "visit.pdf", NULL);
  g_autofree char *ten_days_ago = day_ago (10);
  g_autofree char *three_days_ago = day_ago (3);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *contents = NULL;
  TmReportDialog *dialog = NULL;
  AdwEntryRow *from;
  int result = 0;

  store_checkin (f, three_days_ago, 6, "Slept well");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
  dialog = wait_for_report_dialog (f);
  wait_for (is_mapped, dialog, "the dialog to show");

  from = child (dialog, TM_TYPE_REPORT_DIALOG, "from_row");
  type_text (from, "2026-02-30");
  type_text (child (dialog, TM_TYPE_REPORT_DIALOG, "name_row"), "Alex Example");
  g_assert_false (tm_report_dialog_export_to (dialog, file));
  g_assert_true (tm_error_label_get_shown (child (dialog, TM_TYPE_REPORT_DIALOG, "error_label")));
  g_assert_cmpstr (tm_error_label_get_message (child (dialog, TM_TYPE_REPORT_DIALOG, "error_label")), ==,
                   "The first day, “2026-02-30”, is no such day: February 2026 has 28 days. Check the date.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "2026-02-30");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Or picked in the row's calendar, which opens on the day typed. */
  type_text (from, "2026-03-10");
  {
    GtkMenuButton *picker = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (from), GTK_TYPE_MENU_BUTTON, NULL, NULL));
    GtkCalendar *calendar;
    g_autoptr(GDateTime) shown = NULL;
    g_autoptr(GDateTime) picked = g_date_time_new_local (2026, 3, 12, 12, 0, 0);

    g_assert_nonnull (picker);
    gtk_menu_button_popup (picker);
    calendar = GTK_CALENDAR (gtk_popover_get_child (gtk_menu_button_get_popover (picker)));
    shown = gtk_calendar_get_date (calendar);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 3);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 10);
    gtk_calendar_select_day (calendar, picked);
    g_signal_emit_by_name (calendar, "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "2026-03-12");
  }

  type_text (from, ten_days_ago);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_report_finished_cb), &result);
  g_assert_true (tm_report_dialog_export_to (dialog, file));
  wait_for (flag_is_set, &result, "the report to be written");
  g_assert_cmpint (result, ==, 1);

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The name is kept for the next report. */
  {
    g_autofree char *name = tm_store_get_report_name (tm_application_get_store (f->app));

    g_assert_cmpstr (name, ==, "Alex Example");
  }
  tm_test_remove_tree (out);
}

static void
test_report_export (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, report_export_body);
}

/* The position of the period whose label starts with @prefix in the
 * dialog's list of periods, with its label. */
static guint
find_period (TmReportDialog  *dialog,
             const char      *prefix,
             char           **label)
{
  AdwComboRow *row = child (dialog, TM_TYPE_REPORT_DIALOG, "period_row");
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_str_has_prefix (text, prefix))
        {
          *label = g_strdup (text);
          return i;
        }
    }
  g_error ("The dialog offers no period “%s…”", prefix);
  return 0;
}

/* "This review" fills in the days the next review covers: the last 28
 * days before the first review; after one, the day after its last day up
 * to today. */
static void
report_review_period_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autofree char *today = tm_day_today ();
  g_autofree char *first_from = day_ago (TM_REVIEW_FIRST_DAYS - 1);
  g_autofree char *reviewed_from = day_ago (40);
  g_autofree char *reviewed_to = day_ago (10);
  g_autofree char *next_from = day_ago (9);
  g_autofree char *next_long = tm_day_format_long (next_from);
  g_autofree char *since = g_strdup_printf ("This review (since %s)", next_long);
  g_autofree char *finished = tm_instant_now_utc ();
  g_autoptr(TmReview) review = tm_review_new (reviewed_from, reviewed_to);
  g_autoptr(GError) error = NULL;
  TmReportDialog *dialog;
  AdwComboRow *row;

  for (int round = 0; round < 2; round++)
    {
      g_autofree char *label = NULL;
      guint position;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
      dialog = wait_for_report_dialog (f);
      wait_for (is_mapped, dialog, "the dialog to show");
      row = child (dialog, TM_TYPE_REPORT_DIALOG, "period_row");
      position = find_period (dialog, "This review", &label);
      g_assert_cmpstr (label, ==, round == 0 ? "This review (the last 28 days)" : since);
      /* Not chosen to begin with. */
      g_assert_cmpuint (adw_combo_row_get_selected (row), !=, position);
      adw_combo_row_set_selected (row, position);
      g_assert_cmpstr (gtk_editable_get_text (child (dialog, TM_TYPE_REPORT_DIALOG, "from_row")), ==,
                       round == 0 ? first_from : next_from);
      g_assert_cmpstr (gtk_editable_get_text (child (dialog, TM_TYPE_REPORT_DIALOG, "to_row")), ==, today);
      g_assert_cmpuint (adw_combo_row_get_selected (row), ==, position);
      gtk_window_destroy (GTK_WINDOW (dialog));

      if (round == 0)
        {
          tm_review_set_author (review, "Dr. Example");
          tm_review_set_finished_at (review, finished);
          g_assert_true (tm_store_add_review (store, review, &error));
          g_assert_no_error (error);
        }
    }
}

static void
test_report_review_period (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, report_review_period_body);
}

/* With no name kept, the dialog asks for one; the sections ticked and the
 * name typed reach the PDF, and no section at all is refused. */
static void
report_sections_and_name_body (Fixture *f)
{
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *pdf = g_build_filename (out, "visit.pdf", NULL);
  g_autofree char *three_days_ago = day_ago (3);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *pdf_text = NULL;
  g_autoptr(GRegex) blanks = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *text = NULL;
  TmReportDialog *dialog = NULL;
  AdwPreferencesGroup *pages;
  TmErrorLabel *error_label;
  int result = 0;

  if (!tm_test_have_poppler ())
    return;

  store_checkin (f, three_days_ago, 6, "Slept well after the long walk");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
  dialog = wait_for_report_dialog (f);
  wait_for (is_mapped, dialog, "the dialog to show");
  error_label = child (dialog, TM_TYPE_REPORT_DIALOG, "error_label");

  /* No name or ID is kept: the dialog asks, and the row is empty. */
  pages = child (dialog, TM_TYPE_REPORT_DIALOG, "pages_group");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (pages), "No name or ID is kept"));
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, TM_TYPE_REPORT_DIALOG, "name_row")), ==, "");

  /* Every section is ticked to begin with; none at all is refused. */
  for (TmReportSection s = 0; s < TM_N_REPORT_SECTIONS; s++)
    {
      GtkWidget *check = find_check_in (GTK_WIDGET (dialog), tm_report_section_get_info (s)->name);

      g_assert_nonnull (check);
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      gtk_widget_activate (check);
    }
  g_assert_false (tm_report_dialog_export_to (dialog, file));
  g_assert_cmpstr (tm_error_label_get_message (error_label), ==, "Choose at least one section for the report.");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* The summary and the notes, with a name. */
  gtk_widget_activate (find_check_in (GTK_WIDGET (dialog), "Summary"));
  gtk_widget_activate (find_check_in (GTK_WIDGET (dialog), "Check-in Notes"));
  type_text (child (dialog, TM_TYPE_REPORT_DIALOG, "name_row"), "Alex Example (MRN 0042)");
  g_signal_connect (dialog, "finished", G_CALLBACK (on_report_finished_cb), &result);
  g_assert_true (tm_report_dialog_export_to (dialog, file));
  wait_for (flag_is_set, &result, "the report to be written");
  g_assert_cmpint (result, ==, 1);

  pdf_text = tm_test_run_poppler ("pdftotext", pdf);
  text = g_regex_replace_literal (blanks, pdf_text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (text, "Name or ID: Alex Example (MRN 0042)"));
  g_assert_nonnull (strstr (text, "Needs Attention"));
  g_assert_nonnull (strstr (text, "Check-in Notes"));
  g_assert_nonnull (strstr (text, "Slept well after the long walk"));
  g_assert_null (strstr (text, "Mood Against the Plan"));
  g_assert_null (strstr (text, "Safety Prompts"));
  g_assert_null (strstr (text, "Date and time; status"));

  /* The name is kept: the next time the dialog shows it and asks nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
  dialog = wait_for_report_dialog (f);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, TM_TYPE_REPORT_DIALOG, "name_row")), ==,
                   "Alex Example (MRN 0042)");
  pages = child (dialog, TM_TYPE_REPORT_DIALOG, "pages_group");
  g_assert_cmpstr (adw_preferences_group_get_description (pages), ==, "");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tm_test_remove_tree (out);
}

static void
test_report_sections_and_name (Fixture       *f,
                               gconstpointer  data)
{
  run_app (f, report_sections_and_name_body);
}

/* ---- The daily reminder --------------------------------------------- */

static GDateTime *
fake_clock (gpointer data)
{
  return g_date_time_ref (*(GDateTime **) data);
}

static void
count_cb (gpointer  instance,
          int      *count)
{
  (*count)++;
}

static void
set_clock (GDateTime  **clock,
           const char  *day,
           int          hour,
           int          minute)
{
  GDate date;

  g_assert_true (tm_day_to_date (day, &date));
  g_clear_pointer (clock, g_date_time_unref);
  *clock = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                                  hour, minute, 0);
}

/* A notification server on the private bus, as GNOME Shell would be. */
typedef struct
{
  guint      owner_id;
  guint      object_id;
  gboolean   owned;
  int        received;
  char      *title;
  char      *body;
  char      *action;
} Notifications;

static void
on_notification_call_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *path,
                         const char            *interface,
                         const char            *method,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  Notifications *n = user_data;

  if (g_str_equal (method, "AddNotification"))
    {
      g_autoptr(GVariant) notification = g_variant_get_child_value (parameters, 2);

      n->received++;
      g_clear_pointer (&n->title, g_free);
      g_clear_pointer (&n->body, g_free);
      g_clear_pointer (&n->action, g_free);
      g_variant_lookup (notification, "title", "s", &n->title);
      g_variant_lookup (notification, "body", "s", &n->body);
      g_variant_lookup (notification, "default-action", "s", &n->action);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((Notifications *) user_data)->owned = TRUE;
}

static void
on_name_lost_cb (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  g_error ("Could not own %s on the test's bus (connection %p, closed %d)", name, (void *) connection, connection != NULL && g_dbus_connection_is_closed (connection));
}

static gboolean
name_is_owned (gpointer data)
{
  return ((Notifications *) data)->owned;
}

static void
serve_notifications (Fixture       *f,
                     Notifications *n)
{
  static const GDBusInterfaceVTable vtable = { on_notification_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s'/><arg type='s'/><arg type='a{sv}'/></method>"
    "<method name='RemoveNotification'><arg type='s'/><arg type='s'/></method>"
    "</interface></node>", NULL);
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (f->app));

  g_assert_nonnull (bus);
  n->object_id = g_dbus_connection_register_object (bus, "/org/gtk/Notifications", node->interfaces[0],
                                                    &vtable, n, NULL, NULL);
  n->owner_id = g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                              on_name_acquired_cb, on_name_lost_cb, n, NULL);
  wait_for (name_is_owned, n, "the notification server");
}

static void
stop_notifications (Fixture       *f,
                    Notifications *n)
{
  g_dbus_connection_unregister_object (g_application_get_dbus_connection (G_APPLICATION (f->app)), n->object_id);
  g_bus_unown_name (n->owner_id);
  g_free (n->title);
  g_free (n->body);
  g_free (n->action);
}

static gboolean
notification_count_is (gpointer data)
{
  Notifications *n = data;

  return n->received == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (g_application_get_default ()), "want"));
}

static void
wait_for_notifications (Notifications *n,
                        int            count)
{
  g_object_set_data (G_OBJECT (g_application_get_default ()), "want", GINT_TO_POINTER (count));
  wait_for (notification_count_is, n, "the notification");
}

/* On a clock the test sets: the reminder comes once a day at its time,
 * not on a day with a check-in; its action opens Today. */
static void
reminder_body (Fixture *f)
{
  TmReminderService *reminder = tm_application_get_reminder (f->app);
  Notifications n = { 0 };
  g_autoptr(GSettings) settings = tm_settings_new ();
  g_autofree char *today = tm_day_today ();
  g_autofree char *tomorrow = tm_day_add (today, 1);
  GDateTime *clock = NULL;
  int fired = 0;

  g_assert_nonnull (reminder);
  serve_notifications (f, &n);
  g_signal_connect (reminder, "fired", G_CALLBACK (count_cb), &fired);
  set_clock (&clock, today, 19, 0);
  tm_reminder_service_set_clock (reminder, fake_clock, &clock);
  g_settings_set_string (settings, "reminder-time", "20:00");
  g_settings_set_boolean (settings, "reminder-enabled", TRUE);
  g_assert_cmpint (fired, ==, 0);

  /* Past its time, no check-in: it comes, once. */
  set_clock (&clock, today, 20, 1);
  tm_reminder_service_check (reminder);
  g_assert_cmpint (fired, ==, 1);
  wait_for_notifications (&n, 1);
  g_assert_cmpstr (n.title, ==, "How Are You Today?");
  /* Nothing answered yet: it names every questionnaire as due. */
  g_assert_cmpstr (n.body, ==, "A check-in takes under a minute. Also due: PHQ-9, GAD-7, Follow-up.");
  g_assert_cmpstr (n.action, ==, "app.show-today");
  tm_reminder_service_check (reminder);
  g_assert_cmpint (fired, ==, 1);

  /* The next day: not before 20:00; then it comes. */
  set_clock (&clock, tomorrow, 19, 59);
  tm_reminder_service_check (reminder);
  g_assert_cmpint (fired, ==, 1);
  set_clock (&clock, tomorrow, 20, 0);
  tm_reminder_service_check (reminder);
  g_assert_cmpint (fired, ==, 2);
  wait_for_notifications (&n, 2);

  /* Its action opens Today. (It activates the application: the test's
   * own "activate" handler must not run the test again.) */
  g_signal_handlers_disconnect_by_func (f->app, on_activate_cb, f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "trends");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-today", NULL);
  wait_for (today_is_shown, f, "Today");

  g_settings_reset (settings, "reminder-enabled");
  g_settings_reset (settings, "reminder-time");
  tm_reminder_service_set_clock (reminder, NULL, NULL);
  g_date_time_unref (clock);
  stop_notifications (f, &n);
}

/* A check-in today answers today's reminder, unless a questionnaire is
 * due: then the one reminder of the day names it. */
static void
reminder_not_after_checkin_body (Fixture *f)
{
  TmReminderService *reminder = tm_application_get_reminder (f->app);
  g_autoptr(GSettings) settings = tm_settings_new ();
  g_autofree char *today = tm_day_today ();
  GDateTime *clock = NULL;
  int fired = 0;

  Notifications n = { 0 };
  g_autofree char *month_ago = tm_day_add (today, -TM_FOLLOWUP_CADENCE_DAYS);

  serve_notifications (f, &n);
  store_checkin (f, today, 6, NULL);
  store_questionnaire (f, TM_QUESTIONNAIRE_PHQ9, today);
  store_questionnaire (f, TM_QUESTIONNAIRE_GAD7, today);
  store_questionnaire (f, TM_QUESTIONNAIRE_FOLLOWUP, month_ago);
  g_signal_connect (reminder, "fired", G_CALLBACK (count_cb), &fired);
  set_clock (&clock, today, 21, 0);
  tm_reminder_service_set_clock (reminder, fake_clock, &clock);
  g_settings_set_boolean (settings, "reminder-enabled", TRUE);

  /* The follow-up is due, a month on: the one reminder of the day names
   * it, though today has its check-in. */
  tm_reminder_service_check (reminder);
  g_assert_cmpint (fired, ==, 1);
  wait_for_notifications (&n, 1);
  g_assert_cmpstr (n.title, ==, "A Questionnaire Is Due");
  g_assert_cmpstr (n.body, ==, "Due today: Follow-up. It takes a few minutes, on Today.");
  tm_reminder_service_check (reminder);
  g_assert_cmpint (fired, ==, 1);

  /* The next day, with its check-in and nothing due: no reminder. */
  {
    g_autofree char *tomorrow = tm_day_add (today, 1);

    store_checkin (f, tomorrow, 6, NULL);
    store_questionnaire (f, TM_QUESTIONNAIRE_FOLLOWUP, today);
    set_clock (&clock, tomorrow, 21, 0);
    tm_reminder_service_check (reminder);
    g_assert_cmpint (fired, ==, 1);
  }

  stop_notifications (f, &n);
  g_settings_reset (settings, "reminder-enabled");
  tm_reminder_service_set_clock (reminder, NULL, NULL);
  g_date_time_unref (clock);
}

/* "Start in the background at login" writes and removes the autostart entry. */
static void
autostart_body (Fixture *f)
{
  g_autoptr(GSettings) settings = tm_settings_new ();
  g_autofree char *name = g_strconcat (APPLICATION_ID, ".desktop", NULL);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
  g_autofree char *contents = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Exec=tidemark --background"));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_reminder (Fixture       *f,
               gconstpointer  data)
{
  run_app (f, reminder_body);
  run_app (f, reminder_not_after_checkin_body);
  run_app (f, autostart_body);
}

/* ---- Accessible names ------------------------------------------------ */

static gboolean
is_interactive (GtkWidget *widget)
{
  /* Icons are pictures, not controls; lists are containers. */
  if (GTK_IS_IMAGE (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_FLOW_BOX (widget) || GTK_IS_LABEL (widget))
    return FALSE;

  switch (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_IMG:
      return TRUE;
    default:
      /* Anything else that takes the focus and acts: our rating scale,
       * chart and day cells, a row. */
      return gtk_widget_get_focusable (widget) && gtk_widget_get_can_target (widget) &&
             !GTK_IS_WINDOW (widget) && !GTK_IS_VIEWPORT (widget) && !GTK_IS_SCROLLED_WINDOW (widget) &&
             !GTK_IS_LIST_VIEW (widget) && !GTK_IS_LIST_BOX_ROW (widget);
    }
}

/* The text of the labels inside @widget, which is how GTK names buttons. */
static gboolean
has_label_inside (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && gtk_widget_get_visible (child) && gtk_label_get_text (GTK_LABEL (child))[0] != '\0') ||
        has_label_inside (child))
      return TRUE;
  return FALSE;
}

/* The text a screen reader would say for @widget: an accessible label or
 * labelling relation, or (as GTK names buttons and rows) the labels in it. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
      return has_label_inside (widget);
    default:
      return FALSE;
    }
}

/* Controls that GTK and libadwaita build themselves, named or not by them:
 * the window's own buttons and a menu button's inner button (named by the
 * menu button). */
static gboolean
belongs_to_toolkit (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return parent != NULL && (GTK_IS_WINDOW_CONTROLS (parent) || GTK_IS_MENU_BUTTON (parent));
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (is_interactive (widget) && !belongs_to_toolkit (widget) && !has_accessible_name (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      g_string_append_printf (unnamed, "\n  %s (in %s%s%s)", G_OBJECT_TYPE_NAME (widget),
                              parent != NULL ? G_OBJECT_TYPE_NAME (parent) : "nothing",
                              gtk_widget_get_tooltip_text (widget) != NULL ? ", tooltip " : "",
                              gtk_widget_get_tooltip_text (widget) != NULL ? gtk_widget_get_tooltip_text (widget) : "");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_error ("In %s, these controls have no accessible name:%s", where, unnamed->str);
}

static GtkWindow *
newest_window_of_type (GType type)
{
  GListModel *windows = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = GTK_WINDOW (window);
    }
  return found;
}

static void
check_dialog (GType       type,
              const char *where)
{
  GtkWindow *dialog = newest_window_of_type (type);

  g_assert_nonnull (dialog);
  wait_for (is_mapped, dialog, where);
  wait_for_drawn (dialog, where);
  assert_all_named (GTK_WIDGET (dialog), where);
  gtk_window_destroy (dialog);
  settle ();
}

/* Every page and dialog: every control a screen reader can reach has a
 * name. */
static void
accessible_names_body (Fixture *f)
{
  static const char * const pages[] = { "today", "sessions", "calendar", "trends", "history" };
  g_autofree char *yesterday = day_ago (1);

  store_checkin (f, yesterday, 6, "Slept well");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *where = g_strdup_printf ("the %s page", pages[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", pages[i]));
      wait_for (is_mapped, tm_window_get_page (f->window, pages[i]), where);
      wait_for_drawn (tm_window_get_page (f->window, pages[i]), where);
      settle ();
      assert_all_named (GTK_WIDGET (f->window), where);
    }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  check_dialog (TM_TYPE_PREFERENCES_DIALOG, "Preferences");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL);
  check_dialog (TM_TYPE_REPORT_DIALOG, "Export Report");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL);
  check_dialog (TM_TYPE_SESSION_DIALOG, "the session editor");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-questionnaire", "s", "phq9");
  check_dialog (TM_TYPE_QUESTIONNAIRE_DIALOG, "the PHQ-9");
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  run_app (f, accessible_names_body);
}

/* ---- Export Data and Import Data ------------------------------------ */

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The actions come back when an import (or a backup) has ended. */
static gboolean
import_ended (gpointer window)
{
  return !tm_data_transfer_is_busy (tm_window_get_context (window));
}

/* The backup made on opening (on a low-priority idle, then in a thread)
 * works on the file too: waits until it is there and has ended, so that
 * it neither starts nor runs during what comes next. */
static void
wait_for_opening_backup (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, name, NULL);

  wait_for (file_exists, backup, "the backup made on opening");
  wait_for (import_ended, f->window, "the backup made on opening to end");
}

/* The mood the window's check-ins list holds for @day, or -1. */
static int
shown_mood (Fixture    *f,
            const char *day)
{
  GListModel *checkins = tm_store_get_checkins (tm_context_get_store (context_of (f)));

  for (guint i = 0; i < g_list_model_get_n_items (checkins); i++)
    {
      g_autoptr(TmCheckin) checkin = g_list_model_get_item (checkins, i);

      if (g_str_equal (checkin->day, day))
        return checkin->mood;
    }
  return -1;
}

/* Export, change a day in the file, import: Tidemark asks before replacing
 * what is here; a file with a problem imports nothing and says where. */
static void
data_transfer_body (Fixture *f)
{
  g_autofree char *day = day_ago (4);
  g_autofree char *out_parent = tm_test_make_data_dir ();
  g_autofree char *out_path = g_build_filename (out_parent, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) written = NULL;
  g_autofree char *written_path = NULL;
  g_autofree char *checkins = NULL;
  g_autofree char *contents = NULL;
  g_auto(Row) row = { 0 };
  g_autoptr(GAsyncResult) exported = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *backup_name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, backup_name, NULL);
  AdwMessageDialog *dialog;

  /* The backup made on opening works on the file too: it ends first. */
  wait_for (file_exists, backup, "the backup made on opening");
  wait_for (import_ended, f->window, "the backup made on opening to end");
  store_checkin (f, day, 4, "Before the export");
  g_assert_cmpint (g_mkdir (out_path, 0700), ==, 0);
  tm_data_transfer_export (context_of (f), GTK_WINDOW (f->window), out, on_exported_cb, &exported);
  /* Written in a thread: the window stays responsive, the two actions
   * wait for it. */
  g_assert_true (tm_data_transfer_is_busy (context_of (f)));
  wait_for (result_arrived, &exported, "the export");
  written = tm_data_transfer_export_finish (context_of (f), exported, NULL);
  g_assert_nonnull (written);
  g_assert_false (tm_data_transfer_is_busy (context_of (f)));
  written_path = g_file_get_path (written);
  checkins = g_build_filename (written_path, "checkins.csv", NULL);
  g_assert_true (g_file_get_contents (checkins, &contents, NULL, NULL));
  {
    g_autofree char *before = g_strdup_printf ("\"%s\",4,", day);
    g_autofree char *after = g_strdup_printf ("\"%s\",8,", day);
    g_autoptr(GString) changed = g_string_new (contents);

    g_assert_cmpuint (g_string_replace (changed, before, after, 1), ==, 1);
    g_assert_true (g_file_set_contents (checkins, changed->str, -1, NULL));
  }

  /* Cancel: nothing stored, and the import is over. */
  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), written);
  dialog = wait_for_prompt ("Some Records Are Already Here");
  g_assert_true (tm_data_transfer_is_busy (context_of (f)));
  adw_message_dialog_response (dialog, "cancel");
  g_assert_false (tm_data_transfer_is_busy (context_of (f)));
  g_assert_true (read_row (f, day, &row));
  g_assert_cmpint (row.mood, ==, 4);
  row_clear (&row);
  /* Answered from code, the dialog stays up: take it down as its buttons
   * would (gtk_window_close() would answer a second time). */
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (no_dialog_with_heading, (gpointer) "Some Records Are Already Here", "the dialog to close");

  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), written);
  dialog = wait_for_prompt ("Some Records Are Already Here");
  /* Nothing changes until the person chooses. */
  g_assert_true (read_row (f, day, &row));
  g_assert_cmpint (row.mood, ==, 4);
  g_assert_cmpint (shown_mood (f, day), ==, 4);
  adw_message_dialog_response (dialog, "replace");
  wait_for (import_ended, f->window, "the import to be stored");
  row_clear (&row);
  g_assert_true (read_row (f, day, &row));
  g_assert_cmpint (row.mood, ==, 8);
  g_assert_cmpstr (row.note, ==, "Before the export");
  /* Stored by another connection, shown by this window. */
  g_assert_cmpint (shown_mood (f, day), ==, 8);

  /* A bad row: where and what, and nothing stored. */
  {
    g_autoptr(GString) bad = g_string_new (contents);
    g_autofree char *text = NULL;

    g_string_append (bad, "\"2026-01-02\",5,,,,0,,,\"later\",\"2026-01-02T20:00:00Z\",0,,0\r\n");
    g_assert_true (g_file_set_contents (checkins, bad->str, -1, NULL));
    tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), written);
    dialog = wait_for_prompt ("Nothing Was Imported");
    text = g_strdup (adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (text, "checkins.csv:"));
    g_assert_nonnull (strstr (text, "created_at “later” is not a date and time"));
    adw_message_dialog_response (dialog, "close");
    g_assert_false (tm_data_transfer_is_busy (context_of (f)));
    g_assert_false (read_row (f, "2026-01-02", &row));
  }
  tm_test_remove_tree (out_parent);
}

static gboolean
passphrase_error_shown (gpointer dialog)
{
  return tm_passphrase_dialog_get_error (dialog) != NULL;
}

/* Export Data… as an encrypted archive: the passphrase dialog keeps its
 * button off until the two match and pass the rule, says why on Enter,
 * then the archive is written and opens with that passphrase. */
static void
archive_export_body (Fixture *f)
{
  g_autofree char *day = day_ago (3);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GFile) written = NULL;
  g_autofree char *written_path = NULL;
  g_autoptr(GError) error = NULL;
  TmPassphraseDialog *dialog;
  GtkWidget *ok_button;

  tm_crypt_set_cost_for_testing (1, 8192);
  wait_for_opening_backup (f);
  store_checkin (f, day, 6, "Exported in an archive");

  tm_data_transfer_export_archive (context_of (f), GTK_WINDOW (f->window), folder, on_exported_cb, &exported);
  dialog = wait_for_window (f, TM_TYPE_PASSPHRASE_DIALOG);
  ok_button = child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button");
  g_assert_true (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "warning_label")));
  g_assert_true (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row")));
  g_assert_false (gtk_widget_get_sensitive (ok_button));

  /* Too short: off, and Enter says the rule. */
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row"), "tide");
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row"), "tide");
  g_assert_false (gtk_widget_get_sensitive (ok_button));
  g_assert_false (tm_passphrase_dialog_submit (dialog));
  g_assert_nonnull (strstr (tm_passphrase_dialog_get_error (dialog), "8"));
  /* Not the same: off, and Enter says so; what was typed stays. */
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row"), "low tide at seven");
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row"), "low tide at eight");
  g_assert_false (gtk_widget_get_sensitive (ok_button));
  g_assert_false (tm_passphrase_dialog_submit (dialog));
  g_assert_cmpstr (tm_passphrase_dialog_get_error (dialog), ==,
                   "The two passphrases are not the same. Type the same one in both.");
  g_assert_cmpstr (tm_passphrase_dialog_get_passphrase (dialog), ==, "low tide at seven");
  save_snapshot (dialog, "archive-passphrase-new");
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row"), "low tide at seven");
  g_assert_null (tm_passphrase_dialog_get_error (dialog));
  click (ok_button);

  wait_for (result_arrived, &exported, "the archive export");
  written = tm_data_transfer_export_finish (context_of (f), exported, &error);
  g_assert_no_error (error);
  wait_for_window_gone (f, TM_TYPE_PASSPHRASE_DIALOG);
  written_path = g_file_get_path (written);
  g_assert_true (g_str_has_suffix (written_path, TM_ARCHIVE_SUFFIX));
  g_assert_true (g_str_has_prefix (written_path, out));

  /* It opens with that passphrase, and holds the check-in. */
  {
    g_autoptr(GBytes) sealed = tm_test_read_file (written_path);
    g_autoptr(GHashTable) files = tm_archive_open (sealed, "low tide at seven", &error);
    GBytes *checkins;

    g_assert_no_error (error);
    checkins = g_hash_table_lookup (files, "checkins.csv");
    g_assert_nonnull (memmem (g_bytes_get_data (checkins, NULL), g_bytes_get_size (checkins),
                              "Exported in an archive", strlen ("Exported in an archive")));
  }
  tm_test_remove_tree (out);
}

static void
test_archive_export (Fixture       *f,
                     gconstpointer  data)
{
  run_app (f, archive_export_body);
}

/* Import Data… of an archive made in another data folder: a wrong
 * passphrase keeps the dialog, with the sentence and what was typed, and
 * stores nothing; the right one brings the record in. */
static void
archive_import_body (Fixture *f)
{
  g_autofree char *day = day_ago (5);
  g_autofree char *other_dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (out, "from-the-other-computer" TM_ARCHIVE_SUFFIX, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(Row) row = { 0 };
  TmPassphraseDialog *dialog;

  tm_crypt_set_cost_for_testing (1, 8192);
  /* The other data folder's record, exported as an archive there. */
  {
    g_autoptr(TmStore) other = tm_store_open (other_dir, &error);
    g_autoptr(TmCheckin) checkin = tm_checkin_new (day);

    g_assert_no_error (error);
    checkin->mood = 7;
    tm_checkin_set_note (checkin, "From the other computer");
    g_assert_true (tm_store_save_checkin (other, checkin, &error));
    g_assert_true (tm_store_export_archive (other, path, "low tide at seven", NULL, &error));
    g_assert_no_error (error);
  }
  wait_for_opening_backup (f);
  g_assert_false (read_row (f, day, &row));

  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), file);
  dialog = wait_for_window (f, TM_TYPE_PASSPHRASE_DIALOG);
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "warning_label")));
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row"), "high tide at nine");
  click (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button"));
  wait_for (passphrase_error_shown, dialog, "the wrong passphrase to be refused");
  wait_for (import_ended, f->window, "the wrong passphrase's job to end");
  g_assert_nonnull (strstr (tm_passphrase_dialog_get_error (dialog), "passphrase"));
  g_assert_cmpstr (tm_passphrase_dialog_get_passphrase (dialog), ==, "high tide at nine");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button")));
  g_assert_false (read_row (f, day, &row));
  save_snapshot (dialog, "archive-passphrase-wrong");

  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row"), "low tide at seven");
  g_assert_null (tm_passphrase_dialog_get_error (dialog));
  click (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button"));
  wait_for_window_gone (f, TM_TYPE_PASSPHRASE_DIALOG);
  wait_for (import_ended, f->window, "the archive to be imported");
  g_assert_true (read_row (f, day, &row));
  g_assert_cmpint (row.mood, ==, 7);
  g_assert_cmpstr (row.note, ==, "From the other computer");
  g_assert_cmpint (shown_mood (f, day), ==, 7);

  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (out);
}

static void
test_archive_import (Fixture       *f,
                     gconstpointer  data)
{
  run_app (f, archive_import_body);
}

/* The dialog never writes the report over the record: a file in the data
 * folder is refused with a sentence in the dialog, and the data file stays
 * as it was. */
static void
report_refuses_data_folder_body (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->db_path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *day = day_ago (3);
  g_autofree char *today = tm_day_today ();
  g_autofree char *backup_name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, backup_name, NULL);
  TmReportDialog *dialog = NULL;
  TmErrorLabel *error_label;
  int result = 0;

  wait_for (file_exists, backup, "the backup made on opening");
  wait_for (import_ended, f->window, "the backup made on opening to end");
  store_checkin (f, day, 6, "Slept well");
  before = tm_test_read_file (f->db_path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
  dialog = wait_for_report_dialog (f);
  wait_for (is_mapped, dialog, "the dialog to show");
  error_label = child (dialog, TM_TYPE_REPORT_DIALOG, "error_label");

  g_signal_connect (dialog, "finished", G_CALLBACK (on_report_finished_cb), &result);
  tm_report_dialog_export_to (dialog, file);
  wait_for (flag_is_set, &result, "the report to be refused");
  g_assert_cmpint (result, ==, -1);
  g_assert_true (tm_error_label_get_shown (error_label));
  g_assert_nonnull (strstr (tm_error_label_get_message (error_label), "is in Tidemark's data folder"));
  after = tm_test_read_file (f->db_path);
  tm_test_assert_bytes_equal (before, after);
  /* The dialog stays, to choose another place. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
}

static void
test_report_refuses_data_folder (Fixture       *f,
                                 gconstpointer  data)
{
  run_app (f, report_refuses_data_folder_body);
}

/* Export Data… into the data folder is refused with a sentence, and
 * writes nothing there. */
static void
data_export_refuses_data_folder_body (Fixture *f)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) written = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *backup_name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, backup_name, NULL);
  const char *name;

  wait_for (file_exists, backup, "the backup made on opening");
  wait_for (import_ended, f->window, "the backup made on opening to end");
  tm_data_transfer_export (context_of (f), GTK_WINDOW (f->window), folder, on_exported_cb,
                           &exported);
  wait_for (result_arrived, &exported, "the export to be refused");
  written = tm_data_transfer_export_finish (context_of (f), exported, &error);
  g_assert_null (written);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is Tidemark's data folder or a folder inside it"));
  g_assert_false (tm_data_transfer_is_busy (context_of (f)));

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "tidemark-export-"));
}

static void
test_data_export_refuses_data_folder (Fixture       *f,
                                      gconstpointer  data)
{
  run_app (f, data_export_refuses_data_folder_body);
}

static void
test_data_transfer (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, data_transfer_body);
}

/* Whether @model (a menu) has an item, in any section, for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
label_starts_with (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

/* Export for a Clinic (FHIR)…: in the window's menu; the file is written
 * in a thread, holds what was stored, and a toast says where it is. Into
 * the data folder, it is refused with a sentence and nothing is written. */
static void
fhir_export_body (Fixture *f)
{
  g_autofree char *day = day_ago (2);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (out, "clinic.json", NULL);
  g_autofree char *inside = g_build_filename (f->dir, "clinic.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) refused_file = g_file_new_for_path (inside);
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GFile) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkMenuButton *menu_button;
  JsonArray *entries;
  gboolean found_mood = FALSE;
  gboolean has_action = FALSE;
  GType type;
  const char *name;
  const GVariantType *parameter_type;
  const char *property;

  /* The menu item, and its action */
  menu_button = GTK_MENU_BUTTON (wait_for_widget (f->window, GTK_TYPE_MENU_BUTTON, NULL, NULL, "the main menu"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button), "win.export-fhir"));
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (f->window), i, &type, &name,
                                                   &parameter_type, &property);
       i++)
    has_action = has_action || g_str_equal (name, "win.export-fhir");
  g_assert_true (has_action);

  wait_for_opening_backup (f);
  store_checkin (f, day, 7, "For the clinic");
  tm_data_transfer_export_fhir (context_of (f), GTK_WINDOW (f->window), file, on_exported_cb, &exported);
  g_assert_true (tm_data_transfer_is_busy (context_of (f)));
  wait_for (result_arrived, &exported, "the FHIR export");
  written = tm_data_transfer_export_finish (context_of (f), exported, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (written, file));
  g_assert_false (tm_data_transfer_is_busy (context_of (f)));
  wait_for_widget (f->window, GTK_TYPE_LABEL, label_starts_with, "Exported for a clinic to ", "the toast");

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "entry");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource =
        json_object_get_object_member (json_array_get_object_element (entries, i), "resource");
      JsonObject *code =
        json_object_has_member (resource, "code") ? json_object_get_object_member (resource, "code") : NULL;
      JsonObject *coding = code != NULL ? json_array_get_object_element (json_object_get_array_member (code, "coding"),
                                                                         0)
                                        : NULL;

      if (coding != NULL && g_str_equal (json_object_get_string_member (coding, "code"), "mood") &&
          g_str_equal (json_object_get_string_member (resource, "effectiveDateTime"), day))
        {
          g_assert_cmpint (json_object_get_int_member (resource, "valueInteger"), ==, 7);
          found_mood = TRUE;
        }
    }
  g_assert_true (found_mood);

  tm_data_transfer_export_fhir (context_of (f), GTK_WINDOW (f->window), refused_file, on_exported_cb, &refused);
  wait_for (result_arrived, &refused, "the FHIR export to be refused");
  g_clear_object (&written);
  g_clear_error (&error);
  written = tm_data_transfer_export_finish (context_of (f), refused, &error);
  g_assert_null (written);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is in Tidemark's data folder"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_assert_false (tm_data_transfer_is_busy (context_of (f)));
  tm_test_remove_tree (out);
}

static void
test_fhir_export (Fixture       *f,
                  gconstpointer  data)
{
  run_app (f, fhir_export_body);
}

/* Import from Daylio: a mood name Daylio does not have waits for a value
 * (Import stays off); once chosen, the entries reach the store as
 * check-ins with that mood. Closing the dialog imports nothing; a bad
 * file says where. */
static void
daylio_import_body (Fixture *f)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "daylio", "good-year.csv", NULL);
  g_autofree char *bad_path = g_test_build_filename (G_TEST_DIST, "daylio", "not-a-day.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_auto(Row) row = { 0 };
  TmDaylioDialog *dialog;
  GtkWidget *import_button;
  AdwComboRow *super_row;
  AdwComboRow *bad_row;

  wait_for_opening_backup (f);

  /* Closed unanswered: nothing stored, and the import is over. */
  tm_data_transfer_import_daylio (context_of (f), GTK_WINDOW (f->window), file);
  dialog = wait_for_window (f, TM_TYPE_DAYLIO_DIALOG);
  g_assert_true (tm_data_transfer_is_busy (context_of (f)));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for_window_gone (f, TM_TYPE_DAYLIO_DIALOG);
  g_assert_false (tm_data_transfer_is_busy (context_of (f)));
  g_assert_cmpint (count_checkins (f), ==, 0);

  tm_data_transfer_import_daylio (context_of (f), GTK_WINDOW (f->window), file);
  dialog = wait_for_window (f, TM_TYPE_DAYLIO_DIALOG);
  import_button = child (dialog, TM_TYPE_DAYLIO_DIALOG, "import_button");
  super_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, row_has_title, "super"));
  bad_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, row_has_title, "bad"));
  g_assert_nonnull (super_row);
  g_assert_nonnull (bad_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (super_row)), ==, "1 entry");
  /* Daylio's "bad" starts at its default, 3; "super" has none. */
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (bad_row)), ==, "3");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (super_row)), ==, "Choose");
  g_assert_false (gtk_widget_is_sensitive (import_button));
  save_snapshot (dialog, "daylio-unmapped");

  adw_combo_row_set_selected (super_row, 7);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (super_row)), ==, "6");
  g_assert_true (gtk_widget_is_sensitive (import_button));
  save_snapshot (dialog, "daylio-mapped");
  /* Nothing changes until the person imports. */
  g_assert_cmpint (count_checkins (f), ==, 0);
  click (import_button);
  wait_for_window_gone (f, TM_TYPE_DAYLIO_DIALOG);
  wait_for (import_ended, f->window, "the Daylio import to be stored");

  g_assert_cmpint (count_checkins (f), ==, 2);
  /* The later entry of the day is "super" (22:40): 6. */
  g_assert_true (read_row (f, "2022-12-05", &row));
  g_assert_cmpint (row.mood, ==, 6);
  g_assert_cmpstr (row.note, ==, "20:00\nSlept badly\nActivities: sleep\n\n22:40");
  g_assert_cmpint (row.anxiety, ==, -1);
  g_assert_cmpint (shown_mood (f, "2022-12-05"), ==, 6);
  g_assert_cmpint (shown_mood (f, "2022-12-04"), ==, 7);

  /* Days already here: asked as Import Data… asks; Keep Mine keeps them. */
  {
    AdwMessageDialog *conflict;
    g_auto(Row) kept = { 0 };

    tm_data_transfer_import_daylio (context_of (f), GTK_WINDOW (f->window), file);
    dialog = wait_for_window (f, TM_TYPE_DAYLIO_DIALOG);
    super_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, row_has_title, "super"));
    adw_combo_row_set_selected (super_row, 2);
    click (child (dialog, TM_TYPE_DAYLIO_DIALOG, "import_button"));
    conflict = wait_for_prompt ("Some Records Are Already Here");
    adw_message_dialog_response (conflict, "keep");
    gtk_window_destroy (GTK_WINDOW (conflict));
    wait_for (import_ended, f->window, "the Daylio import to be kept");
    g_assert_true (read_row (f, "2022-12-05", &kept));
    g_assert_cmpint (kept.mood, ==, 6);
    g_assert_cmpint (count_checkins (f), ==, 2);
  }

  /* A bad file: where and what, and nothing more stored. */
  {
    AdwMessageDialog *problems;
    g_autofree char *text = NULL;

    tm_data_transfer_import_daylio (context_of (f), GTK_WINDOW (f->window), bad);
    problems = wait_for_prompt ("Nothing Was Imported");
    text = g_strdup (adw_message_dialog_get_body (problems));
    g_assert_nonnull (strstr (text, "not-a-day.csv:3: the date “2023-02-30” is not a real day"));
    adw_message_dialog_response (problems, "close");
    gtk_window_destroy (GTK_WINDOW (problems));
    g_assert_false (tm_data_transfer_is_busy (context_of (f)));
    g_assert_cmpint (count_checkins (f), ==, 2);
  }
}

static void
test_daylio_import (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, daylio_import_body);
}

static gboolean
store_idle (gpointer store)
{
  return !tm_store_is_busy (store);
}

/* Closing the window does not cut an import off: it is stored, and what
 * the application shows follows. */
static void
import_after_close_body (Fixture *f)
{
  g_autofree char *day = day_ago (3);
  g_autofree char *folder_path = g_build_filename (f->dir, "in", NULL);
  g_autofree char *file = g_build_filename (folder_path, "checkins.csv", NULL);
  g_autofree char *csv = g_strdup_printf ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\","
                                          "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\"\r\n"
                                          "\"%s\",9,,,,0,,\"From the file\",\"2026-01-02T03:04:05Z\","
                                          "\"2026-01-02T03:04:05Z\"\r\n", day);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  TmStore *store = tm_application_get_store (f->app);
  g_auto(Row) row = { 0 };

  wait_for_opening_backup (f);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, csv, -1, NULL));
  g_assert_cmpint (shown_mood (f, day), ==, -1);

  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), folder);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  wait_for (store_idle, store, "the import to end");

  g_assert_true (read_row (f, day, &row));
  g_assert_cmpint (row.mood, ==, 9);
  g_assert_cmpstr (row.note, ==, "From the file");
  {
    GListModel *checkins = tm_store_get_checkins (store);
    g_autoptr(TmCheckin) first = g_list_model_get_item (checkins, 0);

    g_assert_cmpuint (g_list_model_get_n_items (checkins), ==, 1);
    g_assert_cmpint (first->mood, ==, 9);
  }
}

static void
test_import_after_close (Fixture       *f,
                         gconstpointer  data)
{
  run_app (f, import_after_close_body);
}


/* A folder with a checkins.csv of @n days from 1 January 1990. */
static GFile *
make_import_folder (Fixture *f,
                    guint    n)
{
  g_autofree char *folder_path = g_build_filename (f->dir, "many", NULL);
  g_autofree char *file = g_build_filename (folder_path, "checkins.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\","
                                         "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\"\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = tm_day_add ("1990-01-01", (int) i);

      g_string_append_printf (csv, "\"%s\",%u,,,,0,,\"Imported\",\"2026-01-02T03:04:05Z\","
                              "\"2026-01-02T03:04:05Z\"\r\n", day, i % 11);
    }
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, csv->str, -1, NULL));
  return g_file_new_for_path (folder_path);
}

static gboolean
store_not_writable (gpointer store)
{
  return !tm_store_is_writable (store);
}

static gboolean
store_writable (gpointer store)
{
  return tm_store_is_writable (store);
}

static gboolean
day_stored (gpointer data)
{
  Fixture *f = data;
  g_autofree char *today = tm_day_today ();
  g_auto(Row) row = { 0 };

  return read_row (f, today, &row);
}

/* Saving while an import is being stored: the window never waits on the
 * file; the form says why the check-in is not saved yet, keeps it, and
 * saves it once the import is in. The import shows how far it got. */
static void
save_during_import_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(GFile) folder = make_import_folder (f, 3000);
  TmProgressBanner *banner = tm_context_get_progress_banner (context_of (f));
  TmCheckinForm *form = today_form (f);
  TmErrorLabel *label = child (form, TM_TYPE_CHECKIN_FORM, "general_error");
  g_autofree char *today = tm_day_today ();
  g_auto(Row) row = { 0 };

  wait_for_opening_backup (f);
  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), folder);
  g_assert_true (tm_progress_banner_get_shown (banner));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tm_progress_banner_get_cancel_button (banner))));

  /* Until the window has heard that the import is in, its store takes no
   * writes: saving now is refused at once, not after a wait. */
  wait_for (store_not_writable, store, "the import to be stored");
  choose_rating (form, "mood_row", 7);
  type_note (form, "Typed during the import");
  g_assert_false (tm_today_page_save (TM_TODAY_PAGE (tm_window_get_page (f->window, "today"))));
  g_assert_true (tm_error_label_get_shown (label));
  g_assert_nonnull (strstr (tm_error_label_get_message (label), "storing an import"));
  g_assert_true (tm_checkin_form_get_dirty (form));
  g_assert_false (read_row (f, today, &row));
  save_snapshot (f->window, "save-during-import");

  /* The import is in; then the check-in, as typed. */
  wait_for (store_writable, store, "the import to end");
  wait_for (day_stored, f, "the check-in to be saved after the import");
  g_assert_true (read_row (f, today, &row));
  g_assert_cmpint (row.mood, ==, 7);
  g_assert_cmpstr (row.note, ==, "Typed during the import");
  g_assert_false (tm_checkin_form_get_dirty (form));
  g_assert_cmpint (count_checkins (f), ==, 3001);
  g_assert_false (tm_progress_banner_get_shown (banner));
}

static void
test_save_during_import (Fixture       *f,
                         gconstpointer  data)
{
  run_app (f, save_during_import_body);
}

static gboolean
banner_hidden (gpointer banner)
{
  return !tm_progress_banner_get_shown (banner);
}

/* Cancel in the progress banner: nothing imported, and the toast says so. */
static void
cancel_import_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(GFile) folder = make_import_folder (f, 10000);
  TmProgressBanner *banner = tm_context_get_progress_banner (context_of (f));

  wait_for_opening_backup (f);
  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), folder);
  wait_for (store_not_writable, store, "the import to be stored");
  g_signal_emit_by_name (tm_progress_banner_get_cancel_button (banner), "clicked");
  g_assert_cmpstr (tm_progress_banner_get_text (banner), ==, "Cancelling…");
  wait_for (store_idle, store, "the import to stop");
  wait_for (banner_hidden, banner, "the banner to go");
  g_assert_cmpint (count_checkins (f), ==, 0);
  g_assert_true (tm_data_transfer_is_busy (context_of (f)) == FALSE);
}

static void
test_cancel_import (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, cancel_import_body);
}

/* The first effect in @form's checklist, ticked. */
static void
tick_first_effect (TmCheckinForm *form)
{
  AdwExpanderRow *effects_row = child (form, TM_TYPE_CHECKIN_FORM, "effects_row");
  GtkWidget *check;

  adw_expander_row_set_enable_expansion (effects_row, TRUE);
  check = find_widget (GTK_WIDGET (effects_row), GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

/* How many prompts the file holds for @rule about @source's record @id,
 * answered @answer (any answer when NULL). */
static int
count_events_about (Fixture    *f,
                    const char *rule,
                    const char *source,
                    gint64      id,
                    const char *answer)
{
  g_autofree char *where = g_strdup_printf ("safety_event WHERE rule = '%s' AND source = '%s'"
                                            " AND source_id = %" G_GINT64_FORMAT "%s%s%s",
                                            rule, source, id, answer != NULL ? " AND answer = '" : "",
                                            answer != NULL ? answer : "", answer != NULL ? "'" : "");

  return count_rows_in (f, where);
}

/* Answers the prompt headed @heading, which shows over @parent, and waits
 * for it to go. */
static void
answer_prompt (const char *heading,
               gpointer    parent,
               const char *response)
{
  AdwMessageDialog *prompt = wait_for_prompt (heading);

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prompt)) == GTK_WINDOW (parent));
  adw_message_dialog_response (prompt, response);
  gtk_window_close (GTK_WINDOW (prompt));
  wait_for (no_dialog_with_heading, (gpointer) heading, "the prompt to close");
}

static gint64
last_id_of (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(id) FROM %s", table);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 id;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

static gboolean
row_subtitle_contains (GtkWidget     *widget,
                       gconstpointer  text)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return subtitle != NULL && strstr (subtitle, text) != NULL;
}

/* The rules run for every record saved, whatever saves it: Today, the
 * check-in editor, the session editor and the questionnaire window show
 * their prompts over the window that saved (or its parent when it closed);
 * an import records its prompts as raised on import, without popping them
 * up, and History ▸ Safety says so. */
static void
safety_every_path_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autofree char *earlier = day_ago (3);
  g_autofree char *week_ago = day_ago (7);
  g_autoptr(TmCheckin) c = NULL;
  TmCheckinDialog *editor;
  TmQuestionnaireDialog *questionnaire;
  gint64 id;

  wait_for_opening_backup (f);

  /* Today: effects with no dose in the day before. */
  choose_rating (today_form (f), "mood_row", 6);
  tick_first_effect (today_form (f));
  click (child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button"));
  answer_prompt ("Effects Away From a Dose", f->window, "noted");
  id = last_id_of (f, "checkin");
  g_assert_cmpint (count_events_about (f, "S2", "checkin", id, "noted"), ==, 1);

  /* The check-in editor, on an earlier day: the prompt comes over the
   * main window once the editor has closed. */
  store_checkin (f, earlier, 5, NULL);
  c = tm_store_get_checkin (store, earlier, NULL);
  editor = tm_checkin_dialog_new (GTK_WINDOW (f->window), context_of (f), c);
  gtk_window_present (GTK_WINDOW (editor));
  wait_for (is_mapped, editor, "the check-in editor");
  tick_first_effect (child (editor, TM_TYPE_CHECKIN_DIALOG, "form"));
  click (child (editor, TM_TYPE_CHECKIN_DIALOG, "save_button"));
  wait_for (editor_is_closed, f, "the editor to close");
  answer_prompt ("Effects Away From a Dose", f->window, "contact-clinician");
  g_assert_cmpint (count_events_about (f, "S2", "checkin", c->id, "contact-clinician"), ==, 1);

  /* The session editor: strong effects, and no plan yet. */
  log_strong_session (f, 8);
  id = last_id_of (f, "session");
  answer_prompt ("Strong Effects: Stay Safe and Get Support", f->window, "resting");
  answer_prompt ("No Plan to Compare With", f->window, "noted");
  g_assert_cmpint (count_events_about (f, "S1", "session", id, "resting"), ==, 1);
  g_assert_cmpint (count_events_about (f, "S3", "session", id, "noted"), ==, 1);

  /* The questionnaire window, which stays open with the result: the
   * prompt comes over it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-questionnaire", "s", "phq9"));
  questionnaire = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  for (int i = 1; i <= 8; i++)
    answer (questionnaire, i, 0);
  answer (questionnaire, 9, 1);
  click (child (questionnaire, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));
  answer_prompt ("You Don't Have to Handle This Alone", questionnaire, "safe-now");
  id = last_id_of (f, "questionnaire");
  g_assert_cmpint (count_events_about (f, "S4", "questionnaire", id, "safe-now"), ==, 1);
  gtk_window_close (GTK_WINDOW (questionnaire));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);

  /* The importer: a plan of 50 mg, and a session of 75 mg on its day. */
  {
    g_autofree char *folder_path = g_build_filename (f->dir, "in", NULL);
    g_autofree char *plans = g_build_filename (folder_path, "plans.csv", NULL);
    g_autofree char *sessions = g_build_filename (folder_path, "sessions.csv", NULL);
    g_autofree char *plan_csv = g_strdup_printf (
      "\"effective_from\",\"interval_days\",\"dose_mg\",\"route\",\"tolerance_days\",\"instructions\","
      "\"author\",\"created_at\"\r\n"
      "\"%s\",14,50,\"sublingual\",2,,,\"2026-01-02T03:04:05Z\"\r\n", week_ago);
    g_autofree char *taken = tm_instant_from_local (week_ago, 10, 0, NULL);
    g_autofree char *session_csv = g_strdup_printf (
      "\"taken_at\",\"dose_mg\",\"route\",\"setting\",\"monitor_present\",\"mood_before\","
      "\"dissociation_peak\",\"effects\",\"effects_minutes\",\"nausea\",\"sedation\",\"bp_before_sys\","
      "\"bp_before_dia\",\"bp_after_sys\",\"bp_after_dia\",\"other_medicines\",\"note\",\"created_at\","
      "\"updated_at\"\r\n"
      "\"%s\",75,\"sublingual\",\"home\",1,,,0,,,,,,,,0,,\"2026-01-02T03:04:05Z\",\"2026-01-02T03:04:05Z\"\r\n",
      taken);
    g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
    TmHistoryPage *history;
    GtkWidget *row;

    g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
    g_assert_true (g_file_set_contents (plans, plan_csv, -1, NULL));
    g_assert_true (g_file_set_contents (sessions, session_csv, -1, NULL));
    tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), folder);
    wait_for (import_ended, f->window, "the import to be stored");

    id = last_id_of (f, "session");
    g_assert_cmpint (count_events_about (f, "S3", "session", id, "imported"), ==, 1);
    g_assert_cmpint (count_rows_in (f, "safety_event WHERE answer = 'imported' AND answered_at IS NULL"), ==, 1);
    /* Nothing pops up for it. */
    settle ();
    g_assert_false (dialog_with_heading ((gpointer) "This Dose Is Above Your Plan"));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "history"));
    history = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
    row = find_widget (GTK_WIDGET (child (history, TM_TYPE_HISTORY_PAGE, "safety_list")), ADW_TYPE_ACTION_ROW,
                       row_subtitle_contains, "Raised on import");
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "S3 · Beyond the plan");
  }

  /* Every path, once each. */
  g_assert_cmpint (count_rows_in (f, "safety_event"), ==, 6);
}

static void
test_safety_every_path (Fixture       *f,
                        gconstpointer  data)
{
  run_app (f, safety_every_path_body);
}

/* A dialog made with the context over a window of another kind, with no
 * main window left: its save still goes through the safety rules, the
 * prompts come over that window, and its toast shows where the context
 * shows toasts. */
static void
safety_without_main_window_body (Fixture *f)
{
  g_autoptr(TmContext) context = g_object_ref (context_of (f));
  GtkWindow *plain = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  TmSessionDialog *editor;
  gint64 id;

  wait_for_opening_backup (f);
  gtk_window_set_child (plain, GTK_WIDGET (overlay));
  gtk_window_set_application (plain, GTK_APPLICATION (f->app));
  gtk_window_present (plain);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  tm_context_set_toast_overlay (context, overlay);

  editor = tm_session_dialog_new (plain, context, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  wait_for (is_mapped, editor, "the session editor");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "50");
  /* Severe sedation, and no plan yet. */
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "sedation_row"), 4);
  gtk_switch_set_active (child (editor, TM_TYPE_SESSION_DIALOG, "monitor_switch"), TRUE);
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_nonnull (find_widget (GTK_WIDGET (plain), GTK_TYPE_LABEL, label_has_text,
                                 "Session logged"));

  answer_prompt ("Strong Effects: Stay Safe and Get Support", plain, "resting");
  answer_prompt ("No Plan to Compare With", plain, "noted");
  id = last_id_of (f, "session");
  g_assert_cmpint (count_events_about (f, "S1", "session", id, "resting"), ==, 1);
  g_assert_cmpint (count_events_about (f, "S3", "session", id, "noted"), ==, 1);
}

static void
test_safety_without_main_window (Fixture       *f,
                                 gconstpointer  data)
{
  run_app (f, safety_without_main_window_body);
}

/* Every window closed with a prompt still to come: it is not lost, and
 * comes over the next window Tidemark shows (the reminder keeps Tidemark
 * running in the background). */
static void
safety_prompt_waits_for_a_window_body (Fixture *f)
{
  GtkWindow *window;
  GList *windows;
  gint64 id;

  log_strong_session (f, 9);
  answer_prompt ("Strong Effects: Stay Safe and Get Support", f->window, "resting");
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  f->window = NULL;
  spin (50);
  g_assert_false (dialog_with_heading ((gpointer) "No Plan to Compare With"));

  g_application_activate (G_APPLICATION (f->app));
  window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_true (TM_IS_WINDOW (window));
  f->window = TM_WINDOW (window);
  answer_prompt ("No Plan to Compare With", window, "noted");
  id = last_id_of (f, "session");
  g_assert_cmpint (count_events_about (f, "S3", "session", id, "noted"), ==, 1);
}

static void
test_safety_prompt_waits_for_a_window (Fixture       *f,
                                       gconstpointer  data)
{
  run_app (f, safety_prompt_waits_for_a_window_body);
}

/* ---- backups -------------------------------------------------------- */


/* The first data file in @dir whose name starts with @prefix, or NULL. */
static char *
find_file_starting (const char *dir,
                    const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* Opening makes today's backup (private to its owner); Preferences lists
 * it; Back Up Now copies what is there now; Restore… asks, then brings the
 * backup back and keeps the data it replaced. */
static gboolean
backup_has_checkin (gpointer path)
{
  return count_checkins_in (path) == 1;
}

static void
backups_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, name, NULL);
  g_autofree char *restore_name = g_strconcat ("restore-", today, NULL);
  g_autofree char *replaced = NULL;
  TmStore *store = tm_application_get_store (f->app);
  GtkWindow *prefs;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  GStatBuf info;
  g_auto(Row) row = { 0 };

  wait_for (file_exists, backup, "the backup made on opening");
  /* Restoring waits for the backup's thread to be done with the file. */
  wait_for (import_ended, f->window, "the backup made on opening to end");
  g_assert_cmpint (g_stat (backup, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_checkins_in (backup), ==, 0);

  store_checkin (f, today, 7, "After the backup");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  prefs = newest_window_of_type (TM_TYPE_PREFERENCES_DIALOG);
  g_assert_nonnull (prefs);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
  wait_for (is_mapped, prefs, "Preferences");

  /* Restoring asks first; Cancel changes nothing. */
  button = find_named (GTK_WIDGET (prefs), restore_name);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  dialog = wait_for_prompt ("Restore This Backup?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (no_dialog_with_heading, (gpointer) "Restore This Backup?", "the question to go");
  settle ();
  g_assert_true (read_row (f, today, &row));

  gtk_widget_activate (find_named (GTK_WIDGET (prefs), restore_name));
  dialog = wait_for_prompt ("Restore This Backup?");
  adw_message_dialog_response (dialog, "restore");
  wait_for_rows (f, "checkin", 0);
  g_assert_false (read_row (f, today, &row));
  g_assert_null (tm_store_get_checkin (store, today, NULL));
  /* What it replaced is kept, with the check-in in it. */
  replaced = find_file_starting (f->dir, "tidemark-replaced-");
  g_assert_nonnull (replaced);
  g_assert_cmpint (count_checkins_in (replaced), ==, 1);

  /* Undo from the toast: the data as it was before, in the file and shown. */
  wait_for (undo_button_appears, prefs, "the toast's Undo");
  click (find_widget (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, button_has_label, "_Undo"));
  row_clear (&row);
  g_assert_true (read_row (f, today, &row));
  g_assert_cmpint (row.mood, ==, 7);
  g_assert_cmpstr (row.note, ==, "After the backup");
  {
    g_autoptr(TmCheckin) shown = tm_store_get_checkin (store, today, NULL);

    g_assert_nonnull (shown);
    g_assert_cmpint (shown->mood, ==, 7);
  }
  g_assert_true (g_file_test (replaced, G_FILE_TEST_EXISTS));

  /* Saving works after both; Back Up Now copies it. */
  store_checkin (f, today, 5, "After the restore");
  /* A button activated from the keyboard is clicked once it has shown itself pressed. */
  gtk_widget_activate (find_named (GTK_WIDGET (prefs), "back-up-now"));
  wait_for (backup_has_checkin, backup, "Back Up Now to copy the check-in");
  g_assert_nonnull (find_named (GTK_WIDGET (prefs), restore_name));
}

static void
test_backups (Fixture       *f,
              gconstpointer  data)
{
  run_app (f, backups_body);
}

/* An import keeps a copy of the data from just before it; Preferences
 * lists it among the backups, as made before an import, to restore. */
static void
before_import_body (Fixture *f)
{
  g_autofree char *day = day_ago (2);
  g_autofree char *earlier = day_ago (3);
  g_autofree char *folder_path = g_build_filename (f->dir, "in", NULL);
  g_autofree char *file = g_build_filename (folder_path, "checkins.csv", NULL);
  g_autofree char *csv = g_strdup_printf ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\","
                                          "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\"\r\n"
                                          "\"%s\",9,,,,0,,\"From the file\",\"2026-01-02T03:04:05Z\","
                                          "\"2026-01-02T03:04:05Z\"\r\n", day);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *copy = NULL;
  g_autofree char *copy_name = NULL;
  g_autofree char *button_name = NULL;
  GtkWindow *prefs;
  GtkWidget *button;
  GtkWidget *row;

  wait_for_opening_backup (f);
  store_checkin (f, earlier, 4, "Before the import");
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, csv, -1, NULL));
  tm_data_transfer_import (context_of (f), GTK_WINDOW (f->window), folder);
  wait_for (import_ended, f->window, "the import to be stored");

  copy = find_file_starting (f->dir, "tidemark-before-import-");
  g_assert_nonnull (copy);
  g_assert_cmpint (count_checkins_in (copy), ==, 1);
  g_assert_cmpint (count_checkins (f), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  prefs = newest_window_of_type (TM_TYPE_PREFERENCES_DIALOG);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
  wait_for (is_mapped, prefs, "Preferences");
  copy_name = g_path_get_basename (copy);
  {
    g_autofree char *stem = g_strndup (copy_name, strlen (copy_name) - strlen (".db"));

    button_name = g_strconcat ("restore-", stem, NULL);
  }
  button = find_named (GTK_WIDGET (prefs), button_name);
  g_assert_nonnull (button);
  row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Before an import at "));

  /* Restoring it takes the data back to before the import. */
  gtk_widget_activate (button);
  adw_message_dialog_response (wait_for_prompt ("Restore This Backup?"), "restore");
  wait_for_rows (f, "checkin", 1);
}

static void
test_before_import (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, before_import_body);
}

static gboolean
main_window_is_up (gpointer app)
{
  return TM_IS_WINDOW (gtk_application_get_active_window (app));
}

/* A data file that fails its check: Tidemark says so, offers the newest
 * good backup, keeps the damaged file aside unchanged, and opens. */
static void
damaged_restore_body (Fixture *f)
{
  g_autofree char *yesterday = day_ago (1);
  GtkWidget *button = find_named (GTK_WIDGET (f->recovery), "restore-backup");
  g_autofree char *damaged = NULL;
  GtkWindow *window;
  g_auto(Row) row = { 0 };

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), "Restore the Backup of"));
  gtk_widget_activate (button);
  wait_for (main_window_is_up, f->app, "the main window after restoring");

  window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  wait_for (is_mapped, window, "the main window");
  g_assert_true (read_row (f, yesterday, &row));
  g_assert_cmpint (row.mood, ==, 6);
  damaged = find_file_starting (f->dir, "tidemark-damaged-");
  g_assert_nonnull (damaged);
  {
    g_autoptr(GBytes) kept = tm_test_read_file (damaged);
    g_autofree char *copy = g_strconcat (f->dir, ".damaged", NULL);
    g_autoptr(GBytes) original = tm_test_read_file (copy);

    tm_test_assert_bytes_equal (original, kept);
  }
}

/* Choosing another folder: one that can't hold data is explained in the
 * same window; an empty one opens afresh. */
static void
damaged_other_folder_body (Fixture *f)
{
  g_autofree char *file = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh", NULL);
  GtkWindow *window;
  TmStore *store;

  g_assert_true (g_file_set_contents (file, "a file, not a folder", -1, NULL));
  tm_recovery_window_open_folder (f->recovery, file);
  settle ();
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == GTK_WINDOW (f->recovery));

  tm_recovery_window_open_folder (f->recovery, fresh);
  wait_for (main_window_is_up, f->app, "the main window on the new folder");
  window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_true (TM_IS_WINDOW (window));
  store = tm_context_get_store (tm_window_get_context (TM_WINDOW (window)));
  g_assert_cmpstr (tm_store_get_data_dir (store), ==, fresh);
  g_unlink (file);
}

/* Data with a check-in yesterday and a good backup (sealed with @seal,
 * or plain), then damaged. */
static void
make_damaged_data_sealed (Fixture            *f,
                          const TmBackupSeal *seal)
{
  g_autofree char *yesterday = day_ago (1);
  g_autofree char *copy = g_strconcat (f->dir, ".damaged", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (f->dir, &error);
  g_autoptr(TmCheckin) c = tm_checkin_new (yesterday);
  g_autofree char *contents = NULL;
  gsize length;

  c->mood = 6;
  g_assert_true (tm_store_save_checkin (store, c, &error));
  g_assert_true (tm_store_back_up_now_sealed (store, yesterday, seal, &error));
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (f->db_path, &contents, &length, NULL));
  memset (contents + 1024, 0x5a, MIN (length - 1024, 4096));
  g_assert_true (g_file_set_contents (f->db_path, contents, (gssize) length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
}

static void
make_damaged_data (Fixture *f)
{
  make_damaged_data_sealed (f, NULL);
}

static void
test_damaged_data (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *copy = g_strconcat (f->dir, ".damaged", NULL);

  make_damaged_data (f);
  run_app (f, damaged_restore_body);
  tm_test_remove_tree (f->dir);
  g_mkdir (f->dir, 0700);
  make_damaged_data (f);
  run_app (f, damaged_other_folder_body);
  g_unlink (copy);
}

/* The same data, then emptied to zero bytes: with a backup beside it, no
 * new start; the backup is offered, and the empty file kept aside. */
static void
test_emptied_data (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *copy = g_strconcat (f->dir, ".damaged", NULL);

  make_damaged_data (f);
  g_assert_true (g_file_set_contents (f->db_path, "", 0, NULL));
  g_assert_true (g_file_set_contents (copy, "", 0, NULL));
  run_app (f, damaged_restore_body);
  g_unlink (copy);
}

/* ---- encrypted backups ------------------------------------------------ */

static gboolean
widget_is_sensitive (gpointer widget)
{
  return gtk_widget_is_sensitive (widget);
}

static gboolean
encryption_on (gpointer settings)
{
  return g_settings_get_boolean (settings, "encrypt-backups");
}

static gboolean
is_encrypted_file (gpointer path)
{
  return tm_backups_is_encrypted (path);
}

/* Neither SQLite's header nor @text anywhere in the file at @path. */
static void
assert_sealed (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, (gssize) length, "SQLite format 3"));
  for (gsize i = 0; i + strlen (text) <= length; i++)
    g_assert_false (memcmp (contents + i, text, strlen (text)) == 0);
}

static void
reset_backup_encryption (void)
{
  g_autoptr(GSettings) settings = tm_settings_new ();

  g_settings_reset (settings, "encrypt-backups");
  g_settings_reset (settings, "backup-key-source");
  tm_backup_keys_forget_passphrase ();
  tm_keyring_clear_memory_for_testing ();
}

typedef struct
{
  Fixture    *f;
  const char *day;
  int         mood;
} MoodWanted;

static gboolean
mood_is (gpointer data)
{
  MoodWanted *wanted = data;
  g_auto(Row) row = { 0 };

  return read_row (wanted->f, wanted->day, &row) && row.mood == wanted->mood;
}

/* Encrypt Backups switched on in Preferences: the keyring's key is made
 * and its recovery code shown; Back Up Now then writes a backup nobody
 * can read without the key, which restores with it. */
static void
encrypt_backups_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, name, NULL);
  g_autofree char *restore_name = g_strconcat ("restore-", today, NULL);
  g_autoptr(GSettings) settings = tm_settings_new ();
  g_autoptr(TmCryptKey) key = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shown = NULL;
  MoodWanted before = { f, today, 7 };
  AdwMessageDialog *dialog;
  GtkWindow *prefs;

  wait_for_opening_backup (f);
  g_assert_false (tm_backups_is_encrypted (backup));
  store_checkin (f, today, 7, "Before the encrypted backup");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  prefs = newest_window_of_type (TM_TYPE_PREFERENCES_DIALOG);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
  wait_for (is_mapped, prefs, "Preferences");
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (prefs), "backup-key-source")));

  gtk_widget_activate (find_named (GTK_WIDGET (prefs), "encrypt-backups"));
  wait_for (encryption_on, settings, "Encrypt Backups to be switched on");
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (prefs), "backup-key-source")));

  /* The new key's recovery code, the one the keyring keeps. */
  dialog = wait_for_prompt ("Backup Recovery Code");
  key = tm_keyring_lookup_key (NULL, NULL, NULL);
  g_assert_nonnull (key);
  code = tm_crypt_key_to_recovery_code (key);
  {
    GtkWidget *label = find_named (GTK_WIDGET (dialog), "recovery-code");
    g_auto(GStrv) lines = g_strsplit (gtk_label_get_text (GTK_LABEL (label)), "\n", -1);

    shown = g_strjoinv ("-", lines);
  }
  g_assert_cmpstr (shown, ==, code);
  g_assert_nonnull (find_named (GTK_WIDGET (dialog), "print-recovery-code"));
  wait_for_drawn (dialog, "the recovery code");
  save_snapshot (dialog, "recovery-code");
  gtk_widget_activate (find_named (GTK_WIDGET (dialog), "copy-recovery-code"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait_for_drawn (prefs, "Preferences with encryption on");
  save_snapshot (prefs, "preferences-backups-encrypted");
  gtk_widget_activate (find_named (GTK_WIDGET (prefs), "back-up-now"));
  wait_for (is_encrypted_file, backup, "Back Up Now to write an encrypted backup");
  wait_for (import_ended, f->window, "the backup to end");
  assert_sealed (backup, "Before the encrypted backup");

  /* Restored with the keyring's key, asking nothing more. */
  store_checkin (f, today, 2, "After the encrypted backup");
  wait_for (widget_is_sensitive, find_named (GTK_WIDGET (prefs), "back-up-now"), "Back Up Now again");
  gtk_widget_activate (find_named (GTK_WIDGET (prefs), restore_name));
  adw_message_dialog_response (wait_for_prompt ("Restore This Backup?"), "restore");
  wait_for (mood_is, &before, "the encrypted backup restored");
  g_assert_null (newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG));

  reset_backup_encryption ();
}

static void
test_encrypt_backups (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, encrypt_backups_body);
}

static gboolean
passphrase_dialog_shows (gpointer data)
{
  GtkWindow *dialog = newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
passphrase_dialog_gone (gpointer data)
{
  return newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG) == NULL;
}

static gboolean
toast_says (gpointer data)
{
  Fixture *f = data;

  return find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, label_has_text,
                      "Today’s backup was not made: no passphrase was given") != NULL;
}

/* Backups encrypted with a passphrase, and none given when Tidemark asks
 * on opening: no backup at all (never a plain one), and a toast says so. */
static void
no_passphrase_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, name, NULL);
  GtkWindow *dialog;

  wait_for (passphrase_dialog_shows, NULL, "the passphrase to be asked");
  dialog = newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Backup Passphrase");
  g_assert_true (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "warning_label")));
  g_assert_true (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row")));
  save_snapshot (dialog, "backup-passphrase-choose");
  gtk_window_close (dialog);
  wait_for (toast_says, f, "the toast saying no backup was made");
  settle ();
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_null (find_file_starting (f->dir, "tidemark-backup-"));
  reset_backup_encryption ();
}

static void
test_no_passphrase_no_backup (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = tm_settings_new ();

  tm_backup_keys_forget_passphrase ();
  g_settings_set_boolean (settings, "encrypt-backups", TRUE);
  g_settings_set_string (settings, "backup-key-source", "passphrase");
  run_app (f, no_passphrase_body);
  reset_backup_encryption ();
}

/* Backups encrypted with a passphrase chosen in Preferences: typed twice,
 * the same; the day's backup then asks for it. */
static void
passphrase_source_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-backup-%s.db", today);
  g_autofree char *backup = g_build_filename (f->dir, name, NULL);
  g_autoptr(GSettings) settings = tm_settings_new ();
  TmCryptKeySource source = 0;
  GtkWindow *prefs;
  GtkWindow *dialog;

  wait_for_opening_backup (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  prefs = newest_window_of_type (TM_TYPE_PREFERENCES_DIALOG);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
  wait_for (is_mapped, prefs, "Preferences");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (GTK_WIDGET (prefs), "backup-key-source")), 1);
  {
    g_autofree char *source_id = g_settings_get_string (settings, "backup-key-source");

    g_assert_cmpstr (source_id, ==, "passphrase");
  }
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (prefs), "show-recovery-code")));
  gtk_widget_activate (find_named (GTK_WIDGET (prefs), "encrypt-backups"));

  wait_for (passphrase_dialog_shows, NULL, "a passphrase to be chosen");
  dialog = newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG);
  g_assert_cmpstr (gtk_button_get_label (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button")), ==,
                   "_Use Passphrase");
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row"), "a passphrase of mine");
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row"), "a passphrase of nine");
  g_assert_false (tm_passphrase_dialog_submit (TM_PASSPHRASE_DIALOG (dialog)));
  g_assert_cmpstr (tm_passphrase_dialog_get_error (TM_PASSPHRASE_DIALOG (dialog)), ==,
                   "The two passphrases are not the same. Type the same one in both.");
  g_assert_cmpstr (tm_passphrase_dialog_get_passphrase (TM_PASSPHRASE_DIALOG (dialog)), ==,
                   "a passphrase of mine");
  type_text (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row"), "a passphrase of mine");
  click (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button"));
  wait_for (passphrase_dialog_gone, NULL, "the passphrase to be taken");
  wait_for_drawn (prefs, "Preferences with a passphrase");
  save_snapshot (prefs, "preferences-backups-passphrase");

  gtk_widget_activate (find_named (GTK_WIDGET (prefs), "back-up-now"));
  wait_for (is_encrypted_file, backup, "Back Up Now to write a backup sealed with the passphrase");
  wait_for (import_ended, f->window, "the backup to end");
  g_assert_true (tm_backups_read_seal (backup, &source, NULL, NULL));
  g_assert_cmpint (source, ==, TM_CRYPT_KEY_SOURCE_PASSPHRASE);
  /* Never asked again this session. */
  g_assert_null (newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG));
  {
    TmBackupSeal seal = { NULL, "a passphrase of mine" };
    g_autoptr(TmPendingFile) plain = tm_backups_unseal (backup, &seal, NULL);

    g_assert_nonnull (plain);
  }
  reset_backup_encryption ();
}

static void
test_passphrase_source (Fixture       *f,
                        gconstpointer  data)
{
  run_app (f, passphrase_source_body);
  reset_backup_encryption ();
}

/* @wrong typed in @row of the passphrase dialog over the recovery window:
 * refused in the dialog, which stays with what was typed; nothing is
 * restored, nothing opened. */
static void
refuse_in_dialog (Fixture    *f,
                  GtkWindow  *dialog,
                  GtkWidget  *row,
                  const char *wrong,
                  const char *snapshot)
{
  type_text (row, wrong);
  click (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button"));
  wait_for (passphrase_error_shown, dialog, "what was typed to be refused");
  g_assert_true (newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG) == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, wrong);
  save_snapshot (dialog, snapshot);
  g_assert_null (find_file_starting (f->dir, "tidemark-damaged-"));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->recovery));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->recovery)));
  g_assert_false (main_window_is_up (f->app));
}

/* @right typed in @row: yesterday's check-in comes back from the backup. */
static void
restore_from_dialog (Fixture    *f,
                     GtkWindow  *dialog,
                     GtkWidget  *row,
                     const char *right)
{
  g_autofree char *yesterday = day_ago (1);
  g_auto(Row) row_read = { 0 };

  type_text (row, right);
  click (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button"));
  wait_for (main_window_is_up, f->app, "the main window after restoring");
  g_assert_true (read_row (f, yesterday, &row_read));
  g_assert_cmpint (row_read.mood, ==, 6);
}

/* The damaged file's newest backup is encrypted with a passphrase: the
 * recovery window asks for it; a wrong one is refused in the dialog, which
 * stays with what was typed, and nothing is replaced; the right one brings
 * the data back. */
static void
encrypted_restore_body (Fixture *f)
{
  GtkWidget *button = find_named (GTK_WIDGET (f->recovery), "restore-backup");
  GtkWindow *dialog;
  GtkWidget *row;
  g_autofree char *damaged = NULL;

  g_assert_true (gtk_widget_get_visible (button));
  gtk_widget_activate (button);
  wait_for (passphrase_dialog_shows, NULL, "the backup's passphrase to be asked");
  dialog = newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Encrypted Backup");
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "warning_label")));
  row = child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row");
  refuse_in_dialog (f, dialog, row, "not the passphrase", "backup-passphrase-wrong");
  g_assert_nonnull (strstr (tm_passphrase_dialog_get_error (TM_PASSPHRASE_DIALOG (dialog)), "passphrase"));
  restore_from_dialog (f, dialog, row, "the right passphrase");
  damaged = find_file_starting (f->dir, "tidemark-damaged-");
  g_assert_nonnull (damaged);
}

static void
test_encrypted_restore (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *copy = g_strconcat (f->dir, ".damaged", NULL);
  TmBackupSeal seal = { NULL, "the right passphrase" };

  tm_backup_keys_forget_passphrase ();
  make_damaged_data_sealed (f, &seal);
  run_app (f, encrypted_restore_body);
  g_unlink (copy);
}

/* The recovery code recovery_code_restore_body() types last. */
static const char *recovery_code_for_test;

/* The damaged file's newest backup is sealed with a key the keyring no
 * longer has: the passphrase dialog asks for the key's recovery code, in
 * plain sight; a wrong one is refused in the dialog, which stays with what
 * was typed; the right one brings the data back. */
static void
recovery_code_restore_body (Fixture *f)
{
  GtkWidget *button = find_named (GTK_WIDGET (f->recovery), "restore-backup");
  GtkWindow *dialog;
  GtkWidget *row;

  gtk_widget_activate (button);
  wait_for (passphrase_dialog_shows, NULL, "the key's recovery code to be asked");
  dialog = newest_window_of_type (TM_TYPE_PASSPHRASE_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Encrypted Backup");
  row = child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "code_row");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_false (ADW_IS_PASSWORD_ENTRY_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Recovery Code");
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "passphrase_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "again_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "warning_label")));
  g_assert_cmpstr (gtk_button_get_label (child (dialog, TM_TYPE_PASSPHRASE_DIALOG, "ok_button")), ==, "_Open");

  refuse_in_dialog (f, dialog, row, "not the code", "backup-recovery-code-wrong");
  restore_from_dialog (f, dialog, row, recovery_code_for_test);
}

static void
test_recovery_code_restore (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *copy = g_strconcat (f->dir, ".damaged", NULL);
  g_autoptr(TmCryptKey) key = tm_crypt_key_new_random ();
  g_autofree char *code = tm_crypt_key_to_recovery_code (key);
  TmBackupSeal seal = { key, NULL };

  reset_backup_encryption ();
  make_damaged_data_sealed (f, &seal);
  recovery_code_for_test = code;
  run_app (f, recovery_code_restore_body);
  recovery_code_for_test = NULL;
  g_unlink (copy);
}

/* ---- one writer per data folder ------------------------------------ */

typedef struct
{
  gboolean  done;
  int       status;
  char     *err;
} Launch;

static void
on_launch_ended_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Launch *launch = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, &launch->err, &error);
  g_assert_no_error (error);
  launch->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  launch->done = TRUE;
}

static gboolean
launch_ended (gpointer launch)
{
  return ((Launch *) launch)->done;
}

static void
count_activation_cb (guint *count)
{
  (*count)++;
}

/* Tidemark started again on the data folder a window shows: the window
 * comes to the front, and the second Tidemark ends without a window of
 * its own. */
static void
second_window_body (Fixture *f)
{
  const char *argv[] = { g_getenv ("TIDEMARK_BIN"), NULL };
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  Launch launch = { 0 };
  guint activations = 0;

  g_assert_nonnull (argv[0]);
  /* This body ran on the first activation; count the next ones. */
  g_signal_handlers_disconnect_by_func (f->app, on_activate_cb, f);
  g_signal_connect_swapped (f->app, "activate", G_CALLBACK (count_activation_cb), &activations);

  /* The fixture's TIDEMARK_DATA_DIR: the same folder. Under the sanitizer
   * the second Tidemark is not checked for leaks: it only hands over and
   * ends, and LeakSanitizer then reports, now and then, the GSettings
   * backend module GLib loaded (the same run passes or not as memory
   * happens to lie). This process's own checks stay on. */
  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    const char *asan = g_getenv ("ASAN_OPTIONS");

    if (asan != NULL)
      {
        g_autofree char *no_leaks = g_strconcat (asan, ":detect_leaks=0", NULL);

        g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", no_leaks, TRUE);
      }
    second = g_subprocess_launcher_spawnv (launcher, argv, &error);
  }
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (second, NULL, NULL, on_launch_ended_cb, &launch);
  wait_for (launch_ended, &launch, "the second Tidemark to hand over and end");

  g_assert_cmpint (launch.status, ==, 0);
  g_assert_cmpstr (launch.err, ==, "");
  g_assert_cmpuint (activations, ==, 1);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == GTK_WINDOW (f->window));
  g_signal_handlers_disconnect_by_func (f->app, count_activation_cb, &activations);
  g_free (launch.err);
}

static void
test_second_window (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, second_window_body);
}

/* An import from the command line holds the folder: the window waits a
 * moment, says Tidemark is using it, and opens it when tried again once
 * the import is done. */
static TmTestHolder in_use_holder;

static void
folder_in_use_body (Fixture *f)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (find_widget (GTK_WIDGET (f->recovery), ADW_TYPE_STATUS_PAGE, NULL,
                                                        NULL));
  GtkWidget *retry = find_named (GTK_WIDGET (f->recovery), "try-again");
  g_autofree char *says = g_strdup_printf ("Tidemark is already using %s.", f->dir);

  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Your Data Is in Use");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (status), says));
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (f->recovery), "restore-backup")));
  g_assert_true (gtk_widget_get_visible (retry));

  g_assert_cmpint (tm_test_holder_stop (&in_use_holder, 0), ==, 0);
  gtk_widget_activate (retry);
  wait_for (main_window_is_up, f->app, "the main window after trying again");
  g_assert_cmpstr (tm_store_get_data_dir (tm_application_get_store (f->app)), ==, f->dir);
}

static void
test_folder_in_use (Fixture       *f,
                    gconstpointer  data)
{
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TmStore) store = tm_store_open (f->dir, &error);

    g_assert_no_error (error);
  }
  tm_test_holder_start (&in_use_holder, f->dir, NULL);
  run_app (f, folder_in_use_body);
}

static void
test_trends_read_out (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, trends_read_out_body);
}

static void
test_trends_range_remembered (Fixture       *f,
                              gconstpointer  data)
{
  run_app (f, trends_choose_year_body);
  run_app (f, trends_year_remembered_body);
}

static void
test_trends_interval (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, trends_interval_body);
}

static void
test_trends_follow_the_store (Fixture       *f,
                              gconstpointer  data)
{
  run_app (f, trends_follow_the_store_body);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  run_app_with (f, demo_body, "tidemark --demo");

  g_assert_nonnull (f->demo_dir);
  g_assert_false (g_file_test (f->demo_dir, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
  g_free (f->demo_dir);
}

/* ---- the daily question, red flags, new medicines ------------------- */

static GtkWidget *
form_part (TmCheckinForm *form,
           const char    *name)
{
  return child (form, TM_TYPE_CHECKIN_FORM, name);
}

/* Offered once on Today; off until turned on; Preferences turns it on and
 * off and Today follows; a yes is S4, red flags are S11; turned off, an
 * answer given is kept. */
static void
daily_question_and_red_flags_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  TmCheckinForm *form = today_form (f);
  g_autofree char *day = tm_day_today ();
  TmPreferencesDialog *prefs;
  GtkWidget *red_flags;
  GtkWidget *check;
  g_auto(Row) row = { 0 };

  g_assert_true (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "offer_row")));
  g_assert_false (gtk_widget_get_visible (form_part (form, "self_harm_group")));

  /* Put aside: not offered again, and still not asked. */
  click (child (today, TM_TYPE_TODAY_PAGE, "offer_off_button"));
  g_assert_false (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "offer_row")));
  g_assert_true (tm_daily_question_was_offered (store));
  g_assert_false (tm_daily_question_is_on (store));
  g_assert_false (gtk_widget_get_visible (form_part (form, "self_harm_group")));

  /* Turned on in Preferences: Today asks it. */
  prefs = open_preferences (f);
  g_assert_false (gtk_switch_get_active (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "daily_question_switch")));
  gtk_switch_set_active (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "daily_question_switch"), TRUE);
  g_assert_true (tm_daily_question_is_on (store));
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
  g_assert_true (gtk_widget_get_visible (form_part (form, "self_harm_group")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form_part (form, "self_harm_row"))), ==,
                   "Have you had thoughts that you would be better off dead or of hurting yourself?");

  /* A yes and a red flag: S4 and S11, both urgent, answered. */
  choose_rating (form, "mood_row", 3);
  red_flags = form_part (form, "red_flags_row");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (red_flags), TRUE);
  check = find_check_in (red_flags, "Chest pain");
  g_assert_nonnull (check);
  gtk_widget_activate (check);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (red_flags)), ==, "Chest pain");
  click (form_part (form, "self_harm_yes"));
  g_assert_true (tm_checkin_form_get_dirty (form));
  click (child (today, TM_TYPE_TODAY_PAGE, "save_button"));
  answer_prompt ("You Don't Have to Handle This Alone", f->window, "contact-clinician");
  answer_prompt ("These Signs Need Medical Help", f->window, "contact-clinician");
  g_assert_true (read_row (f, day, &row));
  g_assert_cmpint (count_rows_in (f, "checkin WHERE red_flags = 4 AND self_harm = 1"), ==, 1);
  g_assert_cmpint (count_events_about (f, "S4", "checkin", row.id, "contact-clinician"), ==, 1);
  g_assert_cmpint (count_events_about (f, "S11", "checkin", row.id, NULL), ==, 1);

  /* Turned off: not asked, and the answer given stays when saved again. */
  g_assert_true (tm_daily_question_set_on (store, FALSE, NULL));
  wait_for (is_hidden, form_part (form, "self_harm_group"), "the question to go");
  choose_rating (form, "mood_row", 4);
  click (child (today, TM_TYPE_TODAY_PAGE, "save_button"));
  wait_for_rows (f, "checkin WHERE mood = 4 AND red_flags = 4 AND self_harm = 1", 1);
}

static void
test_daily_question_and_red_flags (Fixture       *f,
                                   gconstpointer  data)
{
  run_app (f, daily_question_and_red_flags_body);
}

/* "Turn On" on Today asks the question at once, and Preferences shows it on. */
static void
daily_question_turned_on_from_today_body (Fixture *f)
{
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  TmPreferencesDialog *prefs;

  click (child (today, TM_TYPE_TODAY_PAGE, "offer_on_button"));
  g_assert_false (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "offer_row")));
  g_assert_true (gtk_widget_get_visible (form_part (today_form (f), "self_harm_group")));
  prefs = open_preferences (f);
  g_assert_true (gtk_switch_get_active (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "daily_question_switch")));
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_daily_question_turned_on_from_today (Fixture       *f,
                                          gconstpointer  data)
{
  run_app (f, daily_question_turned_on_from_today_body);
}

/* The session editor's red flags and the new medicines are kept; S11 and
 * S7 speak of them; and Today's no-driving reminder follows a session with
 * no effects at all. */
static void
session_red_flags_and_medicines_body (Fixture *f)
{
  TmSessionDialog *editor;
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  GtkWidget *red_flags;
  g_auto(SessionRow) row = { 0 };
  gint64 id;

  g_assert_false (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "reminder_row")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "time_row"), "00:00");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "50");
  gtk_switch_set_active (child (editor, TM_TYPE_SESSION_DIALOG, "monitor_switch"), TRUE);
  red_flags = child (editor, TM_TYPE_SESSION_DIALOG, "red_flags_row");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (red_flags), TRUE);
  gtk_widget_activate (find_check_in (red_flags, "Vomiting"));
  gtk_widget_activate (find_check_in (GTK_WIDGET (editor), "Opioid"));
  gtk_widget_activate (find_check_in (GTK_WIDGET (editor), "Alcohol"));
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);

  g_assert_true (read_session_row (f, &row));
  g_assert_cmpint (row.effects, ==, 0);
  g_assert_cmpint (row.other_medicines, ==, TM_MEDICINE_OPIOID | TM_MEDICINE_ALCOHOL);
  g_assert_cmpint (count_rows_in (f, "session WHERE red_flags = 32"), ==, 1);
  id = last_id_of (f, "session");
  answer_prompt ("These Signs Need Medical Help", f->window, "contact-clinician");
  answer_prompt ("No Plan to Compare With", f->window, "noted");
  answer_prompt ("Other Medicines Can Interact", f->window, "prescriber-knows");
  g_assert_cmpint (count_events_about (f, "S11", "session", id, "contact-clinician"), ==, 1);
  g_assert_cmpint (count_events_about (f, "S7", "session", id, "prescriber-knows"), ==, 1);

  /* No effects, and still not a day for driving. */
  wait_for (is_mapped, child (today, TM_TYPE_TODAY_PAGE, "reminder_row"), "the no-driving reminder");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (today, TM_TYPE_TODAY_PAGE, "reminder_row")), ==,
                   "No driving or machinery until the next day after a restful sleep — even if you feel fine.");
}

static void
test_session_red_flags_and_medicines (Fixture       *f,
                                      gconstpointer  data)
{
  run_app (f, session_red_flags_and_medicines_body);
}

/* ---- "Bring this up at my next review" -------------------------------- */

/* The first column of the first row @sql finds, with @arg bound to its
 * one parameter (if any). */
static int
query_int (Fixture    *f,
           const char *sql,
           const char *arg)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* ---- the keyboard first ---------------------------------------------- */

/* At launch the keyboard is on Mood: the digit 7 and Save store mood 7,
 * with no click first. */
static void
launch_focus_on_mood_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  TmCheckinForm *form = today_form (f);
  GtkWidget *mood_row = child (form, TM_TYPE_CHECKIN_FORM, "mood_row");
  GtkWidget *scale = child (mood_row, TM_TYPE_RATING_ROW, "scale");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_true (focus == scale);
  press_key (focus, GDK_KEY_7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  g_assert_cmpint (query_int (f, "SELECT mood FROM checkin WHERE day = ?", today), ==, 7);
}

/* A key pressed where the focus is, passed up to each ancestor until one
 * of their key controllers takes it, as GTK does. */
static void
press_key_at_focus (GtkWindow *window,
                    guint      keyval)
{
  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window)); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
            continue;
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          if (handled)
            return;
        }
    }
  g_error ("Nothing took the key %s", gdk_keyval_name (keyval));
}

/* A PHQ-9 answered with nine digits, no pointer: each digit answers the
 * question the focus is on and moves to the next; stored as typed. */
static void
questionnaire_digits_body (Fixture *f)
{
  static const guint digits[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_0, GDK_KEY_1,
                                   GDK_KEY_2, GDK_KEY_3, GDK_KEY_0, GDK_KEY_0, GDK_KEY_2 };
  TmQuestionnaireDialog *window;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-questionnaire", "s", "phq9"));
  window = wait_for_window (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
  g_assert_cmpstr (gtk_widget_get_name (gtk_root_get_focus (GTK_ROOT (window))), ==, "item-1-answer-0");

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    press_key_at_focus (GTK_WINDOW (window), digits[i]);
  /* The last digit answered the difficulty question, where the focus stays. */
  g_assert_cmpstr (gtk_widget_get_name (gtk_root_get_focus (GTK_ROOT (window))), ==, "difficulty-answer-2");
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "save_button"));

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT answers, difficulty FROM questionnaire WHERE kind = 'phq9'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "123012300");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  click (child (window, TM_TYPE_QUESTIONNAIRE_DIALOG, "done_button"));
  wait_for_window_gone (f, TM_TYPE_QUESTIONNAIRE_DIALOG);
}

static void
test_questionnaire_digits (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, questionnaire_digits_body);
}

/* ---- the calendar ------------------------------------------------------ */

static TmCalendarPage *
show_calendar_on (Fixture    *f,
                  const char *day)
{
  TmCalendarPage *calendar;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-day", "s", day));
  calendar = TM_CALENDAR_PAGE (tm_window_get_page (f->window, "calendar"));
  wait_for (is_mapped, calendar, "the calendar");
  return calendar;
}

/* A click on a day as GTK makes it: the press, and, for a widget that
 * takes the focus on a click, the focus moving to it (before and after,
 * so neither order is assumed). */
static void
click_day (TmCalendarPage *calendar,
           const char     *day)
{
  GtkWidget *cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, day);
  gboolean moves_focus = gtk_widget_get_focus_on_click (cell) && gtk_widget_get_focusable (cell);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (cell);

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_get_visible (cell));
  if (moves_focus)
    gtk_widget_grab_focus (cell);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "pressed", 1, 10.0, 10.0);
    }
  if (moves_focus)
    gtk_widget_grab_focus (cell);
}

/* A greyed day of the next or the previous month selects that very day,
 * turning to its month. */
static void
calendar_outside_day_body (Fixture *f)
{
  TmCalendarPage *calendar = show_calendar_on (f, "2026-03-15");
  GtkLabel *month = child (calendar, TM_TYPE_CALENDAR_PAGE, "month_label");
  /* 31 March is a Tuesday: 2 April shows in March's grid whichever day
   * the week starts on; 27 February too, before 1 March, a Sunday. */
  const char *after = "2026-04-02";
  const char *before = "2026-02-27";

  g_assert_cmpstr (gtk_label_get_label (month), ==, "March 2026");
  g_assert_false (tm_day_cell_get_marks (TM_DAY_CELL (find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL,
                                                                   cell_shows_day, after)))->in_month);
  click_day (calendar, after);
  g_assert_cmpstr (tm_calendar_page_get_selected (calendar), ==, after);
  g_assert_cmpstr (gtk_label_get_label (month), ==, "April 2026");

  tm_calendar_page_select_day (calendar, "2026-03-15");
  click_day (calendar, before);
  g_assert_cmpstr (tm_calendar_page_get_selected (calendar), ==, before);
  g_assert_cmpstr (gtk_label_get_label (month), ==, "February 2026");
}

static void
test_calendar_outside_day (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, calendar_outside_day_body);
}

/* The grid shows the weeks the month needs: every row shown holds a day
 * of the month, and none of them is left out. */
static void
calendar_rows_body (Fixture *f)
{
  const char *months[] = { "2026-02-10", "2026-03-10", "2026-08-10", "2027-02-10" };

  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    {
      TmCalendarPage *calendar = show_calendar_on (f, months[m]);
      guint shown = 0, in_month = 0, lead = 0, days;
      GtkWidget *cell;

      for (cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, NULL, NULL);
           cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        {
          const TmDayMarks *marks;

          if (!TM_IS_DAY_CELL (cell))
            continue;
          marks = tm_day_cell_get_marks (TM_DAY_CELL (cell));
          if (gtk_widget_get_visible (cell))
            shown++;
          else
            g_assert_false (marks->in_month);
          lead += in_month == 0 && !marks->in_month;
          in_month += marks->in_month && gtk_widget_get_visible (cell);
        }
      days = g_date_get_days_in_month (atoi (months[m] + 5), (GDateYear) atoi (months[m]));
      g_assert_cmpuint (in_month, ==, days);
      /* The weeks from the one of the 1st to the one of the last day. */
      g_assert_cmpuint (shown, ==, 7 * ((lead + days + 6) / 7));
    }
}

static void
test_calendar_rows (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, calendar_rows_body);
}

static gboolean
row_has_subtitle (GtkWidget     *widget,
                  gconstpointer  subtitle)
{
  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0;
}

/* A cancelled date with a note is marked in the grid, told to a screen
 * reader, and named as cancelled in the list beside its note. */
static void
calendar_cancelled_date_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-02");
  g_autoptr(TmPlanDate) cancelled = tm_plan_date_new ("2026-03-16", TM_PLAN_DATE_CANCELLED);
  g_autoptr(TmPlanDate) extra = tm_plan_date_new ("2026-03-19", TM_PLAN_DATE_EXTRA);
  g_autoptr(GError) error = NULL;
  TmCalendarPage *calendar;
  GtkWidget *cell;

  plan->interval_days = 7;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 1;
  cancelled->note = g_strdup ("Away that week");
  extra->note = g_strdup ("Before the trip");
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_true (tm_store_add_plan_date (store, cancelled, &error));
  g_assert_true (tm_store_add_plan_date (store, extra, &error));
  g_assert_no_error (error);

  calendar = show_calendar_on (f, "2026-03-10");
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, "2026-03-16");
  g_assert_true (tm_day_cell_get_marks (TM_DAY_CELL (cell))->cancelled);
  g_assert_false (tm_day_cell_get_marks (TM_DAY_CELL (cell))->planned);
  {
    g_autofree char *described = tm_day_marks_describe (tm_day_cell_get_marks (TM_DAY_CELL (cell)));

    g_assert_nonnull (strstr (described, "a planned date cancelled"));
  }
  /* The week before, a planned day, is not marked cancelled. */
  cell = find_widget (GTK_WIDGET (calendar), TM_TYPE_DAY_CELL, cell_shows_day, "2026-03-09");
  g_assert_false (tm_day_cell_get_marks (TM_DAY_CELL (cell))->cancelled);

  g_assert_nonnull (find_widget (GTK_WIDGET (child (calendar, TM_TYPE_CALENDAR_PAGE, "dates_row")),
                                 ADW_TYPE_ACTION_ROW, row_has_subtitle,
                                 "A planned date cancelled · Away that week"));
  g_assert_nonnull (find_widget (GTK_WIDGET (child (calendar, TM_TYPE_CALENDAR_PAGE, "dates_row")),
                                 ADW_TYPE_ACTION_ROW, row_has_subtitle,
                                 "An extra planned date · Before the trip"));
}

static void
test_calendar_cancelled_date (Fixture       *f,
                              gconstpointer  data)
{
  run_app (f, calendar_cancelled_date_body);
}

/* ---- the first run ------------------------------------------------------ */

/* With no plan, Today offers to set it up with the clinician: "Set Up…"
 * opens clinician mode; "Not Now" puts it aside for good, across a
 * restart. */
static void
plan_offer_body (Fixture *f)
{
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  GtkWidget *row = child (today, TM_TYPE_TODAY_PAGE, "plan_offer_row");

  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (find_widget (row, GTK_TYPE_BUTTON,
                                                                                 button_has_label, "Set Up…"))),
                   ==, "win.edit-plan");
  click (find_widget (row, GTK_TYPE_BUTTON, button_has_label, "Not Now"));
  g_assert_false (gtk_widget_get_visible (row));
  g_assert_true (tm_clinician_plan_setup_was_offered (tm_application_get_store (f->app)));
}

static void
plan_offer_gone_body (Fixture *f)
{
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));

  g_assert_false (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "plan_offer_row")));
}

/* A plan entered: nothing to offer, though it was never put aside. */
static void
plan_offer_with_plan_body (Fixture *f)
{
  TmTodayPage *today = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-02");
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_get_visible (child (today, TM_TYPE_TODAY_PAGE, "plan_offer_row")));
  plan->interval_days = 7;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 1;
  g_assert_true (tm_store_add_plan (tm_application_get_store (f->app), plan, &error));
  g_assert_no_error (error);
  wait_for (is_hidden, child (today, TM_TYPE_TODAY_PAGE, "plan_offer_row"), "the offer to go");
  g_assert_false (tm_clinician_plan_setup_was_offered (tm_application_get_store (f->app)));
}

static void
test_plan_offer (Fixture       *f,
                 gconstpointer  data)
{
  run_app (f, plan_offer_body);
  run_app (f, plan_offer_gone_body);
}

static void
test_plan_offer_with_plan (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, plan_offer_with_plan_body);
}

/* ---- the plan editor's one-off dates ----------------------------------- */

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static TmPlanDialog *
open_plan_editor (Fixture *f,
                  gboolean first)
{
  TmPinDialog *pin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-plan", NULL));
  pin = wait_for_window (f, TM_TYPE_PIN_DIALOG);
  if (first)
    {
      pass_pin_intro (pin);
      type_text (child (pin, TM_TYPE_PIN_DIALOG, "new_row"), "246810");
      type_text (child (pin, TM_TYPE_PIN_DIALOG, "confirm_row"), "246810");
    }
  else
    type_text (child (pin, TM_TYPE_PIN_DIALOG, "current_row"), "246810");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));
  return wait_for_window (f, TM_TYPE_PLAN_DIALOG);
}

static void
add_one_off_date (TmPlanDialog *editor,
                  guint         kind,
                  const char   *note)
{
  adw_combo_row_set_selected (child (editor, TM_TYPE_PLAN_DIALOG, "kind_row"), kind);
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "date_note_row"), note);
  click (find_widget (GTK_WIDGET (child (editor, TM_TYPE_PLAN_DIALOG, "dates_group")), GTK_TYPE_BUTTON,
                      has_tooltip, "Add This Date"));
}

/* One-off dates added or taken back in the editor are kept only when it
 * is saved: Cancel (Discard) leaves the stored ones as they were; the
 * same date twice is refused before anything is stored. */
static void
plan_dates_follow_cancel_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-02");
  g_autoptr(TmPlanDate) kept = tm_plan_date_new ("2026-03-16", TM_PLAN_DATE_CANCELLED);
  g_autoptr(GError) error = NULL;
  TmPlanDialog *editor;
  AdwMessageDialog *question;

  plan->interval_days = 7;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 1;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_true (tm_store_add_plan_date (store, kept, &error));
  g_assert_no_error (error);

  /* An extra date added and the stored one taken back, then discarded. */
  editor = open_plan_editor (f, TRUE);
  add_one_off_date (editor, 0, "Before the trip");
  g_assert_cmpint (count_rows_in (f, "plan_date"), ==, 1);
  add_one_off_date (editor, 0, "Again");
  g_assert_cmpstr (tm_error_label_get_message (child (editor, TM_TYPE_PLAN_DIALOG, "date_error")), !=, NULL);
  click (find_widget (GTK_WIDGET (child (editor, TM_TYPE_PLAN_DIALOG, "dates_group")), GTK_TYPE_BUTTON,
                      has_tooltip, "Remove"));
  gtk_window_close (GTK_WINDOW (editor));
  wait_for (message_dialog_is_open, NULL, "the question about the changes");
  question = find_message_dialog ();
  adw_message_dialog_response (question, "discard");
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);
  g_assert_cmpint (count_rows_in (f, "plan_date"), ==, 1);
  g_assert_cmpint (count_rows_in (f, "plan_date WHERE day = '2026-03-16' AND kind = 'cancelled'"), ==, 1);
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 1);

  /* The same, saved: both changes stored together, the plan as it was. */
  editor = open_plan_editor (f, FALSE);
  add_one_off_date (editor, 0, "Before the trip");
  click (find_widget (GTK_WIDGET (child (editor, TM_TYPE_PLAN_DIALOG, "dates_group")), GTK_TYPE_BUTTON,
                      has_tooltip, "Remove"));
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);
  g_assert_cmpint (count_rows_in (f, "plan_date WHERE kind = 'cancelled'"), ==, 0);
  g_assert_cmpint (count_rows_in (f, "plan_date WHERE kind = 'extra' AND note = 'Before the trip'"), ==, 1);
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 1);
}

static void
test_plan_dates_follow_cancel (Fixture       *f,
                               gconstpointer  data)
{
  run_app (f, plan_dates_follow_cancel_body);
}

/* The plan's start and a one-off date are typed (or picked in a calendar
 * beside each): a day that is not one is refused in a sentence, with the
 * text kept and nothing stored; a right one is stored as typed. */
static void
plan_dates_typed_body (Fixture *f)
{
  TmPlanDialog *editor = open_plan_editor (f, TRUE);
  AdwEntryRow *from_row = child (editor, TM_TYPE_PLAN_DIALOG, "from_row");
  AdwEntryRow *date_row = child (editor, TM_TYPE_PLAN_DIALOG, "date_row");
  const char *message;

  g_assert_nonnull (find_widget (GTK_WIDGET (from_row), GTK_TYPE_MENU_BUTTON, has_tooltip, "Choose in a Calendar"));
  g_assert_nonnull (find_widget (GTK_WIDGET (date_row), GTK_TYPE_MENU_BUTTON, has_tooltip, "Choose in a Calendar"));

  type_text (from_row, "2027-02-30");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "dose_row"), "50");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  message = tm_error_label_get_message (child (editor, TM_TYPE_PLAN_DIALOG, "plan_error"));
  g_assert_cmpstr (message, ==, "The start date, “2027-02-30”, is no such day: February 2027 has 28 days. "
                                "Check the date.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from_row)), ==, "2027-02-30");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from_row), "error"));
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 0);
  /* Typing again takes the mark away; a day too early is refused at its row. */
  type_text (from_row, "1999-12-31");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (from_row), "error"));
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from_row), "error"));
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 0);

  type_text (date_row, "next week");
  add_one_off_date (editor, 0, "Typed");
  g_assert_cmpstr (tm_error_label_get_message (child (editor, TM_TYPE_PLAN_DIALOG, "date_error")), ==,
                   "The date, “next week”, is not a calendar day. Write days as YYYY-MM-DD, for example 2026-11-28.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "next week");
  type_text (date_row, " 2027-01-11 ");
  add_one_off_date (editor, 0, "Typed");
  g_assert_false (tm_error_label_get_shown (child (editor, TM_TYPE_PLAN_DIALOG, "date_error")));
  g_assert_cmpint (count_rows_in (f, "plan_date"), ==, 0);

  type_text (from_row, "2027-01-04");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);
  g_assert_cmpint (count_rows_in (f, "plan WHERE effective_from = '2027-01-04' AND dose_mg = 50"), ==, 1);
  g_assert_cmpint (count_rows_in (f, "plan_date WHERE day = '2027-01-11' AND kind = 'extra' AND note = 'Typed'"),
                   ==, 1);
}

static void
test_plan_dates_typed (Fixture       *f,
                       gconstpointer  data)
{
  run_app (f, plan_dates_typed_body);
}

static void
test_launch_focus_on_mood (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, launch_focus_on_mood_body);
}

/* The row's flag: shown, and saying what it means. */
static gboolean
row_is_flagged (GtkWidget *row,
                GType      row_type)
{
  GtkWidget *icon = GTK_WIDGET (gtk_widget_get_template_child (row, row_type, "discuss_icon"));

  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, "To bring up at the next review");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (icon)),
                                          gtk_image_get_icon_name (GTK_IMAGE (icon))));
  return gtk_widget_get_visible (icon);
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static void
checkin_discuss_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *earlier = day_ago (2);
  TmCheckinForm *form = today_form (f);
  GtkWidget *save_button = child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button");
  TmHistoryPage *page;
  GtkListView *list_view;
  TmCheckinDialog *editor;
  TmCheckinForm *editor_form;

  store_checkin (f, earlier, 4, NULL);

  /* Saved without the flag, then the flag alone is a change to save. */
  choose_rating (form, "mood_row", 6);
  click (save_button);
  g_assert_cmpint (query_int (f, "SELECT discuss FROM checkin WHERE day = ?", today), ==, 0);
  g_assert_false (tm_checkin_form_get_dirty (form));
  adw_action_row_activate (ADW_ACTION_ROW (find_widget (GTK_WIDGET (form), ADW_TYPE_ACTION_ROW, row_has_title,
                                                       "Bring This Up at My Next Review")));
  /* The switch slides over first. */
  wait_for (switch_is_on, child (form, TM_TYPE_CHECKIN_FORM, "discuss_switch"), "the flag to be on");
  g_assert_true (tm_checkin_form_get_dirty (form));
  g_assert_true (gtk_widget_get_sensitive (save_button));
  click (save_button);
  g_assert_cmpint (query_int (f, "SELECT discuss FROM checkin WHERE day = ?", today), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT mood FROM checkin WHERE day = ?", today), ==, 6);
  g_assert_false (tm_checkin_form_get_dirty (form));

  /* The check-in editor: an earlier day flagged there. */
  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "history");
  page = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
  list_view = child (page, TM_TYPE_HISTORY_PAGE, "list_view");
  /* History flags today's check-in, and only it. */
  g_assert_true (row_is_flagged (wait_for_history_row (GTK_WIDGET (page), today), TM_TYPE_HISTORY_ROW));
  g_assert_false (row_is_flagged (wait_for_history_row (GTK_WIDGET (page), earlier), TM_TYPE_HISTORY_ROW));
  g_signal_emit_by_name (list_view, "activate", 1);
  wait_for (editor_is_open, f, "the check-in editor");
  editor = find_editor (f);
  editor_form = child (editor, TM_TYPE_CHECKIN_DIALOG, "form");
  g_assert_cmpstr (tm_checkin_form_get_day (editor_form), ==, earlier);
  g_assert_false (gtk_switch_get_active (child (editor_form, TM_TYPE_CHECKIN_FORM, "discuss_switch")));
  gtk_switch_set_active (child (editor_form, TM_TYPE_CHECKIN_FORM, "discuss_switch"), TRUE);
  click (child (editor, TM_TYPE_CHECKIN_DIALOG, "save_button"));
  wait_for (editor_is_closed, f, "the editor to close");
  g_assert_cmpint (query_int (f, "SELECT discuss FROM checkin WHERE day = ?", earlier), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT mood FROM checkin WHERE day = ?", earlier), ==, 4);
  g_assert_true (row_is_flagged (wait_for_history_row (GTK_WIDGET (page), earlier), TM_TYPE_HISTORY_ROW));
}

/* Opened again, the flag shows where it was set. */
static void
checkin_discuss_shown_again_body (Fixture *f)
{
  g_autofree char *earlier = day_ago (2);
  TmCheckinForm *form = today_form (f);
  TmHistoryPage *page;
  TmCheckinDialog *editor;
  TmCheckinForm *editor_form;

  g_assert_true (gtk_switch_get_active (child (form, TM_TYPE_CHECKIN_FORM, "discuss_switch")));
  g_assert_false (tm_checkin_form_get_dirty (form));

  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "history");
  page = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
  wait_for_history_row (GTK_WIDGET (page), earlier);
  g_signal_emit_by_name (child (page, TM_TYPE_HISTORY_PAGE, "list_view"), "activate", 1);
  wait_for (editor_is_open, f, "the check-in editor");
  editor = find_editor (f);
  editor_form = child (editor, TM_TYPE_CHECKIN_DIALOG, "form");
  g_assert_true (gtk_switch_get_active (child (editor_form, TM_TYPE_CHECKIN_FORM, "discuss_switch")));

  /* Turned off again and saved: no longer flagged. */
  gtk_switch_set_active (child (editor_form, TM_TYPE_CHECKIN_FORM, "discuss_switch"), FALSE);
  click (child (editor, TM_TYPE_CHECKIN_DIALOG, "save_button"));
  wait_for (editor_is_closed, f, "the editor to close");
  g_assert_cmpint (query_int (f, "SELECT discuss FROM checkin WHERE day = ?", earlier), ==, 0);
  g_assert_false (row_is_flagged (wait_for_history_row (GTK_WIDGET (page), earlier), TM_TYPE_HISTORY_ROW));
}

static void
test_checkin_discuss (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, checkin_discuss_body);
  run_app (f, checkin_discuss_shown_again_body);
}

static void
session_discuss_body (Fixture *f)
{
  TmSessionDialog *editor;
  TmSessionsPage *page;
  GtkListView *list_view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "time_row"), "00:05");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "50");
  adw_action_row_activate (ADW_ACTION_ROW (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, row_has_title,
                                                       "Bring This Up at My Next Review")));
  wait_for (switch_is_on, child (editor, TM_TYPE_SESSION_DIALOG, "discuss_switch"), "the flag to be on");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT discuss FROM session", NULL), ==, 1);

  /* Opened again from Sessions, it shows the flag; a change to the flag
   * alone is a change, and is saved. */
  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "sessions");
  page = TM_SESSIONS_PAGE (tm_window_get_page (f->window, "sessions"));
  list_view = child (page, TM_TYPE_SESSIONS_PAGE, "list_view");
  wait_for (is_mapped, list_view, "the list of sessions");
  g_assert_true (row_is_flagged (wait_for_widget (page, TM_TYPE_SESSION_ROW, NULL, NULL, "a row in Sessions"),
                                 TM_TYPE_SESSION_ROW));
  g_signal_emit_by_name (list_view, "activate", 0);
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  g_assert_true (gtk_switch_get_active (child (editor, TM_TYPE_SESSION_DIALOG, "discuss_switch")));
  g_assert_false (tm_session_dialog_get_dirty (editor));
  gtk_switch_set_active (child (editor, TM_TYPE_SESSION_DIALOG, "discuss_switch"), FALSE);
  g_assert_true (tm_session_dialog_get_dirty (editor));
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT discuss FROM session", NULL), ==, 0);
  g_assert_false (row_is_flagged (find_widget (GTK_WIDGET (page), TM_TYPE_SESSION_ROW, NULL, NULL),
                                  TM_TYPE_SESSION_ROW));
}

static void
test_session_discuss (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, session_discuss_body);
}

/* The plan editor keeps the pre-treatment PHQ-9 total and mood with the
 * plan; a value out of range is refused in core's words and stays typed. */
static void
plan_baseline_body (Fixture *f)
{
  TmPinDialog *pin;
  TmPlanDialog *editor;
  TmErrorLabel *baseline_error;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-plan", NULL));
  pin = wait_for_window (f, TM_TYPE_PIN_DIALOG);
  pass_pin_intro (pin);
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "new_row"), "246810");
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "confirm_row"), "246810");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));

  editor = wait_for_window (f, TM_TYPE_PLAN_DIALOG);
  baseline_error = child (editor, TM_TYPE_PLAN_DIALOG, "baseline_error");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_phq9_row")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_mood_row")), ==, "");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "dose_row"), "50");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_phq9_row"), "28");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_mood_row"), "3");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  g_assert_true (tm_error_label_get_shown (baseline_error));
  g_assert_cmpstr (tm_error_label_get_message (baseline_error), ==,
                   "The pre-treatment PHQ-9 total must be between 0 and 27.");
  g_assert_true (gtk_widget_has_css_class (child (editor, TM_TYPE_PLAN_DIALOG, "pre_phq9_row"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_phq9_row")), ==, "28");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "dose_row")), ==, "50");
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 0);

  /* Not a number at all: the same sentence, the text kept. */
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_phq9_row"), "18");
  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_mood_row"), "low");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (baseline_error), ==,
                   "The pre-treatment mood must be between 0 and 10.");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_mood_row")), ==, "low");
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 0);

  type_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_mood_row"), " 3 ");
  click (child (editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);
  g_assert_cmpint (count_rows_in (f, "plan"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT pre_phq9 FROM plan", NULL), ==, 18);
  g_assert_cmpint (query_int (f, "SELECT pre_mood FROM plan", NULL), ==, 3);

  /* Opened again, the editor shows them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-plan", NULL));
  pin = wait_for_window (f, TM_TYPE_PIN_DIALOG);
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "current_row"), "246810");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));
  editor = wait_for_window (f, TM_TYPE_PLAN_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_phq9_row")), ==, "18");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TM_TYPE_PLAN_DIALOG, "pre_mood_row")), ==, "3");
  gtk_window_close (GTK_WINDOW (editor));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);
}

static void
test_plan_baseline (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, plan_baseline_body);
}

/* ---- sharing the screen ---------------------------------------------- */

/* What a person looking at @widget can read: the text of every label,
 * text view and entry shown in it (on every page of a stack, shown or
 * not, so that a page visited later is covered too). */
static void
append_shown_text (GtkWidget *widget,
                   GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *content = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      content = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (text, "%s\n", content);
    }
  else if (GTK_IS_TEXT (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    append_shown_text (c, text);
}

static char *
shown_text (gpointer widget)
{
  GString *text = g_string_new (NULL);

  append_shown_text (widget, text);
  return g_string_free (text, FALSE);
}

/* Words of the stored notes, each at the start of its note (where the
 * excerpts show them). */
static const char *const private_words[] = { "Marta", "Lisbon", "Jonah" };

static void
assert_no_note_shown (gpointer    widget,
                      const char *where)
{
  g_autofree char *text = shown_text (widget);

  for (guint i = 0; i < G_N_ELEMENTS (private_words); i++)
    if (strstr (text, private_words[i]) != NULL)
      g_error ("%s shows the note word “%s” with notes hidden:\n%s", where, private_words[i], text);
}

static gboolean
shows_word (gpointer widget,
            const char *word)
{
  g_autofree char *text = shown_text (widget);

  return strstr (text, word) != NULL;
}

static void
visit_every_page (Fixture    *f,
                  const char *earlier)
{
  static const char *pages[] = { "today", "sessions", "calendar", "trends", "history" };
  TmTrendsPage *trends;
  TmChartView *view;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", pages[i]));
      wait_for (is_mapped, tm_window_get_page (f->window, pages[i]), pages[i]);
    }
  tm_calendar_page_select_day (TM_CALENDAR_PAGE (tm_window_get_page (f->window, "calendar")), earlier);
  trends = show_trends (f);
  view = tm_trends_page_get_trend_view (trends);
  /* The day before yesterday is two days before the last. */
  tm_chart_view_set_selected_day (view, tm_chart_view_get_data (view)->n_days - 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "history"));
  wait_for_history_row (tm_window_get_page (f->window, "history"), earlier);
  settle ();
}

/* The state the main menu shows ticked: the window property behind the
 * action. */
static gboolean
action_state_is (TmWindow   *window,
                 const char *property,
                 gboolean    expected)
{
  gboolean on;

  g_object_get (window, property, &on, NULL);
  return on == expected;
}

static gboolean
shows_nothing_found (gpointer stack)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

static gboolean
shows_list (gpointer stack)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "list") == 0;
}

static void
hide_notes_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *earlier = day_ago (2);
  g_autoptr(TmSession) session = tm_session_new ();
  g_autoptr(GError) error = NULL;
  GtkRevealer *banner = child (f->window, TM_TYPE_WINDOW, "notes_hidden_banner");
  TmCheckinDialog *checkin_editor;
  TmSessionDialog *session_editor;
  GtkListView *list_view;

  store_checkin (f, today, 6, "Marta came by for tea");
  store_checkin (f, earlier, 4, "Lisbon trip is off.\nFelt low about it.");
  session->taken_at = g_strdup_printf ("%sT10:00:00Z", earlier);
  session->dose_mg = 50;
  tm_session_set_note (session, "Jonah drove me home");
  g_assert_true (tm_store_save_session (tm_application_get_store (f->app), session, &error));
  g_assert_no_error (error);

  /* Before: the notes are there to read, where they always were. */
  visit_every_page (f, earlier);
  g_assert_true (shows_word (f->window, "Marta"));
  g_assert_true (shows_word (f->window, "Lisbon"));
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* Hide Private Notes: no page shows any of them, and the window says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hide-notes", NULL));
  g_assert_true (tm_context_get_hide_notes (context_of (f)));
  g_assert_true (action_state_is (f->window, "hide-notes", TRUE));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  visit_every_page (f, earlier);
  assert_no_note_shown (f->window, "The main window");
  g_assert_true (shows_word (f->window, "Notes hidden for a shared screen"));

  /* Nor do the editors, opened while notes are hidden. */
  list_view = child (tm_window_get_page (f->window, "history"), TM_TYPE_HISTORY_PAGE, "list_view");
  g_signal_emit_by_name (list_view, "activate", 1);
  wait_for (editor_is_open, f, "the check-in editor");
  checkin_editor = find_editor (f);
  wait_for (is_mapped, checkin_editor, "the check-in editor to show");
  assert_no_note_shown (checkin_editor, "The check-in editor");
  session_editor = tm_session_dialog_new (GTK_WINDOW (f->window), context_of (f), session);
  gtk_window_present (GTK_WINDOW (session_editor));
  wait_for (is_mapped, session_editor, "the session editor");
  assert_no_note_shown (session_editor, "The session editor");

  /* A search does not tell what a note says either. */
  {
    GtkEditable *search = child (tm_window_get_page (f->window, "history"), TM_TYPE_HISTORY_PAGE, "search_entry");

    GtkStack *stack = child (tm_window_get_page (f->window, "history"), TM_TYPE_HISTORY_PAGE, "stack");

    gtk_editable_set_text (search, "lisbon");
    wait_for (shows_nothing_found, stack, "the search to find nothing");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))), ==, 0);
    gtk_editable_set_text (search, "");
    wait_for (shows_list, stack, "the search to be cleared");
  }

  /* Out of sight is not gone: Today saved meanwhile keeps its note. */
  {
    g_auto(Row) row = { 0 };

    choose_rating (today_form (f), "mood_row", 7);
    click (child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button"));
    g_assert_true (read_row (f, today, &row));
    g_assert_cmpint (row.mood, ==, 7);
    g_assert_cmpstr (row.note, ==, "Marta came by for tea");
  }

  /* Switched off: every note is back, in the editors too, as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hide-notes", NULL));
  g_assert_false (tm_context_get_hide_notes (context_of (f)));
  g_assert_true (action_state_is (f->window, "hide-notes", FALSE));
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_true (shows_word (checkin_editor, "Lisbon trip is off."));
  g_assert_true (shows_word (session_editor, "Jonah drove me home"));
  gtk_window_destroy (GTK_WINDOW (session_editor));
  gtk_window_destroy (GTK_WINDOW (checkin_editor));
  wait_for (editor_is_closed, f, "the editor to close");
  visit_every_page (f, earlier);
  g_assert_true (shows_word (f->window, "Marta came by for tea"));
  g_assert_true (shows_word (f->window, "Lisbon"));
  g_assert_false (shows_word (f->window, "Notes hidden for a shared screen"));
  /* The Trends read-out and the calendar day, in particular. */
  g_assert_true (shows_word (tm_window_get_page (f->window, "trends"), "Note: “Lisbon trip is off.…”"));
  g_assert_true (shows_word (tm_window_get_page (f->window, "calendar"), "Lisbon trip is off."));
}

static void
test_hide_notes (Fixture       *f,
                 gconstpointer  data)
{
  run_app (f, hide_notes_body);
}

typedef struct
{
  TmChartView *view;
  int          height;      /* natural */
  int          allocated;
  double       font_size;
} ChartSize;

static void
measure_chart (TmChartView *view,
               ChartSize   *size)
{
  TmChartStyle style;
  int minimum;

  size->view = view;
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL, -1, &minimum, &size->height, NULL, NULL);
  size->allocated = gtk_widget_get_height (GTK_WIDGET (view));
  tm_chart_style_for_widget (GTK_WIDGET (view), &style);
  size->font_size = style.font_size;
}

static gboolean
chart_grew (gpointer data)
{
  ChartSize *before = data;
  ChartSize now;

  measure_chart (before->view, &now);
  /* Asked for more room, and given it. */
  return now.height > before->height && now.font_size > before->font_size &&
         now.allocated > before->allocated;
}

static gboolean
chart_is_back (gpointer data)
{
  ChartSize *before = data;
  ChartSize now;

  measure_chart (before->view, &now);
  return now.height == before->height && now.font_size == before->font_size;
}

static void
zoom_body (Fixture *f)
{
  g_autofree char *yesterday = day_ago (1);
  TmTrendsPage *page;
  ChartSize usual;

  store_checkin (f, yesterday, 6, NULL);
  page = show_trends (f);
  measure_chart (tm_trends_page_get_trend_view (page), &usual);
  g_assert_cmpfloat (tm_context_get_zoom (context_of (f)), ==, 1.0);

  /* Ctrl+plus: larger text, a larger chart with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL));
  g_assert_cmpfloat (tm_context_get_zoom (context_of (f)), ==, 1.25);
  wait_for (chart_grew, &usual, "the chart to grow with the zoom");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "tm-zoom-125"));

  /* Up to twice the size, no further. */
  for (int i = 0; i < 8; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  g_assert_cmpfloat (tm_context_get_zoom (context_of (f)), ==, 2.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-out", NULL));
  g_assert_cmpfloat (tm_context_get_zoom (context_of (f)), ==, 1.75);

  /* Ctrl+0: as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-reset", NULL));
  g_assert_cmpfloat (tm_context_get_zoom (context_of (f)), ==, 1.0);
  wait_for (chart_is_back, &usual, "the chart to be its usual size again");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "tm-zoom-175"));
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  run_app (f, zoom_body);
}

static gboolean
accels_include (GtkApplication *app,
                const char     *action,
                const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);
  guint key, wanted_key;
  GdkModifierType mods, wanted_mods;

  g_assert_true (gtk_accelerator_parse (accel, &wanted_key, &wanted_mods));
  for (guint i = 0; accels != NULL && accels[i] != NULL; i++)
    if (gtk_accelerator_parse (accels[i], &key, &mods) && key == wanted_key && mods == wanted_mods)
      return TRUE;
  return FALSE;
}

static gboolean
is_fullscreen (gpointer window)
{
  return gtk_window_is_fullscreen (window);
}

static gboolean
is_not_fullscreen (gpointer window)
{
  return !gtk_window_is_fullscreen (window);
}

static void
fullscreen_body (Fixture *f)
{
  GtkApplication *app = GTK_APPLICATION (f->app);

  g_assert_true (accels_include (app, "win.fullscreen", "F11"));
  g_assert_true (accels_include (app, "win.hide-notes", "<Control><Shift>h"));
  g_assert_true (accels_include (app, "win.zoom-in", "<Control>plus"));
  g_assert_true (accels_include (app, "win.zoom-out", "<Control>minus"));
  g_assert_true (accels_include (app, "win.zoom-reset", "<Control>0"));
  g_assert_true (accels_include (app, "win.show-page::review", "<Alt>6"));

  /* The virtual display has no window manager to grant a mapped window
   * full screen: asked for while hidden, the window comes back in it. */
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fullscreen", NULL));
  wait_for (is_fullscreen, f->window, "the window to be full screen");
  g_assert_true (action_state_is (f->window, "fullscreened", TRUE));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (is_mapped, f->window, "the window to show again");
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fullscreen", NULL));
  wait_for (is_not_fullscreen, f->window, "the window to leave full screen");
  g_assert_true (action_state_is (f->window, "fullscreened", FALSE));
}

static void
test_fullscreen (Fixture       *f,
                 gconstpointer  data)
{
  run_app (f, fullscreen_body);
}

static gboolean
row_subtitle_has (GtkWidget     *widget,
                  gconstpointer  text)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return subtitle != NULL && strstr (subtitle, text) != NULL;
}

static gboolean
page_is_visible (gpointer data)
{
  GtkWidget *page = data;

  return gtk_widget_get_mapped (page);
}

static char *
review_notes (TmReviewPage *page)
{
  GtkTextView *view = child (page, TM_TYPE_REVIEW_PAGE, "notes_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The visit: a check-in flagged on Today is on the Review page's agenda,
 * opens its day in Calendar; the review is finished with its notes (a
 * missing reviewer is refused and loses nothing), listed on the page and
 * in History, hidden on a shared screen, and corrected by a new row. */
static void
review_visit_body (Fixture *f)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *today_short = tm_day_format_short (today);
  g_autofree char *title = g_strdup_printf ("Check-in of %s", today_short);
  g_autofree char *tomorrow = tm_day_add (today, 1);
  g_autofree char *first = tm_day_add (today, -(TM_REVIEW_FIRST_DAYS - 1));
  g_autofree char *notes = NULL;
  g_autofree char *reviewed = NULL;
  TmCheckinForm *form = today_form (f);
  AdwViewStack *stack = child (f->window, TM_TYPE_WINDOW, "stack");
  TmReviewPage *page;
  GtkWidget *row, *history, *button;
  AdwEntryRow *author_row;
  TmErrorLabel *error_label;

  /* Flagged on Today, with a note. */
  choose_rating (form, "mood_row", 4);
  type_note (form, "Ask about the evenings.");
  adw_action_row_activate (ADW_ACTION_ROW (find_widget (GTK_WIDGET (form), ADW_TYPE_ACTION_ROW, row_has_title,
                                                       "Bring This Up at My Next Review")));
  wait_for (switch_is_on, child (form, TM_TYPE_CHECKIN_FORM, "discuss_switch"), "the flag to be on");
  click (child (tm_window_get_page (f->window, "today"), TM_TYPE_TODAY_PAGE, "save_button"));
  g_assert_cmpint (query_int (f, "SELECT discuss FROM checkin WHERE day = ?", today), ==, 1);

  /* On the agenda of the first review: the last 28 days. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "review"));
  page = TM_REVIEW_PAGE (tm_window_get_page (f->window, "review"));
  wait_for (page_is_visible, page, "the Review page");
  row = wait_for_widget (page, ADW_TYPE_ACTION_ROW, row_has_title, title, "the flagged check-in on the agenda");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Ask about the evenings.");
  row = find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_subtitle_has,
                     "The last 28 days: no review has been finished yet.");
  g_assert_nonnull (row);

  /* It opens its day in Calendar. */
  adw_action_row_activate (ADW_ACTION_ROW (wait_for_widget (page, ADW_TYPE_ACTION_ROW, row_has_title, title,
                                                            "the flagged check-in")));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "calendar");
  g_assert_cmpstr (tm_calendar_page_get_selected (TM_CALENDAR_PAGE (tm_window_get_page (f->window, "calendar"))),
                   ==, today);
  adw_view_stack_set_visible_child_name (stack, "review");
  wait_for (page_is_visible, page, "the Review page again");

  /* Without a reviewer: refused in core's words, the notes kept. */
  author_row = child (page, TM_TYPE_REVIEW_PAGE, "author_row");
  error_label = child (page, TM_TYPE_REVIEW_PAGE, "finish_error");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (page, TM_TYPE_REVIEW_PAGE, "notes_view")),
                            "Evenings are harder in the third week.", -1);
  click (child (page, TM_TYPE_REVIEW_PAGE, "finish_button"));
  g_assert_cmpint (count_rows_in (f, "review"), ==, 0);
  g_assert_true (tm_error_label_get_shown (error_label));
  g_assert_nonnull (strstr (tm_error_label_get_message (error_label), "Write who reviewed the record"));
  notes = review_notes (page);
  g_assert_cmpstr (notes, ==, "Evenings are harder in the third week.");
  g_clear_pointer (&notes, g_free);

  /* Finished: stored with the period and notes; the page moves on. */
  type_text (author_row, "Dr. Ortiz");
  g_assert_false (tm_error_label_get_shown (error_label));
  click (child (page, TM_TYPE_REVIEW_PAGE, "finish_button"));
  g_assert_cmpint (count_rows_in (f, "review"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM review WHERE author = 'Dr. Ortiz' AND note = "
                                 "'Evenings are harder in the third week.' AND period_to = ?", today), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM review WHERE period_from = ?", first), ==, 1);
  notes = review_notes (page);
  g_assert_cmpstr (notes, ==, "");
  g_clear_pointer (&notes, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (author_row)), ==, "");
  /* Reviewed up to today: nothing to review until tomorrow comes. */
  {
    g_autofree char *long_tomorrow = tm_day_format_long (tomorrow);
    g_autofree char *next = g_strdup_printf ("The next one starts on %s.", long_tomorrow);

    row = find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_has_title, "Nothing to Review Yet");
    g_assert_nonnull (row);
    g_assert_true (row_subtitle_has (row, next));
    g_assert_false (gtk_widget_get_sensitive (child (page, TM_TYPE_REVIEW_PAGE, "finish_button")));
  }

  /* Listed on the page and in History, its notes hidden on a shared screen. */
  {
    g_autofree char *long_today = tm_day_format_long (today);

    reviewed = g_strdup_printf ("Reviewed with Dr. Ortiz on %s", long_today);
  }
  row = wait_for_widget (page, ADW_TYPE_ACTION_ROW, row_has_title, reviewed, "the earlier review");
  g_assert_true (row_subtitle_has (row, "Evenings are harder in the third week."));
  history = tm_window_get_page (f->window, "history");
  row = find_widget (history, ADW_TYPE_ACTION_ROW, row_has_title, reviewed);
  g_assert_nonnull (row);
  g_assert_true (row_subtitle_has (row, "Evenings are harder"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hide-notes", NULL));
  g_assert_false (gtk_widget_get_visible (child (page, TM_TYPE_REVIEW_PAGE, "notes_box")));
  row = find_widget (history, ADW_TYPE_ACTION_ROW, row_has_title, reviewed);
  g_assert_false (row_subtitle_has (row, "Evenings are harder"));
  g_assert_true (row_subtitle_has (row, "Note hidden"));
  settle ();
  row = find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_has_title, reviewed);
  g_assert_false (row_subtitle_has (row, "Evenings are harder"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hide-notes", NULL));
  g_assert_true (gtk_widget_get_visible (child (page, TM_TYPE_REVIEW_PAGE, "notes_box")));
  settle ();

  /* Corrected: a new row naming the first, of the same visit; the page
   * lists only it, and what was typed for the next review comes back. */
  type_text (author_row, "Dr. Lee");
  row = find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_has_title, reviewed);
  button = find_widget (row, GTK_TYPE_BUTTON, button_has_label, "Correct…");
  g_assert_nonnull (button);
  click (button);
  notes = review_notes (page);
  g_assert_cmpstr (notes, ==, "Evenings are harder in the third week.");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (page, TM_TYPE_REVIEW_PAGE, "notes_view")),
                            "Evenings are harder in the second and third weeks.", -1);
  click (child (page, TM_TYPE_REVIEW_PAGE, "finish_button"));
  g_assert_cmpint (count_rows_in (f, "review"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM review WHERE corrects = "
                                 "(SELECT min(id) FROM review) AND period_from = ?", first), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT finished_at) FROM review", NULL), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (author_row)), ==, "Dr. Lee");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_has_title, reviewed));
  settle ();
  g_assert_null (find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_subtitle_has,
                              "Evenings are harder in the third week."));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_subtitle_has,
                                 "Evenings are harder in the second and third weeks."));
  save_snapshot (page, "review-page");
}

static void
test_review_visit (Fixture       *f,
                   gconstpointer  data)
{
  run_app (f, review_visit_body);
}

/* The session day in the editor: how long someone stayed (at home) or the
 * clinic monitored, when the person would have been ready to leave (asked
 * at the clinic only), and the intention, reflection and next-day note;
 * a wrong number is refused in core's words and stays typed. */
static void
session_day_fields_body (Fixture *f)
{
  TmSessionDialog *editor;
  AdwEntryRow *monitored_row, *ready_row;
  TmErrorLabel *dose_error;
  TmSessionsPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  monitored_row = child (editor, TM_TYPE_SESSION_DIALOG, "monitored_row");
  ready_row = child (editor, TM_TYPE_SESSION_DIALOG, "ready_row");
  dose_error = child (editor, TM_TYPE_SESSION_DIALOG, "dose_error");

  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "time_row"), "00:05");
  type_text (child (editor, TM_TYPE_SESSION_DIALOG, "dose_row"), "50");
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "setting_row"), TM_SETTING_HOME);
  gtk_switch_set_active (child (editor, TM_TYPE_SESSION_DIALOG, "monitor_switch"), TRUE);
  /* At home: who stayed, and no "ready to leave". */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (monitored_row)), ==,
                   "Someone Stayed For (Minutes)");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ready_row)));
  type_text (monitored_row, "2:30");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (editor, TM_TYPE_SESSION_DIALOG, "intention_view")),
                            "To notice what comes up about work.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (editor, TM_TYPE_SESSION_DIALOG, "reflection_view")),
                            "Calmer than I expected.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (editor, TM_TYPE_SESSION_DIALOG, "next_day_view")),
                            "Slept well; clear head.", -1);
  /* The companion's questions, answered afterwards: yes, no, and left. */
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "eased_row"), 2);
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "fully_alert_row"), 1);
  save_snapshot (editor, "session-day-home");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpint (count_rows_in (f, "session"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE monitored_minutes = 150 AND "
                                 "ready_to_leave_minutes IS NULL AND intention = 'To notice what comes up about work.'"
                                 " AND reflection = 'Calmer than I expected.' AND next_day_note = 'Slept well; clear head.'"
                                 " AND eased = 0 AND fully_alert = 1 AND slept_well IS NULL AND lingering IS NULL",
                              NULL), ==, 1);

  /* Opened again, at the clinic: the monitoring and the time ready to leave. */
  adw_view_stack_set_visible_child_name (child (f->window, TM_TYPE_WINDOW, "stack"), "sessions");
  page = TM_SESSIONS_PAGE (tm_window_get_page (f->window, "sessions"));
  wait_for (is_mapped, child (page, TM_TYPE_SESSIONS_PAGE, "list_view"), "the list of sessions");
  /* The list shows the intention and the reflection, except on a shared screen. */
  {
    GtkWidget *session_row = wait_for_widget (page, TM_TYPE_SESSION_ROW, NULL, NULL, "a row in Sessions");
    GtkLabel *integration = child (session_row, TM_TYPE_SESSION_ROW, "integration_label");

    g_assert_cmpstr (gtk_label_get_label (integration), ==,
                     "Intention: To notice what comes up about work. · Reflection: Calmer than I expected.");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (integration)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hide-notes", NULL));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (integration)));
    g_assert_cmpstr (gtk_label_get_label (integration), ==, "");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hide-notes", NULL));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (integration)));
  }
  g_signal_emit_by_name (child (page, TM_TYPE_SESSIONS_PAGE, "list_view"), "activate", 0);
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  monitored_row = child (editor, TM_TYPE_SESSION_DIALOG, "monitored_row");
  ready_row = child (editor, TM_TYPE_SESSION_DIALOG, "ready_row");
  dose_error = child (editor, TM_TYPE_SESSION_DIALOG, "dose_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (monitored_row)), ==, "150");
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "setting_row"), TM_SETTING_CLINIC);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (monitored_row)), ==,
                   "Monitored For (Minutes)");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ready_row)));
  type_text (ready_row, "about an hour");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_true (tm_error_label_get_shown (dose_error));
  g_assert_cmpstr (tm_error_label_get_message (dose_error), ==,
                   "“about an hour” is not a number of minutes. Write it like 90, or 1:30 for an hour and a half.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ready_row)), ==, "about an hour");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE setting = 'home'", NULL), ==, 1);
  type_text (ready_row, "1441");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (dose_error), ==,
                   "When you would have been ready to leave must be between 0 and 1440 minutes after the dose.");
  type_text (ready_row, "95");
  save_snapshot (editor, "session-day-clinic");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE setting = 'clinic' AND "
                                 "monitored_minutes = 150 AND ready_to_leave_minutes = 95", NULL), ==, 1);

  /* Back home, the time ready to leave is refused in core's words, stays
   * in sight until cleared, and nothing changes until then. */
  g_signal_emit_by_name (child (page, TM_TYPE_SESSIONS_PAGE, "list_view"), "activate", 0);
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  ready_row = child (editor, TM_TYPE_SESSION_DIALOG, "ready_row");
  dose_error = child (editor, TM_TYPE_SESSION_DIALOG, "dose_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ready_row)), ==, "95");
  adw_combo_row_set_selected (child (editor, TM_TYPE_SESSION_DIALOG, "setting_row"), TM_SETTING_HOME);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ready_row)));
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  g_assert_cmpstr (tm_error_label_get_message (dose_error), ==,
                   "When you would have been ready to leave is kept for clinic sessions only. Clear it, or "
                   "choose the clinic as the setting.");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE setting = 'clinic'", NULL), ==, 1);
  type_text (ready_row, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ready_row)));
  click (child (editor, TM_TYPE_SESSION_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE setting = 'home' AND "
                                 "ready_to_leave_minutes IS NULL", NULL), ==, 1);
}

static void
test_session_day_fields (Fixture       *f,
                         gconstpointer  data)
{
  run_app (f, session_day_fields_body);
}

/* Review notes are kept only by Finish Review: closing with some typed
 * asks first, after the check-in's own question; "back" keeps them. */
static void
close_asks_about_review_notes_body (Fixture *f)
{
  TmReviewPage *page;
  AdwMessageDialog *dialog;
  AdwViewStack *stack = child (f->window, TM_TYPE_WINDOW, "stack");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "review"));
  page = TM_REVIEW_PAGE (tm_window_get_page (f->window, "review"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (page, TM_TYPE_REVIEW_PAGE, "notes_view")),
                            "Half of what we said.", -1);
  choose_rating (today_form (f), "mood_row", 5);
  adw_view_stack_set_visible_child_name (stack, "today");

  /* The check-in first (discarded here), then the review's notes: back. */
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (message_dialog_is_open, NULL, "the save-changes question");
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (message_dialog_is_open, NULL, "the question about the review's notes");
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Finish the Review First?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (message_dialog_is_closed, NULL, "the question to go");
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "review");
  g_assert_true (tm_review_page_has_unfinished_notes (page));

  /* Closing anyway closes. */
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (message_dialog_is_open, NULL, "the question about the review's notes");
  adw_message_dialog_response (find_message_dialog (), "close");
  wait_for (window_is_gone, f, "the window to close");
  g_assert_cmpint (count_rows_in (f, "review"), ==, 0);
}

static void
test_close_asks_about_review_notes (Fixture       *f,
                                    gconstpointer  data)
{
  run_app (f, close_asks_about_review_notes_body);
}

/* The clinician's instruction for a high blood pressure before a dose,
 * written in the plan editor, shows word for word in the session editor
 * when the reading before the dose is above 140/90, and only then. */
static void
pre_dose_instruction_body (Fixture *f)
{
  TmReadingRow *reading;
  const char *instruction = "Above 150/95 before a dose: don't take it today; call the clinic on 020 7946 0000.";
  TmPinDialog *pin;
  TmPlanDialog *plan_editor;
  TmSessionDialog *editor;
  GtkWidget *box;
  AdwEntryRow *before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-plan", NULL));
  pin = wait_for_window (f, TM_TYPE_PIN_DIALOG);
  pass_pin_intro (pin);
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "new_row"), "246810");
  type_text (child (pin, TM_TYPE_PIN_DIALOG, "confirm_row"), "246810");
  click (child (pin, TM_TYPE_PIN_DIALOG, "ok_button"));
  plan_editor = wait_for_window (f, TM_TYPE_PLAN_DIALOG);
  type_text (child (plan_editor, TM_TYPE_PLAN_DIALOG, "dose_row"), "50");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (plan_editor, TM_TYPE_PLAN_DIALOG, "pre_dose_view")),
                            instruction, -1);
  click (child (plan_editor, TM_TYPE_PLAN_DIALOG, "save_button"));
  wait_for_window_gone (f, TM_TYPE_PLAN_DIALOG);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM plan WHERE pre_dose_instruction = ?", instruction), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  box = child (editor, TM_TYPE_SESSION_DIALOG, "pre_dose_box");
  reading = add_reading (editor, NULL, NULL, NULL, -1);
  before = child (reading, TM_TYPE_READING_ROW, "bp_row");
  g_assert_false (gtk_widget_get_visible (box));
  type_text (before, "140/90");
  g_assert_false (gtk_widget_get_visible (box));
  type_text (before, "141/80");
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_cmpstr (gtk_label_get_label (child (editor, TM_TYPE_SESSION_DIALOG, "pre_dose_label")), ==, instruction);
  g_assert_cmpstr (gtk_label_get_label (child (editor, TM_TYPE_SESSION_DIALOG, "pre_dose_heading")), ==,
                   "Your prescriber's instruction about blood pressure before a dose");
  type_text (before, "128/91");
  g_assert_true (gtk_widget_get_visible (box));
  /* For the eye: the instruction scrolled into sight. */
  scroll_to (box, 260);
  save_snapshot (editor, "pre-dose-instruction");
  type_text (before, "");
  g_assert_false (gtk_widget_get_visible (box));
  /* Nothing left to save once the reading is removed. */
  g_signal_emit_by_name (reading, "remove");
  click (child (editor, TM_TYPE_SESSION_DIALOG, "cancel_button"));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
}

static void
test_pre_dose_instruction (Fixture       *f,
                           gconstpointer  data)
{
  run_app (f, pre_dose_instruction_body);
}

/* ---- The session companion ------------------------------------------ */

static GDateTime *companion_clock;

static GDateTime *
companion_fake_clock (gpointer data)
{
  return g_date_time_ref (companion_clock);
}

/* The fake clock at @minutes after @start. */
static void
companion_set_clock (GDateTime *start,
                     int        minutes)
{
  g_clear_pointer (&companion_clock, g_date_time_unref);
  companion_clock = g_date_time_add_minutes (start, minutes);
}

static gboolean
companion_window_is_open (gpointer data)
{
  GtkWindow *window = tm_companion_service_get_window (tm_application_get_companion (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static TmCompanionWindow *
open_companion (Fixture *f)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "companion", NULL);
  wait_for (companion_window_is_open, f->app, "the companion's window");
  return TM_COMPANION_WINDOW (tm_companion_service_get_window (tm_application_get_companion (f->app)));
}

static void companion_drain_prompts (void);

static void
close_companion (Fixture           *f,
                 TmCompanionWindow *window)
{
  companion_drain_prompts ();
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_null (tm_companion_service_get_window (tm_application_get_companion (f->app)));
}

static void
count_checkpoint_cb (TmCompanionService *service,
                     int                 checkpoint,
                     int                *seen)
{
  seen[checkpoint]++;
}

static void
companion_answer_prompt (const char *response)
{
  AdwMessageDialog *dialog;

  wait_for (message_dialog_is_open, NULL, "a safety prompt");
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

/* Any other prompt after a save (they are the rules' business here). */
static void
companion_drain_prompts (void)
{
  AdwMessageDialog *dialog;

  settle ();
  while ((dialog = find_message_dialog ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      settle ();
    }
}

static const char *companion_instruction = "If your blood pressure before a dose is above 150/95, don't take it; "
                                           "call the clinic on 030 1234567.";

/* Through every checkpoint on a fake clock, with the window closed
 * between them: each checkpoint's notification comes at its minute, each
 * answer is in the data file at once, "no" at 2 hours brings S1's urgent
 * prompt, and a high reading before the dose shows the prescriber's words
 * and S5's caution before any dose is logged. */
static void
companion_every_checkpoint_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  TmCompanionService *service = tm_application_get_companion (f->app);
  GSettings *settings = tm_context_get_settings (context_of (f));
  g_autoptr(GDateTime) real = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (real), g_date_time_get_month (real),
                                                      g_date_time_get_day_of_month (real), 9, 50, 0);
  g_autoptr(GDateTime) dose = NULL;
  g_autoptr(TmPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  Notifications n = { 0 };
  TmCompanionWindow *window;
  TmTodayPage *today_page = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  int seen[TM_N_CHECKPOINTS] = { 0 };
  gint64 session_id;

  companion_set_clock (start, 0);
  tm_time_set_clock (companion_fake_clock, NULL);
  today = tm_day_today ();
  g_settings_set_string (settings, "reminder-time", "08:00");
  plan = tm_plan_new (today);
  plan->interval_days = 14;
  plan->dose_mg = 50;
  tm_plan_set_pre_dose_instruction (plan, companion_instruction);
  g_assert_true (tm_store_add_plan (store, plan, &error));
  serve_notifications (f, &n);
  g_signal_connect (service, "notified", G_CALLBACK (count_checkpoint_cb), seen);

  /* Today offers it; the row opens it. */
  g_assert_cmpstr (adw_preferences_row_get_title (child (today_page, TM_TYPE_TODAY_PAGE, "companion_row")), ==,
                   "Start a Session");
  window = open_companion (f);
  g_assert_cmpstr (adw_preferences_row_get_title (child (today_page, TM_TYPE_TODAY_PAGE, "companion_row")), ==,
                   "Continue Session");
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "before");
  save_snapshot (window, "companion-1-before");

  /* A reading that can't be read keeps its text and says why. */
  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "bp_row"), "150/");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "continue_button"));
  g_assert_true (tm_error_label_get_shown (child (window, TM_TYPE_COMPANION_WINDOW, "bp_error")));
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "before");

  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "bp_row"), "150/95");
  choose_in_row (child (window, TM_TYPE_COMPANION_WINDOW, "mood_row"), 4);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (window, TM_TYPE_COMPANION_WINDOW, "intention_view")),
                            "Stay curious.", -1);
  click (child (window, TM_TYPE_COMPANION_WINDOW, "continue_button"));

  /* Before the dose: S5's caution, recorded, and the prescriber's words. */
  wait_for (message_dialog_is_open, NULL, "S5's caution");
  g_assert_cmpstr (adw_message_dialog_get_heading (find_message_dialog ()), ==,
                   "Your Blood Pressure Is High Before the Dose");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session", NULL), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM safety_event WHERE rule = 'S5' AND level = 'caution'"
                                 " AND detail = ?", "blood pressure before the dose 150/95"), ==, 1);
  save_snapshot (find_message_dialog (), "companion-2-caution");
  companion_answer_prompt ("contact-clinician");
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "dose");
  g_assert_true (gtk_widget_get_visible (child (window, TM_TYPE_COMPANION_WINDOW, "pre_dose_box")));
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_COMPANION_WINDOW, "pre_dose_label")), ==,
                   companion_instruction);
  g_assert_true (gtk_widget_get_visible (child (window, TM_TYPE_COMPANION_WINDOW, "caution_box")));
  /* No dose is suggested. */
  g_assert_cmpstr (gtk_editable_get_text (child (window, TM_TYPE_COMPANION_WINDOW, "dose_row")), ==, "");
  save_snapshot (window, "companion-3-dose");

  click (child (window, TM_TYPE_COMPANION_WINDOW, "taken_button"));
  g_assert_true (tm_error_label_get_shown (child (window, TM_TYPE_COMPANION_WINDOW, "dose_error")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session", NULL), ==, 0);

  companion_set_clock (start, 10);
  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "dose_row"), "50");
  gtk_switch_set_active (child (window, TM_TYPE_COMPANION_WINDOW, "present_switch"), TRUE);
  click (child (window, TM_TYPE_COMPANION_WINDOW, "taken_button"));
  settle ();
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE dose_mg = 50 AND mood_before = 4"
                                 " AND intention = ?", "Stay curious."), ==, 1);
  session_id = query_int (f, "SELECT id FROM session", NULL);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session_reading WHERE minutes_after = 0"
                                 " AND bp_sys = 150 AND bp_dia = 95", NULL), ==, 1);
  /* The caution shown before belongs to the session, and is not raised again. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM safety_event WHERE rule = 'S5'", NULL), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT source_id FROM safety_event WHERE rule = 'S5'", NULL), ==, session_id);
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "waiting");
  g_assert_true (gtk_widget_get_visible (child (today_page, TM_TYPE_TODAY_PAGE, "reminder_row")));
  save_snapshot (window, "companion-4-waiting");
  dose = g_date_time_add_minutes (start, 10);

  /* Closed: the companion goes on, and each checkpoint is a notification. */
  close_companion (f, window);
  companion_set_clock (dose, 39);
  tm_companion_service_check (service);
  g_assert_cmpint (seen[TM_CHECKPOINT_40], ==, 0);
  companion_set_clock (dose, 40);
  tm_companion_service_check (service);
  g_assert_cmpint (seen[TM_CHECKPOINT_40], ==, 1);
  wait_for_notifications (&n, 1);
  g_assert_cmpstr (n.title, ==, "After 40 Minutes");
  g_assert_cmpstr (n.action, ==, "app.companion");

  window = open_companion (f);
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "40");
  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "bp_40_row"), "132/84");
  choose_in_row (child (window, TM_TYPE_COMPANION_WINDOW, "dissociation_row"), 5);
  adw_combo_row_set_selected (child (window, TM_TYPE_COMPANION_WINDOW, "sedation_row"), 2);
  save_snapshot (window, "companion-5-forty");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "reading_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session_reading WHERE minutes_after = 40"
                                 " AND bp_sys = 132 AND bp_dia = 84 AND dissociation = 5 AND sedation = 1",
                              NULL), ==, 1);
  close_companion (f, window);

  companion_set_clock (dose, 60);
  tm_companion_service_check (service);
  g_assert_cmpint (seen[TM_CHECKPOINT_60], ==, 1);
  wait_for_notifications (&n, 2);
  g_assert_cmpstr (n.title, ==, "After an Hour");
  window = open_companion (f);
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "60");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (window, TM_TYPE_COMPANION_WINDOW, "reflection_view")),
                            "Colours were soft.", -1);
  save_snapshot (window, "companion-6-reflection");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "reflection_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE reflection = ?", "Colours were soft."), ==, 1);
  close_companion (f, window);

  companion_set_clock (dose, 120);
  tm_companion_service_check (service);
  g_assert_cmpint (seen[TM_CHECKPOINT_120], ==, 1);
  wait_for_notifications (&n, 3);
  g_assert_cmpstr (n.title, ==, "After 2 Hours");
  window = open_companion (f);
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "120");
  save_snapshot (window, "companion-7-eased");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "eased_no_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE eased = 0", NULL), ==, 1);
  /* "No" is S1's urgent path. */
  wait_for (message_dialog_is_open, NULL, "S1's urgent prompt");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM safety_event WHERE rule = 'S1' AND level = 'urgent'", NULL),
                   ==, 1);
  save_snapshot (find_message_dialog (), "companion-8-urgent");
  companion_answer_prompt ("contact-clinician");
  close_companion (f, window);

  /* The next morning, at the reminder's time: past noon the reminder not
   * to drive stays until "fully alert" is yes. */
  {
    g_autoptr(GDateTime) next = g_date_time_add_days (start, 1);
    g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (next), g_date_time_get_month (next),
                                                          g_date_time_get_day_of_month (next), 7, 59, 0);

    companion_set_clock (morning, 0);
    tm_companion_service_check (service);
    g_assert_cmpint (seen[TM_CHECKPOINT_NEXT_MORNING], ==, 0);
    companion_set_clock (morning, 1);
    tm_companion_service_check (service);
    g_assert_cmpint (seen[TM_CHECKPOINT_NEXT_MORNING], ==, 1);
    wait_for_notifications (&n, 4);
    g_assert_cmpstr (n.title, ==, "The Next Morning");
    window = open_companion (f);
    g_assert_cmpstr (tm_companion_window_get_page (window), ==, "morning");
    companion_set_clock (morning, 5 * 60);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "today");
    g_signal_emit_by_name (tm_context_get_store (context_of (f)), "sessions-changed");
    g_assert_true (gtk_widget_get_visible (child (today_page, TM_TYPE_TODAY_PAGE, "reminder_row")));
    g_assert_false (gtk_widget_get_sensitive (child (window, TM_TYPE_COMPANION_WINDOW, "finish_button")));
    tm_choices_set_answer (child (window, TM_TYPE_COMPANION_WINDOW, "slept_well_row"), 1);
    tm_choices_set_answer (child (window, TM_TYPE_COMPANION_WINDOW, "lingering_row"), 0);
    tm_choices_set_answer (child (window, TM_TYPE_COMPANION_WINDOW, "fully_alert_row"), 1);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE slept_well = 1 AND fully_alert = 1"
                                   " AND lingering = 0", NULL), ==, 1);
    g_assert_false (gtk_widget_get_visible (child (today_page, TM_TYPE_TODAY_PAGE, "reminder_row")));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (window, TM_TYPE_COMPANION_WINDOW, "next_day_view")),
                              "Rested.", -1);
    save_snapshot (window, "companion-9-morning");
    click (child (window, TM_TYPE_COMPANION_WINDOW, "finish_button"));
    settle ();
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE next_day_note = ?", "Rested."), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM meta WHERE key = 'companion'", NULL), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session", NULL), ==, 1);
  g_assert_cmpint (n.received, ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (child (today_page, TM_TYPE_TODAY_PAGE, "companion_row")), ==,
                   "Start a Session");

  g_signal_handlers_disconnect_by_func (service, count_checkpoint_cb, seen);
  stop_notifications (f, &n);
  g_settings_reset (settings, "reminder-time");
  tm_time_set_clock (NULL, NULL);
  g_clear_pointer (&companion_clock, g_date_time_unref);
}

static void
test_companion_every_checkpoint (Fixture       *f,
                                 gconstpointer  data)
{
  run_app (f, companion_every_checkpoint_body);
}

static gboolean
companion_window_is_closed (gpointer data)
{
  return !companion_window_is_open (data);
}

/* Not taking the dose after all: the companion ends, asked first, and
 * nothing stays held or pending. One whose session was deleted says so,
 * asks nothing, and ends too. */
static void
companion_end_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  TmTodayPage *today_page = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));
  TmCompanionWindow *window = open_companion (f);
  g_autoptr(TmCompanion) companion = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(TmSession) session = NULL;
  g_autoptr(GError) error = NULL;

  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "bp_row"), "128/82");
  g_assert_cmpstr (gtk_button_get_label (child (window, TM_TYPE_COMPANION_WINDOW, "end_button")), ==,
                   "_Not Taking a Dose Now…");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "end_button"));
  wait_for (message_dialog_is_open, NULL, "the question before ending");
  g_assert_cmpstr (adw_message_dialog_get_heading (find_message_dialog ()), ==, "Not Taking a Dose Now?");
  adw_message_dialog_response (find_message_dialog (), "end");
  wait_for (companion_window_is_closed, f->app, "the companion's window to close");
  meta = tm_store_get_meta (store, TM_COMPANION_META_KEY);
  g_assert_null (meta);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session", NULL), ==, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (child (today_page, TM_TYPE_TODAY_PAGE, "companion_row")), ==,
                   "Start a Session");

  /* Taken, then its session deleted from Sessions. */
  window = open_companion (f);
  click (child (window, TM_TYPE_COMPANION_WINDOW, "continue_button"));
  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "dose_row"), "50");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "taken_button"));
  settle ();
  /* A home dose with nobody there: S12's prompt first. */
  companion_drain_prompts ();
  companion = tm_companion_load (store);
  session = tm_store_get_session (store, companion->session_id, &error);
  g_assert_nonnull (session);
  g_assert_true (tm_store_delete_session (store, session, &error));
  tm_companion_window_refresh (window);
  g_assert_cmpstr (gtk_label_get_label (child (window, TM_TYPE_COMPANION_WINDOW, "elapsed_label")), ==,
                   "The Session Was Deleted");
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "waiting");
  save_snapshot (window, "companion-11-deleted");
  g_assert_cmpstr (gtk_button_get_label (child (window, TM_TYPE_COMPANION_WINDOW, "end_button")), ==,
                   "_End Session Companion…");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "end_button"));
  wait_for (message_dialog_is_open, NULL, "the question before ending");
  adw_message_dialog_response (find_message_dialog (), "end");
  wait_for (companion_window_is_closed, f->app, "the companion's window to close");
  g_clear_pointer (&meta, g_free);
  meta = tm_store_get_meta (store, TM_COMPANION_META_KEY);
  g_assert_null (meta);
}

static void
test_companion_end (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, companion_end_body);
}

/* The process is killed mid-session (SIGKILL, nothing flushed): a new
 * Tidemark resumes at the same checkpoint, with what was typed. */
static void
companion_killed_body (Fixture *f)
{
  TmCompanionWindow *window = open_companion (f);

  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "bp_row"), "128/82");
  choose_in_row (child (window, TM_TYPE_COMPANION_WINDOW, "mood_row"), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (window, TM_TYPE_COMPANION_WINDOW, "intention_view")),
                            "Notice, don't judge.", -1);
  click (child (window, TM_TYPE_COMPANION_WINDOW, "continue_button"));
  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "dose_row"), "3");
  type_text (child (window, TM_TYPE_COMPANION_WINDOW, "dose_row"), "35");
  raise (SIGKILL);
}

static void
companion_resumed_body (Fixture *f)
{
  TmCompanionWindow *window;
  TmTodayPage *today_page = TM_TODAY_PAGE (tm_window_get_page (f->window, "today"));

  g_assert_cmpstr (adw_preferences_row_get_title (child (today_page, TM_TYPE_TODAY_PAGE, "companion_row")), ==,
                   "Continue Session");
  window = open_companion (f);
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "dose");
  g_assert_cmpstr (gtk_editable_get_text (child (window, TM_TYPE_COMPANION_WINDOW, "dose_row")), ==, "35");
  save_snapshot (window, "companion-10-resumed");
  click (child (window, TM_TYPE_COMPANION_WINDOW, "taken_button"));
  settle ();
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session WHERE dose_mg = 35 AND mood_before = 6"
                                 " AND intention = ?", "Notice, don't judge."), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session_reading WHERE minutes_after = 0"
                                 " AND bp_sys = 128 AND bp_dia = 82", NULL), ==, 1);
  g_assert_cmpstr (tm_companion_window_get_page (window), ==, "waiting");
  /* Let it go, for the next test. */
  {
    g_autoptr(TmCompanion) companion = tm_companion_load (tm_application_get_store (f->app));

    g_assert_true (tm_companion_finish (companion, tm_application_get_store (f->app), NULL));
  }
}

static void
test_companion_resume_after_kill (Fixture       *f,
                                  gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_setenv ("TIDEMARK_DATA_DIR", g_getenv ("TM_COMPANION_TEST_DIR"), TRUE);
      run_app (f, companion_killed_body);
      return;
    }
  g_setenv ("TM_COMPANION_TEST_DIR", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_assert_false (g_test_trap_has_passed ());
  g_unsetenv ("TM_COMPANION_TEST_DIR");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM session", NULL), ==, 0);
  run_app (f, companion_resumed_body);
}

/* ---- Medicines ---------------------------------------------------------- */

static TmPreferencesDialog *
open_medicines (Fixture *f)
{
  TmPreferencesDialog *prefs = open_preferences (f);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "medicines");
  return prefs;
}

/* The row of @name in the Current or Stopped group, or NULL. */
static AdwActionRow *
medicine_row (TmPreferencesDialog *prefs,
              const char          *group,
              const char          *name)
{
  return (AdwActionRow *) find_widget (child (prefs, TM_TYPE_PREFERENCES_DIALOG, group), ADW_TYPE_ACTION_ROW,
                                       row_has_title, name);
}

static gpointer
medicine_part (TmMedicineDialog *dialog,
               const char       *name)
{
  return child (dialog, TM_TYPE_MEDICINE_DIALOG, name);
}

static gboolean
has_error_class (gpointer widget)
{
  return gtk_widget_has_css_class (widget, "error");
}

static TmRegularMedicine *
store_medicine (Fixture        *f,
                const char     *name,
                int             days_ago,
                double          dose,
                TmMedicineKind  kind)
{
  g_autofree char *started = day_ago (days_ago);
  g_autoptr(GError) error = NULL;
  TmRegularMedicine *m = tm_regular_medicine_new (name, started);

  m->dose = dose;
  tm_regular_medicine_set_text (&m->unit, "mg");
  m->kind = kind;
  g_assert_true (tm_store_add_medicine (tm_application_get_store (f->app), m, &error));
  g_assert_no_error (error);
  return m;
}

/* "Add Medicine…" on the Medicines page, the form filled in as typed:
 * the store has the row, and the page lists it under Current. */
static void
medicines_add_body (Fixture *f)
{
  TmPreferencesDialog *prefs = open_medicines (f);
  g_autofree char *today = tm_day_today ();
  g_autofree char *since = tm_day_format_long (today);
  g_autofree char *subtitle = g_strdup_printf ("37.5 mg · every morning · Antidepressant · since %s", since);
  g_autoptr(GPtrArray) all = NULL;
  TmMedicineDialog *dialog;
  TmRegularMedicine *m;
  AdwActionRow *row;

  g_assert_nonnull (medicine_row (prefs, "current_medicines_group", "No medicines added"));
  click (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "add_medicine_button"));
  dialog = wait_for_window (f, TM_TYPE_MEDICINE_DIALOG);
  type_text (medicine_part (dialog, "name_row"), "  Sertraline ");
  type_text (medicine_part (dialog, "dose_row"), "37,5");
  type_text (medicine_part (dialog, "unit_row"), "mg");
  type_text (medicine_part (dialog, "schedule_row"), "every morning");
  adw_combo_row_set_selected (medicine_part (dialog, "kind_row"), TM_MEDICINE_KIND_ANTIDEPRESSANT);
  wait_for_drawn (dialog, "the medicine editor");
  assert_all_named (GTK_WIDGET (dialog), "the medicine editor");
  save_snapshot (dialog, "medicine-add");
  click (medicine_part (dialog, "save_button"));
  wait_for_window_gone (f, TM_TYPE_MEDICINE_DIALOG);

  all = tm_store_list_medicines (tm_application_get_store (f->app), NULL);
  g_assert_cmpuint (all->len, ==, 1);
  m = all->pdata[0];
  g_assert_cmpstr (m->name, ==, "Sertraline");
  g_assert_cmpfloat (m->dose, ==, 37.5);
  g_assert_cmpstr (m->unit, ==, "mg");
  g_assert_cmpstr (m->schedule, ==, "every morning");
  g_assert_cmpint (m->kind, ==, TM_MEDICINE_KIND_ANTIDEPRESSANT);
  g_assert_cmpstr (m->started_on, ==, today);
  g_assert_cmpstr (m->stopped_on, ==, "");
  g_assert_cmpint (m->replaces, ==, 0);

  row = medicine_row (prefs, "current_medicines_group", "Sertraline");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, subtitle);
  g_assert_null (medicine_row (prefs, "current_medicines_group", "No medicines added"));
  g_assert_false (gtk_widget_get_visible (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "stopped_medicines_group")));
  wait_for_drawn (prefs, "the Medicines page");
  save_snapshot (prefs, "medicines-page");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_medicines_add (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, medicines_add_body);
}

/* S7 on a regular medicine (DESIGN.md): adding one of a kind that can
 * interact with ketamine, while a plan exists, shows the prompt once and
 * records it; one of another kind shows nothing. */
static void
medicines_s7_body (Fixture *f)
{
  TmStore *store = tm_application_get_store (f->app);
  g_autofree char *today = tm_day_today ();
  g_autoptr(TmPlan) plan = tm_plan_new (today);
  g_autoptr(GError) error = NULL;
  TmPreferencesDialog *prefs;
  TmMedicineDialog *dialog;
  AdwMessageDialog *prompt;

  plan->interval_days = 14;
  plan->dose_mg = 50;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_no_error (error);

  prefs = open_medicines (f);
  click (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "add_medicine_button"));
  dialog = wait_for_window (f, TM_TYPE_MEDICINE_DIALOG);
  type_text (medicine_part (dialog, "name_row"), "Lorazepam");
  type_text (medicine_part (dialog, "dose_row"), "1");
  type_text (medicine_part (dialog, "unit_row"), "mg");
  adw_combo_row_set_selected (medicine_part (dialog, "kind_row"), TM_MEDICINE_KIND_BENZODIAZEPINE);
  click (medicine_part (dialog, "save_button"));
  wait_for_window_gone (f, TM_TYPE_MEDICINE_DIALOG);

  prompt = wait_for_prompt_of_rule (TM_RULE_S7);
  g_assert_cmpstr (adw_message_dialog_get_heading (prompt), ==, "Other Medicines Can Interact");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (prompt), "You added a regular medicine: Lorazepam 1 mg"));
  wait_for_drawn (prompt, "the S7 prompt");
  save_snapshot (prompt, "medicine-s7");
  adw_message_dialog_response (prompt, "prescriber-knows");
  gtk_window_close (GTK_WINDOW (prompt));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM safety_event WHERE rule = 'S7' AND source = 'medicine'"
                                 " AND answer = 'prescriber-knows'", NULL), ==, 1);

  /* Vitamin D: no prompt, nothing recorded. */
  click (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "add_medicine_button"));
  dialog = wait_for_window (f, TM_TYPE_MEDICINE_DIALOG);
  type_text (medicine_part (dialog, "name_row"), "Vitamin D");
  adw_combo_row_set_selected (medicine_part (dialog, "kind_row"), TM_MEDICINE_KIND_OTHER);
  click (medicine_part (dialog, "save_button"));
  wait_for_window_gone (f, TM_TYPE_MEDICINE_DIALOG);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM medicine", NULL), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM safety_event", NULL), ==, 1);

  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_medicines_s7 (Fixture       *f,
                   gconstpointer  data)
{
  run_app (f, medicines_s7_body);
}

/* A change is a new row that replaces the one shown, from today; a stop
 * another, with the day chosen; the page then lists it under Stopped. */
static void
medicines_change_and_stop_body (Fixture *f)
{
  g_autoptr(TmRegularMedicine) first = store_medicine (f, "Sertraline", 30, 50, TM_MEDICINE_KIND_ANTIDEPRESSANT);
  TmPreferencesDialog *prefs = open_medicines (f);
  g_autofree char *today = tm_day_today ();
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) stopped = NULL;
  TmRegularMedicine *change, *stop;
  TmMedicineDialog *dialog;
  AdwMessageDialog *question;
  AdwActionRow *row;

  /* Change: nothing new, nothing to save; a new dose, a new row. */
  row = medicine_row (prefs, "current_medicines_group", "Sertraline");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  dialog = wait_for_window (f, TM_TYPE_MEDICINE_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (medicine_part (dialog, "dose_row")), ==, "50");
  g_assert_false (gtk_widget_get_sensitive (medicine_part (dialog, "save_button")));
  type_text (medicine_part (dialog, "dose_row"), "100");
  wait_for_drawn (dialog, "the medicine editor");
  assert_all_named (GTK_WIDGET (dialog), "the medicine editor, for a change");
  save_snapshot (dialog, "medicine-change");
  click (medicine_part (dialog, "save_button"));
  wait_for_window_gone (f, TM_TYPE_MEDICINE_DIALOG);

  changed = tm_store_list_medicines (tm_application_get_store (f->app), NULL);
  g_assert_cmpuint (changed->len, ==, 2);
  change = changed->pdata[1];
  g_assert_cmpint (change->replaces, ==, first->id);
  g_assert_cmpfloat (change->dose, ==, 100);
  g_assert_cmpstr (change->unit, ==, "mg");
  g_assert_cmpstr (change->name, ==, "Sertraline");
  g_assert_cmpint (change->kind, ==, TM_MEDICINE_KIND_ANTIDEPRESSANT);
  g_assert_cmpstr (change->started_on, ==, today);
  row = medicine_row (prefs, "current_medicines_group", "Sertraline");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "100 mg · "));

  /* Stop: asked for the last day, today unless another is chosen. */
  g_signal_emit_by_name (row, "activated");
  dialog = wait_for_window (f, TM_TYPE_MEDICINE_DIALOG);
  g_assert_true (gtk_widget_get_visible (medicine_part (dialog, "stop_button")));
  click (medicine_part (dialog, "stop_button"));
  wait_for (message_dialog_is_open, NULL, "the question of the last day");
  question = find_message_dialog ();
  save_snapshot (question, "medicine-stop");
  adw_message_dialog_response (question, "stop");
  gtk_window_destroy (GTK_WINDOW (question));
  wait_for_window_gone (f, TM_TYPE_MEDICINE_DIALOG);

  stopped = tm_store_list_medicines (tm_application_get_store (f->app), NULL);
  g_assert_cmpuint (stopped->len, ==, 3);
  stop = stopped->pdata[2];
  g_assert_cmpint (stop->replaces, ==, change->id);
  g_assert_cmpstr (stop->stopped_on, ==, today);
  g_assert_cmpstr (stop->started_on, ==, change->started_on);
  g_assert_cmpfloat (stop->dose, ==, 100);

  g_assert_null (medicine_row (prefs, "current_medicines_group", "Sertraline"));
  g_assert_nonnull (medicine_row (prefs, "current_medicines_group", "No medicines added"));
  g_assert_true (gtk_widget_get_visible (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "stopped_medicines_group")));
  row = medicine_row (prefs, "stopped_medicines_group", "Sertraline");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "until "));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  wait_for_drawn (prefs, "the Medicines page");
  save_snapshot (prefs, "medicines-page-stopped");
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_medicines_change_and_stop (Fixture       *f,
                                gconstpointer  data)
{
  run_app (f, medicines_change_and_stop_body);
}

/* A name left out, a dose of 0 or not a number: the sentence at the top,
 * the row marked, the window open with the text as typed, nothing kept. */
static void
medicines_refused_body (Fixture *f)
{
  TmPreferencesDialog *prefs = open_medicines (f);
  g_autoptr(GPtrArray) all = NULL;
  TmMedicineDialog *dialog;
  TmErrorLabel *error;

  click (child (prefs, TM_TYPE_PREFERENCES_DIALOG, "add_medicine_button"));
  dialog = wait_for_window (f, TM_TYPE_MEDICINE_DIALOG);
  error = medicine_part (dialog, "error_label");
  type_text (medicine_part (dialog, "dose_row"), "20");
  click (medicine_part (dialog, "save_button"));
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (tm_error_label_get_shown (error));
  g_assert_cmpstr (tm_error_label_get_message (error), ==, "Enter the medicine's name, as on its box.");
  g_assert_true (has_error_class (medicine_part (dialog, "name_row")));
  g_assert_cmpstr (gtk_editable_get_text (medicine_part (dialog, "dose_row")), ==, "20");

  type_text (medicine_part (dialog, "name_row"), "Sertraline");
  g_assert_false (has_error_class (medicine_part (dialog, "name_row")));
  type_text (medicine_part (dialog, "dose_row"), "0");
  click (medicine_part (dialog, "save_button"));
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (tm_error_label_get_message (error), ==,
                   "A medicine's dose must be more than 0 and at most 100000, not 0.");
  g_assert_true (has_error_class (medicine_part (dialog, "dose_row")));
  g_assert_false (has_error_class (medicine_part (dialog, "name_row")));
  g_assert_cmpstr (gtk_editable_get_text (medicine_part (dialog, "name_row")), ==, "Sertraline");
  g_assert_cmpstr (gtk_editable_get_text (medicine_part (dialog, "dose_row")), ==, "0");
  save_snapshot (dialog, "medicine-refused");

  type_text (medicine_part (dialog, "dose_row"), "fifty");
  click (medicine_part (dialog, "save_button"));
  settle ();
  g_assert_cmpstr (tm_error_label_get_message (error), ==,
                   "“fifty” is not a number. Write the dose as a number, for example 50 or 2.5, and the unit "
                   "in its own row.");
  g_assert_true (has_error_class (medicine_part (dialog, "dose_row")));

  all = tm_store_list_medicines (tm_application_get_store (f->app), NULL);
  g_assert_cmpuint (all->len, ==, 0);

  /* Closing with what was typed asks first; discarded, nothing is kept. */
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (message_dialog_is_open, NULL, "the save-changes question");
  adw_message_dialog_response (find_message_dialog (), "discard");
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));
  wait_for_window_gone (f, TM_TYPE_MEDICINE_DIALOG);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = tm_store_list_medicines (tm_application_get_store (f->app), NULL);
  g_assert_cmpuint (all->len, ==, 0);
  gtk_window_close (GTK_WINDOW (prefs));
  wait_for_window_gone (f, TM_TYPE_PREFERENCES_DIALOG);
}

static void
test_medicines_refused (Fixture       *f,
                        gconstpointer  data)
{
  run_app (f, medicines_refused_body);
}

/* Shows the session's day in its editor, as a click in its calendar does. */
static void
choose_session_day (TmSessionDialog *editor,
                    int              days_ago)
{
  g_autofree char *day = day_ago (days_ago);
  GDate date;
  g_autoptr(GDateTime) when = NULL;

  g_assert_true (tm_day_to_date (day, &date));
  when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  gtk_calendar_select_day (child (editor, TM_TYPE_SESSION_DIALOG, "calendar"), when);
}

/* The titles of the rows under "Regular Medicines That Day", a line each. */
static char *
regular_medicines_shown (TmSessionDialog *editor)
{
  GtkWidget *group = child (editor, TM_TYPE_SESSION_DIALOG, "regular_medicines_group");
  GtkWidget *list = find_widget (group, GTK_TYPE_LIST_BOX, NULL, NULL);
  GString *shown = g_string_new (NULL);

  settle ();
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (shown, "%s%s", shown->len > 0 ? "\n" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (shown, FALSE);
}

static void
assert_regular_medicines (TmSessionDialog *editor,
                          const char      *expected)
{
  g_autofree char *shown = regular_medicines_shown (editor);

  g_assert_cmpstr (shown, ==, expected);
}

/* The session editor lists the regular medicines taken on its day: the
 * one current then, not one stopped before it. */
static void
medicines_session_context_body (Fixture *f)
{
  g_autoptr(TmRegularMedicine) lisinopril = store_medicine (f, "Lisinopril", 10, 10, TM_MEDICINE_KIND_OTHER);
  g_autoptr(TmRegularMedicine) zopiclone = store_medicine (f, "Zopiclone", 20, 7.5, TM_MEDICINE_KIND_OTHER);
  g_autoptr(TmRegularMedicine) stop = tm_regular_medicine_copy (zopiclone);
  g_autofree char *stopped_on = day_ago (5);
  g_autoptr(GError) error = NULL;
  TmSessionDialog *editor;

  stop->id = 0;
  g_clear_pointer (&stop->created_at, g_free);
  stop->replaces = zopiclone->id;
  g_strlcpy (stop->stopped_on, stopped_on, sizeof stop->stopped_on);
  g_assert_true (tm_store_add_medicine (tm_application_get_store (f->app), stop, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-session", NULL));
  editor = wait_for_window (f, TM_TYPE_SESSION_DIALOG);
  assert_regular_medicines (editor, "Lisinopril 10 mg");
  scroll_to (child (editor, TM_TYPE_SESSION_DIALOG, "regular_medicines_group"), 120);
  save_snapshot (editor, "session-regular-medicines");

  choose_session_day (editor, 7);
  assert_regular_medicines (editor, "Lisinopril 10 mg\nZopiclone 7.5 mg");
  choose_session_day (editor, 15);
  assert_regular_medicines (editor, "Zopiclone 7.5 mg");
  choose_session_day (editor, 40);
  assert_regular_medicines (editor, "None recorded");

  gtk_window_destroy (GTK_WINDOW (editor));
  wait_for_window_gone (f, TM_TYPE_SESSION_DIALOG);
}

static void
test_medicines_session_context (Fixture       *f,
                                gconstpointer  data)
{
  run_app (f, medicines_session_context_body);
}

/* Every page, and every section of History, fits a window 360 px wide:
 * showing one never makes the window wider than the phone-sized width it
 * was given. */
static void
every_page_fits_body (Fixture *f)
{
  static const char * const pages[] = { "today", "sessions", "calendar", "trends", "history", "review" };
  static const char * const sections[] = { "checkins", "questionnaires", "safety", "reviews" };
  g_autofree char *yesterday = day_ago (1);

  store_checkin (f, yesterday, 6, "A note long enough to need more than one line in a narrow window, or to be cut");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;
      int min_width;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", pages[i]));
      page = tm_window_get_page (f->window, pages[i]);
      wait_for (is_mapped, page, pages[i]);
      settle ();
      gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      if (min_width > 360)
        g_error ("The %s page needs a window %d px wide", pages[i], min_width);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      TmHistoryPage *history = TM_HISTORY_PAGE (tm_window_get_page (f->window, "history"));
      GtkStack *stack = child (history, TM_TYPE_HISTORY_PAGE, "section_stack");
      GtkDropDown *dropdown = child (history, TM_TYPE_HISTORY_PAGE, "section_dropdown");
      int min_width;

      /* The narrow window's drop-down chooses the section. */
      gtk_drop_down_set_selected (dropdown, i);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, sections[i]);
      settle ();
      gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      if (min_width > 360)
        g_error ("The %s section of History needs a window %d px wide", sections[i], min_width);
    }
  /* And follows the buttons of a wide one. */
  gtk_stack_set_visible_child_name (child (tm_window_get_page (f->window, "history"), TM_TYPE_HISTORY_PAGE,
                                           "section_stack"), "safety");
  g_assert_cmpuint (gtk_drop_down_get_selected (child (tm_window_get_page (f->window, "history"),
                                                       TM_TYPE_HISTORY_PAGE, "section_dropdown")), ==, 2);
}

static void
test_every_page_fits (Fixture       *f,
                      gconstpointer  data)
{
  run_app (f, every_page_fits_body);
}

/* A banner's row: a wrapping label, on its own or in a TmWrapBin, beside
 * two buttons, in a window that is never shown. */
static GtkWidget *
banner_row (const char  *text,
            gboolean     in_bin,
            GtkWidget  **label_out,
            GtkWidget  **button_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *first = gtk_button_new_with_label ("Change…");
  GtkWidget *second = gtk_button_new_with_label ("OK");
  GtkWidget *holder = label;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (in_bin)
    holder = tm_wrap_bin_new (label);
  gtk_widget_set_hexpand (holder, TRUE);
  gtk_widget_set_valign (first, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (second, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), holder);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_window_set_child (GTK_WINDOW (window), box);
  *label_out = label;
  *button_out = second;
  return window;
}

static void
assert_same_bounds (GtkWidget *a,
                    GtkWidget *a_root,
                    GtkWidget *b,
                    GtkWidget *b_root)
{
  graphene_rect_t ra, rb;

  g_assert_true (gtk_widget_compute_bounds (a, a_root, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, b_root, &rb));
  g_assert_cmpfloat (ra.origin.x, ==, rb.origin.x);
  g_assert_cmpfloat (ra.origin.y, ==, rb.origin.y);
  g_assert_cmpfloat (ra.size.width, ==, rb.size.width);
  g_assert_cmpfloat (ra.size.height, ==, rb.size.height);
}

/* The fast way to lay out a banner (its label in a TmWrapBin) gives the
 * row GTK's own layout gives it: the same height for every width, and the
 * label and buttons in the same places, in English and in German, from a
 * narrow window to a wide one. */
static void
test_measure_wrap_bin_same_layout (void)
{
  const char *texts[] = {
    "Tidemark knows no crisis numbers for your country. You can choose one it knows, or enter your own.",
    "Tidemark kennt keine Krisennummern für Ihr Land. Sie können eine der bekannten wählen oder eine eigene "
    "eingeben (Krisentelefon-Seelsorge-Rufnummernverzeichnis).",
    "Short.",
  };
  const int widths[] = { 200, 360, 480, 720, 1200 };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        GtkWidget *plain_label, *plain_button, *fast_label, *fast_button;
        GtkWidget *plain = banner_row (texts[t], FALSE, &plain_label, &plain_button);
        GtkWidget *fast = banner_row (texts[t], TRUE, &fast_label, &fast_button);
        GtkWidget *plain_box = gtk_window_get_child (GTK_WINDOW (plain));
        GtkWidget *fast_box = gtk_window_get_child (GTK_WINDOW (fast));
        int plain_min_w, fast_min_w, plain_min, plain_nat, fast_min, fast_nat, width;

        gtk_widget_measure (plain_box, GTK_ORIENTATION_HORIZONTAL, -1, &plain_min_w, NULL, NULL, NULL);
        gtk_widget_measure (fast_box, GTK_ORIENTATION_HORIZONTAL, -1, &fast_min_w, NULL, NULL, NULL);
        g_assert_cmpint (plain_min_w, ==, fast_min_w);
        width = MAX (widths[w], plain_min_w);

        gtk_widget_measure (plain_box, GTK_ORIENTATION_VERTICAL, width, &plain_min, &plain_nat, NULL, NULL);
        gtk_widget_measure (fast_box, GTK_ORIENTATION_VERTICAL, width, &fast_min, &fast_nat, NULL, NULL);
        g_assert_cmpint (plain_min, ==, fast_min);
        g_assert_cmpint (plain_nat, ==, fast_nat);

        gtk_widget_allocate (plain_box, width, plain_nat, -1, NULL);
        gtk_widget_allocate (fast_box, width, fast_nat, -1, NULL);
        assert_same_bounds (plain_label, plain_box, fast_label, fast_box);
        assert_same_bounds (plain_button, plain_box, fast_button, fast_box);

        gtk_window_destroy (GTK_WINDOW (plain));
        gtk_window_destroy (GTK_WINDOW (fast));
      }
}

/* A concealed revealer's child is not measured (it is not visible); it is
 * while it shows or slides, and again not once it has slid shut. */
static void
test_measure_concealed_revealer (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkRevealer *revealer = GTK_REVEALER (gtk_revealer_new ());
  GtkWidget *label = gtk_label_new ("Private notes are hidden on every page for a shared screen.");

  gtk_revealer_set_child (revealer, label);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (revealer));
  tm_revealer_measure_when_shown (revealer);
  g_assert_false (gtk_widget_get_visible (label));

  gtk_revealer_set_reveal_child (revealer, TRUE);
  g_assert_true (gtk_widget_get_visible (label));
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, label, "the revealed label");

  gtk_revealer_set_reveal_child (revealer, FALSE);
  if (gtk_revealer_get_child_revealed (revealer))
    g_assert_true (gtk_widget_get_visible (label));
  wait_for (is_hidden, label, "the concealed label to leave the layout");
  g_assert_false (gtk_revealer_get_child_revealed (revealer));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The check buttons in @widget that are in its layout. */
static guint
count_visible_rows (gpointer widget)
{
  guint visible = GTK_IS_CHECK_BUTTON (widget) && gtk_widget_is_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    visible += count_visible_rows (child);
  return visible;
}

/* The red-flag checklist's rows are not measured while the list has never
 * been opened, and are all there once it is: opened by the person or by a
 * day that has red flags. */
static void
test_measure_red_flags_until_opened (void)
{
  g_autoptr(TmRedFlagsRow) by_person = g_object_ref_sink (g_object_new (TM_TYPE_RED_FLAGS_ROW, NULL));
  g_autoptr(TmRedFlagsRow) by_day = g_object_ref_sink (g_object_new (TM_TYPE_RED_FLAGS_ROW, NULL));

  g_assert_cmpuint (count_visible_rows (by_person), ==, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (by_person), TRUE);
  g_assert_cmpuint (count_visible_rows (by_person), ==, TM_N_RED_FLAGS);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (by_person), FALSE);
  g_assert_cmpuint (count_visible_rows (by_person), ==, TM_N_RED_FLAGS);

  g_assert_cmpuint (count_visible_rows (by_day), ==, 0);
  tm_red_flags_row_set_red_flags (by_day, 1u << 2);
  g_assert_cmpuint (count_visible_rows (by_day), ==, TM_N_RED_FLAGS);
  g_assert_cmpuint (tm_red_flags_row_get_red_flags (by_day), ==, 1u << 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  /* Argon2id at its cheapest: the passphrase tests are about the UI. */
  tm_crypt_set_cost_for_testing (1, 8192);

#define ADD(path, func) \
  g_test_add ("/ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("today/save-and-find-again", test_today_save_and_find_again);
  ADD ("today/refused-save-keeps-typing", test_today_refused_save_keeps_typing);
  ADD ("today/disk-full-and-read-only-keep-typing", test_today_store_failure_keeps_typing);
  ADD ("history/shows-and-edits", test_history_shows_and_edits);
  ADD ("history/delete-and-undo", test_history_delete_and_undo);
  ADD ("window/close-asks-before-losing-changes", test_close_asks_before_losing_changes);
  ADD ("window/close-without-changes-does-not-ask", test_close_without_changes_does_not_ask);
  ADD ("window/quit-closes-everything", test_quit_closes_everything);
  ADD ("sessions/log-through-editor", test_sessions_log_through_editor);
  ADD ("sessions/session-day-fields", test_session_day_fields);
  ADD ("sessions/pre-dose-instruction", test_pre_dose_instruction);
  ADD ("sessions/refusals-and-edit", test_sessions_refusals_and_edit);
  ADD ("sessions/times-as-taken", test_sessions_times_as_taken);
  ADD ("sessions/statuses", test_sessions_statuses);
  ADD ("questionnaire/phq9", test_questionnaire_phq9);
  ADD ("questionnaire/item9-notice", test_questionnaire_item9);
  ADD ("followup/fill-and-save", test_followup_fill_and_save);
  ADD ("followup/refused-unanswered", test_followup_refused_unanswered);
  ADD ("followup/history-row", test_followup_history_row);
  ADD ("calendar/clinician-sets-plan", test_clinician_sets_plan);
  ADD ("preferences/keep-typing", test_preferences_keep_typing);
  ADD ("preferences/settings-bound", test_preferences_settings_bound);
  ADD ("medicines/add", test_medicines_add);
  ADD ("medicines/s7-when-added", test_medicines_s7);
  ADD ("medicines/change-and-stop", test_medicines_change_and_stop);
  ADD ("medicines/refused", test_medicines_refused);
  ADD ("medicines/session-context", test_medicines_session_context);
  ADD ("safety/urgent-s1-answer-recorded", test_safety_urgent_s1);
  ADD ("safety/every-path", test_safety_every_path);
  ADD ("safety/without-main-window", test_safety_without_main_window);
  ADD ("safety/s4-shows-crisis-line", test_safety_s4_shows_crisis_line);
  ADD ("safety/prompt-never-blocks-saving", test_safety_prompt_never_blocks_saving);
  ADD ("safety/prompt-waits-for-a-window", test_safety_prompt_waits_for_a_window);
  ADD ("safety/answer-waits-for-import", test_safety_answer_waits_for_import);
  ADD ("safety/daily-question-and-red-flags", test_daily_question_and_red_flags);
  ADD ("safety/daily-question-turned-on-from-today", test_daily_question_turned_on_from_today);
  ADD ("safety/session-red-flags-and-medicines", test_session_red_flags_and_medicines);
  ADD ("help/blood-pressure-signs-not-self-harm", test_help_for_blood_pressure);
  ADD ("help/after-dose-signs", test_help_after_dose);
  ADD ("help/crisis-country-confirmed", test_crisis_country_confirmed);
  ADD ("help/crisis-country-changed", test_crisis_country_changed);
  ADD ("help/about-intended-purpose", test_about_intended_purpose);
  ADD ("help/plan-editor-clinician-numbers", test_plan_editor_clinician_numbers);
  ADD ("trends/read-out", test_trends_read_out);
  ADD ("trends/range-remembered", test_trends_range_remembered);
  ADD ("trends/follow-the-store", test_trends_follow_the_store);
  ADD ("trends/interval", test_trends_interval);
  ADD ("review/visit", test_review_visit);
  ADD ("review/close-asks-about-notes", test_close_asks_about_review_notes);
  ADD ("demo/throwaway-folder", test_demo);
  ADD ("report/export", test_report_export);
  ADD ("report/refuses-data-folder", test_report_refuses_data_folder);
  ADD ("report/sections-and-name", test_report_sections_and_name);
  ADD ("report/review-period", test_report_review_period);
  ADD ("reminder/daily", test_reminder);
  ADD ("data/export-and-import", test_data_transfer);
  ADD ("data/daylio-import", test_daylio_import);
  ADD ("data/archive-export", test_archive_export);
  ADD ("data/archive-import", test_archive_import);
  ADD ("data/import-after-close", test_import_after_close);
  ADD ("data/export-refuses-data-folder", test_data_export_refuses_data_folder);
  ADD ("data/export-fhir", test_fhir_export);
  ADD ("data/save-during-import", test_save_during_import);
  ADD ("window/toasts-in-a-row", test_toasts_in_a_row);
  ADD ("data/cancel-import", test_cancel_import);
  ADD ("data/backups", test_backups);
  ADD ("data/before-import-copy", test_before_import);
  ADD ("data/damaged-file", test_damaged_data);
  ADD ("data/encrypt-backups", test_encrypt_backups);
  ADD ("data/encrypted-backup-no-passphrase", test_no_passphrase_no_backup);
  ADD ("data/encrypted-restore", test_encrypted_restore);
  ADD ("data/recovery-code-restore", test_recovery_code_restore);
  ADD ("data/encrypted-backups-passphrase", test_passphrase_source);
  ADD ("data/emptied-file", test_emptied_data);
  ADD ("window/second-on-same-folder", test_second_window);
  ADD ("window/folder-in-use", test_folder_in_use);
  ADD ("accessibility/every-control-named", test_accessible_names);
  ADD ("keyboard/launch-focus-on-mood", test_launch_focus_on_mood);
  ADD ("plan/one-off-dates-follow-cancel", test_plan_dates_follow_cancel);
  ADD ("plan/dates-typed", test_plan_dates_typed);
  ADD ("first-run/plan-offer-once", test_plan_offer);
  ADD ("first-run/plan-offer-gone-with-a-plan", test_plan_offer_with_plan);
  ADD ("keyboard/questionnaire-digits", test_questionnaire_digits);
  ADD ("calendar/outside-day-selects-it", test_calendar_outside_day);
  ADD ("calendar/rows-the-month-needs", test_calendar_rows);
  ADD ("calendar/cancelled-date-with-note", test_calendar_cancelled_date);
  ADD ("review/checkin-discuss", test_checkin_discuss);
  ADD ("review/session-discuss", test_session_discuss);
  ADD ("review/plan-baseline", test_plan_baseline);
  ADD ("share/hide-notes", test_hide_notes);
  ADD ("share/zoom", test_zoom);
  ADD ("share/fullscreen", test_fullscreen);
  ADD ("companion/every-checkpoint", test_companion_every_checkpoint);
  ADD ("companion/resume-after-kill", test_companion_resume_after_kill);
  ADD ("companion/end-and-deleted", test_companion_end);
  ADD ("window/every-page-fits-360", test_every_page_fits);
  g_test_add_func ("/ui/measure/wrap-bin-same-layout", test_measure_wrap_bin_same_layout);
  g_test_add_func ("/ui/measure/concealed-revealer", test_measure_concealed_revealer);
  g_test_add_func ("/ui/measure/red-flags-until-opened", test_measure_red_flags_until_opened);

  return g_test_run ();
}
