/* Getis-Ord Gi* hot spot statistic with binary weights: for each area i,
 *   Gi* = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n W_i - W_i^2) / (n - 1)))
 * where j runs over i and its neighbours (w_ij = 1), W_i is their number, xbar the mean and
 * S^2 = sum (x - xbar)^2 / n over all n areas. This is ArcGIS's Hot Spot Analysis z-score and
 * spdep's localG() with include.self(). p-values are two-sided from the standard normal. */
#ifndef NESTGUARD_GISTAR_H
#define NESTGUARD_GISTAR_H
#include <stddef.h>
#include "analytics/grid.h"

/* Neighbours of n areas in compressed rows: the neighbours of area i are
 * index[start[i]] .. index[start[i+1]-1]. Self is NOT listed (Gi* adds it). */
struct neighbour_list {
	size_t n;
	size_t *start;   /* n + 1 entries */
	size_t *index;
};

void neighbour_list_free(struct neighbour_list *nb);

/* Neighbours of every cell of G: the other cells whose centres lie within RADIUS of its centre
 * (RADIUS = 1.5 cells gives the 3x3 "queen" block). */
void gistar_grid_neighbours(const struct grid *g, double radius, struct neighbour_list *out);

/* ArcGIS-style confidence bins: +3/-3 hot/cold at 99%, +/-2 at 95%, +/-1 at 90%, 0 otherwise. */
int gistar_bin(double z, double p);

struct gistar_result {
	size_t n;
	double *z;        /* z-score, 0 where undefined (all values equal, or W_i = n) */
	double *p;        /* two-sided p-value, 1 where z is undefined */
	double *q;        /* Benjamini-Hochberg adjusted p-values; NULL unless asked for */
	int *bin;         /* from q when the FDR correction was asked for, else from p */
	int defined;      /* 0 when every value is the same, so no z-score exists */
};

/* Gi* of VALUES (one per area) with neighbours NB. With FDR != 0 the bins use
 * Benjamini-Hochberg adjusted p-values (the false discovery rate correction). */
void gistar_compute(const double *values, const struct neighbour_list *nb, int fdr,
		    struct gistar_result *out);
void gistar_result_free(struct gistar_result *r);

/* Benjamini-Hochberg adjusted p-values: Q[i] = min over k >= rank(i) of (n / k) p_(k), capped at 1. */
void gistar_fdr_adjust(const double *p, size_t n, double *q);

/* Two-sided p-value of a standard normal z-score. */
double gistar_p_value(double z);

#endif
