/* Helpers for the crime import and analytics unit tests: paths to the committed excerpts
 * (tests/data/crime) and the shared data (../shared/data), temporary files made from
 * edited copies of an excerpt, and line counting. Tests run from the repository root. */
#ifndef NESTGUARD_CRIME_TESTUTIL_H
#define NESTGUARD_CRIME_TESTUTIL_H
#include <stdio.h>
#include <sys/stat.h>
#include "testutil.h"
#include "analytics/import_file.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define CRIME_DATA "tests/data/crime/"
#define CRIME_CHESHIRE CRIME_DATA "2018-11-cheshire-street-excerpt.csv"
#define CRIME_LANCASHIRE CRIME_DATA "2018-11-lancashire-street-excerpt.csv"
#define CRIME_STOP_SEARCH CRIME_DATA "2019-06-greater-manchester-stop-and-search-excerpt.csv"

/* Whole file as a NUL-terminated string (caller frees); fails the test when unreadable. */
static inline char *crime_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
	fclose(f);
	if (len) *len = b.len;
	if (!b.data) buf_puts(&b, "");
	return buf_detach(&b);
}

/* Write LEN bytes to a new temporary file; returns its path (caller unlinks and frees). */
static inline char *crime_temp_file(const char *suffix, const char *data, size_t len)
{
	char *path = xmalloc(64);
	snprintf(path, 64, "/tmp/nestguard-crime-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static inline void crime_temp_remove(char *path)
{
	unlink(path);
	free(path);
}

/* Number of '\n' in S: with a header and a final line break, data rows + 1. */
static inline long crime_count_lines(const char *s)
{
	long n = 0;
	for (; *s; s++) n += *s == '\n';
	return n;
}

/* Replace every FROM in TEXT, in place, by TO, which has the same length. */
static inline void crime_replace_all(char *text, const char *from, const char *to)
{
	size_t n = strlen(from);
	assert_int_equal(strlen(to), n);
	for (char *p = text; (p = strstr(p, from)); p += n) memcpy(p, to, n);
}

/* True when S lists a problem at LINE (and COLUMN, unless negative) whose reason or column
 * name contains TEXT. */
static inline int crime_has_problem(const struct import_summary *s, long line, int column, const char *text)
{
	for (size_t i = 0; i < s->nproblems; i++) {
		const struct import_problem *p = &s->problems[i];
		if (p->line == line && (column < 0 || p->column == column)
			&& (strstr(p->reason, text) || strstr(p->column_name, text))) return 1;
	}
	return 0;
}

/* Copy of S with line LINE (1-based) replaced by REPLACEMENT (without its line break). */
static inline char *crime_replace_line(const char *s, long line, const char *replacement)
{
	struct buf b = BUF_INIT;
	long at = 1;
	const char *p = s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (at == line) buf_puts(&b, replacement);
		else buf_append(&b, p, len);
		if (nl) buf_putc(&b, '\n');
		p += len + (nl ? 1 : 0);
		at++;
	}
	return buf_detach(&b);
}

/* The text of line LINE (1-based) of S, without its line break (caller frees). */
static inline char *crime_line(const char *s, long line)
{
	for (long at = 1; at < line && s; at++) {
		s = strchr(s, '\n');
		if (s) s++;
	}
	assert_non_null(s);
	const char *nl = strchr(s, '\n');
	return xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
}

static inline int crime_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Path of the shared data file REL (under shared/data) in OUT: under $NESTGUARD_SHARED_DATA
 * when set (a missing directory there means: run without it), else ../shared/data (CI:
 * shared/ beside the clone) or ../../shared/data (a worktree one level further down).
 * Returns 0, or -1 when it is absent (the test then skips). */
static inline int crime_shared_path(const char *rel, char *out, size_t size)
{
	const char *env = getenv("NESTGUARD_SHARED_DATA");
	const char *prefixes[] = {env && *env ? env : "../shared/data", env && *env ? NULL : "../../shared/data"};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		if (!prefixes[i] || !*prefixes[i]) continue;
		snprintf(out, size, "%s/%s", prefixes[i], rel);
		if (crime_file_exists(out)) return 0;
	}
	return -1;
}

/* Count of rows in TABLE (a fixed name from the test). */
static inline long long crime_table_count(struct db *db, const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return db_int(db, -1, sql, "");
}

#endif
