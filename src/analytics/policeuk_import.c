/* police.uk importer: header detection, per-row validation and the inserts. A reader thread
 * parses, checks and keys the rows of every file in turn while the calling thread writes them
 * (multi-row inserts; strings repeated on every row -- crime type, force, outcome, LSOA --
 * mapped to ids through in-memory caches), so both cores work. The reader does not wait for a
 * file to be committed before it starts on the next one. Street rows, the bulk of the data,
 * are stored compactly (migration 021): the reader also gives each its class and place ids. */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "analytics/area_assign.h"
#include "analytics/batch_insert.h"
#include "analytics/crime_places.h"
#include "analytics/name_ids.h"
#include "analytics/policeuk_import.h"
#include "analytics/row_keys.h"
#include "analytics/row_queue.h"
#include "db/db.h"
#include "util/csv.h"
#include "util/key_ids.h"
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

/* Rows travel from the reader thread to the database thread in chunks of this many. */
#define ROWS_PER_CHUNK 512

/* A police.uk Crime ID as stored when it is 64 lower-case hex digits: its 32 bytes. */
#define CRIME_REF_BYTES 32

/* A checked row on its way to the database; its fields are in the chunk's byte buffer. A
 * street row carries only the fields the database thread needs (see queue_street_row()); the
 * others have length 0 there. */
struct parsed_row {
	unsigned char key[IMPORT_KEY_BYTES];    /* its identity: content hash and repeat number */
	long line;
	int located, date_only;
	double lon, lat;
	int64_t at;                       /* stop and search: Unix time */
	int64_t class_id, place_id;       /* street rows */
	unsigned char new_class, new_place;   /* street rows: the first of their class, place */
	unsigned char ref_decoded;        /* the Crime ID is in REF (street rows) */
	/* the big fields last: a row is zeroed up to REF */
	unsigned char ref[CRIME_REF_BYTES];
	uint32_t off[MAX_COLUMNS], len[MAX_COLUMNS];   /* canonical column order */
};

/* One file of an import run. The reader thread fills it in, and hands it to the database
 * thread with the file's chunks: fields the reader sets before a chunk of the file is queued
 * are the database thread's to read once it has taken that chunk. Of the summary the reader
 * writes only the problems, kind, rows_read and rows_without_location (the database thread
 * writes the other counts). */
struct job {
	size_t file;                 /* its index in the run */
	struct import_summary *s;
	struct import_csv ic;
	struct csv *csv;
	struct import_source *src;
	int has_format;              /* the header passed: FMT is known and rows may follow */
	enum format fmt;
	int col[MAX_COLUMNS];        /* canonical column -> 0-based file column */
	size_t nfile_columns;
	struct row_occurrences *occurrences;
	struct row_queue *queue;
	struct row_chunk *chunk;     /* being filled */
	const char *field[MAX_COLUMNS];  /* current row, canonical order */
	size_t len[MAX_COLUMNS];
	char fingerprint[65];        /* once the file is read */
	/* street rows: */
	struct key_ids *classes;     /* class fields -> class id, this file's */
	int64_t first_class;         /* the file's first class id */
	int64_t next_class;          /* id for the next new class */
	struct crime_places *places;
	int64_t first_place;         /* the id the file's first new place got or would get */
	int made_places;             /* the file handed out place ids (which its rejection voids);
	                              * decided by the reader when it is done with the file, before
	                              * it goes on to hand out the next file's */
	struct buf class_key;        /* scratch */
	atomic_int *cancel;          /* the run's: stop reading */
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

/* True when S[i] is a digit for every position in POSITIONS (ending with -1). */
static int digits_at(const char *s, const int *positions)
{
	for (; *positions >= 0; positions++) if (!isdigit((unsigned char)s[*positions])) return 0;
	return 1;
}

static int two_digits(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* Parse an ISO 8601 date-time with optional fraction and offset (or a bare date) into Unix
 * time: 2019-05-31T23:01:00+00:00, 2019-05-31 23:01:00Z, 2019-05-31. */
static int parse_iso_datetime(const char *s, size_t len, int64_t *out, int *date_only)
{
	static const int date_digits[] = {0, 1, 2, 3, 5, 6, 8, 9, -1}, time_digits[] = {1, 2, 4, 5, 7, 8, -1};
	if (len < 10 || s[4] != '-' || s[7] != '-' || !digits_at(s, date_digits)) return -1;
	int y = two_digits(s) * 100 + two_digits(s + 2), mo = two_digits(s + 5), d = two_digits(s + 8);
	int h = 0, mi = 0, sec = 0;
	const char *p = s + 10;
	*date_only = *p == 0;
	if (*p == 'T' || *p == ' ') {
		if (len < 19 || p[3] != ':' || p[6] != ':' || !digits_at(p, time_digits)) return -1;
		h = two_digits(p + 1);
		mi = two_digits(p + 4);
		sec = two_digits(p + 7);
		p += 9;
		if (*p == '.') { p++; while (isdigit((unsigned char)*p)) p++; }
	} else if (*p) {
		return -1;
	}
	long offset = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		static const int offset_digits[] = {1, 2, 4, 5, -1};
		if (strlen(p) != 6 || p[3] != ':' || !digits_at(p, offset_digits)) return -1;
		int oh = two_digits(p + 1), om = two_digits(p + 4);
		if (oh > 14 || om > 59) return -1;
		offset = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
		p += 6;
	}
	if (*p) return -1;
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return -1;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec};
	*out = (int64_t)timegm(&tm) - offset;
	return 0;
}

/* ---- rows: the reader thread ---- */

/* Check the current row; fills J->field/len. 0 when the row is fine. */
static int check_row(struct job *j)
{
	const struct csv *csv = j->csv;
	if (csv_count(csv) != j->nfile_columns) {
		import_problem_add(j->s, csv_line(csv), 0, NULL, "expected %zu fields, found %zu%s", j->nfile_columns,
			csv_count(csv), csv_count(csv) < j->nfile_columns ? " (is the row cut short?)" : "");
		return -1;
	}
	int bad = 0, ascii = csv_record_ascii(csv);   /* plain ASCII needs no check of its text */
	const char *text[MAX_COLUMNS];
	size_t len[MAX_COLUMNS];
	for (size_t i = 0; i < j->nfile_columns; i++) {
		text[i] = csv_field(csv, i);
		len[i] = csv_field_len(csv, i);
		if (ascii) continue;
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

/* Lower-case hex digit values; 16 marks every other byte. A table, because every street
 * row has 64 digits to decode. */
static const unsigned char HEX_VALUE[256] = {
	['0'] = 0 + 1, ['1'] = 1 + 1, ['2'] = 2 + 1, ['3'] = 3 + 1, ['4'] = 4 + 1, ['5'] = 5 + 1, ['6'] = 6 + 1,
	['7'] = 7 + 1, ['8'] = 8 + 1, ['9'] = 9 + 1, ['a'] = 10 + 1, ['b'] = 11 + 1, ['c'] = 12 + 1, ['d'] = 13 + 1,
	['e'] = 14 + 1, ['f'] = 15 + 1,
};   /* value + 1, so that the zero of every other entry means "not a digit" */

/* Decode a Crime ID of 64 lower-case hex digits into OUT; 0 for any other ID. Upper case
 * stays text: lower(hex()) must give back exactly what the file said. */
static int decode_crime_ref(const char *s, size_t len, unsigned char out[CRIME_REF_BYTES])
{
	if (len != 2 * CRIME_REF_BYTES) return 0;
	const unsigned char *p = (const unsigned char *)s;
	int all_digits = 1;
	for (size_t i = 0; i < CRIME_REF_BYTES; i++) {
		unsigned hi = HEX_VALUE[p[2 * i]], lo = HEX_VALUE[p[2 * i + 1]];
		all_digits &= hi != 0 && lo != 0;
		out[i] = (unsigned char)((hi - 1) << 4 | ((lo - 1) & 15));
	}
	return all_digits;
}

/* Street and outcomes rows share their first nine columns. Returns 1 located, 0 not, -1 bad. */
static int check_crime_columns(struct job *j, struct parsed_row *r)
{
	int bad = 0;
	/* 64 lower-case hex digits (every police.uk ID) are decoded, and valid; others are checked */
	r->ref_decoded = (unsigned char)decode_crime_ref(j->field[S_ID], j->len[S_ID], r->ref);
	if (j->len[S_ID] && !r->ref_decoded && !valid_code(j->field[S_ID], j->len[S_ID])) {
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
	int located = check_location(j, S_LON, S_LAT, &r->lon, &r->lat);
	if (located < 0 || bad) return -1;
	return located;
}

static int check_street(struct job *j, struct parsed_row *r)
{
	int located = check_crime_columns(j, r);
	if (require(j, S_TYPE) || located < 0) return -1;
	r->located = located;
	return 0;
}

static int check_outcome(struct job *j, struct parsed_row *r)
{
	int located = check_crime_columns(j, r);
	if (require(j, O_TYPE) || located < 0) return -1;
	r->located = located;
	return 0;
}

static int check_stop_search(struct job *j, struct parsed_row *r)
{
	int bad = require(j, Q_TYPE);
	if (parse_iso_datetime(j->field[Q_DATE], j->len[Q_DATE], &r->at, &r->date_only)) {
		problem(j, Q_DATE, "\"%s\" is not a date-time like 2019-05-31T23:01:00+00:00", j->field[Q_DATE]);
		bad = 1;
	}
	int located = check_location(j, Q_LON, Q_LAT, &r->lon, &r->lat);
	if (located < 0 || bad) return -1;
	r->located = located;
	return 0;
}

/* The identifying columns of each format, in canonical order. Street rows leave out the
 * outcome, which police.uk revises in later releases. */
static const int STREET_IDENTITY[] = {S_ID, S_MONTH, S_REPORTED, S_FALLS, S_LON, S_LAT, S_LOCATION, S_LSOA,
	S_LSOA_NAME, S_TYPE, S_CONTEXT, -1};
static const int OUTCOME_IDENTITY[] = {O_ID, O_MONTH, O_REPORTED, O_FALLS, O_LON, O_LAT, O_LOCATION, O_LSOA,
	O_LSOA_NAME, O_TYPE, -1};
static const int STOP_IDENTITY[] = {Q_TYPE, Q_DATE, Q_PART_OF_OP, Q_OPERATION, Q_LAT, Q_LON, Q_GENDER, Q_AGE,
	Q_SELF_ETH, Q_OFFICER_ETH, Q_LEGISLATION, Q_OBJECT, Q_OUTCOME, Q_LINKED, Q_REMOVAL, -1};

static const struct {
	int (*check)(struct job *, struct parsed_row *);
	const int *identity;
} ROWS[NFORMATS] = {
	{check_street, STREET_IDENTITY},
	{check_outcome, OUTCOME_IDENTITY},
	{check_stop_search, STOP_IDENTITY},
};

/* Compute the row's key (its content hash, numbered among the file's equal rows) and line. */
static void key_row(struct job *j, struct parsed_row *r)
{
	const char *fields[MAX_COLUMNS];
	size_t lens[MAX_COLUMNS], n = 0;
	for (const int *c = ROWS[j->fmt].identity; *c >= 0; c++, n++) {
		fields[n] = j->field[*c];
		lens[n] = j->len[*c];
	}
	row_keys_compute(j->occurrences, fields, lens, n, r->key);
	r->line = csv_line(j->csv);
}

/* Append the checked and keyed row to the chunk being filled, with the text of the columns
 * in COPY (bit c: canonical column c), handing the chunk on when full. */
static void queue_row(struct job *j, struct parsed_row *r, uint32_t copy)
{
	struct row_chunk *chunk = j->chunk;   /* R is its next row: see next_row() */
	size_t total = 0;
	for (int c = 0; c < FORMATS[j->fmt].ncolumns; c++) if (copy & (1u << c)) total += j->len[c] + 1;
	buf_grow(&chunk->bytes, total);
	for (int c = 0; c < FORMATS[j->fmt].ncolumns; c++) {
		if (!(copy & (1u << c))) {
			r->off[c] = r->len[c] = 0;
			continue;
		}
		r->off[c] = (uint32_t)chunk->bytes.len;
		r->len[c] = (uint32_t)j->len[c];
		memcpy(chunk->bytes.data + chunk->bytes.len, j->field[c], j->len[c] + 1);   /* with its NUL */
		chunk->bytes.len += j->len[c] + 1;
	}
	if (chunk->bytes.data) chunk->bytes.data[chunk->bytes.len] = 0;   /* the buf invariant */
	chunk->nrows++;
	if (chunk->nrows == row_queue_chunk_rows(j->queue)) {
		row_queue_put_full(j->queue, chunk);
		j->chunk = NULL;
	}
}

/* The place of the next row in the chunk being filled (taking an empty chunk when there is
 * none), cleared but for its big fields (set where they are used: REF when REF_DECODED, OFF
 * and LEN by queue_row()). A row is checked and keyed where it will travel, not copied there;
 * it is part of the chunk only once queue_row() counts it. */
static struct parsed_row *next_row(struct job *j)
{
	if (!j->chunk) {
		j->chunk = row_queue_take_empty(j->queue);
		j->chunk->source = j->file;
	}
	struct parsed_row *r = (struct parsed_row *)j->chunk->rows + j->chunk->nrows;
	memset(r, 0, offsetof(struct parsed_row, ref));
	return r;
}

/* The columns that make a street row's class (besides its import). */
static const int STREET_CLASS[] = {S_MONTH, S_REPORTED, S_FALLS, S_TYPE, S_OUTCOME, -1};

/* Give a checked street row its class and place ids and queue it with the text the database
 * thread needs: the Crime ID unless decoded, the context, and the fields of a class or place
 * that is new. Repeated values (months, forces, types, places) are thus copied once. */
static void queue_street_row(struct job *j, struct parsed_row *r)
{
	key_row(j, r);
	uint32_t copy = 1u << S_CONTEXT;
	if (!r->ref_decoded) copy |= 1u << S_ID;
	size_t total = 0;
	for (const int *c = STREET_CLASS; *c >= 0; c++) total += sizeof(uint32_t) + j->len[*c];
	buf_reset(&j->class_key);
	buf_grow(&j->class_key, total);
	char *k = j->class_key.data;
	for (const int *c = STREET_CLASS; *c >= 0; c++) {
		uint32_t len = (uint32_t)j->len[*c];   /* length-prefixed: no two classes share a key */
		memcpy(k, &len, sizeof len);
		memcpy(k + sizeof len, j->field[*c], len);
		k += sizeof len + len;
	}
	j->class_key.len = total;
	j->class_key.data[total] = 0;   /* the buf invariant */
	const struct key_id *known = key_ids_find(j->classes, j->class_key.data, j->class_key.len);
	r->new_class = known == NULL;
	if (known) {
		r->class_id = known->id;
	} else {
		r->class_id = j->next_class++;
		key_ids_put(j->classes, j->class_key.data, j->class_key.len, r->class_id, 0);
		for (const int *c = STREET_CLASS; *c >= 0; c++) copy |= 1u << *c;
	}
	int is_new;
	r->place_id = crime_places_id(j->places, r->located, r->lon, r->lat, j->field[S_LOCATION], j->len[S_LOCATION],
		j->field[S_LSOA], j->len[S_LSOA], &is_new);
	r->new_place = (unsigned char)is_new;
	if (is_new) copy |= 1u << S_LOCATION | 1u << S_LSOA | 1u << S_LSOA_NAME;
	queue_row(j, r, copy);
}

/* Parse and check every row of J's file; while the file has no problem, queue the rows for
 * the database thread. Stops early when the run is cancelled. */
static void read_rows(struct job *j)
{
	int rc;
	while ((rc = csv_next(j->csv)) == CSV_RECORD) {
		if (atomic_load_explicit(j->cancel, memory_order_relaxed)) return;
		j->s->rows_read++;
		import_source_progress(j->src, j->s->rows_read);
		if (check_row(j)) continue;
		struct parsed_row *r = next_row(j);
		if (ROWS[j->fmt].check(j, r)) continue;
		if (!r->located) j->s->rows_without_location++;
		/* after the first problem rows are only checked, never stored */
		if (j->s->problems_total) continue;
		if (j->fmt == STREET) {
			queue_street_row(j, r);
		} else {
			key_row(j, r);
			queue_row(j, r, ~0u);
		}
	}
	if (rc == CSV_ERROR) import_problem_add(j->s, csv_line(j->csv), 0, NULL, "%s", csv_error(j->csv));
}

/* ---- rows: the database thread ---- */

/* A street row class as the database thread knows it: given by the first row of the class,
 * stored with the first row of the class that is added (a class of rows that were all
 * present already is not stored). */
struct class_def {
	int64_t reported_by, falls_within, crime_type, outcome;
	char month[8];
	char group[8 + 128];   /* the row key group: month|force */
	size_t group_len;
	int stored;
};

struct writer {
	struct db *db;
	struct import_summary *s;   /* only rows_added and rows_present are written here */
	enum format fmt;
	struct row_keys *keys;
	struct batch_insert *insert;
	struct name_ids *forces, *types, *outcomes, *lsoas;
	const struct parsed_row *row;   /* the row being written */
	const char *bytes;              /* its chunk's text */
	/* street rows: */
	struct batch_insert *places;
	struct db_stmt *add_class;
	struct class_def *classes;      /* by class id - first_class */
	int64_t first_class;
	size_t nclasses, cap_classes;
};

/* Field C of the current row, NUL-terminated. */
static const char *text_of(const struct writer *w, int c) { return w->bytes + w->row->off[c]; }

static void add_field(struct writer *w, int c)
{
	batch_text(w->insert, text_of(w, c), w->row->len[c]);
}

static void add_opt_field(struct writer *w, int c)
{
	if (w->row->len[c]) add_field(w, c);
	else batch_null(w->insert);
}

static void add_id(struct writer *w, int64_t id)
{
	if (id) batch_int(w->insert, id);
	else batch_null(w->insert);
}

static int64_t dictionary_id(struct writer *w, struct name_ids *ni, int c)
{
	return w->row->len[c] ? name_ids_get(ni, text_of(w, c), w->row->len[c]) : 0;
}

static void add_location(struct writer *w)
{
	if (w->row->located) { batch_double(w->insert, w->row->lon); batch_double(w->insert, w->row->lat); }
	else { batch_null(w->insert); batch_null(w->insert); }
}

/* The LSOA (from the file's code) and its ward (from the lookup). */
static void add_areas(struct writer *w, int code_c, int name_c)
{
	int64_t lsoa = 0, ward = 0;
	if (w->row->len[code_c])
		lsoa = area_ids_get(w->lsoas, text_of(w, code_c), w->row->len[code_c], text_of(w, name_c), &ward);
	add_id(w, lsoa);
	add_id(w, ward);
}

/* The first three columns of every table: identity, import, line. */
static void add_provenance(struct writer *w)
{
	batch_blob(w->insert, w->row->key, IMPORT_KEY_BYTES);
	batch_int(w->insert, w->s->import_id);
	batch_int(w->insert, w->row->line);
}

static struct class_def *class_of(struct writer *w)
{
	size_t i = (size_t)(w->row->class_id - w->first_class);
	if (w->row->class_id < w->first_class || i >= w->nclasses) fatal("street row of unknown class %lld", (long long)w->row->class_id);
	return &w->classes[i];
}

/* The first row of a class or place (seen by the reader) defines it: the class is kept in
 * memory until a row of it is added, the place stored at once (a place is only new when
 * no stored row has its content, so the row is added too). */
static void define_street_dictionaries(struct writer *w)
{
	const struct parsed_row *r = w->row;
	if (r->new_class) {
		size_t i = (size_t)(r->class_id - w->first_class);
		if (r->class_id < w->first_class || i != w->nclasses) fatal("street classes out of order");
		if (w->nclasses == w->cap_classes) {
			w->cap_classes = w->cap_classes ? 2 * w->cap_classes : 256;
			w->classes = xrealloc(w->classes, w->cap_classes * sizeof *w->classes);
		}
		struct class_def *k = &w->classes[w->nclasses++];
		memset(k, 0, sizeof *k);
		k->reported_by = dictionary_id(w, w->forces, S_REPORTED);
		k->falls_within = dictionary_id(w, w->forces, S_FALLS);
		k->crime_type = dictionary_id(w, w->types, S_TYPE);
		k->outcome = dictionary_id(w, w->outcomes, S_OUTCOME);
		memcpy(k->month, text_of(w, S_MONTH), 8);   /* checked: 7 characters and a NUL */
		k->group_len = (size_t)snprintf(k->group, sizeof k->group, "%s|%s", k->month, text_of(w, S_FALLS));
		if (k->group_len >= sizeof k->group) k->group_len = sizeof k->group - 1;
	}
	if (r->new_place) {
		struct batch_insert *insert = w->insert;
		w->insert = w->places;
		batch_int(w->insert, r->place_id);
		add_location(w);
		add_field(w, S_LOCATION);
		add_field(w, S_LSOA);
		add_areas(w, S_LSOA, S_LSOA_NAME);
		batch_row_end(w->insert);
		w->insert = insert;
	}
}

static void store_class(struct writer *w, int64_t id, struct class_def *k)
{
	struct db_stmt *st = w->add_class;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, w->s->import_id);
	db_bind_text(st, 3, k->month);
	int64_t ids[] = {k->reported_by, k->falls_within, k->crime_type, k->outcome};
	for (int i = 0; i < 4; i++) {
		if (ids[i]) db_bind_int(st, 4 + i, ids[i]);
		else db_bind_null(st, 4 + i);
	}
	if (db_step(st) != DB_DONE) fatal("cannot store a crime class");
	db_reset(st);
	k->stored = 1;
}

static void write_street(struct writer *w)
{
	const struct parsed_row *r = w->row;
	struct class_def *k = class_of(w);
	if (!k->stored) store_class(w, r->class_id, k);
	batch_blob(w->insert, w->row->key, IMPORT_KEY_BYTES);
	batch_int(w->insert, r->line);
	if (r->ref_decoded) batch_blob(w->insert, r->ref, CRIME_REF_BYTES);
	else add_opt_field(w, S_ID);
	batch_int(w->insert, r->class_id);
	batch_int(w->insert, r->place_id);
	add_field(w, S_CONTEXT);
}

static void write_outcome(struct writer *w)
{
	add_provenance(w);
	add_field(w, O_ID);
	add_field(w, O_MONTH);
	add_id(w, dictionary_id(w, w->forces, O_REPORTED));
	add_id(w, dictionary_id(w, w->forces, O_FALLS));
	add_location(w);
	add_field(w, O_LOCATION);
	add_areas(w, O_LSOA, O_LSOA_NAME);
	add_id(w, dictionary_id(w, w->outcomes, O_TYPE));
}

static void write_stop_search(struct writer *w)
{
	add_provenance(w);
	add_field(w, Q_TYPE);
	batch_int(w->insert, w->row->at);
	add_field(w, Q_DATE);
	batch_int(w->insert, w->row->date_only);
	add_field(w, Q_PART_OF_OP);
	add_field(w, Q_OPERATION);
	add_location(w);
	static const int rest[] = {Q_GENDER, Q_AGE, Q_SELF_ETH, Q_OFFICER_ETH, Q_LEGISLATION, Q_OBJECT, Q_OUTCOME,
		Q_LINKED, Q_REMOVAL};
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) add_field(w, rest[i]);
}

/* The group a row's key is kept in: month and force for crimes and outcomes (both part of
 * the identity), the month of the date for stop and search. */
static size_t row_group(struct writer *w, char *group, size_t size)
{
	if (w->fmt == STOP_SEARCH) {
		memcpy(group, text_of(w, Q_DATE), 7);   /* the date was checked: at least 10 characters */
		return 7;
	}
	if (w->fmt == STREET) {
		const struct class_def *k = class_of((struct writer *)w);
		size_t n = k->group_len < size ? k->group_len : size;
		memcpy(group, k->group, n);
		return n;
	}
	size_t month = w->row->len[S_MONTH], force = w->row->len[S_FALLS];   /* month: 7 characters */
	if (month + 1 + force > size) force = size - month - 1;
	memcpy(group, text_of(w, S_MONTH), month);
	group[month] = '|';
	memcpy(group + month + 1, text_of(w, S_FALLS), force);
	return month + 1 + force;
}

/* Where each format's rows go: the table and columns written, and the table whose rows get
 * their LSOA and ward afterwards (street rows: their places). */
static const struct {
	const char *table, *columns;
	int n;
	void (*write)(struct writer *);
	const char *area_table;
} WRITES[NFORMATS] = {
	{"crime_row", "row_key, line, crime_ref, class_id, place_id, context", 6, write_street, "crime_place"},
	{"crime_outcome", "row_key, import_id, line, crime_ref, month, reported_by, falls_within, lon, lat, location, "
	 "lsoa_id, ward_id, outcome_id", 13, write_outcome, "crime_outcome"},
	{"stop_search", "row_key, import_id, line, search_type, searched_at, date_text, date_only, policing_operation, "
	 "operation_name, lon, lat, gender, age_range, self_defined_ethnicity, officer_defined_ethnicity, "
	 "legislation, object_of_search, outcome, outcome_linked, removal_of_clothing", 20, write_stop_search,
	 "stop_search"},
};

/* Take the reader's chunks of one file, from FIRST to the file's last: rows already stored are
 * counted, the others inserted in batches. */
static void write_rows(struct writer *w, struct row_queue *q, struct row_chunk *first)
{
	char group[160];
	size_t source = first->source;
	for (struct row_chunk *chunk = first;;) {
		w->bytes = chunk->bytes.data;
		for (size_t i = 0; i < chunk->nrows; i++) {
			w->row = (const struct parsed_row *)chunk->rows + i;
			if (w->fmt == STREET) define_street_dictionaries(w);
			size_t glen = row_group(w, group, sizeof group);
			if (!row_keys_claim(w->keys, group, glen, w->row->key)) {
				w->s->rows_present++;
				continue;
			}
			WRITES[w->fmt].write(w);
			batch_row_end(w->insert);
			w->s->rows_added++;
		}
		int last = chunk->last;
		row_queue_put_empty(q, chunk);
		if (last) return;
		if (!(chunk = row_queue_take_full(q)) || chunk->source != source) fatal("import: a file's rows ended early");
	}
}

/* ---- the run: one reader thread over every file, the database thread writing ---- */

struct run {
	struct db *db;
	const char *const *paths;
	size_t n;
	struct import_summary *s;        /* one per file */
	struct job *jobs;                /* one per file */
	struct row_keys *hashing[NFORMATS];   /* each table's key secret, for the reader's hashes */
	struct row_occurrences *occurrences[NFORMATS];   /* the reader's, one per format */
	struct crime_places *places;     /* the reader's while it runs */
	struct row_queue *queue;
	pthread_t reader;
	int reading;                     /* the reader thread runs */
	/* the database thread's caches of the dictionaries and areas, kept from file to file: ids
	 * in those tables never change or go once committed */
	struct name_ids *forces, *types, *outcomes, *lsoas;
	size_t start;                    /* the reader's first file */
	int64_t next_class;              /* the reader's: id of the next new street class */
	atomic_int cancel;
	/* after a rejected file that handed out places, the reader waits for the database thread
	 * to reload them (the rollback voided those ids) before it reads on */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t resumed;                  /* the reader may read files from this one on */
};

/* Read file I of the run: open it, check its header, queue its rows and end with a chunk
 * marked last (possibly empty), which hands the job over. */
static void read_file(struct run *run, size_t i)
{
	struct job *j = &run->jobs[i];
	j->file = i;
	j->s = &run->s[i];
	j->queue = run->queue;
	j->cancel = &run->cancel;
	if (import_csv_open(&j->ic, run->paths[i], j->s) == 0) {
		j->csv = j->ic.csv;
		j->src = j->ic.src;
		if (read_header(j) == 0) {
			j->has_format = 1;
			if (!run->occurrences[j->fmt]) run->occurrences[j->fmt] = row_occurrences_new(run->hashing[j->fmt]);
			j->occurrences = run->occurrences[j->fmt];
			row_occurrences_restart(j->occurrences);
			if (j->fmt == STREET) {
				j->classes = key_ids_new();
				j->first_class = j->next_class = run->next_class;
				j->places = run->places;
				j->first_place = crime_places_next(run->places);
			}
			read_rows(j);
			if (j->fmt == STREET) {
				run->next_class = j->next_class;
				key_ids_free(j->classes);
				j->classes = NULL;
			}
			buf_free(&j->class_key);
			j->occurrences = NULL;
		}
		import_csv_close(&j->ic, j->s, j->fingerprint);
	}
	j->made_places = j->has_format && j->fmt == STREET && crime_places_next(run->places) != j->first_place;
	if (atomic_load(&run->cancel)) {
		if (j->chunk) row_queue_put_empty(run->queue, j->chunk);
		j->chunk = NULL;
		return;
	}
	if (!j->chunk) {
		j->chunk = row_queue_take_empty(run->queue);
		j->chunk->source = i;
	}
	j->chunk->last = 1;
	row_queue_put_full(run->queue, j->chunk);
	j->chunk = NULL;
}

/* The reader thread: every file from RUN->start on, in order. Touches no database. */
static void *reader_thread(void *arg)
{
	struct run *run = arg;
	pthread_setname_np(pthread_self(), "import-reader");   /* shows in top and perf */
	for (size_t i = run->start; i < run->n && !atomic_load(&run->cancel); i++) {
		read_file(run, i);
		struct job *j = &run->jobs[i];
		if (j->s->problems_total && j->made_places) {
			pthread_mutex_lock(&run->lock);
			while (run->resumed <= i && !atomic_load(&run->cancel)) pthread_cond_wait(&run->changed, &run->lock);
			pthread_mutex_unlock(&run->lock);
		}
	}
	for (int f = 0; f < NFORMATS; f++) {
		row_occurrences_free(run->occurrences[f]);
		run->occurrences[f] = NULL;
	}
	row_queue_close(run->queue);
	return NULL;
}

/* Bring the reader's view of the stored street data up to date: the places, and the next
 * class id. Only while the reader does not run or waits. */
static void sync_street(struct run *run)
{
	crime_places_sync(run->places, run->db);
	run->next_class = db_int(run->db, 1, "SELECT coalesce(max(id), 0) + 1 FROM crime_class", "");
}

static void reader_start(struct run *run, size_t start)
{
	sync_street(run);
	run->start = run->resumed = start;
	atomic_store(&run->cancel, 0);
	run->queue = row_queue_new(sizeof(struct parsed_row), ROWS_PER_CHUNK);
	if (pthread_create(&run->reader, NULL, reader_thread, run) != 0) fatal("cannot start the reader thread");
	run->reading = 1;
}

static void reader_join(struct run *run)
{
	if (!run->reading) return;
	pthread_join(run->reader, NULL);
	run->reading = 0;
	row_queue_free(run->queue);
	run->queue = NULL;
}

static void caches_free(struct run *run)
{
	name_ids_free(run->forces);
	name_ids_free(run->types);
	name_ids_free(run->outcomes);
	name_ids_free(run->lsoas);
}

/* (Re)start the dictionary and area caches empty. */
static void caches_reset(struct run *run)
{
	caches_free(run);
	run->forces = name_ids_new(run->db, "police_force");
	run->types = name_ids_new(run->db, "crime_type");
	run->outcomes = name_ids_new(run->db, "outcome_category");
	run->lsoas = area_ids_new(run->db, "lsoa");
}

/* Stop the reader wherever it is and forget what it read of files FROM on, so that it can
 * start again at FROM. */
static void reader_cancel(struct run *run, size_t from)
{
	pthread_mutex_lock(&run->lock);
	atomic_store(&run->cancel, 1);
	pthread_cond_broadcast(&run->changed);
	pthread_mutex_unlock(&run->lock);
	struct row_chunk *c;
	while ((c = row_queue_take_full(run->queue))) row_queue_put_empty(run->queue, c);
	reader_join(run);
	for (size_t i = from; i < run->n; i++) {
		/* the reader freed what it held of them before it stopped */
		memset(&run->jobs[i], 0, sizeof run->jobs[i]);
		import_summary_init(&run->s[i], run->paths[i], "");
	}
	crime_places_reset(run->places);
}

/* True when someone else stored street classes or places since the reader numbered J's
 * (between the commit of the previous file and this file's transaction): J's ids may be
 * taken. Called inside J's transaction. */
static int ids_taken(struct run *run, const struct job *j)
{
	if (!j->has_format || j->fmt != STREET) return 0;
	return db_int(run->db, 0, "SELECT coalesce(max(id), 0) FROM crime_class", "") >= j->first_class
		|| db_int(run->db, 0, "SELECT coalesce(max(id), 0) FROM crime_place", "") >= j->first_place;
}

/* Write J's rows, from its chunk FIRST to its last, inside the open transaction. */
static void write_file(struct run *run, struct job *j, struct row_chunk *first)
{
	struct db *db = run->db;
	struct writer w = {.db = db, .s = j->s, .fmt = j->fmt};
	w.keys = row_keys_new(db, FORMATS[j->fmt].table);   /* the table name is part of every key */
	w.insert = batch_insert_new(db, WRITES[j->fmt].table, WRITES[j->fmt].columns, WRITES[j->fmt].n);
	w.forces = run->forces;
	w.types = run->types;
	w.outcomes = run->outcomes;
	w.lsoas = run->lsoas;
	if (j->fmt == STREET) {
		w.places = batch_insert_new(db, "crime_place", "id, lon, lat, location, lsoa_code, lsoa_id, ward_id", 7);
		w.add_class = db_prepare(db, "INSERT INTO crime_class(id, import_id, month, reported_by, falls_within, "
			"crime_type_id, outcome_id) VALUES(?,?,?,?,?,?,?)");
		w.first_class = j->first_class;
	}
	write_rows(&w, run->queue, first);
	batch_insert_free(w.places);   /* writes the last rows */
	batch_insert_free(w.insert);
	if (j->s->problems_total == 0) row_keys_save(w.keys);
	row_keys_free(w.keys);
	db_finalize(w.add_class);
	free(w.classes);
}

/* Import file I, whose first chunk is FIRST: 0 when committed, -1 when rejected, 1 when its
 * ids were taken meanwhile and the reader must start again from it. */
static int import_file(struct run *run, const struct actor *who, size_t i, struct row_chunk *first)
{
	struct db *db = run->db;
	struct job *j = &run->jobs[i];
	struct import_summary *s = j->s;
	if (!j->has_format) {
		/* unreadable, or a wrong header: nothing to write */
		row_queue_put_empty(run->queue, first);
		return -1;
	}
	db_begin(db);
	if (ids_taken(run, j)) {
		db_rollback(db);
		row_queue_put_empty(run->queue, first);
		return 1;
	}
	s->import_id = import_record_begin(db, FORMATS[j->fmt].kind, run->paths[i]);
	int64_t first_id = area_assign_next_id(db, WRITES[j->fmt].area_table);
	write_file(run, j, first);
	if (s->problems_total) {
		db_rollback(db);
		caches_reset(run);   /* names and areas it added were rolled back with it */
		s->import_id = 0;
		if (j->made_places) {
			/* the places it handed out were rolled back: reload, and let the reader go on */
			crime_places_reset(run->places);
			sync_street(run);
			pthread_mutex_lock(&run->lock);
			run->resumed = i + 1;
			pthread_cond_broadcast(&run->changed);
			pthread_mutex_unlock(&run->lock);
		}
		return -1;
	}
	s->earlier_import = import_find_fingerprint(db, s->kind, j->fingerprint, s->import_id);
	import_record_end(db, who, s, j->fingerprint);
	area_assign(db, WRITES[j->fmt].area_table, first_id);
	if (db_commit(db) != 0) fatal("import transaction failed to commit");
	return 0;
}

int policeuk_import_files(struct db *db, const struct actor *who, const char *const *paths, size_t n,
	struct import_summary *summaries, policeuk_file_done done, void *arg)
{
	struct run run = {.db = db, .paths = paths, .n = n, .s = summaries};
	if (pthread_mutex_init(&run.lock, NULL) || pthread_cond_init(&run.changed, NULL)) fatal("pthread init failed");
	run.jobs = xcalloc(n ? n : 1, sizeof *run.jobs);
	for (size_t i = 0; i < n; i++) import_summary_init(&summaries[i], paths[i], "");
	for (int f = 0; f < NFORMATS; f++) run.hashing[f] = row_keys_new(db, FORMATS[f].table);
	run.places = crime_places_new();
	caches_reset(&run);
	reader_start(&run, 0);
	int rejected = 0;
	for (size_t i = 0; i < n; i++) {
		struct row_chunk *first = row_queue_take_full(run.queue);
		if (!first || first->source != i) fatal("import: file %zu's rows are missing", i);
		int rc = import_file(&run, who, i, first);
		if (rc > 0) {
			/* another writer stored classes or places between two of our files */
			reader_cancel(&run, i);
			reader_start(&run, i);
			i--;
			continue;
		}
		if (rc < 0) rejected++;
		if (done) done(&summaries[i], arg);
	}
	reader_join(&run);
	caches_free(&run);
	crime_places_free(run.places);
	for (int f = 0; f < NFORMATS; f++) row_keys_free(run.hashing[f]);
	free(run.jobs);
	pthread_mutex_destroy(&run.lock);
	pthread_cond_destroy(&run.changed);
	return rejected;
}

int policeuk_import_file(struct db *db, const struct actor *who, const char *path, struct import_summary *s)
{
	const char *paths[1] = {path};
	return policeuk_import_files(db, who, paths, 1, s, NULL, NULL) ? -1 : 0;
}
