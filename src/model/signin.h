/* Checking credentials, with throttling per account and per client address. */
#ifndef NESTGUARD_SIGNIN_H
#define NESTGUARD_SIGNIN_H
#include <stdint.h>

struct db;

#define SIGNIN_WINDOW_SECONDS (15 * 60)
#define SIGNIN_MAX_PER_ACCOUNT 5
#define SIGNIN_MAX_PER_CLIENT 20

enum signin_result { SIGNIN_OK = 0, SIGNIN_WRONG = 1, SIGNIN_THROTTLED = 2 };

/* Check EMAIL/PASSWORD from CLIENT. On SIGNIN_OK *USER_ID is set. Failures are recorded
 * and audited ("signin.failed"), successes audited ("signin"). An unknown email costs the
 * same hashing time as a known one so response times do not reveal which accounts exist. */
int signin_check(struct db *db, const char *email, const char *password, const char *client, int64_t *user_id);

#endif
