/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tidemark's settings: from the installed schema, or from the build folder
 * when Tidemark runs from there. */
#define G_LOG_DOMAIN "tm-settings"

#include "config.h"

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

/**
 * tm_settings_get:
 *
 * Returns: (transfer none) (nullable): the settings every part of the app
 *   shares, made on first use
 */
GSettings *
tm_settings_get (void)
{
  static GSettings *settings;
  static gboolean tried;

  if (!tried)
    {
      tried = TRUE;
      settings = tm_settings_new ();
    }
  return settings;
}
