/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A calendar beside a row where a day is typed (YYYY-MM-DD): the day can
 * be typed as before, or picked; the calendar opens on the day typed,
 * and a picked day is written into the row as if typed. */
#define G_LOG_DOMAIN "tm-date-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-date-picker.h"
#include "tm-time.h"

static void
on_day_selected_cb (GtkCalendar *calendar,
                    AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *day = tm_day_from_date_time (date);
  GtkWidget *button = g_object_get_data (G_OBJECT (calendar), "tm-button");

  gtk_editable_set_text (GTK_EDITABLE (row), day);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* Opened: the calendar shows the day typed, when it is one. */
static void
on_popover_show_cb (GtkPopover  *popover,
                    AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (row));
  GDate date;

  if (!tm_day_to_date (typed, &date))
    return;
  {
    g_autoptr(GDateTime) shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                        g_date_get_day (&date), 12, 0, 0);

    g_signal_handlers_block_by_func (calendar, on_day_selected_cb, row);
    gtk_calendar_select_day (calendar, shown);
    g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, row);
  }
}

/**
 * tm_date_picker_attach:
 * @row: a row where a day is typed as YYYY-MM-DD
 *
 * Adds a button that opens a calendar to @row.
 *
 * Returns: (transfer none): the button
 */
GtkMenuButton *
tm_date_picker_attach (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  /* Translators: a button's accessible name; %s is the row's title, "First Day (YYYY-MM-DD)" */
  g_autofree char *name = g_strdup_printf (_("Choose %s in a Calendar"), title != NULL ? title : "");

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose in a Calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  g_object_set_data (G_OBJECT (calendar), "tm-button", button);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), row, 0);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_popover_show_cb), row, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_entry_row_add_suffix (row, button);
  return GTK_MENU_BUTTON (button);
}
