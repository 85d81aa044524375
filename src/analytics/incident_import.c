/* Incident log importer: resolves the column mapping against the header, validates each
 * row (dates, order of from/to, coordinates) and stores it with a row identity built from
 * the whole raw row, so re-importing the same log adds nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "analytics/area_assign.h"
#include "analytics/incident_import.h"
#include "analytics/projection.h"
#include "analytics/row_keys.h"
#include "db/db.h"
#include "util/csv.h"
#include "util/xalloc.h"

/* Tried in order when no --date-format is given; the first that consumes the whole text
 * wins. Day-first because UK logs write 05/03/2024 for 5 March. */
static const struct { const char *fmt; int has_time; } DEFAULT_FORMATS[] = {
	{"%Y-%m-%dT%H:%M:%S", 1}, {"%Y-%m-%d %H:%M:%S", 1}, {"%Y-%m-%dT%H:%M", 1}, {"%Y-%m-%d %H:%M", 1},
	{"%d/%m/%Y %H:%M:%S", 1}, {"%d/%m/%Y %H:%M", 1}, {"%Y-%m-%d", 0}, {"%d/%m/%Y", 0},
};

/* strptime, then a round trip through timegm to reject dates like 31/02 that strptime lets by. */
static int parse_with(const char *text, const char *fmt, long long *out)
{
	struct tm tm = {0};
	tm.tm_mday = 1;
	const char *end = strptime(text, fmt, &tm);
	if (!end) return -1;
	while (*end == ' ') end++;
	if (*end) return -1;
	struct tm check = tm;
	time_t t = timegm(&check);
	if (check.tm_mday != tm.tm_mday || check.tm_mon != tm.tm_mon || check.tm_year != tm.tm_year) return -1;
	if (tm.tm_year < 90 || tm.tm_year > 200) return -1;
	*out = (long long)t;
	return 0;
}

static int format_has_time(const char *fmt)
{
	return strstr(fmt, "%H") || strstr(fmt, "%I") || strstr(fmt, "%T") || strstr(fmt, "%R") || strstr(fmt, "%M");
}

int incident_parse_time(const char *text, const char *format, int end_of_day, long long *out)
{
	while (*text == ' ') text++;
	if (!*text) return -1;
	if (format) {
		if (parse_with(text, format, out)) return -1;
		if (end_of_day && !format_has_time(format)) *out += 86399;
		return 0;
	}
	for (size_t i = 0; i < sizeof DEFAULT_FORMATS / sizeof *DEFAULT_FORMATS; i++) {
		if (parse_with(text, DEFAULT_FORMATS[i].fmt, out) == 0) {
			if (end_of_day && !DEFAULT_FORMATS[i].has_time) *out += 86399;
			return 0;
		}
	}
	return -1;
}

static void format_time(long long t, char out[20])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

enum { C_FROM, C_TO, C_X, C_Y, C_LON, C_LAT, C_TYPE, C_N };
static const char *const OPTION[C_N] = {"--from", "--to", "--x", "--y", "--lon", "--lat", "--type"};

/* Resolve each mapped column; problems name the option and the column asked for. */
static int resolve(const struct csv *csv, const struct incident_mapping *m, int col[C_N], struct import_summary *s)
{
	const char *spec[C_N] = {m->from, m->to, m->x, m->y, m->lon, m->lat, m->type};
	int bad = 0;
	for (int c = 0; c < C_N; c++) {
		col[c] = -1;
		if (!spec[c]) continue;
		col[c] = import_csv_column(csv, spec[c]);
		if (col[c] < 0) {
			import_problem_add(s, 1, 0, NULL, "%s %s: the header has no such column (name or 1-based number)",
				OPTION[c], spec[c]);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Location of the current row: 1 located, 0 none, -1 problem reported. */
static int row_location(const struct csv *csv, const int col[C_N], struct import_summary *s, double *lon, double *lat)
{
	int grid = col[C_X] >= 0;
	int a = grid ? C_X : C_LON, b = grid ? C_Y : C_LAT;
	if (col[a] < 0) return 0;
	long line = csv_line(csv);
	const char *fa = csv_field(csv, (size_t)col[a]), *fb = csv_field(csv, (size_t)col[b]);
	if (!*fa && !*fb) return 0;
	const char *why = NULL;
	double va, vb;
	if (!*fa || !*fb) {
		import_problem_add(s, line, col[*fa ? b : a] + 1, OPTION[*fa ? b : a] + 2, "is empty but the other coordinate is given");
		return -1;
	}
	if (import_parse_coordinate(fa, grid ? -1e6 : -180, grid ? 2e6 : 180, &va, &why)) {
		import_problem_add(s, line, col[a] + 1, OPTION[a] + 2, "%s", why);
		return -1;
	}
	if (import_parse_coordinate(fb, grid ? -1e6 : -90, grid ? 2.5e6 : 90, &vb, &why)) {
		import_problem_add(s, line, col[b] + 1, OPTION[b] + 2, "%s", why);
		return -1;
	}
	if (grid) {
		if (projection_bng_to_wgs84(va, vb, lon, lat) != 0) {
			import_problem_add(s, line, col[a] + 1, "x", "is not a British National Grid position");
			return -1;
		}
	} else {
		*lon = va;
		*lat = vb;
	}
	if (!import_in_uk(*lon, *lat)) {
		import_problem_add(s, line, col[a] + 1, OPTION[a] + 2, "the position is outside the United Kingdom%s",
			grid ? " (are --x/--y British National Grid metres?)" : "");
		return -1;
	}
	return 1;
}

int incident_import_file(struct db *db, const struct actor *who, const char *path, const struct incident_mapping *m,
	struct import_summary *s)
{
	const char *kind = "incidents";
	import_summary_init(s, path, kind);
	struct import_csv ic;
	if (import_csv_open(&ic, path, s)) return -1;
	struct csv *csv = ic.csv;
	db_begin(db);
	int col[C_N];
	int rc = csv_next(csv);
	if (rc != CSV_RECORD)
		import_problem_add(s, rc == CSV_EOF ? 0 : 1, 0, NULL, "%s", rc == CSV_EOF ? "the file is empty" : csv_error(csv));
	else
		resolve(csv, m, col, s);
	if (!s->problems_total) {
		size_t ncols = csv_count(csv);
		s->import_id = import_record_begin(db, kind, path);
		int64_t first_id = area_assign_next_id(db, "incident");
		struct row_keys *keys = row_keys_new(db, "incident");
		struct db_stmt *ins = db_prepare(db, "INSERT INTO incident(row_key, import_id, line, incident_type, "
			"from_time, to_time, from_ts, to_ts, lon, lat) VALUES(?,?,?,?,?,?,?,?,?,?)");
		int *all = xmalloc((ncols ? ncols : 1) * sizeof *all);
		for (size_t i = 0; i < ncols; i++) all[i] = (int)i;
		while ((rc = csv_next(csv)) == CSV_RECORD) {
			s->rows_read++;
			import_source_progress(ic.src, s->rows_read);
			long line = csv_line(csv);
			if (csv_count(csv) != ncols) {
				import_problem_add(s, line, 0, NULL, "expected %zu fields, found %zu", ncols, csv_count(csv));
				continue;
			}
			int bad = 0;
			for (size_t i = 0; i < ncols; i++) {
				const char *why = import_check_text(csv_field(csv, i), csv_field_len(csv, i));
				if (why) { import_problem_add(s, line, (int)i + 1, NULL, "%s", why); bad = 1; }
			}
			if (bad) continue;
			long long from, to;
			if (incident_parse_time(csv_field(csv, (size_t)col[C_FROM]), m->date_format, 0, &from)) {
				import_problem_add(s, line, col[C_FROM] + 1, "from", "is not a date-time%s%s",
					m->date_format ? " in the format " : " (see docs/import.md for the formats read)",
					m->date_format ? m->date_format : "");
				bad = 1;
			}
			to = from;
			if (!bad && col[C_TO] >= 0 && *csv_field(csv, (size_t)col[C_TO])) {
				if (incident_parse_time(csv_field(csv, (size_t)col[C_TO]), m->date_format, 1, &to)) {
					import_problem_add(s, line, col[C_TO] + 1, "to", "is not a date-time%s%s",
						m->date_format ? " in the format " : " (see docs/import.md for the formats read)",
						m->date_format ? m->date_format : "");
					bad = 1;
				} else if (to < from) {
					import_problem_add(s, line, col[C_TO] + 1, "to", "is before the from date-time");
					bad = 1;
				}
			}
			double lon = 0, lat = 0;
			int located = row_location(csv, col, s, &lon, &lat);
			if (bad || located < 0) continue;
			if (!located) s->rows_without_location++;
			if (s->problems_total) continue;
			unsigned char key[IMPORT_KEY_BYTES];
			/* one group: an incident log has no field that is surely part of every identity */
			if (!row_keys_next(keys, "", 0, csv, all, ncols, key)) {
				s->rows_present++;
				continue;
			}
			char from_text[20], to_text[20];
			format_time(from, from_text);
			format_time(to, to_text);
			db_bind_blob(ins, 1, key, sizeof key);
			db_bind_int(ins, 2, s->import_id);
			db_bind_int(ins, 3, line);
			db_bind_text(ins, 4, col[C_TYPE] >= 0 ? csv_field(csv, (size_t)col[C_TYPE]) : "");
			db_bind_text(ins, 5, from_text);
			db_bind_text(ins, 6, to_text);
			db_bind_int(ins, 7, from);
			db_bind_int(ins, 8, to);
			if (located) { db_bind_double(ins, 9, lon); db_bind_double(ins, 10, lat); }
			else { db_bind_null(ins, 9); db_bind_null(ins, 10); }
			if (db_step(ins) != DB_DONE) fatal("unexpected constraint failure importing an incident");
			s->rows_added++;
			db_reset(ins);
		}
		if (rc == CSV_ERROR) import_problem_add(s, csv_line(csv), 0, NULL, "%s", csv_error(csv));
		free(all);
		db_finalize(ins);
		if (!s->problems_total) {
			row_keys_save(keys);
			area_assign(db, "incident", first_id);
		}
		row_keys_free(keys);
	}
	char fingerprint[65];
	import_csv_close(&ic, s, fingerprint);
	if (s->problems_total) {
		db_rollback(db);
		s->import_id = 0;
		return -1;
	}
	s->earlier_import = import_find_fingerprint(db, kind, fingerprint, s->import_id);
	import_record_end(db, who, s, fingerprint);
	if (db_commit(db) != 0) fatal("incident import failed to commit");
	return 0;
}
