/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tm-safety.h"
#include "tm-session.h"
#include "tm-store.h"

G_BEGIN_DECLS

/* The session companion's checkpoints (DESIGN.md, The session day), in
 * the order they come. */
typedef enum
{
  TM_CHECKPOINT_BEFORE,        /* blood pressure, mood, intention; then the dose */
  TM_CHECKPOINT_40,            /* blood pressure, dissociation, sedation */
  TM_CHECKPOINT_60,            /* a reflection */
  TM_CHECKPOINT_120,           /* "have the effects eased?" */
  TM_CHECKPOINT_NEXT_MORNING,  /* sleep, alertness, lingering effects, a note */
  TM_N_CHECKPOINTS
} TmCheckpoint;

#define TM_COMPANION_META_KEY "companion"

/* The next morning's checkpoint: at the daily reminder's time when it is
 * before noon, else at 9:00. */
#define TM_COMPANION_MORNING_UNTIL 12
#define TM_COMPANION_MORNING_HOUR  9
#define TM_COMPANION_NIGHT_HOURS   6   /* the morning comes at least this long after the dose */

/* The draft fields, as typed: kept in the data file while the companion
 * runs, so that a crash or a closed window loses nothing. */
#define TM_DRAFT_BP            "bp"
#define TM_DRAFT_MOOD          "mood"
#define TM_DRAFT_INTENTION     "intention"
#define TM_DRAFT_DOSE          "dose"
#define TM_DRAFT_ROUTE         "route"
#define TM_DRAFT_SETTING       "setting"
#define TM_DRAFT_PRESENT       "present"
#define TM_DRAFT_BP_40         "bp-40"
#define TM_DRAFT_DISSOCIATION  "dissociation"
#define TM_DRAFT_SEDATION      "sedation"
#define TM_DRAFT_REFLECTION    "reflection"
#define TM_DRAFT_NEXT_DAY_NOTE "next-day-note"

/* The companion's own state, which lives in the data file's meta table
 * under TM_COMPANION_META_KEY. A record: its fields are public. */
typedef struct
{
  gboolean    active;
  char       *started_at;       /* when "Start a Session" was chosen, local with offset */
  gint64      session_id;       /* 0 until the dose is taken */
  gboolean    before_done;      /* the questions before the dose answered: the dose is next */
  guint       answered;         /* 1 << TmCheckpoint for each one answered */
  guint       notified;         /* 1 << TmCheckpoint for each one notified */
  gint64      caution_event_id; /* the S5 caution shown before the dose, or 0 */
  int         reading_minutes;  /* when the +40 reading was saved, or TM_UNSET */
  GHashTable *drafts;           /* TM_DRAFT_* → text as typed */
} TmCompanion;

TmCompanion *tm_companion_new            (void);
void         tm_companion_free           (TmCompanion    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmCompanion, tm_companion_free)

TmCompanion *tm_companion_load           (TmStore        *store);
char        *tm_companion_to_text        (const TmCompanion *self);
TmCompanion *tm_companion_from_text      (const char     *text);
gboolean     tm_companion_save           (const TmCompanion *self,
                                          TmStore        *store,
                                          GError        **error);

void         tm_companion_start          (TmCompanion    *self,
                                          GDateTime      *now);
const char  *tm_companion_get_draft      (const TmCompanion *self,
                                          const char     *key);
void         tm_companion_set_draft      (TmCompanion    *self,
                                          const char     *key,
                                          const char     *text);
gboolean     tm_companion_is_answered    (const TmCompanion *self,
                                          TmCheckpoint    checkpoint);
TmCheckpoint tm_companion_get_current    (const TmCompanion *self);

GDateTime   *tm_checkpoint_get_due       (TmCheckpoint    checkpoint,
                                          GDateTime      *dose,
                                          int             reminder_minutes);
int          tm_checkpoint_get_minutes   (TmCheckpoint    checkpoint);
const char  *tm_checkpoint_get_title     (TmCheckpoint    checkpoint);
const char  *tm_checkpoint_get_notification (TmCheckpoint checkpoint);
GDateTime   *tm_companion_get_dose_time  (TmSession      *session);
TmCheckpoint tm_companion_next_to_notify (const TmCompanion *self,
                                          GDateTime      *dose,
                                          int             reminder_minutes,
                                          GDateTime     **due);
gboolean     tm_companion_is_expired     (const TmCompanion *self,
                                          GDateTime      *dose,
                                          int             reminder_minutes,
                                          GDateTime      *now);
char        *tm_companion_describe_elapsed (GDateTime    *dose,
                                            GDateTime    *now);

gboolean     tm_companion_read_before    (const TmCompanion *self,
                                          int            *systolic,
                                          int            *diastolic,
                                          const char    **field,
                                          GError        **error);
TmSession   *tm_companion_make_session   (const TmCompanion *self,
                                          GDateTime      *now,
                                          const char    **field,
                                          GError        **error);
gboolean     tm_companion_take_dose      (TmCompanion    *self,
                                          TmStore        *store,
                                          TmSession      *session,
                                          GError        **error);
TmSessionReading *tm_companion_make_reading (const TmCompanion *self,
                                             int             minutes_after,
                                             const char    **field,
                                             GError        **error);
gboolean     tm_companion_answer         (TmCompanion    *self,
                                          TmStore        *store,
                                          TmSession      *session,
                                          TmCheckpoint    checkpoint,
                                          GError        **error);
gboolean     tm_companion_save_session   (TmCompanion    *self,
                                          TmStore        *store,
                                          TmSession      *session,
                                          GError        **error);
gboolean     tm_companion_finish         (TmCompanion    *self,
                                          TmStore        *store,
                                          GError        **error);

gboolean     tm_companion_no_driving_holds (GPtrArray    *sessions,
                                            const TmCompanion *companion,
                                            GDateTime    *now);

G_END_DECLS
