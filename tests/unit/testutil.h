/* Helpers shared by the cmocka unit tests: a fresh migrated database, a fake request. */
#ifndef NESTGUARD_TESTUTIL_H
#define NESTGUARD_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "db/db.h"

/* An in-memory database with every migration applied. */
static inline struct db *test_db_new(void)
{
	char err[256];
	struct db *db = db_open(":memory:", err, sizeof err);
	assert_non_null(db);
	db_migrate(db);
	return db;
}

#endif
