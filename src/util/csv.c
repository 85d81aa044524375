/* CSV reader: a small state machine over a block buffer. Field text is collected in one
 * growing record buffer; field starts are offsets into it, turned into pointers at the end
 * of the record (the buffer may move while it grows). Most records need none of that: a
 * record that lies whole in the block and holds no quote is cut into fields where it lies
 * (the plain path). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/csv.h"
#include "util/xalloc.h"

#define CSV_BLOCK 65536

struct csv {
	csv_read_fn read;
	void *cookie;
	char delim;
	unsigned char block[CSV_BLOCK];
	size_t block_len, block_pos;
	int eof;
	char *rec; size_t rec_len, rec_cap;
	size_t *starts; size_t *lens; size_t nfields, cap_fields;
	const char **fields;          /* the current record's fields */
	int plain_ascii;              /* the record took the plain path and is all ASCII, no NUL */
	int plain_path;               /* try the plain path (csv_set_plain_path) */
	long line, next_line;
	long long bytes;
	size_t max_record, max_fields;
	const char *err;
	int started;
	unsigned char special[256];   /* bytes the fast path stops at */
};

/* csv_open()'s read function: stdio's. */
static long read_stream(void *cookie, void *buf, size_t size)
{
	FILE *f = cookie;
	size_t n = fread(buf, 1, size, f);
	return n ? (long)n : ferror(f) ? -1 : 0;
}

struct csv *csv_open(FILE *f, char delimiter)
{
	return csv_open_reader(read_stream, f, delimiter);
}

struct csv *csv_open_reader(csv_read_fn read, void *cookie, char delimiter)
{
	struct csv *c = xcalloc(1, sizeof *c);
	c->read = read;
	c->cookie = cookie;
	c->delim = delimiter ? delimiter : ',';
	c->next_line = 1;
	c->max_record = 1 << 20;
	c->max_fields = 4096;
	c->plain_path = 1;
	return c;
}

void csv_close(struct csv *c)
{
	if (!c) return;
	free(c->rec);
	free(c->starts);
	free(c->lens);
	free(c->fields);
	free(c);
}

void csv_set_limits(struct csv *c, size_t max_record_bytes, size_t max_fields)
{
	c->max_record = max_record_bytes;
	c->max_fields = max_fields;
}

static int next_byte(struct csv *c)
{
	/* a loop: a block holding only the byte-order mark leaves nothing to return yet */
	while (c->block_pos == c->block_len) {
		if (c->eof) return EOF;
		long n = c->read(c->cookie, c->block, sizeof c->block);
		c->block_len = n > 0 ? (size_t)n : 0;
		c->block_pos = 0;
		if (c->block_len == 0) { c->eof = 1; return EOF; }
		if (!c->started) {
			c->started = 1;
			if (c->block_len >= 3 && memcmp(c->block, "\xEF\xBB\xBF", 3) == 0) {
				c->block_pos = 3;
				c->bytes += 3;
			}
		}
	}
	c->bytes++;
	return c->block[c->block_pos++];
}

static int peek_byte(struct csv *c)
{
	int ch = next_byte(c);
	if (ch != EOF) { c->block_pos--; c->bytes--; }
	return ch;
}

static int put(struct csv *c, int ch)
{
	if (c->rec_len + 2 > c->max_record) { c->err = "record too long"; return -1; }
	if (c->rec_len + 2 > c->rec_cap) {
		c->rec_cap = c->rec_cap ? c->rec_cap * 2 : 1024;
		c->rec = xrealloc(c->rec, c->rec_cap);
	}
	c->rec[c->rec_len++] = (char)ch;
	return 0;
}

void csv_set_plain_path(struct csv *c, int on) { c->plain_path = on; }

/* Room for one more field. */
static void grow_fields(struct csv *c)
{
	if (c->nfields < c->cap_fields) return;
	c->cap_fields = c->cap_fields ? c->cap_fields * 2 : 32;
	c->starts = xrealloc(c->starts, c->cap_fields * sizeof *c->starts);
	c->lens = xrealloc(c->lens, c->cap_fields * sizeof *c->lens);
	c->fields = xrealloc(c->fields, c->cap_fields * sizeof *c->fields);
}

static int end_field(struct csv *c, size_t start)
{
	if (c->nfields == c->max_fields) { c->err = "too many fields"; return -1; }
	grow_fields(c);
	c->starts[c->nfields] = start;
	c->lens[c->nfields] = c->rec_len - start;
	c->nfields++;
	return put(c, 0);
}

/* Append N ordinary bytes at once (the fast path's copy). */
static int append(struct csv *c, const unsigned char *p, size_t n)
{
	if (c->rec_len + n + 1 > c->max_record) { c->err = "record too long"; return -1; }
	if (c->rec_len + n + 1 > c->rec_cap) {
		while (c->rec_len + n + 1 > c->rec_cap) c->rec_cap = c->rec_cap ? c->rec_cap * 2 : 1024;
		c->rec = xrealloc(c->rec, c->rec_cap);
	}
	memcpy(c->rec + c->rec_len, p, n);
	c->rec_len += n;
	return 0;
}

/* What a plain-path scan needs to know of 16 bytes of a record: a bit per byte (bit k for
 * byte k) for line feeds, delimiters, quotes, and bytes that are not plain ASCII (>= 0x80 or
 * NUL). N (at most 16) bytes are valid. */
struct scan16 {
	unsigned newline, delim, quote, unusual;
};

#if defined(__SSE2__)
#include <emmintrin.h>
static struct scan16 scan16(const unsigned char *p, size_t n, unsigned char delim)
{
	unsigned char tmp[16];
	if (n < 16) {
		memset(tmp, '\n', sizeof tmp);   /* past the end: nothing but line ends, masked below */
		memcpy(tmp, p, n);
		p = tmp;
	}
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	unsigned valid = n < 16 ? (1u << n) - 1 : 0xffffu;
	struct scan16 r;
	r.newline = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))) & valid;
	r.delim = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)delim))) & valid;
	r.quote = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"'))) & valid;
	r.unusual = ((unsigned)_mm_movemask_epi8(v) | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())))
		& valid;
	return r;
}
#else
static struct scan16 scan16(const unsigned char *p, size_t n, unsigned char delim)
{
	struct scan16 r = {0, 0, 0, 0};
	for (size_t k = 0; k < n; k++) {
		r.newline |= (unsigned)(p[k] == '\n') << k;
		r.delim |= (unsigned)(p[k] == delim) << k;
		r.quote |= (unsigned)(p[k] == '"') << k;
		r.unusual |= (unsigned)(p[k] >= 0x80 || p[k] == 0) << k;
	}
	return r;
}
#endif

/* The plain path: when the next record ends in the block with a line feed and holds no quote,
 * cut it into fields in the block itself -- a NUL over each delimiter and the line end (a
 * carriage return just before the line feed is part of the line end; any other one is text,
 * as in the state machine) -- and return 1. Returns 0, having changed nothing, for any other
 * record, and for one over the limits: the state machine then reads it (and reports what is
 * wrong with it). One pass over the record, 16 bytes at a time, finds the line end, the
 * delimiters, any quote, and any byte that is not plain ASCII. */
static int next_plain_record(struct csv *c)
{
	unsigned char *p = c->block + c->block_pos;
	size_t avail = c->block_len - c->block_pos;
	unsigned unusual = 0;
	size_t nfields = 0, start = 0, end = 0;
	int found = 0;
	for (size_t i = 0; i < avail && !found; i += 16) {
		struct scan16 m = scan16(p + i, avail - i < 16 ? avail - i : 16, (unsigned char)c->delim);
		unsigned before = m.newline ? (m.newline & -m.newline) - 1 : 0xffffu;   /* bytes before the line end */
		if (m.quote & before) return 0;
		unusual |= m.unusual & before;
		for (unsigned d = m.delim & before; d; d &= d - 1) {
			size_t at = i + (size_t)__builtin_ctz(d);
			if (nfields + 1 >= c->max_fields) return 0;   /* this field and the last one */
			grow_fields(c);
			c->fields[nfields] = (const char *)p + start;
			c->lens[nfields++] = at - start;
			start = at + 1;
		}
		if (m.newline) {
			end = i + (size_t)__builtin_ctz(m.newline);
			found = 1;
		}
	}
	if (!found) return 0;
	size_t len = end;
	if (len && p[len - 1] == '\r') len--;
	/* the state machine's record buffer holds the fields and a NUL after each, and one byte spare */
	if (len + 2 > c->max_record) return 0;
	if (start > len) return 0;   /* a delimiter just before the carriage return: "a,\r\n" */
	grow_fields(c);
	c->fields[nfields] = (const char *)p + start;
	c->lens[nfields++] = len - start;
	for (size_t k = 0; k < nfields; k++) ((char *)c->fields[k])[c->lens[k]] = 0;
	c->nfields = nfields;
	c->plain_ascii = unusual == 0;
	c->block_pos += end + 1;
	c->bytes += (long long)(end + 1);
	c->next_line++;
	return 1;
}

/* The state machine: any record, byte by byte past the runs of ordinary bytes. */
static int next_record(struct csv *c)
{
	c->rec_len = 0;
	c->nfields = 0;
	c->plain_ascii = 0;
	c->err = NULL;
	c->line = c->next_line;
	if (peek_byte(c) == EOF) return CSV_EOF;
	if (c->plain_path && next_plain_record(c)) return CSV_RECORD;
	if (!c->special[(unsigned char)c->delim]) {
		c->special['\n'] = c->special['\r'] = c->special['"'] = 1;
		c->special[(unsigned char)c->delim] = 1;
	}
	size_t start = 0;
	int quoted = 0, was_quoted = 0;
	for (;;) {
		if (!quoted) {
			/* Fast path: copy the run of bytes that are not a delimiter, quote or line end
			 * straight from the block; the state machine below sees only the special ones. */
			size_t p = c->block_pos, q = p;
			while (q < c->block_len && !c->special[c->block[q]]) q++;
			if (q > p) {
				if (append(c, c->block + p, q - p)) return CSV_ERROR;
				c->bytes += (long long)(q - p);
				c->block_pos = q;
			}
		}
		int ch = next_byte(c);
		if (quoted) {
			if (ch == EOF) { c->err = "unterminated quoted field at end of file"; return CSV_ERROR; }
			if (ch == '"') {
				if (peek_byte(c) == '"') { next_byte(c); if (put(c, '"')) return CSV_ERROR; }
				else quoted = 0;
			} else {
				if (ch == '\n') c->next_line++;
				if (put(c, ch)) return CSV_ERROR;
			}
		} else if (ch == '"' && c->rec_len == start && !was_quoted) {
			quoted = was_quoted = 1;
		} else if (ch == c->delim) {
			if (end_field(c, start)) return CSV_ERROR;
			start = c->rec_len;
			was_quoted = 0;
		} else if (ch == '\n' || ch == EOF) {
			if (ch == '\n') c->next_line++;
			if (end_field(c, start)) return CSV_ERROR;
			/* the record buffer no longer moves: point at the fields */
			for (size_t i = 0; i < c->nfields; i++) c->fields[i] = c->rec + c->starts[i];
			return CSV_RECORD;
		} else if (ch == '\r') {
			if (peek_byte(c) != '\n' && put(c, ch)) return CSV_ERROR;
		} else {
			if (put(c, ch)) return CSV_ERROR;
		}
	}
}

int csv_next(struct csv *c)
{
	int rc = next_record(c);
	if (rc == CSV_ERROR) c->nfields = 0;   /* the fields so far may point anywhere */
	return rc;
}

size_t csv_count(const struct csv *c) { return c->nfields; }
int csv_record_ascii(const struct csv *c) { return c->plain_ascii; }

const char *csv_field(const struct csv *c, size_t i)
{
	return i < c->nfields ? c->fields[i] : "";
}

size_t csv_field_len(const struct csv *c, size_t i)
{
	return i < c->nfields ? c->lens[i] : 0;
}

long csv_line(const struct csv *c) { return c->line; }
long long csv_bytes_read(const struct csv *c) { return c->bytes; }
const char *csv_error(const struct csv *c) { return c->err ? c->err : ""; }
