/* Personal API tokens: "ng_" + 43 random characters, shown once, stored hashed, revocable. */
#ifndef NESTGUARD_API_TOKEN_H
#define NESTGUARD_API_TOKEN_H
#include <stdint.h>
#include "model/role.h"

struct db;

#define API_TOKEN_CHARS 46   /* "ng_" + SECRET_TOKEN_CHARS */

/* Create a token for USER_ID into OUT (API_TOKEN_CHARS+1 bytes); returns its id. Audited. */
int64_t api_token_create(struct db *db, const struct actor *who, int64_t user_id, const char *label, char *out);
/* The enabled user a live token belongs to, or 0. */
int64_t api_token_lookup(struct db *db, const char *token);
/* Revoke token ID. 0 on success, -1 when there is no such live token. Audited. */
int api_token_revoke(struct db *db, const struct actor *who, int64_t id);

#endif
