/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tm-checkin.h"
#include "tm-data-lock.h"
#include "tm-plan.h"
#include "tm-questionnaire.h"
#include "tm-regular-medicine.h"
#include "tm-review.h"
#include "tm-safety.h"
#include "tm-schedule.h"
#include "tm-session.h"
#include "tm-store-error.h"

G_BEGIN_DECLS

/* The schema version this Tidemark writes (PRAGMA user_version). */
#define TM_STORE_SCHEMA_VERSION 7

#define TM_STORE_FILE_NAME "tidemark.db"

#define TM_TYPE_STORE (tm_store_get_type ())
G_DECLARE_FINAL_TYPE (TmStore, tm_store, TM, STORE, GObject)

char       *tm_store_default_data_dir   (void);

TmStore    *tm_store_open               (const char  *data_dir,
                                         GError     **error);
TmStore    *tm_store_open_read_only     (const char  *data_dir,
                                         GError     **error);
const char *tm_store_get_data_dir       (TmStore     *self);
TmDataLock *tm_store_get_lock           (TmStore     *self);
const char *tm_store_get_path           (TmStore     *self);

TmCheckin  *tm_store_get_checkin        (TmStore     *self,
                                         const char  *day,
                                         GError     **error);
gboolean    tm_store_save_checkin       (TmStore     *self,
                                         TmCheckin   *checkin,
                                         GError     **error);
gboolean    tm_store_delete_checkin     (TmStore     *self,
                                         TmCheckin   *checkin,
                                         GError     **error);
gboolean    tm_store_restore_checkin    (TmStore     *self,
                                         TmCheckin   *checkin,
                                         GError     **error);
GPtrArray  *tm_store_list_checkins      (TmStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
GListModel *tm_store_get_checkins       (TmStore     *self);

gboolean    tm_store_save_session       (TmStore     *self,
                                         TmSession   *session,
                                         GError     **error);
gboolean    tm_store_delete_session     (TmStore     *self,
                                         TmSession   *session,
                                         GError     **error);
gboolean    tm_store_restore_session    (TmStore     *self,
                                         TmSession   *session,
                                         GError     **error);
TmSession  *tm_store_get_session        (TmStore     *self,
                                         gint64       id,
                                         GError     **error);
GPtrArray  *tm_store_list_sessions      (TmStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
GListModel *tm_store_get_sessions       (TmStore     *self);

gboolean    tm_store_save_questionnaire    (TmStore          *self,
                                            TmQuestionnaire  *questionnaire,
                                            GError          **error);
gboolean    tm_store_delete_questionnaire  (TmStore          *self,
                                            TmQuestionnaire  *questionnaire,
                                            GError          **error);
gboolean    tm_store_restore_questionnaire (TmStore          *self,
                                            TmQuestionnaire  *questionnaire,
                                            GError          **error);
TmQuestionnaire *tm_store_get_questionnaire (TmStore         *self,
                                             gint64           id,
                                             GError         **error);
GPtrArray  *tm_store_list_questionnaires   (TmStore          *self,
                                            int               kind,
                                            const char       *from,
                                            const char       *to,
                                            GError          **error);
char       *tm_store_get_last_questionnaire_day (TmStore             *self,
                                                 TmQuestionnaireKind  kind);
guint       tm_store_get_due_questionnaires (TmStore             *self,
                                             const char          *today,
                                             int                  cadence_days,
                                             int                 *days_since);
GListModel *tm_store_get_questionnaires    (TmStore          *self);


gboolean    tm_store_add_plan           (TmStore     *self,
                                         TmPlan      *plan,
                                         GError     **error);
GPtrArray  *tm_store_list_plans         (TmStore     *self,
                                         GError     **error);
gboolean    tm_store_add_plan_date      (TmStore     *self,
                                         TmPlanDate  *date,
                                         GError     **error);
gboolean    tm_store_delete_plan_date   (TmStore     *self,
                                         TmPlanDate  *date,
                                         GError     **error);
gboolean    tm_store_change_plan        (TmStore     *self,
                                         TmPlan      *plan,
                                         GPtrArray   *added_dates,
                                         GPtrArray   *removed_dates,
                                         GError     **error);
GPtrArray  *tm_store_list_plan_dates    (TmStore     *self,
                                         GError     **error);
TmSchedule *tm_store_make_schedule      (TmStore     *self,
                                         const char  *today,
                                         GPtrArray  **plans,
                                         GPtrArray  **sessions,
                                         GError     **error);

gboolean    tm_store_add_safety_event   (TmStore        *self,
                                         TmSafetyEvent  *event,
                                         GError        **error);
gboolean    tm_store_answer_safety_event (TmStore       *self,
                                          TmSafetyEvent *event,
                                          TmAnswer       answer,
                                          GError       **error);
gboolean    tm_store_answer_safety_event_at (TmStore       *self,
                                             TmSafetyEvent *event,
                                             TmAnswer       answer,
                                             const char    *answered_at,
                                             GError       **error);
GPtrArray  *tm_store_list_safety_events (TmStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
GPtrArray  *tm_store_check_safety       (TmStore     *self,
                                         TmSource     source,
                                         gpointer     record,
                                         GDateTime   *now,
                                         GError     **error);

gboolean    tm_store_add_review         (TmStore     *self,
                                         TmReview    *review,
                                         GError     **error);
gboolean    tm_store_add_medicine       (TmStore           *self,
                                         TmRegularMedicine *medicine,
                                         GError           **error);
GPtrArray  *tm_store_list_medicines     (TmStore           *self,
                                         GError           **error);
GPtrArray  *tm_store_list_reviews       (TmStore     *self,
                                         GError     **error);
gboolean    tm_store_get_next_review_period (TmStore *self,
                                             char    *from,
                                             char    *to,
                                             GError **error);

char       *tm_store_get_first_day      (TmStore     *self);
void        tm_store_reload             (TmStore     *self);
void        tm_store_busy_begin         (TmStore     *self);
void        tm_store_busy_end           (TmStore     *self);
gboolean    tm_store_is_busy            (TmStore     *self);
void        tm_store_writing_elsewhere_begin (TmStore *self);
void        tm_store_writing_elsewhere_end   (TmStore *self);
gboolean    tm_store_is_writable        (TmStore     *self);
gboolean    tm_store_error_waits        (TmStore      *self,
                                         const GError *error);
void        tm_store_call_when_writable (TmStore     *self,
                                         GObject     *owner,
                                         GCallback    callback);
gboolean    tm_store_begin              (TmStore     *self,
                                         GError     **error);
gboolean    tm_store_begin_read         (TmStore     *self,
                                         GError     **error);
gboolean    tm_store_commit             (TmStore     *self,
                                         GError     **error);
void        tm_store_rollback           (TmStore     *self);

char       *tm_store_get_meta           (TmStore     *self,
                                         const char  *key);
gboolean    tm_store_set_meta           (TmStore     *self,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);

G_END_DECLS
