/* Random bearer secrets (session cookies, CSRF tokens, API tokens) and the hash we store
 * instead of them: a stolen database file does not reveal a usable token. */
#ifndef NESTGUARD_SECRET_TOKEN_H
#define NESTGUARD_SECRET_TOKEN_H

#define SECRET_TOKEN_CHARS 43      /* 32 random bytes, base64url without padding */

/* Fill OUT (at least SECRET_TOKEN_CHARS+1 bytes) with a fresh random token. */
void secret_token_new(char *out);
/* SHA-256 of TOKEN as 64 hex characters into OUT (65 bytes). */
void secret_token_hash(const char *token, char *out);
/* Constant-time string equality (lengths compared first). */
int secret_equal(const char *a, const char *b);

#endif
