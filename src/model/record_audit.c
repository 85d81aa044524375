/* record_audit(): audit_record() for integer ids. */
#include <inttypes.h>
#include <stdio.h>
#include "model/audit.h"
#include "model/record_audit.h"

void record_audit(struct db *db, const struct actor *who, const char *action, const char *record_type,
	int64_t id, const char *detail)
{
	char rid[24] = "";
	if (id > 0) snprintf(rid, sizeof rid, "%" PRId64, id);
	audit_record(db, who, action, record_type, rid, NULL, detail);
}
