/* The model's side of encryption at rest: seal on write, open on read. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "db/db.h"
#include "model/field_crypto.h"
#include "model/sealed_text.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/xalloc.h"

/* The encrypted_columns[] entry for TABLE and COLUMN; fatal when there is none, because a
 * column sealed here but unknown to the list would be missed by key rotation. */
static const struct encrypted_column *known_column(const char *table, const char *column)
{
	for (const struct encrypted_column *ec = encrypted_columns; ec->table; ec++)
		if (!strcmp(ec->table, table) && !strcmp(ec->column, column)) return ec;
	fatal("%s.%s is not listed in encrypted_columns[]", table, column);
	return NULL;
}

static int in_memory(struct db *db)
{
	const char *path = db_path(db);
	return !path || !*path || !strcmp(path, ":memory:") || !strncmp(path, "file::memory:", 13);
}

void sealed_text_store(struct db *db, const char *table, const char *column, int64_t id, const char *plain)
{
	const struct encrypted_column *ec = known_column(table, column);
	if (!field_crypto_ready()) {
		if (!in_memory(db)) fatal("sealed_text_store before field_crypto_init");
		field_crypto_init_ephemeral();
	}
	char name[128], sql[256];
	snprintf(name, sizeof name, "%s.%s", table, column);
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE %s = ?", ec->table, ec->column, ec->id_column);
	char *sealed = plain && *plain ? field_encrypt(name, id, plain) : NULL;
	db_run(db, sql, "ti", sealed ? sealed : "", id);
	free(sealed);
}

const char *sealed_text_open(struct arena *a, const char *column, int64_t id, const char *stored)
{
	if (!stored || !*stored) return "";
	if (!field_is_encrypted(stored)) return arena_strdup(a, stored);
	char *plain = field_decrypt(column, id, stored);
	if (!plain) {
		log_warn("encrypted value in %s row %" PRId64 " does not open with the key ring", column, id);
		return SEALED_TEXT_UNREADABLE;
	}
	const char *out = arena_strdup(a, plain);
	sodium_memzero(plain, strlen(plain));
	free(plain);
	return out;
}
