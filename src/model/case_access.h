/* Who may see or change a case, and everything reached through one: the single place that
 * decides it. Today: the owning agency's caseworkers and team leaders may read and change its
 * cases; the person who made a referral sees only its status; everyone else sees nothing, and
 * callers answer 404 (not 403) so that the existence of a case is not disclosed.
 * Issue 6 adds shares (another agency reads a case, or parts of it, under an agreement) here. */
#ifndef NESTGUARD_CASE_ACCESS_H
#define NESTGUARD_CASE_ACCESS_H
#include <stdint.h>
#include "model/role.h"

struct db;
struct query;

enum access_level {
	ACCESS_NONE = 0,     /* answer 404 */
	ACCESS_STATUS = 1,   /* the referrer: the status of their own referral, nothing else */
	ACCESS_READ = 2,
	ACCESS_WRITE = 3
};

/* The rule itself, for a record owned by OWNING_AGENCY_ID. */
enum access_level access_for_owner(const struct actor *who, int64_t owning_agency_id);

/* A case (ACCESS_NONE when it does not exist). The referrer of the referral that opened the
 * case gets ACCESS_STATUS. */
enum access_level case_access(struct db *db, const struct actor *who, int64_t case_id);
/* A referral: the receiving agency's caseworkers and team leaders may triage it (WRITE);
 * its referrer sees its status (STATUS). */
enum access_level referral_access(struct db *db, const struct actor *who, int64_t referral_id);
/* A person or property: the owning agency's staff, or anyone who may read a case linking it. */
enum access_level person_access(struct db *db, const struct actor *who, int64_t person_id);
enum access_level property_access(struct db *db, const struct actor *who, int64_t property_id);

/* True when WHO may work cases at all (caseworker or team leader): creating people and
 * properties, opening cases. */
int access_is_case_staff(const struct actor *who);

/* Append to Q a boolean SQL expression, true for exactly the rows of case_file (under ALIAS)
 * that case_access() would let WHO read. Lists use it so they can never show more than the
 * per-record rule allows. */
void case_access_list_filter(const struct actor *who, struct query *q, const char *alias);
/* The same for records owned by an agency directly (people, properties; ALIAS names the table). */
void access_owner_list_filter(const struct actor *who, struct query *q, const char *alias);

#endif
