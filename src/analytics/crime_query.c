/* Crime queries. The filter becomes a fixed set of SQL fragments with "?" placeholders,
 * bound in the order they were added; no user text ever enters the SQL itself. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/crime_query.h"
#include "analytics/projection.h"
#include "db/db.h"
#include "util/buf.h"
#include "util/xalloc.h"

int crime_month_parse(const char *s)
{
	if (!s || strlen(s) != 7 || s[4] != '-') return -1;
	for (int i = 0; i < 7; i++) if (i != 4 && !isdigit((unsigned char)s[i])) return -1;
	int year = atoi(s), month = atoi(s + 5);
	if (month < 1 || month > 12) return -1;
	return year * 12 + month - 1;
}

static void month_text(int m, char out[8])
{
	unsigned um = (unsigned)m;
	snprintf(out, 8, "%04u-%02u", (um / 12) % 10000, um % 12 + 1);
}

/* Parameters collected while the WHERE clause is written. */
struct where {
	struct buf sql;
	const char *text[64];
	int64_t ints[64];
	char kinds[64];     /* 't' or 'i' */
	int n;
};

static void param_text(struct where *w, const char *s)
{
	if (w->n == 64) fatal("too many query parameters");
	w->kinds[w->n] = 't';
	w->text[w->n++] = s;
}

static void param_int(struct where *w, int64_t v)
{
	if (w->n == 64) fatal("too many query parameters");
	w->kinds[w->n] = 'i';
	w->ints[w->n++] = v;
}

static void bind_where(struct db_stmt *st, const struct where *w)
{
	for (int i = 0; i < w->n; i++) {
		if (w->kinds[i] == 't') db_bind_text(st, i + 1, w->text[i]);
		else db_bind_int(st, i + 1, w->ints[i]);
	}
}

/* Append " AND ..." conditions on the area of table alias A. */
static int where_area(struct db *db, const struct crime_filter *f, const char *a, struct where *w,
	char *err, size_t errsize)
{
	switch (f->level) {
	case CRIME_AREA_ALL:
		return 0;
	case CRIME_AREA_BOROUGH:
		buf_printf(&w->sql, " AND %s.lsoa_id IN (SELECT id FROM geo_area WHERE level='lsoa' AND geometry IS NOT NULL)", a);
		return 0;
	case CRIME_AREA_WARD:
	case CRIME_AREA_LSOA: {
		const char *level = f->level == CRIME_AREA_WARD ? "ward" : "lsoa";
		int64_t id = f->area_code ? db_int(db, 0, "SELECT id FROM geo_area WHERE level=? AND code=?", "tt", level,
			f->area_code) : 0;
		if (!id) {
			snprintf(err, errsize, "there is no %s with code %s", f->level == CRIME_AREA_WARD ? "ward" : "LSOA",
				f->area_code ? f->area_code : "(none given)");
			return -1;
		}
		buf_printf(&w->sql, " AND %s.%s_id = ?", a, level);
		param_int(w, id);
		return 0;
	}
	}
	fatal("unknown area level %d", (int)f->level);
}

/* The crime WHERE clause for F (crime alias c, crime type alias t). */
static int where_crime(struct db *db, const struct crime_filter *f, struct where *w, char *err, size_t errsize)
{
	buf_puts(&w->sql, " WHERE 1=1");
	if (where_area(db, f, "c", w, err, errsize)) return -1;
	if (f->types && f->ntypes) {
		if (f->ntypes > 32) { snprintf(err, errsize, "at most 32 crime types at once"); return -1; }
		buf_puts(&w->sql, " AND t.name IN (");
		for (size_t i = 0; i < f->ntypes; i++) {
			buf_puts(&w->sql, i ? ",?" : "?");
			param_text(w, f->types[i]);
		}
		buf_putc(&w->sql, ')');
	}
	const char *bounds[2] = {f->month_from, f->month_to};
	for (int i = 0; i < 2; i++) {
		if (!bounds[i]) continue;
		if (crime_month_parse(bounds[i]) < 0) {
			snprintf(err, errsize, "\"%.20s\" is not a month (YYYY-MM)", bounds[i]);
			return -1;
		}
		buf_puts(&w->sql, i ? " AND c.month <= ?" : " AND c.month >= ?");
		param_text(w, bounds[i]);
	}
	return 0;
}

static size_t type_index(char **types, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) if (strcmp(types[i], name) == 0) return i;
	return n;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int crime_count_by_month(struct db *db, const struct crime_filter *f, struct crime_month_counts *out,
	char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	struct where w = {.sql = BUF_INIT};
	buf_puts(&w.sql, "SELECT c.month, t.name, count(*) FROM crime c JOIN crime_type t ON t.id = c.crime_type_id");
	if (where_crime(db, f, &w, err, errsize)) { buf_free(&w.sql); return -1; }
	buf_puts(&w.sql, " GROUP BY c.month, t.name");
	struct db_stmt *st = db_prepare(db, buf_str(&w.sql));
	bind_where(st, &w);
	/* first pass in memory: the months and types present */
	size_t n = 0, cap = 0;
	struct { int month; char *type; int64_t count; } *rows = NULL;
	int first = f->month_from ? crime_month_parse(f->month_from) : -1;
	int last = f->month_to ? crime_month_parse(f->month_to) : -1;
	while (db_step(st) == DB_ROW) {
		if (n == cap) { cap = cap ? 2 * cap : 256; rows = xrealloc(rows, cap * sizeof *rows); }
		rows[n].month = crime_month_parse(db_column_text(st, 0));
		rows[n].type = xstrdup(db_column_text(st, 1));
		rows[n].count = db_column_int(st, 2);
		if (rows[n].month < 0) { free(rows[n].type); continue; }
		if (!f->month_from && (first < 0 || rows[n].month < first)) first = rows[n].month;
		if (!f->month_to && rows[n].month > last) last = rows[n].month;
		if (type_index(out->types, out->ntypes, rows[n].type) == out->ntypes) {
			out->types = xrealloc(out->types, (out->ntypes + 1) * sizeof *out->types);
			out->types[out->ntypes++] = xstrdup(rows[n].type);
		}
		n++;
	}
	db_finalize(st);
	buf_free(&w.sql);
	if (out->ntypes) qsort(out->types, out->ntypes, sizeof *out->types, compare_names);
	if (first >= 0 && last >= first) {
		out->nmonths = (size_t)(last - first + 1);
		out->months = xmalloc(out->nmonths * sizeof *out->months);
		for (size_t m = 0; m < out->nmonths; m++) month_text(first + (int)m, out->months[m]);
	}
	out->counts = xcalloc(out->nmonths * out->ntypes + 1, sizeof *out->counts);
	for (size_t i = 0; i < n; i++) {
		size_t t = type_index(out->types, out->ntypes, rows[i].type);
		if (rows[i].month >= first && rows[i].month <= last) {
			out->counts[(size_t)(rows[i].month - first) * out->ntypes + t] += rows[i].count;
			out->total += rows[i].count;
		}
		free(rows[i].type);
	}
	free(rows);
	return 0;
}

int64_t crime_month_counts_get(const struct crime_month_counts *c, size_t m, const char *type)
{
	size_t t = type_index(c->types, c->ntypes, type);
	if (t == c->ntypes || m >= c->nmonths) return 0;
	return c->counts[m * c->ntypes + t];
}

void crime_month_counts_free(struct crime_month_counts *c)
{
	for (size_t i = 0; i < c->ntypes; i++) free(c->types[i]);
	free(c->types);
	free(c->months);
	free(c->counts);
	memset(c, 0, sizeof *c);
}

int crime_points_get(struct db *db, const struct crime_filter *f, struct crime_points *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	struct where w = {.sql = BUF_INIT};
	buf_puts(&w.sql, "SELECT c.id, c.lon, c.lat, c.month, t.name FROM crime c JOIN crime_type t ON t.id = c.crime_type_id");
	if (where_crime(db, f, &w, err, errsize)) { buf_free(&w.sql); return -1; }
	buf_puts(&w.sql, " AND c.lon IS NOT NULL ORDER BY c.id");
	struct db_stmt *st = db_prepare(db, buf_str(&w.sql));
	bind_where(st, &w);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		if (out->n == cap) { cap = cap ? 2 * cap : 1024; out->points = xrealloc(out->points, cap * sizeof *out->points); }
		struct crime_point *p = &out->points[out->n];
		p->id = db_column_int(st, 0);
		p->lon = db_column_double(st, 1);
		p->lat = db_column_double(st, 2);
		p->month = crime_month_parse(db_column_text(st, 3));
		if (projection_wgs84_to_bng(p->lon, p->lat, &p->x, &p->y) != 0) continue;
		const char *type = db_column_text(st, 4);
		size_t t = type_index(out->types, out->ntypes, type);
		if (t == out->ntypes) {
			out->types = xrealloc(out->types, (out->ntypes + 1) * sizeof *out->types);
			out->types[out->ntypes++] = xstrdup(type);
		}
		p->type = (int)t;
		out->n++;
	}
	db_finalize(st);
	buf_free(&w.sql);
	/* sort the type names and renumber the points to match */
	char **sorted = xmalloc((out->ntypes + 1) * sizeof *sorted);
	if (out->ntypes) memcpy(sorted, out->types, out->ntypes * sizeof *sorted);
	qsort(sorted, out->ntypes, sizeof *sorted, compare_names);
	int *renumber = xmalloc((out->ntypes + 1) * sizeof *renumber);
	for (size_t i = 0; i < out->ntypes; i++) renumber[i] = (int)type_index(sorted, out->ntypes, out->types[i]);
	for (size_t i = 0; i < out->n; i++) out->points[i].type = renumber[out->points[i].type];
	free(renumber);
	free(out->types);
	out->types = sorted;
	return 0;
}

void crime_points_free(struct crime_points *p)
{
	for (size_t i = 0; i < p->ntypes; i++) free(p->types[i]);
	free(p->types);
	free(p->points);
	memset(p, 0, sizeof *p);
}

int crime_incidents_get(struct db *db, const struct crime_filter *f, const char *type, long long from_ts,
	long long to_ts, struct incident_windows *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	struct where w = {.sql = BUF_INIT};
	buf_puts(&w.sql, "SELECT i.id, i.from_ts, i.to_ts, i.lon, i.lat FROM incident i WHERE 1=1");
	if (where_area(db, f, "i", &w, err, errsize)) { buf_free(&w.sql); return -1; }
	if (type) {
		buf_puts(&w.sql, " AND i.incident_type = ?");
		param_text(&w, type);
	}
	if (from_ts || to_ts) {
		buf_puts(&w.sql, " AND i.to_ts >= ? AND i.from_ts <= ?");
		param_int(&w, from_ts);
		param_int(&w, to_ts);
	}
	buf_puts(&w.sql, " ORDER BY i.id");
	struct db_stmt *st = db_prepare(db, buf_str(&w.sql));
	bind_where(st, &w);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		if (out->n == cap) { cap = cap ? 2 * cap : 1024; out->windows = xrealloc(out->windows, cap * sizeof *out->windows); }
		struct incident_window *iw = &out->windows[out->n++];
		memset(iw, 0, sizeof *iw);
		iw->id = db_column_int(st, 0);
		iw->from_ts = db_column_int(st, 1);
		iw->to_ts = db_column_int(st, 2);
		if (!db_column_is_null(st, 3)) {
			iw->lon = db_column_double(st, 3);
			iw->lat = db_column_double(st, 4);
			iw->located = projection_wgs84_to_bng(iw->lon, iw->lat, &iw->x, &iw->y) == 0;
		}
	}
	db_finalize(st);
	buf_free(&w.sql);
	return 0;
}

void incident_windows_free(struct incident_windows *w)
{
	free(w->windows);
	memset(w, 0, sizeof *w);
}

size_t crime_area_list(struct db *db, const char *level, struct crime_area_info **out)
{
	char sql[320];
	snprintf(sql, sizeof sql, "SELECT a.code, a.name, a.geometry IS NOT NULL FROM geo_area a WHERE a.level=? AND "
		"(a.geometry IS NOT NULL OR a.id IN (SELECT DISTINCT %s_id FROM crime_place)) ORDER BY a.code",
		strcmp(level, "ward") == 0 ? "ward" : "lsoa");
	struct db_stmt *st = db_preparef(db, sql, "t", level);
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		if (n == cap) { cap = cap ? 2 * cap : 64; *out = xrealloc(*out, cap * sizeof **out); }
		(*out)[n].code = xstrdup(db_column_text(st, 0));
		(*out)[n].name = xstrdup(db_column_text(st, 1));
		(*out)[n].has_boundary = (int)db_column_int(st, 2);
		n++;
	}
	db_finalize(st);
	return n;
}

void crime_area_list_free(struct crime_area_info *a, size_t n)
{
	for (size_t i = 0; i < n; i++) { free(a[i].code); free(a[i].name); }
	free(a);
}
