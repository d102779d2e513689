/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tm-crypt.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

G_DEFINE_QUARK (tm-crypt-error-quark, tm_crypt_error)

#define VERSION 1
#define MAGIC_LENGTH (sizeof TM_CRYPT_MAGIC - 1)
#define CHECK_BYTES 16
#define SALT_BYTES crypto_pwhash_SALTBYTES
#define STREAM_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define CHUNK_BYTES (64 * 1024)
#define SEALED_CHUNK_BYTES (CHUNK_BYTES + crypto_secretstream_xchacha20poly1305_ABYTES)
#define KEY_CHECK_CONTEXT "TIDEMARK-ENC1 key check"

/* What a header may ask of Argon2id: beyond these a file is refused
 * before any work, so a changed header can't make Tidemark spend minutes
 * or gigabytes. */
#define MAX_OPSLIMIT 10
#define MAX_MEMLIMIT_KIB (1024 * 1024)

#define RECOVERY_ALPHABET "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#define RECOVERY_KEY_CHARS 52
#define RECOVERY_CHECK_CHARS 4

struct _TmCryptKey
{
  guint8 *bytes;
};

typedef struct
{
  TmCryptKeySource source;
  guint32 opslimit;
  guint32 memlimit_kib;
  const guint8 *salt;
  const guint8 *check;
  const guint8 *stream_header;
  gsize length;   /* of the whole header, which the first chunk authenticates */
} Header;

static guint32 testing_opslimit;
static guint32 testing_memlimit_kib;

static gboolean
ensure_sodium (GError **error)
{
  static gsize ready = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&ready))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&ready, 1);
    }
  if (!ok)
    g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_FAILED,
                         _("Encryption is not available on this computer."));
  return ok;
}

void
tm_crypt_set_cost_for_testing (guint32 opslimit,
                               guint32 memlimit_kib)
{
  testing_opslimit = opslimit;
  testing_memlimit_kib = memlimit_kib;
}

static void
get_cost (guint32 *opslimit,
          guint32 *memlimit_kib)
{
  if (testing_opslimit != 0)
    {
      *opslimit = testing_opslimit;
      *memlimit_kib = testing_memlimit_kib;
      return;
    }
  *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  *memlimit_kib = crypto_pwhash_MEMLIMIT_MODERATE / 1024;
}

static gboolean
cost_is_acceptable (guint32 opslimit,
                    guint32 memlimit_kib)
{
  guint32 max_ops = testing_opslimit != 0 ? testing_opslimit : MAX_OPSLIMIT;
  guint32 max_mem = testing_opslimit != 0 ? testing_memlimit_kib : MAX_MEMLIMIT_KIB;

  return opslimit >= crypto_pwhash_OPSLIMIT_MIN && opslimit <= max_ops &&
         (guint64) memlimit_kib * 1024 >= crypto_pwhash_MEMLIMIT_MIN &&
         memlimit_kib <= max_mem;
}

/* Keys */

static TmCryptKey *
key_new (void)
{
  TmCryptKey *key;
  guint8 *bytes = sodium_malloc (TM_CRYPT_KEY_BYTES);

  if (bytes == NULL)
    return NULL;
  key = g_new0 (TmCryptKey, 1);
  key->bytes = bytes;
  return key;
}

TmCryptKey *
tm_crypt_key_new_random (void)
{
  TmCryptKey *key;

  if (!ensure_sodium (NULL) || (key = key_new ()) == NULL)
    g_error ("Tidemark cannot make an encryption key");
  randombytes_buf (key->bytes, TM_CRYPT_KEY_BYTES);
  return key;
}

TmCryptKey *
tm_crypt_key_new_from_bytes (const guint8  *bytes,
                             gsize          length,
                             GError       **error)
{
  TmCryptKey *key;

  if (!ensure_sodium (error))
    return NULL;
  if (length != TM_CRYPT_KEY_BYTES)
    {
      g_set_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_KEY,
                   _("This key has %u bytes, not %u: it is not a Tidemark key."),
                   (guint) length, (guint) TM_CRYPT_KEY_BYTES);
      return NULL;
    }
  if ((key = key_new ()) == NULL)
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_FAILED,
                           _("There is not enough memory to hold the key."));
      return NULL;
    }
  memcpy (key->bytes, bytes, TM_CRYPT_KEY_BYTES);
  return key;
}

const guint8 *
tm_crypt_key_get_bytes (const TmCryptKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->bytes;
}

void
tm_crypt_key_free (TmCryptKey *key)
{
  if (key == NULL)
    return;
  sodium_free (key->bytes);
  g_free (key);
}

static void
key_check (const guint8 *key,
           guint8        check[CHECK_BYTES])
{
  crypto_generichash (check, CHECK_BYTES,
                      (const guint8 *) KEY_CHECK_CONTEXT, strlen (KEY_CHECK_CONTEXT),
                      key, TM_CRYPT_KEY_BYTES);
}

static char *
hex (const guint8 *bytes,
     gsize         length)
{
  char *text = g_malloc (length * 2 + 1);

  sodium_bin2hex (text, length * 2 + 1, bytes, length);
  return text;
}

char *
tm_crypt_key_get_fingerprint (const TmCryptKey *key)
{
  guint8 check[CHECK_BYTES];

  g_return_val_if_fail (key != NULL, NULL);
  key_check (key->bytes, check);
  return hex (check, CHECK_BYTES);
}

/* Recovery codes: the key in Crockford's base 32 (no I, L, O or U, so
 * nothing reads as another character), then four characters of a hash
 * of the key, so one mistyped character is caught. */

static void
recovery_check (const guint8 *key,
                char          out[RECOVERY_CHECK_CHARS])
{
  guint8 hash[4];
  guint32 bits;

  crypto_generichash (hash, sizeof hash, key, TM_CRYPT_KEY_BYTES,
                      (const guint8 *) "TIDEMARK recovery", 17);
  bits = ((guint32) hash[0] << 12) | ((guint32) hash[1] << 4) | (hash[2] >> 4);
  for (int i = RECOVERY_CHECK_CHARS - 1; i >= 0; i--, bits >>= 5)
    out[i] = RECOVERY_ALPHABET[bits & 31];
}

char *
tm_crypt_key_to_recovery_code (const TmCryptKey *key)
{
  char chars[RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS];
  GString *code = g_string_new (NULL);
  guint32 buffer = 0;
  int bits = 0, n = 0;

  g_return_val_if_fail (key != NULL, NULL);
  for (gsize i = 0; i < TM_CRYPT_KEY_BYTES; i++)
    {
      buffer = (buffer << 8) | key->bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          chars[n++] = RECOVERY_ALPHABET[(buffer >> (bits - 5)) & 31];
          bits -= 5;
        }
    }
  chars[n++] = RECOVERY_ALPHABET[(buffer << (5 - bits)) & 31];
  g_assert (n == RECOVERY_KEY_CHARS);
  recovery_check (key->bytes, chars + n);

  for (gsize i = 0; i < sizeof chars; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, chars[i]);
    }
  sodium_memzero (chars, sizeof chars);
  buffer = 0;
  return g_string_free (code, FALSE);
}

static int
recovery_value (char c)
{
  const char *at;

  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';
  at = c != '\0' ? strchr (RECOVERY_ALPHABET, c) : NULL;
  return at != NULL ? (int) (at - RECOVERY_ALPHABET) : -1;
}

TmCryptKey *
tm_crypt_key_new_from_recovery_code (const char  *code,
                                     GError     **error)
{
  char chars[RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS];
  char check[RECOVERY_CHECK_CHARS];
  guint8 bytes[TM_CRYPT_KEY_BYTES];
  g_autoptr (TmCryptKey) key = NULL;
  guint32 buffer = 0;
  gsize n = 0, out = 0;
  int bits = 0;

  g_return_val_if_fail (code != NULL, NULL);
  if (!ensure_sodium (error))
    return NULL;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '-' || g_ascii_isspace (*p))
        continue;
      if (recovery_value (*p) < 0 || n == sizeof chars)
        {
          n = sizeof chars + 1;
          break;
        }
      chars[n++] = *p;
    }
  if (n != sizeof chars)
    {
      sodium_memzero (chars, sizeof chars);
      g_set_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_RECOVERY_CODE,
                   _("A recovery code has %d letters and digits in groups of four: "
                     "type it exactly as it was printed."),
                   RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS);
      return NULL;
    }

  for (gsize i = 0; i < RECOVERY_KEY_CHARS; i++)
    {
      buffer = (buffer << 5) | (guint32) recovery_value (chars[i]);
      bits += 5;
      if (bits >= 8)
        {
          bytes[out++] = (buffer >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }
  g_assert (out == TM_CRYPT_KEY_BYTES);
  recovery_check (bytes, check);
  for (gsize i = 0; i < RECOVERY_CHECK_CHARS; i++)
    if (recovery_value (chars[RECOVERY_KEY_CHARS + i]) != recovery_value (check[i]))
      bits = -1;
  /* The last character carries 4 bits of padding, which are zero. */
  if (bits < 0 || (buffer & ((1u << bits) - 1)) != 0)
    {
      sodium_memzero (bytes, sizeof bytes);
      sodium_memzero (chars, sizeof chars);
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_RECOVERY_CODE,
                           _("This recovery code has a mistake: check each group "
                             "against the printed code and try again."));
      return NULL;
    }

  key = tm_crypt_key_new_from_bytes (bytes, sizeof bytes, error);
  sodium_memzero (bytes, sizeof bytes);
  sodium_memzero (chars, sizeof chars);
  return g_steal_pointer (&key);
}

gboolean
tm_crypt_check_passphrase (const char  *passphrase,
                           GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < TM_CRYPT_MIN_PASSPHRASE)
    {
      g_set_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A passphrase needs at least %d character: choose a longer one.",
                                "A passphrase needs at least %d characters: choose a longer one.",
                                TM_CRYPT_MIN_PASSPHRASE),
                   TM_CRYPT_MIN_PASSPHRASE);
      return FALSE;
    }
  return TRUE;
}

static TmCryptKey *
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint32        opslimit,
            guint32        memlimit_kib,
            GError       **error)
{
  g_autoptr (TmCryptKey) key = NULL;

  if (!ensure_sodium (error))
    return NULL;
  if ((key = key_new ()) == NULL ||
      crypto_pwhash (key->bytes, TM_CRYPT_KEY_BYTES, passphrase, strlen (passphrase),
                     salt, opslimit, (gsize) memlimit_kib * 1024,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_FAILED,
                           _("There is not enough memory to turn the passphrase "
                             "into a key: close other programs and try again."));
      return NULL;
    }
  return g_steal_pointer (&key);
}

/* Writing */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, sizeof bytes);
}

static guint32
get_u32 (const guint8 *bytes)
{
  return (guint32) bytes[0] | ((guint32) bytes[1] << 8) |
         ((guint32) bytes[2] << 16) | ((guint32) bytes[3] << 24);
}

static GBytes *
seal (GBytes           *plain,
      const TmCryptKey *key,
      TmCryptKeySource  source,
      guint32           opslimit,
      guint32           memlimit_kib,
      const guint8     *salt)
{
  crypto_secretstream_xchacha20poly1305_state state;
  GByteArray *out = g_byte_array_new ();
  guint8 stream_header[STREAM_HEADER_BYTES];
  guint8 check[CHECK_BYTES];
  guint8 version = VERSION, kind = source;
  const guint8 *data;
  gsize length, header_length, done = 0;
  guint8 *chunk = g_malloc (SEALED_CHUNK_BYTES);

  data = g_bytes_get_data (plain, &length);
  g_byte_array_append (out, (const guint8 *) TM_CRYPT_MAGIC, MAGIC_LENGTH);
  g_byte_array_append (out, &version, 1);
  g_byte_array_append (out, &kind, 1);
  if (source == TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    {
      put_u32 (out, opslimit);
      put_u32 (out, memlimit_kib);
      g_byte_array_append (out, salt, SALT_BYTES);
    }
  key_check (key->bytes, check);
  g_byte_array_append (out, check, CHECK_BYTES);
  crypto_secretstream_xchacha20poly1305_init_push (&state, stream_header, key->bytes);
  g_byte_array_append (out, stream_header, STREAM_HEADER_BYTES);
  header_length = out->len;

  do
    {
      gsize part = MIN (length - done, CHUNK_BYTES);
      gboolean last = done + part == length;
      unsigned long long sealed_length;
      g_autofree guint8 *ad = NULL;

      /* The first chunk authenticates the header: change a byte of it and
       * nothing opens. A copy, as the array may move while it grows. */
      if (done == 0)
        ad = g_memdup2 (out->data, header_length);
      crypto_secretstream_xchacha20poly1305_push (&state, chunk, &sealed_length,
                                                  data + done, part,
                                                  ad, ad != NULL ? header_length : 0,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      put_u32 (out, (guint32) sealed_length);
      g_byte_array_append (out, chunk, sealed_length);
      done += part;
    }
  while (done < length);

  sodium_memzero (&state, sizeof state);
  g_free (chunk);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
tm_crypt_seal_with_passphrase (GBytes      *plain,
                               const char  *passphrase,
                               GError     **error)
{
  g_autoptr (TmCryptKey) key = NULL;
  guint8 salt[SALT_BYTES];
  guint32 opslimit, memlimit_kib;

  g_return_val_if_fail (plain != NULL, NULL);
  if (!tm_crypt_check_passphrase (passphrase, error) || !ensure_sodium (error))
    return NULL;
  get_cost (&opslimit, &memlimit_kib);
  randombytes_buf (salt, sizeof salt);
  if ((key = derive_key (passphrase, salt, opslimit, memlimit_kib, error)) == NULL)
    return NULL;
  return seal (plain, key, TM_CRYPT_KEY_SOURCE_PASSPHRASE, opslimit, memlimit_kib, salt);
}

GBytes *
tm_crypt_seal_with_key (GBytes            *plain,
                        const TmCryptKey  *key,
                        GError           **error)
{
  g_return_val_if_fail (plain != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  if (!ensure_sodium (error))
    return NULL;
  return seal (plain, key, TM_CRYPT_KEY_SOURCE_KEY, 0, 0, NULL);
}

/* Reading */

gboolean
tm_crypt_is_encrypted (const guint8 *data,
                       gsize         length)
{
  return data != NULL && length >= MAGIC_LENGTH &&
         memcmp (data, TM_CRYPT_MAGIC, MAGIC_LENGTH) == 0;
}

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED,
                       _("This encrypted file has been changed or cut short, so "
                         "Tidemark cannot trust it: nothing was read from it."));
  return FALSE;
}

static gboolean
parse_header (const guint8  *data,
              gsize          length,
              Header        *header,
              GError       **error)
{
  gsize at = MAGIC_LENGTH + 2;

  if (!tm_crypt_is_encrypted (data, length))
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NOT_ENCRYPTED,
                           _("This is not a file Tidemark encrypted."));
      return FALSE;
    }
  if (length < at)
    return set_damaged (error);
  if (data[MAGIC_LENGTH] != VERSION)
    {
      g_set_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_VERSION,
                   _("This file was encrypted in a format this Tidemark does not know "
                     "(version %u): open it with the Tidemark that wrote it, or a newer one."),
                   data[MAGIC_LENGTH]);
      return FALSE;
    }

  memset (header, 0, sizeof *header);
  header->source = data[MAGIC_LENGTH + 1];
  if (header->source == TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    {
      if (length < at + 8 + SALT_BYTES)
        return set_damaged (error);
      header->opslimit = get_u32 (data + at);
      header->memlimit_kib = get_u32 (data + at + 4);
      header->salt = data + at + 8;
      at += 8 + SALT_BYTES;
      if (!cost_is_acceptable (header->opslimit, header->memlimit_kib))
        return set_damaged (error);
    }
  else if (header->source != TM_CRYPT_KEY_SOURCE_KEY)
    return set_damaged (error);

  if (length < at + CHECK_BYTES + STREAM_HEADER_BYTES)
    return set_damaged (error);
  header->check = data + at;
  header->stream_header = data + at + CHECK_BYTES;
  header->length = at + CHECK_BYTES + STREAM_HEADER_BYTES;
  return TRUE;
}

static gboolean
check_size (GBytes  *sealed,
            GError **error)
{
  if (g_bytes_get_size (sealed) > TM_CRYPT_MAX_BYTES)
    {
      g_set_error (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_DAMAGED,
                   _("This file is larger than %u MB, more than any Tidemark record: "
                     "it is not one Tidemark wrote."),
                   (guint) (TM_CRYPT_MAX_BYTES / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}

gboolean
tm_crypt_read_header (GBytes            *sealed,
                      TmCryptKeySource  *source,
                      char             **fingerprint,
                      GError           **error)
{
  const guint8 *data;
  gsize length;
  Header header;

  g_return_val_if_fail (sealed != NULL, FALSE);
  data = g_bytes_get_data (sealed, &length);
  if (!check_size (sealed, error) || !parse_header (data, length, &header, error))
    return FALSE;
  if (source != NULL)
    *source = header.source;
  if (fingerprint != NULL)
    *fingerprint = header.source == TM_CRYPT_KEY_SOURCE_KEY ? hex (header.check, CHECK_BYTES) : NULL;
  return TRUE;
}

static GBytes *
open_stream (const guint8      *data,
             gsize              length,
             const Header      *header,
             const TmCryptKey  *key,
             GError           **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  GByteArray *out = g_byte_array_new ();
  guint8 *chunk = g_malloc (CHUNK_BYTES);
  gsize at = header->length;
  gboolean final = FALSE, ok = TRUE;

  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header->stream_header, key->bytes) != 0)
    ok = FALSE;

  while (ok && !final)
    {
      unsigned long long part;
      unsigned char tag;
      guint32 sealed_length;
      gboolean first = at == header->length;

      if (length - at < 4)
        {
          ok = FALSE;
          break;
        }
      sealed_length = get_u32 (data + at);
      at += 4;
      if (sealed_length < crypto_secretstream_xchacha20poly1305_ABYTES ||
          sealed_length > SEALED_CHUNK_BYTES || sealed_length > length - at ||
          crypto_secretstream_xchacha20poly1305_pull (&state, chunk, &part, &tag,
                                                      data + at, sealed_length,
                                                      first ? data : NULL,
                                                      first ? header->length : 0) != 0 ||
          (tag != 0 && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL))
        {
          ok = FALSE;
          break;
        }
      at += sealed_length;
      g_byte_array_append (out, chunk, part);
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }

  sodium_memzero (&state, sizeof state);
  sodium_memzero (chunk, CHUNK_BYTES);
  g_free (chunk);
  /* Cut short before the final chunk, or more after it. */
  if (!ok || at != length)
    {
      sodium_memzero (out->data, out->len);
      g_byte_array_unref (out);
      set_damaged (error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}

static gboolean
check_key (const Header      *header,
           const TmCryptKey  *key,
           GError           **error)
{
  guint8 check[CHECK_BYTES];

  key_check (key->bytes, check);
  if (sodium_memcmp (check, header->check, CHECK_BYTES) == 0)
    return TRUE;
  if (header->source == TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_PASSPHRASE,
                         _("This is not the passphrase the file was encrypted with: "
                           "check it and try again."));
  else
    g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_KEY,
                         _("This file was encrypted with another key than this "
                           "computer's: open it with its recovery code."));
  return FALSE;
}

GBytes *
tm_crypt_open_with_passphrase (GBytes      *sealed,
                               const char  *passphrase,
                               GError     **error)
{
  g_autoptr (TmCryptKey) key = NULL;
  const guint8 *data;
  gsize length;
  Header header;

  g_return_val_if_fail (sealed != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  data = g_bytes_get_data (sealed, &length);
  if (!check_size (sealed, error) || !parse_header (data, length, &header, error))
    return NULL;
  if (header.source != TM_CRYPT_KEY_SOURCE_PASSPHRASE)
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_KEY,
                           _("This file was encrypted with a key from the keyring, not "
                             "a passphrase: open it with its recovery code."));
      return NULL;
    }
  if ((key = derive_key (passphrase, header.salt, header.opslimit, header.memlimit_kib, error)) == NULL ||
      !check_key (&header, key, error))
    return NULL;
  return open_stream (data, length, &header, key, error);
}

GBytes *
tm_crypt_open_with_key (GBytes            *sealed,
                        const TmCryptKey  *key,
                        GError           **error)
{
  const guint8 *data;
  gsize length;
  Header header;

  g_return_val_if_fail (sealed != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  data = g_bytes_get_data (sealed, &length);
  if (!ensure_sodium (error) || !check_size (sealed, error) ||
      !parse_header (data, length, &header, error))
    return NULL;
  if (header.source != TM_CRYPT_KEY_SOURCE_KEY)
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_PASSPHRASE,
                           _("This file was encrypted with a passphrase: enter it to open the file."));
      return NULL;
    }
  if (!check_key (&header, key, error))
    return NULL;
  return open_stream (data, length, &header, key, error);
}
