/* Token generation and hashing with libsodium. */
#include <sodium.h>
#include <string.h>
#include "model/secret_token.h"
#include "util/xalloc.h"

void secret_token_new(char *out)
{
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SECRET_TOKEN_CHARS + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void secret_token_hash(const char *token, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof h);
}

int secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb) return 0;
	return sodium_memcmp(a, b, la) == 0;
}
