/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *tm_test_make_data_dir   (void);
void     tm_test_remove_tree     (const char *path);
GBytes  *tm_test_read_file       (const char *path);
void     tm_test_assert_bytes_equal (GBytes  *a,
                                     GBytes  *b);

G_END_DECLS
