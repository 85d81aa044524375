/* Wards and neighbourhoods. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/area_shapes.h"
#include "analytics/projection.h"
#include "db/db.h"
#include "model/area.h"
#include "model/record_audit.h"
#include "util/arena.h"
#include "util/xalloc.h"

static void area_from_row(struct db_stmt *st, struct arena *a, struct area *out)
{
	out->id = db_column_int(st, 0);
	out->kind = arena_strdup(a, db_column_text(st, 1));
	out->name = arena_strdup(a, db_column_text(st, 2));
	out->ons_code = arena_strdup(a, db_column_text(st, 3));
	out->ward_id = db_column_int(st, 4);
	out->ward_name = arena_strdup(a, db_column_text(st, 5));
}

#define AREA_COLUMNS "ar.id, ar.kind, ar.name, ar.ons_code, ar.ward_id, w.name"

size_t area_list(struct db *db, struct arena *a, struct area **out)
{
	size_t n = (size_t)db_int(db, 0, "SELECT count(*) FROM locality", "");
	*out = arena_alloc(a, (n ? n : 1) * sizeof **out);
	struct db_stmt *st = db_prepare(db, "SELECT " AREA_COLUMNS " FROM locality ar LEFT JOIN locality w ON w.id = ar.ward_id"
		" ORDER BY coalesce(w.name, ar.name), ar.kind <> 'ward', ar.name");
	size_t i = 0;
	while (i < n && db_step(st) == DB_ROW) area_from_row(st, a, &(*out)[i++]);
	db_finalize(st);
	return i;
}

int area_get(struct db *db, int64_t id, struct arena *a, struct area *out)
{
	struct db_stmt *st = db_preparef(db, "SELECT " AREA_COLUMNS " FROM locality ar LEFT JOIN locality w ON w.id = ar.ward_id"
		" WHERE ar.id = ?", "i", id);
	int rc = MODEL_NOT_FOUND;
	if (db_step(st) == DB_ROW) {
		area_from_row(st, a, out);
		rc = MODEL_OK;
	}
	db_finalize(st);
	return rc;
}

int64_t area_find(struct db *db, const char *name_or_code)
{
	if (!name_or_code || !*name_or_code) return 0;
	int64_t id = db_int(db, 0, "SELECT id FROM locality WHERE ons_code = upper(?)", "t", name_or_code);
	if (id) return id;
	/* a neighbourhood name wins over nothing; a ward name over a neighbourhood of the same name */
	id = db_int(db, 0, "SELECT id FROM locality WHERE lower(name) = lower(?) ORDER BY kind = 'neighbourhood' LIMIT 1",
		"t", name_or_code);
	if (id) return id;
	const char *slash = strchr(name_or_code, '/');
	if (slash) {
		char *ward = xstrndup(name_or_code, (size_t)(slash - name_or_code));
		size_t n = strlen(ward);
		while (n && ward[n - 1] == ' ') ward[--n] = 0;
		const char *hood = slash + 1;
		while (*hood == ' ') hood++;
		id = db_int(db, 0, "SELECT n.id FROM locality n JOIN locality w ON w.id = n.ward_id"
			" WHERE lower(w.name) = lower(?) AND lower(n.name) = lower(?)", "tt", ward, hood);
		free(ward);
	}
	return id;
}

int64_t area_ward_of(struct db *db, int64_t area_id)
{
	if (area_id <= 0) return 0;
	return db_int(db, 0, "SELECT coalesce(ward_id, id) FROM locality WHERE id = ?", "i", area_id);
}

int area_add_neighbourhood(struct db *db, const struct actor *who, const char *ward_id, const char *name,
	struct field_errors *errs, int64_t *id_out)
{
	if (!who || !(who->roles & ROLE_ADMIN)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	int64_t ward = validate_id(errs, "ward_id", ward_id, "a ward");
	if (ward == 0) field_errors_add(errs, "ward_id", "Select a ward");
	else if (ward > 0 && !db_int(db, 0, "SELECT 1 FROM locality WHERE id = ? AND kind = 'ward'", "i", ward))
		field_errors_add(errs, "ward_id", "Select a ward from the list");
	const char *nm = validate_text(a, errs, "name", name, "the name of the neighbourhood", 1, 100, 0);
	if (nm && db_int(db, 0, "SELECT 1 FROM locality WHERE lower(name) = lower(?)", "t", nm))
		field_errors_add(errs, "name", "There is already an area called %s", nm);
	int rc = MODEL_INVALID;
	if (errs->count == 0) {
		db_begin(db);
		if (db_run(db, "INSERT INTO locality(kind, name, ward_id) VALUES('neighbourhood', ?, ?)", "ti", nm, ward) == DB_DONE) {
			int64_t id = db_last_insert_id(db);
			record_audit(db, who, "area.create", "area", id, NULL);
			if (id_out) *id_out = id;
			rc = MODEL_OK;
			db_commit(db);
		} else {
			field_errors_add(errs, "name", "There is already an area called %s", nm);
			db_rollback(db);
		}
	}
	arena_free(a);
	return rc;
}

/* The ward boundaries, loaded once and kept while they are unchanged: properties are saved
 * one at a time from many request threads, and a borough's wards are megabytes of points. The
 * cache is keyed by the database file and a fingerprint of the ward rows (their ids and the
 * imports that set their geometry), so a new boundary import is seen on the next call. */
static struct {
	pthread_mutex_t lock;
	int loaded;
	char db_path[512];
	char fingerprint[96];
	struct area_shapes wards;
} ward_cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void ward_fingerprint(struct db *db, char out[96])
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(import_id), 0), "
		"coalesce(max(import_id), 0) FROM geo_area WHERE level = 'ward' AND geometry IS NOT NULL");
	db_step(st);
	snprintf(out, 96, "%lld/%lld/%lld/%lld", (long long)db_column_int(st, 0), (long long)db_column_int(st, 1),
		(long long)db_column_int(st, 2), (long long)db_column_int(st, 3));
	db_finalize(st);
}

int64_t area_ward_for_point(struct db *db, double longitude, double latitude)
{
	double x, y;
	if (projection_wgs84_to_bng(longitude, latitude, &x, &y) != 0) return 0;
	char fp[96];
	ward_fingerprint(db, fp);
	const char *path = db_path(db) ? db_path(db) : "";
	char code[64] = "";
	pthread_mutex_lock(&ward_cache.lock);
	if (!ward_cache.loaded || strcmp(ward_cache.fingerprint, fp) != 0 || strcmp(ward_cache.db_path, path) != 0) {
		if (ward_cache.loaded) area_shapes_free(&ward_cache.wards);
		area_shapes_load(db, "ward", &ward_cache.wards);
		snprintf(ward_cache.fingerprint, sizeof ward_cache.fingerprint, "%s", fp);
		snprintf(ward_cache.db_path, sizeof ward_cache.db_path, "%s", path);
		ward_cache.loaded = 1;
	}
	long i = area_shapes_find_bng(&ward_cache.wards, x, y);
	if (i >= 0) snprintf(code, sizeof code, "%s", ward_cache.wards.areas[i].code);
	pthread_mutex_unlock(&ward_cache.lock);
	/* the case-management ward with that ONS code (looked up every time: wards are added
	 * to the locality list independently of boundary imports) */
	return *code ? db_int(db, 0, "SELECT id FROM locality WHERE kind = 'ward' AND ons_code = ?", "t", code) : 0;
}
