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
  g_ptr_array_unref (self->readings);
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
  self->eased = TM_UNSET;
  self->slept_well = TM_UNSET;
  self->fully_alert = TM_UNSET;
  self->lingering = TM_UNSET;
  self->readings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->imported_bp); i++)
    self->imported_bp[i] = TM_UNSET;
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
  copy->other_medicines = self->other_medicines;
  copy->red_flags = self->red_flags;
  copy->discuss = self->discuss;
  copy->monitored_minutes = self->monitored_minutes;
  copy->ready_minutes = self->ready_minutes;
  copy->intention = g_strdup (self->intention);
  copy->reflection = g_strdup (self->reflection);
  copy->next_day_note = g_strdup (self->next_day_note);
  copy->eased = self->eased;
  copy->slept_well = self->slept_well;
  copy->fully_alert = self->fully_alert;
  copy->lingering = self->lingering;
  for (guint i = 0; i < self->readings->len; i++)
    g_ptr_array_add (copy->readings, tm_session_reading_copy (self->readings->pdata[i]));
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);

  return copy;
}

static gboolean
readings_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!tm_session_reading_equal_content (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
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
         a->other_medicines == b->other_medicines &&
         a->red_flags == b->red_flags &&
         !a->discuss == !b->discuss &&
         a->monitored_minutes == b->monitored_minutes &&
         a->ready_minutes == b->ready_minutes &&
         g_strcmp0 (a->intention, b->intention) == 0 &&
         g_strcmp0 (a->reflection, b->reflection) == 0 &&
         g_strcmp0 (a->next_day_note, b->next_day_note) == 0 &&
         a->eased == b->eased &&
         a->slept_well == b->slept_well &&
         a->fully_alert == b->fully_alert &&
         a->lingering == b->lingering &&
         readings_equal (a->readings, b->readings) &&
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

/* A form shows a blood pressure's two numbers in one field. */
static const char *
form_field (const char *column)
{
  if (g_str_has_prefix (column, "bp_"))
    return "bp";
  return column;
}

/**
 * tm_session_validate:
 * @field: (out) (optional): the column at fault; "readings" for one of
 *   its readings
 *
 * The rules the store enforces for a dosing session: each value's own (see
 * tm-table.c), a time that has come and is from 2000 on, a dose on its
 * step, and its readings each valid, one at each minute.
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

  for (guint i = 0; i < self->readings->len; i++)
    {
      TmSessionReading *reading = self->readings->pdata[i];
      g_autoptr(GError) problem = NULL;

      if (!tm_session_reading_validate (reading, NULL, &problem))
        {
          g_autofree char *when = tm_format_minutes_after (reading->minutes_after);

          *field = "readings";
          if (reading->minutes_after == 0)
            /* Translators: "The reading before the dose: Enter both numbers …" */
            g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, _("The reading before the dose: %s"),
                         problem->message);
          else
            /* Translators: "The reading at 40 min: Enter both numbers …" */
            g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, _("The reading at %s: %s"), when,
                         problem->message);
          return FALSE;
        }
      if (i > 0 && ((TmSessionReading *) self->readings->pdata[i - 1])->minutes_after == reading->minutes_after)
        {
          g_autofree char *when = tm_format_minutes_after (reading->minutes_after);

          *field = "readings";
          if (reading->minutes_after == 0)
            g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                                 _("There are two readings before the dose. Change the minutes of one, or "
                                   "remove it."));
          else
            /* Translators: %s is "40 min" */
            g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                         _("There are two readings at %s. Change the minutes of one, or remove it."), when);
          return FALSE;
        }
    }
  return TRUE;
}

static int
compare_readings (gconstpointer a,
                  gconstpointer b)
{
  const TmSessionReading *ra = *(TmSessionReading * const *) a;
  const TmSessionReading *rb = *(TmSessionReading * const *) b;

  return (ra->minutes_after > rb->minutes_after) - (ra->minutes_after < rb->minutes_after);
}

/**
 * tm_session_add_reading:
 * @reading: (transfer full)
 *
 * Adds @reading in its place by minutes after the dose.
 */
void
tm_session_add_reading (TmSession        *self,
                        TmSessionReading *reading)
{
  g_return_if_fail (TM_IS_SESSION (self));
  g_return_if_fail (TM_IS_SESSION_READING (reading));

  g_ptr_array_add (self->readings, reading);
  g_ptr_array_sort (self->readings, compare_readings);
}

/**
 * tm_session_find_reading:
 *
 * Returns: (transfer none) (nullable): the reading at @minutes_after
 */
TmSessionReading *
tm_session_find_reading (const TmSession *self,
                         int              minutes_after)
{
  for (guint i = 0; i < self->readings->len; i++)
    if (((TmSessionReading *) self->readings->pdata[i])->minutes_after == minutes_after)
      return self->readings->pdata[i];
  return NULL;
}

/**
 * tm_session_get_bp_before:
 *
 * Returns: (transfer none) (nullable): the reading before the dose (at 0
 *   minutes), when it has a blood pressure
 */
const TmSessionReading *
tm_session_get_bp_before (const TmSession *self)
{
  const TmSessionReading *reading = tm_session_find_reading (self, 0);

  return reading != NULL && tm_session_reading_has_bp (reading) ? reading : NULL;
}

/**
 * tm_session_get_highest_bp_after:
 *
 * Returns: (transfer none) (nullable): of the readings after the dose with
 *   a blood pressure, the highest (by the upper number, then the lower;
 *   the earlier of two the same)
 */
const TmSessionReading *
tm_session_get_highest_bp_after (const TmSession *self)
{
  const TmSessionReading *best = NULL;

  for (guint i = 0; i < self->readings->len; i++)
    {
      const TmSessionReading *r = self->readings->pdata[i];

      if (r->minutes_after <= 0 || !tm_session_reading_has_bp (r))
        continue;
      if (best == NULL || r->bp_sys > best->bp_sys || (r->bp_sys == best->bp_sys && r->bp_dia > best->bp_dia))
        best = r;
    }
  return best;
}

/* The highest of the session's own value and its readings', or TM_UNSET. */
static int
peak (const TmSession *self,
      int              own,
      gsize            reading_offset)
{
  int highest = own;

  for (guint i = 0; i < self->readings->len; i++)
    highest = MAX (highest, G_STRUCT_MEMBER (int, self->readings->pdata[i], reading_offset));
  return highest;
}

/* The session's peak dissociation, or a reading's when higher. */
int
tm_session_get_peak_dissociation (const TmSession *self)
{
  return peak (self, self->dissociation_peak, G_STRUCT_OFFSET (TmSessionReading, dissociation));
}

int
tm_session_get_peak_sedation (const TmSession *self)
{
  return peak (self, self->sedation, G_STRUCT_OFFSET (TmSessionReading, sedation));
}

int
tm_session_get_peak_nausea (const TmSession *self)
{
  return peak (self, self->nausea, G_STRUCT_OFFSET (TmSessionReading, nausea));
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

/* Reads minutes as people type them ("90", or hours and minutes "1:30";
 * empty for none), in @column's range and words. */
static gboolean
parse_minutes (const TmColumn  *column,
               const char      *text,
               int             *minutes,
               GError         **error)
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

      if (!tm_column_check_number (column, (double) total, error))
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

/**
 * tm_parse_column_minutes:
 * @column: a session column of minutes: "effects_minutes",
 *   "monitored_minutes", "ready_to_leave_minutes"
 * @text: "90", or hours and minutes "1:30"; empty for none
 */
gboolean
tm_parse_column_minutes (const char  *column,
                         const char  *text,
                         int         *minutes,
                         GError     **error)
{
  return parse_minutes (tm_table_find_column (TM_TABLE_SESSIONS, column), text, minutes, error);
}

/**
 * tm_parse_reading_minutes:
 * @text: "40", "1:30"
 *
 * When a reading was taken, in minutes after the dose; 0 is before it.
 */
gboolean
tm_parse_reading_minutes (const char  *text,
                          int         *minutes,
                          GError     **error)
{
  if (!parse_minutes (tm_table_find_column (TM_TABLE_SESSION_READINGS, "minutes_after"), text, minutes, error))
    return FALSE;
  if (*minutes == TM_UNSET)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Enter how many minutes after the dose the reading was taken, like 40; "
                             "0 is before the dose."));
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_parse_pulse:
 * @text: "72"; empty for none
 *
 * Parses a pulse; its range is checked by tm_session_reading_validate().
 */
gboolean
tm_parse_pulse (const char  *text,
                int         *pulse,
                GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 value;

  if (s[0] == '\0')
    {
      *pulse = TM_UNSET;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (s, 10, 0, 9999, &value, NULL))
    {
      *pulse = (int) value;
      return TRUE;
    }
  {
    g_autofree char *quoted = tm_text_quote (s);

    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 _("“%s” is not a pulse. Write the beats a minute as a whole number, like 72."), quoted);
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
 *
 * Parses the two numbers; their ranges are checked by
 * tm_session_reading_validate().
 */
gboolean
tm_parse_blood_pressure (const char  *text,
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
                 _("“%s” is not a blood pressure. Write it as two numbers, like 128/82."), quoted);
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
