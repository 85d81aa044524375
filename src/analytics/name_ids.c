/* Name -> id caches for the small dictionary tables and the areas; see name_ids.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/name_ids.h"
#include "db/db.h"
#include "util/key_ids.h"
#include "util/xalloc.h"

struct name_ids {
	struct db *db;
	char table[32];
	char level[8];        /* areas only */
	struct db_stmt *find, *add, *rename, *ward;
	struct key_ids *cache;
};

static struct name_ids *cache_new(struct db *db)
{
	struct name_ids *ni = xcalloc(1, sizeof *ni);
	ni->db = db;
	ni->cache = key_ids_new();
	return ni;
}

struct name_ids *name_ids_new(struct db *db, const char *table)
{
	struct name_ids *ni = cache_new(db);
	snprintf(ni->table, sizeof ni->table, "%s", table);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name=?", table);
	ni->find = db_prepare(db, sql);
	snprintf(sql, sizeof sql, "INSERT INTO %s(name) VALUES(?)", table);
	ni->add = db_prepare(db, sql);
	return ni;
}

struct name_ids *area_ids_new(struct db *db, const char *level)
{
	struct name_ids *ni = cache_new(db);
	snprintf(ni->level, sizeof ni->level, "%s", level);
	ni->find = db_prepare(db, "SELECT id, name FROM geo_area WHERE level=? AND code=?");
	ni->add = db_prepare(db, "INSERT INTO geo_area(level, code, name) VALUES(?,?,?)");
	ni->rename = db_prepare(db, "UPDATE geo_area SET name=? WHERE id=?");
	ni->ward = db_prepare(db, "SELECT w.id FROM lsoa_ward lw JOIN geo_area w ON w.level='ward' AND w.code=lw.ward_code "
		"WHERE lw.lsoa_code=?");
	return ni;
}

void name_ids_free(struct name_ids *ni)
{
	if (!ni) return;
	key_ids_free(ni->cache);
	db_finalize(ni->find);
	db_finalize(ni->add);
	db_finalize(ni->rename);
	db_finalize(ni->ward);
	free(ni);
}

int64_t name_ids_get(struct name_ids *ni, const char *name, size_t len)
{
	const struct key_id *s = key_ids_find(ni->cache, name, len);
	if (s) return s->id;
	db_bind_textn(ni->find, 1, name, len);
	int64_t id;
	if (db_step(ni->find) == DB_ROW) {
		id = db_column_int(ni->find, 0);
	} else {
		db_bind_textn(ni->add, 1, name, len);
		if (db_step(ni->add) != DB_DONE) fatal("cannot add to %s", ni->table);
		db_reset(ni->add);
		id = db_last_insert_id(ni->db);
	}
	db_reset(ni->find);
	key_ids_put(ni->cache, name, len, id, 0);
	return id;
}

int64_t area_ids_get(struct name_ids *ni, const char *code, size_t len, const char *name, int64_t *ward)
{
	const struct key_id *s = key_ids_find(ni->cache, code, len);
	if (s) {
		if (ward) *ward = s->extra;
		return s->id;
	}
	db_bind_text(ni->find, 1, ni->level);
	db_bind_textn(ni->find, 2, code, len);
	int64_t id;
	if (db_step(ni->find) == DB_ROW) {
		id = db_column_int(ni->find, 0);
		int unnamed = db_column_text(ni->find, 1)[0] == 0;
		db_reset(ni->find);
		if (unnamed && name && *name) {
			db_bind_text(ni->rename, 1, name);
			db_bind_int(ni->rename, 2, id);
			db_step(ni->rename);
			db_reset(ni->rename);
		}
	} else {
		db_reset(ni->find);
		db_bind_text(ni->add, 1, ni->level);
		db_bind_textn(ni->add, 2, code, len);
		db_bind_text(ni->add, 3, name ? name : "");
		if (db_step(ni->add) != DB_DONE) fatal("cannot add area");
		db_reset(ni->add);
		id = db_last_insert_id(ni->db);
	}
	int64_t ward_id = 0;
	if (strcmp(ni->level, "lsoa") == 0) {
		db_bind_textn(ni->ward, 1, code, len);
		if (db_step(ni->ward) == DB_ROW) ward_id = db_column_int(ni->ward, 0);
		db_reset(ni->ward);
	}
	if (ward) *ward = ward_id;
	key_ids_put(ni->cache, code, len, id, ward_id);
	return id;
}

