/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-safety.h"

G_BEGIN_DECLS

/* No rule: help asked for from the main menu. */
#define TM_RULE_NONE ((TmRule) 0)

/* Which numbers the help shows, always in this order. */
typedef enum
{
  TM_HELP_EMERGENCY    = 1 << 0,  /* emergency services */
  TM_HELP_CRISIS_LINE  = 1 << 1,  /* a line to talk to about thoughts of self-harm */
  TM_HELP_CLINICIAN    = 1 << 2,  /* the clinician's phone */
  TM_HELP_OUT_OF_HOURS = 1 << 3,  /* the clinician's out-of-hours number */
} TmHelpLines;

/* What help fits the reason it is asked for (DESIGN.md, "Help by reason"). */
typedef enum
{
  TM_HELP_GENERAL,         /* no reason given: every line */
  TM_HELP_SELF_HARM,       /* S4 */
  TM_HELP_BLOOD_PRESSURE,  /* S5: the signs of a hypertensive crisis */
  TM_HELP_AFTER_DOSE,      /* S1, S11: when to call emergency services after a dose */
  TM_HELP_BLADDER,         /* S8: blood in the urine, and when it can't wait */
} TmHelpKind;

typedef struct
{
  TmHelpKind   kind;
  TmHelpLines  lines;
  char        *title;
  char        *body;         /* what to do, in a few plain sentences */
  char        *signs_title;  /* "Call emergency services now with any of these:"; NULL without signs */
  char       **signs;        /* NULL-terminated; NULL without */
  char        *after_signs;  /* what to do otherwise; NULL without signs */
  char        *note;         /* that Tidemark tells no one */
} TmSafetyHelp;

void          tm_safety_help_free          (TmSafetyHelp *help);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSafetyHelp, tm_safety_help_free)

TmHelpKind    tm_safety_help_kind_for_rule (TmRule        rule);
TmSafetyHelp *tm_safety_help_for_rule      (TmRule        rule);

const char   *tm_contacts_no_one           (void);
const char   *tm_intended_purpose          (void);

G_END_DECLS
