/* The audit trail: append-only, hash-chained, written in the same transaction as the
 * change it records. Never put personal data in DETAIL: ids, field names and counts only. */
#ifndef NESTGUARD_AUDIT_H
#define NESTGUARD_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"

struct db;

/* Append one row. ACTION is a short verb phrase ("signin", "signin.failed", "case.view",
 * "case.update", "access.denied"); RECORD_TYPE/RECORD_ID name what was touched (may be
 * NULL); PURPOSE is the stated justification where policy asks for one (may be NULL).
 * Runs inside the caller's transaction when there is one, else in its own. */
void audit_record(struct db *db, const struct actor *who, const char *action,
	const char *record_type, const char *record_id, const char *purpose, const char *detail);

/* Check the whole chain. Returns 0 when intact; otherwise -1 with *BAD_ID set to the first
 * row that does not match and WHY saying how. */
int audit_verify(struct db *db, int64_t *bad_id, char *why, size_t whysize);

#endif
