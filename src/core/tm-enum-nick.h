/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An enum's values as the data file and the CSV files write them: each
 * value's GEnumClass nick (glib-mkenums, tm-enums.h), which a header
 * sets with a nick annotation where the value's name would give another. */

const char *tm_enum_get_nick       (GType        enum_type,
                                    int          value);
gboolean    tm_enum_has_value      (GType        enum_type,
                                    int          value);
gboolean    tm_enum_find_nick      (GType        enum_type,
                                    const char  *nick,
                                    int         *value);
char       *tm_enum_list_nicks     (GType        enum_type);

/* Defines type_name_to_string () and type_name_from_string () for an enum
 * TypeName registered as @enum_type, over its nicks. */
#define TM_DEFINE_ENUM_NICKS(TypeName, type_name, enum_type)          \
  const char *                                                        \
  type_name##_to_string (TypeName value)                              \
  {                                                                   \
    return tm_enum_get_nick ((enum_type), (int) value);               \
  }                                                                   \
                                                                      \
  gboolean                                                            \
  type_name##_from_string (const char *text,                          \
                           TypeName   *value)                         \
  {                                                                   \
    int found;                                                        \
                                                                      \
    if (!tm_enum_find_nick ((enum_type), text, &found))               \
      return FALSE;                                                   \
    *value = (TypeName) found;                                        \
    return TRUE;                                                      \
  }

G_END_DECLS
