/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A reading on the session day (DESIGN.md, The session day). Its ranges
 * are its columns' in tm-table.c; what spans two values is here. */
#define G_LOG_DOMAIN "tm-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-session.h"
#include "tm-store-error.h"
#include "tm-table.h"

G_DEFINE_FINAL_TYPE (TmSessionReading, tm_session_reading, G_TYPE_OBJECT)

static void
tm_session_reading_finalize (GObject *object)
{
  TmSessionReading *self = TM_SESSION_READING (object);

  g_free (self->note);
  g_free (self->created_at);

  G_OBJECT_CLASS (tm_session_reading_parent_class)->finalize (object);
}

static void
tm_session_reading_class_init (TmSessionReadingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_session_reading_finalize;
}

static void
tm_session_reading_init (TmSessionReading *self)
{
  self->bp_sys = TM_UNSET;
  self->bp_dia = TM_UNSET;
  self->pulse = TM_UNSET;
  self->dissociation = TM_UNSET;
  self->sedation = TM_UNSET;
  self->nausea = TM_UNSET;
}

TmSessionReading *
tm_session_reading_new (void)
{
  return g_object_new (TM_TYPE_SESSION_READING, NULL);
}

TmSessionReading *
tm_session_reading_copy (const TmSessionReading *self)
{
  TmSessionReading *copy;

  g_return_val_if_fail (TM_IS_SESSION_READING ((TmSessionReading *) self), NULL);

  copy = tm_session_reading_new ();
  copy->id = self->id;
  copy->session_id = self->session_id;
  copy->minutes_after = self->minutes_after;
  copy->bp_sys = self->bp_sys;
  copy->bp_dia = self->bp_dia;
  copy->pulse = self->pulse;
  copy->dissociation = self->dissociation;
  copy->sedation = self->sedation;
  copy->nausea = self->nausea;
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

/* Whether @a and @b say the same (ids and times aside). */
gboolean
tm_session_reading_equal_content (const TmSessionReading *a,
                                  const TmSessionReading *b)
{
  return a->minutes_after == b->minutes_after &&
         a->bp_sys == b->bp_sys &&
         a->bp_dia == b->bp_dia &&
         a->pulse == b->pulse &&
         a->dissociation == b->dissociation &&
         a->sedation == b->sedation &&
         a->nausea == b->nausea &&
         g_strcmp0 (a->note, b->note) == 0;
}

/* An empty note is no note. */
void
tm_session_reading_set_note (TmSessionReading *self,
                             const char       *note)
{
  g_return_if_fail (TM_IS_SESSION_READING (self));

  g_free (self->note);
  self->note = (note != NULL && note[0] != '\0') ? g_strdup (note) : NULL;
}

gboolean
tm_session_reading_has_bp (const TmSessionReading *self)
{
  return self->bp_sys != TM_UNSET && self->bp_dia != TM_UNSET;
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

/* Both numbers or neither, the upper one higher. */
static gboolean
check_bp_pair (int       systolic,
               int       diastolic,
               GError  **error)
{
  if ((systolic == TM_UNSET) != (diastolic == TM_UNSET))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Enter both numbers of the blood pressure, like 128/82, or leave it empty."));
      return FALSE;
    }
  if (systolic != TM_UNSET && systolic <= diastolic)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The upper number (systolic) must be higher than the lower one "
                             "(diastolic), as in 128/82."));
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_session_reading_check_bp:
 * @systolic: mmHg, or TM_UNSET for none
 *
 * Whether a blood pressure alone is one a reading may hold: none, or both
 * numbers in their ranges, the upper one higher. What else the reading
 * holds is not asked.
 */
gboolean
tm_session_reading_check_bp (int       systolic,
                             int       diastolic,
                             GError  **error)
{
  if (systolic != TM_UNSET &&
      !tm_column_check_number (tm_table_find_column (TM_TABLE_SESSION_READINGS, "bp_sys"), systolic, error))
    return FALSE;
  if (diastolic != TM_UNSET &&
      !tm_column_check_number (tm_table_find_column (TM_TABLE_SESSION_READINGS, "bp_dia"), diastolic, error))
    return FALSE;
  return check_bp_pair (systolic, diastolic, error);
}

/**
 * tm_session_reading_validate:
 * @field: (out) (optional): the column at fault; "bp" for a blood pressure
 *
 * Each value's own range (tm-table.c), a blood pressure whole with the
 * upper number higher, and something read.
 */
gboolean
tm_session_reading_validate (const TmSessionReading  *self,
                             const char             **field,
                             GError                 **error)
{
  const char *unused = NULL;

  g_return_val_if_fail (TM_IS_SESSION_READING ((TmSessionReading *) self), FALSE);

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!tm_table_validate (TM_TABLE_SESSION_READINGS, self, field, error))
    {
      if (g_str_has_prefix (*field, "bp_"))
        *field = "bp";
      return FALSE;
    }

  if (!check_bp_pair (self->bp_sys, self->bp_dia, error))
    {
      *field = "bp";
      return FALSE;
    }

  if (self->bp_sys == TM_UNSET && self->pulse == TM_UNSET && self->dissociation == TM_UNSET &&
      self->sedation == TM_UNSET && self->nausea == TM_UNSET && self->note == NULL)
    return fail ("bp", field, error,
                 _("A reading needs something read: a blood pressure, a pulse, dissociation, "
                   "sedation, nausea or a note."));

  return TRUE;
}

/**
 * tm_format_minutes_after:
 *
 * Returns: "Before the dose", "40 min", "2 h 5 min"
 */
char *
tm_format_minutes_after (int minutes_after)
{
  if (minutes_after <= 0)
    return g_strdup (_("Before the dose"));
  if (minutes_after < 60)
    /* Translators: minutes after the dose, "40 min" */
    return g_strdup_printf (_("%d min"), minutes_after);
  if (minutes_after % 60 == 0)
    /* Translators: hours after the dose, "2 h" */
    return g_strdup_printf (_("%d h"), minutes_after / 60);
  /* Translators: hours and minutes after the dose, "2 h 5 min" */
  return g_strdup_printf (_("%d h %d min"), minutes_after / 60, minutes_after % 60);
}

/**
 * tm_session_reading_describe:
 *
 * Returns: what was read, "132/86 · pulse 78 · dissociation 3 · sedation
 *   mild", or "" when only a note
 */
char *
tm_session_reading_describe (const TmSessionReading *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (tm_session_reading_has_bp (self))
    g_ptr_array_add (parts, tm_format_blood_pressure (self->bp_sys, self->bp_dia));
  if (self->pulse != TM_UNSET)
    /* Translators: a heart rate, beats a minute */
    g_ptr_array_add (parts, g_strdup_printf (_("pulse %d"), self->pulse));
  if (self->dissociation != TM_UNSET)
    g_ptr_array_add (parts, g_strdup_printf (_("dissociation %d"), self->dissociation));
  if (self->sedation != TM_UNSET)
    {
      g_autofree char *level = g_utf8_strdown (tm_severity_get_label (self->sedation), -1);

      /* Translators: "sedation mild" */
      g_ptr_array_add (parts, g_strdup_printf (_("sedation %s"), level));
    }
  if (self->nausea != TM_UNSET)
    {
      g_autofree char *level = g_utf8_strdown (tm_severity_get_label (self->nausea), -1);

      /* Translators: "nausea mild" */
      g_ptr_array_add (parts, g_strdup_printf (_("nausea %s"), level));
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: between the values of a reading */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/* The note of a reading after the dose whose minutes were not recorded
 * (from a data file, or a CSV file, of version 1 to 4). */
const char *
tm_session_reading_get_unrecorded_note (void)
{
  return _("Taken after the dose; when was not recorded (from an earlier version of Tidemark).");
}
