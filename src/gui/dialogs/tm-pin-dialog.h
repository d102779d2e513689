/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

typedef enum
{
  TM_PIN_DIALOG_SET,     /* first use: choose a PIN */
  TM_PIN_DIALOG_ENTER,   /* enter clinician mode */
  TM_PIN_DIALOG_CHANGE,  /* the current PIN, then a new one */
} TmPinDialogMode;

#define TM_TYPE_PIN_DIALOG (tm_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmPinDialog, tm_pin_dialog, TM, PIN_DIALOG, AdwWindow)

TmPinDialog *tm_pin_dialog_new    (GtkWindow       *parent,
                                   TmContext       *context,
                                   TmPinDialogMode  mode);
gboolean     tm_pin_dialog_submit (TmPinDialog     *self);

G_END_DECLS
