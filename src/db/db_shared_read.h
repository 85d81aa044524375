/* Two connections reading one snapshot: for work split across threads (each thread with a
 * connection of its own, as the db layer requires) that must see the database as it was at
 * one moment, as if it had been read on one connection in one read transaction. */
#ifndef NESTGUARD_DB_SHARED_READ_H
#define NESTGUARD_DB_SHARED_READ_H

struct db;

/* Begin read transactions (db_read_begin) on A and B, two connections to the same database
 * file, in which both see the same snapshot. 0 on success: end each with db_read_end().
 * -1 when commits by other connections kept arriving in between (a few tries): then neither
 * is left in a read transaction, and the caller reads on one connection instead. A and B must
 * not be in a transaction already (their snapshot would be older than this call). */
int db_read_begin_shared(struct db *a, struct db *b);

#endif
