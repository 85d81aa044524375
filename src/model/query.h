/* A SQL statement built in pieces with its bind values kept beside it, for queries whose
 * shape depends on the user's filters (the case list). Values are always bound, never
 * pasted into the text. */
#ifndef NESTGUARD_QUERY_H
#define NESTGUARD_QUERY_H
#include <stdint.h>
#include "util/buf.h"

struct db;
struct db_stmt;

#define QUERY_MAX_BINDS 160   /* a page of up to 100 case ids, and the filters */

struct query {
	struct buf sql;
	int count;
	struct {
		char type;          /* 'i' or 't' */
		int64_t i;
		char *t;            /* owned copy */
	} bind[QUERY_MAX_BINDS];
};

void query_init(struct query *q);
void query_free(struct query *q);
void query_sql(struct query *q, const char *text);       /* append SQL text (no user data) */
void query_int(struct query *q, int64_t v);               /* append "?" bound to V */
void query_text(struct query *q, const char *v);          /* append "?" bound to V */
/* Prepare the statement and bind every value. */
struct db_stmt *query_prepare(struct db *db, const struct query *q);

#endif
