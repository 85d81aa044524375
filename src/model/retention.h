/* Retention: how long each kind of record is kept (retention_rule, editable by
 * administrators), the review queue of records past their period, holds that keep a record on
 * purpose, and the purge that deletes or anonymises what is due. A purge removes the content
 * from the database file (secure_delete is on) and from the WAL (checkpoint and truncate
 * afterwards); it is audited with record ids and counts only, never the content removed. */
#ifndef NESTGUARD_RETENTION_H
#define NESTGUARD_RETENTION_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct retention_rule {
	const char *record_type;    /* "closed_case", "declined_referral" */
	const char *label;
	int months;
	const char *action;         /* "delete" or "anonymise" */
	int64_t updated_at;
	const char *updated_by_name;
};

/* One record past its retention period on AS_OF. */
struct retention_item {
	const char *record_type;
	int64_t id;
	int64_t agency_id;          /* the owning (receiving) agency */
	const char *reference;      /* case reference, or "Referral N" */
	const char *started_on;     /* the date the clock started: closure, or triage */
	const char *due_on;         /* started_on + the period */
	const char *action;
	const char *held_until;     /* "" unless a hold keeps it past AS_OF */
};

struct retention_result {
	int64_t cases_deleted, cases_anonymised, referrals_deleted, people_deleted, properties_deleted;
	int64_t held;               /* due but kept by a hold */
};

size_t retention_rules(struct db *db, struct arena *a, struct retention_rule **out);
/* Change the period and action of RECORD_TYPE (administrators, or the CLI). Field errors name
 * "months" and "action". Audited. */
int retention_rule_set(struct db *db, const struct actor *who, const char *record_type, const char *months,
	const char *action, struct field_errors *errs);

/* The review queue on AS_OF ("YYYY-MM-DD"; NULL or "" for today): records past their period,
 * oldest first, held ones included (with held_until). Administrators see every agency's,
 * team leaders their own agency's; the CLI (user 0) every agency's. */
size_t retention_review(struct db *db, const struct actor *who, const char *as_of, struct arena *a,
	struct retention_item **out);
/* Keep record RECORD_TYPE/ID past its period until UNTIL_ON, for REASON (no names). Team
 * leaders of the owning agency and administrators. Field errors: until_on, reason. */
int retention_hold(struct db *db, const struct actor *who, const char *record_type, int64_t id, const char *until_on,
	const char *reason, struct field_errors *errs);
/* Delete or anonymise everything due on AS_OF and not held, in one transaction, then
 * checkpoint and truncate the WAL. Administrators (or the CLI). MODEL_INVALID with an error on
 * "as_of" for a bad date. */
int retention_purge(struct db *db, const struct actor *who, const char *as_of, struct retention_result *out,
	struct field_errors *errs);

/* YYYY-MM-DD plus MONTHS (negative: minus), the day clamped to the month's length. */
void date_add_months(const char *ymd, int months, char out[11]);

#endif
