/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of @times (doubles), which it sorts. */
double bench_median (GArray *times);

G_END_DECLS
