/* Row identity for imports. A row's content hash (SipHash-128 under a per-database secret)
 * covers the table and the row's identifying fields; its key is the content hash for the
 * first such row in a file and a hash of (content, n) for the n-th repeat, so identical rows
 * within a file stay separate rows and a re-import finds them all again. */
#ifndef NESTGUARD_ROW_KEYS_H
#define NESTGUARD_ROW_KEYS_H
#include <stddef.h>

struct db;
struct csv;

/* Keys are checked against the stored ones group by group (row_keyset in
 * the schema); GROUP must be made of fields that are part of the identity. One struct
 * row_keys lives for one file, inside its transaction. */
#define IMPORT_KEY_BYTES 16
struct row_keys;
struct row_keys *row_keys_new(struct db *db, const char *table);
void row_keys_free(struct row_keys *rk);
/* Compute KEY for the current record of CSV over the fields COLS[0..n) (0-based; -1 for
 * an absent field), in that order. Returns 1 when no stored row has the key (it is then
 * remembered as stored), 0 when one has. */
int row_keys_next(struct row_keys *rk, const char *group, size_t group_len, const struct csv *csv,
	const int *cols, size_t n, unsigned char key[IMPORT_KEY_BYTES]);
/* Write the groups that got new keys back to row_keyset. Call before committing. */
void row_keys_save(struct row_keys *rk);

/* row_keys_next() in two halves, for a reader thread that computes keys while the database
 * thread claims them. The repeat counter needs no database; it reads only RK's table name
 * and secret, which never change, so it may live in another thread than RK. */
struct row_occurrences;
struct row_occurrences *row_occurrences_new(const struct row_keys *rk);
/* Forget the rows counted so far (the next file begins), keeping the memory. */
void row_occurrences_restart(struct row_occurrences *occ);
void row_occurrences_free(struct row_occurrences *occ);
/* The key of a row with fields FIELDS[0..n) (LENS bytes each), counting repeats. */
void row_keys_compute(struct row_occurrences *occ, const char *const *fields, const size_t *lens, size_t n,
	unsigned char key[IMPORT_KEY_BYTES]);
/* 1 when KEY is not stored yet (it is then remembered in GROUP), 0 when it is. */
int row_keys_claim(struct row_keys *rk, const char *group, size_t group_len, const unsigned char key[IMPORT_KEY_BYTES]);

#endif
