/* nestguard analyse trends|hotspots|peak-times|near-repeats|cases — the analytics pages'
 * analyses on the database, from the command line, with their downloads on standard output
 * or in a file. Options are the pages' arguments with dashes (--distance-bands for
 * distance_bands); parsing, checking and output are the shared code in src/analytics. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/case_map_report.h"
#include "analytics/hotspot_report.h"
#include "analytics/knox_report.h"
#include "analytics/peak_report.h"
#include "analytics/trend_report.h"
#include "cli/cli.h"
#include "cli/cmd_analyse_db.h"
#include "db/db.h"
#include "util/xalloc.h"

struct subcommand {
	const char *name, *summary, *help;
	const char *const *options;       /* value options (names with dashes) */
	const char *const *flags;         /* options without a value (given as "1") */
	const char *const *formats;       /* the first is the default */
	int (*run)(struct db *db, const char *cmd, const struct analysis_args *a, enum analysis_format f, struct buf *out);
};

#define SELECTION_HELP \
	"  --area AREA          borough (default) or a ward or LSOA code, e.g. E05015018\n" \
	"  --type TYPE          a police.uk crime type, e.g. Burglary or \"Vehicle crime\"; repeat for\n" \
	"                       several; all for every type\n" \
	"  --from YYYY-MM, --to YYYY-MM   first and last month (default: all the borough's months)\n"
#define INCIDENT_HELP \
	"  --area AREA          borough (default: every incident) or a ward or LSOA code\n" \
	"  --incident-type T    an incident type as imported (default: all)\n" \
	"  --start DATE, --end DATE   incidents whose window overlaps these days (YYYY-MM-DD)\n"
#define OUTPUT_HELP "  -o, --output FILE    write to FILE instead of standard output\n"

static const char trends_help[] =
	"usage: nestguard analyse trends [--area AREA] [--type TYPE]... [--from YYYY-MM] [--to YYYY-MM]\n"
	"                                [--format csv|json|svg|png] [-o FILE]\n"
	"\n"
	"Monthly counts of imported police.uk crime for the borough, a ward or an LSOA: the rolling\n"
	"12-month total, changes on the previous period and the same period last year, the\n"
	"Mann-Kendall trend test with Sen's slope and its caveats (small numbers, seasonality), for\n"
	"the selection and for each crime type in it. The same as the Trends page.\n"
	"\n" SELECTION_HELP
	"  --format F           csv (default: month, a column per type, total, rolling 12-month\n"
	"                       total), json (everything), svg or png (the chart)\n" OUTPUT_HELP;

static const char hotspots_help[] =
	"usage: nestguard analyse hotspots [--area AREA] [--type TYPE]... [--from M] [--to M]\n"
	"                                  [--method kde|gistar|gistar-wards|gistar-lsoas] [--cell M]\n"
	"                                  [--bandwidth M] [--neighbourhood M] [--fdr] [--cases]\n"
	"                                  [--format csv|json|geojson|svg|png] [-o FILE]\n"
	"\n"
	"Hot spots of imported crime (default type Burglary) over the study area: the borough (its\n"
	"wards) or the ward or LSOA given. Only grid cells whose centre lies inside the study area\n"
	"are shown and, for Gi*, tested. The same as the Hot spots page, with larger limits.\n"
	"\n" SELECTION_HELP
	"  --method M           kde (default): quartic kernel density; gistar: Getis-Ord Gi* on grid\n"
	"                       cells; gistar-wards, gistar-lsoas: Gi* on areas sharing boundaries\n"
	"  --cell M             grid cell in metres (default 50 for kde, 150 for gistar)\n"
	"  --bandwidth M        kde radius in metres (default 250)\n"
	"  --neighbourhood M    gistar: neighbours are the cells whose centres lie within M metres\n"
	"                       (default 1.5 cells: the 3x3 block)\n"
	"  --fdr                Gi* bins from false-discovery-rate adjusted p-values\n"
	"  --cases              svg/png: open cuckooing cases per ward on the map (under 5 hidden)\n"
	"  --format F           csv (default: one row per cell or area), json, geojson (cells or\n"
	"                       areas in WGS84), svg or png (the map)\n" OUTPUT_HELP;

static const char peaks_help[] =
	"usage: nestguard analyse peak-times [--area AREA] [--incident-type T] [--start D] [--end D]\n"
	"                                    [--format csv|json|svg|png] [-o FILE]\n"
	"\n"
	"The aoristic hour-of-week table (Ratcliffe) of imported incidents with from/to times: each\n"
	"incident's weight of 1 spread by minute over its window. The same as the Peak times page.\n"
	"\n" INCIDENT_HELP
	"  --format F           csv (default: hour_of_week, weekday, hour, weight), json, or svg/png\n"
	"                       (the hours of the day as a chart)\n" OUTPUT_HELP;

static const char knox_help[] =
	"usage: nestguard analyse near-repeats [--area AREA] [--incident-type T] [--start D] [--end D]\n"
	"                                      [--distance-bands LIST] [--time-bands LIST]\n"
	"                                      [--iterations N] [--metric manhattan|euclidean]\n"
	"                                      [--closed left|right] [--seed N] [--format csv|json]\n"
	"\n"
	"The Knox test for near repeats on imported incidents with a location, each dated by the day\n"
	"of its from time; Monte Carlo permutations of the dates over the fixed locations. The same\n"
	"as the Near repeats page, without its size limit. For a point file use 'analyse knox'.\n"
	"\n" INCIDENT_HELP
	"  --distance-bands L   breaks in metres (default 0,0.1,200,400,600)\n"
	"  --time-bands L       breaks in days (default 0,7,14,21)\n"
	"  --iterations N       permutations (default 999)\n"
	"  --metric M           manhattan (default) or euclidean\n"
	"  --closed SIDE        left: bands [a,b) (default); right: (a,b], the first [a,b]\n"
	"  --seed N             random seed (default 1)\n"
	"  --format F           csv (default, as 'analyse knox') or json\n" OUTPUT_HELP;

static const char cases_help[] =
	"usage: nestguard analyse cases [--kind cuckooing|all] [--status open|closed|all]\n"
	"                               [--opened-from DATE] [--opened-to DATE]\n"
	"                               [--format csv|json|geojson|svg|png] [-o FILE]\n"
	"\n"
	"Exploitation cases counted by ward, with counts from 1 to 4 shown as \"fewer than 5\" and\n"
	"other counts hidden where they would give a small one away. No case, person or address.\n"
	"The same as the Cases on the map page.\n"
	"\n"
	"  --kind K             cuckooing (default: property takeover) or all\n"
	"  --status S           open (default), closed or all\n"
	"  --opened-from D, --opened-to D   cases opened on or after / on or before these dates\n"
	"  --format F           csv (default), json, geojson, svg or png (the map)\n" OUTPUT_HELP;

static int invalid(const char *cmd, const struct field_errors *e)
{
	char opt[72];
	snprintf(opt, sizeof opt, "%s", e->items[0].field);
	for (char *p = opt; *p; p++) if (*p == '_') *p = '-';
	return cli_usage_error(cmd, "--%s: %s", opt, e->items[0].message);
}

static int run_trends(struct db *db, const char *cmd, const struct analysis_args *a, enum analysis_format f, struct buf *out)
{
	struct field_errors e;
	field_errors_init(&e);
	struct crime_selection sel;
	if (crime_selection_parse(db, a, NULL, &sel, &e) != 0) return invalid(cmd, &e);
	struct trend_report r;
	char err[256];
	if (trend_report_build(db, &sel, &r, err, sizeof err) != 0) return cli_error("%s", err);
	int rc = EXIT_OK;
	if (f == FORMAT_CSV) trend_report_csv(&r, out);
	else if (f == FORMAT_JSON) trend_report_json(&r, out);
	else {
		struct chart *c = trend_report_chart(&r);
		chart_set_draw_title(c, 1);
		if (f == FORMAT_SVG) chart_write_svg(c, out, "trend-chart", 1);
		else if (chart_write_png(c, 2, out) != 0) rc = cli_error("could not draw the chart");
		chart_free(c);
	}
	trend_report_free(&r);
	return rc;
}

static int run_hotspots(struct db *db, const char *cmd, const struct analysis_args *a, enum analysis_format f, struct buf *out)
{
	struct field_errors e;
	field_errors_init(&e);
	struct hotspot_params p;
	if (hotspot_params_parse(db, a, &p, &e) != 0) return invalid(cmd, &e);
	struct hotspot_report r;
	char err[400];
	int rc = EXIT_OK;
	if (hotspot_report_build(db, &p, &hotspot_cli_limits, &r, err, sizeof err) != 0) {
		rc = cli_error("%s", err);
	} else if (f == FORMAT_CSV) {
		hotspot_report_csv(&r, out);
	} else if (f == FORMAT_JSON) {
		hotspot_report_json(&r, out);
	} else if (f == FORMAT_GEOJSON) {
		hotspot_report_geojson(&r, out);
	} else {
		struct map *m = hotspot_report_map(&r);
		map_set_draw_title(m, 1);
		const char *cases = analysis_args_get(a, "cases");
		const struct area_shapes *drawn = p.method == HOTSPOT_GISTAR_WARDS ? &r.areas : &r.study;
		struct case_map_report cr;
		struct case_map_params cp = {1, CASES_OPEN, "", ""};
		int with_cases = cases && strcmp(drawn->level, "ward") == 0 && case_map_report_build(db, &cp, &cr) == 0;
		if (with_cases) case_map_report_overlay(&cr, m, drawn);
		if (f == FORMAT_SVG) map_write_svg(m, out, "hotspot-map", 1);
		else if (map_write_png(m, 2, out) != 0) rc = cli_error("could not draw the map");
		if (with_cases) case_map_report_free(&cr);
		map_free(m);
	}
	hotspot_report_free(&r);
	return rc;
}

static int run_peaks(struct db *db, const char *cmd, const struct analysis_args *a, enum analysis_format f, struct buf *out)
{
	struct field_errors e;
	field_errors_init(&e);
	struct incident_selection sel;
	if (incident_selection_parse(db, a, &sel, &e) != 0) return invalid(cmd, &e);
	struct peak_report r;
	char err[256];
	if (peak_report_build(db, &sel, &r, err, sizeof err) != 0) return cli_error("%s", err);
	if (f == FORMAT_CSV) peak_report_csv(&r, out);
	else if (f == FORMAT_JSON) peak_report_json(&r, out);
	else {
		struct chart *c = peak_report_chart(&r);
		chart_set_draw_title(c, 1);
		int bad = f == FORMAT_SVG ? (chart_write_svg(c, out, "peak-chart", 1), 0) : chart_write_png(c, 2, out);
		chart_free(c);
		if (bad) return cli_error("could not draw the chart");
	}
	return EXIT_OK;
}

static int run_knox(struct db *db, const char *cmd, const struct analysis_args *a, enum analysis_format f, struct buf *out)
{
	struct field_errors e;
	field_errors_init(&e);
	struct knox_report_params p;
	if (knox_report_params_parse(db, a, &p, &e) != 0) return invalid(cmd, &e);
	struct knox_report r;
	char err[600];
	if (knox_report_build(db, &p, &knox_cli_limits, &r, err, sizeof err) != 0) {
		knox_report_free(&r);
		return cli_error("%s", err);
	}
	if (f == FORMAT_CSV) knox_report_csv(&r, out);
	else knox_report_json(&r, out);
	knox_report_free(&r);
	return EXIT_OK;
}

static int run_cases(struct db *db, const char *cmd, const struct analysis_args *a, enum analysis_format f, struct buf *out)
{
	struct field_errors e;
	field_errors_init(&e);
	struct case_map_params p;
	if (case_map_params_parse(a, &p, &e) != 0) return invalid(cmd, &e);
	struct case_map_report r;
	if (case_map_report_build(db, &p, &r) != 0) {
		case_map_report_free(&r);
		return cli_error("no ward boundaries have been imported (nestguard import boundaries --level ward)");
	}
	int rc = EXIT_OK;
	if (f == FORMAT_CSV) case_map_report_csv(&r, out);
	else if (f == FORMAT_JSON) case_map_report_json(&r, out);
	else if (f == FORMAT_GEOJSON) case_map_report_geojson(&r, out);
	else {
		struct map *m = case_map_report_map(&r);
		map_set_draw_title(m, 1);
		if (f == FORMAT_SVG) map_write_svg(m, out, "cases-map", 1);
		else if (map_write_png(m, 2, out) != 0) rc = cli_error("could not draw the map");
		map_free(m);
	}
	case_map_report_free(&r);
	return rc;
}

static const char *const SELECTION_OPTS[] = {"area", "type", "from", "to", NULL};
static const char *const HOTSPOT_OPTS[] = {"area", "type", "from", "to", "method", "cell", "bandwidth", "neighbourhood", NULL};
static const char *const INCIDENT_OPTS[] = {"area", "incident-type", "start", "end", NULL};
static const char *const KNOX_OPTS[] = {"area", "incident-type", "start", "end", "distance-bands", "time-bands",
	"iterations", "metric", "closed", "seed", NULL};
static const char *const CASE_OPTS[] = {"kind", "status", "opened-from", "opened-to", NULL};
static const char *const NO_FLAGS[] = {NULL};
static const char *const HOTSPOT_FLAGS[] = {"fdr", "cases", NULL};
static const char *const CHART_FORMATS[] = {"csv", "json", "svg", "png", NULL};
static const char *const MAP_FORMATS[] = {"csv", "json", "geojson", "svg", "png", NULL};
static const char *const TABLE_FORMATS[] = {"csv", "json", NULL};

static const struct subcommand SUBCOMMANDS[] = {
	{"trends", "monthly crime, changes and the trend test", trends_help, SELECTION_OPTS, NO_FLAGS, CHART_FORMATS, run_trends},
	{"hotspots", "kernel density and Gi* hot spots over the borough", hotspots_help, HOTSPOT_OPTS, HOTSPOT_FLAGS, MAP_FORMATS, run_hotspots},
	{"peak-times", "aoristic hour-of-week table of incidents", peaks_help, INCIDENT_OPTS, NO_FLAGS, CHART_FORMATS, run_peaks},
	{"near-repeats", "Knox test on located incidents", knox_help, KNOX_OPTS, NO_FLAGS, TABLE_FORMATS, run_knox},
	{"cases", "cases by ward with small numbers suppressed", cases_help, CASE_OPTS, NO_FLAGS, MAP_FORMATS, run_cases},
};

void analyse_db_list(FILE *out)
{
	for (size_t i = 0; i < sizeof SUBCOMMANDS / sizeof *SUBCOMMANDS; i++)
		fprintf(out, "  %-12s %s\n", SUBCOMMANDS[i].name, SUBCOMMANDS[i].summary);
}

static int listed(const char *const *names, const char *name, size_t len)
{
	for (size_t i = 0; names[i]; i++)
		if (strlen(names[i]) == len && strncmp(names[i], name, len) == 0) return 1;
	return 0;
}

/* The argument name for option NAME (LEN bytes): dashes become underscores. Malloc'd. */
static char *arg_name(const char *name, size_t len)
{
	char *s = xstrndup(name, len);
	for (char *p = s; *p; p++) if (*p == '-') *p = '_';
	return s;
}

static int write_output(const char *path, const struct buf *out)
{
	FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "wb") : stdout;
	if (!f) return cli_error("cannot write %s: %s", path, strerror(errno));
	size_t n = fwrite(out->data ? out->data : "", 1, out->len, f);
	int bad = n != out->len || (f != stdout ? fclose(f) : fflush(f)) != 0;
	if (bad) return cli_error("cannot write %s: %s", path ? path : "standard output", strerror(errno));
	return EXIT_OK;
}

static int run_subcommand(struct cli *cli, const struct subcommand *sc, int argc, char **argv)
{
	char cmd[64];
	snprintf(cmd, sizeof cmd, "analyse %s", sc->name);
	if (cli_wants_help(argc, argv)) {
		fputs(sc->help, stdout);
		return EXIT_OK;
	}
	struct analysis_args a;
	memset(&a, 0, sizeof a);
	char *owned[ANALYSIS_ARGS_MAX];
	size_t nowned = 0;
	const char *format = sc->formats[0], *output = NULL;
	int rc = EXIT_OK;
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "-o") == 0) {
			if (i + 1 >= argc) rc = cli_usage_error(cmd, "-o needs a file name");
			else output = argv[++i];
			continue;
		}
		if (strncmp(arg, "--", 2) != 0) {
			rc = cli_usage_error(cmd, "unexpected argument '%s'", arg);
			break;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const char *value = eq ? eq + 1 : NULL;
		int is_flag = listed(sc->flags, name, len);
		int known = is_flag || listed(sc->options, name, len) || (len == 6 && strncmp(name, "format", 6) == 0) ||
			(len == 6 && strncmp(name, "output", 6) == 0);
		if (!known) {
			rc = cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
			break;
		}
		if (is_flag) {
			if (value) { rc = cli_usage_error(cmd, "--%.*s takes no value", (int)len, name); break; }
			value = "1";
		} else if (!value) {
			if (i + 1 >= argc) { rc = cli_usage_error(cmd, "--%.*s needs a value", (int)len, name); break; }
			value = argv[++i];
		}
		if (len == 6 && strncmp(name, "format", 6) == 0) format = value;
		else if (len == 6 && strncmp(name, "output", 6) == 0) output = value;
		else if (nowned < ANALYSIS_ARGS_MAX) {
			owned[nowned] = arg_name(name, len);
			analysis_args_add(&a, owned[nowned++], value);
		}
	}
	int f = -1;
	if (rc == EXIT_OK) {
		for (size_t i = 0; sc->formats[i]; i++)
			if (strcmp(format, sc->formats[i]) == 0) f = analysis_format_parse(format);
		if (f < 0) {
			struct buf list = BUF_INIT;
			for (size_t i = 0; sc->formats[i]; i++) buf_printf(&list, "%s%s", i ? ", " : "", sc->formats[i]);
			rc = cli_usage_error(cmd, "--format must be one of %s, not '%s'", buf_str(&list), format);
			buf_free(&list);
		}
	}
	if (rc == EXIT_OK) {
		struct db *db = cli_open_db(cli);
		if (!db) {
			rc = EXIT_USER;
		} else {
			struct buf out = BUF_INIT;
			rc = sc->run(db, cmd, &a, (enum analysis_format)f, &out);
			if (rc == EXIT_OK) rc = write_output(output, &out);
			buf_free(&out);
			db_close(db);
		}
	}
	for (size_t i = 0; i < nowned; i++) free(owned[i]);
	return rc;
}

int analyse_db_run(struct cli *cli, int argc, char **argv)
{
	for (size_t i = 0; i < sizeof SUBCOMMANDS / sizeof *SUBCOMMANDS; i++)
		if (strcmp(argv[1], SUBCOMMANDS[i].name) == 0) return run_subcommand(cli, &SUBCOMMANDS[i], argc - 1, argv + 1);
	return -1;
}
