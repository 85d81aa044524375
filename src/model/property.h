/* Properties (dwellings): address, UPRN, postcode, coordinates, ward or neighbourhood and
 * tenure. A property is one record reused by every case of its owning agency at that address. */
#ifndef NESTGUARD_PROPERTY_H
#define NESTGUARD_PROPERTY_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

/* As typed into a form or sent to the API: every field is text, any may be NULL. */
struct property_input {
	const char *uprn;
	const char *address_line1;
	const char *address_line2;
	const char *town;
	const char *postcode;
	const char *longitude;
	const char *latitude;
	const char *area_id;       /* a ward or neighbourhood; optional */
	const char *tenure;        /* a vocab_tenure code */
};

struct property {
	int64_t id;
	int64_t agency_id;
	const char *uprn;          /* "" when unknown */
	const char *address_line1;
	const char *address_line2;
	const char *town;
	const char *postcode;      /* "SK5 7AA" */
	int has_coordinates;
	double longitude, latitude;
	int64_t ward_id, neighbourhood_id;
	const char *ward_name, *neighbourhood_name;
	const char *tenure;
};

/* Check IN and fill OUT (strings in A). PREFIX is put before field names in errors
 * ("property." in a referral). Returns MODEL_OK or MODEL_INVALID. No database writes. */
int property_validate(struct db *db, struct arena *a, const struct property_input *in, const char *prefix,
	struct field_errors *errs, struct property *out);
/* Store a validated property for AGENCY_ID: an existing record with the same UPRN is reused.
 * Inside the caller's transaction; the caller audits. Returns the id. */
int64_t property_store(struct db *db, const struct actor *who, int64_t agency_id, const struct property *p);

/* Give every property that has coordinates but no ward the ward its point lies in, and each
 * case without a ward the ward of its first such property: for records saved before the
 * ward boundaries (or the wards' ONS codes) were loaded. Inside the caller's transaction.
 * Returns the number of properties placed. */
int64_t property_assign_missing_wards(struct db *db);

/* Create a property for WHO's agency (caseworkers and team leaders). */
int property_create(struct db *db, const struct actor *who, const struct property_input *in,
	struct field_errors *errs, int64_t *id_out);
/* Read one property (audited as a view). MODEL_NOT_FOUND when absent or not visible. */
int property_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct property *out);
/* Read without audit or access check, for pages that already checked the case (id lists). */
int property_load(struct db *db, int64_t id, struct arena *a, struct property *out);
/* One line for lists: "12 Fictional Road, SK5 7AA". */
const char *property_one_line(struct arena *a, const struct property *p);

/* The cases at property ID that WHO may read, newest first (reference, status; role is ""). */
struct person_case;
size_t property_cases(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct person_case **out);

/* Properties visible to WHO matching Q (address words, postcode, UPRN), at most LIMIT. */
size_t property_search(struct db *db, const struct actor *who, const char *q, size_t limit,
	struct arena *a, struct property **out);

#endif
