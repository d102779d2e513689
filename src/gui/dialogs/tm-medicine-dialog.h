/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_MEDICINE_DIALOG (tm_medicine_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmMedicineDialog, tm_medicine_dialog, TM, MEDICINE_DIALOG, AdwWindow)

TmMedicineDialog *tm_medicine_dialog_new       (GtkWindow         *parent,
                                                TmContext         *context,
                                                TmRegularMedicine *medicine);
gboolean          tm_medicine_dialog_save      (TmMedicineDialog  *self);
gboolean          tm_medicine_dialog_stop      (TmMedicineDialog  *self,
                                                const char        *day);

G_END_DECLS
