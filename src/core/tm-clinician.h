/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-store.h"

G_BEGIN_DECLS

/* The clinician PIN: a guard against accidental edits of the plan on the
 * patient's own computer, not a security boundary. Only its Argon2id hash
 * (libsodium crypto_pwhash_str) is kept, in the store's meta table. */

#define TM_PIN_MIN_DIGITS 6
#define TM_PIN_MAX_DIGITS 32
/* After a wrong PIN, the next try waits 2^(n-1) seconds, at most this. */
#define TM_PIN_MAX_DELAY_SECONDS 300

gboolean  tm_clinician_has_pin        (TmStore     *store);
gboolean  tm_clinician_validate_pin   (const char  *pin,
                                       GError     **error);
gboolean  tm_clinician_set_pin        (TmStore     *store,
                                       const char  *pin,
                                       GError     **error);
gboolean  tm_clinician_verify_pin     (TmStore     *store,
                                       const char  *pin,
                                       gint64       now,
                                       int         *retry_in,
                                       GError     **error);
int       tm_clinician_get_wait       (TmStore     *store,
                                       gint64       now);
gboolean  tm_clinician_change_pin     (TmStore     *store,
                                       const char  *current_pin,
                                       const char  *new_pin,
                                       gint64       now,
                                       GError     **error);
gboolean  tm_clinician_reset_pin      (TmStore     *store,
                                       GError     **error);
GStrv     tm_clinician_list_resets    (TmStore     *store);
/* Today offers once to set up the plan with the clinician, until there
 * is a plan or the person puts it aside. */
gboolean  tm_clinician_plan_setup_was_offered (TmStore  *store);
gboolean  tm_clinician_set_plan_setup_offered (TmStore  *store,
                                               GError  **error);

G_END_DECLS
