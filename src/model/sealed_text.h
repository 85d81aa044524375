/* Reading and writing the encrypted free-text columns (field_crypto.h lists them) from the
 * model: every write of such a column goes through sealed_text_store(), every read through
 * sealed_text_open(), so plaintext never reaches the database file or its WAL. */
#ifndef NESTGUARD_SEALED_TEXT_H
#define NESTGUARD_SEALED_TEXT_H
#include <stdint.h>

struct db;
struct arena;

/* Shown in place of a value that does not open (wrong key file, tampering). */
#define SEALED_TEXT_UNREADABLE "[This text cannot be decrypted: check the key file]"

/* Seal PLAIN and write it to TABLE.COLUMN of the row whose id is ID (an UPDATE, inside the
 * caller's transaction: insert the row with '' first, then store). Empty text is stored as ''.
 * TABLE.COLUMN must be one of encrypted_columns[] (fatal otherwise). An in-memory database
 * gets a key that lives only in memory; a file database must have called field_crypto_init(). */
void sealed_text_store(struct db *db, const char *table, const char *column, int64_t id, const char *plain);
/* The plaintext of STORED, read from COLUMN ("table.column") of row ID, copied into A.
 * Unsealed values (written before encryption) come back as they are. */
const char *sealed_text_open(struct arena *a, const char *column, int64_t id, const char *stored);

#endif
