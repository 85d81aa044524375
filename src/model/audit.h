/* The audit trail: append-only and hash-chained, in two logs. A row recording a change is
 * written in the same transaction as the change (main.audit); a row recording no change (a
 * view, list, search, export, sign-in or refusal) goes to the access log (access.access_log,
 * a file of its own: see db_open). Never put personal data in DETAIL: ids, field names and
 * counts only. */
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

/* Check both chains. Returns 0 when intact; otherwise -1 with *BAD_ID set to the first row
 * that does not match and WHY saying which log and how. *ROWS (may be NULL) gets the number
 * of rows checked. */
int audit_verify(struct db *db, int64_t *rows, int64_t *bad_id, char *why, size_t whysize);

/* 0 when the database expects an access log (its migration ran) but the attached file has
 * none: PATH.access was lost or not restored with the database. */
int audit_access_log_present(struct db *db);

/* Both logs as one table, for reading: (log, id, at, user_id, agency_id, action, record_type,
 * record_id, client, purpose, detail), log being 'change' or 'access'. Use as
 * "FROM (" AUDIT_TRAIL ") a". */
#define AUDIT_TRAIL \
	"SELECT 'change' AS log, id, at, user_id, agency_id, action, record_type, record_id, client, purpose, detail" \
	" FROM main.audit UNION ALL" \
	" SELECT 'access', id, at, user_id, agency_id, action, record_type, record_id, client, purpose, detail" \
	" FROM access.access_log"

#endif
