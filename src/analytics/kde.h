/* Quartic (biweight) kernel density on a grid: at each cell centre, the exact sum over the
 * points within the bandwidth h of K(d) = 3 / (pi h^2) * (1 - d^2/h^2)^2, no edge correction.
 * K integrates to 1, so the surface is an intensity: events per square unit (per m^2 on the
 * National Grid). It equals spatstat's density with kernel = "quartic", sigma = h / sqrt(8). */
#ifndef NESTGUARD_KDE_H
#define NESTGUARD_KDE_H
#include <stddef.h>
#include "analytics/grid.h"

/* Defaults for police.uk points on the National Grid (see docs/analytics.md). */
#define KDE_DEFAULT_CELL 50.0        /* metres */
#define KDE_DEFAULT_BANDWIDTH 250.0  /* metres: five cells */

/* The kernel value at distance D for bandwidth H (0 at and beyond H). */
double kde_quartic_kernel(double d, double h);

/* DENSITY[row*nx + col] = sum over points k of W[k] * K(distance from point k to the centre of
 * the cell), for every cell of G; W may be NULL for unit weights. DENSITY has grid_cells(g)
 * entries. Each point only touches the cells whose centres lie within H of it, so the cost is
 * n * (2h/cell)^2, independent of the grid's size. Points may lie outside the grid. */
void kde_quartic(const struct grid *g, double h, const double *x, const double *y, const double *w,
		 size_t n, double *density);

#endif
