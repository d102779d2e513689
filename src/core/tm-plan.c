/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-enum-nick.h"
#include "tm-plan.h"
#include "tm-store-error.h"
#include "tm-table.h"
#include "tm-time.h"

G_DEFINE_FINAL_TYPE (TmPlan, tm_plan, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (TmPlanDate, tm_plan_date, G_TYPE_OBJECT)

static void
tm_plan_finalize (GObject *object)
{
  TmPlan *self = (TmPlan *) object;

  g_free (self->instructions);
  g_free (self->pre_dose_instruction);
  g_free (self->author);
  g_free (self->created_at);

  G_OBJECT_CLASS (tm_plan_parent_class)->finalize (object);
}

static void
tm_plan_class_init (TmPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_plan_finalize;
}

static void
tm_plan_init (TmPlan *self)
{
  self->interval_days = 14;
  self->route = TM_ROUTE_SUBLINGUAL;
  self->tolerance_days = TM_PLAN_DEFAULT_TOLERANCE;
  self->pre_phq9 = TM_UNSET;
  self->pre_mood = TM_UNSET;
}

TmPlan *
tm_plan_new (const char *effective_from)
{
  TmPlan *self = g_object_new (TM_TYPE_PLAN, NULL);

  if (effective_from != NULL)
    g_strlcpy (self->effective_from, effective_from, sizeof self->effective_from);

  return self;
}

TmPlan *
tm_plan_copy (const TmPlan *self)
{
  TmPlan *copy;

  g_return_val_if_fail (TM_IS_PLAN ((TmPlan *) self), NULL);

  copy = tm_plan_new (self->effective_from);
  copy->id = self->id;
  copy->interval_days = self->interval_days;
  copy->dose_mg = self->dose_mg;
  copy->route = self->route;
  copy->tolerance_days = self->tolerance_days;
  copy->instructions = g_strdup (self->instructions);
  copy->author = g_strdup (self->author);
  copy->created_at = g_strdup (self->created_at);
  copy->pre_phq9 = self->pre_phq9;
  copy->pre_mood = self->pre_mood;
  copy->pre_dose_instruction = g_strdup (self->pre_dose_instruction);

  return copy;
}

/* Whether @a and @b prescribe the same (the day they start aside). */
gboolean
tm_plan_same_terms (const TmPlan *a,
                    const TmPlan *b)
{
  return a->interval_days == b->interval_days &&
         fabs (a->dose_mg - b->dose_mg) < 1e-9 &&
         a->route == b->route &&
         a->tolerance_days == b->tolerance_days &&
         g_strcmp0 (a->instructions, b->instructions) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         a->pre_phq9 == b->pre_phq9 &&
         a->pre_mood == b->pre_mood &&
         g_strcmp0 (a->pre_dose_instruction, b->pre_dose_instruction) == 0;
}

/* The value at @offset of the plan row entered last that has one (rows
 * are only added, so a later id is a later entry; in the same place the
 * later row in @plans). A baseline is one per person: a new plan row that
 * leaves it empty keeps the one entered before. */
static int
latest_entered (GPtrArray *plans,
                gsize      offset)
{
  const TmPlan *found = NULL;

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      const TmPlan *plan = plans->pdata[i];

      if (G_STRUCT_MEMBER (int, plan, offset) == TM_UNSET)
        continue;
      if (found == NULL || plan->id >= found->id)
        found = plan;
    }
  return found != NULL ? G_STRUCT_MEMBER (int, found, offset) : TM_UNSET;
}

/* The pre-treatment PHQ-9 total the clinician entered, or TM_UNSET. */
int
tm_plans_get_pre_phq9 (GPtrArray *plans)
{
  return latest_entered (plans, G_STRUCT_OFFSET (TmPlan, pre_phq9));
}

/* The pre-treatment mood the clinician entered, or TM_UNSET. */
int
tm_plans_get_pre_mood (GPtrArray *plans)
{
  return latest_entered (plans, G_STRUCT_OFFSET (TmPlan, pre_mood));
}

void
tm_plan_set_pre_dose_instruction (TmPlan     *self,
                                  const char *instruction)
{
  g_free (self->pre_dose_instruction);
  self->pre_dose_instruction = (instruction != NULL && instruction[0] != '\0') ? g_strdup (instruction) : NULL;
}

void
tm_plan_set_instructions (TmPlan     *self,
                          const char *instructions)
{
  g_free (self->instructions);
  self->instructions = (instructions != NULL && instructions[0] != '\0') ? g_strdup (instructions) : NULL;
}

void
tm_plan_set_author (TmPlan     *self,
                    const char *author)
{
  g_free (self->author);
  self->author = (author != NULL && author[0] != '\0') ? g_strdup (author) : NULL;
}

/* The largest tolerance whose windows don't overlap, up to the default. */
int
tm_plan_default_tolerance (int interval_days)
{
  return CLAMP ((interval_days - 1) / 2, 0, TM_PLAN_DEFAULT_TOLERANCE);
}

static gboolean
fail (const char  *name,
      const char **field,
      GError     **error,
      const char  *message)
{
  *field = name;
  g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * tm_plan_validate:
 * @field: (out) (optional): the column at fault
 *
 * A plan starts on a real day from 2000 on, repeats every 1 to 365 days,
 * at a dose of more than 0 and at most 1000 mg, with windows of at most
 * 30 days either side that don't overlap (less than half the interval):
 * each value's own rules (see tm-table.c), and those between them.
 */
gboolean
tm_plan_validate (const TmPlan  *self,
                  const char   **field,
                  GError       **error)
{
  const char *unused = NULL;

  g_return_val_if_fail (TM_IS_PLAN ((TmPlan *) self), FALSE);

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!tm_table_validate (TM_TABLE_PLANS, self, field, error))
    return FALSE;

  if (strcmp (self->effective_from, "2000-01-01") < 0)
    return fail ("effective_from", field, error,
                 _("A plan must start in the year 2000 or later. Check the date."));

  if (!tm_validate_dose (self->dose_mg, error))
    {
      *field = "dose_mg";
      return FALSE;
    }

  if (self->tolerance_days * 2 >= self->interval_days)
    {
      *field = "tolerance_days";
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("A window of %d days either side is too wide for a dose every %d days: "
                     "the windows would overlap. Use at most %d."),
                   self->tolerance_days, self->interval_days, (self->interval_days - 1) / 2);
      return FALSE;
    }

  return TRUE;
}

/* "every week", "every 2 weeks", "every 10 days" */
char *
tm_plan_describe_interval (int interval_days)
{
  if (interval_days == 7)
    return g_strdup (_("every week"));
  if (interval_days % 7 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d week", "every %d weeks",
                                         interval_days / 7), interval_days / 7);
  if (interval_days == 1)
    return g_strdup (_("every day"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d day", "every %d days",
                                       interval_days), interval_days);
}

/* The plan in words: "Every 2 weeks, 50 mg sublingual, from 3 November 2026 — Dr. Ortiz" */
char *
tm_plan_describe (const TmPlan *self)
{
  g_autofree char *interval = tm_plan_describe_interval (self->interval_days);
  g_autofree char *dose = tm_format_dose (self->dose_mg);
  g_autofree char *from = tm_day_format_long (self->effective_from);
  g_autofree char *route = g_utf8_strdown (tm_route_get_label (self->route), -1);
  g_autofree char *text = NULL;

  /* Translators: "every 2 weeks, 50 mg sublingual, from Tuesday 3 November 2026" */
  text = g_strdup_printf (_("%s, %s mg %s, from %s"), interval, dose, route, from);
  /* Capitalize the first letter, whatever the language. */
  if (text[0] != '\0')
    {
      g_autofree char *first = g_utf8_strup (text, g_utf8_next_char (text) - text);
      char *rest = g_utf8_next_char (text);
      char *capitalized = g_strconcat (first, rest, NULL);

      g_free (text);
      text = capitalized;
    }

  if (self->author != NULL)
    {
      /* Translators: a plan and who prescribed it */
      char *with_author = g_strdup_printf (_("%s — %s"), text, self->author);

      g_free (text);
      text = with_author;
    }

  return g_steal_pointer (&text);
}

static void
tm_plan_date_finalize (GObject *object)
{
  TmPlanDate *self = (TmPlanDate *) object;

  g_free (self->note);
  g_free (self->created_at);

  G_OBJECT_CLASS (tm_plan_date_parent_class)->finalize (object);
}

static void
tm_plan_date_class_init (TmPlanDateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_plan_date_finalize;
}

static void
tm_plan_date_init (TmPlanDate *self)
{
}

TmPlanDate *
tm_plan_date_new (const char     *day,
                  TmPlanDateKind  kind)
{
  TmPlanDate *self = g_object_new (TM_TYPE_PLAN_DATE, NULL);

  if (day != NULL)
    g_strlcpy (self->day, day, sizeof self->day);
  self->kind = kind;

  return self;
}

TmPlanDate *
tm_plan_date_copy (const TmPlanDate *self)
{
  TmPlanDate *copy = tm_plan_date_new (self->day, self->kind);

  copy->id = self->id;
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);

  return copy;
}

/**
 * tm_plan_date_is_taken:
 * @dates: (element-type TmPlanDate) (nullable): the one-off dates there
 *   are, or %NULL to say only why @self would be refused
 *
 * A day is extra, or cancelled, once: whether @dates already holds
 * @self's day as the same kind, with the sentence that says so.
 */
gboolean
tm_plan_date_is_taken (const TmPlanDate  *self,
                       GPtrArray         *dates,
                       GError           **error)
{
  g_autofree char *label = NULL;
  gboolean taken = dates == NULL;

  for (guint i = 0; dates != NULL && i < dates->len && !taken; i++)
    {
      const TmPlanDate *date = dates->pdata[i];

      taken = date != self && date->kind == self->kind && strcmp (date->day, self->day) == 0;
    }
  if (!taken)
    return FALSE;

  label = tm_day_format_long (self->day);
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               self->kind == TM_PLAN_DATE_EXTRA
               ? _("%s is already an extra planned date.")
               : _("The planned date %s is already cancelled."),
               label);
  return TRUE;
}

/* A one-off date has only each value's own rules (see tm-table.c). */
gboolean
tm_plan_date_validate (const TmPlanDate  *self,
                       GError           **error)
{
  const char *field;

  return tm_table_validate (TM_TABLE_PLAN_DATES, self, &field, error);
}

TM_DEFINE_ENUM_NICKS (TmPlanDateKind, tm_plan_date_kind, TM_TYPE_PLAN_DATE_KIND)
