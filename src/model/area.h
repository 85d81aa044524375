/* Areas: electoral wards (with ONS codes) and named neighbourhoods or estates inside a ward
 * (Brinnington, Mottram Street Estate). Cases and properties are filtered and counted by them.
 * Stored in the table "locality" (migration 012): "area" is crime analytics' statistical
 * geography with boundaries; a ward's ONS code links the two. */
#ifndef NESTGUARD_AREA_H
#define NESTGUARD_AREA_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct area {
	int64_t id;
	const char *kind;        /* "ward" or "neighbourhood" */
	const char *name;
	const char *ons_code;    /* wards; "" otherwise */
	int64_t ward_id;         /* neighbourhoods: the ward they lie in; wards: 0 */
	const char *ward_name;   /* neighbourhoods: their ward's name */
};

/* Every area, each ward followed by its neighbourhoods, wards by name. Returns the count. */
size_t area_list(struct db *db, struct arena *a, struct area **out);
/* One area, or MODEL_NOT_FOUND. */
int area_get(struct db *db, int64_t id, struct arena *a, struct area *out);
/* An area by ONS code or name (case-insensitive; a neighbourhood may be given as
 * "Ward / Neighbourhood" too). 0 when there is none. */
int64_t area_find(struct db *db, const char *name_or_code);
/* The ward of AREA_ID: itself for a ward, its parent for a neighbourhood, 0 when unknown. */
int64_t area_ward_of(struct db *db, int64_t area_id);

/* Add a named neighbourhood inside WARD_ID (administrators). */
int area_add_neighbourhood(struct db *db, const struct actor *who, const char *ward_id, const char *name,
	struct field_errors *errs, int64_t *id_out);

/* The ward containing the point (WGS84 longitude/latitude), by the ward boundaries; 0 when
 * outside every ward or when no boundaries are loaded. */
int64_t area_ward_for_point(struct db *db, double longitude, double latitude);

#endif
