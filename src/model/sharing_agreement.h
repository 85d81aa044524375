/* The register of information-sharing agreements: which agencies (parties) share personal data,
 * for what purpose, on which lawful basis, from when, to be reviewed when, and until when.
 * Administrators and team leaders keep the register (a team leader only for agreements their
 * own agency is party to); every signed-in user may read it. Shares of cases are made under an
 * agreement in force, and are suspended while it is not (case_access.c checks at each access). */
#ifndef NESTGUARD_SHARING_AGREEMENT_H
#define NESTGUARD_SHARING_AGREEMENT_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

#define AGREEMENT_MAX_PARTIES 32

/* As typed into the form or sent to the API. */
struct agreement_input {
	const char *title;
	const char *purpose;
	const char *lawful_basis;        /* vocab_lawful_basis code */
	const char *starts_on, *review_on, *ends_on;
	const char *party_ids[AGREEMENT_MAX_PARTIES];  /* agency ids as text; at least two */
	size_t n_parties;
};

struct agreement_party {
	int64_t agency_id;
	const char *agency_name;
};

struct sharing_agreement {
	int64_t id;
	const char *title, *purpose, *lawful_basis, *starts_on, *review_on, *ends_on;
	const char *state;               /* "in_force", "not_started" or "ended" (today, by clock_now()) */
	int review_due;                  /* in force and past its review date */
	struct agreement_party *parties;
	size_t n_parties;
	int64_t shares_in_force;         /* shares made under it, not revoked nor expired */
	int64_t created_at, updated_at;
};

/* 1 when WHO may add agreements (administrators, team leaders). */
int agreement_may_manage(const struct actor *who);
/* 1 when WHO may change agreement ID (administrators; team leaders of a party agency). */
int agreement_may_edit(struct db *db, const struct actor *who, int64_t id);

/* Validate and store. Team leaders must name their own agency as a party. Audited. */
int agreement_create(struct db *db, const struct actor *who, const struct agreement_input *in,
	struct field_errors *errs, int64_t *id_out);
/* Replace every field of agreement ID (ending it early: set ends_on to today or earlier). */
int agreement_update(struct db *db, const struct actor *who, int64_t id, const struct agreement_input *in,
	struct field_errors *errs);
/* Any signed-in user. MODEL_NOT_FOUND when there is none. */
int agreement_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct sharing_agreement *out);
/* Every agreement, in force first, then by title. */
size_t agreement_list(struct db *db, const struct actor *who, struct arena *a, struct sharing_agreement **out);
/* Agreements in force today that name OWNER_AGENCY_ID as a party (and RECIPIENT_AGENCY_ID,
 * unless 0): what a share of that agency's case may be made under. */
size_t agreement_choices(struct db *db, int64_t owner_agency_id, int64_t recipient_agency_id, struct arena *a,
	struct sharing_agreement **out);

/* Label for a state code ("In force", ...). */
const char *agreement_state_label(const char *state);

#endif
