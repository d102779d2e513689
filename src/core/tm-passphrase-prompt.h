/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The passphrase of a command (--export-archive, --import-archive): from
 * TIDEMARK_PASSPHRASE when it is set (for scripts), otherwise asked on the
 * terminal without showing what is typed. */

#define TM_PASSPHRASE_VARIABLE "TIDEMARK_PASSPHRASE"

typedef enum
{
  TM_PASSPHRASE_PROMPT_ASK,    /* once, to open */
  TM_PASSPHRASE_PROMPT_NEW,    /* twice, compared, to seal */
} TmPassphrasePromptMode;

char     *tm_passphrase_prompt_read      (TmPassphrasePromptMode   mode,
                                          GError                 **error);
char     *tm_passphrase_prompt_read_from (int                      terminal,
                                          TmPassphrasePromptMode   mode,
                                          GError                 **error);
void      tm_passphrase_prompt_free      (char                    *passphrase);

G_END_DECLS
