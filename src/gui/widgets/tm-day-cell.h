/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-schedule.h"

G_BEGIN_DECLS

/* What a calendar day shows besides its number. */
typedef struct
{
  int       mood;          /* 0–10 or -1 */
  gboolean  planned;       /* a planned session falls on it */
  int       planned_status;/* TmPlannedStatus when planned */
  int       n_taken;       /* sessions logged that day */
  gboolean  taken_extra;   /* one of them matches no planned day */
  gboolean  cancelled;     /* a planned date the clinician cancelled */
  gboolean  in_month;
  gboolean  today;
} TmDayMarks;

#define TM_TYPE_DAY_CELL (tm_day_cell_get_type ())
G_DECLARE_FINAL_TYPE (TmDayCell, tm_day_cell, TM, DAY_CELL, GtkWidget)

GtkWidget  *tm_day_cell_new          (void);
void        tm_day_cell_set          (TmDayCell        *self,
                                      const char       *day,
                                      const TmDayMarks *marks);
const char *tm_day_cell_get_day      (TmDayCell        *self);
const TmDayMarks *tm_day_cell_get_marks (TmDayCell     *self);
void        tm_day_cell_set_selected (TmDayCell        *self,
                                      gboolean          selected);
char       *tm_day_marks_describe    (const TmDayMarks *marks);
void        tm_day_marks_mood_color  (int               mood,
                                      GdkRGBA          *color);

G_END_DECLS
