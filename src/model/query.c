/* Query builder: SQL text plus bind values. */
#include <stdlib.h>
#include "db/db.h"
#include "model/query.h"
#include "util/xalloc.h"

void query_init(struct query *q)
{
	buf_init(&q->sql);
	q->count = 0;
}

void query_free(struct query *q)
{
	for (int i = 0; i < q->count; i++) free(q->bind[i].t);
	buf_free(&q->sql);
	q->count = 0;
}

void query_sql(struct query *q, const char *text)
{
	buf_puts(&q->sql, text);
}

static void add_bind(struct query *q, char type, int64_t i, const char *t)
{
	if (q->count >= QUERY_MAX_BINDS) fatal("query has more than %d bind values", QUERY_MAX_BINDS);
	q->bind[q->count].type = type;
	q->bind[q->count].i = i;
	q->bind[q->count].t = t ? xstrdup(t) : NULL;
	q->count++;
	buf_putc(&q->sql, '?');
}

void query_int(struct query *q, int64_t v) { add_bind(q, 'i', v, NULL); }
void query_text(struct query *q, const char *v) { add_bind(q, 't', 0, v); }

struct db_stmt *query_prepare(struct db *db, const struct query *q)
{
	struct db_stmt *st = db_prepare(db, buf_str(&q->sql));
	for (int i = 0; i < q->count; i++) {
		if (q->bind[i].type == 'i') db_bind_int(st, i + 1, q->bind[i].i);
		else db_bind_text(st, i + 1, q->bind[i].t);
	}
	return st;
}
