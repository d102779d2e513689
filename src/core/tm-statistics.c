/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Student's t distribution, for the 95 % interval of the dip
 * (DESIGN.md, Evidence about the interval).
 *
 * The distribution function is the regularized incomplete beta function,
 * evaluated by its continued fraction (modified Lentz); the quantile is
 * found by bisection on it, which is slow by numerical standards but
 * exact to the last digit that matters and cannot diverge. The tests
 * compare both with published table values. */
#define G_LOG_DOMAIN "tm-statistics"

#include "config.h"

#include <math.h>

#include "tm-statistics.h"

#define CF_MAX_TERMS 300
#define CF_EPSILON   1e-15
#define CF_TINY      1e-300

/* The continued fraction of the incomplete beta function I_x(a, b). */
static double
beta_fraction (double a,
               double b,
               double x)
{
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  double h;

  if (fabs (d) < CF_TINY)
    d = CF_TINY;
  d = 1.0 / d;
  h = d;

  for (int m = 1; m <= CF_MAX_TERMS; m++)
    {
      int m2 = 2 * m;
      double step;
      double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));

      /* The even step. */
      d = 1.0 + aa * d;
      d = fabs (d) < CF_TINY ? CF_TINY : d;
      c = 1.0 + aa / c;
      c = fabs (c) < CF_TINY ? CF_TINY : c;
      d = 1.0 / d;
      h *= d * c;

      /* The odd step. */
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
      d = 1.0 + aa * d;
      d = fabs (d) < CF_TINY ? CF_TINY : d;
      c = 1.0 + aa / c;
      c = fabs (c) < CF_TINY ? CF_TINY : c;
      d = 1.0 / d;
      step = d * c;
      h *= step;
      if (fabs (step - 1.0) < CF_EPSILON)
        break;
    }
  return h;
}

/* The regularized incomplete beta function I_x(a, b). */
static double
incomplete_beta (double a,
                 double b,
                 double x)
{
  double front;

  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;

  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  /* The fraction converges fast on this side; the other by symmetry. */
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_fraction (a, b, x) / a;
  return 1.0 - front * beta_fraction (b, a, 1.0 - x) / b;
}

/**
 * tm_student_t_cdf:
 * @df: degrees of freedom, > 0
 *
 * Returns: P(T ≤ @t) for Student's t with @df degrees of freedom
 */
double
tm_student_t_cdf (double t,
                  double df)
{
  double tail;

  g_return_val_if_fail (df > 0, NAN);

  if (isnan (t))
    return NAN;
  tail = 0.5 * incomplete_beta (df / 2.0, 0.5, df / (df + t * t));
  return t >= 0 ? 1.0 - tail : tail;
}

/**
 * tm_student_t_quantile:
 * @p: a probability, 0 < @p < 1
 * @df: degrees of freedom, > 0
 *
 * Returns: the t with P(T ≤ t) = @p
 */
double
tm_student_t_quantile (double p,
                       double df)
{
  double low = 0, high = 1;

  g_return_val_if_fail (p > 0 && p < 1, NAN);
  g_return_val_if_fail (df > 0, NAN);

  if (p < 0.5)
    return -tm_student_t_quantile (1.0 - p, df);
  if (p == 0.5)
    return 0;

  while (tm_student_t_cdf (high, df) < p)
    {
      low = high;
      high *= 2;
    }
  for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
    {
      double mid = (low + high) / 2;

      if (tm_student_t_cdf (mid, df) < p)
        low = mid;
      else
        high = mid;
    }
  return (low + high) / 2;
}
