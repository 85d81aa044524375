/* Encryption at rest of the most sensitive free text (case notes, what a referrer observed,
 * health and drug-use details), with libsodium's XChaCha20-Poly1305. The key lives outside
 * the database: a key file (NESTGUARD_KEY_FILE, default: the database path + ".key", created
 * 0600 on first use) or the environment (NESTGUARD_KEY, base64 of 32 bytes). A key ring
 * allows rotation: values name the key that sealed them.
 *
 * Stored form: "enc1:KEYID:BASE64(nonce || ciphertext)". The associated data is the column's
 * name and the row id, so a value copied to another row or column fails to open. */
#ifndef NESTGUARD_FIELD_CRYPTO_H
#define NESTGUARD_FIELD_CRYPTO_H
#include <stddef.h>
#include <stdint.h>

struct db;

/* Load the key ring for the database at DB_PATH (creating a key file if there is none and
 * NESTGUARD_KEY is unset). 0 on success; -1 with a message in ERR. Called once at start. */
int field_crypto_init(const char *db_path, char *err, size_t errsize);
/* 1 once a key ring is loaded. */
int field_crypto_ready(void);
/* A random key held only in memory, for in-memory databases (tests, fuzzing): what it seals
 * dies with the process, as the database does. Does nothing when a ring is already loaded. */
void field_crypto_init_ephemeral(void);
/* Seal PLAIN for COLUMN ("case_note.body") of row ROW_ID; caller frees. NULL stays NULL. */
char *field_encrypt(const char *column, int64_t row_id, const char *plain);
/* Open a stored value; caller frees. Values not in the sealed form are returned as they are
 * (rows written before encryption was introduced). NULL when a sealed value fails to open. */
char *field_decrypt(const char *column, int64_t row_id, const char *stored);
/* 1 when STORED is in the sealed form. */
int field_is_encrypted(const char *stored);

/* The encrypted columns: table, text column, integer id column. */
struct encrypted_column {
	const char *table, *column, *id_column;
};
extern const struct encrypted_column encrypted_columns[];   /* ends with a NULL table */

/* Rotate: add a new key to the ring file, re-seal every encrypted column with it in one
 * transaction, and return how many values were re-sealed (old keys are kept in the ring so
 * backups stay readable; --retire removes them once backups have aged out). -1 with ERR. */
long field_crypto_rotate(struct db *db, char *err, size_t errsize);

#endif
