/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Encrypted files: the TIDEMARK-ENC1 format of DESIGN.md. libsodium's
 * secretstream (XChaCha20-Poly1305) in chunks, with a header that says
 * where the key comes from: a passphrase (Argon2id, its parameters and
 * salt in the header) or a random key kept in the keyring (the header
 * names the key by its fingerprint). The header is authenticated with the
 * first chunk, the last chunk is marked final: a wrong key, a changed,
 * missing, added or reordered byte is refused and nothing is returned.
 *
 * Layout, every number little-endian:
 *   "TIDEMARK-ENC1"  13 bytes
 *   version          1 byte (1)
 *   key source       1 byte (TmCryptKeySource)
 *   passphrase only: opslimit u32, memlimit in KiB u32, salt 16 bytes
 *   key check        16 bytes: BLAKE2b keyed by the key, of a constant
 *   stream header    24 bytes
 *   chunks           u32 length, then that many bytes of ciphertext
 */

#define TM_CRYPT_MAGIC "TIDEMARK-ENC1"
#define TM_CRYPT_KEY_BYTES 32
/* The largest file Tidemark opens: more is refused before it is read. */
#define TM_CRYPT_MAX_BYTES (512 * 1024 * 1024)

#define TM_CRYPT_ERROR (tm_crypt_error_quark ())

typedef enum
{
  TM_CRYPT_ERROR_NOT_ENCRYPTED,   /* no TIDEMARK-ENC1 header */
  TM_CRYPT_ERROR_VERSION,         /* a version this Tidemark can't read */
  TM_CRYPT_ERROR_WRONG_PASSPHRASE,
  TM_CRYPT_ERROR_WRONG_KEY,       /* sealed with another key */
  TM_CRYPT_ERROR_NEEDS_PASSPHRASE, /* a key was given, the file wants a passphrase */
  TM_CRYPT_ERROR_NEEDS_KEY,       /* a passphrase was given, the file wants the key */
  TM_CRYPT_ERROR_DAMAGED,         /* changed, cut short or reordered */
  TM_CRYPT_ERROR_PASSPHRASE,      /* a passphrase too short to seal with */
  TM_CRYPT_ERROR_RECOVERY_CODE,   /* a recovery code mistyped */
  TM_CRYPT_ERROR_FAILED,          /* out of memory, libsodium unavailable */
} TmCryptError;

typedef enum
{
  TM_CRYPT_KEY_SOURCE_PASSPHRASE = 1,
  TM_CRYPT_KEY_SOURCE_KEY = 2,
} TmCryptKeySource;

/* The shortest passphrase Tidemark seals with, in characters. */
#define TM_CRYPT_MIN_PASSPHRASE 8

GQuark   tm_crypt_error_quark (void);

/* A key: 32 random bytes, kept in memory libsodium guards and wipes. */
typedef struct _TmCryptKey TmCryptKey;

TmCryptKey   *tm_crypt_key_new_random          (void);
TmCryptKey   *tm_crypt_key_new_from_bytes      (const guint8      *bytes,
                                                gsize              length,
                                                GError           **error);
const guint8 *tm_crypt_key_get_bytes           (const TmCryptKey  *key);
/* 32 lowercase hex digits: what a sealed file names its key by. */
char         *tm_crypt_key_get_fingerprint     (const TmCryptKey  *key);
/* The key written for paper: 52 base-32 characters in groups of four,
 * then a check group of four (XXXX-XXXX-…); read back ignoring case,
 * spaces and dashes, a mistyped character refused by the check. */
char         *tm_crypt_key_to_recovery_code    (const TmCryptKey  *key);
TmCryptKey   *tm_crypt_key_new_from_recovery_code (const char     *code,
                                                   GError        **error);
void          tm_crypt_key_free                (TmCryptKey        *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmCryptKey, tm_crypt_key_free)

gboolean  tm_crypt_check_passphrase      (const char        *passphrase,
                                          GError           **error);

GBytes   *tm_crypt_seal_with_passphrase  (GBytes            *plain,
                                          const char        *passphrase,
                                          GError           **error);
GBytes   *tm_crypt_seal_with_key         (GBytes            *plain,
                                          const TmCryptKey  *key,
                                          GError           **error);

/* Whether DATA starts like an encrypted file (it may still be damaged). */
gboolean  tm_crypt_is_encrypted          (const guint8      *data,
                                          gsize              length);
/* What the header asks for: a passphrase, or the key with FINGERPRINT. */
gboolean  tm_crypt_read_header           (GBytes            *sealed,
                                          TmCryptKeySource  *source,
                                          char             **fingerprint,
                                          GError           **error);

GBytes   *tm_crypt_open_with_passphrase  (GBytes            *sealed,
                                          const char        *passphrase,
                                          GError           **error);
GBytes   *tm_crypt_open_with_key         (GBytes            *sealed,
                                          const TmCryptKey  *key,
                                          GError           **error);

/* For tests and the fuzzer: Argon2id's cost when sealing with a
 * passphrase (0, 0: the defaults, libsodium's "moderate"). Reading takes
 * the cost from the header, within bounds. */
void      tm_crypt_set_cost_for_testing  (guint32            opslimit,
                                          guint32            memlimit_kib);

G_END_DECLS
