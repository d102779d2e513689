/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-checkin.h"
#include "tm-enums.h"
#include "tm-session-reading.h"

G_BEGIN_DECLS

typedef enum
{
  TM_ROUTE_ORAL,
  TM_ROUTE_SUBLINGUAL,
  TM_ROUTE_INTRANASAL,
  TM_ROUTE_INTRAMUSCULAR,
  TM_ROUTE_INTRAVENOUS,
  TM_N_ROUTES /*< skip >*/
} TmRoute;

typedef enum
{
  TM_SETTING_HOME,
  TM_SETTING_CLINIC,
  TM_N_SETTINGS /*< skip >*/
} TmSetting;

/* Nausea and sedation: none, mild, moderate, severe (0–3). */
#define TM_N_SEVERITIES 4

typedef enum
{
  TM_MEDICINE_BENZODIAZEPINE = 1 << 0,
  TM_MEDICINE_SLEEP          = 1 << 1,
  TM_MEDICINE_STIMULANT      = 1 << 2,
  TM_MEDICINE_MAOI           = 1 << 3,
  TM_MEDICINE_OPIOID         = 1 << 4,
  TM_MEDICINE_ALCOHOL        = 1 << 5,
} TmMedicines;

#define TM_MEDICINES_ALL 0x3f
#define TM_N_MEDICINES   6

/* The limits the store keeps to (and the schema's CHECKs). */
#define TM_DOSE_MAX_MG          1000.0
/* A dose is kept to a hundredth of a milligram: a form rounds to it, a
 * file must already be on it, and tm_format_dose() prints every digit of
 * it; so no dose is ever shown as "0 mg" nor other than it was stored. */
#define TM_DOSE_DECIMALS        2
#define TM_DOSE_MIN_MG          0.01
#define TM_EFFECTS_MINUTES_MAX  1440
#define TM_MONITOR_MINUTES_MAX  1440   /* monitored, or ready to leave: within the day */
#define TM_MONITOR_ENOUGH_MINUTES 120  /* S12: monitoring or company shorter than this */
#define TM_SYSTOLIC_MIN         60
#define TM_SYSTOLIC_MAX         280
#define TM_DIASTOLIC_MIN        30
#define TM_DIASTOLIC_MAX        180

const char *tm_route_to_string    (TmRoute      route);
gboolean    tm_route_from_string  (const char  *text,
                                   TmRoute     *route);
const char *tm_route_get_label    (TmRoute      route);
const char *tm_setting_to_string  (TmSetting    setting);
gboolean    tm_setting_from_string (const char *text,
                                    TmSetting  *setting);
const char *tm_setting_get_label  (TmSetting    setting);
const char *tm_severity_get_label (int          severity);
const char *tm_medicine_get_label (guint        index);
const char *tm_medicine_get_phrase (guint       index);
const char *tm_medicine_get_record_phrase (guint index);

#define TM_TYPE_SESSION (tm_session_get_type ())
G_DECLARE_FINAL_TYPE (TmSession, tm_session, TM, SESSION, GObject)

/* One dosing session. A record: its fields are public. */
struct _TmSession
{
  GObject    parent_instance;

  gint64     id;                 /* 0 until stored */
  char      *taken_at;           /* local time with its UTC offset */
  double     dose_mg;            /* > 0 */
  TmRoute    route;
  TmSetting  setting;
  gboolean   monitor_present;
  int        mood_before;        /* 0–10 or TM_UNSET */
  int        dissociation_peak;  /* 0–10 or TM_UNSET */
  guint      effects;            /* TmEffects */
  int        effects_minutes;    /* 0–1440 or TM_UNSET */
  int        nausea;             /* 0–3 or TM_UNSET */
  int        sedation;           /* 0–3 or TM_UNSET */
  guint      other_medicines;    /* TmMedicines */
  guint      red_flags;          /* TmRedFlags, 0 = none */
  gboolean   discuss;            /* "Bring this up at my next review" */
  int        monitored_minutes;  /* 0–1440 or TM_UNSET: how long the clinic monitored, or
                                  * (at home) how long someone stayed */
  int        ready_minutes;      /* 0–1440 or TM_UNSET, clinic sessions only: when the person
                                  * would have been ready to leave (never at home, where it
                                  * could read as fit to drive) */
  char      *intention;          /* integration: before the dose */
  char      *reflection;         /* integration: after it */
  char      *next_day_note;      /* integration: the next day */
  int        eased;              /* the companion's +2 h "have the effects eased?": 1 yes, 0 no,
                                  * or TM_UNSET */
  int        slept_well;         /* the next morning: 1 yes, 0 no, or TM_UNSET */
  int        fully_alert;        /* the next morning: 1 yes, 0 no, or TM_UNSET; until 1, the
                                  * no-driving reminder stays */
  int        lingering;          /* the next morning, effects still felt: 1 yes, 0 no, or TM_UNSET */
  GPtrArray *readings;           /* TmSessionReading, by minutes after the dose; never NULL */
  int        imported_bp[4];     /* only from a sessions.csv of data version 1 to 4: the blood
                                  * pressure before (systolic, diastolic) and after, which the
                                  * reader makes readings (tm-csv.c); else TM_UNSET */
  char      *note;
  char      *created_at;
  char      *updated_at;
};

TmSession *tm_session_new            (void);
TmSession *tm_session_copy           (const TmSession  *self);
gboolean   tm_session_equal_content  (const TmSession  *a,
                                      const TmSession  *b);
void       tm_session_set_taken_at   (TmSession        *self,
                                      const char       *instant);
void       tm_session_set_note       (TmSession        *self,
                                      const char       *note);
void       tm_session_set_intention  (TmSession        *self,
                                      const char       *intention);
void       tm_session_set_reflection (TmSession        *self,
                                      const char       *reflection);
void       tm_session_set_next_day_note (TmSession     *self,
                                         const char    *note);
void       tm_session_add_reading    (TmSession        *self,
                                      TmSessionReading *reading);
TmSessionReading *tm_session_find_reading (const TmSession *self,
                                           int              minutes_after);
const TmSessionReading *tm_session_get_bp_before (const TmSession *self);
const TmSessionReading *tm_session_get_highest_bp_after (const TmSession *self);
int        tm_session_get_peak_dissociation (const TmSession *self);
int        tm_session_get_peak_sedation     (const TmSession *self);
int        tm_session_get_peak_nausea       (const TmSession *self);
char      *tm_session_get_day        (const TmSession  *self);
gint64     tm_session_get_unix_time  (const TmSession  *self);
gboolean   tm_session_validate       (const TmSession  *self,
                                      const char      **field,
                                      GError          **error);

gboolean   tm_parse_dose             (const char       *text,
                                      double           *dose_mg,
                                      GError          **error);
char      *tm_format_dose            (double            dose_mg);
double     tm_dose_round             (double            dose_mg);
gboolean   tm_validate_dose          (double            dose_mg,
                                      GError          **error);
gboolean   tm_parse_column_minutes   (const char       *column,
                                      const char       *text,
                                      int              *minutes,
                                      GError          **error);
gboolean   tm_parse_reading_minutes  (const char       *text,
                                      int              *minutes,
                                      GError          **error);
gboolean   tm_parse_pulse            (const char       *text,
                                      int              *pulse,
                                      GError          **error);
gboolean   tm_parse_minutes          (const char       *text,
                                      int              *minutes,
                                      GError          **error);
gboolean   tm_parse_blood_pressure   (const char       *text,
                                      int              *systolic,
                                      int              *diastolic,
                                      GError          **error);
char      *tm_format_blood_pressure  (int               systolic,
                                      int               diastolic);
gboolean   tm_parse_time_of_day      (const char       *text,
                                      int              *hour,
                                      int              *minute,
                                      GError          **error);
char      *tm_instant_from_local     (const char       *day,
                                      int               hour,
                                      int               minute,
                                      GError          **error);

G_END_DECLS
