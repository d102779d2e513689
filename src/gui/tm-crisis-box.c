/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who to call now: the emergency number, the crisis line and the
 * clinician, large, selectable and each with a copy button. */
#define G_LOG_DOMAIN "tm-crisis-box"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-crisis-box.h"

struct _TmCrisisBox
{
  GtkWidget  parent_instance;

  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (TmCrisisBox, tm_crisis_box, GTK_TYPE_WIDGET)

static void
free_number (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

static void
on_copy_clicked_cb (GtkButton  *button,
                    const char *number)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), number);
  gtk_button_set_icon_name (button, "object-select-symbolic");
}

static void
add_line (TmCrisisBox *self,
          const char  *what,
          const char  *name,
          const char  *number)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (name != NULL ? name : what);
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  /* Translators: accessible name of a copy button: "Copy 988" */
  g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), number);
  g_autofree char *a11y = g_strdup_printf ("%s: %s", name != NULL ? name : what, number);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (number_label), 0);
  gtk_label_set_selectable (GTK_LABEL (number_label), TRUE);
  gtk_widget_add_css_class (number_label, "tm-crisis-number");
  gtk_accessible_update_property (GTK_ACCESSIBLE (number_label), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_widget_set_name (number_label, "crisis-number");
  gtk_box_append (GTK_BOX (text), caption);
  gtk_box_append (GTK_BOX (text), number_label);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);
  g_signal_connect_data (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), g_strdup (number),
                         free_number, 0);

  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), copy);
  gtk_box_append (GTK_BOX (self->box), row);
}

static void
tm_crisis_box_dispose (GObject *object)
{
  TmCrisisBox *self = TM_CRISIS_BOX (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (tm_crisis_box_parent_class)->dispose (object);
}

static void
tm_crisis_box_class_init (TmCrisisBoxClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tm_crisis_box_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
tm_crisis_box_init (TmCrisisBox *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_add_css_class (self->box, "tm-crisis-box");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/* The contacts kept in @store, or the locale's defaults. */
GtkWidget *
tm_crisis_box_new (TmStore *store)
{
  TmCrisisBox *self = g_object_new (TM_TYPE_CRISIS_BOX, NULL);
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (store);

  add_line (self, _("Emergency services"), _("Emergency services"), contacts->emergency_number);
  if (contacts->crisis_number != NULL)
    add_line (self, _("Crisis line"), contacts->crisis_name, contacts->crisis_number);
  else
    {
      GtkWidget *hint = gtk_label_new (_("No crisis line is known for your country yet. You can add "
                                         "one you trust in Preferences."));
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (self->box), hint);
    }
  if (contacts->clinician_phone != NULL)
    {
      /* Translators: the clinician's name, or "Your clinician" */
      add_line (self, _("Your clinician"),
                contacts->clinician_name != NULL ? contacts->clinician_name : _("Your clinician"),
                contacts->clinician_phone);
    }

  return GTK_WIDGET (self);
}
