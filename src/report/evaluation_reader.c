/* Where the evaluation reads its rows (evaluation_scan.c counts them): the connection for the
 * cases, and the link rows -- the cases' exploitation types, and their interventions recorded
 * by the end of the period -- read into arrays. With a file database the link rows are read
 * on a thread of their own, on a second connection that shares the main thread's snapshot,
 * while the main thread reads the cases: on two cores the report then takes the time of the
 * longer half instead of the sum. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "db/db_scan.h"
#include "report/evaluation_internal.h"
#include "util/xalloc.h"

/* Rows (case id, other id) of SQL, with TO bound to its parameter when there is one, into a
 * growing array. */
static size_t read_pairs(struct db *db, const char *sql, const char *to, struct evaluation_link **out)
{
	size_t n = 0, cap = 4096;
	struct evaluation_link *list = xmalloc(cap * sizeof *list);
	struct db_stmt *st = to ? db_preparef(db, sql, "t", to) : db_prepare(db, sql);
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap *= 2;
			list = xrealloc(list, cap * sizeof *list);
		}
		list[n].case_id = db_column_int(st, 0);
		list[n].other = db_column_int(st, 1);
		n++;
	}
	db_finalize(st);
	*out = list;
	return n;
}

/* Both tables read whole: a range the planner can answer from an index has it walk the index
 * and look every row up in the table, several times slower for a period of years. */
static void read_links(struct evaluation_reader *r)
{
	r->type_count = read_pairs(r->link_db, "SELECT case_id, type_id FROM case_exploitation_type", NULL, &r->types);
	/* coalesce() keeps the comparison away from the index on (kind_id, occurred_on); filtering
	 * here rather than in C saves a column per row */
	r->intervention_count = read_pairs(r->link_db, "SELECT case_id, kind_id FROM case_intervention"
		" WHERE coalesce(occurred_on, '') <= ?", r->to, &r->interventions);
}

static void *links_thread(void *arg)
{
	struct evaluation_reader *r = arg;
	read_links(r);
	/* closing (freeing the page cache) here, while the main thread still counts */
	db_read_end(r->link_db);
	db_close(r->link_db);
	r->own[1] = r->link_db = NULL;
	return NULL;
}

/* A database that a second connection opens as the same one: a file, named. */
static int shareable(struct db *db)
{
	const char *path = db_path(db);
	if (!path || !*path || strcmp(path, ":memory:") == 0 || db_in_transaction(db)) return 0;
	const char *env = getenv("NESTGUARD_EVALUATION_ONE_CONNECTION");   /* tests compare both ways */
	return !(env && *env && strcmp(env, "0") != 0);
}

void evaluation_reader_begin(struct evaluation_reader *r, struct db *db, const char *to)
{
	memset(r, 0, sizeof *r);
	r->to = to;
	r->db = r->link_db = db;
	if (!shareable(db)) return;
	char err[256];
	struct db *mine = db_open_for_scan(db_path(db), err, sizeof err);
	struct db *links = mine ? db_open_for_scan(db_path(db), err, sizeof err) : NULL;
	if (links && db_read_begin_shared(mine, links) == 0) {
		r->own[0] = r->db = mine;
		r->own[1] = r->link_db = links;
		if (pthread_create(&r->thread, NULL, links_thread, r) == 0) {
			r->threaded = 1;
			return;
		}
		r->db = r->link_db = db;
		r->own[0] = r->own[1] = NULL;
		db_read_end(links);
		db_read_end(mine);
	}
	/* no second connection or thread: everything on the caller's connection, in order */
	db_close(links);
	db_close(mine);
}

void evaluation_reader_links(struct evaluation_reader *r)
{
	if (r->threaded) {
		if (pthread_join(r->thread, NULL) != 0) fatal("cannot join the evaluation's reader thread");
		r->threaded = 0;
	} else if (!r->types) {
		read_links(r);
	}
}

void evaluation_reader_end(struct evaluation_reader *r)
{
	evaluation_reader_links(r);
	if (r->own[0]) db_read_end(r->own[0]);
	db_close(r->own[0]);
	db_close(r->own[1]);
	free(r->types);
	free(r->interventions);
	memset(r, 0, sizeof *r);
}
