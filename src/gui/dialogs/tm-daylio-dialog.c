/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import from Daylio: a value from 0 to 10 for each mood name the file
 * has, with how many entries have it. Daylio's own names start at their
 * defaults; any other name has none, and Import waits until every name
 * has one. */
#define G_LOG_DOMAIN "tm-daylio-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-daylio-dialog.h"

/* The first choice of a row is "no value yet"; then 0 to 10. */
#define NOT_CHOSEN 0

struct _TmDaylioDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *import_button;
  AdwPreferencesGroup  *moods_group;

  GHashTable           *moods;   /* name → value, what the rows show */
  GPtrArray            *rows;    /* AdwComboRow, one per mood name */
};

G_DEFINE_FINAL_TYPE (TmDaylioDialog, tm_daylio_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_import_button (TmDaylioDialog *self)
{
  gboolean all_chosen = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    all_chosen &= adw_combo_row_get_selected (self->rows->pdata[i]) != NOT_CHOSEN;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), all_chosen);
}

static void
on_value_selected_cb (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      TmDaylioDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "tm-mood-name");
  guint selected = adw_combo_row_get_selected (row);

  tm_daylio_moods_set (self->moods, name,
                       selected == NOT_CHOSEN || selected == GTK_INVALID_LIST_POSITION ? TM_UNSET
                                                                                        : (int) selected - 1);
  update_import_button (self);
}

static void
on_import_clicked_cb (TmDaylioDialog *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    g_signal_emit (self, signals[IMPORT], 0);
}

static GListModel *
new_values_model (void)
{
  GtkStringList *values = gtk_string_list_new (NULL);

  /* Translators: a Daylio mood that has no value from 0 to 10 yet */
  gtk_string_list_append (values, _("Choose"));
  for (int value = 0; value <= 10; value++)
    {
      g_autofree char *text = g_strdup_printf ("%d", value);

      gtk_string_list_append (values, text);
    }
  return G_LIST_MODEL (values);
}

/* A row for the mood @name: its entries, and its value (or none yet). */
static void
add_mood_row (TmDaylioDialog *self,
              TmDaylio       *daylio,
              const char     *name)
{
  g_autoptr(GListModel) values = new_values_model ();
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  guint n = tm_daylio_count_mood (daylio, name);
  int value = tm_daylio_moods_lookup (self->moods, name);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);

  /* A name is the person's text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, values);
  adw_combo_row_set_selected (row, value == TM_UNSET ? NOT_CHOSEN : (guint) value + 1);
  g_object_set_data_full (G_OBJECT (row), "tm-mood-name", g_strdup (name), g_free);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_value_selected_cb), self, 0);
  adw_preferences_group_add (self->moods_group, GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);
}

/* Names without a value first, as they need one; then from the best
 * mood down, as Daylio lists them. */
static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *moods = user_data;
  int x = tm_daylio_moods_lookup (moods, *(const char * const *) a);
  int y = tm_daylio_moods_lookup (moods, *(const char * const *) b);

  x = x == TM_UNSET ? 11 : x;
  y = y == TM_UNSET ? 11 : y;
  return y - x;
}

static void
tm_daylio_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_DAYLIO_DIALOG);

  G_OBJECT_CLASS (tm_daylio_dialog_parent_class)->dispose (object);
}

static void
tm_daylio_dialog_finalize (GObject *object)
{
  TmDaylioDialog *self = TM_DAYLIO_DIALOG (object);

  g_hash_table_unref (self->moods);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (tm_daylio_dialog_parent_class)->finalize (object);
}

static void
tm_daylio_dialog_class_init (TmDaylioDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_daylio_dialog_dispose;
  object_class->finalize = tm_daylio_dialog_finalize;

  /**
   * TmDaylioDialog::import:
   *
   * Every mood name has a value (tm_daylio_dialog_get_moods()): import.
   */
  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-daylio-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmDaylioDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmDaylioDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TmDaylioDialog, moods_group);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_daylio_dialog_init (TmDaylioDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->moods = tm_daylio_moods_new ();
  self->rows = g_ptr_array_new ();
}

/**
 * tm_daylio_dialog_new:
 * @daylio: the file read, without problems; only read here
 */
TmDaylioDialog *
tm_daylio_dialog_new (GtkWindow *parent,
                      TmDaylio  *daylio)
{
  TmDaylioDialog *self;
  const char * const *names = tm_daylio_get_mood_names (daylio);
  guint n = tm_daylio_get_n_entries (daylio);
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  self = g_object_new (TM_TYPE_DAYLIO_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) names[i]);
  g_ptr_array_sort_with_data (sorted, compare_names, self->moods);
  for (guint i = 0; i < sorted->len; i++)
    add_mood_row (self, daylio, sorted->pdata[i]);
  update_import_button (self);
  return self;
}

/**
 * tm_daylio_dialog_get_moods:
 *
 * Returns: (transfer none): each mood name's value as chosen
 */
GHashTable *
tm_daylio_dialog_get_moods (TmDaylioDialog *self)
{
  g_return_val_if_fail (TM_IS_DAYLIO_DIALOG (self), NULL);

  return self->moods;
}
