/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names that libadwaita 1.2 leaves out: the text field inside an
 * AdwEntryRow and the switch of an AdwExpanderRow get their row's title,
 * so a screen reader says what they are for. */
#define G_LOG_DOMAIN "tm-accessible"

#include "config.h"

#include <adwaita.h>

#include "tm-accessible.h"

static void
name_switches (GtkWidget  *widget,
               const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      name_switches (child, title);
    }
}

static void
name_row (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  if (title == NULL || title[0] == '\0')
    return;

  if (ADW_IS_ENTRY_ROW (row))
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      if (text != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
  else if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_show_enable_switch (ADW_EXPANDER_ROW (row)))
    name_switches (row, title);
}

static void
on_title_changed_cb (GtkWidget *row)
{
  name_row (row);
}

/**
 * tm_accessible_name_rows:
 * @root: a widget whose entry and expander rows to name, now and when
 *   their titles change
 */
void
tm_accessible_name_rows (GtkWidget *root)
{
  if (ADW_IS_ENTRY_ROW (root) || ADW_IS_EXPANDER_ROW (root))
    {
      name_row (root);
      g_signal_connect (root, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tm_accessible_name_rows (child);
}

/* The text field of @entry (a search entry, say) gets @label. */
void
tm_accessible_name_entry (GtkWidget  *entry,
                          const char *label)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
