/* Helpers shared by the cmocka unit tests: a fresh migrated database, a fake request. */
#ifndef NESTGUARD_TESTUTIL_H
#define NESTGUARD_TESTUTIL_H
#include <stdarg.h>
#include <stdio.h>
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

/* Remove a database file, its access log, and the write-ahead log and shared-memory files
 * beside each. */
static inline void test_db_file_remove(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", ".access", ".access-wal", ".access-shm"};
	char file[4096];
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
		remove(file);
	}
}

/* A fresh migrated database file in a new temporary directory; PATH (SIZE bytes) gets its
 * name. For tests that need a second connection to the same database. */
static inline struct db *test_db_file_new(char *path, size_t size)
{
	char dir[] = "/tmp/nestguard-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	snprintf(path, size, "%s/test.db", dir);
	char err[256];
	struct db *db = db_open(path, err, sizeof err);
	assert_non_null(db);
	db_migrate(db);
	return db;
}

/* The files of a database made by test_db_file_new(), and its directory. */
static inline void test_db_file_delete(const char *path)
{
	test_db_file_remove(path);
	char dir[512];
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

#endif
