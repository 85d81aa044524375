/* Shared by the files that compute the evaluation (evaluation.c, evaluation_scan.c,
 * evaluation_reader.c). */
#ifndef NESTGUARD_EVALUATION_INTERNAL_H
#define NESTGUARD_EVALUATION_INTERNAL_H
#include <pthread.h>
#include <stdint.h>
#include "report/evaluation.h"

struct db;

/* Count every figure of EV's period (totals, months' referrals, agencies, types, outcomes,
 * interventions, areas, wards) in one pass per table. EV's months must be laid out already. */
void evaluation_scan(struct db *db, struct evaluation *ev);
/* qsort comparison of wards by name. */
int evaluation_ward_by_name(const void *a, const void *b);

/* A link row: a case and an exploitation type, or a case and an intervention kind. */
struct evaluation_link {
	int64_t case_id, other;
};

/* Where evaluation_scan() reads: DB for the cases and the small lists; the link rows from
 * LINK_DB, on a thread of its own when THREADED (evaluation_reader.c). */
struct evaluation_reader {
	struct db *db, *link_db;
	struct db *own[2];            /* connections opened for this scan, or NULL */
	const char *to;
	pthread_t thread;
	int threaded;
	struct evaluation_link *types, *interventions;   /* filled by evaluation_reader_links() */
	size_t type_count, intervention_count;
};

/* Start reading for a period ending on TO (kept by reference) from DB: with a file database
 * not in a write transaction, two new connections sharing one snapshot, the link rows read
 * on a thread of their own; otherwise everything on DB, in order. */
void evaluation_reader_begin(struct evaluation_reader *r, struct db *db, const char *to);
/* The link rows: the types of every case and the interventions recorded on or before TO. */
void evaluation_reader_links(struct evaluation_reader *r);
/* Wait for the thread, close what was opened, free the rows. */
void evaluation_reader_end(struct evaluation_reader *r);

#endif
