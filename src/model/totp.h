/* Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as authenticator apps use
 * them: a shared secret shown to the user as base32 and as a QR code. */
#ifndef NESTGUARD_TOTP_H
#define NESTGUARD_TOTP_H
#include <stddef.h>
#include <stdint.h>

enum totp_algorithm { TOTP_SHA1, TOTP_SHA256, TOTP_SHA512 };

#define TOTP_SECRET_BYTES 20          /* 160 bits, as RFC 4226 recommends */
#define TOTP_SECRET_CHARS 32          /* base32 of 20 bytes */
#define TOTP_STEP 30
#define TOTP_DIGITS 6

/* The code for time T (Unix seconds) with the given step, digit count and hash. */
uint32_t totp_code(const unsigned char *key, size_t keylen, int64_t t, int step, int digits, enum totp_algorithm alg);
/* A new random secret, base32 without padding, into OUT (TOTP_SECRET_CHARS+1 bytes). */
void totp_secret_new(char *out);
/* Check CODE (6 digits, spaces allowed) against the base32 SECRET at NOW, accepting one step
 * either side for clock drift. Returns the matching time step (> 0), or 0 when wrong. Callers
 * refuse a step at or before the last one accepted, so a code cannot be replayed. */
int64_t totp_check(const char *secret, const char *code, int64_t now);

/* RFC 4648 base32. Encode LEN bytes into OUT (size >= ceil(LEN/5)*8+1), without padding. */
void base32_encode(const unsigned char *data, size_t len, char *out);
/* Decode (ignoring case, spaces and padding) into OUT; returns the byte count or -1. */
int base32_decode(const char *s, unsigned char *out, size_t outsize);

#endif
