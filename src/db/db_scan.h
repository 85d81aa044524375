/* Connections for reading whole tables through once, split across threads (each thread with a
 * connection of its own, as the db layer requires): opened with a page cache fit for one pass,
 * and begun two at a time so that both read one snapshot, as one connection would. */
#ifndef NESTGUARD_DB_SCAN_H
#define NESTGUARD_DB_SCAN_H
#include <stddef.h>

struct db;

/* db_open() for a connection that reads each page once: a small page cache, reused, instead
 * of the usual large one that every page read fills (a fresh allocation and page fault per
 * page: ~15% of a 100,000-row scan). NULL on failure with a message in ERR. */
struct db *db_open_for_scan(const char *path, char *err, size_t errsize);

/* Begin read transactions (db_read_begin) on A and B, two connections to the same database
 * file, in which both see the same snapshot. 0 on success: end each with db_read_end().
 * -1 when commits by other connections kept arriving in between (a few tries): then neither
 * is left in a read transaction, and the caller reads on one connection instead. A and B must
 * not be in a transaction already (their snapshot would be older than this call). */
int db_read_begin_shared(struct db *a, struct db *b);

#endif
