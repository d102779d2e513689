/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-time.h"

G_BEGIN_DECLS

/* A value the person left out. */
#define TM_UNSET        (-1)
#define TM_UNSET_HOURS  (-1.0)

/* The longest note, in characters (not bytes). */
#define TM_NOTE_MAX_CHARS 10000

/* The effects checklist (DESIGN.md: effects bitmask; our own wording). */
typedef enum
{
  TM_EFFECT_PERCEPTION  = 1 << 0, /* things looked or sounded different */
  TM_EFFECT_TIME        = 1 << 1, /* time felt strange */
  TM_EFFECT_DETACHED    = 1 << 2, /* felt detached from my body */
  TM_EFFECT_UNREAL      = 1 << 3, /* surroundings felt unreal */
  TM_EFFECT_FLOATING    = 1 << 4, /* felt floating or numb */
  TM_EFFECT_CONFUSED    = 1 << 5, /* confused or hard to think */
  TM_EFFECT_FRIGHTENING = 1 << 6, /* frightening or out of control */
} TmEffects;

#define TM_EFFECTS_ALL   0x7f
#define TM_N_EFFECTS     7

/* Which words a checklist is told in: the person's language, for what is
 * shown; or English, for text kept in the data file, which reads the same
 * wherever it is opened. */
typedef enum
{
  TM_WORDING_SHOWN,
  TM_WORDING_RECORD,
} TmWording;

const char *tm_effect_get_label        (guint index);
char       *tm_effects_describe        (guint       effects,
                                        TmWording   wording,
                                        const char *separator);

/* Red flags (DESIGN.md, S11): signs that need medical help, asked as
 * "Any of these?" on check-ins and sessions. 0 = none. */
typedef enum
{
  TM_RED_FLAG_BREATHING = 1 << 0, /* slow or difficult breathing */
  TM_RED_FLAG_AWAKE     = 1 << 1, /* couldn't stay awake */
  TM_RED_FLAG_CHEST     = 1 << 2, /* chest pain */
  TM_RED_FLAG_HEAD      = 1 << 3, /* severe headache or change in vision */
  TM_RED_FLAG_FAINTING  = 1 << 4, /* fainting or a fall */
  TM_RED_FLAG_VOMITING  = 1 << 5, /* vomiting */
} TmRedFlags;

#define TM_RED_FLAGS_ALL 0x3f
#define TM_N_RED_FLAGS   6

const char *tm_red_flag_get_label   (guint index);
char       *tm_red_flags_describe   (guint       red_flags,
                                     TmWording   wording,
                                     const char *separator);
gboolean    tm_validate_red_flags   (guint red_flags,
                                     GError **error);

#define TM_TYPE_CHECKIN (tm_checkin_get_type ())
G_DECLARE_FINAL_TYPE (TmCheckin, tm_checkin, TM, CHECKIN, GObject)

/* One day's check-in. A record: its fields are public. */
struct _TmCheckin
{
  GObject  parent_instance;

  gint64   id;                 /* 0 until stored */
  char     day[TM_DAY_LEN + 1];
  int      mood;               /* 0–10, required */
  int      anxiety;            /* 0–10 or TM_UNSET */
  int      energy;             /* 0–10 or TM_UNSET */
  double   sleep_hours;        /* 0–24 or TM_UNSET_HOURS */
  guint    effects;            /* TmEffects, 0 = none */
  int      effects_intensity;  /* 0–10 or TM_UNSET; only with effects */
  guint    red_flags;          /* TmRedFlags, 0 = none */
  int      self_harm;          /* the optional daily question: 1 yes, 0 no, TM_UNSET not asked */
  gboolean discuss;            /* "Bring this up at my next review" */
  char    *note;               /* verbatim UTF-8, NULL when empty */
  char    *created_at;         /* written by the store, UTC */
  char    *updated_at;         /* written by the store, UTC */
};

TmCheckin *tm_checkin_new            (const char       *day);
TmCheckin *tm_checkin_copy           (const TmCheckin  *self);
gboolean   tm_checkin_equal_content  (const TmCheckin  *a,
                                      const TmCheckin  *b);
void       tm_checkin_set_note       (TmCheckin        *self,
                                      const char       *note);
gboolean   tm_checkin_validate       (const TmCheckin  *self,
                                      const char      **field,
                                      GError          **error);
gboolean   tm_checkin_is_backfilled  (const TmCheckin  *self);

gboolean   tm_parse_hours            (const char       *text,
                                      double           *hours,
                                      GError          **error);
char      *tm_format_hours           (double            hours);
char      *tm_format_decimal         (double            value);
char      *tm_format_decimal_ascii   (double            value);

char      *tm_note_excerpt           (const char       *note,
                                      guint             max_chars);
gboolean   tm_validate_note          (const char       *note,
                                      GError          **error);
gboolean   tm_validate_effects_reported (gboolean      reported,
                                         guint         effects,
                                         GError      **error);

G_END_DECLS
