/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-store.h"

G_BEGIN_DECLS

/* Who to call: a crisis line and the emergency number (defaults by the
 * country, DESIGN.md appendix; the person may change them), and the
 * clinician. Kept with the data, in the store's meta table. The country
 * comes from the locale's territory until the person confirms or
 * changes it. */
typedef struct
{
  char     *crisis_name;       /* "988 Suicide & Crisis Lifeline"; NULL when unknown */
  char     *crisis_number;     /* "988"; NULL when unknown */
  char     *emergency_number;  /* "911"; 112 where nothing is known */
  char     *clinician_name;
  char     *clinician_phone;
  char     *country;           /* whose numbers: one of tm_crisis_countries (), NULL elsewhere */
  char     *clinician_out_of_hours;
  gboolean  country_confirmed; /* chosen or confirmed by the person, not only the locale's */
} TmSafetyContacts;

#define TM_CONTACT_NAME_MAX_CHARS   100
#define TM_CONTACT_NUMBER_MAX_CHARS 40

void              tm_safety_contacts_free      (TmSafetyContacts *contacts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSafetyContacts, tm_safety_contacts_free)

char             *tm_locale_country            (void);
const char * const *tm_crisis_countries        (void);
const char       *tm_crisis_country_get_name   (const char        *country);
gboolean          tm_crisis_defaults           (const char        *country,
                                                char             **crisis_name,
                                                char             **crisis_number,
                                                char             **emergency_number);
gboolean          tm_validate_phone_number     (const char        *number,
                                                const char        *what,
                                                GError           **error);
TmSafetyContacts *tm_store_get_safety_contacts (TmStore           *store);
gboolean          tm_store_set_safety_contacts (TmStore           *store,
                                                const TmSafetyContacts *contacts,
                                                const char       **field,
                                                GError           **error);
gboolean          tm_store_set_clinician_phones (TmStore          *store,
                                                const char        *phone,
                                                const char        *out_of_hours,
                                                const char       **field,
                                                GError           **error);
gboolean          tm_store_set_crisis_country  (TmStore           *store,
                                                const char        *country,
                                                GError           **error);

G_END_DECLS
