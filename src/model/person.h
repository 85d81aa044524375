/* People: names and date of birth, reused across the owning agency's cases in different roles
 * (the same perpetrator in several cases is one record). Likely duplicates are found by
 * Soundex of the names and the date of birth; a team leader merges them (audited as combination). */
#ifndef NESTGUARD_PERSON_H
#define NESTGUARD_PERSON_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct person_input {
	const char *given_name;
	const char *family_name;
	const char *known_as;
	const char *date_of_birth;   /* YYYY-MM-DD or D/M/YYYY; optional */
};

struct person {
	int64_t id;
	int64_t agency_id;
	int64_t merged_into;         /* 0 unless this record was merged into another */
	const char *given_name;
	const char *family_name;
	const char *known_as;
	const char *date_of_birth;   /* "" when unknown */
};

struct person_match {
	struct person person;
	const char *why;             /* "Same name and date of birth", "Name sounds the same", ... */
};

/* A case this person appears in, as WHO may see it. */
struct person_case {
	int64_t case_id;
	const char *reference;
	const char *role;            /* vocab_person_role code */
	const char *status;
};

/* Check IN and fill OUT. PREFIX goes before field names in errors ("people[0]."). */
int person_validate(struct arena *a, const struct person_input *in, const char *prefix,
	struct field_errors *errs, struct person *out);
/* Insert a validated person for AGENCY_ID with phonetic keys and search terms; inside the
 * caller's transaction, the caller audits. Returns the id. */
int64_t person_store(struct db *db, const struct actor *who, int64_t agency_id, const struct person *p);

/* Create a person in WHO's agency (caseworkers and team leaders). */
int person_create(struct db *db, const struct actor *who, const struct person_input *in,
	struct field_errors *errs, int64_t *id_out);
/* Read one person, audited as a view; MODEL_NOT_FOUND when absent or not visible. A merged
 * record is returned with merged_into set so callers can send the user to the survivor. */
int person_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct person *out);
/* Read without access check or audit (for records already reached through a checked case). */
int person_load(struct db *db, int64_t id, struct arena *a, struct person *out);
/* "Given Family" or "Given Family (known as X)". */
const char *person_display_name(struct arena *a, const struct person *p);

/* Likely duplicates of P among the people WHO may see (not merged, not EXCLUDE_ID): the same
 * Soundex family name with the same Soundex given name or date of birth, or the same date of
 * birth and Soundex given name (a changed family name). Returns the count (at most 20). */
size_t person_find_duplicates(struct db *db, const struct actor *who, const struct person *p, int64_t exclude_id,
	struct arena *a, struct person_match **out);

/* Merge MERGE_ID into KEEP_ID (team leaders of the owning agency): every case, referral and
 * intervention link moves to KEEP_ID, missing details are filled from the merged record, and
 * the merged record points at the survivor. One transaction; audited as person.merge. */
int person_merge(struct db *db, const struct actor *who, int64_t keep_id, int64_t merge_id, struct field_errors *errs);

/* The cases linking this person that WHO may read, newest first. */
size_t person_cases(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct person_case **out);
/* People WHO may see whose names match every word of Q (prefixes), at most LIMIT. Audited. */
size_t person_search(struct db *db, const struct actor *who, const char *q, size_t limit,
	struct arena *a, struct person **out);

#endif
