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
#define KEY_OUT_OF_HOURS     "clinician-out-of-hours"
#define KEY_COUNTRY          "crisis-country"   /* a code, or ELSEWHERE; absent until confirmed */

#define ELSEWHERE            "elsewhere"

/* DESIGN.md, appendix: crisis lines and emergency numbers by country, in
 * its order. */
static const struct
{
  const char *country;
  const char *name;
  const char *crisis_name;
  const char *crisis_number;
  const char *emergency;
} defaults[] = {
  { "US", N_("United States"), N_("988 Suicide & Crisis Lifeline"), "988", "911" },
  { "CA", N_("Canada"), N_("9-8-8 Suicide Crisis Helpline"), "988", "911" },
  { "GB", N_("United Kingdom"), N_("Samaritans"), "116 123", "999" },
  { "IE", N_("Ireland"), N_("Samaritans"), "116 123", "112" },
  { "AU", N_("Australia"), N_("Lifeline"), "13 11 14", "000" },
  { "NZ", N_("New Zealand"), N_("Need to talk? 1737"), "1737", "111" },
  { "DE", N_("Germany"), N_("TelefonSeelsorge"), "0800 111 0 111", "112" },
  { "FR", N_("France"), N_("3114, numéro national de prévention du suicide"), "3114", "112" },
};

static const char * const countries[] = { "US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (countries) == G_N_ELEMENTS (defaults) + 1);

static int
find_country (const char *country)
{
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (defaults); i++)
    if (g_str_equal (defaults[i].country, country))
      return (int) i;
  return -1;
}

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
  g_free (contacts->clinician_out_of_hours);
  g_free (contacts);
}

/* The territory of a locale's name: "GB" for en_GB.UTF-8 or en_GB@euro;
 * NULL for C, POSIX or a name without two letters after its "_". */
static char *
territory_of (const char *locale)
{
  const char *underscore;

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL)
    return NULL;
  if (!g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]))
    return NULL;
  if (underscore[3] != '\0' && underscore[3] != '.' && underscore[3] != '@')
    return NULL;
  return g_ascii_strup (underscore + 1, 2);
}

/**
 * tm_locale_country:
 *
 * Where the person is, as their locale says: the territory of the
 * telephone numbers' locale, else of the addresses', else of the language
 * (LANG). Each is read from the environment first (LC_ALL overriding
 * them, as it does for the C library), so that it counts even when that
 * locale is not installed, then from the C library. A locale without a
 * territory (C.UTF-8) says nothing, and the next is asked.
 *
 * Returns: (nullable): an ISO 3166 code, "GB" for en_GB.UTF-8; %NULL when
 *   no locale names a territory
 */
char *
tm_locale_country (void)
{
  const char *candidates[] = {
    g_getenv ("LC_ALL"),
    g_getenv ("LC_TELEPHONE"),
#ifdef LC_TELEPHONE
    setlocale (LC_TELEPHONE, NULL),
#endif
    g_getenv ("LC_ADDRESS"),
#ifdef LC_ADDRESS
    setlocale (LC_ADDRESS, NULL),
#endif
    g_getenv ("LANG"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      char *territory = territory_of (candidates[i]);

      if (territory != NULL)
        return territory;
    }
  return NULL;
}

/**
 * tm_crisis_countries:
 *
 * Returns: (transfer none): the countries whose numbers Tidemark knows, in
 *   the order to offer them, %NULL-terminated
 */
const char * const *
tm_crisis_countries (void)
{
  return countries;
}

/**
 * tm_crisis_country_get_name:
 * @country: (nullable): a code from tm_crisis_countries ()
 *
 * Returns: "United Kingdom"; "Elsewhere" for %NULL or a country whose
 *   numbers Tidemark does not know
 */
const char *
tm_crisis_country_get_name (const char *country)
{
  int i = find_country (country);

  if (i < 0)
    return C_("crisis numbers for", "Elsewhere");
  return _(defaults[i].name);
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
  int i = find_country (country);

  if (i >= 0)
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

/* The country whose numbers are used: the one the person confirmed or
 * chose, else the locale's when Tidemark knows its numbers; NULL is
 * elsewhere. */
static char *
get_country (TmStore  *store,
             gboolean *confirmed)
{
  g_autofree char *stored = tm_store_get_meta (store, KEY_COUNTRY);
  g_autofree char *territory = NULL;

  *confirmed = stored != NULL;
  if (stored != NULL)
    return find_country (stored) >= 0 ? g_steal_pointer (&stored) : NULL;

  territory = tm_locale_country ();
  return find_country (territory) >= 0 ? g_steal_pointer (&territory) : NULL;
}

/**
 * tm_store_get_safety_contacts:
 *
 * The contacts the person set, and their country's defaults for what they
 * did not.
 */
TmSafetyContacts *
tm_store_get_safety_contacts (TmStore *store)
{
  TmSafetyContacts *contacts = g_new0 (TmSafetyContacts, 1);
  g_autofree char *name = tm_store_get_meta (store, KEY_CRISIS_NAME);
  g_autofree char *number = tm_store_get_meta (store, KEY_CRISIS_NUMBER);
  g_autofree char *emergency = tm_store_get_meta (store, KEY_EMERGENCY);

  contacts->country = get_country (store, &contacts->country_confirmed);
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
  contacts->clinician_out_of_hours = tm_store_get_meta (store, KEY_OUT_OF_HOURS);

  return contacts;
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static gboolean
validate_clinician_phones (const char  *phone,
                           const char  *out_of_hours,
                           const char **field,
                           GError     **error)
{
  if (!tm_validate_phone_number (phone, _("The clinician's phone"), error))
    return *field = "clinician_phone", FALSE;
  if (!tm_validate_phone_number (out_of_hours, _("The out-of-hours number"), error))
    return *field = "clinician_out_of_hours", FALSE;
  return TRUE;
}

/* Sets each of @n_keys keys, or none. */
static gboolean
set_meta_all (TmStore            *store,
              const char * const *keys,
              const char * const *values,
              guint               n_keys,
              GError            **error)
{
  if (!tm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_keys; i++)
    if (!tm_store_set_meta (store, keys[i], values[i], error))
      {
        tm_store_rollback (store);
        return FALSE;
      }
  if (!tm_store_commit (store, error))
    {
      tm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_store_set_safety_contacts:
 * @field: (out) (optional): "crisis_number", "emergency_number",
 *   "clinician_phone", "clinician_out_of_hours" or a name at fault
 *
 * Keeps what the person entered. An empty crisis number or emergency
 * number, or one that is the country's own, follows the country: it is
 * not kept, so that another country brings its numbers.
 */
gboolean
tm_store_set_safety_contacts (TmStore                 *store,
                              const TmSafetyContacts  *contacts,
                              const char             **field,
                              GError                 **error)
{
  const char *unused = NULL;
  gboolean confirmed;
  g_autofree char *country = NULL;
  g_autofree char *default_name = NULL;
  g_autofree char *default_number = NULL;
  g_autofree char *default_emergency = NULL;
  const char *name = empty_to_null (contacts->crisis_name);
  const char *number = empty_to_null (contacts->crisis_number);
  const char *emergency = empty_to_null (contacts->emergency_number);

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
  if (!validate_clinician_phones (contacts->clinician_phone, contacts->clinician_out_of_hours, field,
                                  error))
    return FALSE;

  country = get_country (store, &confirmed);
  tm_crisis_defaults (country, &default_name, &default_number, &default_emergency);
  if (number == NULL ||
      (g_strcmp0 (number, default_number) == 0 && (name == NULL || g_strcmp0 (name, default_name) == 0)))
    name = number = NULL;
  if (g_strcmp0 (emergency, default_emergency) == 0)
    emergency = NULL;

  /* All six, or none: a crisis line's name never goes with another's number. */
  {
    const char * const keys[] = { KEY_CRISIS_NAME, KEY_CRISIS_NUMBER, KEY_EMERGENCY,
                                  KEY_CLINICIAN_NAME, KEY_CLINICIAN_PHONE, KEY_OUT_OF_HOURS };
    const char * const values[] = { name, number, emergency,
                                    empty_to_null (contacts->clinician_name),
                                    empty_to_null (contacts->clinician_phone),
                                    empty_to_null (contacts->clinician_out_of_hours) };

    return set_meta_all (store, keys, values, G_N_ELEMENTS (keys), error);
  }
}

/**
 * tm_store_set_clinician_phones:
 * @phone: (nullable): the clinician's phone; empty or %NULL for none
 * @out_of_hours: (nullable): who to call when the clinician can't be reached
 * @field: (out) (optional): "clinician_phone" or "clinician_out_of_hours"
 *   when one is refused
 *
 * Keeps the clinician's two numbers, as the plan editor asks for them; the
 * other contacts stay as they are.
 */
gboolean
tm_store_set_clinician_phones (TmStore     *store,
                               const char  *phone,
                               const char  *out_of_hours,
                               const char **field,
                               GError     **error)
{
  const char *unused = NULL;
  const char * const keys[] = { KEY_CLINICIAN_PHONE, KEY_OUT_OF_HOURS };
  const char * const values[] = { empty_to_null (phone), empty_to_null (out_of_hours) };

  if (field == NULL)
    field = &unused;
  *field = NULL;

  if (!validate_clinician_phones (phone, out_of_hours, field, error))
    return FALSE;
  return set_meta_all (store, keys, values, G_N_ELEMENTS (keys), error);
}

/**
 * tm_store_set_crisis_country:
 * @country: (nullable): one of tm_crisis_countries (), or %NULL for
 *   elsewhere
 *
 * Keeps the country whose crisis numbers are shown, as the person
 * confirmed or chose it; from now on the locale no longer decides. A
 * different country than before brings its own numbers, in place of any
 * the person entered for the one before; the same one keeps them.
 */
gboolean
tm_store_set_crisis_country (TmStore     *store,
                             const char  *country,
                             GError     **error)
{
  gboolean confirmed;
  g_autofree char *before = NULL;

  if (country != NULL && find_country (country) < 0)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: %s is a country code such as "IT" */
                   _("Tidemark has no crisis numbers for “%s”. Choose Elsewhere and enter your own."),
                   country);
      return FALSE;
    }

  before = get_country (store, &confirmed);
  if (g_strcmp0 (before, country) == 0)
    {
      const char * const keys[] = { KEY_COUNTRY };
      const char * const values[] = { country != NULL ? country : ELSEWHERE };

      return set_meta_all (store, keys, values, G_N_ELEMENTS (keys), error);
    }
  else
    {
      const char * const keys[] = { KEY_COUNTRY, KEY_CRISIS_NAME, KEY_CRISIS_NUMBER, KEY_EMERGENCY };
      const char * const values[] = { country != NULL ? country : ELSEWHERE, NULL, NULL, NULL };

      return set_meta_all (store, keys, values, G_N_ELEMENTS (keys), error);
    }
}
