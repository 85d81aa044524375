/* Point file reader for the analyse commands, on top of the streaming CSV reader. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "analytics/pointfile.h"
#include "analytics/projection.h"
#include "util/csv.h"
#include "util/xalloc.h"

enum { COL_X, COL_Y, COL_DATE, COL_FROM, COL_TO, COLS };
static const char *const col_role[COLS] = {"x", "y", "date", "from", "to"};

static int only_space(const char *s)
{
	while (*s && isspace((unsigned char)*s)) s++;
	return *s == 0;
}

static int parse_with(const char *text, const char *format, struct tm *tm)
{
	memset(tm, 0, sizeof *tm);
	tm->tm_mday = 1;  /* formats without a day of the month mean the first */
	const char *end = strptime(text, format, tm);
	return end && only_space(end) ? 0 : -1;
}

int pointfile_parse_time(const char *text, const char *format, long long *seconds)
{
	static const char *const iso[] = {
		"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", NULL
	};
	while (isspace((unsigned char)*text)) text++;
	if (!*text) return -1;
	struct tm tm;
	int ok = -1;
	if (format) ok = parse_with(text, format, &tm);
	else
		for (int i = 0; iso[i] && ok != 0; i++) ok = parse_with(text, iso[i], &tm);
	if (ok != 0) return -1;
	struct tm asked = tm;
	time_t t = timegm(&tm);
	/* timegm normalises 31 February to 3 March: an impossible date comes back changed. */
	if (tm.tm_year != asked.tm_year || tm.tm_mon != asked.tm_mon || tm.tm_mday != asked.tm_mday ||
	    tm.tm_hour != asked.tm_hour || tm.tm_min != asked.tm_min)
		return -1;
	*seconds = (long long)t;
	return 0;
}

static int parse_number(const char *text, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(text, &end);
	if (end == text || !only_space(end) || errno == ERANGE || !isfinite(*v)) return -1;
	return 0;
}

static int is_number(const char *s)
{
	if (!*s) return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s)) return 0;
	return 1;
}

/* Moves *S past leading white space and returns the length without trailing white space. */
static size_t trimmed(const char **s)
{
	while (isspace((unsigned char)**s)) (*s)++;
	size_t len = strlen(*s);
	while (len && isspace((unsigned char)(*s)[len - 1])) len--;
	return len;
}

/* Column index (0-based) of SPEC: a 1-based number, else a header name (exact, then ignoring
 * case and surrounding spaces). Returns -1 with ERR when there is no such column. */
static long resolve_column(const char *spec, const char *role, struct csv *header, const char *path,
			   char *err, size_t errlen)
{
	if (is_number(spec)) {
		long k = strtol(spec, NULL, 10);
		if (k < 1 || k > 4096) {
			snprintf(err, errlen, "--%s %s: column numbers start at 1", role, spec);
			return -1;
		}
		return k - 1;
	}
	if (!header) {
		snprintf(err, errlen, "--%s '%s': a file without a header needs column numbers (1, 2, ...)",
			 role, spec);
		return -1;
	}
	for (size_t i = 0; i < csv_count(header); i++)
		if (strcmp(csv_field(header, i), spec) == 0) return (long)i;
	const char *want = spec;
	size_t want_len = trimmed(&want);
	for (size_t i = 0; i < csv_count(header); i++) {
		const char *h = csv_field(header, i);
		size_t len = trimmed(&h);
		if (len == want_len && strncasecmp(h, want, len) == 0) return (long)i;
	}
	snprintf(err, errlen, "%s: the header has no column '%s' (for --%s)", path, spec, role);
	return -1;
}

static void grow(void **p, size_t size, size_t cap)
{
	*p = xrealloc(*p, size * cap);
}

int pointfile_read(const char *path, const struct pointfile_spec *spec, struct pointfile *out,
		   char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	const char *want[COLS] = {spec->x, spec->y, spec->date, spec->from, spec->to};
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct csv *csv = csv_open(f, ',');
	long col[COLS];
	int rc = -1, header_read = 0;
	if (!spec->no_header) {
		int r = csv_next(csv);
		if (r == CSV_ERROR) {
			snprintf(err, errlen, "%s line %ld: %s", path, csv_line(csv), csv_error(csv));
			goto done;
		}
		if (r == CSV_EOF) {
			snprintf(err, errlen, "%s: the file is empty (expected a header line)", path);
			goto done;
		}
		header_read = 1;
	}
	for (int k = 0; k < COLS; k++) {
		col[k] = -1;
		if (want[k] && (col[k] = resolve_column(want[k], col_role[k], header_read ? csv : NULL,
							path, err, errlen)) < 0)
			goto done;
	}
	size_t cap = 0;
	for (;;) {
		int r = csv_next(csv);
		if (r == CSV_EOF) break;
		if (r == CSV_ERROR) {
			snprintf(err, errlen, "%s line %ld: %s", path, csv_line(csv), csv_error(csv));
			goto done;
		}
		if (csv_count(csv) == 1 && csv_field_len(csv, 0) == 0) continue;  /* blank line */
		if (out->n == cap) {
			cap = cap ? cap * 2 : 1024;
			if (want[COL_X]) grow((void **)&out->x, sizeof *out->x, cap);
			if (want[COL_Y]) grow((void **)&out->y, sizeof *out->y, cap);
			if (want[COL_DATE]) grow((void **)&out->day, sizeof *out->day, cap);
			if (want[COL_FROM]) grow((void **)&out->from, sizeof *out->from, cap);
			if (want[COL_TO]) {
				grow((void **)&out->to, sizeof *out->to, cap);
				grow((void **)&out->has_to, sizeof *out->has_to, cap);
			}
		}
		size_t i = out->n;
		for (int k = 0; k < COLS; k++) {
			if (col[k] < 0) continue;
			if ((size_t)col[k] >= csv_count(csv)) {
				snprintf(err, errlen, "%s line %ld: %zu fields, but --%s is column %ld",
					 path, csv_line(csv), csv_count(csv), col_role[k], col[k] + 1);
				goto done;
			}
			const char *text = csv_field(csv, (size_t)col[k]);
			double v;
			long long secs;
			switch (k) {
			case COL_X:
			case COL_Y:
				if (parse_number(text, &v)) {
					snprintf(err, errlen, "%s line %ld, column %ld (%s): '%.40s' is not a number",
						 path, csv_line(csv), col[k] + 1, col_role[k], text);
					goto done;
				}
				(k == COL_X ? out->x : out->y)[i] = v;
				break;
			case COL_TO:
				if (only_space(text)) {
					out->has_to[i] = 0;
					out->to[i] = 0;
					break;
				}
				/* fall through */
			case COL_DATE:
			case COL_FROM:
				if (pointfile_parse_time(text, spec->date_format, &secs)) {
					snprintf(err, errlen, "%s line %ld, column %ld (%s): '%.40s' is not a date%s%s",
						 path, csv_line(csv), col[k] + 1, col_role[k], text,
						 spec->date_format ? " in the format " : " (expected YYYY-MM-DD[ HH:MM[:SS]]"
						 " or give --date-format)", spec->date_format ? spec->date_format : "");
					goto done;
				}
				if (k == COL_DATE) out->day[i] = (double)secs / 86400.0;
				else if (k == COL_FROM) out->from[i] = secs;
				else {
					out->to[i] = secs;
					out->has_to[i] = 1;
				}
				break;
			}
		}
		if (spec->lonlat && want[COL_X] && want[COL_Y]) {
			double lon = out->x[i], lat = out->y[i];
			if (projection_wgs84_to_bng(lon, lat, &out->x[i], &out->y[i]) != 0) {
				snprintf(err, errlen, "%s line %ld: longitude %.10g, latitude %.10g is not a place on Earth",
					 path, csv_line(csv), lon, lat);
				goto done;
			}
		}
		out->n++;
	}
	rc = 0;
done:
	csv_close(csv);
	if (f != stdin) fclose(f);
	if (rc) pointfile_free(out);
	return rc;
}

void pointfile_free(struct pointfile *pf)
{
	free(pf->x);
	free(pf->y);
	free(pf->day);
	free(pf->from);
	free(pf->to);
	free(pf->has_to);
	memset(pf, 0, sizeof *pf);
}
