/* Row chunk queue: a fixed pool of chunks circulating between two lists (empty and full),
 * each guarded by one mutex and a condition variable. Chunks keep their memory between
 * uses, so a steady import allocates nothing per row. */
#include <pthread.h>
#include <stdlib.h>
#include "analytics/row_queue.h"
#include "util/xalloc.h"

/* One chunk being filled, one being written, the others in hand to smooth out the pace: while
 * the database thread commits a file, the reader goes on filling chunks of the next. */
#define NCHUNKS 16

struct row_queue {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct row_chunk chunks[NCHUNKS];
	struct row_chunk *empty[NCHUNKS], *full[NCHUNKS];
	size_t nempty, full_head, nfull;     /* full is a ring: order is kept */
	size_t rows_per_chunk;
	int closed;
};

struct row_queue *row_queue_new(size_t record_size, size_t rows_per_chunk)
{
	struct row_queue *q = xcalloc(1, sizeof *q);
	if (pthread_mutex_init(&q->lock, NULL) || pthread_cond_init(&q->changed, NULL)) fatal("pthread init failed");
	q->rows_per_chunk = rows_per_chunk;
	for (size_t i = 0; i < NCHUNKS; i++) {
		q->chunks[i].rows = xmalloc(rows_per_chunk * record_size);   /* written before read */
		q->empty[q->nempty++] = &q->chunks[i];
	}
	return q;
}

void row_queue_free(struct row_queue *q)
{
	if (!q) return;
	for (size_t i = 0; i < NCHUNKS; i++) {
		free(q->chunks[i].rows);
		buf_free(&q->chunks[i].bytes);
	}
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->changed);
	free(q);
}

size_t row_queue_chunk_rows(const struct row_queue *q) { return q->rows_per_chunk; }

struct row_chunk *row_queue_take_empty(struct row_queue *q)
{
	pthread_mutex_lock(&q->lock);
	while (q->nempty == 0) pthread_cond_wait(&q->changed, &q->lock);
	struct row_chunk *c = q->empty[--q->nempty];
	pthread_mutex_unlock(&q->lock);
	c->nrows = 0;
	c->source = 0;
	c->last = 0;
	buf_reset(&c->bytes);
	return c;
}

void row_queue_put_full(struct row_queue *q, struct row_chunk *c)
{
	pthread_mutex_lock(&q->lock);
	q->full[(q->full_head + q->nfull++) % NCHUNKS] = c;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

void row_queue_close(struct row_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

struct row_chunk *row_queue_take_full(struct row_queue *q)
{
	pthread_mutex_lock(&q->lock);
	while (q->nfull == 0 && !q->closed) pthread_cond_wait(&q->changed, &q->lock);
	struct row_chunk *c = NULL;
	if (q->nfull) {
		c = q->full[q->full_head];
		q->full_head = (q->full_head + 1) % NCHUNKS;
		q->nfull--;
	}
	pthread_mutex_unlock(&q->lock);
	return c;
}

void row_queue_put_empty(struct row_queue *q, struct row_chunk *c)
{
	pthread_mutex_lock(&q->lock);
	q->empty[q->nempty++] = c;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}
