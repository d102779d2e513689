/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-safety-contacts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "tm-safety-contacts.h"

#define KEY_CRISIS_NAME      "crisis-line-name"
#define KEY_CRISIS_NUMBER    "crisis-line-number"
#define KEY_EMERGENCY        "emergency-number"
#define KEY_CLINICIAN_NAME   "clinician-name"
#define KEY_CLINICIAN_PHONE  "clinician-phone"

/* DESIGN.md, appendix: crisis lines and emergency numbers by country. */
static const struct
{
  const char *countries;  /* space separated */
  const char *crisis_name;
  const char *crisis_number;
  const char *emergency;
} defaults[] = {
  { "US", N_("988 Suicide & Crisis Lifeline"), "988", "911" },
  { "CA", N_("9-8-8 Suicide Crisis Helpline"), "988", "911" },
  { "GB", N_("Samaritans"), "116 123", "999" },
  { "IE", N_("Samaritans"), "116 123", "112" },
  { "AU", N_("Lifeline"), "13 11 14", "000" },
  { "NZ", N_("Need to talk? 1737"), "1737", "111" },
  { "DE", N_("TelefonSeelsorge"), "0800 111 0 111", "112" },
  { "FR", N_("3114, numéro national de prévention du suicide"), "3114", "112" },
};

void
tm_safety_contacts_free (TmSafetyContacts *contacts)
{
  if (contacts == NULL)
    return;

  g_free (contacts->crisis_name);
  g_free (contacts->crisis_number);
  g_free (contacts->emergency_number);
  g_free (contacts->clinician_name);
  g_free (contacts->clinician_phone);
  g_free (contacts->country);
  g_free (contacts);
}

/**
 * tm_locale_country:
 *
 * Returns: (nullable): the country of the locale's messages ("US" for
 *   en_US.UTF-8), or %NULL for the C locale
 */
char *
tm_locale_country (void)
{
  const char *locale = setlocale (LC_MESSAGES, NULL);
  const char *underscore;
  char country[3];

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL)
    return NULL;

  if (!g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]))
    return NULL;

  country[0] = g_ascii_toupper (underscore[1]);
  country[1] = g_ascii_toupper (underscore[2]);
  country[2] = '\0';
  return g_strdup (country);
}

/**
 * tm_crisis_defaults:
 * @country: (nullable): an ISO 3166 code
 *
 * Returns: whether a crisis line is known for @country. The emergency
 *   number is always set: 112 where nothing else is known.
 */
gboolean
tm_crisis_defaults (const char  *country,
                    char       **crisis_name,
                    char       **crisis_number,
                    char       **emergency_number)
{
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (defaults); i++)
    if (g_strcmp0 (defaults[i].countries, country) == 0)
      {
        *crisis_name = g_strdup (_(defaults[i].crisis_name));
        *crisis_number = g_strdup (defaults[i].crisis_number);
        *emergency_number = g_strdup (defaults[i].emergency);
        return TRUE;
      }

  *crisis_name = NULL;
  *crisis_number = NULL;
  *emergency_number = g_strdup ("112");
  return FALSE;
}

/* Digits, spaces and + - ( ) / . — at most 40 characters, with a digit. */
gboolean
tm_validate_phone_number (const char  *number,
                          const char  *what,
                          GError     **error)
{
  gboolean digit = FALSE;

  if (number == NULL || number[0] == '\0')
    return TRUE;

  for (const char *p = number; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr (" +-()/.", *p) == NULL)
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                       /* Translators: %s is e.g. "The crisis line" */
                       _("%s can only have digits, spaces and + - ( ) / . in it."), what);
          return FALSE;
        }
    }

  if (!digit || strlen (number) > TM_CONTACT_NUMBER_MAX_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s must be a phone number of at most 40 characters."), what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_name (const char  *name,
               const char  *what,
               GError     **error)
{
  if (name == NULL)
    return TRUE;

  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > TM_CONTACT_NAME_MAX_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s must be text of at most 100 characters."), what);
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_store_get_safety_contacts:
 *
 * The contacts the person set, and the locale's defaults for what they
 * did not.
 */
TmSafetyContacts *
tm_store_get_safety_contacts (TmStore *store)
{
  TmSafetyContacts *contacts = g_new0 (TmSafetyContacts, 1);
  g_autofree char *name = tm_store_get_meta (store, KEY_CRISIS_NAME);
  g_autofree char *number = tm_store_get_meta (store, KEY_CRISIS_NUMBER);
  g_autofree char *emergency = tm_store_get_meta (store, KEY_EMERGENCY);

  contacts->country = tm_locale_country ();
  tm_crisis_defaults (contacts->country, &contacts->crisis_name, &contacts->crisis_number,
                      &contacts->emergency_number);

  if (number != NULL)
    {
      g_free (contacts->crisis_name);
      g_free (contacts->crisis_number);
      contacts->crisis_name = g_steal_pointer (&name);
      contacts->crisis_number = g_steal_pointer (&number);
    }
  if (emergency != NULL)
    {
      g_free (contacts->emergency_number);
      contacts->emergency_number = g_steal_pointer (&emergency);
    }
  contacts->clinician_name = tm_store_get_meta (store, KEY_CLINICIAN_NAME);
  contacts->clinician_phone = tm_store_get_meta (store, KEY_CLINICIAN_PHONE);

  return contacts;
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

/**
 * tm_store_set_safety_contacts:
 * @field: (out) (optional): "crisis_number", "emergency_number",
 *   "clinician_phone" or a name at fault
 *
 * Keeps what the person entered; an empty crisis number or emergency
 * number goes back to the locale's default.
 */
gboolean
tm_store_set_safety_contacts (TmStore                 *store,
                              const TmSafetyContacts  *contacts,
                              const char             **field,
                              GError                 **error)
{
  const char *unused = NULL;

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!validate_name (contacts->crisis_name, _("The crisis line's name"), error))
    return *field = "crisis_name", FALSE;
  if (!tm_validate_phone_number (contacts->crisis_number, _("The crisis line"), error))
    return *field = "crisis_number", FALSE;
  if (!tm_validate_phone_number (contacts->emergency_number, _("The emergency number"), error))
    return *field = "emergency_number", FALSE;
  if (!validate_name (contacts->clinician_name, _("The clinician's name"), error))
    return *field = "clinician_name", FALSE;
  if (!tm_validate_phone_number (contacts->clinician_phone, _("The clinician's phone"), error))
    return *field = "clinician_phone", FALSE;

  /* All five, or none: a crisis line's name never goes with another's number. */
  if (!tm_store_begin (store, error))
    return FALSE;
  if (!tm_store_set_meta (store, KEY_CRISIS_NAME, empty_to_null (contacts->crisis_name), error) ||
      !tm_store_set_meta (store, KEY_CRISIS_NUMBER, empty_to_null (contacts->crisis_number),
                          error) ||
      !tm_store_set_meta (store, KEY_EMERGENCY, empty_to_null (contacts->emergency_number),
                          error) ||
      !tm_store_set_meta (store, KEY_CLINICIAN_NAME, empty_to_null (contacts->clinician_name),
                          error) ||
      !tm_store_set_meta (store, KEY_CLINICIAN_PHONE, empty_to_null (contacts->clinician_phone),
                          error) ||
      !tm_store_commit (store, error))
    {
      tm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
