/* Area assignment: SQL for the lookup path, polygons and the grid index for points. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/area_assign.h"
#include "analytics/geometry.h"
#include "db/db.h"
#include "util/xalloc.h"

static const char *const TABLES[] = {"crime_place", "crime_outcome", "stop_search", "incident"};

static void check_table(const char *table)
{
	for (size_t i = 0; i < sizeof TABLES / sizeof *TABLES; i++)
		if (strcmp(table, TABLES[i]) == 0) return;
	fatal("area_assign: unknown table %s", table);
}

struct area_set {
	size_t n;
	int64_t *ids;
	struct geometry *geoms;
	const struct geometry **ptrs;
	struct spatial_index *ix;
};

struct area_set *area_set_load(struct db *db, const char *level)
{
	struct area_set *set = xcalloc(1, sizeof *set);
	size_t cap = 0;
	struct db_stmt *st = db_preparef(db, "SELECT id, geometry FROM geo_area WHERE level=? AND geometry IS NOT NULL "
		"ORDER BY id", "t", level);
	while (db_step(st) == DB_ROW) {
		if (set->n == cap) {
			cap = cap ? 2 * cap : 64;
			set->ids = xrealloc(set->ids, cap * sizeof *set->ids);
			set->geoms = xrealloc(set->geoms, cap * sizeof *set->geoms);
		}
		size_t len;
		const void *blob = db_column_blob(st, 1, &len);
		if (geometry_decode(blob, len, &set->geoms[set->n]) != 0)
			fatal("area %lld has a malformed geometry blob", (long long)db_column_int(st, 0));
		set->ids[set->n++] = db_column_int(st, 0);
	}
	db_finalize(st);
	set->ptrs = xmalloc((set->n ? set->n : 1) * sizeof *set->ptrs);
	for (size_t i = 0; i < set->n; i++) set->ptrs[i] = &set->geoms[i];
	set->ix = spatial_index_new(set->ptrs, set->n);
	return set;
}

void area_set_free(struct area_set *set)
{
	if (!set) return;
	for (size_t i = 0; i < set->n; i++) geometry_free(&set->geoms[i]);
	free(set->geoms);
	free(set->ids);
	free(set->ptrs);
	spatial_index_free(set->ix);
	free(set);
}

size_t area_set_count(const struct area_set *set) { return set->n; }

int64_t area_set_find(const struct area_set *set, double lon, double lat)
{
	long i = spatial_index_find(set->ix, lon, lat);
	return i < 0 ? 0 : set->ids[i];
}

/* Set COLUMN from polygons for rows of TABLE where it is NULL and the row has a point. */
static long long assign_by_point(struct db *db, const char *table, const char *column,
	const struct area_set *set, int64_t first_id)
{
	if (set->n == 0) return 0;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT id, lon, lat FROM %s WHERE %s IS NULL AND lon IS NOT NULL AND id >= ?",
		table, column);
	struct db_stmt *st = db_preparef(db, sql, "i", first_id);
	/* collect first, update after: the SELECT must not see its own updates */
	size_t n = 0, cap = 0;
	int64_t (*found)[2] = NULL;
	while (db_step(st) == DB_ROW) {
		int64_t area = area_set_find(set, db_column_double(st, 1), db_column_double(st, 2));
		if (!area) continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			found = xrealloc(found, cap * sizeof *found);
		}
		found[n][0] = db_column_int(st, 0);
		found[n][1] = area;
		n++;
	}
	db_finalize(st);
	snprintf(sql, sizeof sql, "UPDATE %s SET %s=? WHERE id=?", table, column);
	struct db_stmt *up = db_prepare(db, sql);
	for (size_t i = 0; i < n; i++) {
		db_bind_int(up, 1, found[i][1]);
		db_bind_int(up, 2, found[i][0]);
		db_step(up);
		db_reset(up);
	}
	db_finalize(up);
	free(found);
	return (long long)n;
}

int64_t area_assign_next_id(struct db *db, const char *table)
{
	check_table(table);
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", table);
	return db_int(db, 1, sql, "");
}

/* True when some row of TABLE from FIRST_ID on has a point but no COLUMN: only then are the
 * polygons worth loading (a national LSOA set is large). */
static int rows_need_a_point_lookup(struct db *db, const char *table, const char *column, int64_t first_id)
{
	char sql[192];
	snprintf(sql, sizeof sql, "SELECT EXISTS(SELECT 1 FROM %s WHERE id >= ? AND %s IS NULL AND lon IS NOT NULL)",
		table, column);
	return db_int(db, 0, sql, "i", first_id) != 0;
}

/* Place the rows that need it in the polygons of LEVEL; returns how many were placed. */
static long long assign_level(struct db *db, const char *table, const char *level, int64_t first_id)
{
	char column[16];
	snprintf(column, sizeof column, "%s_id", level);
	if (!rows_need_a_point_lookup(db, table, column, first_id)) return 0;
	struct area_set *set = area_set_load(db, level);
	long long n = assign_by_point(db, table, column, set, first_id);
	area_set_free(set);
	return n;
}

long long area_assign(struct db *db, const char *table, int64_t first_id)
{
	check_table(table);
	long long by_point = assign_level(db, table, "lsoa", first_id);
	/* the lookup first: it makes ward totals the sums of their LSOAs */
	int have_lookup = db_int(db, 0, "SELECT EXISTS(SELECT 1 FROM lsoa_ward)", "") != 0;
	if (have_lookup || first_id == 0) {
		char sql[512];
		snprintf(sql, sizeof sql, "UPDATE %s SET ward_id = (SELECT w.id FROM geo_area l "
			"JOIN lsoa_ward lw ON lw.lsoa_code = l.code "
			"JOIN geo_area w ON w.level = 'ward' AND w.code = lw.ward_code "
			"WHERE l.id = %s.lsoa_id) WHERE id >= ?", table, table);
		db_run(db, sql, "i", first_id);
	}
	return by_point + assign_level(db, table, "ward", first_id);
}

long long area_assign_all(struct db *db)
{
	long long n = 0;
	for (size_t i = 0; i < sizeof TABLES / sizeof *TABLES; i++) n += area_assign(db, TABLES[i], 0);
	return n;
}
