/* A regular square grid over projected coordinates (metres): the lattice that kernel density
 * and grid-cell Gi* are evaluated on. Cell (col, row) covers [x0 + col*cell, x0 + (col+1)*cell)
 * x [y0 + row*cell, ...); row 0 is the southernmost; values are stored row-major, row*nx + col. */
#ifndef NESTGUARD_GRID_H
#define NESTGUARD_GRID_H
#include <stddef.h>

struct grid {
	double x0, y0;   /* south-west corner of cell (0, 0) */
	double cell;     /* side of a cell, > 0 */
	int nx, ny;      /* columns and rows, >= 1 */
};

/* The smallest grid of CELL-sized squares, its origin on a multiple of CELL (so grids of the same
 * cell size line up, e.g. on the National Grid), that holds every point at least MARGIN away from
 * its outer edge. Returns 0, or -1 with a message in ERR when there are no points, CELL is not
 * positive or the grid would exceed MAX_CELLS cells. */
int grid_fit(struct grid *g, const double *x, const double *y, size_t n, double cell,
	     double margin, size_t max_cells, char *err, size_t errlen);

static inline size_t grid_cells(const struct grid *g) { return (size_t)g->nx * (size_t)g->ny; }
static inline double grid_centre_x(const struct grid *g, int col) { return g->x0 + (col + 0.5) * g->cell; }
static inline double grid_centre_y(const struct grid *g, int row) { return g->y0 + (row + 0.5) * g->cell; }

/* Index row*nx + col of the cell holding (x, y), or -1 when the point is outside the grid. */
long grid_cell_of(const struct grid *g, double x, double y);

/* COUNTS[cell] = number of points in each cell (points outside the grid are ignored);
 * COUNTS has grid_cells(g) entries. Returns the number of points counted. */
size_t grid_count(const struct grid *g, const double *x, const double *y, size_t n, double *counts);

#endif
