/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-enum-nick.h"
#include "tm-session.h"
#include "tm-store-error.h"
#include "tm-table.h"
#include "tm-text.h"

G_DEFINE_FINAL_TYPE (TmSession, tm_session, G_TYPE_OBJECT)

static const char * const route_labels[TM_N_ROUTES] = {
  N_("Oral"), N_("Sublingual"), N_("Intranasal"), N_("Intramuscular"), N_("Intravenous"),
};

static const char * const setting_labels[TM_N_SETTINGS] = {
  N_("At home"), N_("At a clinic"),
};

static const char * const severity_labels[TM_N_SEVERITIES] = {
  /* Translators: how strong nausea or sedation was */
  NC_("severity", "None"),
  NC_("severity", "Mild"),
  NC_("severity", "Moderate"),
  NC_("severity", "Severe"),
};

static const char * const medicine_labels[TM_N_MEDICINES] = {
  N_("Benzodiazepine"), N_("Sleep medicine"), N_("Stimulant"), N_("MAOI"), N_("Opioid"),
  N_("Alcohol"),
};

/* The same, within a sentence ("You took a benzodiazepine, …"). */
static const char * const medicine_phrases[TM_N_MEDICINES] = {
  NC_("medicine in a sentence", "a benzodiazepine"), NC_("medicine in a sentence", "a sleep medicine"),
  NC_("medicine in a sentence", "a stimulant"), NC_("medicine in a sentence", "an MAOI"),
  NC_("medicine in a sentence", "an opioid"), NC_("medicine in a sentence", "alcohol"),
};

/* What the store writes: the column values of DESIGN.md. */
TM_DEFINE_ENUM_NICKS (TmRoute, tm_route, TM_TYPE_ROUTE)
TM_DEFINE_ENUM_NICKS (TmSetting, tm_setting, TM_TYPE_SETTING)

const char *
tm_route_get_label (TmRoute route)
{
  g_return_val_if_fail (route < TM_N_ROUTES, NULL);
  return _(route_labels[route]);
}

const char *
tm_setting_get_label (TmSetting setting)
{
  g_return_val_if_fail (setting < TM_N_SETTINGS, NULL);
  return _(setting_labels[setting]);
}

const char *
tm_severity_get_label (int severity)
{
  g_return_val_if_fail (severity >= 0 && severity < TM_N_SEVERITIES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "severity", severity_labels[severity]);
}

const char *
tm_medicine_get_label (guint index)
{
  g_return_val_if_fail (index < TM_N_MEDICINES, NULL);
  return _(medicine_labels[index]);
}

const char *
tm_medicine_get_phrase (guint index)
{
  g_return_val_if_fail (index < TM_N_MEDICINES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "medicine in a sentence", medicine_phrases[index]);
}

/* The phrase in English, for text kept in the data file. */
const char *
tm_medicine_get_record_phrase (guint index)
{
  g_return_val_if_fail (index < TM_N_MEDICINES, NULL);
  return medicine_phrases[index];
}

static void
tm_session_finalize (GObject *object)
{
  TmSession *self = (TmSession *) object;

  g_free (self->taken_at);
  g_free (self->note);
  g_free (self->intention);
  g_free (self->reflection);
  g_free (self->next_day_note);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (tm_session_parent_class)->finalize (object);
}

static void
tm_session_class_init (TmSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_session_finalize;
}

static void
tm_session_init (TmSession *self)
{
  self->route = TM_ROUTE_SUBLINGUAL;
  self->setting = TM_SETTING_HOME;
  self->mood_before = TM_UNSET;
  self->dissociation_peak = TM_UNSET;
  self->effects_minutes = TM_UNSET;
  self->nausea = TM_UNSET;
  self->sedation = TM_UNSET;
  self->bp_before_sys = TM_UNSET;
  self->bp_before_dia = TM_UNSET;
  self->bp_after_sys = TM_UNSET;
  self->bp_after_dia = TM_UNSET;
  self->monitored_minutes = TM_UNSET;
  self->ready_minutes = TM_UNSET;
}

TmSession *
tm_session_new (void)
{
  return g_object_new (TM_TYPE_SESSION, NULL);
}

TmSession *
tm_session_copy (const TmSession *self)
{
  TmSession *copy;

  g_return_val_if_fail (TM_IS_SESSION ((TmSession *) self), NULL);

  copy = tm_session_new ();
  copy->id = self->id;
  copy->taken_at = g_strdup (self->taken_at);
  copy->dose_mg = self->dose_mg;
  copy->route = self->route;
  copy->setting = self->setting;
  copy->monitor_present = self->monitor_present;
  copy->mood_before = self->mood_before;
  copy->dissociation_peak = self->dissociation_peak;
  copy->effects = self->effects;
  copy->effects_minutes = self->effects_minutes;
  copy->nausea = self->nausea;
  copy->sedation = self->sedation;
  copy->bp_before_sys = self->bp_before_sys;
  copy->bp_before_dia = self->bp_before_dia;
  copy->bp_after_sys = self->bp_after_sys;
  copy->bp_after_dia = self->bp_after_dia;
  copy->other_medicines = self->other_medicines;
  copy->red_flags = self->red_flags;
  copy->discuss = self->discuss;
  copy->monitored_minutes = self->monitored_minutes;
  copy->ready_minutes = self->ready_minutes;
  copy->intention = g_strdup (self->intention);
  copy->reflection = g_strdup (self->reflection);
  copy->next_day_note = g_strdup (self->next_day_note);
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);

  return copy;
}

/* Whether @a and @b say the same about the session (ids and times aside). */
gboolean
tm_session_equal_content (const TmSession *a,
                          const TmSession *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->taken_at, b->taken_at) == 0 &&
         fabs (a->dose_mg - b->dose_mg) < 1e-9 &&
         a->route == b->route &&
         a->setting == b->setting &&
         !a->monitor_present == !b->monitor_present &&
         a->mood_before == b->mood_before &&
         a->dissociation_peak == b->dissociation_peak &&
         a->effects == b->effects &&
         a->effects_minutes == b->effects_minutes &&
         a->nausea == b->nausea &&
         a->sedation == b->sedation &&
         a->bp_before_sys == b->bp_before_sys &&
         a->bp_before_dia == b->bp_before_dia &&
         a->bp_after_sys == b->bp_after_sys &&
         a->bp_after_dia == b->bp_after_dia &&
         a->other_medicines == b->other_medicines &&
         a->red_flags == b->red_flags &&
         !a->discuss == !b->discuss &&
         a->monitored_minutes == b->monitored_minutes &&
         a->ready_minutes == b->ready_minutes &&
         g_strcmp0 (a->intention, b->intention) == 0 &&
         g_strcmp0 (a->reflection, b->reflection) == 0 &&
         g_strcmp0 (a->next_day_note, b->next_day_note) == 0 &&
         g_strcmp0 (a->note, b->note) == 0;
}

void
tm_session_set_taken_at (TmSession  *self,
                         const char *instant)
{
  g_return_if_fail (TM_IS_SESSION (self));

  g_free (self->taken_at);
  self->taken_at = g_strdup (instant);
}

/* An empty note is no note. */
void
tm_session_set_note (TmSession  *self,
                     const char *note)
{
  g_return_if_fail (TM_IS_SESSION (self));

  g_free (self->note);
  self->note = (note != NULL && note[0] != '\0') ? g_strdup (note) : NULL;
}

static void
set_text (char       **place,
          const char  *text)
{
  g_free (*place);
  *place = (text != NULL && text[0] != '\0') ? g_strdup (text) : NULL;
}

void
tm_session_set_intention (TmSession  *self,
                          const char *intention)
{
  g_return_if_fail (TM_IS_SESSION (self));
  set_text (&self->intention, intention);
}

void
tm_session_set_reflection (TmSession  *self,
                           const char *reflection)
{
  g_return_if_fail (TM_IS_SESSION (self));
  set_text (&self->reflection, reflection);
}

void
tm_session_set_next_day_note (TmSession  *self,
                              const char *note)
{
  g_return_if_fail (TM_IS_SESSION (self));
  set_text (&self->next_day_note, note);
}

/* The calendar day of the session where it was taken: the date written in
 * taken_at, whose offset is the one in force there and then. */
char *
tm_session_get_day (const TmSession *self)
{
  g_return_val_if_fail (TM_IS_SESSION ((TmSession *) self), NULL);

  return tm_instant_day_as_written (self->taken_at);
}

gint64
tm_session_get_unix_time (const TmSession *self)
{
  g_autoptr(GDateTime) taken = NULL;

  g_return_val_if_fail (TM_IS_SESSION ((TmSession *) self), 0);

  taken = tm_instant_parse (self->taken_at);
  return taken != NULL ? g_date_time_to_unix (taken) : 0;
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

/* Both numbers of a blood pressure, or neither, the upper one higher. */
static gboolean
check_blood_pressure (int          systolic,
                      int          diastolic,
                      gboolean     after,
                      const char **field,
                      GError     **error)
{
  const char *name = after ? "bp_after" : "bp_before";

  if (systolic == TM_UNSET && diastolic == TM_UNSET)
    return TRUE;

  if (systolic == TM_UNSET || diastolic == TM_UNSET)
    return fail (name, field, error,
                 after ? _("Enter both numbers of the blood pressure after the dose, "
                           "like 128/82, or leave it empty.")
                       : _("Enter both numbers of the blood pressure before the dose, "
                           "like 128/82, or leave it empty."));

  if (systolic <= diastolic)
    return fail (name, field, error,
                 _("The upper number (systolic) must be higher than the lower one "
                   "(diastolic), as in 128/82."));

  return TRUE;
}

/* A form shows a blood pressure's two numbers in one field. */
static const char *
form_field (const char *column)
{
  if (g_str_has_prefix (column, "bp_before_"))
    return "bp_before";
  if (g_str_has_prefix (column, "bp_after_"))
    return "bp_after";
  return column;
}

/**
 * tm_session_validate:
 * @field: (out) (optional): the column at fault; "bp_before" or "bp_after"
 *   for a blood pressure
 *
 * The rules the store enforces for a dosing session: each value's own (see
 * tm-table.c), a time that has come and is from 2000 on, a dose on its
 * step, and blood pressures whole.
 */
gboolean
tm_session_validate (const TmSession  *self,
                     const char      **field,
                     GError          **error)
{
  const char *unused = NULL;
  g_autoptr(GDateTime) taken = NULL;
  g_autoptr(GDateTime) latest = NULL;

  g_return_val_if_fail (TM_IS_SESSION ((TmSession *) self), FALSE);

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!tm_table_validate (TM_TABLE_SESSIONS, self, field, error))
    {
      *field = form_field (*field);
      return FALSE;
    }

  taken = tm_instant_parse (self->taken_at);
  latest = tm_instant_latest_allowed (NULL);
  if (g_date_time_compare (taken, latest) > 0)
    return fail ("taken_at", field, error,
                 _("A session can't be in the future. Check the date and the time."));

  if (g_date_time_get_year (taken) < 2000)
    return fail ("taken_at", field, error,
                 _("A session must be from the year 2000 or later. Check the date."));

  if (!tm_validate_dose (self->dose_mg, error))
    {
      *field = "dose_mg";
      return FALSE;
    }

  if (self->monitored_minutes != TM_UNSET && self->setting == TM_SETTING_HOME && !self->monitor_present)
    return fail ("monitored_minutes", field, error,
                 _("With nobody there, nobody stayed for a number of minutes. Clear how long someone stayed, "
                   "or turn on Someone Was With Me."));

  if (self->ready_minutes != TM_UNSET && self->setting != TM_SETTING_CLINIC)
    return fail ("ready_to_leave_minutes", field, error,
                 _("When you would have been ready to leave is kept for clinic sessions only. Clear it, "
                   "or choose the clinic as the setting."));

  return check_blood_pressure (self->bp_before_sys, self->bp_before_dia, FALSE, field, error) &&
         check_blood_pressure (self->bp_after_sys, self->bp_after_dia, TRUE, field, error);
}

/* A decimal number as people type it: "37.5" or "37,5". */
static gboolean
parse_decimal (const char *text,
               double     *value)
{
  g_autofree char *s = g_strdup (text);
  char *end;

  for (char *p = s; *p; p++)
    if (*p == ',')
      *p = '.';
  if (!g_ascii_isdigit (s[0]) && s[0] != '.')
    return FALSE;

  *value = g_ascii_strtod (s, &end);
  return *end == '\0' && isfinite (*value);
}

/**
 * tm_parse_dose:
 * @text: "50", "37.5", "37,5", "50 mg"
 *
 * A dose is required: empty text is refused.
 */
gboolean
tm_parse_dose (const char  *text,
               double      *dose_mg,
               GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (s);

  if (len >= 2 && g_ascii_strcasecmp (s + len - 2, "mg") == 0)
    {
      s[len - 2] = '\0';
      g_strstrip (s);
    }

  if (s[0] == '\0')
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Enter the dose in mg, for example 50 or 37.5."));
      return FALSE;
    }

  if (s[0] == '-')
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The dose must be more than 0 mg."));
      return FALSE;
    }

  if (!parse_decimal (s, dose_mg))
    {
      g_autofree char *quoted = tm_text_quote (s);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a dose. Write it in mg, for example 50 or 37.5."), quoted);
      return FALSE;
    }

  *dose_mg = tm_dose_round (*dose_mg);
  return TRUE;
}

/* 10^TM_DOSE_DECIMALS: the steps in a milligram. */
static double
dose_steps_per_mg (void)
{
  double steps = 1.0;

  for (int i = 0; i < TM_DOSE_DECIMALS; i++)
    steps *= 10.0;
  return steps;
}

/* @dose_mg on the step doses are kept to: a hundredth of a milligram is
 * as fine as any dose is measured. */
double
tm_dose_round (double dose_mg)
{
  return round (dose_mg * dose_steps_per_mg ()) / dose_steps_per_mg ();
}

/**
 * tm_validate_dose:
 *
 * A dose is more than 0 and at most %TM_DOSE_MAX_MG mg, on the step of
 * %TM_DOSE_DECIMALS decimals that tm_format_dose() prints, and at least
 * one step: nothing stored can print as "0 mg", or as another dose.
 */
gboolean
tm_validate_dose (double   dose_mg,
                  GError **error)
{
  if (!(dose_mg > 0.0) || !isfinite (dose_mg))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, _("The dose must be more than 0 mg."));
      return FALSE;
    }

  if (dose_mg > TM_DOSE_MAX_MG)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A dose above 1000 mg can't be right. Check the number and that it is "
                             "in milligrams."));
      return FALSE;
    }

  if (tm_dose_round (dose_mg) < TM_DOSE_MIN_MG)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The dose must be at least 0.01 mg. Check the number and that it is in "
                             "milligrams."));
      return FALSE;
    }

  /* Within a millionth of a step: 6.8 read from a file is 6.7999…, and on it. */
  if (fabs (dose_mg * dose_steps_per_mg () - round (dose_mg * dose_steps_per_mg ())) > 1e-6)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Write the dose with at most two decimals, like 37.5 or 12.25: Tidemark keeps "
                             "doses to a hundredth of a milligram."));
      return FALSE;
    }

  return TRUE;
}

/* "50", "37.5", "12.25": every digit kept (TM_DOSE_DECIMALS), no trailing
 * zeros, the locale's decimal mark. */
char *
tm_format_dose (double dose_mg)
{
  return tm_format_decimal (tm_dose_round (dose_mg));
}

/**
 * tm_parse_column_minutes:
 * @column: a session column of minutes: "effects_minutes",
 *   "monitored_minutes", "ready_to_leave_minutes"
 * @text: "90", or hours and minutes "1:30"; empty for none
 *
 * Reads minutes as people type them, in @column's range and words.
 */
gboolean
tm_parse_column_minutes (const char  *column,
                         const char  *text,
                         int         *minutes,
                         GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 h = 0, m = 0;
  g_auto(GStrv) parts = NULL;

  if (s[0] == '\0')
    {
      *minutes = TM_UNSET;
      return TRUE;
    }

  parts = g_strsplit (s, ":", -1);
  if ((g_strv_length (parts) == 1 &&
       g_ascii_string_to_unsigned (parts[0], 10, 0, 100000, &m, NULL)) ||
      (g_strv_length (parts) == 2 &&
       g_ascii_string_to_unsigned (parts[0], 10, 0, 1000, &h, NULL) &&
       strlen (parts[1]) == 2 &&
       g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL)))
    {
      guint64 total = h * 60 + m;

      if (!tm_column_check_number (tm_table_find_column (TM_TABLE_SESSIONS, column), (double) total,
                                   error))
        return FALSE;
      *minutes = (int) total;
      return TRUE;
    }

  {
    g_autofree char *quoted = tm_text_quote (s);

    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 _("“%s” is not a number of minutes. Write it like 90, or 1:30 for an hour "
                   "and a half."), quoted);
  }
  return FALSE;
}

/* How long the effects lasted (see tm_parse_column_minutes ()). */
gboolean
tm_parse_minutes (const char  *text,
                  int         *minutes,
                  GError     **error)
{
  return tm_parse_column_minutes ("effects_minutes", text, minutes, error);
}

/**
 * tm_parse_blood_pressure:
 * @text: "128/82"; empty for none
 * @after: whether it was taken after the dose (for the wording)
 *
 * Parses the two numbers; their ranges are checked by tm_session_validate().
 */
gboolean
tm_parse_blood_pressure (const char  *text,
                         gboolean     after,
                         int         *systolic,
                         int         *diastolic,
                         GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) parts = NULL;
  guint64 sys, dia;

  if (s[0] == '\0')
    {
      *systolic = *diastolic = TM_UNSET;
      return TRUE;
    }

  parts = g_strsplit (s, "/", -1);
  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 999, &sys, NULL) &&
      g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 0, 999, &dia, NULL))
    {
      *systolic = (int) sys;
      *diastolic = (int) dia;
      return TRUE;
    }

  {
    g_autofree char *quoted = tm_text_quote (s);

    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 after ? _("“%s” is not a blood pressure. Write the reading after the dose as "
                           "two numbers, like 128/82.")
                       : _("“%s” is not a blood pressure. Write the reading before the dose as "
                           "two numbers, like 128/82."),
                 quoted);
  }
  return FALSE;
}

char *
tm_format_blood_pressure (int systolic,
                          int diastolic)
{
  if (systolic == TM_UNSET || diastolic == TM_UNSET)
    return g_strdup ("");

  return g_strdup_printf ("%d/%d", systolic, diastolic);
}

/**
 * tm_parse_time_of_day:
 * @text: "21:30", "9:05" or "9.05"
 */
gboolean
tm_parse_time_of_day (const char  *text,
                      int         *hour,
                      int         *minute,
                      GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) parts = NULL;
  guint64 h, m;

  for (char *p = s; *p; p++)
    if (*p == '.')
      *p = ':';

  parts = g_strsplit (s, ":", -1);
  if (g_strv_length (parts) == 2 && strlen (parts[0]) >= 1 && strlen (parts[0]) <= 2 &&
      strlen (parts[1]) == 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &h, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL))
    {
      *hour = (int) h;
      *minute = (int) m;
      return TRUE;
    }

  {
    g_autofree char *quoted = tm_text_quote (s);

    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 _("“%s” is not a time of day. Write hours and minutes from 00:00 to 23:59, "
                   "like 21:30."), quoted);
  }
  return FALSE;
}

/**
 * tm_instant_from_local:
 * @day: a local calendar day
 *
 * Returns: (nullable): @day at @hour:@minute in the local time zone,
 *   written with the offset in force then ("2026-11-28T21:30:00+01:00"),
 *   or %NULL when the clocks skipped that time.
 */
char *
tm_instant_from_local (const char  *day,
                       int          hour,
                       int          minute,
                       GError     **error)
{
  GDate date;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (!tm_day_validate (day, error) || !tm_day_to_date (day, &date))
    return NULL;

  zone = tm_time_zone_local ();
  local = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), hour,
                           minute, 0);
  if (local == NULL ||
      g_date_time_get_hour (local) != hour || g_date_time_get_minute (local) != minute ||
      g_date_time_get_day_of_month (local) != g_date_get_day (&date))
    {
      g_autofree char *label = tm_day_format_long (day);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("On %s the clocks went forward, so %02d:%02d did not happen there. "
                     "Choose another time."), label, hour, minute);
      return NULL;
    }

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}
