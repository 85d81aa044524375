/* Encryption at rest of sensitive columns: round trips, binding to the row, tamper detection,
 * key files created private, and keys from the environment. */
#include <stdio.h>
#include <sys/stat.h>
#include "testutil.h"
#include "model/field_crypto.h"

static char dir[] = "/tmp/nestguard-crypto-XXXXXX";
static char dbpath[200], keypath[220];

static int setup(void **state)
{
	assert_non_null(mkdtemp(dir));
	snprintf(dbpath, sizeof dbpath, "%s/test.db", dir);
	snprintf(keypath, sizeof keypath, "%s.key", dbpath);
	unsetenv("NESTGUARD_KEY");
	unsetenv("NESTGUARD_KEY_FILE");
	char err[200];
	assert_int_equal(field_crypto_init(dbpath, err, sizeof err), 0);
	return 0;
}

static int teardown(void **state)
{
	unlink(keypath);
	rmdir(dir);
	return 0;
}

static void a_key_file_is_created_readable_by_its_owner_only(void **state)
{
	struct stat st;
	assert_int_equal(stat(keypath, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
}

static void sealed_text_opens_to_the_original_and_hides_it(void **state)
{
	const char *secret = "Resident disclosed heroin use; dealer known as MARKER-7731";
	char *sealed = field_encrypt("case_note.body", 12, secret);
	assert_true(field_is_encrypted(sealed));
	assert_null(strstr(sealed, "MARKER-7731"));
	char *plain = field_decrypt("case_note.body", 12, sealed);
	assert_string_equal(plain, secret);
	free(plain);
	free(sealed);
}

static void a_sealed_value_moved_to_another_row_or_column_does_not_open(void **state)
{
	char *sealed = field_encrypt("case_note.body", 12, "only for row 12");
	assert_null(field_decrypt("case_note.body", 13, sealed));
	assert_null(field_decrypt("referral.observations", 12, sealed));
	free(sealed);
}

static void a_tampered_value_does_not_open(void **state)
{
	char *sealed = field_encrypt("case_note.body", 5, "do not alter");
	size_t n = strlen(sealed);
	sealed[n - 3] = sealed[n - 3] == 'A' ? 'B' : 'A';
	assert_null(field_decrypt("case_note.body", 5, sealed));
	free(sealed);
}

static void plain_values_written_before_encryption_are_read_as_they_are(void **state)
{
	char *plain = field_decrypt("case_note.body", 1, "an old unencrypted note");
	assert_string_equal(plain, "an old unencrypted note");
	free(plain);
}

static void a_key_from_the_environment_is_used_and_no_file_is_needed(void **state)
{
	setenv("NESTGUARD_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", 1);
	char err[200];
	assert_int_equal(field_crypto_init("/nonexistent/dir/x.db", err, sizeof err), 0);
	char *sealed = field_encrypt("case_file.summary", 3, "env key");
	char *plain = field_decrypt("case_file.summary", 3, sealed);
	assert_string_equal(plain, "env key");
	free(plain);
	free(sealed);
	setenv("NESTGUARD_KEY", "not base64!", 1);
	assert_int_equal(field_crypto_init("/nonexistent/dir/x.db", err, sizeof err), -1);
	unsetenv("NESTGUARD_KEY");
	assert_int_equal(field_crypto_init(dbpath, err, sizeof err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_key_file_is_created_readable_by_its_owner_only),
		cmocka_unit_test(sealed_text_opens_to_the_original_and_hides_it),
		cmocka_unit_test(a_sealed_value_moved_to_another_row_or_column_does_not_open),
		cmocka_unit_test(a_tampered_value_does_not_open),
		cmocka_unit_test(plain_values_written_before_encryption_are_read_as_they_are),
		cmocka_unit_test(a_key_from_the_environment_is_used_and_no_file_is_needed),
	};
	return cmocka_run_group_tests_name("field encryption", tests, setup, teardown);
}
