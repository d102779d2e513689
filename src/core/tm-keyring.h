/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tm-crypt.h"

G_BEGIN_DECLS

/* Tidemark's backup key in the GNOME keyring (libsecret), under the schema
 * "io.github.tidemark.Tidemark.BackupKey", named by its fingerprint.
 *
 * With the environment variable TM_KEYRING=memory, keys are kept in this
 * process's memory instead: for the tests, and for machines with no
 * keyring daemon. Nothing is then kept once Tidemark quits. */

#define TM_KEYRING_SCHEMA_NAME "io.github.tidemark.Tidemark.BackupKey"

#define TM_KEYRING_ERROR (tm_keyring_error_quark ())

typedef enum
{
  TM_KEYRING_ERROR_UNAVAILABLE,  /* no keyring, or it is locked */
  TM_KEYRING_ERROR_NOT_FOUND,    /* no key with that fingerprint */
} TmKeyringError;

GQuark      tm_keyring_error_quark             (void);

TmCryptKey *tm_keyring_lookup_key              (const char          *fingerprint,
                                                GCancellable        *cancellable,
                                                GError             **error);
TmCryptKey *tm_keyring_get_or_create_key       (gboolean            *created,
                                                GCancellable        *cancellable,
                                                GError             **error);
gboolean    tm_keyring_store_key               (const TmCryptKey    *key,
                                                GCancellable        *cancellable,
                                                GError             **error);

void        tm_keyring_lookup_key_async        (const char          *fingerprint,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TmCryptKey *tm_keyring_lookup_key_finish       (GAsyncResult        *result,
                                                GError             **error);
void        tm_keyring_get_or_create_key_async (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TmCryptKey *tm_keyring_get_or_create_key_finish (GAsyncResult       *result,
                                                 gboolean           *created,
                                                 GError            **error);

/* For tests: forgets every key kept in memory (TM_KEYRING=memory). */
void        tm_keyring_clear_memory_for_testing (void);

G_END_DECLS
