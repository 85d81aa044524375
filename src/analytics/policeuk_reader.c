/* police.uk reader: header detection, per-row validation, identity keys, and the class and
 * place of each street row; the rows go to the database thread in chunks (policeuk_rows.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "analytics/crime_places.h"
#include "analytics/policeuk_rows.h"
#include "analytics/row_queue.h"
#include "util/csv.h"
#include "util/key_ids.h"
#include "util/xalloc.h"

static const char *const STREET_COLUMNS[S_N] = {"Crime ID", "Month", "Reported by", "Falls within",
	"Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
	"Context"};
static const char *const OUTCOME_COLUMNS[O_N] = {"Crime ID", "Month", "Reported by", "Falls within",
	"Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Outcome type"};
static const char *const STOP_COLUMNS[Q_N] = {"Type", "Date", "Part of a policing operation",
	"Policing operation", "Latitude", "Longitude", "Gender", "Age range", "Self-defined ethnicity",
	"Officer-defined ethnicity", "Legislation", "Object of search", "Outcome",
	"Outcome linked to object of search", "Removal of more than just outer clothing"};

const struct policeuk_format POLICEUK_FORMATS[NFORMATS] = {
	{"street", "crime", STREET_COLUMNS, S_N},
	{"outcomes", "crime_outcome", OUTCOME_COLUMNS, O_N},
	{"stop-and-search", "stop_search", STOP_COLUMNS, Q_N},
};

/* ---- header ---- */

/* Map the header onto FMT. Returns how many of FMT's columns were found. */
static int map_header(const struct csv *csv, enum format fmt, int *col)
{
	int found = 0;
	for (int c = 0; c < POLICEUK_FORMATS[fmt].ncolumns; c++) {
		/* by name only: a number would make "1" match the first column */
		col[c] = -1;
		for (size_t j = 0; j < csv_count(csv); j++) {
			const char *h = csv_field(csv, j);
			while (*h == ' ') h++;
			size_t n = strlen(h);
			while (n && h[n - 1] == ' ') n--;
			if (n == strlen(POLICEUK_FORMATS[fmt].columns[c]) && strncasecmp(h, POLICEUK_FORMATS[fmt].columns[c], n) == 0) {
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
	if (best < 0 || best_found * 2 < POLICEUK_FORMATS[best].ncolumns) {
		import_problem_add(s, 1, 0, NULL, "the header is not that of a police.uk street, outcomes or "
			"stop-and-search file (first column \"%.40s\")", csv_field(j->csv, 0));
		return -1;
	}
	j->fmt = (enum format)best;
	snprintf(s->kind, sizeof s->kind, "%s", POLICEUK_FORMATS[best].kind);
	map_header(j->csv, j->fmt, j->col);
	int bad = 0;
	for (int c = 0; c < POLICEUK_FORMATS[best].ncolumns; c++)
		if (j->col[c] < 0) {
			import_problem_add(s, 1, 0, POLICEUK_FORMATS[best].columns[c], "missing column in the %s header", POLICEUK_FORMATS[best].kind);
			bad = 1;
		}
	for (size_t i = 0; i < j->nfile_columns; i++) {
		int used = 0, twice = 0;
		for (int c = 0; c < POLICEUK_FORMATS[best].ncolumns; c++) if (j->col[c] == (int)i) used = 1;
		for (size_t k = 0; k < i && !used; k++)
			if (strcasecmp(csv_field(j->csv, k), csv_field(j->csv, i)) == 0) twice = 1;
		if (twice) {
			import_problem_add(s, 1, (int)i + 1, NULL, "column \"%.40s\" appears twice", csv_field(j->csv, i));
			bad = 1;
		} else if (!used) {
			import_problem_add(s, 1, (int)i + 1, NULL, "unexpected column \"%.40s\" in a %s header",
				csv_field(j->csv, i), POLICEUK_FORMATS[best].kind);
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
	const char *name = POLICEUK_FORMATS[j->fmt].columns[c];
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
			for (int c = 0; c < POLICEUK_FORMATS[j->fmt].ncolumns; c++) if (j->col[c] == (int)i) name = POLICEUK_FORMATS[j->fmt].columns[c];
			import_problem_add(j->s, csv_line(csv), (int)i + 1, name, "%s", why);
			bad = 1;
		}
	}
	if (bad) return -1;
	for (int c = 0; c < POLICEUK_FORMATS[j->fmt].ncolumns; c++) {
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
	for (int c = 0; c < POLICEUK_FORMATS[j->fmt].ncolumns; c++) if (copy & (1u << c)) total += j->len[c] + 1;
	buf_grow(&chunk->bytes, total);
	for (int c = 0; c < POLICEUK_FORMATS[j->fmt].ncolumns; c++) {
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

void policeuk_read_file(struct policeuk_reader *rd, struct job *j, const char *path)
{
	j->queue = rd->queue;
	j->cancel = rd->cancel;
	if (import_csv_open(&j->ic, path, j->s) == 0) {
		j->csv = j->ic.csv;
		j->src = j->ic.src;
		if (read_header(j) == 0) {
			j->has_format = 1;
			if (!rd->occurrences[j->fmt]) rd->occurrences[j->fmt] = row_occurrences_new(rd->hashing[j->fmt]);
			j->occurrences = rd->occurrences[j->fmt];
			row_occurrences_restart(j->occurrences);
			if (j->fmt == STREET) {
				j->classes = key_ids_new();
				j->first_class = j->next_class = rd->next_class;
				j->places = rd->places;
				j->first_place = crime_places_next(rd->places);
			}
			read_rows(j);
			if (j->fmt == STREET) {
				rd->next_class = j->next_class;
				key_ids_free(j->classes);
				j->classes = NULL;
			}
			buf_free(&j->class_key);
			j->occurrences = NULL;
		}
		import_csv_close(&j->ic, j->s, j->fingerprint);
	}
	j->made_places = j->has_format && j->fmt == STREET && crime_places_next(rd->places) != j->first_place;
	if (atomic_load(rd->cancel)) {
		if (j->chunk) row_queue_put_empty(rd->queue, j->chunk);
		j->chunk = NULL;
		return;
	}
	if (!j->chunk) {
		j->chunk = row_queue_take_empty(rd->queue);
		j->chunk->source = j->file;
	}
	j->chunk->last = 1;
	row_queue_put_full(rd->queue, j->chunk);
	j->chunk = NULL;
}

void policeuk_reader_release(struct policeuk_reader *rd)
{
	for (int f = 0; f < NFORMATS; f++) {
		row_occurrences_free(rd->occurrences[f]);
		rd->occurrences[f] = NULL;
	}
}
