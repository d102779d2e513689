/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names that libadwaita 1.2 leaves out: the text field inside an
 * AdwEntryRow and the switch of an AdwExpanderRow get their row's title,
 * so a screen reader says what they are for; and names that GTK 4.8 says
 * twice: a button's label. */
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

/**
 * tm_accessible_name_buttons:
 * @root: a widget, with the buttons in it
 *
 * A GtkButton with a mnemonic label gets the text twice as its accessible
 * name in GTK 4.8: its own label property, as written ("_Save Check-in",
 * underline and all), and then the label it is labelled by ("Save
 * Check-in"). This drops the first, so that a screen reader says the name
 * once, as shown. Buttons made later are not seen: call it again for them.
 */
void
tm_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL &&
      GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tm_accessible_name_buttons (child);
}

static void
on_response_box_mapped_cb (GtkWidget *box)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN,
                               !gtk_widget_get_mapped (box), -1);
}

/**
 * tm_accessible_fix_message_dialog:
 * @dialog: a message dialog with its responses added
 *
 * libadwaita 1.2 makes each response's button twice, in a row for a wide
 * dialog and in a column for a narrow one, and shows one of them; GTK
 * 4.8 gives both to screen readers, so each answer is read twice. This
 * hides the one not shown, and names the buttons once (see
 * tm_accessible_name_buttons()).
 */
void
tm_accessible_fix_message_dialog (AdwMessageDialog *dialog)
{
  const char *boxes[] = { "wide_response_box", "narrow_response_box" };

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      GObject *box = gtk_widget_get_template_child (GTK_WIDGET (dialog), ADW_TYPE_MESSAGE_DIALOG, boxes[i]);

      if (!GTK_IS_WIDGET (box))
        continue;
      g_signal_connect (box, "map", G_CALLBACK (on_response_box_mapped_cb), NULL);
      g_signal_connect (box, "unmap", G_CALLBACK (on_response_box_mapped_cb), NULL);
      on_response_box_mapped_cb (GTK_WIDGET (box));
    }
  tm_accessible_name_buttons (GTK_WIDGET (dialog));
}
