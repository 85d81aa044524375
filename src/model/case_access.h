/* Who may see or change a case, and everything reached through one: the single place that
 * decides it (docs/information-governance.md states the rules in words).
 *  - The owning agency's caseworkers and team leaders read and change its cases, every section.
 *  - Another agency's partners, caseworkers and team leaders read a case, or the sections of it
 *    that were shared, while a share to their agency is in force: not revoked, not past its
 *    expiry date, and made under an information-sharing agreement that is in force today (by
 *    clock_now(), so tests move time) and names both agencies as parties.
 *  - Special-category details (health, drug use, sexual exploitation) need, on top, a role
 *    named in special_category.roles and, through a share, a share that includes them.
 *  - The person who made a referral sees only its status. Analysts and administrators see no
 *    case records (analysts get aggregates elsewhere).
 * Everyone else sees nothing, and callers answer 404 (not 403) so that the existence of a
 * case is not disclosed. Lists use the SQL form of the same rule (case_access_list_*). */
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

/* Sections of a case that can be shared one by one (bits; stored in case_share.sections).
 * The case itself — reference, status, dates, owning and referring agency, area, tenure,
 * exploitation types and worker — comes with any share. The summary and the closure reason
 * are free text and travel with NOTES. */
enum case_section {
	CASE_SECTION_PEOPLE = 1,
	CASE_SECTION_PROPERTY = 2,
	CASE_SECTION_RISK = 4,
	CASE_SECTION_INTERVENTIONS = 8,
	CASE_SECTION_TASKS = 16,
	CASE_SECTION_NOTES = 32,
	CASE_SECTION_CHRONOLOGY = 64,
	CASE_SECTION_ALL = 127
};

/* What WHO may do with one case. */
struct case_grant {
	enum access_level level;   /* on the case itself */
	unsigned sections;         /* case_section bits WHO may read (all for the owner) */
	int owner;                 /* 1: WHO works for the owning agency (caseworker/team leader) */
	int special_shared;        /* 1: owner, or a share in force includes special-category details */
};

/* The owner rule alone, for a record owned by OWNING_AGENCY_ID: WRITE for the agency's
 * caseworkers and team leaders, else NONE. */
enum access_level access_for_owner(const struct actor *who, int64_t owning_agency_id);

/* The whole decision for case CASE_ID (all zero when it does not exist or WHO sees nothing). */
void case_access_grant(struct db *db, const struct actor *who, int64_t case_id, struct case_grant *out);
/* The level on the case itself (ACCESS_NONE when it does not exist). The referrer of the
 * referral that opened the case gets ACCESS_STATUS. */
enum access_level case_access(struct db *db, const struct actor *who, int64_t case_id);
/* The level on one SECTION (a case_section bit) of the case: the case level when the section
 * is readable, else ACCESS_NONE. */
enum access_level case_section_access(struct db *db, const struct actor *who, int64_t case_id, unsigned section);
/* 1 when WHO, holding grant G on a case, may see details marked with special CATEGORY (a
 * special_category code); NULL or "" (not special) is allowed whenever G allows reading. */
int case_grant_allows_special(struct db *db, const struct actor *who, const struct case_grant *g, const char *category);
/* The roles allowed to see CATEGORY (special_category.roles); 0 for an unknown code. */
unsigned special_category_roles(struct db *db, const char *category);

/* A referral: the receiving agency's caseworkers and team leaders may triage it (WRITE);
 * its referrer sees its status (STATUS). Referrals are not shared: a share of the case
 * shows the referral's content through the chronology (with NOTES). */
enum access_level referral_access(struct db *db, const struct actor *who, int64_t referral_id);
/* A person or property: the owning agency's staff (WRITE), or anyone who may read the PEOPLE
 * (PROPERTY) section of a case linking it (READ). */
enum access_level person_access(struct db *db, const struct actor *who, int64_t person_id);
enum access_level property_access(struct db *db, const struct actor *who, int64_t property_id);

/* True when WHO may work cases at all (caseworker or team leader): creating people and
 * properties, opening cases. */
int access_is_case_staff(const struct actor *who);
/* True when WHO holds a role that reads cases shared with their agency (partner,
 * caseworker, team leader). */
int access_reads_shares(const struct actor *who);

/* 1 when WHO may read cases through shares and their agency has received any (the list
 * filters then carry the share clause; without it they stay a plain owner filter). */
int case_access_reads_shared_cases(struct db *db, const struct actor *who);

/* Append to Q a boolean SQL expression, true for exactly the rows of case_file (under ALIAS)
 * that case_access() would let WHO read. Lists use it so they can never show more than the
 * per-record rule allows. */
void case_access_list_filter(struct db *db, const struct actor *who, struct query *q, const char *alias);
/* The same for one SECTION of the case (a single case_section bit, or 0 for the case itself)
 * and, when CATEGORY is not NULL, special-category details of that category. Used for list
 * columns and searches that would otherwise reveal a section that was not shared. */
void case_access_list_part_filter(struct db *db, const struct actor *who, struct query *q, const char *alias,
	unsigned section, const char *category);
/* The owner rule for records owned by an agency directly (people, properties; ALIAS names the
 * table). Searches of people and properties never reach into another agency's records: a
 * shared person is reached through the shared case only. */
void access_owner_list_filter(const struct actor *who, struct query *q, const char *alias);

#endif
