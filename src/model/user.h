/* Users: each belongs to one agency and holds one or more roles. */
#ifndef NESTGUARD_USER_H
#define NESTGUARD_USER_H
#include <stdint.h>
#include "model/role.h"

struct db;
struct arena;

/* Who a signed-in user is, as pages and the API need it. Strings live in the arena. */
struct user_identity {
	int64_t id;
	int64_t agency_id;
	unsigned roles;
	const char *email;
	const char *name;
	const char *agency_name;
	const char *agency_kind;
};

/* Load an enabled user's identity. 0 on success; -1 when absent or disabled. */
int user_identity_load(struct db *db, struct arena *a, int64_t user_id, struct user_identity *out);

struct user_new {
	const char *email;
	const char *name;
	int64_t agency_id;
	unsigned roles;
	const char *password;    /* plain text, checked against the policy, then hashed */
};

/* Validation problems for a new user, one per field (NULL when the field is fine). */
struct user_errors {
	const char *email, *name, *agency, *roles, *password;
	int any;
};

/* Create a user. Returns the id, or 0 with ERRORS filled in; nothing is saved then. Audited. */
int64_t user_add(struct db *db, const struct actor *who, const struct user_new *u, struct user_errors *errors);
/* Disable the account and end all its sessions. Returns 0, or -1 when there is no such user. Audited. */
int user_disable(struct db *db, const struct actor *who, int64_t user_id);
int64_t user_find_by_email(struct db *db, const char *email);   /* 0 when none */
/* 1 when E looks like an email address (one @, a dot in the domain, no spaces, <= 254 chars). */
int user_email_valid(const char *e);

#endif
