/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tidemark's settings: from the installed schema, or from the build folder
 * when Tidemark runs from there; and the binding that two views share. The
 * application makes them once and hands them on in its context. */
#define G_LOG_DOMAIN "tm-settings"

#include "config.h"

#include "tm-questionnaire.h"
#include "tm-settings.h"

/**
 * tm_settings_new:
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when their
 *   schema is nowhere to be found (the caller keeps its defaults)
 */
GSettings *
tm_settings_new (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) built = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      built = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, installed, FALSE, NULL);
      if (built != NULL)
        schema = g_settings_schema_source_lookup (built, SCHEMA_ID, FALSE);
    }
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; settings will not be kept", SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* The questionnaire cadence as a combo row shows it: "Every 2 weeks"
 * first, "Every week" second. */
static gboolean
cadence_to_row (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  int days = tm_questionnaire_cadence_from_id (g_variant_get_string (variant, NULL));

  g_value_set_uint (value, days == TM_CADENCE_WEEKLY ? 1 : 0);
  return TRUE;
}

static GVariant *
cadence_from_row (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  int days = g_value_get_uint (value) == 1 ? TM_CADENCE_WEEKLY : TM_CADENCE_FORTNIGHTLY;

  return g_variant_new_string (tm_questionnaire_cadence_to_id (days));
}

/**
 * tm_settings_bind_cadence:
 * @combo_row: an #AdwComboRow of "Every 2 weeks" and "Every week", or
 *   "Two weeks" and "One week"
 *
 * Shows the questionnaire cadence in @combo_row, and keeps what is chosen
 * there at once. Preferences and History both show it.
 */
void
tm_settings_bind_cadence (GSettings *settings,
                          gpointer   combo_row)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (combo_row));

  g_settings_bind_with_mapping (settings, "questionnaire-cadence", combo_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, cadence_to_row, cadence_from_row,
                                NULL, NULL);
}

/* A choice's row is its place in the list of ids. */
static gboolean
choice_to_row (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (id, ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_from_row (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char * const *ids = user_data;
  guint selected = g_value_get_uint (value);

  return selected < g_strv_length ((char **) ids) ? g_variant_new_string (ids[selected]) : NULL;
}

/**
 * tm_settings_bind_choices:
 * @key: a key of type "s" with choices
 * @combo_row: an #AdwComboRow with one row for each of @ids, in their order
 * @ids: (array zero-terminated=1): the choices' ids; static, it is kept
 *
 * Shows @key's choice in @combo_row, and keeps what is chosen there at once.
 */
void
tm_settings_bind_choices (GSettings          *settings,
                          const char         *key,
                          gpointer            combo_row,
                          const char * const *ids)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (combo_row));

  g_settings_bind_with_mapping (settings, key, combo_row, "selected", G_SETTINGS_BIND_DEFAULT, choice_to_row,
                                choice_from_row, (gpointer) ids, NULL);
}
