/* Sharing a case with another agency: the whole case or chosen sections (case_access.h), with
 * or without special-category details, on a lawful basis, under an information-sharing
 * agreement in force that names both agencies, until an expiry date. Shares are made and
 * revoked by the owning agency's caseworkers and team leaders and audited as disclosure
 * ("case.share"); whether a share lets anyone read anything is decided in case_access.c. */
#ifndef NESTGUARD_CASE_SHARE_H
#define NESTGUARD_CASE_SHARE_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

/* The sections by name, in page order (bits from enum case_section). */
struct case_section_name {
	unsigned bit;
	const char *code;     /* "people", ... */
	const char *label;    /* "People on the case" */
};
extern const struct case_section_name case_section_names[];   /* ends with {0, NULL, NULL} */
/* "People, notes" for a bit set ("The whole case" for all of them). */
const char *case_sections_label(struct arena *a, unsigned sections);

/* As typed into the form or sent to the API. */
struct share_input {
	const char *agency_id;         /* the recipient agency */
	const char *agreement_id;
	const char *lawful_basis;      /* vocab_lawful_basis code */
	const char *purpose;           /* why this agency needs it; no names */
	const char *expires_on;        /* last day the share may be used */
	const char *sections[8];       /* section codes, or "all" */
	size_t n_sections;
	const char *special_category;  /* yes/no: include special-category details */
};

struct case_share {
	int64_t id, case_id, agency_id, agreement_id;
	const char *agency_name, *agreement_title, *lawful_basis, *purpose, *expires_on;
	unsigned sections;
	int special_category;
	const char *state;             /* "active", "expired", "suspended" (agreement not in force) or "revoked" */
	const char *created_by_name, *revoked_by_name;
	int64_t created_at, revoked_at;
};

/* Share case CASE_ID (WHO: caseworker or team leader of the owning agency). Field errors name
 * agency_id, agreement_id, lawful_basis, purpose, expires_on, sections, special_category. */
int case_share_create(struct db *db, const struct actor *who, int64_t case_id, const struct share_input *in,
	struct field_errors *errs, int64_t *id_out);
/* Revoke share SHARE_ID of case CASE_ID: it stops giving access at once. Refused when it is
 * already revoked. */
int case_share_revoke(struct db *db, const struct actor *who, int64_t case_id, int64_t share_id,
	struct field_errors *errs);
/* The shares of a case WHO may know about: all of them for the owning agency's staff; the
 * shares to their own agency for a recipient who may read the case. Newest first. */
int case_share_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct case_share **out, size_t *n);

const char *case_share_state_label(const char *state);

#endif
