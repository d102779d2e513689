/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sessions: every dosing session, newest first, each with how it stands
 * against the plan. Activating one opens it for editing; deleting one can
 * be undone from the toast. */
#define G_LOG_DOMAIN "tm-sessions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-session-dialog.h"
#include "tm-session-row.h"
#include "tm-sessions-page.h"

struct _TmSessionsPage
{
  AdwBin       parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;

  TmContext   *context;
  TmStore     *store;      /* the context's */
  GHashTable  *statuses;   /* session id (gint64 *) → TmSessionStatus, over the whole record */
  GPtrArray   *bound;      /* the GtkListItems whose rows show a session */
};

G_DEFINE_FINAL_TYPE (TmSessionsPage, tm_sessions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visible_page (TmSessionsPage *self)
{
  gboolean any = self->store != NULL &&
                 g_list_model_get_n_items (tm_store_get_sessions (self->store)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

static void
on_list_view_activate_cb (TmSessionsPage *self,
                          guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  g_autoptr(TmSession) session = g_list_model_get_item (model, position);
  TmSessionDialog *editor;

  if (session == NULL)
    return;

  editor = tm_session_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  self->context, session);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_session (TmSessionsPage *self,
              GtkListItem    *item)
{
  TmSession *session = gtk_list_item_get_item (item);

  tm_session_row_set_hide_notes (TM_SESSION_ROW (gtk_list_item_get_child (item)),
                                 tm_context_get_hide_notes (self->context));
  tm_session_row_set_session (TM_SESSION_ROW (gtk_list_item_get_child (item)), session,
                              g_hash_table_lookup (self->statuses, &session->id));
}

static void
show_bound (TmSessionsPage *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    show_session (self, self->bound->pdata[i]);
}

/* How every session stands against the plan is worked out again whenever
 * a session or the plan changes: a change to one can change another's. */
static void
update_statuses (TmSessionsPage *self)
{
  g_autofree char *today = tm_day_today ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(TmSchedule) schedule = NULL;
  g_autoptr(GArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->statuses);
  schedule = tm_store_make_schedule (self->store, today, &plans, &sessions, &error);
  if (schedule == NULL)
    g_warning ("The sessions' status against the plan could not be worked out: %s", error->message);
  else
    {
      statuses = tm_session_status_list (schedule, plans, sessions);
      for (guint i = 0; i < sessions->len; i++)
        g_hash_table_insert (self->statuses,
                             g_memdup2 (&((TmSession *) sessions->pdata[i])->id, sizeof (gint64)),
                             g_memdup2 (&g_array_index (statuses, TmSessionStatus, i), sizeof (TmSessionStatus)));
    }

  show_bound (self);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  gtk_list_item_set_child (item, tm_session_row_new ());
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TmSessionsPage           *self)
{
  g_ptr_array_add (self->bound, item);
  show_session (self, item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TmSessionsPage           *self)
{
  g_ptr_array_remove_fast (self->bound, item);
}

static void
tm_sessions_page_constructed (GObject *object)
{
  TmSessionsPage *self = TM_SESSIONS_PAGE (object);
  TmStore *store = self->store;
  GtkSelectionModel *selection;

  G_OBJECT_CLASS (tm_sessions_page_parent_class)->constructed (object);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (tm_store_get_sessions (store))));
  gtk_list_view_set_model (self->list_view, selection);
  g_object_unref (selection);
  g_signal_connect_object (tm_store_get_sessions (store), "items-changed",
                           G_CALLBACK (update_visible_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "sessions-changed", G_CALLBACK (update_statuses), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "plan-changed", G_CALLBACK (update_statuses), self, G_CONNECT_SWAPPED);
  /* The rows' intentions and reflections come and go with Hide Private Notes. */
  g_signal_connect_object (self->context, "notify::hide-notes", G_CALLBACK (show_bound), self, G_CONNECT_SWAPPED);
  update_statuses (self);
  update_visible_page (self);
}

static void
tm_sessions_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TmSessionsPage *self = TM_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_sessions_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TmSessionsPage *self = TM_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->store = g_object_ref (tm_context_get_store (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_sessions_page_dispose (GObject *object)
{
  TmSessionsPage *self = TM_SESSIONS_PAGE (object);

  /* The bin's child is a template child: let the bin let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_ptr_array_set_size (self->bound, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_SESSIONS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tm_sessions_page_parent_class)->dispose (object);
}

static void
tm_sessions_page_finalize (GObject *object)
{
  TmSessionsPage *self = TM_SESSIONS_PAGE (object);

  g_hash_table_unref (self->statuses);
  g_ptr_array_unref (self->bound);

  G_OBJECT_CLASS (tm_sessions_page_parent_class)->finalize (object);
}

static void
tm_sessions_page_class_init (TmSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_sessions_page_get_property;
  object_class->set_property = tm_sessions_page_set_property;
  object_class->constructed = tm_sessions_page_constructed;
  object_class->dispose = tm_sessions_page_dispose;
  object_class->finalize = tm_sessions_page_finalize;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pages/tm-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmSessionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TmSessionsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
}

static void
tm_sessions_page_init (TmSessionsPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->statuses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->bound = g_ptr_array_new ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
