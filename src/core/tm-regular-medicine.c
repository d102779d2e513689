/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Regular medicines (DESIGN.md, Long-term safety and medicines): kept like
 * the plan, a row added for each change, and read as periods of days. */
#define G_LOG_DOMAIN "tm-medicine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-checkin.h"
#include "tm-enum-nick.h"
#include "tm-regular-medicine.h"
#include "tm-session.h"
#include "tm-store-error.h"
#include "tm-table.h"
#include "tm-text.h"

G_DEFINE_FINAL_TYPE (TmRegularMedicine, tm_regular_medicine, G_TYPE_OBJECT)

TM_DEFINE_ENUM_NICKS (TmMedicineKind, tm_medicine_kind, TM_TYPE_MEDICINE_KIND)

static const char * const kind_labels[TM_N_MEDICINE_KINDS] = {
  N_("Antidepressant"), N_("Benzodiazepine"), N_("Sleep medicine"), N_("Stimulant"), N_("MAOI"),
  N_("Opioid"), N_("Gabapentinoid"), N_("Sedating antihistamine"), N_("Blood-pressure medicine"), N_("Other"),
};

const char *
tm_medicine_kind_get_label (TmMedicineKind kind)
{
  g_return_val_if_fail (kind < TM_N_MEDICINE_KINDS, NULL);
  return _(kind_labels[kind]);
}

/* The kinds S7 speaks of: they add to ketamine's sedation, change its
 * effect or its effect on blood pressure. */
gboolean
tm_medicine_kind_interacts (TmMedicineKind kind)
{
  return kind != TM_MEDICINE_KIND_ANTIDEPRESSANT && kind != TM_MEDICINE_KIND_OTHER && kind < TM_N_MEDICINE_KINDS;
}

static void
tm_regular_medicine_finalize (GObject *object)
{
  TmRegularMedicine *self = TM_REGULAR_MEDICINE (object);

  g_free (self->name);
  g_free (self->unit);
  g_free (self->schedule);
  g_free (self->created_at);

  G_OBJECT_CLASS (tm_regular_medicine_parent_class)->finalize (object);
}

static void
tm_regular_medicine_class_init (TmRegularMedicineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_regular_medicine_finalize;
}

static void
tm_regular_medicine_init (TmRegularMedicine *self)
{
  self->dose = TM_UNSET_HOURS;
  self->kind = TM_MEDICINE_KIND_OTHER;
}

TmRegularMedicine *
tm_regular_medicine_new (const char *name,
                         const char *started_on)
{
  TmRegularMedicine *self = g_object_new (TM_TYPE_REGULAR_MEDICINE, NULL);

  tm_regular_medicine_set_text (&self->name, name);
  g_strlcpy (self->started_on, started_on != NULL ? started_on : "", sizeof self->started_on);
  return self;
}

TmRegularMedicine *
tm_regular_medicine_copy (const TmRegularMedicine *self)
{
  TmRegularMedicine *copy = tm_regular_medicine_new (self->name, self->started_on);

  copy->id = self->id;
  copy->dose = self->dose;
  copy->unit = g_strdup (self->unit);
  copy->schedule = g_strdup (self->schedule);
  g_strlcpy (copy->stopped_on, self->stopped_on, sizeof copy->stopped_on);
  copy->kind = self->kind;
  copy->created_at = g_strdup (self->created_at);
  copy->replaces = self->replaces;
  return copy;
}

/* Text as typed, without the spaces around it; empty is none. */
void
tm_regular_medicine_set_text (char       **place,
                              const char  *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_free (*place);
  *place = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
}

static gboolean
fail (const char   *name,
      const char  **field,
      GError      **error,
      const char   *message)
{
  *field = name;
  g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * tm_regular_medicine_validate:
 * @field: (out) (optional): the column at fault
 *
 * Each value's own range (tm-table.c), a name, a start that has come and
 * a stop not before it.
 */
gboolean
tm_regular_medicine_validate (const TmRegularMedicine  *self,
                              const char              **field,
                              GError                  **error)
{
  const char *unused = NULL;
  g_autoptr(GDateTime) now = tm_time_now ();
  g_autofree char *latest = tm_day_latest_allowed (now);

  g_return_val_if_fail (TM_IS_REGULAR_MEDICINE ((gpointer) self), FALSE);

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (self->name == NULL)
    return fail ("name", field, error, _("Enter the medicine's name, as on its box."));
  if (!tm_table_validate (TM_TABLE_MEDICINES, self, field, error))
    return FALSE;
  if (strcmp (self->started_on, latest) > 0)
    return fail ("started_on", field, error,
                 _("A medicine can't be started in the future. Enter the day it was started."));
  if (strcmp (self->started_on, "2000-01-01") < 0)
    return fail ("started_on", field, error, _("Enter a start from the year 2000 or later."));
  if (self->stopped_on[0] != '\0' && strcmp (self->stopped_on, self->started_on) < 0)
    return fail ("stopped_on", field, error,
                 _("A medicine can't be stopped before it was started. Check both days."));
  if (self->stopped_on[0] != '\0' && strcmp (self->stopped_on, latest) > 0)
    return fail ("stopped_on", field, error,
                 _("A medicine can't be stopped in the future. Enter the day it was stopped once it is."));
  return TRUE;
}

/**
 * tm_regular_medicine_check_replaces:
 * @all: (element-type TmRegularMedicine): every row stored
 *
 * The rule of a change or a stop (@self's replaces), wherever the row
 * comes from, the Medicines page or an import: the row it replaces is
 * stored, is the latest of its line (not replaced already), and does not
 * start after @self.
 */
gboolean
tm_regular_medicine_check_replaces (const TmRegularMedicine  *self,
                                    GPtrArray                *all,
                                    GError                  **error)
{
  const TmRegularMedicine *replaced = NULL;

  if (self->replaces == 0)
    return TRUE;
  for (guint i = 0; i < all->len; i++)
    {
      const TmRegularMedicine *m = all->pdata[i];

      if (m->id == self->replaces)
        replaced = m;
      else if (m->replaces == self->replaces)
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_CHANGED,
                               _("This medicine was changed in the meantime. Look at it again, then "
                                 "make the change there."));
          return FALSE;
        }
    }
  if (replaced == NULL)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The medicine this row changes is not in the record."));
      return FALSE;
    }
  if (strcmp (self->started_on, replaced->started_on) < 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A change can't start before the medicine it changes. Check the day."));
      return FALSE;
    }
  return TRUE;
}

/* "Sertraline 100 mg, every morning" */
char *
tm_regular_medicine_describe (const TmRegularMedicine *self)
{
  GString *text = g_string_new (self->name);
  g_autofree char *dose = tm_regular_medicine_describe_dose (self);

  if (dose != NULL)
    g_string_append_printf (text, " %s", dose);
  if (self->schedule != NULL)
    /* Translators: between a medicine's dose and its schedule: "Sertraline 100 mg, every morning" */
    g_string_append_printf (text, _(", %s"), self->schedule);
  return g_string_free (text, FALSE);
}

/**
 * tm_regular_medicine_describe_dose:
 *
 * Returns: (nullable): "100 mg", "1000 IU", or %NULL when no dose was
 *   entered
 */
char *
tm_regular_medicine_describe_dose (const TmRegularMedicine *self)
{
  g_autofree char *dose = NULL;

  g_return_val_if_fail (TM_IS_REGULAR_MEDICINE ((gpointer) self), NULL);

  if (self->dose == TM_UNSET_HOURS)
    return NULL;
  dose = tm_format_decimal (self->dose);
  return self->unit != NULL ? g_strdup_printf ("%s %s", dose, self->unit) : g_steal_pointer (&dose);
}

static const TmRegularMedicine *
find_replacement (const TmRegularMedicine *self,
                  GPtrArray               *all)
{
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      const TmRegularMedicine *other = all->pdata[i];

      if (other->replaces == self->id && self->id != 0)
        return other;
    }
  return NULL;
}

/**
 * tm_regular_medicine_list_current:
 * @all: (element-type TmRegularMedicine): every row
 *
 * Returns: (transfer container) (element-type TmRegularMedicine): the rows
 *   no later row replaces, taken or stopped, by name
 */
GPtrArray *
tm_regular_medicine_list_current (GPtrArray *all)
{
  GPtrArray *current = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (find_replacement (all->pdata[i], all) == NULL)
      g_ptr_array_add (current, g_object_ref (all->pdata[i]));
  return current;
}

/**
 * tm_regular_medicine_get_last_day:
 *
 * Returns: (nullable): the last day of this row's period: its stop, or
 *   the day before the row that replaces it starts; %NULL while taken
 */
char *
tm_regular_medicine_get_last_day (const TmRegularMedicine *self,
                                  GPtrArray               *all)
{
  const TmRegularMedicine *next = find_replacement (self, all);
  g_autofree char *before_next = next != NULL ? tm_day_add (next->started_on, -1) : NULL;

  if (self->stopped_on[0] != '\0' && (before_next == NULL || strcmp (self->stopped_on, before_next) < 0))
    return g_strdup (self->stopped_on);
  return g_steal_pointer (&before_next);
}

/* Whether this row's period holds @day. */
gboolean
tm_regular_medicine_is_taken_on (const TmRegularMedicine *self,
                                 GPtrArray               *all,
                                 const char              *day)
{
  g_autofree char *last = tm_regular_medicine_get_last_day (self, all);

  return strcmp (day, self->started_on) >= 0 && (last == NULL || strcmp (day, last) <= 0);
}
