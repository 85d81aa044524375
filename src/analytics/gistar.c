/* Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) with binary weights and self included,
 * the false discovery rate adjustment, and ArcGIS's hot/cold confidence bins. */
#include <math.h>
#include <stdlib.h>
#include "analytics/gistar.h"
#include "util/xalloc.h"

void neighbour_list_free(struct neighbour_list *nb)
{
	free(nb->start);
	free(nb->index);
	nb->start = NULL;
	nb->index = NULL;
	nb->n = 0;
}

void gistar_grid_neighbours(const struct grid *g, double radius, struct neighbour_list *out)
{
	size_t n = grid_cells(g);
	/* Offsets (dc, dr) within RADIUS, measured in cells; the same for every cell. */
	int reach = (int)floor(radius / g->cell);
	size_t max_offsets = (size_t)(2 * reach + 1) * (size_t)(2 * reach + 1);
	int *dc = xmalloc(max_offsets * sizeof *dc), *dr = xmalloc(max_offsets * sizeof *dr);
	size_t noff = 0;
	for (int r = -reach; r <= reach; r++)
		for (int c = -reach; c <= reach; c++) {
			double d = hypot(c * g->cell, r * g->cell);
			if ((r || c) && d <= radius) {
				dc[noff] = c;
				dr[noff] = r;
				noff++;
			}
		}
	out->n = n;
	out->start = xmalloc((n + 1) * sizeof *out->start);
	out->index = xmalloc((n * noff > 0 ? n * noff : 1) * sizeof *out->index);
	size_t k = 0;
	for (int row = 0; row < g->ny; row++)
		for (int col = 0; col < g->nx; col++) {
			out->start[(size_t)row * g->nx + col] = k;
			for (size_t o = 0; o < noff; o++) {
				int c = col + dc[o], r = row + dr[o];
				if (c < 0 || c >= g->nx || r < 0 || r >= g->ny) continue;
				out->index[k++] = (size_t)r * g->nx + c;
			}
		}
	out->start[n] = k;
	free(dc);
	free(dr);
}

double gistar_p_value(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

int gistar_bin(double z, double p)
{
	int level = p < 0.01 ? 3 : p < 0.05 ? 2 : p < 0.10 ? 1 : 0;
	return z > 0 ? level : z < 0 ? -level : 0;
}

struct ranked { double p; size_t i; };

static int by_p(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->p, y = ((const struct ranked *)b)->p;
	return (x > y) - (x < y);
}

void gistar_fdr_adjust(const double *p, size_t n, double *q)
{
	if (n == 0) return;
	struct ranked *order = xmalloc(n * sizeof *order);
	for (size_t i = 0; i < n; i++) order[i] = (struct ranked){p[i], i};
	qsort(order, n, sizeof *order, by_p);
	double running = 1.0;
	for (size_t k = n; k-- > 0;) {
		double v = order[k].p * (double)n / (double)(k + 1);
		if (v < running) running = v;
		q[order[k].i] = running;
	}
	free(order);
}

void gistar_compute(const double *values, const struct neighbour_list *nb, int fdr,
		    struct gistar_result *out)
{
	size_t n = nb->n;
	out->n = n;
	out->z = xcalloc(n ? n : 1, sizeof *out->z);
	out->p = xcalloc(n ? n : 1, sizeof *out->p);
	out->bin = xcalloc(n ? n : 1, sizeof *out->bin);
	out->q = fdr ? xcalloc(n ? n : 1, sizeof *out->q) : NULL;

	double sum = 0;
	for (size_t i = 0; i < n; i++) sum += values[i];
	double mean = n ? sum / (double)n : 0;
	double ss = 0;
	for (size_t i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
	double s = n ? sqrt(ss / (double)n) : 0;
	out->defined = n > 1 && s > 0;

	for (size_t i = 0; i < n; i++) {
		double local = values[i], w = 1.0;
		for (size_t k = nb->start[i]; k < nb->start[i + 1]; k++) {
			if (nb->index[k] == i) fatal("neighbour list of area %zu includes itself", i);
			local += values[nb->index[k]];
			w += 1.0;
		}
		double spread = ((double)n * w - w * w) / ((double)n - 1.0);
		if (!out->defined || !(spread > 0)) {
			out->z[i] = 0;
			out->p[i] = 1;
			continue;
		}
		out->z[i] = (local - mean * w) / (s * sqrt(spread));
		out->p[i] = gistar_p_value(out->z[i]);
	}
	if (fdr) gistar_fdr_adjust(out->p, n, out->q);
	for (size_t i = 0; i < n; i++) out->bin[i] = gistar_bin(out->z[i], fdr ? out->q[i] : out->p[i]);
}

void gistar_result_free(struct gistar_result *r)
{
	free(r->z);
	free(r->p);
	free(r->q);
	free(r->bin);
	r->z = r->p = r->q = NULL;
	r->bin = NULL;
	r->n = 0;
}
