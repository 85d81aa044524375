/* Quartic kernel density: each point scatters its kernel onto the cell centres within the
 * bandwidth. Per cell the contributions are added in point order, so the result is the same
 * exact sum as visiting every point for every cell, without the n * cells cost. */
#include <math.h>
#include <string.h>
#include "analytics/kde.h"

double kde_quartic_kernel(double d, double h)
{
	if (!(d < h)) return 0.0;
	double u = 1.0 - (d * d) / (h * h);
	return 3.0 / (M_PI * h * h) * u * u;
}

void kde_quartic(const struct grid *g, double h, const double *x, const double *y, const double *w,
		 size_t n, double *density)
{
	memset(density, 0, grid_cells(g) * sizeof *density);
	double norm = 3.0 / (M_PI * h * h), h2 = h * h;
	for (size_t k = 0; k < n; k++) {
		double weight = w ? w[k] : 1.0;
		/* Columns whose centres x0 + (c + 0.5) * cell lie in [x - h, x + h]. */
		double cfrom = ceil((x[k] - h - g->x0) / g->cell - 0.5);
		double cto = floor((x[k] + h - g->x0) / g->cell - 0.5);
		double rfrom = ceil((y[k] - h - g->y0) / g->cell - 0.5);
		double rto = floor((y[k] + h - g->y0) / g->cell - 0.5);
		if (cfrom < 0) cfrom = 0;
		if (rfrom < 0) rfrom = 0;
		if (cto > g->nx - 1) cto = g->nx - 1;
		if (rto > g->ny - 1) rto = g->ny - 1;
		/* Also skips points far off the grid, and non-finite ones, before any int conversion. */
		if (!(cfrom <= cto && rfrom <= rto)) continue;
		for (int r = (int)rfrom; r <= (int)rto; r++) {
			double dy = grid_centre_y(g, r) - y[k];
			double *row = density + (size_t)r * g->nx;
			for (int c = (int)cfrom; c <= (int)cto; c++) {
				double dx = grid_centre_x(g, c) - x[k];
				double d2 = dx * dx + dy * dy;
				if (d2 >= h2) continue;
				double u = 1.0 - d2 / h2;
				row[c] += weight * norm * u * u;
			}
		}
	}
}
