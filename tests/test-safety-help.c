/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Help by reason: which numbers and which warning signs each rule's help
 * shows; what Tidemark says about itself; the crisis numbers' country,
 * from the locale's territory, confirmed and changed; the clinician's
 * numbers. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-safety-contacts.h"
#include "tm-safety-help.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

/* Words that belong to the help for thoughts of self-harm only. */
static const char * const self_harm_words[] = {
  "harm", "hurt", "dead", "suicid", "crisis line", NULL
};

static char *
all_text (const TmSafetyHelp *help)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n%s\n%s\n%s\n", help->title, help->body,
                          help->signs_title != NULL ? help->signs_title : "",
                          help->after_signs != NULL ? help->after_signs : "", help->note);
  for (guint i = 0; help->signs != NULL && help->signs[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", help->signs[i]);
  return g_string_free (text, FALSE);
}

static void
assert_no_self_harm_words (const TmSafetyHelp *help)
{
  g_autofree char *text = all_text (help);
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; self_harm_words[i] != NULL; i++)
    if (strstr (lower, self_harm_words[i]) != NULL)
      g_error ("The help for kind %d says “%s”: %s", help->kind, self_harm_words[i], text);
}

static gboolean
has_sign (const TmSafetyHelp *help,
          const char         *sign)
{
  return help->signs != NULL && g_strv_contains ((const char * const *) help->signs, sign);
}

static void
test_help_self_harm (void)
{
  g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (TM_RULE_S4);

  g_assert_cmpint (help->kind, ==, TM_HELP_SELF_HARM);
  g_assert_cmpint (help->lines, ==, TM_HELP_CRISIS_LINE | TM_HELP_EMERGENCY | TM_HELP_CLINICIAN);
  g_assert_null (help->signs);
  g_assert_null (help->signs_title);
  g_assert_nonnull (strstr (help->body, "call emergency services now"));
  g_assert_nonnull (strstr (help->body, "A crisis line"));
  g_assert_cmpstr (help->note, ==, tm_contacts_no_one ());
}

static void
test_help_blood_pressure (void)
{
  g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (TM_RULE_S5);
  const char *signs[] = { "Chest pain", "Shortness of breath", "A sudden, severe headache",
                          "Changes in your vision", "Confusion", "A seizure" };

  g_assert_cmpint (help->kind, ==, TM_HELP_BLOOD_PRESSURE);
  /* No crisis line: it is not a crisis of that kind. */
  g_assert_cmpint (help->lines, ==, TM_HELP_EMERGENCY | TM_HELP_CLINICIAN | TM_HELP_OUT_OF_HOURS);
  g_assert_cmpuint (g_strv_length (help->signs), ==, G_N_ELEMENTS (signs));
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    g_assert_true (has_sign (help, signs[i]));
  g_assert_cmpstr (help->signs_title, ==, "Call emergency services now if you have any of these:");
  /* What to do otherwise: a recheck, then the clinician, at the urgent threshold. */
  g_assert_nonnull (strstr (help->after_signs, "measure again in 10 to 15 minutes"));
  g_assert_nonnull (strstr (help->after_signs, "180/110"));
  g_assert_cmpstr (help->note, ==, tm_contacts_no_one ());
  assert_no_self_harm_words (help);
}

static void
test_help_after_dose (void)
{
  const char *signs[] = { "Slow or difficult breathing", "Can't be woken", "Chest pain", "A seizure",
                          "Vomiting while very drowsy" };
  g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (TM_RULE_S1);

  g_assert_cmpint (help->kind, ==, TM_HELP_AFTER_DOSE);
  g_assert_cmpint (help->lines, ==, TM_HELP_EMERGENCY | TM_HELP_CLINICIAN);
  /* The red flags, a home dose with nobody there, and strong effects that
   * linger: the same help as strong effects after a dose. */
  g_assert_cmpint (tm_safety_help_kind_for_rule (TM_RULE_S11), ==, TM_HELP_AFTER_DOSE);
  g_assert_cmpint (tm_safety_help_kind_for_rule (TM_RULE_S12), ==, TM_HELP_AFTER_DOSE);
  g_assert_cmpint (tm_safety_help_kind_for_rule (TM_RULE_S13), ==, TM_HELP_AFTER_DOSE);
  g_assert_cmpuint (g_strv_length (help->signs), ==, G_N_ELEMENTS (signs));
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    g_assert_true (has_sign (help, signs[i]));
  g_assert_nonnull (strstr (help->after_signs, "on their side"));
  g_assert_false (has_sign (help, "Shortness of breath"));
  assert_no_self_harm_words (help);
}

/* The urgent S8 prompt (blood in the urine) offers help of its own: when
 * it can't wait, and the clinician otherwise; no crisis line, no words
 * about self-harm. */
static void
test_help_bladder (void)
{
  const char *signs[] = { "Severe pain in the belly, side or back", "Not being able to pass urine",
                          "A lot of blood, or clots, in the urine", "A high temperature with shivering" };
  g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (TM_RULE_S8);

  g_assert_cmpint (help->kind, ==, TM_HELP_BLADDER);
  g_assert_cmpint (help->lines, ==, TM_HELP_EMERGENCY | TM_HELP_CLINICIAN | TM_HELP_OUT_OF_HOURS);
  g_assert_cmpuint (g_strv_length (help->signs), ==, G_N_ELEMENTS (signs));
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    g_assert_true (has_sign (help, signs[i]));
  g_assert_nonnull (strstr (help->body, "Blood in the urine"));
  g_assert_nonnull (strstr (help->after_signs, "call your clinician today"));
  g_assert_cmpstr (help->note, ==, tm_contacts_no_one ());
  assert_no_self_harm_words (help);
}

/* Without a reason, or for a rule without help of its own: every line. */
static void
test_help_general (void)
{
  TmRule general[] = { TM_RULE_NONE, TM_RULE_S2, TM_RULE_S3, TM_RULE_S6, TM_RULE_S7, (TmRule) 99 };

  for (guint i = 0; i < G_N_ELEMENTS (general); i++)
    {
      g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (general[i]);

      g_assert_cmpint (tm_safety_help_kind_for_rule (general[i]), ==, TM_HELP_GENERAL);
      g_assert_cmpint (help->kind, ==, TM_HELP_GENERAL);
      g_assert_cmpint (help->lines, ==, TM_HELP_EMERGENCY | TM_HELP_CRISIS_LINE | TM_HELP_CLINICIAN |
                                        TM_HELP_OUT_OF_HOURS);
      g_assert_null (help->signs);
      g_assert_cmpstr (help->title, ==, "Get Help Now");
      g_assert_cmpstr (help->note, ==, tm_contacts_no_one ());
    }
}

/* What Tidemark is, said once for the About window, the README and the
 * report. */
static void
test_what_tidemark_is (void)
{
  const char *purpose = tm_intended_purpose ();

  g_assert_cmpstr (tm_contacts_no_one (), ==,
                   "Tidemark doesn't send anything to your clinician; they see this only in a report "
                   "you show them. Please contact them yourself.");
  g_assert_nonnull (strstr (purpose, "personal record"));
  g_assert_nonnull (strstr (purpose, "not been assessed by any regulator"));
  g_assert_nonnull (strstr (purpose, "does not diagnose or monitor"));
  g_assert_nonnull (strstr (purpose, "contacts no one"));
  g_assert_nonnull (strstr (purpose, "no dosing advice"));
  g_assert_nonnull (strstr (purpose, "call your local emergency number"));
  g_assert_null (strstr (purpose, "medical device"));
}

/* ---- the crisis numbers' country --------------------------------------- */

static const char * const locale_variables[] = { "LC_ALL", "LC_TELEPHONE", "LC_ADDRESS", "LANG" };

typedef struct
{
  char *saved[G_N_ELEMENTS (locale_variables)];
} SavedLocale;

static void
locale_save (SavedLocale *saved)
{
  for (guint i = 0; i < G_N_ELEMENTS (locale_variables); i++)
    saved->saved[i] = g_strdup (g_getenv (locale_variables[i]));
}

static void
locale_restore (SavedLocale *saved)
{
  for (guint i = 0; i < G_N_ELEMENTS (locale_variables); i++)
    {
      if (saved->saved[i] != NULL)
        g_setenv (locale_variables[i], saved->saved[i], TRUE);
      else
        g_unsetenv (locale_variables[i]);
      g_clear_pointer (&saved->saved[i], g_free);
    }
}

/* Sets the four variables (NULL unsets one). */
static void
locale_set (const char *all,
            const char *telephone,
            const char *address,
            const char *lang)
{
  const char *values[] = { all, telephone, address, lang };

  for (guint i = 0; i < G_N_ELEMENTS (locale_variables); i++)
    if (values[i] != NULL)
      g_setenv (locale_variables[i], values[i], TRUE);
    else
      g_unsetenv (locale_variables[i]);
}

static void
test_country_from_locale (void)
{
  const struct
  {
    const char *all, *telephone, *address, *lang;
    const char *country;
  } cases[] = {
    /* The telephone numbers' locale first … */
    { NULL, "en_GB.UTF-8", NULL, "en_US.UTF-8", "GB" },
    { NULL, "en_GB.UTF-8", "en_IE.UTF-8", "en_US.UTF-8", "GB" },
    /* … then the addresses', then the language's. */
    { NULL, NULL, "en_NZ.UTF-8", "en_US.UTF-8", "NZ" },
    { NULL, NULL, NULL, "de_DE.UTF-8", "DE" },
    /* One without a territory says nothing: the next is asked. */
    { NULL, "C.UTF-8", NULL, "fr_FR.UTF-8", "FR" },
    { "C.UTF-8", "en_AU.UTF-8", NULL, "en_US.UTF-8", "AU" },
    /* LC_ALL, when it names a territory, overrides every category. */
    { "en_CA.UTF-8", "en_GB.UTF-8", NULL, "en_US.UTF-8", "CA" },
    /* Modifiers and codesets after the territory. */
    { NULL, NULL, NULL, "de_DE@euro", "DE" },
    { NULL, NULL, NULL, "sr_RS.UTF-8@latin", "RS" },
    { NULL, NULL, NULL, "en_gb", "GB" },
    /* Nothing to go by. */
    { NULL, NULL, NULL, "C.UTF-8", NULL },
    { NULL, NULL, NULL, "en_", NULL },
    { NULL, NULL, NULL, "es_419.UTF-8", NULL },
    { NULL, NULL, NULL, "en_GBR", NULL },
    { NULL, NULL, NULL, NULL, NULL },
  };
  SavedLocale saved;

  locale_save (&saved);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *country = NULL;

      locale_set (cases[i].all, cases[i].telephone, cases[i].address, cases[i].lang);
      country = tm_locale_country ();
      g_assert_cmpstr (country, ==, cases[i].country);
    }
  locale_restore (&saved);
}

/* The case: a British telephone locale in an American English
 * session is the United Kingdom, with its numbers. */
static void
test_country_uk_numbers (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autoptr(GError) error = NULL;
  SavedLocale saved;

  locale_save (&saved);
  locale_set (NULL, "en_GB.UTF-8", NULL, "en_US.UTF-8");

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  contacts = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (contacts->country, ==, "GB");
  g_assert_cmpstr (tm_crisis_country_get_name (contacts->country), ==, "United Kingdom");
  g_assert_false (contacts->country_confirmed);
  g_assert_cmpstr (contacts->crisis_name, ==, "Samaritans");
  g_assert_cmpstr (contacts->crisis_number, ==, "116 123");
  g_assert_cmpstr (contacts->emergency_number, ==, "999");

  locale_restore (&saved);
  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static TmSafetyContacts *
contacts_in (TmStore    *store,
             const char *lang)
{
  SavedLocale saved;
  TmSafetyContacts *contacts;

  locale_save (&saved);
  locale_set (NULL, NULL, NULL, lang);
  contacts = tm_store_get_safety_contacts (store);
  locale_restore (&saved);
  return contacts;
}

/* Confirmed once, the country stays whatever the locale says later;
 * changed, its numbers come with it; the person's own numbers stay as
 * long as the country does. */
static void
test_country_kept (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TmSafetyContacts *contacts;
  const char * const *known = tm_crisis_countries ();
  const char *names[] = { "United States", "Canada", "United Kingdom", "Ireland", "Australia",
                          "New Zealand", "Germany", "France" };

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);

  /* The countries the appendix knows, in its order, and Elsewhere. */
  g_assert_cmpuint (g_strv_length ((char **) known), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (tm_crisis_country_get_name (known[i]), ==, names[i]);
  g_assert_cmpstr (tm_crisis_country_get_name (NULL), ==, "Elsewhere");
  g_assert_cmpstr (tm_crisis_country_get_name ("IT"), ==, "Elsewhere");

  /* Not confirmed: it follows the locale; a territory without numbers is
   * elsewhere. */
  contacts = contacts_in (store, "en_IE.UTF-8");
  g_assert_cmpstr (contacts->country, ==, "IE");
  g_assert_cmpstr (contacts->emergency_number, ==, "112");
  tm_safety_contacts_free (contacts);
  contacts = contacts_in (store, "it_IT.UTF-8");
  g_assert_null (contacts->country);
  g_assert_null (contacts->crisis_number);
  g_assert_cmpstr (contacts->emergency_number, ==, "112");
  g_assert_false (contacts->country_confirmed);
  tm_safety_contacts_free (contacts);

  /* Confirmed: kept whatever the locale says next. */
  g_assert_true (tm_store_set_crisis_country (store, "AU", &error));
  g_assert_no_error (error);
  contacts = contacts_in (store, "en_US.UTF-8");
  g_assert_cmpstr (contacts->country, ==, "AU");
  g_assert_true (contacts->country_confirmed);
  g_assert_cmpstr (contacts->crisis_number, ==, "13 11 14");
  g_assert_cmpstr (contacts->emergency_number, ==, "000");

  /* The person's own crisis line stays while the country does … */
  g_free (contacts->crisis_name);
  g_free (contacts->crisis_number);
  contacts->crisis_name = g_strdup ("Beyond Blue");
  contacts->crisis_number = g_strdup ("1300 22 4636");
  g_assert_true (tm_store_set_safety_contacts (store, contacts, NULL, &error));
  tm_safety_contacts_free (contacts);
  g_assert_true (tm_store_set_crisis_country (store, "AU", &error));
  contacts = contacts_in (store, "en_US.UTF-8");
  g_assert_cmpstr (contacts->crisis_number, ==, "1300 22 4636");
  tm_safety_contacts_free (contacts);

  /* … and gives way to the numbers of another. */
  g_assert_true (tm_store_set_crisis_country (store, "NZ", &error));
  contacts = contacts_in (store, "en_US.UTF-8");
  g_assert_cmpstr (contacts->country, ==, "NZ");
  g_assert_cmpstr (contacts->crisis_number, ==, "1737");
  g_assert_cmpstr (contacts->emergency_number, ==, "111");
  tm_safety_contacts_free (contacts);

  /* Elsewhere, chosen, stays elsewhere even in a known locale. */
  g_assert_true (tm_store_set_crisis_country (store, NULL, &error));
  contacts = contacts_in (store, "en_GB.UTF-8");
  g_assert_null (contacts->country);
  g_assert_true (contacts->country_confirmed);
  g_assert_null (contacts->crisis_number);
  g_assert_cmpstr (contacts->emergency_number, ==, "112");
  tm_safety_contacts_free (contacts);

  /* A country Tidemark has no numbers for is refused, and nothing changes. */
  g_assert_false (tm_store_set_crisis_country (store, "IT", &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Tidemark has no crisis numbers for “IT”. Choose Elsewhere and enter your own.");
  g_clear_error (&error);
  contacts = contacts_in (store, "en_GB.UTF-8");
  g_assert_null (contacts->country);
  tm_safety_contacts_free (contacts);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The clinician's phone and out-of-hours number: checked with a sentence,
 * kept once, whoever sets them. */
static void
test_clinician_numbers (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autoptr(TmSafetyContacts) read_back = NULL;
  g_autoptr(TmSafetyContacts) after = NULL;
  const char *field = NULL;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);

  contacts = tm_store_get_safety_contacts (store);
  g_assert_null (contacts->clinician_out_of_hours);
  contacts->clinician_phone = g_strdup ("+49 30 1234567");
  contacts->clinician_out_of_hours = g_strdup ("after six");
  g_assert_false (tm_store_set_safety_contacts (store, contacts, &field, &error));
  g_assert_cmpstr (field, ==, "clinician_out_of_hours");
  g_assert_cmpstr (error->message, ==,
                   "The out-of-hours number can only have digits, spaces and + - ( ) / . in it.");
  g_clear_error (&error);
  read_back = tm_store_get_safety_contacts (store);
  g_assert_null (read_back->clinician_phone);  /* all or nothing */

  g_free (contacts->clinician_out_of_hours);
  contacts->clinician_out_of_hours = g_strdup ("116 117");
  g_assert_true (tm_store_set_safety_contacts (store, contacts, &field, &error));
  g_clear_pointer (&read_back, tm_safety_contacts_free);
  read_back = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (read_back->clinician_phone, ==, "+49 30 1234567");
  g_assert_cmpstr (read_back->clinician_out_of_hours, ==, "116 117");

  /* The plan editor sets only these two; the rest stays. */
  g_assert_false (tm_store_set_clinician_phones (store, "030 1234", "x", &field, &error));
  g_assert_cmpstr (field, ==, "clinician_out_of_hours");
  g_clear_error (&error);
  g_assert_false (tm_store_set_clinician_phones (store, "", "116 117 116 117 116 117 116 117 116 117 1",
                                                 &field, &error));
  g_assert_cmpstr (error->message, ==, "The out-of-hours number must be a phone number of at most 40 characters.");
  g_clear_error (&error);
  g_assert_true (tm_store_set_clinician_phones (store, "030 1234", "", &field, &error));
  after = tm_store_get_safety_contacts (store);
  g_assert_cmpstr (after->clinician_phone, ==, "030 1234");
  g_assert_null (after->clinician_out_of_hours);
  g_assert_cmpstr (after->clinician_name, ==, read_back->clinician_name);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety-help/self-harm", test_help_self_harm);
  g_test_add_func ("/safety-help/blood-pressure", test_help_blood_pressure);
  g_test_add_func ("/safety-help/after-dose", test_help_after_dose);
  g_test_add_func ("/safety-help/bladder", test_help_bladder);
  g_test_add_func ("/safety-help/general", test_help_general);
  g_test_add_func ("/safety-help/what-tidemark-is", test_what_tidemark_is);
  g_test_add_func ("/safety-help/country-from-locale", test_country_from_locale);
  g_test_add_func ("/safety-help/country-uk-numbers", test_country_uk_numbers);
  g_test_add_func ("/safety-help/country-kept", test_country_kept);
  g_test_add_func ("/safety-help/clinician-numbers", test_clinician_numbers);

  return g_test_run ();
}
