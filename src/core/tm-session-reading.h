/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A reading taken on the session day: minutes after the dose (0: before
 * it), with whatever was measured or felt then. */
#define TM_READING_PULSE_MIN   30
#define TM_READING_PULSE_MAX   220
/* A blood pressure after the dose from before readings had minutes: at the
 * end of the monitoring, or else at this many minutes, with
 * tm_session_reading_get_unrecorded_note (). */
#define TM_READING_UNRECORDED_MINUTES 120

#define TM_TYPE_SESSION_READING (tm_session_reading_get_type ())
G_DECLARE_FINAL_TYPE (TmSessionReading, tm_session_reading, TM, SESSION_READING, GObject)

/* A record: its fields are public. */
struct _TmSessionReading
{
  GObject  parent_instance;

  gint64   id;              /* 0 until stored */
  gint64   session_id;      /* the session's; the store sets it */
  int      minutes_after;   /* 0–1440; 0 = before the dose */
  int      bp_sys;          /* mmHg or TM_UNSET, both or neither */
  int      bp_dia;
  int      pulse;           /* 30–220 or TM_UNSET */
  int      dissociation;    /* 0–10 or TM_UNSET */
  int      sedation;        /* 0–3 or TM_UNSET */
  int      nausea;          /* 0–3 or TM_UNSET */
  char    *note;
  char    *created_at;
};

TmSessionReading *tm_session_reading_new           (void);
TmSessionReading *tm_session_reading_copy          (const TmSessionReading  *self);
gboolean          tm_session_reading_equal_content (const TmSessionReading  *a,
                                                    const TmSessionReading  *b);
void              tm_session_reading_set_note      (TmSessionReading        *self,
                                                    const char              *note);
gboolean          tm_session_reading_has_bp        (const TmSessionReading  *self);
gboolean          tm_session_reading_check_bp      (int                      systolic,
                                                    int                      diastolic,
                                                    GError                 **error);
gboolean          tm_session_reading_validate      (const TmSessionReading  *self,
                                                    const char             **field,
                                                    GError                 **error);
char             *tm_session_reading_describe      (const TmSessionReading  *self);
char             *tm_format_minutes_after          (int                      minutes_after);
const char       *tm_session_reading_get_unrecorded_note (void);

G_END_DECLS
