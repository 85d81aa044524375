/* Roles a user can hold (a bit set), and who is acting in a request or command. */
#ifndef NESTGUARD_ROLE_H
#define NESTGUARD_ROLE_H
#include <stdint.h>

enum role {
	ROLE_REFERRER    = 1,   /* submits referrals, sees their status */
	ROLE_CASEWORKER  = 2,   /* works cases of their team */
	ROLE_TEAM_LEADER = 4,   /* triages referrals, approves closures, merges people */
	ROLE_PARTNER     = 8,   /* views cases shared with their agency */
	ROLE_ANALYST     = 16,  /* aggregate data only */
	ROLE_ADMIN       = 32,  /* users, agencies, settings */
	ROLE_ALL         = 63
};

/* The person (or command) doing something. user_id 0 means the system itself (a CLI
 * command run by the operator). client is the remote address or "cli". */
struct actor {
	int64_t user_id;
	int64_t agency_id;
	unsigned roles;
	const char *client;
};

/* "team_leader" -> ROLE_TEAM_LEADER; also accepts "team-leader" and "Team leader". 0 if unknown. */
unsigned role_from_name(const char *name);
/* Parse a comma-separated list of role names; 0 when empty or any name is unknown. */
unsigned role_set_from_list(const char *list);
const char *role_name(unsigned role);      /* machine name, e.g. "team_leader" */
const char *role_label(unsigned role);     /* "Team leader" */

#endif
