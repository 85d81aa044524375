/* Shared import machinery; see import_file.h. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <xxhash.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "analytics/import_file.h"
#include "db/db.h"
#include "model/audit.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/escape.h"
#include "util/xalloc.h"

/* ---- summary and problems ---- */

void import_summary_init(struct import_summary *s, const char *file, const char *kind)
{
	memset(s, 0, sizeof *s);
	snprintf(s->file, sizeof s->file, "%s", file);
	snprintf(s->kind, sizeof s->kind, "%s", kind);
}

void import_problem_add(struct import_summary *s, long line, int column, const char *column_name,
	const char *fmt, ...)
{
	s->problems_total++;
	if (s->nproblems == IMPORT_MAX_PROBLEMS) return;
	struct import_problem *p = &s->problems[s->nproblems++];
	p->line = line;
	p->column = column;
	snprintf(p->column_name, sizeof p->column_name, "%s", column_name ? column_name : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->reason, sizeof p->reason, fmt, ap);
	va_end(ap);
}

void import_summary_print(const struct import_summary *s, FILE *out, FILE *err)
{
	if (s->problems_total) {
		for (size_t i = 0; i < s->nproblems; i++) {
			const struct import_problem *p = &s->problems[i];
			fprintf(err, "%s", s->file);
			if (p->line) fprintf(err, ":%ld", p->line);
			if (p->column) fprintf(err, ": column %d", p->column);
			if (p->column_name[0]) fprintf(err, p->column ? " (%s)" : ": %s", p->column_name);
			fprintf(err, ": %s\n", p->reason);
		}
		if ((long long)s->nproblems < s->problems_total)
			fprintf(err, "%s: ... and %lld more problems\n", s->file, s->problems_total - (long long)s->nproblems);
		fprintf(err, "%s: rejected (%s): %lld problem%s; nothing was imported from this file\n", s->file,
			s->kind[0] ? s->kind : "unknown format", s->problems_total, s->problems_total == 1 ? "" : "s");
		return;
	}
	fprintf(out, "%s (%s): %lld rows read, %lld added, %lld already present, %lld without location, 0 rejected",
		s->file, s->kind, s->rows_read, s->rows_added, s->rows_present, s->rows_without_location);
	if (s->note[0]) fprintf(out, "; %s", s->note);
	if (s->earlier_import) fprintf(out, "; the same file was imported before (import %lld)", (long long)s->earlier_import);
	fputc('\n', out);
}

/* ---- source reader ---- */

struct import_source {
	XXH3_state_t *hash;   /* the fingerprint: XXH3-128 of every byte read */
	int fd;
	unsigned char last;
	long long bytes, size;
	int tty, drawn, last_permille;
	char name[40];
};

/* The CSV reader's read function: a block of the file, straight from the kernel (through
 * stdio a cookie stream reads 8 KB at a time, whatever its buffer). */
static long source_read(void *cookie, void *buf, size_t size)
{
	struct import_source *src = cookie;
	ssize_t n;
	do n = read(src->fd, buf, size); while (n < 0 && errno == EINTR);
	if (n > 0) {
		XXH3_128bits_update(src->hash, buf, (size_t)n);
		src->last = ((const unsigned char *)buf)[n - 1];
		src->bytes += n;
	}
	return n;
}

struct import_source *import_source_open(const char *path, char *err, size_t errsize)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errsize, "%s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errsize, "it is a directory");
		close(fd);
		return NULL;
	}
	struct import_source *src = xcalloc(1, sizeof *src);
	src->hash = XXH3_createState();
	if (!src->hash || XXH3_128bits_reset(src->hash) != XXH_OK) fatal("out of memory");
	src->fd = fd;
	src->size = S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
	src->tty = isatty(STDERR_FILENO);
	src->last_permille = -1;
	const char *base = strrchr(path, '/');
	snprintf(src->name, sizeof src->name, "%s", base ? base + 1 : path);
	return src;
}


void import_source_finish(struct import_source *src, char hex[65], int *ends_with_newline)
{
	/* XXH3-128 rather than a cryptographic hash: the fingerprint only recognises a file seen
	 * before (row keys decide what is added), and at 37 MB a BLAKE2b pass cost the reader
	 * thread a tenth of its time. Prefixed, so that fingerprints of other kinds never match. */
	XXH128_canonical_t out;
	XXH128_canonicalFromHash(&out, XXH3_128bits_digest(src->hash));
	int n = snprintf(hex, 65, "xxh3-128:");
	for (size_t i = 0; i < sizeof out.digest; i++) n += snprintf(hex + n, (size_t)(65 - n), "%02x", out.digest[i]);
	*ends_with_newline = src->bytes == 0 || src->last == '\n';
}

void import_source_progress(struct import_source *src, long long rows)
{
	if (!src->tty || (rows & 4095) != 0 || src->size <= 0) return;
	int permille = (int)(src->bytes * 1000 / src->size);
	if (permille == src->last_permille) return;
	src->last_permille = permille;
	char bar[31];
	int filled = permille * 30 / 1000;
	for (int i = 0; i < 30; i++) bar[i] = i < filled ? '#' : '.';
	bar[30] = 0;
	fprintf(stderr, "\r%-32.32s [%s] %3d%% %lld rows", src->name, bar, permille / 10, rows);
	fflush(stderr);
	src->drawn = 1;
}

void import_source_close(struct import_source *src)
{
	if (!src) return;
	if (src->drawn) fputs("\r\033[K", stderr);
	close(src->fd);
	XXH3_freeState(src->hash);
	free(src);
}

/* ---- CSV files ---- */

int import_csv_open(struct import_csv *ic, const char *path, struct import_summary *s)
{
	char err[512];
	ic->src = import_source_open(path, err, sizeof err);
	ic->csv = NULL;
	if (!ic->src) {
		import_problem_add(s, 0, 0, NULL, "cannot be read: %s", err);
		return -1;
	}
	ic->csv = csv_open_reader(source_read, ic->src, ',');
	return 0;
}

void import_csv_close(struct import_csv *ic, struct import_summary *s, char fingerprint[65])
{
	int newline_at_end;
	import_source_finish(ic->src, fingerprint, &newline_at_end);
	if (!newline_at_end)
		import_problem_add(s, csv_line(ic->csv), 0, NULL,
			"the file ends in the middle of a line: it looks truncated (a complete file ends with a line break)");
	csv_close(ic->csv);
	import_source_close(ic->src);
	ic->csv = NULL;
	ic->src = NULL;
}

static int header_name_equal(const char *field, const char *name)
{
	while (*field == ' ' || *field == '\t') field++;
	size_t n = strlen(field);
	while (n && (field[n - 1] == ' ' || field[n - 1] == '\t')) n--;
	return n == strlen(name) && strncasecmp(field, name, n) == 0;
}

int import_csv_column(const struct csv *csv, const char *spec)
{
	for (size_t i = 0; i < csv_count(csv); i++)
		if (header_name_equal(csv_field(csv, i), spec)) return (int)i;
	char *end;
	long n = strtol(spec, &end, 10);
	if (*spec && !*end && n >= 1 && (size_t)n <= csv_count(csv)) return (int)n - 1;
	return -1;
}

/* ---- field checks ---- */

const char *import_check_text(const char *s, size_t len)
{
	/* fast path: eight bytes at a time, none with the high bit set or zero -> plain ASCII */
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w & 0x8080808080808080ULL) || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) break;
	}
	for (; i < len; i++) if ((unsigned char)s[i] >= 0x80 || s[i] == 0) break;
	if (i == len) return NULL;
	if (strlen(s) != len) return "contains a NUL byte";
	if (!utf8_valid(s, len)) return "is not valid UTF-8 (is the file in another encoding, such as Windows-1252?)";
	return NULL;
}

/* Exact fast path for plain decimals such as -2.165432: with at most 15 significant digits
 * the digits form an exact integer and one division by an exact power of ten rounds
 * correctly, giving the same double as strtod. Returns -1 to send other text to strtod. */
static int parse_plain_decimal(const char *s, double *out)
{
	static const double POW10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	const char *p = s;
	int negative = *p == '-';
	if (*p == '-' || *p == '+') p++;
	uint64_t mantissa = 0;
	int digits = 0, decimals = 0, point = 0;
	for (; *p; p++) {
		if (*p == '.' && !point) { point = 1; continue; }
		if (*p < '0' || *p > '9') return -1;
		if (++digits > 15) return -1;
		mantissa = mantissa * 10 + (uint64_t)(*p - '0');
		decimals += point;
	}
	if (digits == 0) return -1;
	double v = (double)mantissa / POW10[decimals];
	*out = negative ? -v : v;
	return 0;
}

int import_parse_coordinate(const char *s, double lo, double hi, double *out, const char **why)
{
	double fast;
	if (parse_plain_decimal(s, &fast) == 0) {
		if (fast < lo || fast > hi) { *why = "is out of range"; return -1; }
		*out = fast;
		return 0;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end || errno == ERANGE || !isfinite(v)) { *why = "is not a number"; return -1; }
	if (v < lo || v > hi) { *why = "is out of range"; return -1; }
	*out = v;
	return 0;
}

/* The extent of police.uk data (England, Wales, Northern Ireland) with a margin. */
int import_in_uk(double lon, double lat)
{
	return lon >= -11.0 && lon <= 3.0 && lat >= 49.0 && lat <= 61.0;
}

int64_t import_record_begin(struct db *db, const char *kind, const char *path)
{
	const char *base = strrchr(path, '/');
	db_run(db, "INSERT INTO crime_import(kind, file_name, fingerprint, imported_at) VALUES(?,?,'',?)", "tti",
		kind, base ? base + 1 : path, clock_now());
	return db_last_insert_id(db);
}

void import_record_end(struct db *db, const struct actor *who, const struct import_summary *s,
	const char *fingerprint)
{
	db_run(db, "UPDATE crime_import SET fingerprint=?, rows_read=?, rows_added=?, rows_present=?, "
		"rows_without_location=? WHERE id=?", "tiiiii", fingerprint, (int64_t)s->rows_read,
		(int64_t)s->rows_added, (int64_t)s->rows_present, (int64_t)s->rows_without_location, s->import_id);
	char action[48], id[24], detail[160];
	snprintf(action, sizeof action, "import.%s", s->kind);
	snprintf(id, sizeof id, "%lld", (long long)s->import_id);
	snprintf(detail, sizeof detail, "rows_read=%lld added=%lld already_present=%lld without_location=%lld",
		s->rows_read, s->rows_added, s->rows_present, s->rows_without_location);
	audit_record(db, who, action, "crime_import", id, NULL, detail);
}

int64_t import_find_fingerprint(struct db *db, const char *kind, const char *fingerprint, int64_t except_id)
{
	return db_int(db, 0, "SELECT min(id) FROM crime_import WHERE kind=? AND fingerprint=? AND id<>?", "tti",
		kind, fingerprint, except_id);
}
