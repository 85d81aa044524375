/* argon2id at OWASP's recommended setting (19 MiB, 2 passes, 1 lane): strong enough against
 * offline guessing, and small enough that a burst of sign-ins does not balloon the server's
 * memory. Stored hashes carry their own parameters, so this can be raised later. */
#include <ctype.h>
#include <sodium.h>
#include <string.h>
#include "model/password.h"
#include "util/embedded.h"
#include "util/xalloc.h"

#define PASSWORD_OPSLIMIT 2
#define PASSWORD_MEMLIMIT (19u * 1024 * 1024)

static void ensure_sodium(void)
{
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
}

int password_is_common(const char *password)
{
	const struct embedded_file *list = embedded_find(embedded_data, "common-passwords.txt");
	if (!list) fatal("common password list is not embedded");
	size_t plen = strlen(password);
	const char *p = (const char *)list->data, *end = p + list->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len == plen && strncasecmp(p, password, len) == 0) return 1;
		p += len + 1;
	}
	return 0;
}

const char *password_policy_check(const char *password, const char *email)
{
	size_t len = strlen(password);
	size_t chars = 0;   /* count characters, not bytes, for the length rule */
	for (const unsigned char *p = (const unsigned char *)password; *p; p++)
		if ((*p & 0xC0) != 0x80) chars++;
	if (chars < PASSWORD_MIN_LENGTH) return "Password must be 12 characters or more";
	if (len > PASSWORD_MAX_LENGTH) return "Password must be 256 characters or fewer";
	if (password_is_common(password)) return "Password is too common: choose a longer phrase that is not on lists of common passwords";
	int all_same = 1;
	for (size_t i = 1; i < len; i++) if (password[i] != password[0]) all_same = 0;
	if (all_same) return "Password must not be one character repeated";
	if (email && *email) {
		const char *at = strchr(email, '@');
		size_t local = at ? (size_t)(at - email) : strlen(email);
		if (local >= 4 && strncasecmp(password, email, local) == 0 && len <= local + 4)
			return "Password must not be based on your email address";
	}
	return NULL;
}

char *password_hash(const char *password)
{
	ensure_sodium();
	char out[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str_alg(out, password, strlen(password), PASSWORD_OPSLIMIT,
			PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		fatal("out of memory hashing a password");
	return xstrdup(out);
}

int password_verify(const char *hash, const char *password)
{
	ensure_sodium();
	if (!hash || !*hash) return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void password_generate(char *out, size_t length)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	ensure_sodium();
	for (size_t i = 0; i < length; i++)
		out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
	out[length] = 0;
}
