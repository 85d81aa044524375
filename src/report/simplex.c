/* Two-phase dense simplex (see simplex.h). The tableau holds the M constraint rows and an
 * objective row; phase 1 minimises the sum of one artificial variable per row to find a
 * feasible basis, phase 2 the real objective from there. Entering and leaving variables
 * follow Bland's rule (lowest index), which guarantees termination. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/simplex.h"
#include "util/xalloc.h"

#define EPS 1e-9

struct tableau {
	size_t m, cols;   /* constraint rows; columns = variables + artificials + right-hand side */
	double *t;        /* (m + 1) x cols; row m is the objective (reduced costs, -value) */
	size_t *basis;    /* basic variable of each row */
};

#define AT(tb, i, j) ((tb)->t[(i) * (tb)->cols + (j)])

static void pivot(struct tableau *tb, size_t row, size_t col)
{
	double p = AT(tb, row, col);
	for (size_t j = 0; j < tb->cols; j++) AT(tb, row, j) /= p;
	for (size_t i = 0; i <= tb->m; i++) {
		if (i == row) continue;
		double f = AT(tb, i, col);
		if (f == 0) continue;
		for (size_t j = 0; j < tb->cols; j++) AT(tb, i, j) -= f * AT(tb, row, j);
	}
	tb->basis[row] = col;
}

/* Optimise the objective row over columns [0, usable). 0 optimal, 1 unbounded. */
static int run(struct tableau *tb, size_t usable)
{
	size_t rhs = tb->cols - 1;
	for (;;) {
		size_t enter = usable;
		for (size_t j = 0; j < usable; j++)
			if (AT(tb, tb->m, j) < -EPS) { enter = j; break; }
		if (enter == usable) return 0;
		size_t leave = tb->m;
		double best = INFINITY;
		for (size_t i = 0; i < tb->m; i++) {
			double a = AT(tb, i, enter);
			if (a <= EPS) continue;
			double ratio = AT(tb, i, rhs) / a;
			if (ratio < best - EPS || (fabs(ratio - best) <= EPS && tb->basis[i] < tb->basis[leave])) {
				best = ratio;
				leave = i;
			}
		}
		if (leave == tb->m) return 1;
		pivot(tb, leave, enter);
	}
}

enum simplex_result simplex_minimise(size_t m, size_t n, const double *a, const double *b,
                                     const double *c, double *value)
{
	struct tableau tb;
	tb.m = m;
	tb.cols = n + m + 1;
	tb.t = xcalloc((m + 1) * tb.cols, sizeof *tb.t);
	tb.basis = xmalloc((m + 1) * sizeof *tb.basis);
	size_t rhs = tb.cols - 1;
	for (size_t i = 0; i < m; i++) {
		double sign = b[i] < 0 ? -1 : 1;  /* right-hand sides must not be negative */
		for (size_t j = 0; j < n; j++) AT(&tb, i, j) = sign * a[i * n + j];
		AT(&tb, i, n + i) = 1;
		AT(&tb, i, rhs) = sign * b[i];
		tb.basis[i] = n + i;
	}
	tb.basis[m] = (size_t)-1;
	/* phase 1: minimise the artificials' sum, written in terms of the non-basic columns */
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < tb.cols; j++)
			if (j < n || j == rhs) AT(&tb, m, j) -= AT(&tb, i, j);
	run(&tb, n + m);
	if (AT(&tb, m, rhs) < -1e-7) {
		free(tb.t);
		free(tb.basis);
		return SIMPLEX_INFEASIBLE;
	}
	/* drive artificials still basic (at zero) out where a real column can replace them */
	for (size_t i = 0; i < m; i++) {
		if (tb.basis[i] < n) continue;
		for (size_t j = 0; j < n; j++)
			if (fabs(AT(&tb, i, j)) > EPS) { pivot(&tb, i, j); break; }
	}
	/* phase 2: the real objective, reduced against the basis; artificials may not enter */
	for (size_t j = 0; j < tb.cols; j++) AT(&tb, m, j) = j < n ? c[j] : 0;
	for (size_t i = 0; i < m; i++) {
		size_t k = tb.basis[i];
		if (k >= n) continue;
		double f = AT(&tb, m, k);
		if (f == 0) continue;
		for (size_t j = 0; j < tb.cols; j++) AT(&tb, m, j) -= f * AT(&tb, i, j);
	}
	int unbounded = run(&tb, n);
	if (!unbounded) *value = -AT(&tb, m, rhs);
	free(tb.t);
	free(tb.basis);
	return unbounded ? SIMPLEX_UNBOUNDED : SIMPLEX_OPTIMAL;
}
