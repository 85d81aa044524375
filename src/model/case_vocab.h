/* Fixed vocabularies of the case records (codes stored in the database, labels shown on pages):
 * tenure, person roles, statuses, risk, urgency, consent, lawful basis, closure moves.
 * The editable lists (exploitation types, intervention kinds, signs) live in tables instead. */
#ifndef NESTGUARD_CASE_VOCAB_H
#define NESTGUARD_CASE_VOCAB_H

struct vocab {
	const char *code;
	const char *label;
};

/* Each list ends with {NULL, NULL}; CODES is the same list as a NULL-terminated array of
 * codes for validate_choice(). */
extern const struct vocab vocab_tenure[];
extern const char *const vocab_tenure_codes[];
extern const struct vocab vocab_person_role[];
extern const char *const vocab_person_role_codes[];
extern const struct vocab vocab_case_status[];
extern const char *const vocab_case_status_codes[];
extern const struct vocab vocab_referral_status[];
extern const char *const vocab_referral_status_codes[];
extern const struct vocab vocab_risk[];
extern const char *const vocab_risk_codes[];
extern const struct vocab vocab_urgency[];
extern const char *const vocab_urgency_codes[];
extern const struct vocab vocab_consent[];
extern const char *const vocab_consent_codes[];
extern const struct vocab vocab_lawful_basis[];
extern const char *const vocab_lawful_basis_codes[];
extern const struct vocab vocab_moved[];
extern const char *const vocab_moved_codes[];

/* The label of CODE in LIST, or CODE itself when it is not listed ("" for NULL). */
const char *vocab_label(const struct vocab *list, const char *code);
/* The code whose code or label equals TEXT ignoring case, spaces, '-' and '_'; NULL if none.
 * Lets imports accept "Private rented" as well as "private_rented". */
const char *vocab_find(const struct vocab *list, const char *text);

#endif
