/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-csv.h"

G_BEGIN_DECLS

/* A Daylio export (DESIGN.md, Private and exchangeable): its entries, read
 * and checked, waiting for a value from 0 to 10 for each mood name. */

typedef struct _TmDaylio TmDaylio;

TmDaylio   *tm_daylio_read             (TmCsvImport  *import,
                                        const char   *path,
                                        GError      **error);
TmDaylio   *tm_daylio_parse            (TmCsvImport  *import,
                                        const char   *file_name,
                                        const char   *data,
                                        gsize         length);
void        tm_daylio_free             (TmDaylio     *daylio);

guint       tm_daylio_get_n_entries    (TmDaylio     *daylio);
const char * const *tm_daylio_get_mood_names (TmDaylio *daylio);
guint       tm_daylio_count_mood       (TmDaylio     *daylio,
                                        const char   *name);

/* Mood names (any case) → 0–10. */
GHashTable *tm_daylio_moods_new        (void);
int         tm_daylio_moods_lookup     (GHashTable   *moods,
                                        const char   *name);
void        tm_daylio_moods_set        (GHashTable   *moods,
                                        const char   *name,
                                        int           value);
gboolean    tm_daylio_moods_parse      (GHashTable   *moods,
                                        const char   *text,
                                        GError      **error);
const char *tm_daylio_find_unmapped    (TmDaylio     *daylio,
                                        GHashTable   *moods);

gboolean    tm_daylio_add_checkins     (TmDaylio     *daylio,
                                        GHashTable   *moods,
                                        TmCsvImport  *import,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmDaylio, tm_daylio_free)

G_END_DECLS
