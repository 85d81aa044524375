/* Fitting a grid around points and binning points into its cells. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "analytics/grid.h"

int grid_fit(struct grid *g, const double *x, const double *y, size_t n, double cell,
	     double margin, size_t max_cells, char *err, size_t errlen)
{
	if (!(cell > 0) || !isfinite(cell)) {
		snprintf(err, errlen, "the cell size must be a positive number");
		return -1;
	}
	if (!(margin >= 0) || !isfinite(margin)) {
		snprintf(err, errlen, "the grid margin must be zero or positive");
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "there are no points to put a grid around");
		return -1;
	}
	double minx = x[0], maxx = x[0], miny = y[0], maxy = y[0];
	for (size_t i = 1; i < n; i++) {
		if (x[i] < minx) minx = x[i];
		if (x[i] > maxx) maxx = x[i];
		if (y[i] < miny) miny = y[i];
		if (y[i] > maxy) maxy = y[i];
	}
	double x0 = floor((minx - margin) / cell) * cell;
	double y0 = floor((miny - margin) / cell) * cell;
	/* +1 so a point exactly on the far edge (plus margin) still falls inside the last cell. */
	double cols = floor((maxx + margin - x0) / cell) + 1;
	double rows = floor((maxy + margin - y0) / cell) + 1;
	if (cols * rows > (double)max_cells) {
		snprintf(err, errlen, "a %.0f x %.0f grid (%.0f cells) is larger than the limit of %zu cells; "
			 "choose a larger cell size", cols, rows, cols * rows, max_cells);
		return -1;
	}
	g->x0 = x0;
	g->y0 = y0;
	g->cell = cell;
	g->nx = (int)cols;
	g->ny = (int)rows;
	return 0;
}

long grid_cell_of(const struct grid *g, double x, double y)
{
	double c = floor((x - g->x0) / g->cell), r = floor((y - g->y0) / g->cell);
	if (!(c >= 0 && c < g->nx && r >= 0 && r < g->ny)) return -1;
	return (long)r * g->nx + (long)c;
}

size_t grid_count(const struct grid *g, const double *x, const double *y, size_t n, double *counts)
{
	memset(counts, 0, grid_cells(g) * sizeof *counts);
	size_t counted = 0;
	for (size_t i = 0; i < n; i++) {
		long k = grid_cell_of(g, x[i], y[i]);
		if (k < 0) continue;
		counts[k] += 1.0;
		counted++;
	}
	return counted;
}
