/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Help by reason: which numbers and which warning signs each rule's help
 * shows; what Tidemark says about itself. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-safety-help.h"

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
  g_assert_cmpuint (g_strv_length (help->signs), ==, G_N_ELEMENTS (signs));
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    g_assert_true (has_sign (help, signs[i]));
  g_assert_nonnull (strstr (help->after_signs, "on their side"));
  g_assert_false (has_sign (help, "Shortness of breath"));
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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety-help/self-harm", test_help_self_harm);
  g_test_add_func ("/safety-help/blood-pressure", test_help_blood_pressure);
  g_test_add_func ("/safety-help/after-dose", test_help_after_dose);
  g_test_add_func ("/safety-help/general", test_help_general);
  g_test_add_func ("/safety-help/what-tidemark-is", test_what_tidemark_is);

  return g_test_run ();
}
