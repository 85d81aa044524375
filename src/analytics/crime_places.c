/* In-memory copy of crime_place, keyed by everything that makes a place; see crime_places.h. */
#include <stdlib.h>
#include <string.h>
#include "analytics/crime_places.h"
#include "db/db.h"
#include "util/buf.h"
#include "util/key_ids.h"
#include "util/xalloc.h"

/* A place met lately: police.uk files list their crimes LSOA by LSOA, and half the rows of an
 * LSOA stand on a place an earlier row of it stood on, so looking among those first (a few
 * dozen, in the cache) saves half the lookups in the big map (in memory). */
struct recent_place {
	uint64_t hash;
	int64_t id;
	uint32_t off, len;     /* the key in RECENT_KEYS */
};

#define RECENT_PLACES 64

struct crime_places {
	struct key_ids *ids;
	int64_t loaded;        /* every place with an id up to this one is in IDS */
	int64_t next;          /* the id for the next new place */
	struct buf key;        /* scratch */
	/* the places of the current run of rows with one LSOA code */
	struct recent_place recent[RECENT_PLACES];
	size_t nrecent;
	struct buf recent_keys;
	struct buf lsoa;       /* that code */
};

struct crime_places *crime_places_new(void)
{
	struct crime_places *p = xcalloc(1, sizeof *p);
	p->ids = key_ids_new();
	p->next = 1;
	return p;
}

void crime_places_free(struct crime_places *p)
{
	if (!p) return;
	key_ids_free(p->ids);
	buf_free(&p->key);
	buf_free(&p->recent_keys);
	buf_free(&p->lsoa);
	free(p);
}

int64_t crime_places_next(const struct crime_places *p) { return p->next; }

void crime_places_reset(struct crime_places *p)
{
	key_ids_free(p->ids);
	p->ids = key_ids_new();
	p->nrecent = 0;
	buf_reset(&p->lsoa);
	p->loaded = 0;
	p->next = 1;
}

/* The map key: located flag and coordinates as bytes, then the two texts, length-prefixed
 * so that no two different places share a key. */
static void make_key(struct buf *key, int located, double lon, double lat, const char *location, size_t location_len,
	const char *lsoa_code, size_t lsoa_len)
{
	buf_reset(key);
	buf_grow(key, 1 + 2 * sizeof(double) + sizeof(uint32_t) + location_len + lsoa_len);
	char *k = key->data;
	size_t n = 0;
	k[n++] = (char)(located != 0);
	if (!located) lon = lat = 0;
	memcpy(k + n, &lon, sizeof lon);
	n += sizeof lon;
	memcpy(k + n, &lat, sizeof lat);
	n += sizeof lat;
	uint32_t len = (uint32_t)location_len;
	memcpy(k + n, &len, sizeof len);
	n += sizeof len;
	memcpy(k + n, location, location_len);
	n += location_len;
	memcpy(k + n, lsoa_code, lsoa_len);
	key->len = n + lsoa_len;
}

void crime_places_sync(struct crime_places *p, struct db *db)
{
	/* fewer places than loaded: some were removed, so ids may have changed meaning */
	if (db_int(db, 0, "SELECT coalesce(max(id), 0) FROM crime_place", "") < p->loaded) crime_places_reset(p);
	struct db_stmt *st = db_preparef(db, "SELECT id, lon, lat, location, lsoa_code FROM crime_place WHERE id > ? "
		"ORDER BY id", "i", p->loaded);
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		int located = !db_column_is_null(st, 1);
		const char *location = db_column_text(st, 3), *lsoa = db_column_text(st, 4);
		make_key(&p->key, located, db_column_double(st, 1), db_column_double(st, 2), location, strlen(location),
			lsoa, strlen(lsoa));
		/* a place stored twice (by two importers that did not see each other's) keeps its first id */
		if (!key_ids_find(p->ids, p->key.data, p->key.len)) key_ids_put(p->ids, p->key.data, p->key.len, id, 0);
		p->loaded = id;
	}
	db_finalize(st);
	if (p->next <= p->loaded) p->next = p->loaded + 1;
}

int64_t crime_places_id(struct crime_places *p, int located, double lon, double lat, const char *location,
	size_t location_len, const char *lsoa_code, size_t lsoa_len, int *is_new)
{
	make_key(&p->key, located, lon, lat, location, location_len, lsoa_code, lsoa_len);
	uint64_t hash = key_ids_hash(p->key.data, p->key.len);
	if (p->lsoa.len != lsoa_len || memcmp(buf_str(&p->lsoa), lsoa_code, lsoa_len) != 0) {
		/* a new run of rows */
		buf_reset(&p->lsoa);
		buf_append(&p->lsoa, lsoa_code, lsoa_len);
		p->nrecent = 0;
		buf_reset(&p->recent_keys);
	}
	for (size_t i = 0; i < p->nrecent; i++) {
		const struct recent_place *r = &p->recent[i];
		if (r->hash == hash && r->len == p->key.len && memcmp(p->recent_keys.data + r->off, p->key.data, r->len) == 0) {
			*is_new = 0;
			return r->id;
		}
	}
	const struct key_id *found = key_ids_find_hashed(p->ids, hash, p->key.data, p->key.len);
	int64_t id;
	if (found) {
		id = found->id;
		*is_new = 0;
	} else {
		id = p->next++;
		key_ids_put_hashed(p->ids, hash, p->key.data, p->key.len, id, 0);
		*is_new = 1;
	}
	if (p->nrecent < RECENT_PLACES) {
		struct recent_place *r = &p->recent[p->nrecent++];
		r->hash = hash;
		r->id = id;
		r->off = (uint32_t)p->recent_keys.len;
		r->len = (uint32_t)p->key.len;
		buf_append(&p->recent_keys, p->key.data, p->key.len);
	}
	return id;
}
