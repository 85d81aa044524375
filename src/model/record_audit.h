/* Audit shorthand for records with integer ids. Action names follow one pattern so that the
 * categories of section 62 DPA 2018 can be read off their last part: "create", "import" =
 * collection; "update", "assign", "close" and other changes = alteration; "view", "list",
 * "search" = consultation; "export", "share" = disclosure; "merge" = combination; "erase" = erasure. */
#ifndef NESTGUARD_RECORD_AUDIT_H
#define NESTGUARD_RECORD_AUDIT_H
#include <stdint.h>
#include "model/role.h"

struct db;

/* audit_record() with RECORD_ID formatted from ID (left empty when ID <= 0, e.g. a search). DETAIL holds ids, field names and counts,
 * never personal data. */
void record_audit(struct db *db, const struct actor *who, const char *action, const char *record_type,
	int64_t id, const char *detail);

#endif
