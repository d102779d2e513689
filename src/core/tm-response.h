/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tm-time.h"

G_BEGIN_DECLS

/* Response and remission on the PHQ-9 (DESIGN.md, Review with the
 * therapist), for the agenda, the PHQ-9 chart and its description. */

#define TM_RESPONSE_PERCENT        50    /* PHQ-9 down by at least this much from the baseline */
#define TM_REMISSION_BELOW         5     /* PHQ-9 below this: remission */

/* The PHQ-9 total response is judged against. */
typedef struct
{
  int       total;                      /* or TM_UNSET without any PHQ-9 */
  gboolean  entered;                    /* the pre-treatment total from the plan editor */
  char      day[TM_DAY_LEN + 1];        /* else the first PHQ-9's day; "" when entered */
} TmPhq9Baseline;

gboolean    tm_phq9_is_response            (int                    baseline,
                                            int                    total);
gboolean    tm_phq9_is_remission           (int                    total);
int         tm_phq9_get_response_at_most   (int                    baseline);
void        tm_phq9_find_baseline          (GPtrArray             *plans,
                                            GPtrArray             *questionnaires,
                                            TmPhq9Baseline        *baseline);
char       *tm_phq9_baseline_describe      (const TmPhq9Baseline  *baseline);
char       *tm_phq9_describe_lines         (const TmPhq9Baseline  *baseline);

G_END_DECLS
