/* Properties: validation, storage with search terms, reading and search. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/area.h"
#include "model/case_access.h"
#include "model/case_vocab.h"
#include "model/property.h"
#include "model/query.h"
#include "model/record_audit.h"
#include "model/search_terms.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* PREFIX + NAME, for error field names. */
static const char *fname(char *buf, size_t size, const char *prefix, const char *name)
{
	snprintf(buf, size, "%s%s", prefix ? prefix : "", name);
	return buf;
}

int property_validate(struct db *db, struct arena *a, const struct property_input *in, const char *prefix,
	struct field_errors *errs, struct property *out)
{
	char f[64];
	int before = errs->count;
	memset(out, 0, sizeof *out);
	char uprn[13];
	validate_uprn(errs, fname(f, sizeof f, prefix, "uprn"), in->uprn, uprn);
	out->uprn = arena_strdup(a, uprn);
	out->address_line1 = validate_text(a, errs, fname(f, sizeof f, prefix, "address_line1"), in->address_line1,
		"the first line of the address", 1, 120, 0);
	out->address_line2 = validate_text(a, errs, fname(f, sizeof f, prefix, "address_line2"), in->address_line2,
		"the second line of the address", 0, 120, 0);
	out->town = validate_text(a, errs, fname(f, sizeof f, prefix, "town"), in->town, "the town", 0, 60, 0);
	char pc[9];
	validate_postcode(errs, fname(f, sizeof f, prefix, "postcode"), in->postcode, 1, pc);
	out->postcode = arena_strdup(a, pc);

	double lon = 0, lat = 0;
	int has_lon = validate_number(errs, fname(f, sizeof f, prefix, "longitude"), in->longitude, "the longitude", -180, 180, &lon);
	int has_lat = validate_number(errs, fname(f, sizeof f, prefix, "latitude"), in->latitude, "the latitude", -90, 90, &lat);
	if (has_lon == 1 && has_lat == 0)
		field_errors_add(errs, fname(f, sizeof f, prefix, "latitude"), "Enter the latitude as well as the longitude");
	if (has_lat == 1 && has_lon == 0)
		field_errors_add(errs, fname(f, sizeof f, prefix, "longitude"), "Enter the longitude as well as the latitude");
	out->has_coordinates = has_lon == 1 && has_lat == 1;
	out->longitude = lon;
	out->latitude = lat;

	int64_t area = validate_id(errs, fname(f, sizeof f, prefix, "area_id"), in->area_id, "an area");
	if (area > 0) {
		struct area ar;
		if (area_get(db, area, a, &ar) != MODEL_OK) {
			field_errors_add(errs, fname(f, sizeof f, prefix, "area_id"), "Select an area from the list");
		} else if (strcmp(ar.kind, "ward") == 0) {
			out->ward_id = ar.id;
			out->ward_name = ar.name;
		} else {
			out->neighbourhood_id = ar.id;
			out->neighbourhood_name = ar.name;
			out->ward_id = ar.ward_id;
			out->ward_name = ar.ward_name;
		}
	} else if (out->has_coordinates) {
		out->ward_id = area_ward_for_point(db, lon, lat);
	}

	const char *tenure = in->tenure && *in->tenure ? in->tenure : "unknown";
	int t = validate_choice(errs, fname(f, sizeof f, prefix, "tenure"), tenure, "the tenure", 1, vocab_tenure_codes);
	out->tenure = t >= 0 ? vocab_tenure_codes[t] : "unknown";
	return errs->count > before ? MODEL_INVALID : MODEL_OK;
}

static void property_index(struct db *db, int64_t id, const struct property *p)
{
	struct search_terms t;
	search_terms_init(&t);
	search_terms_add_text(&t, p->address_line1);
	search_terms_add_text(&t, p->address_line2);
	search_terms_add_text(&t, p->town);
	if (p->postcode && *p->postcode) {
		/* "sk57aa", and "sk5" and "7aa" so that "SK5 7AA" typed with its space matches too */
		char compact[9], outward[9];
		if (postcode_normalise(p->postcode, compact) == 0) {
			search_terms_add_word(&t, compact);
			snprintf(outward, sizeof outward, "%.*s", (int)(strlen(compact) - 3), compact);
			search_terms_add_word(&t, outward);
			search_terms_add_word(&t, compact + strlen(compact) - 3);
		}
	}
	if (p->uprn && *p->uprn) search_terms_add_word(&t, p->uprn);
	struct db_stmt *st = db_prepare(db, "INSERT OR IGNORE INTO property_search(term, property_id) VALUES(?, ?)");
	for (size_t i = 0; i < t.count; i++) {
		db_bind_text(st, 1, t.term[i]);
		db_bind_int(st, 2, id);
		db_step(st);
		db_reset(st);
	}
	db_finalize(st);
}

int64_t property_assign_missing_wards(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, longitude, latitude FROM property"
		" WHERE ward_id IS NULL AND longitude IS NOT NULL AND latitude IS NOT NULL");
	int64_t placed = 0;
	while (db_step(st) == DB_ROW) {
		int64_t ward = area_ward_for_point(db, db_column_double(st, 1), db_column_double(st, 2));
		if (!ward) continue;
		db_run(db, "UPDATE property SET ward_id = ? WHERE id = ?", "ii", ward, db_column_int(st, 0));
		placed++;
	}
	db_finalize(st);
	if (placed)
		db_run(db, "UPDATE case_file SET ward_id = (SELECT p.ward_id FROM case_property cp JOIN property p ON p.id = cp.property_id"
			" WHERE cp.case_id = case_file.id AND p.ward_id IS NOT NULL ORDER BY cp.id LIMIT 1)"
			" WHERE ward_id IS NULL AND EXISTS (SELECT 1 FROM case_property cp JOIN property p ON p.id = cp.property_id"
			" WHERE cp.case_id = case_file.id AND p.ward_id IS NOT NULL)", "");
	return placed;
}

int64_t property_store(struct db *db, const struct actor *who, int64_t agency_id, const struct property *p)
{
	if (p->uprn && *p->uprn) {
		int64_t existing = db_int(db, 0, "SELECT id FROM property WHERE agency_id = ? AND uprn = ?", "it",
			agency_id, p->uprn);
		if (existing) return existing;
	}
	struct db_stmt *st = db_preparef(db,
		"INSERT INTO property(agency_id, uprn, address_line1, address_line2, town, postcode, longitude, latitude,"
		" ward_id, neighbourhood_id, tenure, created_by, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
		"ittttt" "nn" "nntnn", agency_id, p->uprn && *p->uprn ? p->uprn : NULL, p->address_line1,
		p->address_line2 ? p->address_line2 : "", p->town ? p->town : "", p->postcode, p->tenure);
	if (p->has_coordinates) {
		db_bind_double(st, 7, p->longitude);
		db_bind_double(st, 8, p->latitude);
	}
	if (p->ward_id) db_bind_int(st, 9, p->ward_id);
	if (p->neighbourhood_id) db_bind_int(st, 10, p->neighbourhood_id);
	if (who && who->user_id > 0) db_bind_int(st, 12, who->user_id);
	db_bind_int(st, 13, clock_now());
	if (db_step(st) != DB_DONE) fatal("property insert violated a constraint");
	db_finalize(st);
	int64_t id = db_last_insert_id(db);
	property_index(db, id, p);
	return id;
}

int property_create(struct db *db, const struct actor *who, const struct property_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	if (!access_is_case_staff(who)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	struct property p;
	int rc = property_validate(db, a, in, "", errs, &p);
	if (rc == MODEL_OK) {
		db_begin(db);
		int64_t id = property_store(db, who, who->agency_id, &p);
		record_audit(db, who, "property.create", "property", id, NULL);
		db_commit(db);
		if (id_out) *id_out = id;
	}
	arena_free(a);
	return rc;
}

#define PROPERTY_COLUMNS "p.id, p.agency_id, coalesce(p.uprn, ''), p.address_line1, p.address_line2, p.town," \
	" p.postcode, p.longitude, p.latitude, p.ward_id, p.neighbourhood_id, w.name, n.name, p.tenure"
#define PROPERTY_FROM " FROM property p LEFT JOIN locality w ON w.id = p.ward_id LEFT JOIN locality n ON n.id = p.neighbourhood_id"

static void property_from_row(struct db_stmt *st, struct arena *a, struct property *p)
{
	p->id = db_column_int(st, 0);
	p->agency_id = db_column_int(st, 1);
	p->uprn = arena_strdup(a, db_column_text(st, 2));
	p->address_line1 = arena_strdup(a, db_column_text(st, 3));
	p->address_line2 = arena_strdup(a, db_column_text(st, 4));
	p->town = arena_strdup(a, db_column_text(st, 5));
	p->postcode = arena_strdup(a, db_column_text(st, 6));
	p->has_coordinates = !db_column_is_null(st, 7);
	p->longitude = db_column_double(st, 7);
	p->latitude = db_column_double(st, 8);
	p->ward_id = db_column_int(st, 9);
	p->neighbourhood_id = db_column_int(st, 10);
	p->ward_name = arena_strdup(a, db_column_text(st, 11));
	p->neighbourhood_name = arena_strdup(a, db_column_text(st, 12));
	p->tenure = arena_strdup(a, db_column_text(st, 13));
}

int property_load(struct db *db, int64_t id, struct arena *a, struct property *out)
{
	struct db_stmt *st = db_preparef(db, "SELECT " PROPERTY_COLUMNS PROPERTY_FROM " WHERE p.id = ?", "i", id);
	int rc = MODEL_NOT_FOUND;
	if (db_step(st) == DB_ROW) {
		property_from_row(st, a, out);
		rc = MODEL_OK;
	}
	db_finalize(st);
	return rc;
}

int property_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct property *out)
{
	if (property_access(db, who, id) < ACCESS_READ) return MODEL_NOT_FOUND;
	/* a single read; the audit row joins the group commit (see case_get) */
	int rc = property_load(db, id, a, out);
	if (rc == MODEL_OK) record_audit(db, who, "property.view", "property", id, NULL);
	return rc;
}

const char *property_one_line(struct arena *a, const struct property *p)
{
	return arena_printf(a, "%s%s%s%s%s", p->address_line1,
		*p->address_line2 ? ", " : "", p->address_line2,
		*p->postcode ? ", " : "", p->postcode);
}

size_t property_search(struct db *db, const struct actor *who, const char *q, size_t limit,
	struct arena *a, struct property **out)
{
	struct search_terms terms;
	search_terms_init(&terms);
	search_terms_add_query(&terms, q);
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof **out);
	if (terms.count == 0 || limit == 0) return 0;
	struct query qu;
	query_init(&qu);
	query_sql(&qu, "SELECT " PROPERTY_COLUMNS PROPERTY_FROM " WHERE ");
	/* properties follow the same owner rule as people: the owning agency's staff */
	access_owner_list_filter(who, &qu, "p");
	search_terms_query(&qu, "p.id", "property_search", "property_id", &terms);
	query_sql(&qu, " ORDER BY p.postcode, p.address_line1 LIMIT ");
	query_int(&qu, (int64_t)limit);
	struct db_stmt *st = query_prepare(db, &qu);
	size_t n = 0;
	while (n < limit && db_step(st) == DB_ROW) property_from_row(st, a, &(*out)[n++]);
	db_finalize(st);
	query_free(&qu);
	db_begin(db);
	record_audit(db, who, "property.search", "property", 0, NULL);
	db_commit(db);
	return n;
}
