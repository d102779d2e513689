/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who to call now: the numbers that fit the reason (the emergency number,
 * the crisis line, the clinician and their out-of-hours number), large,
 * selectable and each with a copy button, under the country they are
 * for. */
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

static void
add_text (TmCrisisBox *self,
          const char  *text,
          const char  *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_name (label, name);
  gtk_box_append (GTK_BOX (self->box), label);
}

/* Which country the numbers are for, so that someone abroad or with
 * another language's locale can tell. */
static void
add_country (TmCrisisBox            *self,
             const TmSafetyContacts *contacts)
{
  g_autofree char *text = NULL;

  if (contacts->country != NULL)
    /* Translators: "Numbers for: United Kingdom" */
    text = g_strdup_printf (_("Numbers for: %s"), tm_crisis_country_get_name (contacts->country));
  else
    text = g_strdup (_("Tidemark knows no numbers for your country. You can enter them in Preferences."));
  add_text (self, text, "crisis-country");
}

/**
 * tm_crisis_box_new:
 * @lines: which numbers to show (tm_safety_help_for_rule () says which fit)
 *
 * The numbers kept in @store, or the defaults of its country.
 */
GtkWidget *
tm_crisis_box_new (TmStore     *store,
                   TmHelpLines  lines)
{
  TmCrisisBox *self = g_object_new (TM_TYPE_CRISIS_BOX, NULL);
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (store);

  add_country (self, contacts);
  if (lines & TM_HELP_EMERGENCY)
    add_line (self, _("Emergency services"), _("Emergency services"), contacts->emergency_number);
  if ((lines & TM_HELP_CRISIS_LINE) && contacts->crisis_number != NULL)
    add_line (self, _("Crisis line"), contacts->crisis_name, contacts->crisis_number);
  else if (lines & TM_HELP_CRISIS_LINE)
    add_text (self, _("No crisis line is known for your country yet. You can add one you trust in "
                      "Preferences."), "no-crisis-line");
  if ((lines & TM_HELP_CLINICIAN) && contacts->clinician_phone != NULL)
    {
      /* Translators: the clinician's name, or "Your clinician" */
      add_line (self, _("Your clinician"),
                contacts->clinician_name != NULL ? contacts->clinician_name : _("Your clinician"),
                contacts->clinician_phone);
    }
  else if (lines & TM_HELP_CLINICIAN)
    add_text (self, _("Your clinician's phone is not in Tidemark yet. You can add it in Preferences."),
              "no-clinician-phone");
  if ((lines & TM_HELP_OUT_OF_HOURS) && contacts->clinician_out_of_hours != NULL)
    add_line (self, _("Out of hours"), _("Out of hours, when your clinician can't be reached"),
              contacts->clinician_out_of_hours);

  return GTK_WIDGET (self);
}
