/* Streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
 * inside quotes). Reads from a FILE* in blocks; never holds more than one record.
 * A UTF-8 byte-order mark at the start is skipped. Fields are NUL-terminated and valid
 * until the next csv_next() call. */
#ifndef NESTGUARD_CSV_H
#define NESTGUARD_CSV_H
#include <stddef.h>
#include <stdio.h>

struct csv;

enum csv_result { CSV_RECORD = 1, CSV_EOF = 0, CSV_ERROR = -1 };

struct csv *csv_open(FILE *f, char delimiter);   /* does not take ownership of F */
/* The same over a read function: READ(COOKIE, BUF, SIZE) returns the bytes it put in BUF,
 * 0 at the end, -1 on an error (read there as the end). */
typedef long (*csv_read_fn)(void *cookie, void *buf, size_t size);
struct csv *csv_open_reader(csv_read_fn read, void *cookie, char delimiter);
void csv_close(struct csv *c);
/* Read the next record. CSV_ERROR for an unterminated quote at end of file, or a
 * field/record over the limits (csv_error() says which). */
int csv_next(struct csv *c);
size_t csv_count(const struct csv *c);            /* fields in the current record */
/* 1 when every byte of the current record is known to be ASCII and none is NUL (so every
 * field is valid UTF-8 without a NUL); 0 when not, or not known. */
int csv_record_ascii(const struct csv *c);
const char *csv_field(const struct csv *c, size_t i); /* "" when i >= count */
size_t csv_field_len(const struct csv *c, size_t i);
long csv_line(const struct csv *c);               /* 1-based line where the record starts */
long long csv_bytes_read(const struct csv *c);    /* for progress reporting */
const char *csv_error(const struct csv *c);
/* Whether plain records (no quotes, whole in the reader's block) take the fast path that cuts
 * them in place (default on). Both paths give the same records; tests compare them. */
void csv_set_plain_path(struct csv *c, int on);
/* Limits (defaults: 1 MiB per record, 4096 fields). */
void csv_set_limits(struct csv *c, size_t max_record_bytes, size_t max_fields);

#endif
