/* Named analysis arguments and the crime selection they describe. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/crime_selection.h"
#include "db/db.h"
#include "util/xalloc.h"

void analysis_args_add(struct analysis_args *a, const char *name, const char *value)
{
	if (a->n == ANALYSIS_ARGS_MAX) return;
	a->item[a->n].name = name;
	a->item[a->n].value = value ? value : "";
	a->n++;
}

/* VALUE without leading spaces, and whether anything but spaces is left. */
static const char *skip_spaces(const char *v, int *nonempty)
{
	while (*v == ' ' || *v == '\t') v++;
	const char *end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t')) end--;
	*nonempty = end > v;
	return v;
}

const char *analysis_args_get(const struct analysis_args *a, const char *name)
{
	for (size_t i = 0; i < a->n; i++) {
		if (strcmp(a->item[i].name, name) != 0) continue;
		int nonempty;
		const char *v = skip_spaces(a->item[i].value, &nonempty);
		if (nonempty) return v;
	}
	return NULL;
}

size_t analysis_args_all(const struct analysis_args *a, const char *name, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n && n < max; i++) {
		if (strcmp(a->item[i].name, name) != 0) continue;
		int nonempty;
		const char *v = skip_spaces(a->item[i].value, &nonempty);
		if (nonempty) out[n++] = v;
	}
	return n;
}

int analysis_args_has(const struct analysis_args *a, const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->item[i].name, name) == 0) return 1;
	return 0;
}

/* Trailing spaces are allowed after a number (values are trimmed only at the front). */
static int only_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t') s++;
	return *s == 0;
}

double analysis_args_number(const struct analysis_args *a, const char *name, const char *label, double dflt,
	double min, double max, struct field_errors *e)
{
	const char *v = analysis_args_get(a, name);
	if (!v) return dflt;
	char *end;
	double x = strtod(v, &end);
	if (end == v || !only_spaces(end) || !isfinite(x)) {
		field_errors_add(e, name, "Enter %s as a number", label);
		return dflt;
	}
	if (x < min || x > max) {
		field_errors_add(e, name, "Enter %s between %g and %g", label, min, max);
		return dflt;
	}
	return x;
}

int analysis_args_choice(const struct analysis_args *a, const char *name, const char *label,
	const char *const *choices, int dflt, struct field_errors *e)
{
	const char *v = analysis_args_get(a, name);
	if (!v) return dflt;
	for (int i = 0; choices[i]; i++)
		if (strncmp(v, choices[i], strlen(choices[i])) == 0 && only_spaces(v + strlen(choices[i]))) return i;
	field_errors_add(e, name, "Select %s from the list", label);
	return -1;
}

static int has_lsoa_boundaries(struct db *db)
{
	return db_int(db, 0, "SELECT 1 FROM geo_area WHERE level = 'lsoa' AND geometry IS NOT NULL LIMIT 1", "") != 0;
}

int crime_months_range(struct db *db, char first[8], char last[8])
{
	/* the borough's crimes when its LSOAs are loaded (the same rule as CRIME_AREA_BOROUGH) */
	struct db_stmt *st = has_lsoa_boundaries(db)
		? db_prepare(db, "SELECT min(month), max(month) FROM crime WHERE lsoa_id IN "
			"(SELECT id FROM geo_area WHERE level = 'lsoa' AND geometry IS NOT NULL)")
		: db_prepare(db, "SELECT min(month), max(month) FROM crime");
	int rc = -1;
	if (db_step(st) == DB_ROW && !db_column_is_null(st, 0)) {
		snprintf(first, 8, "%.7s", db_column_text(st, 0));
		snprintf(last, 8, "%.7s", db_column_text(st, 1));
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

size_t crime_type_names(struct db *db, char ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	struct db_stmt *st = db_prepare(db, "SELECT name FROM crime_type ORDER BY name");
	while (db_step(st) == DB_ROW) {
		if (n == cap) { cap = cap ? 2 * cap : 16; *out = xrealloc(*out, cap * sizeof **out); }
		(*out)[n++] = xstrdup(db_column_text(st, 0));
	}
	db_finalize(st);
	return n;
}

void crime_type_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) free(names[i]);
	free(names);
}

static const char *const MONTH_NAMES[12] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

void crime_month_label(const char *ym, char *out, size_t size)
{
	int m = crime_month_parse(ym);
	if (m < 0) snprintf(out, size, "%s", ym ? ym : "");
	else snprintf(out, size, "%s %d", MONTH_NAMES[m % 12], m / 12);
}

int crime_selection_parse_area(struct db *db, const struct analysis_args *a, struct crime_selection *out,
	struct field_errors *e)
{
	int before = e->count;
	memset(out, 0, sizeof *out);
	out->level = CRIME_AREA_BOROUGH;
	snprintf(out->area_name, sizeof out->area_name, "the borough");
	const char *area = analysis_args_get(a, "area");
	if (area && strcmp(area, "borough") != 0) {
		char code[32];
		size_t n = 0;
		for (const char *p = area; *p && *p != ' ' && n + 1 < sizeof code; p++) code[n++] = (char)toupper((unsigned char)*p);
		code[n] = 0;
		struct db_stmt *st = db_preparef(db, "SELECT level, code, name FROM geo_area WHERE code = ? AND geometry IS NOT NULL "
			"ORDER BY level = 'ward' DESC LIMIT 1", "t", code);
		if (db_step(st) == DB_ROW) {
			out->level = strcmp(db_column_text(st, 0), "ward") == 0 ? CRIME_AREA_WARD : CRIME_AREA_LSOA;
			snprintf(out->area_code, sizeof out->area_code, "%s", db_column_text(st, 1));
			const char *name = db_column_text(st, 2);
			snprintf(out->area_name, sizeof out->area_name, "%s", *name ? name : out->area_code);
		} else {
			field_errors_add(e, "area", "Select an area from the list (there is no ward or LSOA with the code %.20s)", area);
		}
		db_finalize(st);
	}
	if (out->level == CRIME_AREA_BOROUGH && !has_lsoa_boundaries(db)) out->level = CRIME_AREA_ALL;
	return e->count > before ? -1 : 0;
}

int crime_selection_parse(struct db *db, const struct analysis_args *a, const char *default_type,
	struct crime_selection *out, struct field_errors *e)
{
	int before = e->count;
	crime_selection_parse_area(db, a, out, e);

	const char *types[SELECTION_MAX_TYPES + 1];
	size_t nt = analysis_args_all(a, "type", types, SELECTION_MAX_TYPES + 1);
	if (nt > SELECTION_MAX_TYPES) {
		field_errors_add(e, "type", "Select at most %d crime types", SELECTION_MAX_TYPES);
		nt = 0;
	}
	if (!analysis_args_has(a, "type") && default_type) {
		types[0] = default_type;
		nt = db_int(db, 0, "SELECT 1 FROM crime_type WHERE name = ?", "t", default_type) ? 1 : 0;
	}
	for (size_t i = 0; i < nt; i++) {
		if (strcmp(types[i], "all") == 0) { out->ntypes = 0; break; }
		char *name = db_text(db, "SELECT name FROM crime_type WHERE lower(name) = lower(?)", "t", types[i]);
		if (!name) {
			field_errors_add(e, "type", "Select a crime type from the list (there is no crime type called %.60s)", types[i]);
			continue;
		}
		int dup = 0;
		for (size_t k = 0; k < out->ntypes; k++) dup |= strcmp(out->types[k], name) == 0;
		if (!dup) snprintf(out->types[out->ntypes++], sizeof out->types[0], "%s", name);
		free(name);
	}

	char first[8] = "", last[8] = "";
	crime_months_range(db, first, last);
	const char *names[2] = {"from", "to"};
	const char *labels[2] = {"the first month", "the last month"};
	char *dest[2] = {out->month_from, out->month_to};
	const char *dflt[2] = {first, last};
	for (int i = 0; i < 2; i++) {
		const char *v = analysis_args_get(a, names[i]);
		if (!v) {
			snprintf(dest[i], 8, "%s", dflt[i]);
		} else if (crime_month_parse(v) < 0 || strlen(v) != 7) {
			field_errors_add(e, names[i], "Enter %s as a year and month, like 2018-04", labels[i]);
		} else {
			snprintf(dest[i], 8, "%s", v);
		}
	}
	if (*out->month_from && *out->month_to && strcmp(out->month_from, out->month_to) > 0)
		field_errors_add(e, "to", "The last month must be the same as or after the first month");
	return e->count > before ? -1 : 0;
}

void crime_selection_filter(const struct crime_selection *s, struct crime_filter *f, const char *types[SELECTION_MAX_TYPES])
{
	memset(f, 0, sizeof *f);
	f->level = s->level;
	f->area_code = *s->area_code ? s->area_code : NULL;
	for (size_t i = 0; i < s->ntypes; i++) types[i] = s->types[i];
	f->types = s->ntypes ? types : NULL;
	f->ntypes = s->ntypes;
	f->month_from = *s->month_from ? s->month_from : NULL;
	f->month_to = *s->month_to ? s->month_to : NULL;
}

void crime_selection_types_label(const struct crime_selection *s, char *out, size_t size)
{
	if (s->ntypes == 0) {
		snprintf(out, size, "All crime");
		return;
	}
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; i < s->ntypes && len < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == s->ntypes ? " and " : ", ";
		len += (size_t)snprintf(out + len, size - len, "%s%s", sep, s->types[i]);
	}
}

void crime_selection_describe(const struct crime_selection *s, char *out, size_t size)
{
	char types[400], from[32], to[32];
	crime_selection_types_label(s, types, sizeof types);
	crime_month_label(s->month_from, from, sizeof from);
	crime_month_label(s->month_to, to, sizeof to);
	const char *in = s->level == CRIME_AREA_BOROUGH || s->level == CRIME_AREA_ALL ? "the borough" : s->area_name;
	if (!*s->month_from) snprintf(out, size, "%s in %s", types, in);
	else if (strcmp(s->month_from, s->month_to) == 0) snprintf(out, size, "%s in %s, %s", types, in, from);
	else snprintf(out, size, "%s in %s, %s to %s", types, in, from, to);
}

/* Lower-case letters and digits, other runs as one '-'. */
static size_t slug_append(char *out, size_t len, size_t size, const char *s)
{
	int dash = len > 0;
	for (; *s && len + 2 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c)) {
			if (dash && len) out[len++] = '-';
			out[len++] = (char)tolower(c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[len] = 0;
	return len;
}

void crime_selection_slug(const struct crime_selection *s, char *out, size_t size)
{
	size_t len = 0;
	out[0] = 0;
	if (s->ntypes == 0) len = slug_append(out, len, size, "all-crime");
	for (size_t i = 0; i < s->ntypes && i < 3; i++) len = slug_append(out, len, size, s->types[i]);
	len = slug_append(out, len, size, *s->area_code ? s->area_code : "borough");
	len = slug_append(out, len, size, s->month_from);
	slug_append(out, len, size, s->month_to);
}
