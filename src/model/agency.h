/* Agencies: the organisations in the partnership (police, housing, council teams, ...). */
#ifndef NESTGUARD_AGENCY_H
#define NESTGUARD_AGENCY_H
#include <stdint.h>
#include "model/role.h"

struct db;

/* The kinds an agency can be; agency_kind_valid() checks a machine name against them. */
extern const char *const agency_kinds[];       /* NULL-terminated machine names */
const char *agency_kind_label(const char *kind);
int agency_kind_valid(const char *kind);

/* Create an agency. Returns its id, or 0 with *ERROR set to a user message
 * (empty or duplicate name, unknown kind). Audited. */
int64_t agency_add(struct db *db, const struct actor *who, const char *name, const char *kind, const char **error);
int64_t agency_find_by_name(struct db *db, const char *name);   /* 0 when none */

#endif
