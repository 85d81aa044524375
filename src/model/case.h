/* Cases: opened from an accepted referral (or directly, or by import), owned by one agency,
 * assigned to a worker; people with roles, properties, exploitation types, risk with history;
 * closure requested by a worker and approved by a team leader who did not request it;
 * reopened when needed. Every operation is one transaction and audited; impossible
 * transitions are refused with the reason. */
#ifndef NESTGUARD_CASE_H
#define NESTGUARD_CASE_H
#include <stddef.h>
#include <stdint.h>
#include "model/case_access.h"
#include "model/person.h"
#include "model/property.h"
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

/* What case_insert() needs; the caller has validated it. */
struct case_open_input {
	int64_t agency_id;
	int64_t team_id;               /* 0: none */
	int64_t referring_agency_id;   /* 0: none */
	int64_t assigned_user_id;      /* 0: unassigned */
	const char *reference;         /* NULL: the next NG-YYYY-NNNNN for the year of opened_on */
	const char *opened_on;         /* YYYY-MM-DD */
	int64_t ward_id, neighbourhood_id;
	const char *tenure;            /* NULL: "unknown" */
	const char *source;            /* "referral", "import" or "direct" */
	const char *summary;
	/* bulk loads only (zero/NULL otherwise): a case already closed, and its type bits */
	const char *closed_on;         /* set: status closed with the closure fields below */
	int positively_resolved, stayed_in_tenancy;   /* 1, 0, or -1 not recorded */
	const char *moved;
	int64_t type_mask;
};

struct case_file {
	enum access_level access;
	int64_t id, agency_id, team_id, assigned_user_id, referring_agency_id, ward_id, neighbourhood_id, referral_id;
	const char *reference, *agency_name, *team_name, *assigned_name, *status, *risk_level;
	const char *referring_agency_name, *ward_name, *neighbourhood_name, *tenure, *summary;
	const char *opened_on, *closed_on;        /* closed_on "" while open */
	int positively_resolved, stayed_in_tenancy;  /* 1, 0, or -1 when not recorded */
	const char *moved, *closure_reason;
	int64_t closure_requested_by, closure_requested_at, closure_approved_by, closure_approved_at;
	const char *closure_requested_by_name, *closure_approved_by_name;
	const char *source;
	int64_t created_at, updated_at;
	unsigned sections;           /* case_section bits WHO may read (all for the owner) */
	int via_share;               /* 1: WHO reads it through a share to their agency */
};

struct case_person_item {
	int64_t link_id;
	struct person person;
	const char *role;
	int other_cases;               /* other cases WHO may see that link this person */
};

struct case_property_item {
	int64_t link_id;
	struct property property;
	int other_cases;
};

struct case_type_item {
	int64_t id;
	const char *code, *label;
};

struct case_risk_item {
	const char *level, *reason, *assessed_by_name;
	int64_t assessed_at;
};

/* The next free reference for the year of DATE ("2026-..."): NG-2026-00042. Inside the
 * caller's transaction (it advances the counter). */
void case_next_reference(struct db *db, const char *date, char out[24]);
/* Insert a case row and its "opened" event; inside the caller's transaction, no audit.
 * Returns the id, or 0 when the reference is already taken. */
int64_t case_insert(struct db *db, const struct actor *who, const struct case_open_input *in);
/* Link a person / property to a case without checks (caller checked and audits); adds the
 * chronology event and refreshes the case's search terms — except when WHO is NULL (bulk loads:
 * the demo and the import), which call case_search_refresh_from() once at the end.
 * Returns 0, or -1 when the link already exists. */
int case_link_person(struct db *db, const struct actor *who, int64_t case_id, int64_t person_id, const char *role);
int case_link_property(struct db *db, const struct actor *who, int64_t case_id, int64_t property_id);
/* Rebuild the search terms of one case (case_search_refresh), or of every case with id >=
 * FIRST_ID (after bulk loads): called whenever people or properties are linked, unlinked or merged. */
void case_search_refresh(struct db *db, int64_t case_id);
void case_search_refresh_from(struct db *db, int64_t first_id);
/* After inserting or deleting rows of case_exploitation_type directly: refresh the case's
 * type_mask (the copy of its types the case list filters on). */
void case_types_changed(struct db *db, int64_t case_id);
/* Bulk loads of cases from FIRST_ID on: case_type_list (migration 017) is not kept row by row
 * until case_type_list_fill(), which adds those cases' rows in one pass. Both inside the
 * caller's transaction. */
void case_type_list_defer(struct db *db, int64_t first_id);
void case_type_list_fill(struct db *db);
/* Record a chronology event and bump updated_at. KIND: opened, assigned (REF_ID user),
 * person_added / person_removed / person_merged (REF_ID person, DETAIL role), property_added
 * (REF_ID property), types_changed, closure_requested, closure_approved, closure_declined,
 * reopened (DETAIL the reason). REF_ID 0 means none. */
void case_event_add(struct db *db, const struct actor *who, int64_t case_id, const char *kind, int64_t ref_id,
	const char *detail);

/* MODEL_OK when WHO may change case ID now (it exists for them and is not closed); otherwise
 * the status to return, with the reason in ERRS for a closed case. */
int case_writable(struct db *db, const struct actor *who, int64_t case_id, struct field_errors *errs);

/* Open a case directly (caseworkers and team leaders, in their agency): opened_on,
 * exploitation type ids, optional summary. */
struct case_create_input {
	const char *opened_on;
	const char *type_ids[16];
	size_t n_types;
	const char *summary;
};
int case_create(struct db *db, const struct actor *who, const struct case_create_input *in,
	struct field_errors *errs, int64_t *id_out);

/* Read a case (audited as case.view). MODEL_NOT_FOUND unless WHO may read it. */
int case_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_file *out);
/* Parts of a case for its page; each checks read access (no audit: the page audits case_get). */
int case_people(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_person_item **out, size_t *n);
int case_properties(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_property_item **out, size_t *n);
int case_types(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_type_item **out, size_t *n);
int case_risks(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_risk_item **out, size_t *n);
/* The exploitation types that may be chosen (not retired), in order. */
size_t case_type_choices(struct db *db, struct arena *a, struct case_type_item **out);

/* Changes. USER_ID etc. are text as submitted. Team leaders assign anyone in the team;
 * caseworkers may take a case for themselves. */
int case_assign(struct db *db, const struct actor *who, int64_t id, const char *user_id, struct field_errors *errs);
int case_set_risk(struct db *db, const struct actor *who, int64_t id, const char *level, const char *reason,
	struct field_errors *errs);
int case_set_types(struct db *db, const struct actor *who, int64_t id, const char *const *type_ids, size_t n,
	struct field_errors *errs);
int case_add_person(struct db *db, const struct actor *who, int64_t id, const char *person_id, const char *role,
	struct field_errors *errs);
/* Record a new person and put them on the case in ROLE, in one transaction (field errors name
 * given_name, family_name, known_as, date_of_birth, role). */
int case_add_new_person(struct db *db, const struct actor *who, int64_t id, const struct person_input *in,
	const char *role, struct field_errors *errs, int64_t *person_id_out);
/* Record a new property (or reuse the agency's record with the same UPRN) and link it. */
int case_add_new_property(struct db *db, const struct actor *who, int64_t id, const struct property_input *in,
	struct field_errors *errs);
int case_remove_person(struct db *db, const struct actor *who, int64_t id, int64_t link_id, struct field_errors *errs);
int case_add_property(struct db *db, const struct actor *who, int64_t id, const char *property_id,
	struct field_errors *errs);
int case_update_summary(struct db *db, const struct actor *who, int64_t id, const char *summary, struct field_errors *errs);

struct case_closure_input {
	const char *positively_resolved;   /* yes/no: the victim no longer experiences exploitation */
	const char *stayed_in_tenancy;     /* yes/no */
	const char *moved;                 /* vocab_moved code */
	const char *reason;
};
/* open -> closure_requested (the case's caseworkers and team leaders). */
int case_request_closure(struct db *db, const struct actor *who, int64_t id, const struct case_closure_input *in,
	struct field_errors *errs);
/* closure_requested -> closed, by a team leader who did not request it. */
int case_approve_closure(struct db *db, const struct actor *who, int64_t id, struct field_errors *errs);
/* closure_requested -> open, by a team leader, with a reason. */
int case_decline_closure(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs);
/* closed -> open, with a reason. */
int case_reopen(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs);

/* Workers a case of AGENCY_ID can be assigned to (caseworkers and team leaders, not disabled). */
struct case_worker { int64_t id; const char *name; };
size_t case_worker_choices(struct db *db, int64_t agency_id, struct arena *a, struct case_worker **out);

#endif
