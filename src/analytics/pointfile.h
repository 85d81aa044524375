/* Reading a point file for the analyse commands: a CSV with x/y coordinates and, as wanted,
 * a date column (Knox) or from/to date-time columns (aoristic). Columns are named by their
 * header text or by 1-based number; files may have no header. Any bad row stops the read with
 * the file, line, column and reason; nothing partial is returned. */
#ifndef NESTGUARD_POINTFILE_H
#define NESTGUARD_POINTFILE_H
#include <stddef.h>

struct pointfile_spec {
	const char *x, *y;         /* column name or number; NULL when not wanted */
	const char *date;          /* NULL when not wanted */
	const char *from, *to;     /* NULL when not wanted; an empty "to" field means no end time */
	const char *date_format;   /* strptime(3) format; NULL accepts ISO 8601
				    * YYYY-MM-DD[( |T)HH:MM[:SS]] */
	int no_header;             /* the first line is data */
	int lonlat;                /* x/y are WGS84 longitude/latitude: check their range and
				    * convert them to British National Grid metres */
};

struct pointfile {
	size_t n;
	double *x, *y;             /* NULL unless asked for */
	double *day;               /* days since 1970-01-01 (fractional with a time of day) */
	long long *from, *to;      /* seconds since 1970-01-01 00:00 of the wall clock as written */
	unsigned char *has_to;     /* 0 where the "to" field was empty */
};

/* Parses a date or date-time TEXT with FORMAT (NULL: ISO 8601 as above) into seconds since the
 * epoch, reading the wall-clock time as written (no time zone). Rejects impossible dates
 * such as 31/02/2019 and trailing text. Returns 0, or -1. */
int pointfile_parse_time(const char *text, const char *format, long long *seconds);

/* Reads PATH ("-" for standard input). Returns 0 and fills OUT (free with pointfile_free), or
 * -1 with a one-line message in ERR. */
int pointfile_read(const char *path, const struct pointfile_spec *spec, struct pointfile *out,
		   char *err, size_t errlen);
void pointfile_free(struct pointfile *pf);

#endif
