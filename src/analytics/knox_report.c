/* Near repeats: incidents -> knox_run(), with limits that keep a web request short. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/knox_report.h"
#include "report/csv_writer.h"
#include "util/xalloc.h"

/* About a second of permutations on two cores (2.4 million close pairs x 999 permutations
 * take about 2 s, docs/benchmarks.md); the command line allows a thousand times more. */
const struct knox_limits knox_web_limits = {1.2e9, 200000, 2};
const struct knox_limits knox_cli_limits = {1e12, 10000000, 0};

/* "0,7,14" into BREAKS; an error on FIELD for anything else. */
static size_t parse_breaks(const struct analysis_args *a, const char *field, const char *label, const char *dflt,
	double *breaks, struct field_errors *e)
{
	const char *text = analysis_args_get(a, field);
	if (!text) text = dflt;
	size_t n = 0;
	const char *p = text;
	for (;;) {
		char *end;
		double v = strtod(p, &end);
		while (*end == ' ') end++;
		if (end == p || (*end && *end != ',') || !isfinite(v) || v < 0) {
			field_errors_add(e, field, "Enter the %s as numbers of at least 0 separated by commas, like %s", label, dflt);
			return 0;
		}
		if (n == KNOX_REPORT_MAX_BREAKS) {
			field_errors_add(e, field, "Enter at most %d %s", KNOX_REPORT_MAX_BREAKS, label);
			return 0;
		}
		if (n && !(v > breaks[n - 1])) {
			field_errors_add(e, field, "Enter the %s in increasing order", label);
			return 0;
		}
		breaks[n++] = v;
		if (!*end) break;
		p = end + 1;
	}
	if (n < 2) {
		field_errors_add(e, field, "Enter at least two %s, like %s", label, dflt);
		return 0;
	}
	return n;
}

int knox_report_params_parse(struct db *db, const struct analysis_args *a, struct knox_report_params *out,
	struct field_errors *e)
{
	int before = e->count;
	memset(out, 0, sizeof *out);
	incident_selection_parse(db, a, &out->sel, e);
	out->distance_count = parse_breaks(a, "distance_bands", "distance band breaks in metres", "0,0.1,200,400,600",
		out->distance_breaks, e);
	out->time_count = parse_breaks(a, "time_bands", "time band breaks in days", "0,7,14,21", out->time_breaks, e);
	double iterations = analysis_args_number(a, "iterations", "the number of iterations", 999, 1, 99999, e);
	if (iterations != floor(iterations)) {
		field_errors_add(e, "iterations", "Enter the number of iterations as a whole number");
		iterations = 999;
	}
	out->iterations = (unsigned)iterations;
	static const char *const METRICS[] = {"manhattan", "euclidean", NULL};
	static const char *const CLOSURES[] = {"left", "right", NULL};
	int m = analysis_args_choice(a, "metric", "a distance", METRICS, 0, e);
	out->metric = m == 1 ? KNOX_EUCLIDEAN : KNOX_MANHATTAN;
	int c = analysis_args_choice(a, "closed", "how bands are closed", CLOSURES, 0, e);
	out->closure = c == 1 ? KNOX_CLOSED_RIGHT : KNOX_CLOSED_LEFT;
	double seed = analysis_args_number(a, "seed", "the random seed", 1, 0, 9007199254740991.0, e);
	if (seed != floor(seed)) field_errors_add(e, "seed", "Enter the random seed as a whole number");
	out->seed = (uint64_t)seed;
	return e->count > before ? -1 : 0;
}

int knox_report_build(struct db *db, const struct knox_report_params *p, const struct knox_limits *limits,
	struct knox_report *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	out->params = *p;
	struct incident_windows w;
	if (incident_selection_get(db, &p->sel, &w, err, errsize) != 0) return -1;
	double *x = xmalloc((w.n + 1) * sizeof *x), *y = xmalloc((w.n + 1) * sizeof *y), *t = xmalloc((w.n + 1) * sizeof *t);
	for (size_t i = 0; i < w.n; i++) {
		if (!w.windows[i].located) {
			out->unlocated++;
			continue;
		}
		x[out->located] = w.windows[i].x;
		y[out->located] = w.windows[i].y;
		/* the day of the "from" time: dates, as the Near Repeat Calculator takes them */
		t[out->located] = floor((double)w.windows[i].from_ts / 86400.0);
		out->located++;
	}
	incident_windows_free(&w);
	int rc = -1;
	if (out->located < 2) {
		snprintf(err, errsize, "The Knox test needs at least two incidents with a location; %zu match", out->located);
	} else if (out->located > limits->max_events) {
		snprintf(err, errsize, "%zu incidents are more than a page can test (at most %zu): choose fewer dates or a "
			"smaller area, or run nestguard analyse near-repeats on the command line", out->located, limits->max_events);
	} else {
		struct knox_params kp = {
			p->distance_breaks, p->distance_count, p->time_breaks, p->time_count, p->metric, p->closure,
			p->iterations, p->seed, limits->threads, 0,
		};
		double pairs = limits->max_work / p->iterations;
		kp.max_pairs = pairs > 4e9 ? 0 : pairs < 1 ? 1 : (size_t)pairs;
		char kerr[300];
		if (knox_run(x, y, t, out->located, &kp, &out->result, kerr, sizeof kerr) == 0) {
			out->ran = 1;
			rc = 0;
		} else if (strncmp(kerr, "more than", 9) == 0) {
			snprintf(err, errsize, "Too large for a web page: more than %zu pairs of incidents lie within %g m of each "
				"other, and each of the %u iterations goes over all of them. Choose fewer iterations, a smaller "
				"largest distance band, fewer dates or a smaller area; or run the same test with nestguard analyse "
				"near-repeats on the command line, which has no such limit", kp.max_pairs,
				p->distance_breaks[p->distance_count - 1], p->iterations);
		} else {
			snprintf(err, errsize, "%s", kerr);
		}
	}
	free(x);
	free(y);
	free(t);
	return rc;
}

void knox_report_free(struct knox_report *r)
{
	if (r->ran) knox_result_free(&r->result);
	memset(r, 0, sizeof *r);
}

void knox_report_band_label(const struct knox_report_params *p, char which, size_t band, char *out, size_t size)
{
	const double *b = which == 'd' ? p->distance_breaks : p->time_breaks;
	const char *unit = which == 'd' ? " m" : " days";
	if (p->closure == KNOX_CLOSED_LEFT)
		snprintf(out, size, "%g to under %g%s", b[band], b[band + 1], unit);
	else if (band == 0)
		snprintf(out, size, "%g to %g%s", b[band], b[band + 1], unit);
	else
		snprintf(out, size, "over %g to %g%s", b[band], b[band + 1], unit);
}

struct report_table *knox_report_table(const struct knox_report *r, char kind)
{
	const char *title = kind == 'o' ? "Observed pairs of incidents" : kind == 'e' ? "Expected pairs (mean of the simulations)"
		: kind == 'r' ? "Knox ratio (observed / mean of the simulations)" : kind == 'm' ? "Knox ratio (observed / median of the simulations)"
		: "p-value (share of simulations with at least as many pairs)";
	struct report_table *t = report_table_new(title);
	report_table_add_text_column(t, "Distance apart");
	struct number_style st = {kind == 'o' ? 0 : kind == 'e' ? 1 : kind == 'p' ? 3 : 2, NULL, NULL, 0};
	const struct knox_result *res = &r->result;
	for (size_t j = 0; j < res->time_bands; j++) {
		char label[80];
		knox_report_band_label(&r->params, 't', j, label, sizeof label);
		report_table_add_number_column(t, label, &st);
	}
	for (size_t i = 0; i < res->distance_bands; i++) {
		size_t row = report_table_add_row(t);
		char label[80];
		knox_report_band_label(&r->params, 'd', i, label, sizeof label);
		report_table_set_text(t, row, 0, label);
		for (size_t j = 0; j < res->time_bands; j++) {
			size_t k = i * res->time_bands + j;
			double v = kind == 'o' ? (double)res->observed[k] : kind == 'e' ? res->sim_mean[k] : kind == 'r' ? res->ratio_mean[k]
				: kind == 'm' ? res->ratio_median[k] : res->p[k];
			if (isfinite(v)) report_table_set_number(t, row, j + 1, v);
			else report_table_set_text(t, row, j + 1, "n/a");
		}
	}
	return t;
}

static const char *metric_name(enum knox_metric m) { return m == KNOX_EUCLIDEAN ? "euclidean" : "manhattan"; }
static const char *closure_name(enum knox_closure c) { return c == KNOX_CLOSED_RIGHT ? "right" : "left"; }

/* "[0,0.1)" as `nestguard analyse knox` labels bands. */
static void interval_label(const double *b, size_t i, enum knox_closure c, char *out, size_t size)
{
	if (c == KNOX_CLOSED_LEFT) snprintf(out, size, "[%.10g,%.10g)", b[i], b[i + 1]);
	else snprintf(out, size, "%c%.10g,%.10g]", i == 0 ? '[' : '(', b[i], b[i + 1]);
}

void knox_report_csv(const struct knox_report *r, struct buf *out)
{
	const struct knox_result *res = &r->result;
	const struct knox_report_params *p = &r->params;
	struct csv_writer w;
	csv_writer_init(&w, out);
	const char *head[] = {"distance_band", "time_band", "distance_from", "distance_to", "time_from", "time_to", "observed",
		"expected_mean", "expected_median", "knox_ratio", "knox_ratio_median", "p_value"};
	for (size_t i = 0; i < 12; i++) csv_writer_text(&w, head[i]);
	csv_writer_end_record(&w);
	for (size_t s = 0; s < res->distance_bands; s++)
		for (size_t t = 0; t < res->time_bands; t++) {
			size_t k = s * res->time_bands + t;
			char dl[64], tl[64];
			interval_label(p->distance_breaks, s, p->closure, dl, sizeof dl);
			interval_label(p->time_breaks, t, p->closure, tl, sizeof tl);
			csv_writer_text(&w, dl);
			csv_writer_text(&w, tl);
			double v[] = {p->distance_breaks[s], p->distance_breaks[s + 1], p->time_breaks[t], p->time_breaks[t + 1],
				(double)res->observed[k], res->sim_mean[k], res->sim_median[k], res->ratio_mean[k], res->ratio_median[k], res->p[k]};
			for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
				char num[40] = "";
				if (isfinite(v[i])) snprintf(num, sizeof num, "%.10g", v[i]);
				csv_writer_text(&w, num);
			}
			csv_writer_end_record(&w);
		}
}

static json_t *bands_json(const double *b, size_t count, enum knox_closure c)
{
	json_t *a = json_array();
	for (size_t i = 0; i + 1 < count; i++) {
		char label[64];
		interval_label(b, i, c, label, sizeof label);
		json_array_append_new(a, json_pack("{s:f, s:f, s:s}", "from", b[i], "to", b[i + 1], "label", label));
	}
	return a;
}

static json_t *table_json(const struct knox_result *r, const double *v, const uint64_t *counts)
{
	json_t *rows = json_array();
	for (size_t s = 0; s < r->distance_bands; s++) {
		json_t *row = json_array();
		for (size_t t = 0; t < r->time_bands; t++) {
			size_t k = s * r->time_bands + t;
			json_array_append_new(row, counts ? json_integer((json_int_t)counts[k]) : analysis_json_number(v[k]));
		}
		json_array_append_new(rows, row);
	}
	return rows;
}

void knox_report_json(const struct knox_report *r, struct buf *out)
{
	const struct knox_result *res = &r->result;
	const struct knox_report_params *p = &r->params;
	char what[400];
	incident_selection_describe(&p->sel, what, sizeof what);
	json_t *root = json_object();
	json_object_set_new(root, "test", json_string("knox"));
	json_object_set_new(root, "description", json_string(what));
	json_object_set_new(root, "events", json_integer((json_int_t)res->events));
	json_object_set_new(root, "events_without_location", json_integer((json_int_t)r->unlocated));
	json_object_set_new(root, "close_pairs", json_integer((json_int_t)res->close_pairs));
	json_object_set_new(root, "iterations", json_integer(res->iterations));
	json_object_set_new(root, "seed", json_integer((json_int_t)p->seed));
	json_object_set_new(root, "metric", json_string(metric_name(p->metric)));
	json_object_set_new(root, "closed", json_string(closure_name(p->closure)));
	json_object_set_new(root, "distance_bands", bands_json(p->distance_breaks, p->distance_count, p->closure));
	json_object_set_new(root, "time_bands", bands_json(p->time_breaks, p->time_count, p->closure));
	json_object_set_new(root, "observed", table_json(res, NULL, res->observed));
	json_object_set_new(root, "expected_mean", table_json(res, res->sim_mean, NULL));
	json_object_set_new(root, "expected_median", table_json(res, res->sim_median, NULL));
	json_object_set_new(root, "knox_ratio", table_json(res, res->ratio_mean, NULL));
	json_object_set_new(root, "knox_ratio_median", table_json(res, res->ratio_median, NULL));
	json_object_set_new(root, "p_value", table_json(res, res->p, NULL));
	analysis_json_write(root, out, 0);
}
