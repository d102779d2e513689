/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What Tidemark says when someone asks for help, by the reason they ask
 * (DESIGN.md, "Help by reason"): which numbers to show and which warning
 * signs call for emergency services. And what Tidemark says about itself:
 * what it is for, and that it tells no one. Calm and plain, never dosing
 * advice. */
#define G_LOG_DOMAIN "tm-safety-help"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-safety-help.h"

/* The signs of a hypertensive crisis. */
static const char * const blood_pressure_signs[] = {
  N_("Chest pain"),
  N_("Shortness of breath"),
  N_("A sudden, severe headache"),
  N_("Changes in your vision"),
  N_("Confusion"),
  N_("A seizure"),
  NULL
};

/* When to call emergency services after a dose. */
static const char * const after_dose_signs[] = {
  N_("Slow or difficult breathing"),
  N_("Can't be woken"),
  N_("Chest pain"),
  N_("A seizure"),
  N_("Vomiting while very drowsy"),
  NULL
};

/* When blood in the urine can't wait for the clinician. */
static const char * const bladder_signs[] = {
  N_("Severe pain in the belly, side or back"),
  N_("Not being able to pass urine"),
  N_("A lot of blood, or clots, in the urine"),
  N_("A high temperature with shivering"),
  NULL
};

void
tm_safety_help_free (TmSafetyHelp *help)
{
  if (help == NULL)
    return;

  g_free (help->title);
  g_free (help->body);
  g_free (help->signs_title);
  g_strfreev (help->signs);
  g_free (help->after_signs);
  g_free (help->note);
  g_free (help);
}

/**
 * tm_safety_help_kind_for_rule:
 * @rule: the rule whose prompt led to the help, or %TM_RULE_NONE
 *
 * The one place that says which help fits which rule. A rule without help
 * of its own, and none, get the general help with every line.
 */
TmHelpKind
tm_safety_help_kind_for_rule (TmRule rule)
{
  switch ((int) rule)
    {
    case TM_RULE_S4:
      return TM_HELP_SELF_HARM;
    case TM_RULE_S5:
      return TM_HELP_BLOOD_PRESSURE;
    case TM_RULE_S8:   /* its urgent prompt: blood in the urine */
      return TM_HELP_BLADDER;
    case TM_RULE_S1:
    case TM_RULE_S11:  /* red flags */
    case TM_RULE_S12:  /* a home dose with nobody there */
    case TM_RULE_S13:  /* strong effects lingering on a dose day */
      return TM_HELP_AFTER_DOSE;
    default:
      return TM_HELP_GENERAL;
    }
}

static char **
translate_signs (const char * const *signs)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **translated;

  for (guint i = 0; signs[i] != NULL; i++)
    g_strv_builder_add (builder, _(signs[i]));
  translated = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return translated;
}

static void
fill_general (TmSafetyHelp *help)
{
  help->lines = TM_HELP_EMERGENCY | TM_HELP_CRISIS_LINE | TM_HELP_CLINICIAN | TM_HELP_OUT_OF_HOURS;
  help->body = g_strdup (_("If you are in danger, or might act on thoughts of harming yourself, call "
                           "emergency services now. A crisis line is there to talk to at any time. "
                           "For anything about your treatment, call your clinician."));
}

static void
fill_self_harm (TmSafetyHelp *help)
{
  help->lines = TM_HELP_CRISIS_LINE | TM_HELP_EMERGENCY | TM_HELP_CLINICIAN;
  help->body = g_strdup (_("If you are in immediate danger, or might act on thoughts of harming "
                           "yourself, call emergency services now. A crisis line is there to talk to "
                           "at any time, day or night. Please tell your clinician soon, too."));
}

static void
fill_blood_pressure (TmSafetyHelp *help)
{
  help->lines = TM_HELP_EMERGENCY | TM_HELP_CLINICIAN | TM_HELP_OUT_OF_HOURS;
  help->body = g_strdup (_("Very high blood pressure after a dose can need care straight away."));
  help->signs_title = g_strdup (_("Call emergency services now if you have any of these:"));
  help->signs = translate_signs (blood_pressure_signs);
  /* Translators: %d/%d is the blood pressure of the urgent threshold, 180/110 */
  help->after_signs = g_strdup_printf (_("Otherwise, sit quietly and measure again in 10 to 15 minutes. "
                                         "If it is still %d/%d or higher, call your clinician, or the "
                                         "out-of-hours number when they can't be reached."),
                                       TM_S5_AFTER_URGENT_SYSTOLIC, TM_S5_AFTER_URGENT_DIASTOLIC);
}

static void
fill_after_dose (TmSafetyHelp *help)
{
  help->lines = TM_HELP_EMERGENCY | TM_HELP_CLINICIAN;
  help->body = g_strdup (_("Stay seated or lying down somewhere safe, with someone nearby."));
  help->signs_title = g_strdup (_("Call emergency services now, or ask someone with you to, if there "
                                  "is any of these:"));
  help->signs = translate_signs (after_dose_signs);
  help->after_signs = g_strdup (_("While you wait for help, lie anyone who is very drowsy or "
                                  "vomiting on their side. If the effects are strong or not easing, "
                                  "call your clinician."));
}

static void
fill_bladder (TmSafetyHelp *help)
{
  help->lines = TM_HELP_EMERGENCY | TM_HELP_CLINICIAN | TM_HELP_OUT_OF_HOURS;
  help->body = g_strdup (_("Blood in the urine needs to be looked at by a doctor soon."));
  help->signs_title = g_strdup (_("Call emergency services now if you have any of these:"));
  help->signs = translate_signs (bladder_signs);
  help->after_signs = g_strdup (_("Otherwise, call your clinician today, or the out-of-hours number "
                                  "when they can't be reached, and say what you noticed."));
}

/**
 * tm_safety_help_for_rule:
 * @rule: the rule whose prompt led to the help, or %TM_RULE_NONE
 *
 * Returns: (transfer full): what the help shows for @rule, translated
 */
TmSafetyHelp *
tm_safety_help_for_rule (TmRule rule)
{
  TmSafetyHelp *help = g_new0 (TmSafetyHelp, 1);

  help->kind = tm_safety_help_kind_for_rule (rule);
  help->title = g_strdup (_("Get Help Now"));
  help->note = g_strdup (tm_contacts_no_one ());

  switch (help->kind)
    {
    case TM_HELP_SELF_HARM:
      fill_self_harm (help);
      break;
    case TM_HELP_BLOOD_PRESSURE:
      fill_blood_pressure (help);
      break;
    case TM_HELP_AFTER_DOSE:
      fill_after_dose (help);
      break;
    case TM_HELP_BLADDER:
      fill_bladder (help);
      break;
    case TM_HELP_GENERAL:
    default:
      fill_general (help);
      break;
    }

  return help;
}

/**
 * tm_contacts_no_one:
 *
 * Returns: the sentence said wherever a text mentions the clinician seeing
 *   something: Tidemark has no network code and tells no one.
 */
const char *
tm_contacts_no_one (void)
{
  return _("Tidemark doesn't send anything to your clinician; they see this only in a report you "
           "show them. Please contact them yourself.");
}

/**
 * tm_intended_purpose:
 *
 * Returns: what Tidemark is for and what it is not, as the About window,
 *   the README and the report say it
 */
const char *
tm_intended_purpose (void)
{
  return _("Tidemark is a personal record of how you are, your dosing sessions and your clinician's "
           "plan. It has not been assessed by any regulator. It does not diagnose or monitor "
           "anything, contacts no one, and gives no dosing advice. In an emergency, call your local "
           "emergency number.");
}
