/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The choices of a combo row from a label function, and the severity
 * rows (nausea, sedation) whose first choice is "Not noted". */
#include "config.h"

#include <glib/gi18n.h>

#include "tm-choices.h"
#include "tm-checkin.h"
#include "tm-session.h"

/**
 * tm_choices_new:
 * @first: (nullable): a choice before the others ("Not noted")
 * @label: the label of each of the @n others
 *
 * Returns: (transfer full): the choices, for adw_combo_row_set_model()
 */
GListModel *
tm_choices_new (const char   *first,
                const char *(*label) (int),
                int           n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
  return G_LIST_MODEL (list);
}

static const char *
route_label (int i)
{
  return tm_route_get_label ((TmRoute) i);
}

static const char *
setting_label (int i)
{
  return tm_setting_get_label ((TmSetting) i);
}

/* The routes and the settings of a dose, in the order of their enums. */
GListModel *
tm_choices_new_routes (void)
{
  return tm_choices_new (NULL, route_label, TM_N_ROUTES);
}

GListModel *
tm_choices_new_settings (void)
{
  return tm_choices_new (NULL, setting_label, TM_N_SETTINGS);
}

/* A severity row's choices are "Not noted", then none to severe. */
void
tm_choices_set_severity (AdwComboRow *row,
                         int          severity)
{
  g_autoptr(GListModel) model = NULL;

  if (adw_combo_row_get_model (row) == NULL)
    {
      model = tm_choices_new (_("Not noted"), tm_severity_get_label, TM_N_SEVERITIES);
      adw_combo_row_set_model (row, model);
    }
  adw_combo_row_set_selected (row, severity == TM_UNSET ? 0 : (guint) severity + 1);
}

int
tm_choices_get_severity (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? TM_UNSET : (int) selected - 1;
}

/* A yes-or-no row's choices are "Not answered", "Yes", "No": 1, 0 or
 * TM_UNSET. */
void
tm_choices_set_answer (AdwComboRow *row,
                       int          answer)
{
  if (adw_combo_row_get_model (row) == NULL)
    {
      /* Translators: the answers to a yes-or-no question about a session */
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const[]) { _("Not answered"), _("Yes"),
                                                                                    _("No"), NULL });

      adw_combo_row_set_model (row, G_LIST_MODEL (list));
    }
  adw_combo_row_set_selected (row, answer == 1 ? 1 : answer == 0 ? 2 : 0);
}

int
tm_choices_get_answer (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected == 1 ? 1 : selected == 2 ? 0 : TM_UNSET;
}
