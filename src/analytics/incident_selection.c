/* Incident selection: arguments, the query and its description. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/incident_import.h"
#include "analytics/incident_selection.h"
#include "db/db.h"
#include "util/xalloc.h"

int incident_selection_parse(struct db *db, const struct analysis_args *a, struct incident_selection *out,
	struct field_errors *e)
{
	int before = e->count;
	memset(out, 0, sizeof *out);
	crime_selection_parse_area(db, a, &out->area, e);
	const char *type = analysis_args_get(a, "incident_type");
	if (type && strcmp(type, "all") != 0) {
		char *found = db_text(db, "SELECT incident_type FROM incident WHERE incident_type = ? LIMIT 1", "t", type);
		if (!found) field_errors_add(e, "incident_type", "Select an incident type from the list (none is called %.60s)", type);
		else snprintf(out->type, sizeof out->type, "%s", found);
		free(found);
	}
	int s = validate_date(e, "start", analysis_args_get(a, "start"), "the first date", 0, NULL, out->start);
	int t = validate_date(e, "end", analysis_args_get(a, "end"), "the last date", 0, NULL, out->end);
	if (s == 1 && t == 1 && strcmp(out->start, out->end) > 0)
		field_errors_add(e, "end", "The last date must be the same as or after the first date");
	if (s == 1 || t == 1) {
		out->start_ts = -4102444800LL;    /* 1840: before any incident */
		out->end_ts = 32503680000LL;      /* 3000 */
		if (s == 1) incident_parse_time(out->start, NULL, 0, &out->start_ts);
		if (t == 1) incident_parse_time(out->end, NULL, 1, &out->end_ts);
	}
	return e->count > before ? -1 : 0;
}

int incident_selection_get(struct db *db, const struct incident_selection *s, struct incident_windows *out,
	char *err, size_t errsize)
{
	struct crime_filter f;
	memset(&f, 0, sizeof f);
	/* the whole log: incidents without a location belong to the borough's log too */
	f.level = s->area.level == CRIME_AREA_BOROUGH ? CRIME_AREA_ALL : s->area.level;
	f.area_code = *s->area.area_code ? s->area.area_code : NULL;
	return crime_incidents_get(db, &f, *s->type ? s->type : NULL, s->start_ts, s->end_ts, out, err, errsize);
}

void incident_date_label(const char *ymd, char *out, size_t size)
{
	static const char *const MONTHS[12] = {"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"};
	int y, m, d;
	if (!ymd || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) snprintf(out, size, "%s", ymd ? ymd : "");
	else snprintf(out, size, "%d %s %d", d, MONTHS[m - 1], y);
}

void incident_selection_describe(const struct incident_selection *s, char *out, size_t size)
{
	char a[32], b[32];
	incident_date_label(s->start, a, sizeof a);
	incident_date_label(s->end, b, sizeof b);
	const char *where = s->area.level == CRIME_AREA_BOROUGH || s->area.level == CRIME_AREA_ALL ? "the borough" : s->area.area_name;
	size_t len = (size_t)snprintf(out, size, "%s%s%s in %s", *s->type ? "Incidents of type " : "Incidents",
		s->type, "", where);
	if (len >= size) return;
	if (*s->start && *s->end) snprintf(out + len, size - len, ", %s to %s", a, b);
	else if (*s->start) snprintf(out + len, size - len, ", from %s", a);
	else if (*s->end) snprintf(out + len, size - len, ", up to %s", b);
}

void incident_selection_slug(const struct incident_selection *s, char *out, size_t size)
{
	char raw[300];
	snprintf(raw, sizeof raw, "%s %s %s %s", *s->type ? s->type : "incidents",
		*s->area.area_code ? s->area.area_code : "borough", s->start, s->end);
	size_t len = 0;
	int dash = 0;
	for (const char *p = raw; *p && len + 2 < size; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c)) {
			if (dash && len) out[len++] = '-';
			out[len++] = (char)tolower(c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[len] = 0;
}

size_t incident_type_names(struct db *db, char ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	struct db_stmt *st = db_prepare(db, "SELECT DISTINCT incident_type FROM incident WHERE incident_type <> '' ORDER BY 1");
	while (db_step(st) == DB_ROW) {
		if (n == cap) { cap = cap ? 2 * cap : 16; *out = xrealloc(*out, cap * sizeof **out); }
		(*out)[n++] = xstrdup(db_column_text(st, 0));
	}
	db_finalize(st);
	return n;
}
