/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-checkin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tm-checkin.h"
#include "tm-store-error.h"
#include "tm-table.h"
#include "tm-text.h"

G_DEFINE_FINAL_TYPE (TmCheckin, tm_checkin, G_TYPE_OBJECT)

static const char * const effect_labels[TM_N_EFFECTS] = {
  N_("Things looked or sounded different"),
  N_("Time felt strange"),
  N_("Felt detached from my body"),
  N_("Surroundings felt unreal"),
  N_("Felt floating or numb"),
  N_("Confused or hard to think"),
  N_("Frightening or out of control"),
};

static const char * const red_flag_labels[TM_N_RED_FLAGS] = {
  N_("Slow or difficult breathing"),
  N_("Couldn't stay awake"),
  N_("Chest pain"),
  N_("Severe headache or change in vision"),
  N_("Fainting or a fall"),
  N_("Vomiting"),
};

/**
 * tm_effect_get_label:
 * @index: 0 for the effect with bit 1, 1 for bit 2, …
 *
 * Returns: the translated checklist wording of an effect.
 */
const char *
tm_effect_get_label (guint index)
{
  g_return_val_if_fail (index < TM_N_EFFECTS, NULL);

  return _(effect_labels[index]);
}

/**
 * tm_red_flag_get_label:
 * @index: 0 for the red flag with bit 1, 1 for bit 2, …
 *
 * Returns: the translated checklist wording of a red flag.
 */
const char *
tm_red_flag_get_label (guint index)
{
  g_return_val_if_fail (index < TM_N_RED_FLAGS, NULL);

  return _(red_flag_labels[index]);
}

/* The items of a checklist ticked in @bits (bit i for @labels[i]), in its
 * order, in @wording, joined by @separator; "" when none is. */
static char *
describe_checklist (guint               bits,
                    const char * const *labels,
                    guint               n_labels,
                    TmWording           wording,
                    const char         *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    if (bits & (1u << i))
      {
        if (text->len > 0)
          g_string_append (text, separator);
        g_string_append (text, wording == TM_WORDING_SHOWN ? _(labels[i]) : labels[i]);
      }

  return g_string_free (text, FALSE);
}

/**
 * tm_effects_describe:
 * @effects: #TmEffects
 * @wording: the person's language, or the record's English
 * @separator: what goes between two effects: ", "
 *
 * Returns: the effects of @effects in the checklist's words and order,
 *   "" when none: "Time felt strange, Frightening or out of control"
 */
char *
tm_effects_describe (guint       effects,
                     TmWording   wording,
                     const char *separator)
{
  return describe_checklist (effects, effect_labels, TM_N_EFFECTS, wording, separator);
}

/**
 * tm_red_flags_describe:
 * @red_flags: #TmRedFlags
 *
 * Returns: the red flags of @red_flags as tm_effects_describe() lists
 *   effects: "Chest pain, Vomiting"
 */
char *
tm_red_flags_describe (guint       red_flags,
                       TmWording   wording,
                       const char *separator)
{
  return describe_checklist (red_flags, red_flag_labels, TM_N_RED_FLAGS, wording, separator);
}

/**
 * tm_validate_red_flags:
 *
 * Red flags are a sum of the checklist's values, 1 to 32.
 */
gboolean
tm_validate_red_flags (guint    red_flags,
                       GError **error)
{
  return tm_column_check_number (tm_table_find_column (TM_TABLE_CHECKINS, "red_flags"), red_flags, error);
}

static void
tm_checkin_finalize (GObject *object)
{
  TmCheckin *self = (TmCheckin *) object;

  g_free (self->note);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (tm_checkin_parent_class)->finalize (object);
}

static void
tm_checkin_class_init (TmCheckinClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_checkin_finalize;
}

static void
tm_checkin_init (TmCheckin *self)
{
  self->mood = TM_UNSET;
  self->anxiety = TM_UNSET;
  self->energy = TM_UNSET;
  self->sleep_hours = TM_UNSET_HOURS;
  self->effects_intensity = TM_UNSET;
  self->self_harm = TM_UNSET;
}

TmCheckin *
tm_checkin_new (const char *day)
{
  TmCheckin *self = g_object_new (TM_TYPE_CHECKIN, NULL);

  if (day != NULL)
    g_strlcpy (self->day, day, sizeof self->day);

  return self;
}

TmCheckin *
tm_checkin_copy (const TmCheckin *self)
{
  TmCheckin *copy;

  g_return_val_if_fail (TM_IS_CHECKIN ((TmCheckin *) self), NULL);

  copy = tm_checkin_new (self->day);
  copy->id = self->id;
  copy->mood = self->mood;
  copy->anxiety = self->anxiety;
  copy->energy = self->energy;
  copy->sleep_hours = self->sleep_hours;
  copy->effects = self->effects;
  copy->effects_intensity = self->effects_intensity;
  copy->red_flags = self->red_flags;
  copy->self_harm = self->self_harm;
  copy->discuss = self->discuss;
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);

  return copy;
}

/* Whether @a and @b say the same about their day (ids and times aside). */
gboolean
tm_checkin_equal_content (const TmCheckin *a,
                          const TmCheckin *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return strcmp (a->day, b->day) == 0 &&
         a->mood == b->mood &&
         a->anxiety == b->anxiety &&
         a->energy == b->energy &&
         fabs (a->sleep_hours - b->sleep_hours) < 0.001 &&
         a->effects == b->effects &&
         a->effects_intensity == b->effects_intensity &&
         a->red_flags == b->red_flags &&
         a->self_harm == b->self_harm &&
         !a->discuss == !b->discuss &&
         g_strcmp0 (a->note, b->note) == 0;
}

/* An empty note is no note. */
void
tm_checkin_set_note (TmCheckin  *self,
                     const char *note)
{
  g_return_if_fail (TM_IS_CHECKIN (self));

  g_free (self->note);
  self->note = (note != NULL && note[0] != '\0') ? g_strdup (note) : NULL;
}

/**
 * tm_validate_note:
 *
 * A note is any valid UTF-8 of at most %TM_NOTE_MAX_CHARS characters,
 * stored exactly as written.
 */
gboolean
tm_validate_note (const char  *note,
                  GError     **error)
{
  glong n_chars;

  if (note == NULL)
    return TRUE;

  if (!g_utf8_validate (note, -1, NULL))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The note contains bytes that are not valid UTF-8 text. "
                             "Save it again as UTF-8."));
      return FALSE;
    }

  n_chars = g_utf8_strlen (note, -1);
  if (n_chars > TM_NOTE_MAX_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: both numbers are character counts */
                   _("The note is %ld characters long, and the limit is %d. "
                     "Shorten it by %ld characters."),
                   n_chars, TM_NOTE_MAX_CHARS, n_chars - TM_NOTE_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

/**
 * tm_validate_effects_reported:
 * @reported: whether the person said they had unusual effects
 * @effects: the effects they ticked
 *
 * Saying "yes, effects" means naming at least one.
 */
gboolean
tm_validate_effects_reported (gboolean   reported,
                              guint      effects,
                              GError   **error)
{
  if (reported && (effects & TM_EFFECTS_ALL) == 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Tick at least one effect from the list, or turn off unusual effects."));
      return FALSE;
    }

  return TRUE;
}

/**
 * tm_checkin_validate:
 * @self: a check-in
 * @field: (out) (optional): the name of the field at fault
 * @error: where to put a sentence the person can act on
 *
 * The rules the store enforces for a check-in: each value's own (see
 * tm-table.c), a mood given, a day that has come, and an intensity only
 * with effects.
 */
gboolean
tm_checkin_validate (const TmCheckin  *self,
                     const char      **field,
                     GError          **error)
{
  const char *unused_field = NULL;
  g_autofree char *latest = NULL;

  g_return_val_if_fail (TM_IS_CHECKIN ((TmCheckin *) self), FALSE);

  if (field == NULL)
    field = &unused_field;
  *field = NULL;

  if (self->mood == TM_UNSET)
    {
      *field = "mood";
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Choose your mood from 0 to 10 before saving."));
      return FALSE;
    }

  if (!tm_table_validate (TM_TABLE_CHECKINS, self, field, error))
    return FALSE;

  latest = tm_day_latest_allowed (NULL);
  if (strcmp (self->day, latest) > 0)
    {
      *field = "day";
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A check-in can't be for a day that hasn't come yet. "
                             "Choose today or an earlier day."));
      return FALSE;
    }

  if (self->effects == 0 && self->effects_intensity != TM_UNSET &&
      !tm_validate_effects_reported (TRUE, self->effects, error))
    {
      *field = "effects";
      return FALSE;
    }

  return TRUE;
}

/* An entry written more than a day after the day it describes: its
 * creation fell on the second local day after it, or later. */
gboolean
tm_checkin_is_backfilled (const TmCheckin *self)
{
  g_autofree char *created_day = NULL;

  g_return_val_if_fail (TM_IS_CHECKIN ((TmCheckin *) self), FALSE);

  created_day = tm_instant_local_day (self->created_at);
  if (created_day == NULL || !tm_day_is_valid (self->day))
    return FALSE;

  return tm_day_diff (self->day, created_day) >= 2;
}

/**
 * tm_note_excerpt:
 * @note: (nullable): a note
 * @max_chars: how many characters at most, before the ellipsis
 *
 * Returns: (nullable): the first line of @note, cut at a word when it is
 *   longer than @max_chars, with "…" when anything was left out.
 */
char *
tm_note_excerpt (const char *note,
                 guint       max_chars)
{
  g_autofree char *line = NULL;
  const char *end;
  glong n_chars;

  if (note == NULL)
    return NULL;

  while (*note == '\n' || *note == '\r' || *note == ' ' || *note == '\t')
    note++;
  end = strpbrk (note, "\r\n");
  line = end != NULL ? g_strndup (note, (gsize) (end - note)) : g_strdup (note);

  n_chars = g_utf8_strlen (line, -1);
  if (n_chars <= (glong) max_chars && end == NULL)
    return g_steal_pointer (&line);

  if (n_chars > (glong) max_chars)
    {
      char *cut = g_utf8_offset_to_pointer (line, (glong) max_chars);
      char *space = g_utf8_strrchr (line, (gssize) (cut - line), ' ');

      *((space != NULL && space - line > (glong) max_chars / 2) ? space : cut) = '\0';
    }

  return g_strconcat (g_strchomp (line), "…", NULL);
}

/**
 * tm_parse_hours:
 * @text: what the person typed: "7", "7.5", "7,5" or "7:30"; empty for none
 * @hours: (out): the hours, or %TM_UNSET_HOURS for none
 *
 * Returns: %FALSE with a sentence to act on when @text is not 0 to 24 hours.
 */
gboolean
tm_parse_hours (const char  *text,
                double      *hours,
                GError     **error)
{
  g_autofree char *s = NULL;
  double value;
  char *end;

  g_return_val_if_fail (hours != NULL, FALSE);

  s = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (s[0] == '\0')
    {
      *hours = TM_UNSET_HOURS;
      return TRUE;
    }

  if (strchr (s, ':') != NULL)
    {
      guint64 h, m;
      g_auto(GStrv) parts = g_strsplit (s, ":", -1);

      if (g_strv_length (parts) != 2 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, 99, &h, NULL) ||
          strlen (parts[1]) != 2 ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL))
        goto not_hours;
      value = (double) h + (double) m / 60.0;
    }
  else
    {
      for (char *p = s; *p; p++)
        if (*p == ',')
          *p = '.';
      if (!g_ascii_isdigit (s[0]) && s[0] != '.')
        goto not_hours;
      value = g_ascii_strtod (s, &end);
      if (*end != '\0' || !isfinite (value))
        goto not_hours;
    }

  if (!tm_column_check_number (tm_table_find_column (TM_TABLE_CHECKINS, "sleep_hours"), value, error))
    return FALSE;

  *hours = round (value * 100.0) / 100.0;
  return TRUE;

not_hours:
  {
    g_autofree char *quoted = tm_text_quote (s);

    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 _("“%s” is not a number of hours. Write sleep like 7.5 or 7:30."), quoted);
  }
  return FALSE;
}

/* Hours as the person would write them in their locale: "7", "7.5", "7.25". */
char *
tm_format_hours (double hours)
{
  if (hours == TM_UNSET_HOURS)
    return g_strdup ("");

  return tm_format_decimal (hours);
}

/* Drops trailing zeros and a trailing separator, whatever the locale's. */
static char *
trim_decimals (char *text)
{
  char *p = text + strlen (text) - 1;

  while (p > text && *p == '0')
    *p-- = '\0';
  if (p > text && !g_ascii_isdigit (*p))
    *p = '\0';

  return text;
}

/* A number with at most two decimals and none it doesn't need, with the
 * locale's decimal mark: "7", "7.5", "37.25". */
char *
tm_format_decimal (double value)
{
  return trim_decimals (g_strdup_printf ("%.2f", value));
}

/* The same with a point in any locale: for text kept in the data file,
 * which reads the same wherever it is opened. */
char *
tm_format_decimal_ascii (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  return trim_decimals (g_strdup (g_ascii_formatd (text, sizeof text, "%.2f", value)));
}
