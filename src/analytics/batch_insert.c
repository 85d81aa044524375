/* Batched multi-row inserts; see batch_insert.h. Values are kept as a flat array of typed
 * cells; text and blobs are copied into one byte buffer and bound without another copy
 * at flush time, when that buffer no longer moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/batch_insert.h"
#include "db/db.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* 128 rows per statement: most of the gain of batching, and at 15-20 columns a statement of
 * a few thousand parameters stays below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
#define ROWS_PER_BATCH 128

enum cell_type { CELL_NULL, CELL_INT, CELL_DOUBLE, CELL_TEXT, CELL_BLOB };

struct cell {
	enum cell_type type;
	union { int64_t i; double d; struct { size_t off, len; } bytes; } v;
};

struct batch_insert {
	struct db *db;
	int ncolumns;
	struct db_stmt *full;      /* batch_rows rows */
	struct db_stmt *single;    /* one row, for the remainder */
	struct cell *cells;        /* batch_rows * ncolumns */
	size_t ncells;             /* cells filled */
	size_t rows;               /* complete rows held */
	size_t batch_rows;         /* rows per full statement */
	struct buf bytes;
};

static struct db_stmt *prepare_rows(struct db *db, const char *table, const char *columns, int ncolumns, int rows)
{
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "INSERT INTO %s(%s) VALUES", table, columns);
	for (int r = 0; r < rows; r++) {
		buf_puts(&sql, r ? ",(" : "(");
		for (int c = 0; c < ncolumns; c++) buf_puts(&sql, c ? ",?" : "?");
		buf_putc(&sql, ')');
	}
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	buf_free(&sql);
	return st;
}

struct batch_insert *batch_insert_new(struct db *db, const char *table, const char *columns, int ncolumns)
{
	struct batch_insert *b = xcalloc(1, sizeof *b);
	b->db = db;
	b->ncolumns = ncolumns;
	/* a very wide table gets fewer rows per statement, to stay under the parameter limit */
	b->batch_rows = ROWS_PER_BATCH;
	while (b->batch_rows > 1 && b->batch_rows * (size_t)ncolumns > 30000) b->batch_rows /= 2;
	b->full = prepare_rows(db, table, columns, ncolumns, (int)b->batch_rows);
	b->single = prepare_rows(db, table, columns, ncolumns, 1);
	b->cells = xcalloc(b->batch_rows * ncolumns, sizeof *b->cells);
	return b;
}

static struct cell *next_cell(struct batch_insert *b)
{
	if (b->ncells >= (b->rows + 1) * (size_t)b->ncolumns) fatal("batch insert: too many values in a row");
	return &b->cells[b->ncells++];
}

void batch_int(struct batch_insert *b, int64_t v)
{
	struct cell *c = next_cell(b);
	c->type = CELL_INT;
	c->v.i = v;
}

void batch_double(struct batch_insert *b, double v)
{
	struct cell *c = next_cell(b);
	c->type = CELL_DOUBLE;
	c->v.d = v;
}

static void add_bytes(struct batch_insert *b, enum cell_type type, const void *p, size_t len)
{
	struct cell *c = next_cell(b);
	c->type = type;
	c->v.bytes.off = b->bytes.len;
	c->v.bytes.len = len;
	buf_append(&b->bytes, p, len);
}

void batch_text(struct batch_insert *b, const char *s, size_t len) { add_bytes(b, CELL_TEXT, s, len); }
void batch_blob(struct batch_insert *b, const void *p, size_t len) { add_bytes(b, CELL_BLOB, p, len); }

void batch_null(struct batch_insert *b)
{
	next_cell(b)->type = CELL_NULL;
}

static void bind_cells(struct batch_insert *b, struct db_stmt *st, const struct cell *cells, size_t n)
{
	const char *base = b->bytes.data ? b->bytes.data : "";
	for (size_t i = 0; i < n; i++) {
		int idx = (int)i + 1;
		const struct cell *c = &cells[i];
		switch (c->type) {
		case CELL_NULL: db_bind_null(st, idx); break;
		case CELL_INT: db_bind_int(st, idx, c->v.i); break;
		case CELL_DOUBLE: db_bind_double(st, idx, c->v.d); break;
		case CELL_TEXT: db_bind_textn_static(st, idx, base + c->v.bytes.off, c->v.bytes.len); break;
		case CELL_BLOB: db_bind_blob_static(st, idx, base + c->v.bytes.off, c->v.bytes.len); break;
		}
	}
}

static void run(struct db_stmt *st)
{
	if (db_step(st) != DB_DONE) fatal("batch insert: unexpected constraint failure");
	db_rewind(st);   /* every parameter is bound again before the next step */
}

void batch_row_end(struct batch_insert *b)
{
	if (b->ncells != (b->rows + 1) * (size_t)b->ncolumns) fatal("batch insert: row has too few values");
	if (++b->rows < b->batch_rows) return;
	bind_cells(b, b->full, b->cells, b->ncells);
	run(b->full);
	b->rows = b->ncells = 0;
	buf_reset(&b->bytes);
}

void batch_flush(struct batch_insert *b)
{
	if (b->ncells != b->rows * (size_t)b->ncolumns) fatal("batch insert: flush inside a row");
	for (size_t r = 0; r < b->rows; r++) {
		bind_cells(b, b->single, b->cells + r * b->ncolumns, (size_t)b->ncolumns);
		run(b->single);
	}
	b->rows = b->ncells = 0;
	buf_reset(&b->bytes);
}

void batch_insert_free(struct batch_insert *b)
{
	if (!b) return;
	batch_flush(b);
	db_finalize(b->full);
	db_finalize(b->single);
	free(b->cells);
	buf_free(&b->bytes);
	free(b);
}
