/* nestguard import SUBCOMMAND — loading data files: police.uk CSVs, area boundaries, the
 * LSOA -> ward lookup and generic incident logs. Each subcommand is one line in the table
 * below and one function (here, or in its own file with a header, like cmd_import_cases);
 * the work itself lives in src/analytics and src/model. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analytics/boundary_import.h"
#include "analytics/incident_import.h"
#include "analytics/policeuk_import.h"
#include "cli/cli.h"
#include "cli/cmd_import_cases.h"
#include "db/db.h"
#include "util/xalloc.h"

struct import_subcommand {
	const char *name;
	const char *summary;
	int (*run)(struct cli *cli, int argc, char **argv);   /* argv[0] is the subcommand name */
};

static int import_policeuk(struct cli *cli, int argc, char **argv);
static int import_boundaries(struct cli *cli, int argc, char **argv);
static int import_lookup(struct cli *cli, int argc, char **argv);
static int import_incidents(struct cli *cli, int argc, char **argv);

static const struct import_subcommand subcommands[] = {
	{"policeuk", "police.uk street, outcomes and stop-and-search CSV files", import_policeuk},
	{"boundaries", "ward or LSOA boundaries from GeoJSON", import_boundaries},
	{"lookup", "the ONS LSOA -> ward lookup CSV", import_lookup},
	{"incidents", "an incident log CSV with from/to date-times", import_incidents},
	{"cases", "past cases from a spreadsheet CSV (see docs/import-cases.md)", cmd_import_cases},
	{NULL, NULL, NULL}
};

static void usage(FILE *out)
{
	fputs("usage: nestguard [--db PATH] import SUBCOMMAND [OPTIONS] FILE...\n\nSubcommands:\n", out);
	for (const struct import_subcommand *s = subcommands; s->name; s++)
		fprintf(out, "  %-11s %s\n", s->name, s->summary);
	fputs("\nRun 'nestguard import SUBCOMMAND --help' for its options. See docs/import.md.\n", out);
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (const struct import_subcommand *s = subcommands; s->name; s++)
		if (strcmp(s->name, argv[1]) == 0) return s->run(cli, argc - 1, argv + 1);
	return cli_usage_error("import", "unknown subcommand '%s'", argv[1]);
}

/* Print one file's summary; returns 1 when it was rejected. */
static int report(const struct import_summary *s)
{
	import_summary_print(s, stdout, stderr);
	return s->problems_total > 0;
}

/* What the files of one `import policeuk` added up to. */
struct policeuk_totals {
	int rejected;
	long long read, added, present, unlocated;
};

/* After each file: its summary, and the totals. The reader may already be drawing the next
 * file's progress bar on the terminal: clear that line first. */
static void add_policeuk_file(const struct import_summary *s, void *arg)
{
	struct policeuk_totals *t = arg;
	if (isatty(STDERR_FILENO)) fputs("\r\033[K", stderr);
	t->rejected += report(s);
	if (!s->problems_total) {
		t->read += s->rows_read;
		t->added += s->rows_added;
		t->present += s->rows_present;
		t->unlocated += s->rows_without_location;
	}
}

static int import_policeuk(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: nestguard [--db PATH] import policeuk FILE...\n"
		     "Import police.uk street-level crime, outcomes and stop-and-search CSV files (the kind is\n"
		     "read from each file's header). Each file is imported in one transaction: a file with any\n"
		     "invalid row, a wrong header or a truncated end is rejected whole and its problems listed\n"
		     "(file:line: column: reason). Importing a file again adds nothing.\n"
		     "Prints per file: rows read, added, already present, without location, rejected.\n"
		     "Exit status 1 when any file was rejected.");
		return EXIT_OK;
	}
	if (argc < 2) return cli_usage_error("import policeuk", "expected at least one FILE");
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("import policeuk", "unknown option '%s'", argv[i]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	db_tune_for_bulk_load(db);
	/* the importer's tables and buffers grow to megabytes, file after file: keep the memory */
	xalloc_keep_memory(32 << 20, 256 << 20, 64 << 20);
	struct policeuk_totals t = {0};
	struct import_summary *summaries = xcalloc((size_t)argc - 1, sizeof *summaries);
	policeuk_import_files(db, NULL, (const char *const *)argv + 1, (size_t)argc - 1, summaries, add_policeuk_file, &t);
	free(summaries);
	int rejected = t.rejected;
	long long read = t.read, added = t.added, present = t.present, unlocated = t.unlocated;
	if (db_bulk_load_sync(db) != 0) {
		db_close(db);
		return cli_error("cannot flush the database to disk: %s", strerror(errno));
	}
	if (argc > 2)
		printf("total: %d file%s, %lld rows read, %lld added, %lld already present, %lld without location, "
			"%d file%s rejected\n", argc - 1, argc == 2 ? "" : "s", read, added, present, unlocated,
			rejected, rejected == 1 ? "" : "s");
	db_close(db);
	return rejected ? EXIT_USER : EXIT_OK;
}

static int import_boundaries(struct cli *cli, int argc, char **argv)
{
	static const char *const help =
		"usage: nestguard [--db PATH] import boundaries --level ward|lsoa FILE.geojson...\n"
		"                 [--code-field FIELD] [--name-field FIELD]\n"
		"Import area boundaries from ONS GeoJSON (Polygon/MultiPolygon, holes allowed) in WGS84\n"
		"longitude/latitude (CRS84, EPSG:4326) or British National Grid (EPSG:27700), found from the\n"
		"file's \"crs\" member or else from the coordinate ranges; stored as WGS84.\n"
		"  --level ward|lsoa     which areas the file holds (required)\n"
		"  --code-field FIELD    property with the area code (default: WDnnCD or LSOAnnCD)\n"
		"  --name-field FIELD    property with the area name (default: WDnnNM or LSOAnnNM)\n"
		"Afterwards every stored crime, outcome, stop and search and incident is given its LSOA\n"
		"and ward again.";
	if (cli_wants_help(argc, argv)) { puts(help); return EXIT_OK; }
	static const struct option longopts[] = {
		{"level", required_argument, NULL, 'l'}, {"code-field", required_argument, NULL, 'c'},
		{"name-field", required_argument, NULL, 'n'}, {NULL, 0, NULL, 0}};
	struct boundary_options opt = {0};
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l': opt.level = optarg; break;
		case 'c': opt.code_field = optarg; break;
		case 'n': opt.name_field = optarg; break;
		default: return cli_usage_error("import boundaries", "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	if (!opt.level) return cli_usage_error("import boundaries", "--level ward or --level lsoa is required");
	if (strcmp(opt.level, "ward") != 0 && strcmp(opt.level, "lsoa") != 0)
		return cli_usage_error("import boundaries", "--level must be ward or lsoa, not '%s'", opt.level);
	if (optind >= argc) return cli_usage_error("import boundaries", "expected at least one FILE.geojson");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int rejected = 0;
	for (int i = optind; i < argc; i++) {
		struct import_summary s;
		boundary_import_geojson(db, NULL, argv[i], &opt, &s);
		rejected += report(&s);
	}
	db_close(db);
	return rejected ? EXIT_USER : EXIT_OK;
}

static int import_lookup(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: nestguard [--db PATH] import lookup FILE.csv...\n"
		     "Import an ONS LSOA -> ward best-fit lookup (columns LSOAnnCD and WDnnCD, optionally WDnnNM\n"
		     "and LADnnCD, e.g. \"LSOA (2011) to Ward (2016) Lookup\"). Crimes then take their ward from\n"
		     "their LSOA, so ward counts are sums of LSOA counts. Use the lookup whose ward codes match\n"
		     "the ward boundaries you imported.");
		return EXIT_OK;
	}
	if (argc < 2) return cli_usage_error("import lookup", "expected at least one FILE.csv");
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("import lookup", "unknown option '%s'", argv[i]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int rejected = 0;
	for (int i = 1; i < argc; i++) {
		struct import_summary s;
		boundary_import_lookup(db, NULL, argv[i], &s);
		rejected += report(&s);
	}
	db_close(db);
	return rejected ? EXIT_USER : EXIT_OK;
}

static int import_incidents(struct cli *cli, int argc, char **argv)
{
	static const char *const help =
		"usage: nestguard [--db PATH] import incidents FILE.csv... --from COL [--to COL]\n"
		"                 [--x COL --y COL | --lon COL --lat COL] [--type COL] [--date-format FMT]\n"
		"Import an incident log (one incident per row, with a header) for peak-time analysis.\n"
		"COL is a header name (any case) or a 1-based column number.\n"
		"  --from COL         when the incident may have started (required)\n"
		"  --to COL           when it may have ended (empty or absent: same as --from; a date\n"
		"                     without a time means the end of that day)\n"
		"  --x COL --y COL    British National Grid easting and northing in metres\n"
		"  --lon COL --lat COL  WGS84 longitude and latitude\n"
		"  --type COL         incident type or category\n"
		"  --date-format FMT  strptime format, e.g. '%d/%m/%Y %H:%M'; default: ISO 8601\n"
		"                     (2024-03-05 14:30[:00], with T or space) or UK day-first\n"
		"                     (05/03/2024 14:30[:00]), or a date alone\n"
		"Times are local clock times as logged. Cell values are never echoed in error messages.";
	if (cli_wants_help(argc, argv)) { puts(help); return EXIT_OK; }
	static const struct option longopts[] = {
		{"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
		{"x", required_argument, NULL, 'x'}, {"y", required_argument, NULL, 'y'},
		{"lon", required_argument, NULL, 'o'}, {"lat", required_argument, NULL, 'a'},
		{"type", required_argument, NULL, 'k'}, {"date-format", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0}};
	struct incident_mapping m = {0};
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': m.from = optarg; break;
		case 't': m.to = optarg; break;
		case 'x': m.x = optarg; break;
		case 'y': m.y = optarg; break;
		case 'o': m.lon = optarg; break;
		case 'a': m.lat = optarg; break;
		case 'k': m.type = optarg; break;
		case 'd': m.date_format = optarg; break;
		default: return cli_usage_error("import incidents", "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	if (!m.from) return cli_usage_error("import incidents", "--from COL is required");
	if (!m.x != !m.y) return cli_usage_error("import incidents", "--x and --y go together");
	if (!m.lon != !m.lat) return cli_usage_error("import incidents", "--lon and --lat go together");
	if (m.x && m.lon) return cli_usage_error("import incidents", "give either --x/--y or --lon/--lat, not both");
	if (optind >= argc) return cli_usage_error("import incidents", "expected at least one FILE.csv");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int rejected = 0;
	for (int i = optind; i < argc; i++) {
		struct import_summary s;
		incident_import_file(db, NULL, argv[i], &m, &s);
		rejected += report(&s);
	}
	db_close(db);
	return rejected ? EXIT_USER : EXIT_OK;
}
