/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A finished review as a row, on the Review page and in History: who
 * reviewed and when, the days it covered and its notes, which a shared
 * screen hides. */
#define G_LOG_DOMAIN "tm-review-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-review-row.h"

/**
 * tm_review_row_new:
 * @hide_note: whether the notes are hidden (Hide Private Notes)
 *
 * Returns: (transfer floating): an AdwActionRow showing @review, which it
 *   keeps as its "review" data
 */
GtkWidget *
tm_review_row_new (TmReview *review,
                   gboolean  hide_note)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = tm_review_describe (review);
  g_autofree char *from = tm_day_format_short (review->period_from);
  g_autofree char *to = tm_day_format_short (review->period_to);
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;
  const char *note;

  if (hide_note)
    note = review->note != NULL ? _("Note hidden") : NULL;
  else
    note = review->note;

  /* Translators: the days a review covered: "Covered 3 November to 1 December." */
  period = g_strdup_printf (_("Covered %s to %s."), from, to);
  subtitle = note != NULL ? g_strdup_printf ("%s\n%s", period, note)
                          : g_strdup_printf ("%s %s", period, _("No notes were written."));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "tm-review-row");
  g_object_set_data_full (G_OBJECT (row), "review", g_object_ref (review), g_object_unref);
  return row;
}
