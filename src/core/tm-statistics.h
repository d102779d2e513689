/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double tm_student_t_cdf      (double t,
                              double df);
double tm_student_t_quantile (double p,
                              double df);

G_END_DECLS
