/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What Tidemark is for, said the same way wherever it is said (DESIGN.md,
 * Clinically right: Intended purpose). */
#define G_LOG_DOMAIN "tm-purpose"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-purpose.h"

const char *
tm_intended_purpose_text (void)
{
  return _("Tidemark is a personal record kept by the person it describes. It has not been assessed by any "
           "regulator. It does not diagnose or monitor, contacts no one and gives no dosing advice. In an "
           "emergency, call your local emergency number.");
}
