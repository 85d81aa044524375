/* Subject access (Article 15 UK GDPR; Part 3 DPA 2018 for law-enforcement processing): everything
 * nestguard holds about one person — the person record, the cases and referrals naming them,
 * with their notes, tasks, interventions, risk reviews, properties — and who has looked at
 * those records (from the audit). Other people's personal data is redacted: other people on
 * the cases appear only by role; their names and dates of birth are blanked in free text;
 * addresses are given only where the person lived there (resident or other occupant);
 * interventions about another person are withheld. Staff names are kept: they act in a
 * professional capacity, and who viewed the records is part of the answer.
 * The export is for team leaders and administrators of the agency holding the person's
 * record (or the CLI), and is itself audited as a disclosure ("person.sar"). */
#ifndef NESTGUARD_SUBJECT_ACCESS_H
#define NESTGUARD_SUBJECT_ACCESS_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

#define SAR_REDACTED "[redacted]"

struct sar_dated_text {
	const char *date;          /* YYYY-MM-DD */
	const char *title;         /* e.g. an intervention kind, a risk level */
	const char *text;          /* redacted free text */
	const char *by;            /* staff name */
};

struct sar_case {
	int64_t id;
	const char *reference, *agency, *role, *status, *opened_on, *closed_on, *summary, *types;
	const char **addresses;    /* addresses where the person lived, or the withheld line */
	size_t n_addresses;
	const char *other_people;  /* "2 other people (perpetrator, associate)", "" */
	struct sar_dated_text *risk, *interventions, *tasks, *notes;
	size_t n_risk, n_interventions, n_tasks, n_notes;
};

struct sar_referral {
	int64_t id;
	const char *referred_on, *referring_agency, *role, *status, *urgency, *observations, *signs, *address;
};

struct sar_view {
	int64_t at;
	const char *user, *agency, *action, *category, *record_type, *record_id;
};

struct sar_export {
	int64_t person_id;
	const char *given_name, *family_name, *known_as, *date_of_birth, *agency;
	const char **also_recorded_as;  /* names of records merged into this one */
	size_t n_also;
	int64_t generated_at;
	const char *generated_by, *request_reference;
	struct sar_case *cases;
	size_t n_cases;
	struct sar_referral *referrals;
	size_t n_referrals;
	struct sar_view *views;
	size_t n_views;
};

/* Gather everything held about PERSON_ID into OUT (strings in A), and audit the export as a
 * disclosure with REQUEST_REFERENCE (the organisation's SAR reference, required, no names) and
 * FORMAT ("json" or "pdf") in the detail. MODEL_NOT_FOUND unless WHO may make the export;
 * MODEL_INVALID with an error on "request_reference". */
int subject_access_collect(struct db *db, const struct actor *who, int64_t person_id, const char *request_reference,
	const char *format, struct arena *a, struct sar_export *out, struct field_errors *errs);

/* TEXT with every whole-word, case-insensitive occurrence of the TERMS blanked to
 * SAR_REDACTED, always as a copy in A. Exposed for tests. */
const char *subject_access_redact(struct arena *a, const char *text, const char *const *terms, size_t n_terms);

#endif
