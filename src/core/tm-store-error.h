/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TM_STORE_ERROR (tm_store_error_quark ())

typedef enum
{
  TM_STORE_ERROR_INVALID,    /* a value was refused; the message says which and why */
  TM_STORE_ERROR_DAMAGED,    /* the file failed its check, or is not a Tidemark file */
  TM_STORE_ERROR_TOO_NEW,    /* written by a newer Tidemark */
  TM_STORE_ERROR_FULL,       /* no room left on the disk */
  TM_STORE_ERROR_READ_ONLY,  /* the folder or file can't be written */
  TM_STORE_ERROR_BUSY,       /* another program holds the file */
  TM_STORE_ERROR_NOT_FOUND,  /* the record is no longer there */
  TM_STORE_ERROR_CHANGED,    /* the record was changed by someone else since it was read */
  TM_STORE_ERROR_FAILED,     /* anything else */
} TmStoreError;

GQuark tm_store_error_quark (void);

G_END_DECLS
