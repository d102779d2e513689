/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For src/core and the tests: the schema steps and the raw connection. */
#pragma once

#include <sqlite3.h>

#include "tm-store.h"

G_BEGIN_DECLS

/* Migrates an open database from version N to N + 1, inside the
 * transaction the runner opened. */
typedef gboolean (*TmMigrationStep) (sqlite3  *db,
                                     GError  **error);

/* The steps of this Tidemark: steps[0] creates schema v1 in an empty file. */
const TmMigrationStep *tm_schema_get_steps (guint *n_steps);

TmStore *tm_store_open_with_steps (const char             *data_dir,
                                   const TmMigrationStep  *steps,
                                   guint                   n_steps,
                                   GError                **error);

sqlite3 *tm_store_get_db           (TmStore *self);

G_END_DECLS
