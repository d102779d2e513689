/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tm-crypt.h"

/* What the encrypted reader's fuzzer opens with, and its seeds are sealed
 * with (make-enc-seeds.c): a fixed key, a fixed passphrase, Argon2id at
 * its cheapest. */
#define FUZZ_ENC_PASSPHRASE   "fuzzing passphrase"
#define FUZZ_ENC_OPSLIMIT     1
#define FUZZ_ENC_MEMLIMIT_KIB 8192

static inline void
fuzz_enc_fill_key (guint8 bytes[TM_CRYPT_KEY_BYTES])
{
  for (guint i = 0; i < TM_CRYPT_KEY_BYTES; i++)
    bytes[i] = (guint8) (i * 37 + 11);
}
