/* police.uk importer: header detection, per-row validation and the inserts. The insert
 * statements are prepared once per file and reused; strings repeated on every row (crime
 * type, force, outcome, LSOA) are mapped to ids through in-memory caches. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "analytics/area_assign.h"
#include "analytics/batch_insert.h"
#include "analytics/policeuk_import.h"
#include "db/db.h"
#include "util/csv.h"
#include "util/xalloc.h"

enum format { STREET, OUTCOMES, STOP_SEARCH, NFORMATS };

/* Column numbers in each format's canonical order (what the code refers to). */
enum { S_ID, S_MONTH, S_REPORTED, S_FALLS, S_LON, S_LAT, S_LOCATION, S_LSOA, S_LSOA_NAME, S_TYPE,
	S_OUTCOME, S_CONTEXT, S_N };
enum { O_ID, O_MONTH, O_REPORTED, O_FALLS, O_LON, O_LAT, O_LOCATION, O_LSOA, O_LSOA_NAME, O_TYPE, O_N };
enum { Q_TYPE, Q_DATE, Q_PART_OF_OP, Q_OPERATION, Q_LAT, Q_LON, Q_GENDER, Q_AGE, Q_SELF_ETH, Q_OFFICER_ETH,
	Q_LEGISLATION, Q_OBJECT, Q_OUTCOME, Q_LINKED, Q_REMOVAL, Q_N };

static const char *const STREET_COLUMNS[S_N] = {"Crime ID", "Month", "Reported by", "Falls within",
	"Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
	"Context"};
static const char *const OUTCOME_COLUMNS[O_N] = {"Crime ID", "Month", "Reported by", "Falls within",
	"Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Outcome type"};
static const char *const STOP_COLUMNS[Q_N] = {"Type", "Date", "Part of a policing operation",
	"Policing operation", "Latitude", "Longitude", "Gender", "Age range", "Self-defined ethnicity",
	"Officer-defined ethnicity", "Legislation", "Object of search", "Outcome",
	"Outcome linked to object of search", "Removal of more than just outer clothing"};

static const struct {
	const char *kind, *table;
	const char *const *columns;
	int ncolumns;
} FORMATS[NFORMATS] = {
	{"street", "crime", STREET_COLUMNS, S_N},
	{"outcomes", "crime_outcome", OUTCOME_COLUMNS, O_N},
	{"stop-and-search", "stop_search", STOP_COLUMNS, Q_N},
};

#define MAX_COLUMNS 16

/* Everything about the file being imported. */
struct job {
	struct db *db;
	struct import_summary *s;
	struct csv *csv;
	enum format fmt;
	int col[MAX_COLUMNS];        /* canonical column -> 0-based file column */
	size_t nfile_columns;
	struct row_keys *keys;
	struct batch_insert *insert;
	struct name_ids *forces, *types, *outcomes, *lsoas;
	const char *field[MAX_COLUMNS];  /* current row, canonical order */
	size_t len[MAX_COLUMNS];
};

/* ---- header ---- */

/* Map the header onto FMT. Returns how many of FMT's columns were found. */
static int map_header(const struct csv *csv, enum format fmt, int *col)
{
	int found = 0;
	for (int c = 0; c < FORMATS[fmt].ncolumns; c++) {
		/* by name only: a number would make "1" match the first column */
		col[c] = -1;
		for (size_t j = 0; j < csv_count(csv); j++) {
			const char *h = csv_field(csv, j);
			while (*h == ' ') h++;
			size_t n = strlen(h);
			while (n && h[n - 1] == ' ') n--;
			if (n == strlen(FORMATS[fmt].columns[c]) && strncasecmp(h, FORMATS[fmt].columns[c], n) == 0) {
				col[c] = (int)j;
				found++;
				break;
			}
		}
	}
	return found;
}

/* Pick the format the header matches best and report how it differs. 0 when it matches. */
static int read_header(struct job *j)
{
	struct import_summary *s = j->s;
	int rc = csv_next(j->csv);
	if (rc == CSV_EOF) { import_problem_add(s, 0, 0, NULL, "the file is empty"); return -1; }
	if (rc == CSV_ERROR) { import_problem_add(s, 1, 0, NULL, "%s", csv_error(j->csv)); return -1; }
	j->nfile_columns = csv_count(j->csv);
	for (size_t i = 0; i < j->nfile_columns; i++) {
		const char *why = import_check_text(csv_field(j->csv, i), csv_field_len(j->csv, i));
		if (why) { import_problem_add(s, 1, (int)i + 1, NULL, "header %s", why); return -1; }
	}
	int best = -1, best_found = 0, col[MAX_COLUMNS];
	for (int f = 0; f < NFORMATS; f++) {
		int found = map_header(j->csv, (enum format)f, col);
		if (found > best_found) { best_found = found; best = f; }
	}
	if (best < 0 || best_found * 2 < FORMATS[best].ncolumns) {
		import_problem_add(s, 1, 0, NULL, "the header is not that of a police.uk street, outcomes or "
			"stop-and-search file (first column \"%.40s\")", csv_field(j->csv, 0));
		return -1;
	}
	j->fmt = (enum format)best;
	snprintf(s->kind, sizeof s->kind, "%s", FORMATS[best].kind);
	map_header(j->csv, j->fmt, j->col);
	int bad = 0;
	for (int c = 0; c < FORMATS[best].ncolumns; c++)
		if (j->col[c] < 0) {
			import_problem_add(s, 1, 0, FORMATS[best].columns[c], "missing column in the %s header", FORMATS[best].kind);
			bad = 1;
		}
	for (size_t i = 0; i < j->nfile_columns; i++) {
		int used = 0, twice = 0;
		for (int c = 0; c < FORMATS[best].ncolumns; c++) if (j->col[c] == (int)i) used = 1;
		for (size_t k = 0; k < i && !used; k++)
			if (strcasecmp(csv_field(j->csv, k), csv_field(j->csv, i)) == 0) twice = 1;
		if (twice) {
			import_problem_add(s, 1, (int)i + 1, NULL, "column \"%.40s\" appears twice", csv_field(j->csv, i));
			bad = 1;
		} else if (!used) {
			import_problem_add(s, 1, (int)i + 1, NULL, "unexpected column \"%.40s\" in a %s header",
				csv_field(j->csv, i), FORMATS[best].kind);
			bad = 1;
		}
	}
	/* every file column is a distinct format column, so there are at most MAX_COLUMNS */
	if (!bad && j->nfile_columns > MAX_COLUMNS) fatal("header check let %zu columns through", j->nfile_columns);
	return bad ? -1 : 0;
}

/* ---- field checks ---- */

static void problem(struct job *j, int c, const char *fmt, const char *value)
{
	const char *name = FORMATS[j->fmt].columns[c];
	/* police.uk data is published open data, so quoting the value helps and exposes nothing */
	char shown[48];
	size_t n = strlen(value);
	snprintf(shown, sizeof shown, "%.40s%s", value, n > 40 ? "..." : "");
	for (char *p = shown; *p; p++) if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f) *p = '?';
	char reason[200];
	snprintf(reason, sizeof reason, fmt, shown);
	import_problem_add(j->s, csv_line(j->csv), j->col[c] + 1, name, "%s", reason);
}

static int valid_month(const char *s, size_t len)
{
	if (len != 7 || s[4] != '-') return 0;
	for (int i = 0; i < 7; i++) if (i != 4 && !isdigit((unsigned char)s[i])) return 0;
	int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	return year >= 1990 && year <= 2100 && month >= 1 && month <= 12;
}

static int valid_code(const char *s, size_t len)
{
	if (len > 128) return 0;
	for (size_t i = 0; i < len; i++) if (!isalnum((unsigned char)s[i])) return 0;
	return 1;
}

/* Longitude and latitude: both empty (no location) or both valid and in the UK.
 * Returns 1 with a location, 0 without, -1 after reporting a problem. */
static int check_location(struct job *j, int lon_c, int lat_c, double *lon, double *lat)
{
	int has_lon = j->len[lon_c] > 0, has_lat = j->len[lat_c] > 0;
	if (!has_lon && !has_lat) return 0;
	if (!has_lon || !has_lat) {
		problem(j, has_lon ? lat_c : lon_c, "is empty but the other coordinate is given%s", "");
		return -1;
	}
	const char *why;
	if (import_parse_coordinate(j->field[lon_c], -180, 180, lon, &why)) {
		char fmt[64];
		snprintf(fmt, sizeof fmt, "\"%%s\" %s (longitude, -180 to 180)", why);
		problem(j, lon_c, fmt, j->field[lon_c]);
		return -1;
	}
	if (import_parse_coordinate(j->field[lat_c], -90, 90, lat, &why)) {
		char fmt[64];
		snprintf(fmt, sizeof fmt, "\"%%s\" %s (latitude, -90 to 90)", why);
		problem(j, lat_c, fmt, j->field[lat_c]);
		return -1;
	}
	if (!import_in_uk(*lon, *lat)) {
		char at[64];
		snprintf(at, sizeof at, "%s, %s", j->field[lon_c], j->field[lat_c]);
		problem(j, lon_c, "position (%s) is outside the United Kingdom", at);
		return -1;
	}
	return 1;
}

static int require(struct job *j, int c)
{
	if (j->len[c] > 0) return 0;
	problem(j, c, "is empty%s", "");
	return -1;
}

/* Parse an ISO 8601 date-time with optional offset (or a bare date) into Unix time. */
static int parse_iso_datetime(const char *s, size_t len, int64_t *out, int *date_only)
{
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, sec = 0, consumed = 0;
	if (len < 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) return -1;
	if (s[4] != '-' || s[7] != '-') return -1;
	const char *p = s + 10;
	*date_only = *p == 0;
	if (*p == 'T' || *p == ' ') {
		if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &consumed) != 3 || consumed != 8) return -1;
		p += 9;
		if (*p == '.') { p++; while (isdigit((unsigned char)*p)) p++; }
	} else if (*p) {
		return -1;
	}
	long offset = 0;
	if (*p == 'Z') p++;
	else if (*p == '+' || *p == '-') {
		int oh, om;
		if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &consumed) != 2 || consumed != 5 || oh > 14 || om > 59) return -1;
		offset = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
		p += 6;
	}
	if (*p) return -1;
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (int64_t)timegm(&tm) - offset;
	return 0;
}

/* ---- rows ---- */

/* Check the current row; fills J->field/len. 0 when the row is fine. */
static int check_row(struct job *j)
{
	const struct csv *csv = j->csv;
	if (csv_count(csv) != j->nfile_columns) {
		import_problem_add(j->s, csv_line(csv), 0, NULL, "expected %zu fields, found %zu%s", j->nfile_columns,
			csv_count(csv), csv_count(csv) < j->nfile_columns ? " (is the row cut short?)" : "");
		return -1;
	}
	int bad = 0;
	const char *text[MAX_COLUMNS];
	size_t len[MAX_COLUMNS];
	for (size_t i = 0; i < j->nfile_columns; i++) {
		text[i] = csv_field(csv, i);
		len[i] = csv_field_len(csv, i);
		const char *why = import_check_text(text[i], len[i]);
		if (why) {
			const char *name = NULL;
			for (int c = 0; c < FORMATS[j->fmt].ncolumns; c++) if (j->col[c] == (int)i) name = FORMATS[j->fmt].columns[c];
			import_problem_add(j->s, csv_line(csv), (int)i + 1, name, "%s", why);
			bad = 1;
		}
	}
	if (bad) return -1;
	for (int c = 0; c < FORMATS[j->fmt].ncolumns; c++) {
		j->field[c] = text[j->col[c]];
		j->len[c] = len[j->col[c]];
	}
	return 0;
}

static void add_field(struct job *j, int c)
{
	batch_text(j->insert, j->field[c], j->len[c]);
}

static void add_opt_field(struct job *j, int c)
{
	if (j->len[c]) batch_text(j->insert, j->field[c], j->len[c]);
	else batch_null(j->insert);
}

static void add_id(struct job *j, int64_t id)
{
	if (id) batch_int(j->insert, id);
	else batch_null(j->insert);
}

static void add_location(struct job *j, int located, double lon, double lat)
{
	if (located) { batch_double(j->insert, lon); batch_double(j->insert, lat); }
	else { batch_null(j->insert); batch_null(j->insert); }
}

/* The LSOA (from the file's code) and its ward (from the lookup). */
static void add_areas(struct job *j, int code_c, int name_c)
{
	int64_t lsoa = 0, ward = 0;
	if (j->len[code_c]) lsoa = area_ids_get(j->lsoas, j->field[code_c], j->len[code_c], j->field[name_c], &ward);
	add_id(j, lsoa);
	add_id(j, ward);
}

/* The first three columns of every table: identity, import, line. */
static void add_provenance(struct job *j, const unsigned char *key)
{
	batch_blob(j->insert, key, IMPORT_KEY_BYTES);
	batch_int(j->insert, j->s->import_id);
	batch_int(j->insert, csv_line(j->csv));
}

/* Key the current row; 1 when it is new, 0 (counted as already present) when stored. */
static int key_row(struct job *j, const char *group, size_t group_len, const int *canonical, size_t n,
	unsigned char *key)
{
	int cols[MAX_COLUMNS];
	for (size_t i = 0; i < n; i++) cols[i] = j->col[canonical[i]];
	if (row_keys_next(j->keys, group, group_len, j->csv, cols, n, key)) return 1;
	j->s->rows_present++;
	return 0;
}

/* Street and outcome rows are grouped by month and force, both part of their identity. */
static int key_crime_row(struct job *j, const int *canonical, size_t n, unsigned char *key)
{
	char group[160];
	size_t month = j->len[S_MONTH], force = j->len[S_FALLS];
	if (month + force + 1 > sizeof group) force = sizeof group - month - 1;   /* month is 7 bytes */
	memcpy(group, j->field[S_MONTH], month);
	group[month] = '|';
	memcpy(group + month + 1, j->field[S_FALLS], force);
	return key_row(j, group, month + 1 + force, canonical, n, key);
}

/* Street and outcomes rows share their first nine columns. Returns 1 located, 0 not, -1 bad. */
static int check_crime_columns(struct job *j, double *lon, double *lat)
{
	int bad = 0;
	if (j->len[S_ID] && !valid_code(j->field[S_ID], j->len[S_ID])) {
		problem(j, S_ID, "\"%s\" is not a police.uk crime ID (letters and digits)", j->field[S_ID]);
		bad = 1;
	}
	if (j->fmt == OUTCOMES && require(j, O_ID)) bad = 1;
	if (!valid_month(j->field[S_MONTH], j->len[S_MONTH])) {
		problem(j, S_MONTH, "\"%s\" is not a month in the form YYYY-MM", j->field[S_MONTH]);
		bad = 1;
	}
	if (require(j, S_REPORTED) | require(j, S_FALLS)) bad = 1;
	if (j->len[S_LSOA] && !valid_code(j->field[S_LSOA], j->len[S_LSOA])) {
		problem(j, S_LSOA, "\"%s\" is not an LSOA code", j->field[S_LSOA]);
		bad = 1;
	}
	int located = check_location(j, S_LON, S_LAT, lon, lat);
	if (located < 0 || bad) return -1;
	return located;
}

static int street_row(struct job *j, int store, unsigned char *key)
{
	double lon = 0, lat = 0;
	int located = check_crime_columns(j, &lon, &lat);
	int bad = located < 0;
	if (require(j, S_TYPE)) bad = 1;
	if (bad) return -1;
	if (!located) j->s->rows_without_location++;
	if (!store) return 0;
	/* identity: every column but the outcome, which police.uk revises in later releases */
	static const int identity[] = {S_ID, S_MONTH, S_REPORTED, S_FALLS, S_LON, S_LAT, S_LOCATION, S_LSOA,
		S_LSOA_NAME, S_TYPE, S_CONTEXT};
	if (!key_crime_row(j, identity, sizeof identity / sizeof *identity, key)) return 0;
	add_provenance(j, key);
	add_opt_field(j, S_ID);
	add_field(j, S_MONTH);
	batch_int(j->insert, name_ids_get(j->forces, j->field[S_REPORTED], j->len[S_REPORTED]));
	batch_int(j->insert, name_ids_get(j->forces, j->field[S_FALLS], j->len[S_FALLS]));
	add_location(j, located, lon, lat);
	add_field(j, S_LOCATION);
	add_areas(j, S_LSOA, S_LSOA_NAME);
	batch_int(j->insert, name_ids_get(j->types, j->field[S_TYPE], j->len[S_TYPE]));
	add_id(j, j->len[S_OUTCOME] ? name_ids_get(j->outcomes, j->field[S_OUTCOME], j->len[S_OUTCOME]) : 0);
	add_field(j, S_CONTEXT);
	return 1;
}

static int outcome_row(struct job *j, int store, unsigned char *key)
{
	double lon = 0, lat = 0;
	int located = check_crime_columns(j, &lon, &lat);
	int bad = located < 0;
	if (require(j, O_TYPE)) bad = 1;
	if (bad) return -1;
	if (!located) j->s->rows_without_location++;
	if (!store) return 0;
	static const int identity[O_N] = {O_ID, O_MONTH, O_REPORTED, O_FALLS, O_LON, O_LAT, O_LOCATION, O_LSOA,
		O_LSOA_NAME, O_TYPE};
	if (!key_crime_row(j, identity, O_N, key)) return 0;
	add_provenance(j, key);
	add_field(j, O_ID);
	add_field(j, O_MONTH);
	batch_int(j->insert, name_ids_get(j->forces, j->field[O_REPORTED], j->len[O_REPORTED]));
	batch_int(j->insert, name_ids_get(j->forces, j->field[O_FALLS], j->len[O_FALLS]));
	add_location(j, located, lon, lat);
	add_field(j, O_LOCATION);
	add_areas(j, O_LSOA, O_LSOA_NAME);
	batch_int(j->insert, name_ids_get(j->outcomes, j->field[O_TYPE], j->len[O_TYPE]));
	return 1;
}

static int stop_search_row(struct job *j, int store, unsigned char *key)
{
	int bad = 0;
	if (require(j, Q_TYPE)) bad = 1;
	int64_t at = 0;
	int date_only = 0;
	if (parse_iso_datetime(j->field[Q_DATE], j->len[Q_DATE], &at, &date_only)) {
		problem(j, Q_DATE, "\"%s\" is not a date-time like 2019-05-31T23:01:00+00:00", j->field[Q_DATE]);
		bad = 1;
	}
	double lon = 0, lat = 0;
	int located = check_location(j, Q_LON, Q_LAT, &lon, &lat);
	if (located < 0 || bad) return -1;
	if (!located) j->s->rows_without_location++;
	if (!store) return 0;
	static const int identity[Q_N] = {Q_TYPE, Q_DATE, Q_PART_OF_OP, Q_OPERATION, Q_LAT, Q_LON, Q_GENDER, Q_AGE,
		Q_SELF_ETH, Q_OFFICER_ETH, Q_LEGISLATION, Q_OBJECT, Q_OUTCOME, Q_LINKED, Q_REMOVAL};
	/* grouped by the month of the search (the first seven characters of the date) */
	if (!key_row(j, j->field[Q_DATE], 7, identity, Q_N, key)) return 0;
	add_provenance(j, key);
	add_field(j, Q_TYPE);
	batch_int(j->insert, at);
	add_field(j, Q_DATE);
	batch_int(j->insert, date_only);
	add_field(j, Q_PART_OF_OP);
	add_field(j, Q_OPERATION);
	add_location(j, located, lon, lat);
	static const int rest[] = {Q_GENDER, Q_AGE, Q_SELF_ETH, Q_OFFICER_ETH, Q_LEGISLATION, Q_OBJECT, Q_OUTCOME,
		Q_LINKED, Q_REMOVAL};
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) add_field(j, rest[i]);
	return 1;
}

/* Column lists, in the order the row functions add values. */
static const struct { const char *columns; int n; } INSERT_COLUMNS[NFORMATS] = {
	{"row_key, import_id, line, crime_ref, month, reported_by, falls_within, lon, lat, location, lsoa_id, "
	 "ward_id, crime_type_id, outcome_id, context", 15},
	{"row_key, import_id, line, crime_ref, month, reported_by, falls_within, lon, lat, location, lsoa_id, "
	 "ward_id, outcome_id", 13},
	{"row_key, import_id, line, search_type, searched_at, date_text, date_only, policing_operation, "
	 "operation_name, lon, lat, gender, age_range, self_defined_ethnicity, officer_defined_ethnicity, "
	 "legislation, object_of_search, outcome, outcome_linked, removal_of_clothing", 20},
};

static void read_rows(struct job *j, struct import_source *src)
{
	int (*row_fn[NFORMATS])(struct job *, int, unsigned char *) = {street_row, outcome_row, stop_search_row};
	unsigned char key[IMPORT_KEY_BYTES];
	int rc;
	while ((rc = csv_next(j->csv)) == CSV_RECORD) {
		j->s->rows_read++;
		import_source_progress(src, j->s->rows_read);
		if (check_row(j)) continue;
		/* after the first problem rows are only checked, never stored */
		int store = j->s->problems_total == 0;
		if (row_fn[j->fmt](j, store, key) <= 0) continue;
		batch_row_end(j->insert);
		j->s->rows_added++;
	}
	if (rc == CSV_ERROR) import_problem_add(j->s, csv_line(j->csv), 0, NULL, "%s", csv_error(j->csv));
}

int policeuk_import_file(struct db *db, const struct actor *who, const char *path, struct import_summary *s)
{
	import_summary_init(s, path, "");
	struct import_csv ic;
	if (import_csv_open(&ic, path, s)) return -1;
	struct job j = {.db = db, .s = s, .csv = ic.csv};
	int64_t first_id = 0;
	db_begin(db);
	if (read_header(&j) == 0) {
		s->import_id = import_record_begin(db, FORMATS[j.fmt].kind, path);
		first_id = area_assign_next_id(db, FORMATS[j.fmt].table);
		j.keys = row_keys_new(db, FORMATS[j.fmt].table);
		j.insert = batch_insert_new(db, FORMATS[j.fmt].table, INSERT_COLUMNS[j.fmt].columns, INSERT_COLUMNS[j.fmt].n);
		j.forces = name_ids_new(db, "police_force");
		j.types = name_ids_new(db, "crime_type");
		j.outcomes = name_ids_new(db, "outcome_category");
		j.lsoas = area_ids_new(db, "lsoa");
		read_rows(&j, ic.src);
	}
	char fingerprint[65];
	import_csv_close(&ic, s, fingerprint);
	batch_insert_free(j.insert);   /* writes the last rows */
	name_ids_free(j.forces);
	name_ids_free(j.types);
	name_ids_free(j.outcomes);
	name_ids_free(j.lsoas);
	if (s->problems_total) {
		row_keys_free(j.keys);
		db_rollback(db);
		s->import_id = 0;
		return -1;
	}
	s->earlier_import = import_find_fingerprint(db, s->kind, fingerprint, s->import_id);
	import_record_end(db, who, s, fingerprint);
	row_keys_save(j.keys);
	row_keys_free(j.keys);
	area_assign(db, FORMATS[j.fmt].table, first_id);
	if (db_commit(db) != 0) fatal("import transaction failed to commit");
	return 0;
}
