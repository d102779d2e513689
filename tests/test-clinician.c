/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clinician PIN: only a hash is kept; wrong tries wait longer; a reset
 * is recorded and keeps the plan. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-clinician.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

typedef struct
{
  char    *dir;
  TmStore *store;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tm_test_make_data_dir ();
  f->store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->store);
  tm_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_pin_rules (void)
{
  const struct { const char *pin; const char *message; } bad[] = {
    { "12345", "The PIN must have at least 6 digits (and at most 32)." },
    { "", "The PIN must have at least 6 digits (and at most 32)." },
    { "12345a", "The PIN can only contain the digits 0 to 9." },
    { "123 456", "The PIN can only contain the digits 0 to 9." },
    { "123456789012345678901234567890123", "The PIN must have at least 6 digits (and at most 32)." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (tm_clinician_validate_pin (bad[i].pin, &error));
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
  g_assert_true (tm_clinician_validate_pin ("012345", NULL));
}

static void
test_only_a_hash_is_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  g_assert_false (tm_clinician_has_pin (f->store));
  g_assert_true (tm_clinician_set_pin (f->store, "246810", &error));
  g_assert_no_error (error);
  g_assert_true (tm_clinician_has_pin (f->store));

  hash = tm_store_get_meta (f->store, "clinician-pin-hash");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "246810"));

  g_assert_true (tm_clinician_verify_pin (f->store, "246810", 1000, NULL, &error));
  g_assert_no_error (error);
}

static void
test_wrong_pins_back_off (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = 1000000;
  int retry = 0;
  const int expected[] = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 };

  g_assert_true (tm_clinician_set_pin (f->store, "135790", &error));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_false (tm_clinician_verify_pin (f->store, "000000", now, &retry, &error));
      g_assert_cmpint (retry, ==, expected[i]);
      g_clear_error (&error);

      /* Even the right PIN waits its turn. */
      g_assert_false (tm_clinician_verify_pin (f->store, "135790", now + retry - 1, &retry, &error));
      g_assert_cmpint (retry, ==, 1);
      g_assert_nonnull (strstr (error->message, "Try again in 1 second"));
      g_clear_error (&error);

      now += expected[i];
    }

  /* Once the wait is over, the right PIN opens and clears the count. */
  g_assert_true (tm_clinician_verify_pin (f->store, "135790", now, &retry, &error));
  g_assert_no_error (error);
  g_assert_false (tm_clinician_verify_pin (f->store, "000000", now, &retry, &error));
  g_assert_cmpint (retry, ==, 1);
}

static void
test_change_pin (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_clinician_set_pin (f->store, "111111", &error));
  g_assert_false (tm_clinician_change_pin (f->store, "999999", "222222", 5000, &error));
  g_clear_error (&error);
  g_assert_false (tm_clinician_change_pin (f->store, "111111", "22", 9000, &error));
  g_assert_cmpstr (error->message, ==, "The PIN must have at least 6 digits (and at most 32).");
  g_clear_error (&error);
  g_assert_true (tm_clinician_change_pin (f->store, "111111", "222222", 9000, &error));
  g_assert_true (tm_clinician_verify_pin (f->store, "222222", 9000, NULL, &error));
  g_assert_false (tm_clinician_verify_pin (f->store, "111111", 9000, NULL, &error));
}

static void
test_reset_keeps_plan_and_is_recorded (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-11-03");
  g_autoptr(GPtrArray) plans = NULL;
  g_auto(GStrv) resets = NULL;

  plan->dose_mg = 50;
  g_assert_true (tm_store_add_plan (f->store, plan, &error));
  g_assert_true (tm_clinician_set_pin (f->store, "555555", &error));

  g_assert_true (tm_clinician_reset_pin (f->store, &error));
  g_assert_false (tm_clinician_has_pin (f->store));
  resets = tm_clinician_list_resets (f->store);
  g_assert_cmpuint (g_strv_length (resets), ==, 1);
  g_assert_true (g_str_has_suffix (resets[0], "Z"));

  plans = tm_store_list_plans (f->store, &error);
  g_assert_cmpuint (plans->len, ==, 1);

  /* A new PIN can be set afterwards; a second reset is recorded too. */
  g_assert_true (tm_clinician_set_pin (f->store, "666666", &error));
  g_assert_true (tm_clinician_reset_pin (f->store, &error));
  g_clear_pointer (&resets, g_strfreev);
  resets = tm_clinician_list_resets (f->store);
  g_assert_cmpuint (g_strv_length (resets), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clinician/pin-rules", test_pin_rules);
  g_test_add ("/clinician/only-a-hash-is-kept", Fixture, NULL, set_up, test_only_a_hash_is_kept, tear_down);
  g_test_add ("/clinician/wrong-pins-back-off", Fixture, NULL, set_up, test_wrong_pins_back_off, tear_down);
  g_test_add ("/clinician/change-pin", Fixture, NULL, set_up, test_change_pin, tear_down);
  g_test_add ("/clinician/reset-keeps-plan-and-is-recorded", Fixture, NULL, set_up,
              test_reset_keeps_plan_and_is_recorded, tear_down);

  return g_test_run ();
}
