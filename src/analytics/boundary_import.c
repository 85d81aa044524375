/* Boundary and lookup import: GeoJSON through geojson.c into the area table, the lookup CSV
 * into lsoa_ward, then area_assign_all() so existing rows pick up the new areas. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "analytics/area_assign.h"
#include "analytics/boundary_import.h"
#include "analytics/geojson.h"
#include "analytics/name_ids.h"
#include "db/db.h"
#include "model/property.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/xalloc.h"

static const char *crs_name(enum geojson_crs crs)
{
	return crs == GEOJSON_CRS_BNG ? "EPSG:27700 converted to WGS84" : "WGS84 longitude/latitude";
}

/* 1 when area ID's stored geometry and name equal BLOB and NAME. */
static int same_area(struct db *db, int64_t id, const struct buf *blob, const char *name)
{
	struct db_stmt *st = db_preparef(db, "SELECT geometry, name FROM geo_area WHERE id=?", "i", id);
	int same = 0;
	if (db_step(st) == DB_ROW && !db_column_is_null(st, 0)) {
		size_t len;
		const void *p = db_column_blob(st, 0, &len);
		same = len == blob->len && memcmp(p, blob->data, len) == 0 && strcmp(db_column_text(st, 1), name) == 0;
	}
	db_finalize(st);
	return same;
}

int boundary_import_geojson(struct db *db, const struct actor *who, const char *path, const struct boundary_options *opt,
	struct import_summary *s)
{
	const char *kind = "boundaries";
	import_summary_init(s, path, kind);
	int is_ward = strcmp(opt->level, "ward") == 0;
	if (!is_ward && strcmp(opt->level, "lsoa") != 0) fatal("boundary level %s", opt->level);
	struct geojson_options gopt = {opt->code_field, opt->name_field, is_ward ? "WD" : "LSOA"};
	struct geojson_areas areas;
	char err[512];
	if (geojson_read_areas(path, &gopt, &areas, err, sizeof err)) {
		/* geojson messages already start with the file name */
		const char *msg = strncmp(err, path, strlen(path)) == 0 ? err + strlen(path) : err;
		while (*msg == ':' || *msg == ' ') msg++;
		import_problem_add(s, 0, 0, NULL, "%s", msg);
		return -1;
	}
	db_begin(db);
	s->import_id = import_record_begin(db, kind, path);
	struct name_ids *ids = area_ids_new(db, opt->level);
	struct db_stmt *up = db_prepare(db, "UPDATE geo_area SET name=?, parent_code=coalesce(?, parent_code), "
		"min_lon=?, min_lat=?, max_lon=?, max_lat=?, geometry=?, import_id=? WHERE id=?");
	struct buf blob = BUF_INIT;
	for (size_t i = 0; i < areas.n; i++) {
		const struct geojson_area *a = &areas.areas[i];
		s->rows_read++;
		int64_t id = area_ids_get(ids, a->code, strlen(a->code), a->name, NULL);
		buf_reset(&blob);
		geometry_encode(&a->geom, &blob);
		if (same_area(db, id, &blob, a->name)) { s->rows_present++; continue; }
		db_bind_text(up, 1, a->name);
		db_bind_text(up, 2, a->parent_code);
		db_bind_double(up, 3, a->geom.min_x);
		db_bind_double(up, 4, a->geom.min_y);
		db_bind_double(up, 5, a->geom.max_x);
		db_bind_double(up, 6, a->geom.max_y);
		db_bind_blob(up, 7, blob.data, blob.len);
		db_bind_int(up, 8, s->import_id);
		db_bind_int(up, 9, id);
		db_step(up);
		db_reset(up);
		s->rows_added++;
	}
	buf_free(&blob);
	db_finalize(up);
	name_ids_free(ids);
	/* the fingerprint of a GeoJSON file is not needed for idempotency (areas are keyed by
	 * code); the code field names it instead */
	char fp[96];
	snprintf(fp, sizeof fp, "%s:%s", opt->level, areas.code_field);
	import_record_end(db, who, s, fp);
	long long by_point = area_assign_all(db);
	/* properties saved with coordinates before there were ward boundaries get their ward now */
	long long properties = is_ward ? (long long)property_assign_missing_wards(db) : 0;
	int n = snprintf(s->note, sizeof s->note, "%s level, codes from %s, %s; %lld row%s placed by point", opt->level,
		areas.code_field, crs_name(areas.crs), by_point, by_point == 1 ? "" : "s");
	if (properties && n > 0 && (size_t)n < sizeof s->note)
		snprintf(s->note + n, sizeof s->note - (size_t)n, "; %lld propert%s given a ward", properties,
			properties == 1 ? "y" : "ies");
	geojson_areas_free(&areas);
	if (db_commit(db) != 0) fatal("boundary import failed to commit");
	return 0;
}

/* First header column named <PREFIX>nn<SUFFIX> (any case), or -1. */
static int find_column(const struct csv *csv, const char *prefix, const char *suffix)
{
	size_t p = strlen(prefix);
	for (size_t i = 0; i < csv_count(csv); i++) {
		const char *h = csv_field(csv, i);
		if (strncasecmp(h, prefix, p) == 0 && isdigit((unsigned char)h[p]) && isdigit((unsigned char)h[p + 1])
			&& strcasecmp(h + p + 2, suffix) == 0) return (int)i;
	}
	return -1;
}

static int valid_area_code(const char *s, size_t len)
{
	if (len == 0 || len > 16) return 0;
	for (size_t i = 0; i < len; i++) if (!isalnum((unsigned char)s[i])) return 0;
	return 1;
}

int boundary_import_lookup(struct db *db, const struct actor *who, const char *path, struct import_summary *s)
{
	const char *kind = "lookup";
	import_summary_init(s, path, kind);
	struct import_csv ic;
	if (import_csv_open(&ic, path, s)) return -1;
	struct csv *csv = ic.csv;
	db_begin(db);
	int lsoa_c = -1, ward_c = -1, ward_name_c = -1, lad_c = -1;
	int rc = csv_next(csv);
	if (rc != CSV_RECORD) {
		import_problem_add(s, rc == CSV_EOF ? 0 : 1, 0, NULL, "%s", rc == CSV_EOF ? "the file is empty" : csv_error(csv));
	} else {
		lsoa_c = find_column(csv, "LSOA", "CD");
		ward_c = find_column(csv, "WD", "CD");
		ward_name_c = find_column(csv, "WD", "NM");
		lad_c = find_column(csv, "LAD", "CD");
		if (lsoa_c < 0) import_problem_add(s, 1, 0, "LSOAnnCD", "missing column: an LSOA code column such as LSOA11CD");
		if (ward_c < 0) import_problem_add(s, 1, 0, "WDnnCD", "missing column: a ward code column such as WD16CD");
	}
	if (!s->problems_total) {
		s->import_id = import_record_begin(db, kind, path);
		struct name_ids *wards = area_ids_new(db, "ward");
		struct db_stmt *put = db_prepare(db, "INSERT INTO lsoa_ward(lsoa_code, ward_code, import_id) VALUES(?,?,?) "
			"ON CONFLICT(lsoa_code) DO UPDATE SET ward_code=excluded.ward_code, import_id=excluded.import_id "
			"WHERE lsoa_ward.ward_code <> excluded.ward_code");
		struct db_stmt *parent = db_prepare(db, "UPDATE geo_area SET parent_code=? WHERE id=? AND parent_code IS NULL");
		size_t ncols = csv_count(csv);
		while ((rc = csv_next(csv)) == CSV_RECORD) {
			s->rows_read++;
			long line = csv_line(csv);
			if (csv_count(csv) != ncols) {
				import_problem_add(s, line, 0, NULL, "expected %zu fields, found %zu", ncols, csv_count(csv));
				continue;
			}
			int bad = 0;
			for (size_t i = 0; i < ncols; i++) {
				const char *why = import_check_text(csv_field(csv, i), csv_field_len(csv, i));
				if (why) { import_problem_add(s, line, (int)i + 1, NULL, "%s", why); bad = 1; }
			}
			if (bad) continue;
			if (!valid_area_code(csv_field(csv, lsoa_c), csv_field_len(csv, lsoa_c))) {
				import_problem_add(s, line, lsoa_c + 1, NULL, "\"%.20s\" is not an LSOA code", csv_field(csv, lsoa_c));
				bad = 1;
			}
			if (!valid_area_code(csv_field(csv, ward_c), csv_field_len(csv, ward_c))) {
				import_problem_add(s, line, ward_c + 1, NULL, "\"%.20s\" is not a ward code", csv_field(csv, ward_c));
				bad = 1;
			}
			if (bad || s->problems_total) continue;
			const char *ward = csv_field(csv, ward_c);
			int64_t ward_id = area_ids_get(wards, ward, strlen(ward), ward_name_c >= 0 ? csv_field(csv, ward_name_c) : "", NULL);
			if (lad_c >= 0 && csv_field_len(csv, lad_c)) {
				db_bind_text(parent, 1, csv_field(csv, lad_c));
				db_bind_int(parent, 2, ward_id);
				db_step(parent);
				db_reset(parent);
			}
			db_bind_text(put, 1, csv_field(csv, lsoa_c));
			db_bind_text(put, 2, ward);
			db_bind_int(put, 3, s->import_id);
			db_step(put);
			if (db_changes(db)) s->rows_added++;
			else s->rows_present++;
			db_reset(put);
		}
		if (rc == CSV_ERROR) import_problem_add(s, csv_line(csv), 0, NULL, "%s", csv_error(csv));
		db_finalize(put);
		db_finalize(parent);
		name_ids_free(wards);
	}
	char fingerprint[65];
	import_csv_close(&ic, s, fingerprint);
	if (s->problems_total) {
		db_rollback(db);
		s->import_id = 0;
		return -1;
	}
	s->earlier_import = import_find_fingerprint(db, kind, fingerprint, s->import_id);
	import_record_end(db, who, s, fingerprint);
	long long by_point = area_assign_all(db);
	snprintf(s->note, sizeof s->note, "%lld row%s placed in an area by point", by_point, by_point == 1 ? "" : "s");
	if (db_commit(db) != 0) fatal("lookup import failed to commit");
	return 0;
}
