/* Interventions and outcomes recorded on a case: dated, of a kind from the editable list
 * (target hardening, closure orders, arrest, victim moved, ...), optionally about one person
 * on the case, with details. Reports group kinds by intervention_kind.grp. */
#ifndef NESTGUARD_INTERVENTION_H
#define NESTGUARD_INTERVENTION_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct intervention_input {
	const char *kind;          /* intervention_kind code, e.g. "target_hardening" */
	const char *occurred_on;   /* date; not in the future */
	const char *person_id;     /* optional: a person on the case */
	const char *details;
};

struct intervention {
	int64_t id, case_id, person_id;
	const char *kind, *kind_label, *grp, *occurred_on, *details, *person_name, *recorded_by_name;
	int64_t recorded_at;
	const char *special_category;   /* the record's or its kind's special category, "" when none */
	int withheld;                   /* 1: WHO may not see this special-category record: kind,
	                                   details and person are blanked ("withheld") */
};

struct intervention_kind_item {
	int64_t id;
	const char *code, *label, *grp;
};

/* The kinds that may be chosen (not retired), in order. */
size_t intervention_kinds(struct db *db, struct arena *a, struct intervention_kind_item **out);
/* Record one on case CASE_ID (its caseworkers and team leaders; not on a closed case). */
int intervention_record(struct db *db, const struct actor *who, int64_t case_id, const struct intervention_input *in,
	struct field_errors *errs, int64_t *id_out);
/* The same, marking it as holding special-category details of SPECIAL_CATEGORY (a
 * special_category code; NULL or "": none beyond what its kind implies; an unknown code is a
 * field error on "special_category"). Details are stored encrypted. */
int intervention_record_marked(struct db *db, const struct actor *who, int64_t case_id, const struct intervention_input *in,
	const char *special_category, struct field_errors *errs, int64_t *id_out);
/* A case's interventions, most recent first (read access to the interventions section; the
 * case view is what is audited). Details are stored encrypted. */
int intervention_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct intervention **out, size_t *n);

#endif
