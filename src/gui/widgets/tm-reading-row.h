/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-session.h"

G_BEGIN_DECLS

#define TM_TYPE_READING_ROW (tm_reading_row_get_type ())
G_DECLARE_FINAL_TYPE (TmReadingRow, tm_reading_row, TM, READING_ROW, AdwExpanderRow)

GtkWidget        *tm_reading_row_new          (const TmSessionReading  *reading);
TmSessionReading *tm_reading_row_get_reading  (TmReadingRow            *self,
                                               const char             **field,
                                               GError                 **error);
char             *tm_reading_row_snapshot     (TmReadingRow            *self);
void              tm_reading_row_mark         (TmReadingRow            *self,
                                               const char              *field);
void              tm_reading_row_clear_marks  (TmReadingRow            *self);

G_END_DECLS
