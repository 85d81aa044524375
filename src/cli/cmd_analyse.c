/* nestguard analyse knox|kde|gistar|aoristic — the crime analytics on any point file, with
 * CSV or JSON on standard output. Each subcommand reads the file with pointfile_read(), runs
 * one module of src/analytics and prints its result; nothing here does statistics. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/aoristic.h"
#include "analytics/gistar.h"
#include "analytics/grid.h"
#include "analytics/kde.h"
#include "analytics/knox.h"
#include "analytics/pointfile.h"
#include "cli/cli.h"
#include "cli/cmd_analyse_db.h"
#include "util/xalloc.h"

#define MAX_GRID_CELLS 20000000u

/* ---- option parsing shared by the subcommands ---- */

struct opt {
	const char *name;     /* without the leading -- */
	const char **value;   /* for options that take a value */
	int *flag;            /* for options that do not */
};

/* Accepts --name VALUE, --name=VALUE and --flag; anything else is a usage error. */
static int parse_options(const char *cmd, int argc, char **argv, const struct opt *opts)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) return cli_usage_error(cmd, "unexpected argument '%s'", a);
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct opt *o = opts;
		while (o->name && !(strlen(o->name) == len && strncmp(o->name, name, len) == 0)) o++;
		if (!o->name) return cli_usage_error(cmd, "unknown option '%.*s'", (int)len + 2, a);
		if (o->flag) {
			if (eq) return cli_usage_error(cmd, "--%s takes no value", o->name);
			*o->flag = 1;
		} else if (eq) {
			*o->value = eq + 1;
		} else {
			if (i + 1 >= argc) return cli_usage_error(cmd, "--%s needs a value", o->name);
			*o->value = argv[++i];
		}
	}
	return EXIT_OK;
}

static int require(const char *cmd, const char *name, const char *value)
{
	return value ? EXIT_OK : cli_usage_error(cmd, "--%s is required", name);
}

/* A positive (or, with ALLOW_ZERO, non-negative) number, or a usage error naming the option. */
static int parse_positive(const char *cmd, const char *name, const char *text, int allow_zero, double *v)
{
	char *end;
	*v = strtod(text, &end);
	if (end == text || *end || !isfinite(*v) || *v < 0 || (!allow_zero && *v == 0))
		return cli_usage_error(cmd, "--%s must be a %s number, not '%s'", name,
				       allow_zero ? "non-negative" : "positive", text);
	return EXIT_OK;
}

static int parse_unsigned(const char *cmd, const char *name, const char *text, unsigned long long max,
			  unsigned long long *v)
{
	char *end;
	if (!*text || *text == '-') return cli_usage_error(cmd, "--%s must be a whole number, not '%s'", name, text);
	*v = strtoull(text, &end, 10);
	if (*end || *v > max) return cli_usage_error(cmd, "--%s must be a whole number up to %llu, not '%s'",
						     name, max, text);
	return EXIT_OK;
}

/* "0,0.1,200" -> breaks; a usage error for anything that is not a number. */
static int parse_breaks(const char *cmd, const char *name, const char *text, double **out, size_t *count)
{
	size_t cap = 8;
	*out = xmalloc(cap * sizeof **out);
	*count = 0;
	const char *p = text;
	for (;;) {
		char *end;
		double v = strtod(p, &end);
		if (end == p || (*end && *end != ',') || !isfinite(v)) {
			free(*out);
			*out = NULL;
			return cli_usage_error(cmd, "--%s must be numbers separated by commas, like 0,7,14,21", name);
		}
		if (*count == cap) *out = xrealloc(*out, (cap *= 2) * sizeof **out);
		(*out)[(*count)++] = v;
		if (!*end) break;
		p = end + 1;
	}
	return EXIT_OK;
}

static int parse_format(const char *cmd, const char *text, int *json)
{
	if (strcmp(text, "csv") == 0) *json = 0;
	else if (strcmp(text, "json") == 0) *json = 1;
	else return cli_usage_error(cmd, "--format must be csv or json, not '%s'", text);
	return EXIT_OK;
}

static int read_points(struct pointfile_spec *spec, const char *path, struct pointfile *pf)
{
	char err[512];
	if (pointfile_read(path, spec, pf, err, sizeof err)) return cli_error("%s", err);
	if (pf->n == 0) {
		pointfile_free(pf);
		return cli_error("%s: no rows to analyse", path);
	}
	return EXIT_OK;
}

/* JSON number, or null for NaN/infinity (which JSON cannot hold). */
static json_t *json_number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* Small results are indented for people; grids are compact. */
static int print_json(json_t *root, int indent)
{
	size_t flags = JSON_REAL_PRECISION(17) | (indent ? JSON_INDENT(1) : JSON_COMPACT);
	int rc = json_dumpf(root, stdout, flags) == 0 ? EXIT_OK : EXIT_USER;
	json_decref(root);
	putchar('\n');
	return rc;
}

/* V exactly as %.17g would print it, then SEPARATOR. Grids print hundreds of thousands of
 * numbers and most are whole (cell centres, counts, empty cells), which are written directly:
 * printf's exact conversion is what made a 50 m KDE of a borough slow to print. */
static void put_number(double v, char separator)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		char digits[24], *end = digits + sizeof digits, *p = end;
		long long whole = (long long)fabs(v);
		do *--p = (char)('0' + whole % 10); while ((whole /= 10) > 0);
		if (v < 0) *--p = '-';
		fwrite(p, 1, (size_t)(end - p), stdout);
	} else {
		printf("%.17g", v);
	}
	putchar(separator);
}

/* A number, or nothing for NaN (an empty CSV field). */
static void csv_number(double v, int last)
{
	if (isfinite(v)) put_number(v, last ? '\n' : ',');
	else putchar(last ? '\n' : ',');
}

/* ---- knox ---- */

static const char knox_help[] =
	"usage: nestguard analyse knox --points FILE.csv --x COL --y COL --date COL [options]\n"
	"\n"
	"The Knox test for near repeats: counts the pairs of events in each distance band x time band\n"
	"and compares them with Monte Carlo permutations of the dates over the fixed locations.\n"
	"Prints, for each band pair, the observed count, the mean and median of the simulations,\n"
	"the Knox ratios (observed / mean, observed / median) and p = (#{sim >= obs} + 1) / (N + 1).\n"
	"\n"
	"  --points FILE          CSV file (- for standard input)\n"
	"  --x COL, --y COL       coordinate columns, projected in metres (name or 1-based number)\n"
	"  --date COL             date column\n"
	"  --date-format FMT      strptime format such as %d/%m/%Y (default: YYYY-MM-DD[ HH:MM[:SS]])\n"
	"  --no-header            the first line is data; give columns by number\n"
	"  --lonlat               x/y are WGS84 longitude/latitude: use British National Grid metres\n"
	"  --distance-bands LIST  breaks in metres (default 0,0.1,200,400,600: same place, then 200 m bands)\n"
	"  --time-bands LIST      breaks in days (default 0,7,14,21)\n"
	"  --iterations N         permutations (default 999)\n"
	"  --metric M             manhattan (default) or euclidean\n"
	"  --closed SIDE          left: bands [a,b) (default); right: (a,b], the first band [a,b]\n"
	"  --seed N               random seed (default 1); the same seed gives the same result\n"
	"  --threads N            threads (default: one per processor)\n"
	"  --format F             csv (default) or json\n";

static char *band_label(double from, double to, enum knox_closure closure, int first)
{
	char buf[96];
	if (closure == KNOX_CLOSED_LEFT) snprintf(buf, sizeof buf, "[%.10g,%.10g)", from, to);
	else snprintf(buf, sizeof buf, "%c%.10g,%.10g]", first ? '[' : '(', from, to);
	return xstrdup(buf);
}

static json_t *json_bands(const double *breaks, size_t count, enum knox_closure closure)
{
	json_t *a = json_array();
	for (size_t i = 0; i + 1 < count; i++) {
		char *label = band_label(breaks[i], breaks[i + 1], closure, i == 0);
		json_array_append_new(a, json_pack("{s:f, s:f, s:s}", "from", breaks[i], "to", breaks[i + 1],
						   "label", label));
		free(label);
	}
	return a;
}

static json_t *json_table(const struct knox_result *r, const double *v, const uint64_t *counts)
{
	json_t *rows = json_array();
	for (size_t s = 0; s < r->distance_bands; s++) {
		json_t *row = json_array();
		for (size_t t = 0; t < r->time_bands; t++) {
			size_t k = s * r->time_bands + t;
			json_array_append_new(row, counts ? json_integer((json_int_t)counts[k]) : json_number(v[k]));
		}
		json_array_append_new(rows, row);
	}
	return rows;
}

static void knox_print_json(const struct knox_result *r, const struct knox_params *p, const char *metric,
			    const char *closed)
{
	json_t *root = json_object();
	json_object_set_new(root, "test", json_string("knox"));
	json_object_set_new(root, "events", json_integer((json_int_t)r->events));
	json_object_set_new(root, "close_pairs", json_integer((json_int_t)r->close_pairs));
	json_object_set_new(root, "iterations", json_integer(r->iterations));
	json_object_set_new(root, "seed", json_integer((json_int_t)p->seed));
	json_object_set_new(root, "metric", json_string(metric));
	json_object_set_new(root, "closed", json_string(closed));
	json_object_set_new(root, "distance_bands", json_bands(p->distance_breaks, p->distance_breaks_count, p->closure));
	json_object_set_new(root, "time_bands", json_bands(p->time_breaks, p->time_breaks_count, p->closure));
	json_object_set_new(root, "observed", json_table(r, NULL, r->observed));
	json_object_set_new(root, "expected_mean", json_table(r, r->sim_mean, NULL));
	json_object_set_new(root, "expected_median", json_table(r, r->sim_median, NULL));
	json_object_set_new(root, "knox_ratio", json_table(r, r->ratio_mean, NULL));
	json_object_set_new(root, "knox_ratio_median", json_table(r, r->ratio_median, NULL));
	json_object_set_new(root, "p_value", json_table(r, r->p, NULL));
	print_json(root, 1);
}

static void knox_print_csv(const struct knox_result *r, const struct knox_params *p)
{
	puts("distance_band,time_band,distance_from,distance_to,time_from,time_to,observed,"
	     "expected_mean,expected_median,knox_ratio,knox_ratio_median,p_value");
	for (size_t s = 0; s < r->distance_bands; s++)
		for (size_t t = 0; t < r->time_bands; t++) {
			size_t k = s * r->time_bands + t;
			char *dl = band_label(p->distance_breaks[s], p->distance_breaks[s + 1], p->closure, s == 0);
			char *tl = band_label(p->time_breaks[t], p->time_breaks[t + 1], p->closure, t == 0);
			printf("\"%s\",\"%s\",%.10g,%.10g,%.10g,%.10g,%llu,", dl, tl, p->distance_breaks[s],
			       p->distance_breaks[s + 1], p->time_breaks[t], p->time_breaks[t + 1],
			       (unsigned long long)r->observed[k]);
			csv_number(r->sim_mean[k], 0);
			csv_number(r->sim_median[k], 0);
			csv_number(r->ratio_mean[k], 0);
			csv_number(r->ratio_median[k], 0);
			csv_number(r->p[k], 1);
			free(dl);
			free(tl);
		}
}

static int analyse_knox(int argc, char **argv)
{
	const char *cmd = "analyse knox";
	if (cli_wants_help(argc, argv)) {
		fputs(knox_help, stdout);
		return EXIT_OK;
	}
	struct pointfile_spec spec = {0};
	const char *points = NULL, *dbands = "0,0.1,200,400,600", *tbands = "0,7,14,21";
	const char *iterations = "999", *metric = "manhattan", *closed = "left", *seed = "1";
	const char *threads = "0", *format = "csv";
	const struct opt opts[] = {
		{"points", &points, NULL}, {"x", &spec.x, NULL}, {"y", &spec.y, NULL},
		{"date", &spec.date, NULL}, {"date-format", &spec.date_format, NULL},
		{"no-header", NULL, &spec.no_header}, {"lonlat", NULL, &spec.lonlat},
		{"distance-bands", &dbands, NULL},
		{"time-bands", &tbands, NULL}, {"iterations", &iterations, NULL}, {"metric", &metric, NULL},
		{"closed", &closed, NULL}, {"seed", &seed, NULL}, {"threads", &threads, NULL},
		{"format", &format, NULL}, {NULL, NULL, NULL}
	};
	int rc, json = 0;
	if ((rc = parse_options(cmd, argc, argv, opts)) || (rc = require(cmd, "points", points)) ||
	    (rc = require(cmd, "x", spec.x)) || (rc = require(cmd, "y", spec.y)) ||
	    (rc = require(cmd, "date", spec.date)) || (rc = parse_format(cmd, format, &json)))
		return rc;
	struct knox_params p = {0};
	unsigned long long n_iter, n_seed, n_threads;
	if ((rc = parse_unsigned(cmd, "iterations", iterations, 100000000, &n_iter)) ||
	    (rc = parse_unsigned(cmd, "seed", seed, INT64_MAX, &n_seed)) ||
	    (rc = parse_unsigned(cmd, "threads", threads, 64, &n_threads)))
		return rc;
	p.iterations = (unsigned)n_iter;
	p.seed = n_seed;
	p.threads = (unsigned)n_threads;
	if (strcmp(metric, "manhattan") == 0) p.metric = KNOX_MANHATTAN;
	else if (strcmp(metric, "euclidean") == 0) p.metric = KNOX_EUCLIDEAN;
	else return cli_usage_error(cmd, "--metric must be manhattan or euclidean, not '%s'", metric);
	if (strcmp(closed, "left") == 0) p.closure = KNOX_CLOSED_LEFT;
	else if (strcmp(closed, "right") == 0) p.closure = KNOX_CLOSED_RIGHT;
	else return cli_usage_error(cmd, "--closed must be left or right, not '%s'", closed);
	double *db = NULL, *tb = NULL;
	if ((rc = parse_breaks(cmd, "distance-bands", dbands, &db, &p.distance_breaks_count))) return rc;
	if ((rc = parse_breaks(cmd, "time-bands", tbands, &tb, &p.time_breaks_count))) {
		free(db);
		return rc;
	}
	p.distance_breaks = db;
	p.time_breaks = tb;
	char err[512];
	if (knox_check(&p, 2, err, sizeof err)) {
		free(db);
		free(tb);
		return cli_usage_error(cmd, "%s", err);
	}
	struct pointfile pf;
	if ((rc = read_points(&spec, points, &pf))) {
		free(db);
		free(tb);
		return rc;
	}
	struct knox_result r;
	if (knox_run(pf.x, pf.y, pf.day, pf.n, &p, &r, err, sizeof err)) {
		rc = cli_error("%s: %s", points, err);
	} else {
		if (json) knox_print_json(&r, &p, metric, closed);
		else knox_print_csv(&r, &p);
		knox_result_free(&r);
	}
	pointfile_free(&pf);
	free(db);
	free(tb);
	return rc;
}

/* ---- kde and gistar: grids over points ---- */

static const char kde_help[] =
	"usage: nestguard analyse kde --points FILE.csv --x COL --y COL [options]\n"
	"\n"
	"Quartic kernel density of the points at the centres of a square grid: the exact sum of\n"
	"3/(pi h^2) (1 - d^2/h^2)^2 over the points within the bandwidth h, no edge correction.\n"
	"The density is in events per square unit (per m^2 for British National Grid metres);\n"
	"multiply by 1e6 for events per km^2. The grid is aligned on multiples of the cell size and\n"
	"reaches one bandwidth beyond the outermost points.\n"
	"\n"
	"  --points FILE       CSV file (- for standard input)\n"
	"  --x COL, --y COL    coordinate columns, projected (name or 1-based number)\n"
	"  --no-header         the first line is data; give columns by number\n"
	"  --lonlat            x/y are WGS84 longitude/latitude (police.uk): use British National Grid metres\n"
	"  --cell M            cell size (default 50)\n"
	"  --bandwidth H       kernel radius (default 250, five cells)\n"
	"  --format F          csv (default: col,row,x,y,density, row 0 southernmost) or json\n";

static const char gistar_help[] =
	"usage: nestguard analyse gistar --points FILE.csv --x COL --y COL [options]\n"
	"\n"
	"Getis-Ord Gi* hot spots on a grid: the points are counted in square cells, and each cell's\n"
	"Gi* z-score compares the count of it and its neighbours with the whole grid (binary weights,\n"
	"the cell itself included, as ArcGIS Hot Spot Analysis and spdep's localG with include.self).\n"
	"p-values are two-sided normal; bins are +/-3 (99%), +/-2 (95%), +/-1 (90%), 0 otherwise.\n"
	"The study area is every cell of the smallest grid around the points, aligned on multiples\n"
	"of the cell size: cells without points count as zeros.\n"
	"\n"
	"  --points FILE       CSV file (- for standard input)\n"
	"  --x COL, --y COL    coordinate columns, projected (name or 1-based number)\n"
	"  --no-header         the first line is data; give columns by number\n"
	"  --lonlat            x/y are WGS84 longitude/latitude (police.uk): use British National Grid metres\n"
	"  --cell M            cell size (default 50)\n"
	"  --neighbourhood D   neighbours are the cells whose centres lie within D of the cell's centre\n"
	"                      (default 1.5 cells: the 3x3 block)\n"
	"  --fdr               bins from Benjamini-Hochberg false discovery rate adjusted p-values\n"
	"  --format F          csv (default: col,row,x,y,count,z,p[,q],bin) or json\n";

static json_t *json_grid(const struct grid *g)
{
	return json_pack("{s:f, s:f, s:f, s:i, s:i}", "x0", g->x0, "y0", g->y0, "cell", g->cell,
			 "nx", g->nx, "ny", g->ny);
}

static json_t *json_doubles(const double *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(a, json_number(v[i]));
	return a;
}

/* Options and point reading shared by kde and gistar. */
struct grid_job {
	struct pointfile_spec spec;
	const char *points, *cell, *format, *bandwidth, *neighbourhood;
	int fdr, json;
	double cell_size;
	struct pointfile pf;
};

static int grid_job_start(const char *cmd, int argc, char **argv, struct grid_job *job, int gistar)
{
	const struct opt kde_opts[] = {
		{"points", &job->points, NULL}, {"x", &job->spec.x, NULL}, {"y", &job->spec.y, NULL},
		{"no-header", NULL, &job->spec.no_header}, {"lonlat", NULL, &job->spec.lonlat},
		{"cell", &job->cell, NULL}, {"bandwidth", &job->bandwidth, NULL}, {"format", &job->format, NULL}, {NULL, NULL, NULL}
	};
	const struct opt gistar_opts[] = {
		{"points", &job->points, NULL}, {"x", &job->spec.x, NULL}, {"y", &job->spec.y, NULL},
		{"no-header", NULL, &job->spec.no_header}, {"lonlat", NULL, &job->spec.lonlat},
		{"cell", &job->cell, NULL}, {"neighbourhood", &job->neighbourhood, NULL}, {"fdr", NULL, &job->fdr},
		{"format", &job->format, NULL}, {NULL, NULL, NULL}
	};
	int rc;
	if ((rc = parse_options(cmd, argc, argv, gistar ? gistar_opts : kde_opts)) ||
	    (rc = require(cmd, "points", job->points)) || (rc = require(cmd, "x", job->spec.x)) ||
	    (rc = require(cmd, "y", job->spec.y)) || (rc = parse_format(cmd, job->format, &job->json)) ||
	    (rc = parse_positive(cmd, "cell", job->cell, 0, &job->cell_size)))
		return rc;
	return EXIT_OK;
}

static int analyse_kde(int argc, char **argv)
{
	const char *cmd = "analyse kde";
	if (cli_wants_help(argc, argv)) {
		fputs(kde_help, stdout);
		return EXIT_OK;
	}
	char dflt_cell[32], dflt_bw[32];
	snprintf(dflt_cell, sizeof dflt_cell, "%g", KDE_DEFAULT_CELL);
	snprintf(dflt_bw, sizeof dflt_bw, "%g", KDE_DEFAULT_BANDWIDTH);
	struct grid_job job = {.cell = dflt_cell, .bandwidth = dflt_bw, .format = "csv"};
	int rc;
	double h;
	if ((rc = grid_job_start(cmd, argc, argv, &job, 0)) ||
	    (rc = parse_positive(cmd, "bandwidth", job.bandwidth, 0, &h)))
		return rc;
	if ((rc = read_points(&job.spec, job.points, &job.pf))) return rc;
	struct grid g;
	char err[512];
	if (grid_fit(&g, job.pf.x, job.pf.y, job.pf.n, job.cell_size, h, MAX_GRID_CELLS, err, sizeof err)) {
		pointfile_free(&job.pf);
		return cli_error("%s: %s", job.points, err);
	}
	double *density = xmalloc(grid_cells(&g) * sizeof *density);
	kde_quartic(&g, h, job.pf.x, job.pf.y, NULL, job.pf.n, density);
	if (job.json) {
		json_t *root = json_pack("{s:s, s:s, s:I, s:f, s:o, s:s, s:o}", "method", "kde",
					 "kernel", "quartic", "points", (json_int_t)job.pf.n, "bandwidth", h,
					 "grid", json_grid(&g), "units", "events per square unit",
					 "density", json_doubles(density, grid_cells(&g)));
		rc = print_json(root, 0);
	} else {
		puts("col,row,x,y,density");
		for (int r = 0; r < g.ny; r++)
			for (int c = 0; c < g.nx; c++) {
				put_number(c, ',');
				put_number(r, ',');
				put_number(grid_centre_x(&g, c), ',');
				put_number(grid_centre_y(&g, r), ',');
				put_number(density[(size_t)r * g.nx + c], '\n');
			}
	}
	free(density);
	pointfile_free(&job.pf);
	return rc;
}

static int analyse_gistar(int argc, char **argv)
{
	const char *cmd = "analyse gistar";
	if (cli_wants_help(argc, argv)) {
		fputs(gistar_help, stdout);
		return EXIT_OK;
	}
	char dflt_cell[32];
	snprintf(dflt_cell, sizeof dflt_cell, "%g", KDE_DEFAULT_CELL);
	struct grid_job job = {.cell = dflt_cell, .format = "csv"};
	int rc;
	if ((rc = grid_job_start(cmd, argc, argv, &job, 1))) return rc;
	double radius = 1.5 * job.cell_size;
	if (job.neighbourhood && (rc = parse_positive(cmd, "neighbourhood", job.neighbourhood, 0, &radius)))
		return rc;
	if (radius / job.cell_size > 100)
		return cli_usage_error(cmd, "--neighbourhood is more than 100 cells; choose a smaller one");
	double reach = 2 * floor(radius / job.cell_size) + 1;
	if ((rc = read_points(&job.spec, job.points, &job.pf))) return rc;
	struct grid g;
	char err[512];
	if (grid_fit(&g, job.pf.x, job.pf.y, job.pf.n, job.cell_size, 0, MAX_GRID_CELLS, err, sizeof err)) {
		pointfile_free(&job.pf);
		return cli_error("%s: %s", job.points, err);
	}
	size_t cells = grid_cells(&g);
	if ((double)cells * reach * reach > 2e8) {
		pointfile_free(&job.pf);
		return cli_error("%s: %zu cells with neighbourhoods of up to %.0f cells each is too much; "
				 "choose a larger cell or a smaller neighbourhood", job.points, cells, reach * reach);
	}
	double *counts = xmalloc(cells * sizeof *counts);
	grid_count(&g, job.pf.x, job.pf.y, job.pf.n, counts);
	struct neighbour_list nb;
	gistar_grid_neighbours(&g, radius, &nb);
	struct gistar_result res;
	gistar_compute(counts, &nb, job.fdr, &res);
	if (job.json) {
		json_t *bins = json_array();
		for (size_t i = 0; i < cells; i++) json_array_append_new(bins, json_integer(res.bin[i]));
		json_t *root = json_pack("{s:s, s:I, s:o, s:f, s:b, s:b, s:o, s:o, s:o, s:o}", "method", "gistar",
					 "points", (json_int_t)job.pf.n, "grid", json_grid(&g),
					 "neighbourhood", radius, "fdr", job.fdr, "defined", res.defined,
					 "count", json_doubles(counts, cells), "z", json_doubles(res.z, cells),
					 "p", json_doubles(res.p, cells), "bin", bins);
		if (job.fdr) json_object_set_new(root, "q", json_doubles(res.q, cells));
		rc = print_json(root, 0);
	} else {
		puts(job.fdr ? "col,row,x,y,count,z,p,q,bin" : "col,row,x,y,count,z,p,bin");
		for (int r = 0; r < g.ny; r++)
			for (int c = 0; c < g.nx; c++) {
				size_t i = (size_t)r * g.nx + c;
				put_number(c, ',');
				put_number(r, ',');
				put_number(grid_centre_x(&g, c), ',');
				put_number(grid_centre_y(&g, r), ',');
				put_number(counts[i], ',');
				put_number(res.z[i], ',');
				put_number(res.p[i], ',');
				if (job.fdr) put_number(res.q[i], ',');
				put_number(res.bin[i], '\n');
			}
	}
	if (!res.defined) fprintf(stderr, "nestguard: every cell has the same count, so Gi* is undefined (z = 0)\n");
	gistar_result_free(&res);
	neighbour_list_free(&nb);
	free(counts);
	pointfile_free(&job.pf);
	return rc;
}

/* ---- aoristic ---- */

static const char aoristic_help[] =
	"usage: nestguard analyse aoristic --points FILE.csv --from COL --to COL [options]\n"
	"\n"
	"Aoristic analysis (Ratcliffe): each incident's weight of 1 is spread evenly by minute over\n"
	"its from-to span and summed into the 168 hours of the week. An empty or earlier 'to' puts\n"
	"the whole weight in the start hour; a span of a week or more gives 1/168 to every hour.\n"
	"Times are read as wall-clock times, as written.\n"
	"\n"
	"  --points FILE       CSV file (- for standard input)\n"
	"  --from COL, --to COL  start and end date-time columns (name or 1-based number)\n"
	"  --date-format FMT   strptime format such as '%d/%m/%Y %H:%M'\n"
	"                      (default: YYYY-MM-DD HH:MM[:SS], or with a T)\n"
	"  --no-header         the first line is data; give columns by number\n"
	"  --format F          csv (default: hour_of_week,weekday,hour,weight, Monday 00:00 first) or json\n";

static int analyse_aoristic(int argc, char **argv)
{
	const char *cmd = "analyse aoristic";
	if (cli_wants_help(argc, argv)) {
		fputs(aoristic_help, stdout);
		return EXIT_OK;
	}
	struct pointfile_spec spec = {0};
	const char *points = NULL, *format = "csv";
	const struct opt opts[] = {
		{"points", &points, NULL}, {"from", &spec.from, NULL}, {"to", &spec.to, NULL},
		{"date-format", &spec.date_format, NULL}, {"no-header", NULL, &spec.no_header},
		{"format", &format, NULL}, {NULL, NULL, NULL}
	};
	int rc, json = 0;
	if ((rc = parse_options(cmd, argc, argv, opts)) || (rc = require(cmd, "points", points)) ||
	    (rc = require(cmd, "from", spec.from)) || (rc = require(cmd, "to", spec.to)) ||
	    (rc = parse_format(cmd, format, &json)))
		return rc;
	struct pointfile pf;
	if ((rc = read_points(&spec, points, &pf))) return rc;
	struct aoristic_table table;
	memset(&table, 0, sizeof table);
	for (size_t i = 0; i < pf.n; i++) {
		struct aoristic_event e = {pf.from[i], pf.to[i], pf.has_to[i]};
		aoristic_add(&table, &e);
	}
	if (json) {
		json_t *days = json_array(), *weights = json_array();
		for (int d = 0; d < 7; d++) {
			json_array_append_new(days, json_string(aoristic_weekday_names[d]));
			json_array_append_new(weights, json_doubles(table.weight + d * 24, 24));
		}
		json_t *root = json_pack("{s:s, s:I, s:I, s:I, s:I, s:o, s:o}", "method", "aoristic",
					 "events", (json_int_t)table.events,
					 "missing_end", (json_int_t)table.missing_end,
					 "end_before_start", (json_int_t)table.end_before_start,
					 "longer_than_week", (json_int_t)table.longer_than_week,
					 "weekdays", days, "weights", weights);
		rc = print_json(root, 1);
	} else {
		puts("hour_of_week,weekday,hour,weight");
		for (int h = 0; h < AORISTIC_HOURS; h++)
			printf("%d,%s,%d,%.17g\n", h, aoristic_weekday_names[h / 24], h % 24, table.weight[h]);
	}
	if (table.missing_end || table.end_before_start)
		fprintf(stderr, "nestguard: %zu incidents had no end time and %zu an end before the start; "
			"their whole weight is in the start hour\n", table.missing_end, table.end_before_start);
	pointfile_free(&pf);
	return rc;
}

/* ---- project ---- */

static const char project_help[] =
	"usage: nestguard analyse project --points FILE.csv --x COL --y COL [--no-header]\n"
	"\n"
	"Prints x,y as British National Grid eastings and northings (metres) for points given as\n"
	"WGS84 longitude (x) and latitude (y), as the other subcommands' --lonlat does: OSGB36\n"
	"Transverse Mercator after the Ordnance Survey's Helmert datum shift (good to about 5 m).\n";

static int analyse_project(int argc, char **argv)
{
	const char *cmd = "analyse project";
	if (cli_wants_help(argc, argv)) {
		fputs(project_help, stdout);
		return EXIT_OK;
	}
	struct pointfile_spec spec = {.lonlat = 1};
	const char *points = NULL;
	const struct opt opts[] = {
		{"points", &points, NULL}, {"x", &spec.x, NULL}, {"y", &spec.y, NULL},
		{"no-header", NULL, &spec.no_header}, {NULL, NULL, NULL}
	};
	int rc;
	if ((rc = parse_options(cmd, argc, argv, opts)) || (rc = require(cmd, "points", points)) ||
	    (rc = require(cmd, "x", spec.x)) || (rc = require(cmd, "y", spec.y)))
		return rc;
	struct pointfile pf;
	if ((rc = read_points(&spec, points, &pf))) return rc;
	puts("x,y");
	for (size_t i = 0; i < pf.n; i++) printf("%.17g,%.17g\n", pf.x[i], pf.y[i]);
	pointfile_free(&pf);
	return EXIT_OK;
}

/* ---- dispatch ---- */

static const char analyse_help[] =
	"usage: nestguard analyse SUBCOMMAND [options]\n"
	"\n"
	"Crime analytics on a point file (CSV), printed as CSV or JSON:\n"
	"  knox       near-repeat Knox test with Monte Carlo permutations\n"
	"  kde        quartic kernel density on a grid\n"
	"  gistar     Getis-Ord Gi* hot spots on grid cells\n"
	"  aoristic   hour-of-week table of incidents with from/to times\n"
	"  project    WGS84 longitude/latitude to British National Grid metres\n"
	"\n"
	"The same analyses on the crime, incidents and cases in the database (as the web pages):\n";

static const char analyse_help_end[] =
	"\n"
	"Run 'nestguard analyse SUBCOMMAND --help' for its options. docs/analytics.md explains the\n"
	"methods, defaults and caveats; docs/analytics-guide.md how to read the results.\n";

int cmd_analyse(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		FILE *out = argc < 2 ? stderr : stdout;
		fputs(analyse_help, out);
		analyse_db_list(out);
		fputs(analyse_help_end, out);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	int rc = analyse_db_run(cli, argc, argv);
	if (rc >= 0) return rc;
	const char *sub = argv[1];
	if (strcmp(sub, "knox") == 0) return analyse_knox(argc - 1, argv + 1);
	if (strcmp(sub, "kde") == 0) return analyse_kde(argc - 1, argv + 1);
	if (strcmp(sub, "gistar") == 0) return analyse_gistar(argc - 1, argv + 1);
	if (strcmp(sub, "aoristic") == 0) return analyse_aoristic(argc - 1, argv + 1);
	if (strcmp(sub, "project") == 0) return analyse_project(argc - 1, argv + 1);
	return cli_usage_error("analyse", "unknown subcommand '%s'", sub);
}
