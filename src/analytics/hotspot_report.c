/* Hot spots: crime points from crime_query, the study area from area_shapes, KDE and Gi*
 * from kde.h and gistar.h, and the map, tables and downloads made from them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/hotspot_report.h"
#include "analytics/kde.h"
#include "analytics/projection.h"
#include "report/csv_writer.h"
#include "util/xalloc.h"

/* A page must answer in a few seconds on two shared cores: about a million grid cells, 3e8
 * kernel evaluations (~0.5 s) and 2e7 Gi* neighbour visits. The command line allows far more. */
const struct hotspot_limits hotspot_web_limits = {1500000, 3e8, 2e7};
const struct hotspot_limits hotspot_cli_limits = {50000000, 1e11, 2e9};

static const char *const METHOD_NAMES[] = {"kde", "gistar", "gistar-wards", "gistar-lsoas", NULL};
static const char *const METHOD_LABELS[] = {"Kernel density", "Getis-Ord Gi* on grid cells",
	"Getis-Ord Gi* by ward", "Getis-Ord Gi* by LSOA"};
static const char *const BIN_LABELS[7] = {"Cold spot, 99% confidence", "Cold spot, 95% confidence",
	"Cold spot, 90% confidence", "Not significant", "Hot spot, 90% confidence", "Hot spot, 95% confidence",
	"Hot spot, 99% confidence"};

const char *hotspot_method_name(enum hotspot_method m) { return METHOD_NAMES[m]; }
const char *hotspot_method_label(enum hotspot_method m) { return METHOD_LABELS[m]; }

static int is_area_method(enum hotspot_method m)
{
	return m == HOTSPOT_GISTAR_WARDS || m == HOTSPOT_GISTAR_LSOAS;
}

int hotspot_params_parse(struct db *db, const struct analysis_args *a, struct hotspot_params *out,
	struct field_errors *e)
{
	int before = e->count;
	memset(out, 0, sizeof *out);
	crime_selection_parse(db, a, "Burglary", &out->sel, e);
	int m = analysis_args_choice(a, "method", "a method", METHOD_NAMES, HOTSPOT_KDE, e);
	out->method = m < 0 ? HOTSPOT_KDE : (enum hotspot_method)m;
	out->cell = analysis_args_number(a, "cell", "the cell size in metres",
		out->method == HOTSPOT_GISTAR_GRID ? GISTAR_DEFAULT_CELL : KDE_DEFAULT_CELL, 10, 2000, e);
	out->bandwidth = analysis_args_number(a, "bandwidth", "the bandwidth in metres", KDE_DEFAULT_BANDWIDTH, 10, 10000, e);
	out->neighbourhood = analysis_args_number(a, "neighbourhood", "the neighbourhood distance in metres",
		1.5 * out->cell, 0, 100 * out->cell, e);
	if (out->method == HOTSPOT_KDE && out->bandwidth < out->cell && !field_errors_for(e, "bandwidth"))
		field_errors_add(e, "bandwidth", "Enter a bandwidth of at least the cell size (%g metres)", out->cell);
	if (out->method == HOTSPOT_GISTAR_GRID && out->neighbourhood < out->cell && !field_errors_for(e, "neighbourhood"))
		field_errors_add(e, "neighbourhood", "Enter a neighbourhood of at least the cell size (%g metres), "
			"so that each cell has neighbours", out->cell);
	const char *fdr = analysis_args_get(a, "fdr");
	out->fdr = fdr && (strcmp(fdr, "1") == 0 || strcmp(fdr, "yes") == 0 || strcmp(fdr, "on") == 0 || strcmp(fdr, "true") == 0);
	if (is_area_method(out->method) && out->sel.level != CRIME_AREA_BOROUGH && out->sel.level != CRIME_AREA_ALL)
		field_errors_add(e, "method", "Gi* by ward or LSOA compares the areas of the whole borough: choose "
			"\"The whole borough\" as the area, or Gi* on grid cells");
	return e->count > before ? -1 : 0;
}

/* The study area: the one ward or LSOA chosen, or the borough. */
static int load_study(struct db *db, const struct crime_selection *s, struct area_shapes *out)
{
	if (s->level == CRIME_AREA_WARD || s->level == CRIME_AREA_LSOA) {
		area_shapes_load(db, s->level == CRIME_AREA_WARD ? "ward" : "lsoa", out);
		long i = area_shapes_find_code(out, s->area_code);
		if (i < 0) return -1;
		area_shapes_keep_one(out, (size_t)i);
		return 0;
	}
	return area_shapes_load_borough(db, out) ? 0 : -1;
}

/* Compact neighbour lists over the inside cells: K = INDEX[cell], -1 outside. */
static void inside_neighbours(const struct grid *g, const long *index, size_t n, double radius,
	struct neighbour_list *out)
{
	int reach = (int)floor(radius / g->cell);
	size_t cap = n * (size_t)((2 * reach + 1) * (2 * reach + 1) - 1) + 1;
	out->n = n;
	out->start = xmalloc((n + 1) * sizeof *out->start);
	out->index = xmalloc(cap * sizeof *out->index);
	size_t m = 0, k = 0;
	for (int row = 0; row < g->ny; row++)
		for (int col = 0; col < g->nx; col++) {
			if (index[(size_t)row * g->nx + col] < 0) continue;
			out->start[k++] = m;
			for (int dr = -reach; dr <= reach; dr++)
				for (int dc = -reach; dc <= reach; dc++) {
					int r = row + dr, c = col + dc;
					if ((!dr && !dc) || r < 0 || r >= g->ny || c < 0 || c >= g->nx) continue;
					if (hypot(dc * g->cell, dr * g->cell) > radius) continue;
					long j = index[(size_t)r * g->nx + c];
					if (j >= 0) out->index[m++] = (size_t)j;
				}
		}
	out->start[n] = m;
}

/* Run Gi* on VALUES (N of them) and keep the results in R (arrays of R->n = TOTAL entries;
 * INDEX maps entry -> compact position, or NULL when they are the same). */
static void run_gistar(struct hotspot_report *r, const double *values, size_t n, const struct neighbour_list *nb,
	const long *index, size_t total)
{
	struct gistar_result res;
	gistar_compute(values, nb, r->params.fdr, &res);
	r->n = total;
	r->z = xmalloc((total ? total : 1) * sizeof *r->z);
	r->p = xmalloc((total ? total : 1) * sizeof *r->p);
	r->q = r->params.fdr ? xmalloc((total ? total : 1) * sizeof *r->q) : NULL;
	r->bin = xcalloc(total ? total : 1, sizeof *r->bin);
	for (size_t i = 0; i < total; i++) {
		long k = index ? index[i] : (long)i;
		r->z[i] = k >= 0 ? res.z[k] : NAN;
		r->p[i] = k >= 0 ? res.p[k] : NAN;
		if (r->q) r->q[i] = k >= 0 ? res.q[k] : NAN;
		r->bin[i] = k >= 0 ? res.bin[k] : 0;
		if (k >= 0) r->bins[res.bin[k] + 3]++;
	}
	r->defined = res.defined;
	(void)n;
	gistar_result_free(&res);
}

static int build_grid(struct hotspot_report *r, const struct crime_points *pts, const struct hotspot_limits *lim,
	char *err, size_t errsize)
{
	const struct hotspot_params *p = &r->params;
	double cell = p->cell;
	struct grid *g = &r->grid;
	g->cell = cell;
	g->x0 = floor(r->study.min_x / cell) * cell;
	g->y0 = floor(r->study.min_y / cell) * cell;
	double nx = ceil((r->study.max_x - g->x0) / cell), ny = ceil((r->study.max_y - g->y0) / cell);
	if (nx < 1) nx = 1;
	if (ny < 1) ny = 1;
	if (nx * ny > (double)lim->max_cells) {
		double need = cell * sqrt(nx * ny / (double)lim->max_cells);
		snprintf(err, errsize, "A %g m grid over the study area has %.0f cells, more than the %zu this can draw: "
			"choose a cell of at least %.0f metres, or run nestguard analyse hotspots on the command line",
			cell, nx * ny, lim->max_cells, ceil(need));
		return -1;
	}
	g->nx = (int)nx;
	g->ny = (int)ny;
	size_t cells = grid_cells(g);
	r->inside = xcalloc(cells, 1);
	long *index = xmalloc(cells * sizeof *index);
	for (int row = 0; row < g->ny; row++)
		for (int col = 0; col < g->nx; col++) {
			size_t i = (size_t)row * g->nx + col;
			r->inside[i] = area_shapes_find_bng(&r->study, grid_centre_x(g, col), grid_centre_y(g, row)) >= 0;
			index[i] = r->inside[i] ? (long)r->cells_inside++ : -1;
		}
	double *x = xmalloc((pts->n + 1) * sizeof *x), *y = xmalloc((pts->n + 1) * sizeof *y);
	for (size_t i = 0; i < pts->n; i++) {
		x[i] = pts->points[i].x;
		y[i] = pts->points[i].y;
	}
	r->count = xcalloc(cells, sizeof *r->count);
	grid_count(g, x, y, pts->n, r->count);
	for (size_t i = 0; i < cells; i++)
		if (r->inside[i]) r->crimes_used += (size_t)r->count[i];
	int rc = 0;
	if (p->method == HOTSPOT_KDE) {
		double per_point = pow(2 * p->bandwidth / cell + 1, 2);
		if ((double)pts->n * per_point > lim->max_kde_work) {
			snprintf(err, errsize, "%zu crimes with a %g m bandwidth on %g m cells is more work than a page can do "
				"quickly: choose larger cells, a smaller bandwidth or fewer months, or run nestguard analyse "
				"hotspots on the command line", pts->n, p->bandwidth, cell);
			rc = -1;
		} else {
			r->density = xmalloc(cells * sizeof *r->density);
			kde_quartic(g, p->bandwidth, x, y, NULL, pts->n, r->density);
			for (size_t i = 0; i < cells; i++) r->density[i] = r->inside[i] ? r->density[i] * 1e6 : NAN;
		}
	} else {
		int reach = (int)floor(p->neighbourhood / cell);
		if ((double)r->cells_inside * (2.0 * reach + 1) * (2.0 * reach + 1) > lim->max_gistar_work) {
			snprintf(err, errsize, "%zu cells with neighbourhoods of %g m is more work than a page can do quickly: "
				"choose larger cells or a smaller neighbourhood, or run nestguard analyse hotspots on the command line",
				r->cells_inside, p->neighbourhood);
			rc = -1;
		} else {
			double *values = xmalloc((r->cells_inside + 1) * sizeof *values);
			for (size_t i = 0; i < cells; i++)
				if (index[i] >= 0) values[index[i]] = r->count[i];
			struct neighbour_list nb;
			inside_neighbours(g, index, r->cells_inside, p->neighbourhood, &nb);
			run_gistar(r, values, r->cells_inside, &nb, index, cells);
			neighbour_list_free(&nb);
			free(values);
		}
	}
	free(x);
	free(y);
	free(index);
	return rc;
}

static int build_areas(struct db *db, struct hotspot_report *r, const struct crime_points *pts, char *err, size_t errsize)
{
	const char *level = r->params.method == HOTSPOT_GISTAR_WARDS ? "ward" : "lsoa";
	if (area_shapes_load(db, level, &r->areas) < 3) {
		snprintf(err, errsize, "Gi* by %s needs the boundaries of at least three %ss: import them first", level, level);
		return -1;
	}
	r->area_count = xcalloc(r->areas.n, sizeof *r->area_count);
	for (size_t i = 0; i < pts->n; i++) {
		long a = area_shapes_find_bng(&r->areas, pts->points[i].x, pts->points[i].y);
		if (a >= 0) {
			r->area_count[a]++;
			r->crimes_used++;
		}
	}
	struct neighbour_list nb;
	/* boundaries of one vintage share their points exactly; a metre allows for rounding */
	area_shapes_neighbours(&r->areas, 1.0, &nb);
	run_gistar(r, r->area_count, r->areas.n, &nb, NULL, r->areas.n);
	neighbour_list_free(&nb);
	return 0;
}

int hotspot_report_build(struct db *db, const struct hotspot_params *p, const struct hotspot_limits *limits,
	struct hotspot_report *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	out->params = *p;
	if (load_study(db, &p->sel, &out->study) != 0) {
		snprintf(err, errsize, "There are no ward or LSOA boundaries for the study area: import them first");
		return -1;
	}
	struct crime_filter f;
	const char *types[SELECTION_MAX_TYPES];
	crime_selection_filter(&p->sel, &f, types);
	struct crime_points pts;
	if (crime_points_get(db, &f, &pts, err, errsize) != 0) return -1;
	out->crimes = pts.n;
	int rc = is_area_method(p->method) ? build_areas(db, out, &pts, err, errsize) : build_grid(out, &pts, limits, err, errsize);
	crime_points_free(&pts);
	return rc;
}

void hotspot_report_free(struct hotspot_report *r)
{
	area_shapes_free(&r->study);
	area_shapes_free(&r->areas);
	free(r->inside);
	free(r->count);
	free(r->density);
	free(r->area_count);
	free(r->z);
	free(r->p);
	free(r->q);
	free(r->bin);
	memset(r, 0, sizeof *r);
}

/* ---- the map ---- */

static void add_area(struct map *m, const struct area_shape *s, int with_name)
{
	size_t a = map_add_area(m, with_name ? s->name : "");
	const struct geometry *g = &s->bng;
	for (size_t r = 0; r < g->nrings; r++) map_area_add_ring(m, a, g->xy + 2 * g->rings[r].start, g->rings[r].count);
}

static void title_of(const struct hotspot_report *r, char *out, size_t size)
{
	char what[600];
	crime_selection_describe(&r->params.sel, what, sizeof what);
	snprintf(out, size, "%s: %s%s", what, hotspot_method_label(r->params.method),
		r->params.method != HOTSPOT_KDE && r->params.fdr ? " (false discovery rate)" : "");
}

struct map *hotspot_report_map(const struct hotspot_report *r)
{
	char title[800];
	title_of(r, title, sizeof title);
	struct map *m = map_new(MAP_METRES, title);
	map_set_size(m, 900, 0);
	map_set_draw_title(m, 0);
	const struct hotspot_params *p = &r->params;
	char summary[600];
	if (is_area_method(p->method)) {
		for (size_t i = 0; i < r->areas.n; i++) {
			add_area(m, &r->areas.areas[i], 1);
			map_area_set_value(m, i, r->bin[i]);
		}
		map_set_classes_hotspot(m);
		map_set_value_title(m, p->fdr ? "Gi* hot and cold spots (FDR-adjusted confidence)" : "Gi* hot and cold spots (confidence)");
		map_set_area_labels(m, r->areas.n <= 40);
		snprintf(summary, sizeof summary, "%zu crimes counted in %zu %ss; each area coloured by its Gi* "
			"hot or cold spot confidence.", r->crimes_used, r->areas.n, p->method == HOTSPOT_GISTAR_WARDS ? "ward" : "LSOA");
		map_set_summary(m, summary);
		return m;
	}
	for (size_t i = 0; i < r->study.n; i++) add_area(m, &r->study.areas[i], 1);
	map_set_area_labels(m, r->study.n <= 40);
	size_t cells = grid_cells(&r->grid);
	double *values = xmalloc((cells ? cells : 1) * sizeof *values);
	struct map_grid mg;
	memset(&mg, 0, sizeof mg);
	mg.x0 = r->grid.x0;
	mg.y0 = r->grid.y0;
	mg.cell_width = mg.cell_height = r->grid.cell;
	mg.cols = (size_t)r->grid.nx;
	mg.rows = (size_t)r->grid.ny;
	mg.values = values;
	if (p->method == HOTSPOT_KDE) {
		double max = 0;
		for (size_t i = 0; i < cells; i++) {
			values[i] = r->density[i];
			if (isfinite(values[i]) && values[i] > max) max = values[i];
		}
		mg.style = MAP_GRID_DENSITY;
		mg.legend_title = "Crimes per km² (kernel density)";
		mg.number.decimals = max < 10 ? 2 : max < 100 ? 1 : 0;
		snprintf(summary, sizeof summary, "Quartic kernel density of %zu crimes with a %g m bandwidth on %g m cells, "
			"shaded in five classes of equal numbers of cells above zero; the darkest are the densest.",
			r->crimes, p->bandwidth, p->cell);
	} else {
		for (size_t i = 0; i < cells; i++) values[i] = r->inside[i] ? r->bin[i] : NAN;
		mg.style = MAP_GRID_HOTSPOT;
		mg.legend_title = p->fdr ? "Gi* hot and cold spots (FDR-adjusted confidence)" : "Gi* hot and cold spots (confidence)";
		snprintf(summary, sizeof summary, "Getis-Ord Gi* of crime counts in %g m cells, neighbours within %g m; "
			"%zu hot spot cells and %zu cold spot cells at 90%% confidence or more.", p->cell, p->neighbourhood,
			r->bins[4] + r->bins[5] + r->bins[6], r->bins[0] + r->bins[1] + r->bins[2]);
	}
	map_set_grid(m, &mg);
	map_set_summary(m, summary);
	free(values);
	return m;
}

/* ---- tables ---- */

static void text_row(struct report_table *t, const char *key, const char *value)
{
	size_t row = report_table_add_row(t);
	report_table_set_text(t, row, 0, key);
	report_table_set_text(t, row, 1, value);
}

struct report_table *hotspot_report_summary_table(const struct hotspot_report *r)
{
	const struct hotspot_params *p = &r->params;
	char v[400];
	if (p->method != HOTSPOT_KDE) {
		int areas = is_area_method(p->method);
		struct report_table *t = report_table_new(areas ? "Areas by Gi* result" : "Grid cells by Gi* result");
		report_table_add_text_column(t, "Result");
		report_table_add_number_column(t, areas ? (p->method == HOTSPOT_GISTAR_WARDS ? "Wards" : "LSOAs") : "Cells", NULL);
		for (int b = 6; b >= 0; b--) {
			size_t row = report_table_add_row(t);
			report_table_set_text(t, row, 0, BIN_LABELS[b]);
			report_table_set_number(t, row, 1, (double)r->bins[b]);
		}
		int k = snprintf(v, sizeof v, "%zu crimes with a location; %zu of them inside the study area were counted.",
			r->crimes, r->crimes_used);
		if (!areas && k > 0 && (size_t)k < sizeof v)
			k += snprintf(v + k, sizeof v - (size_t)k, " Cells of %g m; neighbours within %g m.", p->cell, p->neighbourhood);
		if (!r->defined && k > 0 && (size_t)k < sizeof v)
			snprintf(v + k, sizeof v - (size_t)k, " Every count is the same, so Gi* is undefined (z = 0).");
		report_table_set_note(t, v);
		return t;
	}
	struct report_table *t = report_table_new("Kernel density: what was computed");
	report_table_add_text_column(t, "Figure");
	report_table_add_text_column(t, "Value");
	snprintf(v, sizeof v, "%zu (%zu in cells inside the study area)", r->crimes, r->crimes_used);
	text_row(t, "Crimes with a location", v);
	snprintf(v, sizeof v, "%g m", p->cell);
	text_row(t, "Cell size", v);
	snprintf(v, sizeof v, "%g m (quartic kernel)", p->bandwidth);
	text_row(t, "Bandwidth", v);
	snprintf(v, sizeof v, "%zu", r->cells_inside);
	text_row(t, "Cells inside the study area", v);
	double max = 0;
	size_t above = 0;
	for (size_t i = 0; i < grid_cells(&r->grid); i++)
		if (isfinite(r->density[i])) {
			if (r->density[i] > max) max = r->density[i];
			if (r->density[i] > 0) above++;
		}
	snprintf(v, sizeof v, "%.1f crimes per km²", max);
	text_row(t, "Highest density", v);
	snprintf(v, sizeof v, "%zu", above);
	text_row(t, "Cells above zero", v);
	return t;
}

struct ranked { size_t cell; double value; };

static int by_value_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->value != y->value) return x->value > y->value ? -1 : 1;
	return (x->cell > y->cell) - (x->cell < y->cell);
}

static const char *area_name_at(const struct area_shapes *s, double x, double y)
{
	long i = area_shapes_find_bng(s, x, y);
	return i >= 0 ? s->areas[i].name : "";
}

struct report_table *hotspot_report_detail_table(const struct hotspot_report *r, size_t max_rows)
{
	const struct hotspot_params *p = &r->params;
	const struct grid *g = &r->grid;
	char cap[200];
	if (is_area_method(p->method)) {
		struct report_table *t = report_table_new(p->method == HOTSPOT_GISTAR_WARDS ? "Gi* by ward" : "Gi* by LSOA");
		report_table_add_text_column(t, p->method == HOTSPOT_GISTAR_WARDS ? "Ward" : "LSOA");
		report_table_add_text_column(t, "Code");
		report_table_add_number_column(t, "Crimes", NULL);
		struct number_style two = {2, NULL, NULL, 0};
		report_table_add_number_column(t, "z-score", &two);
		report_table_add_text_column(t, p->fdr ? "p-value (FDR-adjusted)" : "p-value");
		report_table_add_text_column(t, "Result");
		struct ranked *order = xmalloc((r->areas.n + 1) * sizeof *order);
		for (size_t i = 0; i < r->areas.n; i++) order[i] = (struct ranked){i, r->z[i]};
		qsort(order, r->areas.n, sizeof *order, by_value_desc);
		for (size_t k = 0; k < r->areas.n && k < max_rows; k++) {
			size_t i = order[k].cell;
			size_t row = report_table_add_row(t);
			report_table_set_text(t, row, 0, r->areas.areas[i].name);
			report_table_set_text(t, row, 1, r->areas.areas[i].code);
			report_table_set_number(t, row, 2, r->area_count[i]);
			report_table_set_number(t, row, 3, r->z[i]);
			char pv[16];
			analysis_format_p(p->fdr ? r->q[i] : r->p[i], pv, sizeof pv);
			report_table_set_text(t, row, 4, pv);
			report_table_set_text(t, row, 5, BIN_LABELS[r->bin[i] + 3]);
		}
		free(order);
		report_table_set_note(t, "Areas in order of z-score, hottest first. Neighbours are the areas sharing a boundary.");
		return t;
	}
	if (p->method == HOTSPOT_KDE) {
		snprintf(cap, sizeof cap, "The %zu densest cells", max_rows);
		struct report_table *t = report_table_new(cap);
		report_table_add_text_column(t, "Rank");
		report_table_add_text_column(t, "Area");
		struct number_style plain = {0, NULL, NULL, 1}, one = {1, NULL, NULL, 0};
		report_table_add_number_column(t, "Easting (m)", &plain);
		report_table_add_number_column(t, "Northing (m)", &plain);
		report_table_add_number_column(t, "Crimes per km²", &one);
		report_table_add_number_column(t, "Crimes in the cell", NULL);
		size_t cells = grid_cells(g), n = 0;
		struct ranked *order = xmalloc((cells + 1) * sizeof *order);
		for (size_t i = 0; i < cells; i++)
			if (isfinite(r->density[i]) && r->density[i] > 0) order[n++] = (struct ranked){i, r->density[i]};
		qsort(order, n, sizeof *order, by_value_desc);
		for (size_t k = 0; k < n && k < max_rows; k++) {
			size_t i = order[k].cell;
			double x = grid_centre_x(g, (int)(i % (size_t)g->nx)), y = grid_centre_y(g, (int)(i / (size_t)g->nx));
			size_t row = report_table_add_row(t);
			char rank[24];
			snprintf(rank, sizeof rank, "%zu", k + 1);
			report_table_set_text(t, row, 0, rank);
			report_table_set_text(t, row, 1, area_name_at(&r->study, x, y));
			report_table_set_number(t, row, 2, x);
			report_table_set_number(t, row, 3, y);
			report_table_set_number(t, row, 4, r->density[i]);
			report_table_set_number(t, row, 5, r->count[i]);
		}
		free(order);
		report_table_set_note(t, "Cell centres on the British National Grid. Neighbouring cells of one hot spot "
			"often fill several of these rows.");
		return t;
	}
	/* Gi* on cells: hot and cold cells by area */
	struct report_table *t = report_table_new("Hot and cold spot cells by area");
	report_table_add_text_column(t, "Area");
	report_table_add_number_column(t, "Crimes in the area's cells", NULL);
	report_table_add_number_column(t, "Hot spot cells (90% or more)", NULL);
	report_table_add_number_column(t, "Of which 99%", NULL);
	report_table_add_number_column(t, "Cold spot cells (90% or more)", NULL);
	size_t na = r->study.n;
	double (*acc)[4] = xcalloc(na + 1, sizeof *acc);
	for (int row = 0; row < g->ny; row++)
		for (int col = 0; col < g->nx; col++) {
			size_t i = (size_t)row * g->nx + col;
			if (!r->inside[i]) continue;
			long a = area_shapes_find_bng(&r->study, grid_centre_x(g, col), grid_centre_y(g, row));
			if (a < 0) continue;
			acc[a][0] += r->count[i];
			acc[a][1] += r->bin[i] > 0;
			acc[a][2] += r->bin[i] == 3;
			acc[a][3] += r->bin[i] < 0;
		}
	struct ranked *order = xmalloc((na + 1) * sizeof *order);
	for (size_t a = 0; a < na; a++) order[a] = (struct ranked){a, acc[a][1] * 1e6 + acc[a][0]};
	qsort(order, na, sizeof *order, by_value_desc);
	for (size_t k = 0; k < na && k < max_rows; k++) {
		size_t a = order[k].cell;
		size_t row = report_table_add_row(t);
		report_table_set_text(t, row, 0, r->study.areas[a].name);
		for (int c = 0; c < 4; c++) report_table_set_number(t, row, (size_t)c + 1, acc[a][c]);
	}
	free(order);
	free(acc);
	report_table_set_note(t, "Areas with the most hot spot cells first.");
	return t;
}

/* ---- downloads ---- */

static void cell_lonlat(const struct grid *g, int col, int row, double *lon, double *lat)
{
	*lon = *lat = NAN;
	projection_bng_to_wgs84(grid_centre_x(g, col), grid_centre_y(g, row), lon, lat);
}

static const char *area_code_at(const struct area_shapes *s, double x, double y)
{
	long i = area_shapes_find_bng(s, x, y);
	return i >= 0 ? s->areas[i].code : "";
}

void hotspot_report_csv(const struct hotspot_report *r, struct buf *out)
{
	const struct hotspot_params *p = &r->params;
	struct csv_writer w;
	csv_writer_init(&w, out);
	int kde = p->method == HOTSPOT_KDE;
	if (is_area_method(p->method)) {
		const char *head[] = {"code", "name", "count", "z", "p", "q", "bin"};
		for (size_t i = 0; i < 7; i++) if (i != 5 || p->fdr) csv_writer_text(&w, head[i]);
		csv_writer_end_record(&w);
		for (size_t i = 0; i < r->areas.n; i++) {
			csv_writer_text(&w, r->areas.areas[i].code);
			csv_writer_text(&w, r->areas.areas[i].name);
			csv_writer_number(&w, r->area_count[i], 0);
			csv_writer_number(&w, r->z[i], 10);
			csv_writer_number(&w, r->p[i], 10);
			if (p->fdr) csv_writer_number(&w, r->q[i], 10);
			csv_writer_number(&w, r->bin[i], 0);
			csv_writer_end_record(&w);
		}
		return;
	}
	const char *head[] = {"col", "row", "x", "y", "lon", "lat", "area_code", "count"};
	for (size_t i = 0; i < 8; i++) csv_writer_text(&w, head[i]);
	if (kde) csv_writer_text(&w, "density_per_km2");
	else {
		csv_writer_text(&w, "z");
		csv_writer_text(&w, "p");
		if (p->fdr) csv_writer_text(&w, "q");
		csv_writer_text(&w, "bin");
	}
	csv_writer_end_record(&w);
	const struct grid *g = &r->grid;
	for (int row = 0; row < g->ny; row++)
		for (int col = 0; col < g->nx; col++) {
			size_t i = (size_t)row * g->nx + col;
			if (!r->inside[i]) continue;
			double x = grid_centre_x(g, col), y = grid_centre_y(g, row), lon, lat;
			cell_lonlat(g, col, row, &lon, &lat);
			csv_writer_number(&w, col, 0);
			csv_writer_number(&w, row, 0);
			csv_writer_number(&w, x, 1);
			csv_writer_number(&w, y, 1);
			csv_writer_number(&w, lon, 6);
			csv_writer_number(&w, lat, 6);
			csv_writer_text(&w, area_code_at(&r->study, x, y));
			csv_writer_number(&w, r->count[i], 0);
			if (kde) {
				csv_writer_number(&w, r->density[i], 9);
			} else {
				csv_writer_number(&w, r->z[i], 10);
				csv_writer_number(&w, r->p[i], 10);
				if (p->fdr) csv_writer_number(&w, r->q[i], 10);
				csv_writer_number(&w, r->bin[i], 0);
			}
			csv_writer_end_record(&w);
		}
}

static json_t *params_json(const struct hotspot_report *r)
{
	const struct hotspot_params *p = &r->params;
	char what[600];
	crime_selection_describe(&p->sel, what, sizeof what);
	json_t *types = json_array();
	for (size_t i = 0; i < p->sel.ntypes; i++) json_array_append_new(types, json_string(p->sel.types[i]));
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "description", what,
		"area", *p->sel.area_code ? p->sel.area_code : "borough", "area_name", p->sel.area_name, "types", types,
		"from", p->sel.month_from, "to", p->sel.month_to, "method", hotspot_method_name(p->method));
	if (!is_area_method(p->method)) json_object_set_new(o, "cell", json_real(p->cell));
	if (p->method == HOTSPOT_KDE) {
		json_object_set_new(o, "bandwidth", json_real(p->bandwidth));
		json_object_set_new(o, "kernel", json_string("quartic"));
	} else {
		if (p->method == HOTSPOT_GISTAR_GRID) json_object_set_new(o, "neighbourhood", json_real(p->neighbourhood));
		json_object_set_new(o, "fdr", json_boolean(p->fdr));
	}
	return o;
}

void hotspot_report_json(const struct hotspot_report *r, struct buf *out)
{
	const struct hotspot_params *p = &r->params;
	json_t *root = json_object();
	json_object_set_new(root, "analysis", json_string("hotspots"));
	json_object_set_new(root, "parameters", params_json(r));
	json_object_set_new(root, "crimes", json_integer((json_int_t)r->crimes));
	json_object_set_new(root, "crimes_counted", json_integer((json_int_t)r->crimes_used));
	json_t *rows = json_array();
	if (is_area_method(p->method)) {
		for (size_t i = 0; i < r->areas.n; i++) {
			json_t *o = json_pack("{s:s, s:s, s:f, s:o, s:o, s:i}", "code", r->areas.areas[i].code,
				"name", r->areas.areas[i].name, "count", r->area_count[i], "z", analysis_json_number(r->z[i]),
				"p", analysis_json_number(r->p[i]), "bin", r->bin[i]);
			if (p->fdr) json_object_set_new(o, "q", analysis_json_number(r->q[i]));
			json_array_append_new(rows, o);
		}
		json_object_set_new(root, "areas", rows);
	} else {
		const struct grid *g = &r->grid;
		json_object_set_new(root, "grid", json_pack("{s:f, s:f, s:f, s:i, s:i, s:s}", "x0", g->x0, "y0", g->y0,
			"cell", g->cell, "nx", g->nx, "ny", g->ny, "crs", "EPSG:27700"));
		for (int row = 0; row < g->ny; row++)
			for (int col = 0; col < g->nx; col++) {
				size_t i = (size_t)row * g->nx + col;
				if (!r->inside[i]) continue;
				json_t *o = json_pack("{s:i, s:i, s:f, s:f, s:f}", "col", col, "row", row,
					"x", grid_centre_x(g, col), "y", grid_centre_y(g, row), "count", r->count[i]);
				if (p->method == HOTSPOT_KDE) {
					json_object_set_new(o, "density_per_km2", analysis_json_number(r->density[i]));
				} else {
					json_object_set_new(o, "z", analysis_json_number(r->z[i]));
					json_object_set_new(o, "p", analysis_json_number(r->p[i]));
					if (p->fdr) json_object_set_new(o, "q", analysis_json_number(r->q[i]));
					json_object_set_new(o, "bin", json_integer(r->bin[i]));
				}
				json_array_append_new(rows, o);
			}
		json_object_set_new(root, "cells", rows);
	}
	if (p->method != HOTSPOT_KDE) {
		json_t *bins = json_object();
		for (int b = 0; b < 7; b++) json_object_set_new(bins, BIN_LABELS[b], json_integer((json_int_t)r->bins[b]));
		json_object_set_new(root, "results", bins);
		json_object_set_new(root, "defined", json_boolean(r->defined));
	}
	analysis_json_write(root, out, 1);
}

void hotspot_report_geojson(const struct hotspot_report *r, struct buf *out)
{
	const struct hotspot_params *p = &r->params;
	json_t *fc = analysis_geojson_collection();
	json_object_set_new(fc, "nestguard", params_json(r));
	if (is_area_method(p->method)) {
		for (size_t i = 0; i < r->areas.n; i++) {
			json_t *props = json_pack("{s:s, s:s, s:f, s:o, s:o, s:i, s:s}", "code", r->areas.areas[i].code,
				"name", r->areas.areas[i].name, "count", r->area_count[i], "z", analysis_json_number(r->z[i]),
				"p", analysis_json_number(r->p[i]), "bin", r->bin[i], "result", BIN_LABELS[r->bin[i] + 3]);
			if (p->fdr) json_object_set_new(props, "q", analysis_json_number(r->q[i]));
			analysis_geojson_add(fc, analysis_geojson_multipolygon(&r->areas.areas[i].lonlat), props);
		}
		analysis_json_write(fc, out, 1);
		return;
	}
	const struct grid *g = &r->grid;
	for (int row = 0; row < g->ny; row++)
		for (int col = 0; col < g->nx; col++) {
			size_t i = (size_t)row * g->nx + col;
			if (!r->inside[i]) continue;
			if (p->method == HOTSPOT_KDE && !(r->density[i] > 0)) continue;
			json_t *props = json_pack("{s:i, s:i, s:f}", "col", col, "row", row, "count", r->count[i]);
			if (p->method == HOTSPOT_KDE) {
				json_object_set_new(props, "density_per_km2", json_real(r->density[i]));
			} else {
				json_object_set_new(props, "z", analysis_json_number(r->z[i]));
				json_object_set_new(props, "p", analysis_json_number(r->p[i]));
				if (p->fdr) json_object_set_new(props, "q", analysis_json_number(r->q[i]));
				json_object_set_new(props, "bin", json_integer(r->bin[i]));
				json_object_set_new(props, "result", json_string(BIN_LABELS[r->bin[i] + 3]));
			}
			analysis_geojson_add(fc, analysis_geojson_square(g->x0 + col * g->cell, g->y0 + row * g->cell, g->cell), props);
		}
	analysis_json_write(fc, out, 1);
}
