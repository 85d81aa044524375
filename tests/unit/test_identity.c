/* Identity: passwords, sessions, API tokens, sign-in throttling, the audit chain and the
 * permission check of every route, exercised through dispatch() without a network. */
#include <stdio.h>
#include "testutil.h"
#include "model/api_token.h"
#include "model/audit.h"
#include "model/agency.h"
#include "model/password.h"
#include "model/session_store.h"
#include "model/signin.h"
#include "model/user.h"
#include "web/dispatch.h"
#include "web/route.h"

static const struct actor system_actor = {0, 0, 0, "test"};
static char clock_path[] = "/tmp/nestguard-clock-XXXXXX";

static void set_clock_offset(long seconds)
{
	FILE *f = fopen(clock_path, "w");
	fprintf(f, "%ld\n", seconds);
	fclose(f);
}

static int64_t make_user(struct db *db, const char *email, unsigned roles, const char *agency)
{
	const char *err = NULL;
	int64_t aid = agency_find_by_name(db, agency);
	if (!aid) aid = agency_add(db, &system_actor, agency, "council", &err);
	struct user_new nu = {email, "Test Person", aid, roles, "a long enough test passphrase"};
	struct user_errors e;
	int64_t id = user_add(db, &system_actor, &nu, &e);
	assert_true(id > 0);
	return id;
}

static void short_and_common_passwords_are_refused(void **state)
{
	assert_non_null(password_policy_check("short", NULL));
	assert_non_null(password_policy_check("password1234", NULL));
	assert_non_null(password_policy_check("PassWord1234", NULL));
	assert_non_null(password_policy_check("aaaaaaaaaaaaaaa", NULL));
	assert_null(password_policy_check("violet tractor mountain", NULL));
}

static void a_password_hash_verifies_only_the_right_password(void **state)
{
	char *h = password_hash("violet tractor mountain");
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(password_verify(h, "violet tractor mountain"));
	assert_false(password_verify(h, "violet tractor mountaiN"));
	free(h);
}

static void a_session_expires_after_thirty_idle_minutes(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "idle@example.org", ROLE_CASEWORKER, "Council");
	char token[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1], got[SECRET_TOKEN_CHARS + 1];
	set_clock_offset(0);
	session_create(db, uid, "test", 1, token, csrf);
	set_clock_offset(29 * 60);
	assert_int_equal(session_lookup(db, token, got, NULL), uid);
	assert_string_equal(got, csrf);
	set_clock_offset(29 * 60 + 31 * 60);   /* 31 minutes after the last use */
	assert_int_equal(session_lookup(db, token, got, NULL), 0);
	set_clock_offset(0);
	db_close(db);
}

static void a_session_ends_after_twelve_hours_however_busy(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "busy@example.org", ROLE_CASEWORKER, "Council");
	char token[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1], got[SECRET_TOKEN_CHARS + 1];
	set_clock_offset(0);
	session_create(db, uid, "test", 1, token, csrf);
	for (long t = 20 * 60; t < 12 * 3600; t += 20 * 60) {
		set_clock_offset(t);
		assert_int_equal(session_lookup(db, token, got, NULL), uid);
	}
	set_clock_offset(12 * 3600 + 60);
	assert_int_equal(session_lookup(db, token, got, NULL), 0);
	set_clock_offset(0);
	db_close(db);
}

static void disabling_a_user_ends_their_sessions_and_tokens(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "leaver@example.org", ROLE_CASEWORKER, "Council");
	char token[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1], api[API_TOKEN_CHARS + 1];
	session_create(db, uid, "test", 1, token, csrf);
	api_token_create(db, &system_actor, uid, "", api);
	assert_int_equal(api_token_lookup(db, api), uid);
	assert_int_equal(user_disable(db, &system_actor, uid), 0);
	assert_int_equal(session_lookup(db, token, csrf, NULL), 0);
	assert_int_equal(api_token_lookup(db, api), 0);
	db_close(db);
}

static void a_revoked_token_no_longer_signs_in(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "api@example.org", ROLE_ANALYST, "Council");
	char api[API_TOKEN_CHARS + 1];
	int64_t id = api_token_create(db, &system_actor, uid, "script", api);
	assert_int_equal(api_token_lookup(db, api), uid);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM api_token WHERE token_hash=?", "t", api), 0);
	assert_int_equal(api_token_revoke(db, &system_actor, id), 0);
	assert_int_equal(api_token_lookup(db, api), 0);
	assert_int_equal(api_token_revoke(db, &system_actor, id), -1);
	db_close(db);
}

static void five_wrong_passwords_lock_the_account_for_fifteen_minutes(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "victim@example.org", ROLE_CASEWORKER, "Council"), got = 0;
	set_clock_offset(0);
	for (int i = 0; i < SIGNIN_MAX_PER_ACCOUNT; i++)
		assert_int_equal(signin_check(db, "victim@example.org", "wrong password!!", "10.0.0.1", &got), SIGNIN_WRONG);
	assert_int_equal(signin_check(db, "victim@example.org", "a long enough test passphrase", "10.0.0.2", &got), SIGNIN_THROTTLED);
	set_clock_offset(16 * 60);
	assert_int_equal(signin_check(db, "victim@example.org", "a long enough test passphrase", "10.0.0.2", &got), SIGNIN_OK);
	assert_int_equal(got, uid);
	set_clock_offset(0);
	db_close(db);
}

/* Five rows in each log: inside a write transaction (the audit log of changes) and outside
 * one (the access log). */
static struct db *db_with_both_logs(void)
{
	struct db *db = test_db_new();
	for (int i = 0; i < 5; i++) {
		db_begin(db);
		audit_record(db, &system_actor, "test.update", "thing", "1", NULL, NULL);
		db_commit(db);
		audit_record(db, &system_actor, "test.view", "thing", "1", NULL, NULL);
	}
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM main.audit WHERE action = 'test.update'", ""), 5);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM access.access_log WHERE action = 'test.view'", ""), 5);
	return db;
}

static void an_edited_row_of_either_log_breaks_its_chain_at_that_row(void **state)
{
	static const struct { const char *sql, *log; } cases[] = {
		{"DROP TRIGGER audit_no_update; UPDATE main.audit SET action='forged' WHERE id=3", "audit log row 3"},
		{"DROP TRIGGER access.access_log_no_update; UPDATE access.access_log SET action='forged' WHERE id=3", "access log row 3"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct db *db = db_with_both_logs();
		int64_t bad = 0, rows = 0;
		char why[200];
		assert_int_equal(audit_verify(db, &rows, &bad, why, sizeof why), 0);
		assert_true(rows >= 10);
		db_exec(db, cases[i].sql);
		assert_int_equal(audit_verify(db, NULL, &bad, why, sizeof why), -1);
		assert_int_equal(bad, 3);
		assert_non_null(strstr(why, cases[i].log));
		db_close(db);
	}
}

static void a_deleted_row_of_either_log_is_detected(void **state)
{
	static const char *const tamper[] = {
		"DROP TRIGGER audit_no_delete; DELETE FROM main.audit WHERE id=2",
		"DROP TRIGGER access.access_log_no_delete; DELETE FROM access.access_log WHERE id=2",
	};
	for (size_t i = 0; i < sizeof tamper / sizeof tamper[0]; i++) {
		struct db *db = db_with_both_logs();
		db_exec(db, tamper[i]);
		int64_t bad = 0;
		char why[200];
		assert_int_equal(audit_verify(db, NULL, &bad, why, sizeof why), -1);
		assert_int_equal(bad, 2);
		db_close(db);
	}
}

static void both_logs_refuse_updates_and_deletes(void **state)
{
	struct db *db = db_with_both_logs();
	assert_int_equal(db_run(db, "DELETE FROM main.audit", ""), DB_CONSTRAINT);
	assert_int_equal(db_run(db, "DELETE FROM access.access_log", ""), DB_CONSTRAINT);
	assert_int_equal(db_run(db, "UPDATE access.access_log SET detail = 'x'", ""), DB_CONSTRAINT);
	db_close(db);
}

/* --- dispatch --- */

struct fake {
	struct request rq;
	struct response rs;
};

static void fake_request(struct fake *f, struct db *db, const char *method, const char *path)
{
	/* these tests are about roles and CSRF; two-factor enforcement has its own test */
	if (!db_int(db, 0, "SELECT 1 FROM setting WHERE name='totp.enforce' AND value='test'", ""))
		db_run(db, "UPDATE setting SET value='0' WHERE name='totp.enforce'", "");
	memset(f, 0, sizeof *f);
	f->rq.arena = arena_new();
	f->rq.db = db;
	f->rq.method = method;
	f->rq.path = path;
	f->rq.client = "127.0.0.1";
	kv_add(f->rq.arena, &f->rq.headers, "host", "127.0.0.1:8080", 14);
}

static void fake_sign_in(struct fake *f, int64_t uid, char *csrf)
{
	char token[SECRET_TOKEN_CHARS + 1];
	session_create(f->rq.db, uid, "test", 1, token, csrf);
	kv_add(f->rq.arena, &f->rq.cookies, web_session_cookie_name(), arena_strdup(f->rq.arena, token), strlen(token));
}

static void fake_free(struct fake *f)
{
	buf_free(&f->rs.body);
	arena_free(f->rq.arena);
}

static void a_signed_out_visitor_is_sent_to_sign_in(void **state)
{
	struct db *db = test_db_new();
	struct fake f;
	fake_request(&f, db, "GET", "/admin/users");
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 303);
	assert_string_equal(kv_find(&f.rs.headers, "Location")->value, "/signin?next=%2Fadmin%2Fusers");
	fake_free(&f);
	db_close(db);
}

static void a_caseworker_is_refused_the_user_admin_page_and_it_is_audited(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "cw@example.org", ROLE_CASEWORKER, "Council");
	struct fake f;
	char csrf[SECRET_TOKEN_CHARS + 1];
	fake_request(&f, db, "GET", "/admin/users");
	fake_sign_in(&f, uid, csrf);
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 403);
	assert_non_null(strstr(buf_str(&f.rs.body), "Incident reference"));
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action='access.denied' AND user_id=?", "i", uid), 1);
	fake_free(&f);
	db_close(db);
}

static void a_post_without_the_csrf_token_changes_nothing(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "admin@example.org", ROLE_ADMIN, "Council");
	int64_t agencies = db_int(db, 0, "SELECT count(*) FROM agency", "");
	struct fake f;
	char csrf[SECRET_TOKEN_CHARS + 1];
	fake_request(&f, db, "POST", "/admin/agencies");
	fake_sign_in(&f, uid, csrf);
	kv_add(f.rq.arena, &f.rq.form, "name", "Sneaky agency", 13);
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 403);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM agency", ""), agencies);
	fake_free(&f);
	db_close(db);
}

static void a_post_from_another_origin_is_refused_even_with_the_token(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "admin2@example.org", ROLE_ADMIN, "Council");
	struct fake f;
	char csrf[SECRET_TOKEN_CHARS + 1];
	fake_request(&f, db, "POST", "/admin/agencies");
	fake_sign_in(&f, uid, csrf);
	kv_add(f.rq.arena, &f.rq.form, "csrf_token", csrf, strlen(csrf));
	kv_add(f.rq.arena, &f.rq.form, "name", "Evil", 4);
	kv_add(f.rq.arena, &f.rq.headers, "origin", "http://evil.example", 19);
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 403);
	assert_int_equal(agency_find_by_name(db, "Evil"), 0);
	fake_free(&f);
	db_close(db);
}

static void an_administrator_with_the_token_adds_an_agency(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "admin3@example.org", ROLE_ADMIN, "Council");
	struct fake f;
	char csrf[SECRET_TOKEN_CHARS + 1];
	fake_request(&f, db, "POST", "/admin/agencies");
	fake_sign_in(&f, uid, csrf);
	kv_add(f.rq.arena, &f.rq.form, "csrf_token", csrf, strlen(csrf));
	kv_add(f.rq.arena, &f.rq.form, "name", "Probation (test)", 16);
	kv_add(f.rq.arena, &f.rq.form, "kind", "probation", 9);
	kv_add(f.rq.arena, &f.rq.headers, "origin", "http://127.0.0.1:8080", 21);
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 303);
	assert_true(agency_find_by_name(db, "Probation (test)") > 0);
	fake_free(&f);
	db_close(db);
}

static void an_administrator_without_two_factor_is_sent_to_set_it_up_when_enforced(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "admin4@example.org", ROLE_ADMIN, "Council");
	db_run(db, "UPDATE setting SET value='test' WHERE name='totp.enforce'", "");   /* keep: non-zero enforces */
	struct fake f;
	char csrf[SECRET_TOKEN_CHARS + 1];
	fake_request(&f, db, "GET", "/admin/users");
	fake_sign_in(&f, uid, csrf);
	db_run(db, "UPDATE setting SET value='1' WHERE name='totp.enforce'", "");
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 303);
	assert_string_equal(kv_find(&f.rs.headers, "Location")->value, "/account/two-factor");
	fake_free(&f);
	db_close(db);
}

static void a_session_waiting_for_its_code_reaches_nothing_else(void **state)
{
	struct db *db = test_db_new();
	int64_t uid = make_user(db, "half@example.org", ROLE_CASEWORKER, "Council");
	struct fake f;
	fake_request(&f, db, "GET", "/account");
	char token[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1];
	session_create(db, uid, "test", 0, token, csrf);
	kv_add(f.rq.arena, &f.rq.cookies, web_session_cookie_name(), arena_strdup(f.rq.arena, token), strlen(token));
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 303);
	assert_string_equal(kv_find(&f.rs.headers, "Location")->value, "/signin/two-factor");
	fake_free(&f);
	db_close(db);
}

static void a_wrong_method_gets_405_with_allow(void **state)
{
	struct db *db = test_db_new();
	struct fake f;
	fake_request(&f, db, "DELETE", "/signin");
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 405);
	assert_non_null(strstr(kv_find(&f.rs.headers, "Allow")->value, "GET"));
	fake_free(&f);
	db_close(db);
}

static void every_route_declares_who_may_call_it(void **state)
{
	for (const struct route *r = routes; r->method; r++) {
		assert_non_null(r->handler);
		if (!(r->flags & ROUTE_PUBLIC)) assert_true(r->roles != 0 && (r->roles & ~(unsigned)ROLE_ALL) == 0);
		else assert_true(r->roles == 0);
		if (r->flags & ROUTE_NO_CSRF) assert_true(r->flags & ROUTE_PUBLIC);
	}
}

static void the_api_answers_401_in_json_without_credentials(void **state)
{
	struct db *db = test_db_new();
	struct fake f;
	fake_request(&f, db, "GET", "/api/v1/me");
	dispatch(&f.rq, &f.rs);
	assert_int_equal(f.rs.status, 401);
	assert_string_equal(f.rs.content_type, "application/json");
	assert_non_null(strstr(buf_str(&f.rs.body), "\"status\":401"));
	fake_free(&f);
	db_close(db);
}

static int setup(void **state)
{
	int fd = mkstemp(clock_path);
	close(fd);
	setenv("NESTGUARD_TEST_CLOCK_FILE", clock_path, 1);
	set_clock_offset(0);
	web_config.secure_cookies = 1;
	return 0;
}

static int teardown(void **state)
{
	unlink(clock_path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_and_common_passwords_are_refused),
		cmocka_unit_test(a_password_hash_verifies_only_the_right_password),
		cmocka_unit_test(a_session_expires_after_thirty_idle_minutes),
		cmocka_unit_test(a_session_ends_after_twelve_hours_however_busy),
		cmocka_unit_test(disabling_a_user_ends_their_sessions_and_tokens),
		cmocka_unit_test(a_revoked_token_no_longer_signs_in),
		cmocka_unit_test(five_wrong_passwords_lock_the_account_for_fifteen_minutes),
		cmocka_unit_test(an_edited_row_of_either_log_breaks_its_chain_at_that_row),
		cmocka_unit_test(a_deleted_row_of_either_log_is_detected),
		cmocka_unit_test(both_logs_refuse_updates_and_deletes),
		cmocka_unit_test(a_signed_out_visitor_is_sent_to_sign_in),
		cmocka_unit_test(a_caseworker_is_refused_the_user_admin_page_and_it_is_audited),
		cmocka_unit_test(a_post_without_the_csrf_token_changes_nothing),
		cmocka_unit_test(a_post_from_another_origin_is_refused_even_with_the_token),
		cmocka_unit_test(an_administrator_with_the_token_adds_an_agency),
		cmocka_unit_test(an_administrator_without_two_factor_is_sent_to_set_it_up_when_enforced),
		cmocka_unit_test(a_session_waiting_for_its_code_reaches_nothing_else),
		cmocka_unit_test(a_wrong_method_gets_405_with_allow),
		cmocka_unit_test(every_route_declares_who_may_call_it),
		cmocka_unit_test(the_api_answers_401_in_json_without_credentials),
	};
	return cmocka_run_group_tests_name("identity and permissions", tests, setup, teardown);
}
