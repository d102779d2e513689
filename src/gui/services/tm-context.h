/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-progress-banner.h"
#include "tm-safety-prompter.h"
#include "tm-store.h"

G_BEGIN_DECLS

/* Text and charts for a shared screen: from as usual to twice as large. */
#define TM_ZOOM_MIN  1.0
#define TM_ZOOM_MAX  2.0
#define TM_ZOOM_STEP 0.25

#define TM_TYPE_CONTEXT (tm_context_get_type ())
G_DECLARE_FINAL_TYPE (TmContext, tm_context, TM, CONTEXT, GObject)

/* Brings a deleted record back into the store. */
typedef gboolean (*TmRestoreFunc) (TmStore  *store,
                                   gpointer  record,
                                   GError  **error);

TmContext        *tm_context_new                 (GtkApplication   *application,
                                                  TmStore          *store,
                                                  GSettings        *settings);
TmStore          *tm_context_get_store           (TmContext        *self);
GSettings        *tm_context_get_settings        (TmContext        *self);
TmSafetyPrompter *tm_context_get_safety_prompter (TmContext        *self);

void              tm_context_set_toast_overlay   (TmContext        *self,
                                                  AdwToastOverlay  *overlay);
void              tm_context_add_toast           (TmContext        *self,
                                                  AdwToast         *toast);
void              tm_context_show_error          (TmContext        *self,
                                                  const char       *message);
void              tm_context_offer_undo          (TmContext        *self,
                                                  const char       *title,
                                                  gpointer          record,
                                                  TmRestoreFunc     restore);

gboolean          tm_context_delete_checkin      (TmContext        *self,
                                                  const char       *day);
gboolean          tm_context_delete_session      (TmContext        *self,
                                                  gint64            id);
gboolean          tm_context_delete_questionnaire (TmContext       *self,
                                                  gint64            id);

void              tm_context_set_progress_banner (TmContext        *self,
                                                  TmProgressBanner *banner);
TmProgressBanner *tm_context_get_progress_banner (TmContext        *self);

gboolean          tm_context_get_hide_notes      (TmContext        *self);
void              tm_context_set_hide_notes      (TmContext        *self,
                                                  gboolean          hide_notes);
double            tm_context_get_zoom            (TmContext        *self);
void              tm_context_set_zoom            (TmContext        *self,
                                                  double            zoom);

G_END_DECLS
