/* Two-factor sign-in with TOTP: enrolment, the check at sign-in (throttled and replay-proof),
 * and the rule that administrators and team leaders must enrol when totp.enforce is 1. */
#ifndef NESTGUARD_TWO_FACTOR_H
#define NESTGUARD_TWO_FACTOR_H
#include <stdint.h>
#include "model/role.h"

struct db;

#define TWO_FACTOR_REQUIRED_ROLES (ROLE_ADMIN | ROLE_TEAM_LEADER)

int two_factor_enrolled(struct db *db, int64_t user_id);
/* 1 when a user holding ROLES must have a second factor under the current settings. */
int two_factor_required(struct db *db, unsigned roles);
/* The secret being enrolled for USER_ID (created on first call); caller frees. */
char *two_factor_pending_secret(struct db *db, int64_t user_id);
/* Finish enrolment with a code from the app. 0 on success, -1 when the code is wrong. Audited. */
int two_factor_confirm(struct db *db, const struct actor *who, const char *code);
/* Check a code at sign-in; returns a signin_result (SIGNIN_OK, SIGNIN_WRONG, SIGNIN_THROTTLED).
 * A code is accepted once only; failures count towards the sign-in throttle. Audited. */
int two_factor_verify(struct db *db, const struct actor *who, const char *code);
/* Remove a user's second factor (an administrator resetting a lost phone). Audited. */
void two_factor_reset(struct db *db, const struct actor *who, int64_t user_id);

#endif
