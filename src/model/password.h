/* Passwords: argon2id hashing through libsodium, and the policy a new password must meet. */
#ifndef NESTGUARD_PASSWORD_H
#define NESTGUARD_PASSWORD_H
#include <stddef.h>

#define PASSWORD_MIN_LENGTH 12
#define PASSWORD_MAX_LENGTH 256

/* NULL when PASSWORD is acceptable for the account EMAIL; else a message for the user. */
const char *password_policy_check(const char *password, const char *email);
/* argon2id hash in libsodium's string format (caller frees). */
char *password_hash(const char *password);
/* 1 when PASSWORD matches HASH; constant-time in the password. */
int password_verify(const char *hash, const char *password);
/* A random password of LENGTH characters from an unambiguous alphabet, into OUT (LENGTH+1 bytes). */
void password_generate(char *out, size_t length);
/* 1 when PASSWORD (case-insensitively) is on the bundled list of common passwords. */
int password_is_common(const char *password);

#endif
