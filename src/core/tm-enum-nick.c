/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-enum-nick"

#include "config.h"

#include "tm-enum-nick.h"

/* Enum classes are never unloaded: the first reference is kept. */
static GEnumClass *
get_class (GType enum_type)
{
  GEnumClass *klass = g_type_class_peek (enum_type);

  return klass != NULL ? klass : g_type_class_ref (enum_type);
}

/**
 * tm_enum_get_nick:
 *
 * Returns: @value's nick: "sublingual", "S11"; %NULL for no value of the enum
 */
const char *
tm_enum_get_nick (GType enum_type,
                  int   value)
{
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  found = g_enum_get_value (get_class (enum_type), value);
  g_return_val_if_fail (found != NULL, NULL);
  return found->value_nick;
}

/* Whether @value is one of the enum's, without a warning when not. */
gboolean
tm_enum_has_value (GType enum_type,
                   int   value)
{
  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  return g_enum_get_value (get_class (enum_type), value) != NULL;
}

/**
 * tm_enum_find_nick:
 * @nick: (nullable): what was written
 * @value: (out): the value whose nick it is
 *
 * Returns: whether @nick is one of the enum's, exactly
 */
gboolean
tm_enum_find_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;
  found = g_enum_get_value_by_nick (get_class (enum_type), nick);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

/* Every nick, in the enum's order, for a message: "oral, sublingual, …". */
char *
tm_enum_list_nicks (GType enum_type)
{
  GEnumClass *klass;
  GString *list = g_string_new (NULL);

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = get_class (enum_type);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  return g_string_free (list, FALSE);
}
