/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clinician mode's PIN. Hashing with libsodium's crypto_pwhash_str
 * (Argon2id, interactive limits); wrong attempts make the next try wait
 * longer; a forgotten PIN is reset from the patient's side by an explicit
 * action that is recorded and keeps the plan history. */
#define G_LOG_DOMAIN "tm-clinician"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tm-clinician.h"

#define KEY_HASH     "clinician-pin-hash"
#define KEY_FAILURES "clinician-pin-failures"
#define KEY_LOCKED   "clinician-pin-locked-until"
#define KEY_RESETS   "clinician-pin-resets"

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                           _("The password library could not start, so the PIN can't be checked."));
      return FALSE;
    }
  return TRUE;
}

gboolean
tm_clinician_has_pin (TmStore *store)
{
  g_autofree char *hash = tm_store_get_meta (store, KEY_HASH);

  return hash != NULL && hash[0] != '\0';
}

/* At least 6 digits, digits only. */
gboolean
tm_clinician_validate_pin (const char  *pin,
                           GError     **error)
{
  gsize len = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                             _("The PIN can only contain the digits 0 to 9."));
        return FALSE;
      }

  if (len < TM_PIN_MIN_DIGITS || len > TM_PIN_MAX_DIGITS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The PIN must have at least %d digits (and at most %d)."),
                   TM_PIN_MIN_DIGITS, TM_PIN_MAX_DIGITS);
      return FALSE;
    }

  return TRUE;
}

static gint64
get_meta_int (TmStore    *store,
              const char *key)
{
  g_autofree char *value = tm_store_get_meta (store, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static gboolean
set_meta_int (TmStore     *store,
              const char  *key,
              gint64       value,
              GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return tm_store_set_meta (store, key, text, error);
}

/**
 * tm_clinician_set_pin:
 *
 * Keeps the hash of @pin, replacing any PIN set before.
 */
gboolean
tm_clinician_set_pin (TmStore     *store,
                      const char  *pin,
                      GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  if (!tm_clinician_validate_pin (pin, error) || !ensure_sodium (error))
    return FALSE;

  if (crypto_pwhash_str (hash, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                           _("There was not enough memory to protect the PIN. Close other "
                             "programs and try again."));
      return FALSE;
    }

  if (!tm_store_set_meta (store, KEY_HASH, hash, error) ||
      !tm_store_set_meta (store, KEY_FAILURES, NULL, error) ||
      !tm_store_set_meta (store, KEY_LOCKED, NULL, error))
    return FALSE;

  sodium_memzero (hash, sizeof hash);
  return TRUE;
}

/* Seconds until the PIN may be tried again; 0 when it may now. */
int
tm_clinician_get_wait (TmStore *store,
                       gint64   now)
{
  gint64 locked_until = get_meta_int (store, KEY_LOCKED);

  return locked_until > now ? (int) (locked_until - now) : 0;
}

/**
 * tm_clinician_verify_pin:
 * @now: the time, in seconds since 1970 (passed in so tests can move it)
 * @retry_in: (out) (optional): after a wrong PIN, seconds until the next try
 *
 * Returns: %TRUE when @pin is the clinician's PIN. A wrong PIN makes the
 *   next try wait 1, 2, 4, … seconds, at most five minutes; a right one
 *   clears the count.
 */
gboolean
tm_clinician_verify_pin (TmStore     *store,
                         const char  *pin,
                         gint64       now,
                         int         *retry_in,
                         GError     **error)
{
  g_autofree char *hash = NULL;
  int wait;
  gint64 failures;
  gint64 delay;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  if (retry_in != NULL)
    *retry_in = 0;

  hash = tm_store_get_meta (store, KEY_HASH);
  if (hash == NULL)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("No clinician PIN is set yet. Set one first."));
      return FALSE;
    }

  wait = tm_clinician_get_wait (store, now);
  if (wait > 0)
    {
      if (retry_in != NULL)
        *retry_in = wait;
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong PINs. Try again in %d second.",
                                "Too many wrong PINs. Try again in %d seconds.", wait),
                   wait);
      return FALSE;
    }

  if (!ensure_sodium (error))
    return FALSE;

  if (pin != NULL && crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0)
    {
      return tm_store_set_meta (store, KEY_FAILURES, NULL, error) &&
             tm_store_set_meta (store, KEY_LOCKED, NULL, error);
    }

  failures = get_meta_int (store, KEY_FAILURES) + 1;
  delay = failures >= 10 ? TM_PIN_MAX_DELAY_SECONDS
                         : MIN ((gint64) 1 << (failures - 1), TM_PIN_MAX_DELAY_SECONDS);
  if (!set_meta_int (store, KEY_FAILURES, failures, error) ||
      !set_meta_int (store, KEY_LOCKED, now + delay, error))
    return FALSE;

  if (retry_in != NULL)
    *retry_in = (int) delay;
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "That is not the clinician PIN. You can try again in %d second.",
                            "That is not the clinician PIN. You can try again in %d seconds.",
                            (gulong) delay),
               (int) delay);
  return FALSE;
}

/* A new PIN, after the current one. */
gboolean
tm_clinician_change_pin (TmStore     *store,
                         const char  *current_pin,
                         const char  *new_pin,
                         gint64       now,
                         GError     **error)
{
  if (!tm_clinician_validate_pin (new_pin, error))
    return FALSE;

  return tm_clinician_verify_pin (store, current_pin, now, NULL, error) &&
         tm_clinician_set_pin (store, new_pin, error);
}

/**
 * tm_clinician_reset_pin:
 *
 * Forgets the PIN, from the patient's side. The plan history stays as it
 * is; the reset is recorded with its time, for the clinician to see.
 */
gboolean
tm_clinician_reset_pin (TmStore  *store,
                        GError  **error)
{
  g_autofree char *log = tm_store_get_meta (store, KEY_RESETS);
  g_autofree char *now = tm_instant_now_utc ();
  g_autofree char *new_log = log != NULL && log[0] != '\0' ? g_strconcat (log, "\n", now, NULL)
                                                           : g_strdup (now);

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  return tm_store_set_meta (store, KEY_RESETS, new_log, error) &&
         tm_store_set_meta (store, KEY_HASH, NULL, error) &&
         tm_store_set_meta (store, KEY_FAILURES, NULL, error) &&
         tm_store_set_meta (store, KEY_LOCKED, NULL, error);
}

/**
 * tm_clinician_list_resets:
 *
 * Returns: (transfer full): when the PIN was reset (UTC instants), oldest first
 */
GStrv
tm_clinician_list_resets (TmStore *store)
{
  g_autofree char *log = tm_store_get_meta (store, KEY_RESETS);

  if (log == NULL || log[0] == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (log, "\n", -1);
}

#define KEY_PLAN_SETUP_OFFERED "plan-setup-offered"

gboolean
tm_clinician_plan_setup_was_offered (TmStore *store)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  value = tm_store_get_meta (store, KEY_PLAN_SETUP_OFFERED);
  return g_strcmp0 (value, "1") == 0;
}

gboolean
tm_clinician_set_plan_setup_offered (TmStore  *store,
                                     GError  **error)
{
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  return tm_store_set_meta (store, KEY_PLAN_SETUP_OFFERED, "1", error);
}
