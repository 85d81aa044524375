/* Referrals: any signed-in partner reports a suspected cuckooing or exploitation (people,
 * address, observed signs, consent and lawful basis, urgency); the receiving agency's
 * exploitation team triages it: accept (opens a case), signpost elsewhere, or pass to the
 * Safer Neighbourhoods / ASB team, each with a reason. The referrer sees only the status. */
#ifndef NESTGUARD_REFERRAL_H
#define NESTGUARD_REFERRAL_H
#include <stddef.h>
#include <stdint.h>
#include "model/case_access.h"
#include "model/person.h"
#include "model/property.h"
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

#define REFERRAL_MAX_PEOPLE 8
#define REFERRAL_MAX_SIGNS 32

struct referral_person_input {
	struct person_input person;
	const char *role;              /* vocab_person_role code */
};

/* As submitted through the form or the API; all text, any may be NULL. */
struct referral_input {
	const char *receiving_agency_id;  /* optional: else referral_receiving_agency() */
	const char *referring_team;
	const char *referrer_contact;     /* phone or email for the triage team */
	const char *referred_on;          /* empty: today */
	struct property_input property;   /* fields named without a prefix: "postcode", "tenure" */
	const char *signs[REFERRAL_MAX_SIGNS];
	size_t n_signs;
	const char *observations;
	const char *consent;              /* vocab_consent code */
	const char *lawful_basis;         /* vocab_lawful_basis code */
	const char *urgency;              /* vocab_urgency code */
	struct referral_person_input people[REFERRAL_MAX_PEOPLE];  /* errors name "people[N].field" */
	size_t n_people;
};

struct referral_sign_item { const char *code, *label; };
struct referral_person_item { struct person person; const char *role; };

/* A referral as WHO may see it. With ACCESS_STATUS only the fields marked (S) are filled;
 * the others are "" / 0 / NULL. */
struct referral {
	enum access_level access;
	int64_t id;                                   /* (S) */
	const char *referred_on;                      /* (S) */
	const char *status;                           /* (S) vocab_referral_status code */
	const char *case_status;                      /* (S) "" until accepted */
	int64_t created_at, triaged_at;               /* (S) */
	const char *referring_agency_name;            /* (S) */
	int64_t receiving_agency_id, referring_agency_id, referrer_user_id, case_id, triaged_by;
	const char *receiving_agency_name, *referring_team, *referrer_name, *referrer_contact;
	const char *observations, *consent, *lawful_basis, *urgency, *triage_reason, *triaged_by_name;
	const char *case_reference;
	int has_property;
	struct property property;
	struct referral_sign_item *signs;
	size_t n_signs;
	struct referral_person_item *people;
	size_t n_people;
};

/* One line of a referral list. */
struct referral_row {
	int64_t id;
	const char *referred_on, *status, *urgency, *referring_agency_name, *address, *resident;
	int64_t case_id;
	int64_t created_at;
};

/* The agency referrals go to when the form does not say: the setting
 * cases.receiving_agency_id, else the lowest-numbered agency with caseworkers or team leaders.
 * 0 when there is none. */
int64_t referral_receiving_agency(struct db *db);

/* Validate and store a referral from WHO (referrers, caseworkers, team leaders, partners).
 * Nothing is stored unless every field is valid. */
int referral_submit(struct db *db, const struct actor *who, const struct referral_input *in,
	struct field_errors *errs, int64_t *id_out);
/* Read a referral as WHO may see it (audited as a view). MODEL_NOT_FOUND when WHO may not. */
int referral_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct referral *out);

/* Triage (the receiving agency's caseworkers and team leaders). Each needs a REASON and a
 * referral still "submitted"; anything else is refused with the reason. */
int referral_accept(struct db *db, const struct actor *who, int64_t id, const char *reason,
	struct field_errors *errs, int64_t *case_id_out);
int referral_signpost(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs);
int referral_pass_to_asb(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs);

/* The triage queue of WHO's agency with STATUS ("" or NULL: submitted), most urgent and
 * oldest first, at most LIMIT rows. */
size_t referral_queue(struct db *db, const struct actor *who, const char *status, size_t limit,
	struct arena *a, struct referral_row **out);
/* Referrals WHO submitted, newest first: id, date, agency and status only. */
size_t referral_mine(struct db *db, const struct actor *who, size_t limit, struct arena *a, struct referral_row **out);

#endif
