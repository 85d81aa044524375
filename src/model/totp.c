/* TOTP with GnuTLS's HMAC (libsodium has no SHA-1, which authenticator apps still use). */
#include <ctype.h>
#include <gnutls/crypto.h>
#include <sodium.h>
#include <string.h>
#include "model/totp.h"
#include "util/xalloc.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void base32_encode(const unsigned char *data, size_t len, char *out)
{
	size_t o = 0;
	unsigned buffer = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		buffer = (buffer << 8) | data[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = alphabet[(buffer >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out[o++] = alphabet[(buffer << (5 - bits)) & 31];
	out[o] = 0;
}

int base32_decode(const char *s, unsigned char *out, size_t outsize)
{
	unsigned buffer = 0;
	int bits = 0;
	size_t o = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '=' || *s == '-') continue;
		const char *p = strchr(alphabet, toupper((unsigned char)*s));
		if (!p || !*p) return -1;
		buffer = (buffer << 5) | (unsigned)(p - alphabet);
		bits += 5;
		if (bits >= 8) {
			if (o == outsize) return -1;
			out[o++] = (unsigned char)(buffer >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}

uint32_t totp_code(const unsigned char *key, size_t keylen, int64_t t, int step, int digits, enum totp_algorithm alg)
{
	uint64_t counter = (uint64_t)(t / step);
	unsigned char msg[8];
	for (int i = 7; i >= 0; i--) { msg[i] = (unsigned char)(counter & 0xff); counter >>= 8; }
	unsigned char mac[64];
	gnutls_mac_algorithm_t a = alg == TOTP_SHA256 ? GNUTLS_MAC_SHA256 : alg == TOTP_SHA512 ? GNUTLS_MAC_SHA512 : GNUTLS_MAC_SHA1;
	size_t maclen = alg == TOTP_SHA256 ? 32 : alg == TOTP_SHA512 ? 64 : 20;
	if (gnutls_hmac_fast(a, key, keylen, msg, sizeof msg, mac) != 0) fatal("HMAC failed");
	int offset = mac[maclen - 1] & 0x0f;
	uint32_t bin = ((uint32_t)(mac[offset] & 0x7f) << 24) | ((uint32_t)mac[offset + 1] << 16) |
	               ((uint32_t)mac[offset + 2] << 8) | mac[offset + 3];
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++) mod *= 10;
	return bin % mod;
}

void totp_secret_new(char *out)
{
	unsigned char raw[TOTP_SECRET_BYTES];
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
	randombytes_buf(raw, sizeof raw);
	base32_encode(raw, sizeof raw, out);
}

int64_t totp_check(const char *secret, const char *code, int64_t now)
{
	unsigned char key[64];
	int keylen = base32_decode(secret, key, sizeof key);
	if (keylen <= 0) return 0;
	uint32_t given = 0;
	int ndigits = 0;
	for (const char *p = code; p && *p; p++) {
		if (*p == ' ' || *p == '-') continue;
		if (!isdigit((unsigned char)*p) || ++ndigits > TOTP_DIGITS) return 0;
		given = given * 10 + (uint32_t)(*p - '0');
	}
	if (ndigits != TOTP_DIGITS) return 0;
	int64_t found = 0;
	for (int d = -1; d <= 1; d++) {
		int64_t t = now + d * TOTP_STEP;
		/* compare every candidate, so timing does not tell which step matched */
		if (totp_code(key, (size_t)keylen, t, TOTP_STEP, TOTP_DIGITS, TOTP_SHA1) == given && !found)
			found = t / TOTP_STEP;
	}
	sodium_memzero(key, sizeof key);
	return found;
}
