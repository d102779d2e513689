/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-progress.h"
#include "tm-store.h"

G_BEGIN_DECLS

/* The record for a clinic's system: one FHIR R4 Bundle in JSON (DESIGN.md,
 * Private and exchangeable; the README lists what it holds). */

/* Tidemark's own codes, for what no standard code names (the README
 * documents each). */
#define TM_FHIR_CODE_SYSTEM "https://tidemark.github.io/fhir/CodeSystem/tidemark"

char     *tm_fhir_default_file_name (const char        *today);
char     *tm_store_write_fhir       (TmStore           *store,
                                     const TmProgress  *progress,
                                     GError           **error);
gboolean  tm_store_export_fhir      (TmStore           *store,
                                     const char        *path,
                                     const TmProgress  *progress,
                                     GError           **error);

G_END_DECLS
