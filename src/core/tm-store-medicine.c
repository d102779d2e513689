/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's regular medicines: rows are only added, never changed or
 * removed (the schema refuses it too); a change or a stop is a new row
 * naming the one it replaces, which must be the latest of its line. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

/**
 * tm_store_add_medicine:
 * @medicine: a new row; on success its id and created_at are set
 *
 * Adds a regular medicine, or a change or stop of one (@medicine's
 * replaces), as tm_regular_medicine_check_replaces() allows.
 */
gboolean
tm_store_add_medicine (TmStore            *self,
                       TmRegularMedicine  *medicine,
                       GError            **error)
{
  const char *what = _("the medicine was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_REGULAR_MEDICINE (medicine), FALSE);
  g_return_val_if_fail (medicine->id == 0, FALSE);

  if (!tm_regular_medicine_validate (medicine, NULL, error))
    return FALSE;

  if (medicine->replaces != 0)
    {
      g_autoptr(GPtrArray) all = tm_store_list_medicines (self, error);

      if (all == NULL || !tm_regular_medicine_check_replaces (medicine, all, error))
        return FALSE;
    }

  if (tm_store_add_row (self, TM_TABLE_MEDICINES, medicine, what, error) != TM_SAVED)
    return FALSE;

  g_signal_emit (self, tm_store_signals[TM_STORE_MEDICINES_CHANGED], 0);
  /* S7 reads an added or changed medicine (DESIGN.md). */
  tm_store_emit_record_saved (self, TM_SOURCE_MEDICINE, medicine);
  return TRUE;
}

/**
 * tm_store_list_medicines:
 *
 * Returns: (transfer container) (element-type TmRegularMedicine): every
 *   row, replaced ones too, in the order they were added
 */
GPtrArray *
tm_store_list_medicines (TmStore  *self,
                         GError  **error)
{
  const char *what = _("the medicines could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_MEDICINES, "ORDER BY id", what, error);
  return stmt != NULL ? tm_store_read_rows (self, TM_TABLE_MEDICINES, stmt, what, error) : NULL;
}
