/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a screen reader gets: the real Tidemark, started with GTK's AT-SPI
 * backend on the private session bus and accessibility bus that
 * tests/run-with-atspi.sh starts, read and driven through libatspi as
 * Orca does, not through GTK's own API.
 *
 * The tests run in order on one Tidemark: the rating is answered and saved
 * first, then the names are read, then a safety prompt is opened. */
#include "config.h"

#include <signal.h>

#include <atspi/atspi.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

#include "tm-test-util.h"

/* libatspi 2.46 declares none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAction, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiValue, g_object_unref)

/* Generous for a loaded machine under the sanitizers; every wait polls. */
#define DEADLINE_SECONDS 120
#define POLL_USEC        (50 * 1000)

static GSubprocess     *tidemark;
static AtspiAccessible *app;
static char            *data_dir;

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition    condition,
          gpointer     data,
          const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_usleep (POLL_USEC);
    }
}

static char *
name_of (AtspiAccessible *accessible)
{
  g_autoptr(GError) error = NULL;
  char *name = atspi_accessible_get_name (accessible, &error);

  return name != NULL ? name : g_strdup ("");
}

typedef struct
{
  AtspiRole   role;
  const char *name;
  GPtrArray  *found;   /* of AtspiAccessible, owned */
} Search;

/* Every accessible under @accessible (itself included) with the role and,
 * when one is asked for, the name. */
static void
collect (AtspiAccessible *accessible,
         Search          *search)
{
  g_autoptr(GError) error = NULL;
  AtspiRole role = atspi_accessible_get_role (accessible, &error);
  int n_children;

  if (error != NULL)
    return;

  if (role == search->role)
    {
      g_autofree char *name = name_of (accessible);

      if (search->name == NULL || g_strcmp0 (name, search->name) == 0)
        g_ptr_array_add (search->found, g_object_ref (accessible));
    }

  n_children = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        collect (child, search);
    }
}

static GPtrArray *
find_all (AtspiAccessible *root,
          AtspiRole        role,
          const char      *name)
{
  Search search = { role, name, g_ptr_array_new_with_free_func (g_object_unref) };

  collect (root, &search);
  return search.found;
}

typedef struct
{
  AtspiAccessible *root;
  AtspiRole        role;
  const char      *name;
  AtspiAccessible *found;
} Wanted;

static gboolean
found_one (gpointer data)
{
  Wanted *wanted = data;
  g_autoptr(GPtrArray) all = find_all (wanted->root, wanted->role, wanted->name);

  if (all->len == 0)
    return FALSE;
  wanted->found = g_object_ref (all->pdata[0]);
  return TRUE;
}

/* The first accessible with the role and name, once it is there. */
static AtspiAccessible *
wait_for_accessible (AtspiAccessible *root,
                     AtspiRole        role,
                     const char      *name)
{
  Wanted wanted = { root, role, name, NULL };
  g_autofree char *role_name = atspi_role_get_name (role);
  g_autofree char *what = g_strdup_printf ("a %s named “%s”", role_name, name);

  wait_for (found_one, &wanted, what);
  return wanted.found;
}

static void
click (AtspiAccessible *accessible)
{
  g_autoptr(AtspiAction) action = atspi_accessible_get_action_iface (accessible);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (action);
  g_assert_cmpint (atspi_action_get_n_actions (action, &error), >=, 1);
  g_assert_no_error (error);
  g_assert_true (atspi_action_do_action (action, 0, &error));
  g_assert_no_error (error);
}

static gboolean
app_registered (gpointer data)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n_apps = atspi_accessible_get_child_count (desktop, NULL);
  guint pid = GPOINTER_TO_UINT (data);

  for (int i = 0; i < n_apps; i++)
    {
      g_autoptr(AtspiAccessible) candidate = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (candidate != NULL && atspi_accessible_get_process_id (candidate, NULL) == pid)
        {
          app = g_steal_pointer (&candidate);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  AtspiValue *value;
  double      wanted;
} ValueWait;

static gboolean
value_is (gpointer data)
{
  ValueWait *wait = data;
  g_autoptr(GError) error = NULL;
  double now = atspi_value_get_current_value (wait->value, &error);

  return error == NULL && G_APPROX_VALUE (now, wait->wanted, 1e-9);
}

static int
stored_mood (void)
{
  g_autofree char *path = g_build_filename (data_dir, "tidemark.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int mood = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT mood FROM checkin", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    mood = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return mood;
}

static gboolean
mood_stored (gpointer data)
{
  return stored_mood () == GPOINTER_TO_INT (data);
}

/* The Mood rating is a slider with the Value interface: 0 to 10, nothing
 * chosen at first; a value set through AT-SPI is what Tidemark shows and,
 * after Save pressed through AT-SPI, what it stores. */
static void
test_rating_value (void)
{
  g_autoptr(AtspiAccessible) mood = wait_for_accessible (app, ATSPI_ROLE_SLIDER, "Mood");
  g_autoptr(AtspiAccessible) anxiety = wait_for_accessible (app, ATSPI_ROLE_SLIDER, "Anxiety");
  g_autoptr(AtspiAccessible) save = NULL;
  g_autoptr(AtspiValue) value = atspi_accessible_get_value_iface (mood);
  g_autoptr(AtspiValue) anxiety_value = atspi_accessible_get_value_iface (anxiety);
  g_autoptr(GError) error = NULL;
  ValueWait wait = { NULL, 7.0 };

  g_assert_nonnull (value);
  g_assert_nonnull (anxiety_value);
  g_assert_cmpfloat (atspi_value_get_minimum_value (value, &error), ==, 0.0);
  g_assert_no_error (error);
  g_assert_cmpfloat (atspi_value_get_maximum_value (value, &error), ==, 10.0);
  g_assert_no_error (error);
  /* Not answered yet: the lowest value, and nothing stored. */
  g_assert_cmpfloat (atspi_value_get_current_value (value, &error), ==, 0.0);
  g_assert_no_error (error);

  /* 0 on an unanswered rating is an answer too. */
  g_assert_true (atspi_value_set_current_value (anxiety_value, 0.0, &error));
  g_assert_no_error (error);

  g_assert_true (atspi_value_set_current_value (value, 7.0, &error));
  g_assert_no_error (error);
  wait.value = value;
  wait_for (value_is, &wait, "Mood to read 7");

  /* Out of range: Tidemark keeps 0–10. */
  g_assert_true (atspi_value_set_current_value (value, 12.0, &error));
  g_assert_no_error (error);
  wait.wanted = 10.0;
  wait_for (value_is, &wait, "Mood to read 10");
  g_assert_true (atspi_value_set_current_value (value, 7.0, &error));
  g_assert_no_error (error);
  wait.wanted = 7.0;
  wait_for (value_is, &wait, "Mood to read 7 again");

  save = wait_for_accessible (app, ATSPI_ROLE_PUSH_BUTTON, "Save Check-in");
  click (save);
  wait_for (mood_stored, GINT_TO_POINTER (7), "the check-in with mood 7 in the data file");
}

/* No button of ours is left unnamed (GTK 4.8 then calls it by its type)
 * or named twice over by a mnemonic label. (libadwaita 1.2's toasts have
 * a close button it names after its icon, "GtkImage": not ours.) */
static void
assert_button_names (AtspiAccessible *root)
{
  g_autoptr(GPtrArray) buttons = find_all (root, ATSPI_ROLE_PUSH_BUTTON, NULL);

  for (guint i = 0; i < buttons->len; i++)
    {
      g_autofree char *name = name_of (buttons->pdata[i]);

      if (g_str_equal (name, "GtkButton") || g_str_equal (name, "GtkMenuButton") ||
          strchr (name, '_') != NULL)
        {
          g_autoptr(AtspiAccessible) parent = atspi_accessible_get_parent (buttons->pdata[i], NULL);
          g_autoptr(AtspiAccessible) grandparent = parent != NULL ? atspi_accessible_get_parent (parent, NULL) : NULL;
          g_autofree char *parent_name = grandparent != NULL ? name_of (grandparent) : NULL;

          g_test_fail_printf ("A button in “%s” is named “%s”", parent_name, name);
        }
    }
}

static void
test_names (void)
{
  g_autoptr(GPtrArray) menu = NULL;
  g_autoptr(AtspiAccessible) calendar = wait_for_accessible (app, ATSPI_ROLE_PAGE_TAB, "Calendar");
  g_autoptr(AtspiAccessible) previous = NULL;
  g_autoptr(AtspiAccessible) next = NULL;

  menu = find_all (app, ATSPI_ROLE_PUSH_BUTTON, "Main Menu");
  g_assert_cmpuint (menu->len, >=, 1);

  click (calendar);
  previous = wait_for_accessible (app, ATSPI_ROLE_PUSH_BUTTON, "Previous Month");
  next = wait_for_accessible (app, ATSPI_ROLE_PUSH_BUTTON, "Next Month");
  assert_button_names (app);
}

static gboolean
dialog_open (gpointer data)
{
  AtspiAccessible **dialog = data;
  int n = atspi_accessible_get_child_count (app, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);
      g_autoptr(GPtrArray) close = NULL;
      g_autofree char *title = NULL;

      if (window == NULL)
        continue;
      /* Not the main window, with the Close of its title bar. */
      title = name_of (window);
      if (g_str_equal (title, "Tidemark"))
        continue;
      close = find_all (window, ATSPI_ROLE_PUSH_BUTTON, "Close");
      if (close->len > 0)
        {
          *dialog = g_steal_pointer (&window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Get Help Now opens the safety prompter's help: each of its buttons is
 * in the tree once, under its own name. */
static void
test_prompt_buttons (void)
{
  g_autoptr(GPtrArray) menu = find_all (app, ATSPI_ROLE_PUSH_BUTTON, "Main Menu");
  AtspiAccessible *toggle = NULL;
  g_autoptr(AtspiAccessible) help = NULL;
  g_autoptr(AtspiAccessible) dialog = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* GTK 4.8's menu button: the toggle button that clicks is inside a
   * button of the same name. */
  for (guint i = 0; i < menu->len && toggle == NULL; i++)
    {
      g_autoptr(AtspiAction) action = atspi_accessible_get_action_iface (menu->pdata[i]);

      if (action != NULL && atspi_action_get_n_actions (action, NULL) > 0)
        toggle = menu->pdata[i];
    }
  g_assert_nonnull (toggle);
  click (toggle);
  help = wait_for_accessible (app, ATSPI_ROLE_MENU_ITEM, "Get Help Now");
  click (help);
  wait_for (dialog_open, &dialog, "the help dialog");

  buttons = find_all (dialog, ATSPI_ROLE_PUSH_BUTTON, NULL);
  g_assert_cmpuint (buttons->len, >=, 1);
  for (guint i = 0; i < buttons->len; i++)
    {
      g_autofree char *name = name_of (buttons->pdata[i]);

      g_test_message ("button “%s”", name);
      g_assert_false (g_hash_table_contains (seen, name));
      g_assert_null (strchr (name, '_'));
      g_hash_table_add (seen, g_steal_pointer (&name));
    }
  g_assert_true (g_hash_table_contains (seen, "Close"));
}

/* libatspi asks every new application for its cache of accessibles, which
 * GTK 4.8 doesn't offer, and warns; it then asks for each one. Its other
 * warnings are told. */
static void
on_atspi_warning (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        data)
{
  if (strstr (message, "GetItems") == NULL)
    g_test_fail_printf ("%s: %s", log_domain, message);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("TIDEMARK_BIN");
  int status;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_handler ("dbind", G_LOG_LEVEL_WARNING, on_atspi_warning, NULL);

  if (bin == NULL || g_getenv ("AT_SPI_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("Run by meson under tests/run-with-atspi.sh");
      return g_test_run ();
    }

  data_dir = tm_test_make_data_dir ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  /* GTK's real backend: AT-SPI, on the accessibility bus. */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  tidemark = g_subprocess_launcher_spawn (launcher, &error, bin, "--data-dir", data_dir, NULL);
  g_assert_no_error (error);

  atspi_init ();
  atspi_set_timeout (DEADLINE_SECONDS * 1000, -1);
  wait_for (app_registered,
            GUINT_TO_POINTER ((guint) g_ascii_strtoull (g_subprocess_get_identifier (tidemark), NULL, 10)),
            "Tidemark on the accessibility bus");

  g_test_add_func ("/atspi/rating-value", test_rating_value);
  g_test_add_func ("/atspi/names", test_names);
  g_test_add_func ("/atspi/prompt-buttons", test_prompt_buttons);
  status = g_test_run ();

  /* What was saved is in the data file already; Tidemark needn't end
   * tidily (the other UI tests check that it frees what it makes). */
  g_subprocess_send_signal (tidemark, SIGTERM);
  g_assert_true (g_subprocess_wait (tidemark, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&app);
  g_clear_object (&tidemark);
  atspi_exit ();
  tm_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
