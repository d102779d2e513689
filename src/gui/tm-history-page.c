/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History: every check-in, newest first. Activating one opens it for
 * editing; deleting one can be undone from the toast. */
#define G_LOG_DOMAIN "tm-history-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tm-checkin-editor.h"
#include "tm-history-page.h"
#include "tm-history-row.h"

struct _TmHistoryPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;

  TmStore            *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *search;  /* casefolded, or NULL */
};

G_DEFINE_FINAL_TYPE (TmHistoryPage, tm_history_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (TmHistoryPage *self,
           AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
add_error_toast (TmHistoryPage *self,
                 const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  add_toast (self, toast);
}

/* A check-in matches when its note or its written-out day holds the text. */
static gboolean
match_checkin (gpointer item,
               gpointer user_data)
{
  TmHistoryPage *self = user_data;
  TmCheckin *checkin = item;
  g_autofree char *day = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;

  day = tm_day_format_long (checkin->day);
  haystack = g_strjoin ("\n", checkin->day, day, checkin->note ? checkin->note : "", NULL);
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, self->search) != NULL;
}

static void
update_visible_page (TmHistoryPage *self)
{
  guint n_all = self->store != NULL
                ? g_list_model_get_n_items (tm_store_get_checkins (self->store)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (n_all == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Check-ins Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Your daily check-ins will be listed here, newest first."));
    }
  else if (n_shown == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page,
                                       _("No check-in has that text in its note or date."));
    }

  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
}

static void
on_search_changed_cb (TmHistoryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && text[0] != '\0')
    self->search = g_utf8_casefold (text, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_undo_clicked_cb (AdwToast  *toast,
                    TmCheckin *checkin)
{
  TmHistoryPage *self = g_object_get_data (G_OBJECT (toast), "tm-history-page");
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL)
    return;

  if (!tm_store_restore_checkin (self->store, checkin, &error))
    add_error_toast (self, error->message);
}

static void
unref_checkin (gpointer  data,
               GClosure *closure)
{
  g_object_unref (data);
}

static void
delete_checkin (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (widget);
  const char *day = g_variant_get_string (parameter, NULL);
  g_autoptr(TmCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  checkin = tm_store_get_checkin (self->store, day, &error);
  if (checkin == NULL || !tm_store_delete_checkin (self->store, checkin, &error))
    {
      if (error != NULL)
        add_error_toast (self, error->message);
      return;
    }

  label = tm_day_format_short (day);
  /* Translators: %s is a day, e.g. "25 November" */
  title = g_strdup_printf (_("Check-in of %s deleted"), label);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "tm-history-page", self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         g_steal_pointer (&checkin), unref_checkin, 0);
  add_toast (self, toast);
}

static void
on_list_view_activate_cb (TmHistoryPage *self,
                          guint          position)
{
  g_autoptr(TmCheckin) checkin = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autofree char *today = tm_day_today ();
  GtkRoot *root;
  TmCheckinEditor *editor;

  if (checkin == NULL)
    return;

  /* Today's check-in is edited where it always is. */
  if (g_strcmp0 (checkin->day, today) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "today");
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = tm_checkin_editor_new (GTK_WINDOW (root), self->store, checkin);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  gtk_list_item_set_child (item, tm_history_row_new ());
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  tm_history_row_set_checkin (TM_HISTORY_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
tm_history_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_history_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tm_history_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_history_page_dispose (GObject *object)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_HISTORY_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tm_history_page_parent_class)->dispose (object);
}

static void
tm_history_page_finalize (GObject *object)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

  g_free (self->search);

  G_OBJECT_CLASS (tm_history_page_parent_class)->finalize (object);
}

static void
tm_history_page_class_init (TmHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_history_page_get_property;
  object_class->set_property = tm_history_page_set_property;
  object_class->dispose = tm_history_page_dispose;
  object_class->finalize = tm_history_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "history.delete", "s", delete_checkin);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/tm-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
}

static void
tm_history_page_init (TmHistoryPage *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (match_checkin, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_visible_page), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
  gtk_list_view_set_model (self->list_view, selection);
  g_object_unref (selection);
  update_visible_page (self);
}

void
tm_history_page_set_store (TmHistoryPage *self,
                           TmStore       *store)
{
  g_return_if_fail (TM_IS_HISTORY_PAGE (self));
  g_return_if_fail (store == NULL || TM_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_filter_list_model_set_model (self->filtered,
                                   store != NULL ? tm_store_get_checkins (store) : NULL);
  update_visible_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
