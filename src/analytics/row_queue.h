/* A bounded queue of row chunks from a reader thread (parsing and checking a file) to the
 * thread that writes them to the database, so the two halves of an import run on two
 * cores. A chunk holds up to ROWS fixed-size records and a byte buffer for their text. */
#ifndef NESTGUARD_ROW_QUEUE_H
#define NESTGUARD_ROW_QUEUE_H
#include <stddef.h>
#include "util/buf.h"

struct row_chunk {
	void *rows;          /* nrows records of the queue's record size */
	size_t nrows;
	struct buf bytes;    /* text the records point into by offset */
	size_t source;       /* the file (or other source) the rows are from */
	int last;            /* the source's last chunk */
};

struct row_queue;

struct row_queue *row_queue_new(size_t record_size, size_t rows_per_chunk);
void row_queue_free(struct row_queue *q);
size_t row_queue_chunk_rows(const struct row_queue *q);

/* Reader side: an empty chunk to fill (waits while every chunk is full), then hand it on. */
struct row_chunk *row_queue_take_empty(struct row_queue *q);
void row_queue_put_full(struct row_queue *q, struct row_chunk *c);
/* No more chunks will come. */
void row_queue_close(struct row_queue *q);

/* Writer side: the next full chunk in order (waits), or NULL once the queue is closed and
 * drained; give it back when done. */
struct row_chunk *row_queue_take_full(struct row_queue *q);
void row_queue_put_empty(struct row_queue *q, struct row_chunk *c);

#endif
