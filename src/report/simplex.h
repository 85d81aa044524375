/* A small dense linear-programming solver (two-phase simplex with Bland's rule, so it
 * cannot cycle), for auditing disclosure control: how far can an attacker narrow a hidden
 * cell given every published total? Sized for report tables (hundreds of variables), not
 * for general optimisation. */
#ifndef NESTGUARD_SIMPLEX_H
#define NESTGUARD_SIMPLEX_H
#include <stddef.h>

enum simplex_result { SIMPLEX_OPTIMAL, SIMPLEX_INFEASIBLE, SIMPLEX_UNBOUNDED };

/* Minimise C.x subject to A x = B and x >= 0. A is M x N, row-major. On SIMPLEX_OPTIMAL
 * the minimum is stored in *VALUE. */
enum simplex_result simplex_minimise(size_t m, size_t n, const double *a, const double *b,
                                     const double *c, double *value);

#endif
