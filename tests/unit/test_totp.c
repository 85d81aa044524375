/* TOTP against the RFC 6238 appendix B test vectors, and base32 round trips. */
#include <stdio.h>
#include "testutil.h"
#include "model/totp.h"

static const char key20[] = "12345678901234567890";
static const char key32[] = "12345678901234567890123456789012";
static const char key64[] = "1234567890123456789012345678901234567890123456789012345678901234";

static void totp_matches_the_rfc_6238_test_vectors(void **state)
{
	static const struct { int64_t t; uint32_t sha1, sha256, sha512; } v[] = {
		{59, 94287082, 46119246, 90693936},
		{1111111109, 7081804, 68084774, 25091201},
		{1111111111, 14050471, 67062674, 99943326},
		{1234567890, 89005924, 91819424, 93441116},
		{2000000000, 69279037, 90698825, 38618901},
		{20000000000LL, 65353130, 77737706, 47863826},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(totp_code((const unsigned char *)key20, 20, v[i].t, 30, 8, TOTP_SHA1), v[i].sha1);
		assert_int_equal(totp_code((const unsigned char *)key32, 32, v[i].t, 30, 8, TOTP_SHA256), v[i].sha256);
		assert_int_equal(totp_code((const unsigned char *)key64, 64, v[i].t, 30, 8, TOTP_SHA512), v[i].sha512);
	}
}

static void base32_round_trips_and_matches_rfc_4648(void **state)
{
	char out[64];
	base32_encode((const unsigned char *)"foobar", 6, out);
	assert_string_equal(out, "MZXW6YTBOI");
	unsigned char back[16];
	assert_int_equal(base32_decode("mzxw 6ytb oi==", back, sizeof back), 6);
	assert_memory_equal(back, "foobar", 6);
	assert_int_equal(base32_decode("not base32!", back, sizeof back), -1);
}

static void a_code_is_accepted_one_step_either_side_and_not_beyond(void **state)
{
	char secret[TOTP_SECRET_CHARS + 1];
	totp_secret_new(secret);
	unsigned char key[32];
	int keylen = base32_decode(secret, key, sizeof key);
	int64_t now = 1700000000;
	char code[8];
	snprintf(code, sizeof code, "%06u", totp_code(key, (size_t)keylen, now - 30, 30, 6, TOTP_SHA1));
	assert_int_equal(totp_check(secret, code, now), (now - 30) / 30);
	snprintf(code, sizeof code, "%06u", totp_code(key, (size_t)keylen, now - 90, 30, 6, TOTP_SHA1));
	assert_int_equal(totp_check(secret, code, now), 0);
	assert_int_equal(totp_check(secret, "12345", now), 0);
	assert_int_equal(totp_check(secret, "abcdef", now), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(totp_matches_the_rfc_6238_test_vectors),
		cmocka_unit_test(base32_round_trips_and_matches_rfc_4648),
		cmocka_unit_test(a_code_is_accepted_one_step_either_side_and_not_beyond),
	};
	return cmocka_run_group_tests_name("totp", tests, NULL, NULL);
}
