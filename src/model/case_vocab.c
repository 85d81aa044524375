/* The fixed vocabularies. Codes must match the CHECK constraints in 010_cases.sql. */
#include <ctype.h>
#include <stddef.h>
#include "model/case_vocab.h"

const struct vocab vocab_tenure[] = {
	{"social", "Council or housing association"},
	{"private_rented", "Private rented"},
	{"owner_occupied", "Owner occupied"},
	{"supported", "Supported accommodation"},
	{"other", "Other"},
	{"unknown", "Not known"},
	{NULL, NULL}
};
const char *const vocab_tenure_codes[] = {"social", "private_rented", "owner_occupied", "supported", "other", "unknown", NULL};

const struct vocab vocab_person_role[] = {
	{"resident", "Resident or victim"},
	{"other_occupant", "Other person using the premises"},
	{"perpetrator", "Perpetrator"},
	{"associate", "Associate"},
	{"family_member", "Family member"},
	{NULL, NULL}
};
const char *const vocab_person_role_codes[] = {"resident", "other_occupant", "perpetrator", "associate", "family_member", NULL};

const struct vocab vocab_case_status[] = {
	{"open", "Open"},
	{"closure_requested", "Closure requested"},
	{"closed", "Closed"},
	{NULL, NULL}
};
const char *const vocab_case_status_codes[] = {"open", "closure_requested", "closed", NULL};

const struct vocab vocab_referral_status[] = {
	{"submitted", "Submitted, awaiting triage"},
	{"accepted", "Accepted"},
	{"signposted", "Signposted elsewhere"},
	{"passed_to_asb", "Passed to the Safer Neighbourhoods (ASB) team"},
	{NULL, NULL}
};
const char *const vocab_referral_status_codes[] = {"submitted", "accepted", "signposted", "passed_to_asb", NULL};

const struct vocab vocab_risk[] = {
	{"low", "Low"},
	{"medium", "Medium"},
	{"high", "High"},
	{NULL, NULL}
};
const char *const vocab_risk_codes[] = {"low", "medium", "high", NULL};

const struct vocab vocab_urgency[] = {
	{"routine", "Routine"},
	{"urgent", "Urgent: contact within one working day"},
	{"immediate", "Immediate risk: police have also been called"},
	{NULL, NULL}
};
const char *const vocab_urgency_codes[] = {"routine", "urgent", "immediate", NULL};

const struct vocab vocab_consent[] = {
	{"given", "The resident consented to the referral"},
	{"refused", "The resident refused consent"},
	{"not_asked", "Consent was not sought"},
	{NULL, NULL}
};
const char *const vocab_consent_codes[] = {"given", "refused", "not_asked", NULL};

const struct vocab vocab_lawful_basis[] = {
	{"consent", "Consent"},
	{"s115", "Section 115, Crime and Disorder Act 1998"},
	{"safeguarding", "Safeguarding duty"},
	{NULL, NULL}
};
const char *const vocab_lawful_basis_codes[] = {"consent", "s115", "safeguarding", NULL};

const struct vocab vocab_moved[] = {
	{"no", "Did not move"},
	{"within_borough", "Moved within the borough"},
	{"out_of_borough", "Moved out of the borough"},
	{NULL, NULL}
};
const char *const vocab_moved_codes[] = {"no", "within_borough", "out_of_borough", NULL};

const char *vocab_label(const struct vocab *list, const char *code)
{
	if (!code) return "";
	for (const struct vocab *v = list; v->code; v++) {
		const char *a = v->code, *b = code;
		while (*a && *a == *b) a++, b++;
		if (!*a && !*b) return v->label;
	}
	return code;
}

/* Equal ignoring case, and treating ' ', '-' and '_' as the same; ignores surrounding spaces. */
static int loose_equal(const char *a, const char *b)
{
	while (*b == ' ') b++;
	for (;; a++, b++) {
		char x = (char)tolower((unsigned char)*a), y = (char)tolower((unsigned char)*b);
		if (x == '-' || x == ' ') x = '_';
		if (y == '-' || y == ' ') y = '_';
		if (!x) {
			while (*b == ' ') b++;
			return *b == 0;
		}
		if (x != y) return 0;
	}
}

const char *vocab_find(const struct vocab *list, const char *text)
{
	if (!text) return NULL;
	for (const struct vocab *v = list; v->code; v++)
		if (loose_equal(v->code, text) || loose_equal(v->label, text)) return v->code;
	return NULL;
}
