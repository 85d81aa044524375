/* Server-side sessions: the cookie holds a random token, the database its hash.
 * A session ends after 30 idle minutes, 12 hours in all, at sign-out, or when the
 * account is disabled. */
#ifndef NESTGUARD_SESSION_STORE_H
#define NESTGUARD_SESSION_STORE_H
#include <stdint.h>
#include "model/secret_token.h"

#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)

struct db;

/* Start a session for USER_ID. TOKEN and CSRF receive fresh tokens (SECRET_TOKEN_CHARS+1 bytes).
 * SECOND_FACTOR_OK is 0 when the user must still give a one-time code. */
void session_create(struct db *db, int64_t user_id, const char *client, int second_factor_ok, char *token, char *csrf);
/* Find the live session for TOKEN: returns the user id and copies its CSRF token into CSRF,
 * or 0 when there is none or it has expired (an expired session is deleted). Refreshes the
 * idle timer at most once a minute, to keep page views from writing on every request. */
int64_t session_lookup(struct db *db, const char *token, char *csrf, int *second_factor_ok);
void session_delete(struct db *db, const char *token);

#endif
