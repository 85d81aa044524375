/* Helpers for the information-governance tests on top of case_fixture.h: a clock the test moves
 * (NESTGUARD_TEST_CLOCK_FILE, whole days), an agreement between two agencies, and a share. */
#ifndef NESTGUARD_TEST_GOVERNANCE_FIXTURE_H
#define NESTGUARD_TEST_GOVERNANCE_FIXTURE_H
#include "case_fixture.h"
#include <ctype.h>
#include "model/case_note.h"
#include "model/field_crypto.h"
#include "model/intervention.h"
#include "model/task.h"
#include "model/case_share.h"
#include "model/sharing_agreement.h"
#include "util/clock.h"

static char governance_clock_path[] = "/tmp/nestguard-gov-clock-XXXXXX";

/* Move the clock DAYS days from the real today (0: back to now). */
static inline void clock_set_days(long days)
{
	FILE *f = fopen(governance_clock_path, "w");
	fprintf(f, "%ld\n", days * 86400);
	fclose(f);
}

static inline void clock_install(void)
{
	int fd = mkstemp(governance_clock_path);
	close(fd);
	setenv("NESTGUARD_TEST_CLOCK_FILE", governance_clock_path, 1);
	clock_set_days(0);
}

static inline void clock_remove(void)
{
	unlink(governance_clock_path);
}

/* YYYY-MM-DD DAYS from (test) today. */
static inline const char *day_from_today(struct arena *a, long days)
{
	char d[11];
	clock_format_date(clock_now() + days * 86400, d, sizeof d);
	return arena_strdup(a, d);
}

/* An agreement between AGENCY1 and AGENCY2 in force from today-1 until today+DAYS. */
static inline int64_t fixture_agreement(struct fixture *f, struct arena *a, int64_t agency1, int64_t agency2, long days)
{
	struct agreement_input in = {0};
	in.title = "Test agreement";
	in.purpose = "Protecting people from cuckooing";
	in.lawful_basis = "s115";
	in.starts_on = day_from_today(a, -1);
	in.review_on = day_from_today(a, days / 2);
	in.ends_on = day_from_today(a, days);
	in.party_ids[0] = arena_printf(a, "%lld", (long long)agency1);
	in.party_ids[1] = arena_printf(a, "%lld", (long long)agency2);
	in.n_parties = 2;
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	assert_int_equal(agreement_create(f->db, &f->admin, &in, &e, &id), MODEL_OK);
	return id;
}

/* Share CASE_ID with AGENCY under AGREEMENT: SECTIONS (codes, NULL-terminated), until today+DAYS. */
static inline int fixture_share(struct fixture *f, struct arena *a, int64_t case_id, int64_t agency, int64_t agreement,
	const char *const *sections, int special, long days, struct field_errors *e, int64_t *id_out)
{
	struct share_input in = {0};
	in.agency_id = arena_printf(a, "%lld", (long long)agency);
	in.agreement_id = arena_printf(a, "%lld", (long long)agreement);
	in.lawful_basis = "s115";
	in.purpose = "Housing provider supports the tenancy";
	in.expires_on = day_from_today(a, days);
	for (; sections[in.n_sections]; in.n_sections++) in.sections[in.n_sections] = sections[in.n_sections];
	in.special_category = special ? "yes" : "no";
	field_errors_init(e);
	return case_share_create(f->db, &f->caseworker, case_id, &in, e, id_out);
}

/* --- a database file (for scanning the raw bytes) --- */

static char governance_dir[] = "/tmp/nestguard-gov-XXXXXX";
static char governance_db_path[256];

/* fixture_setup(), then the same database moved to a file with its key file beside it. */
static inline int fixture_setup_file(void **state)
{
	fixture_setup(state);
	struct fixture *f = *state;
	if (!governance_db_path[0]) {
		assert_non_null(mkdtemp(governance_dir));
		snprintf(governance_db_path, sizeof governance_db_path, "%s/test.db", governance_dir);
	}
	char err[256], path[300];
	unlink(governance_db_path);
	snprintf(path, sizeof path, "%s-wal", governance_db_path);
	unlink(path);
	assert_int_equal(db_backup(f->db, governance_db_path, err, sizeof err), 0);
	db_close(f->db);
	f->db = db_open(governance_db_path, err, sizeof err);
	assert_non_null(f->db);
	unsetenv("NESTGUARD_KEY");
	unsetenv("NESTGUARD_KEY_FILE");
	assert_int_equal(field_crypto_init(governance_db_path, err, sizeof err), 0);
	return 0;
}

static inline void fixture_remove_files(void)
{
	if (!governance_db_path[0]) return;
	const char *suffixes[] = {"", "-wal", "-shm", ".key", ".key.tmp"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char path[300];
		snprintf(path, sizeof path, "%s%s", governance_db_path, suffixes[i]);
		unlink(path);
	}
	rmdir(governance_dir);
}

/* 1 when the file at PATH holds TEXT, ignoring ASCII case (0 when there is no file). */
static inline int file_contains(const char *path, const char *text)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) return 0;
	size_t len = strlen(text), cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap) buf = realloc(buf, cap *= 2);
	}
	fclose(fp);
	int found = 0;
	for (size_t i = 0; !found && i + len <= n; i++) {
		size_t k = 0;
		while (k < len && tolower((unsigned char)buf[i + k]) == tolower((unsigned char)text[k])) k++;
		found = k == len;
	}
	free(buf);
	return found;
}

/* 1 when the database file or its WAL holds TEXT. */
static inline int database_contains(const char *text)
{
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", governance_db_path);
	return file_contains(governance_db_path, text) || file_contains(wal, text);
}

/* A referral and case whose every personal or free-text value contains TAG (a word found
 * nowhere else): two people, the address, observations, contact, team, note, task,
 * intervention, risk reason, summary. Returns the case id (the referral id in *REFERRAL_OUT). */
static inline int64_t seed_tagged_case(struct fixture *f, const char *tag, int64_t *referral_out)
{
	struct arena *a = arena_new();
	struct referral_input in;
	fixture_referral_input(&in);
	in.referring_team = arena_printf(a, "%steam", tag);
	in.referrer_contact = arena_printf(a, "%scontact@example.org", tag);
	in.property.address_line1 = arena_printf(a, "1 %shouse Road", tag);
	in.property.town = arena_printf(a, "%stown", tag);
	in.observations = arena_printf(a, "Seen %sobserved", tag);
	in.people[0].person.given_name = arena_printf(a, "%sresident", tag);
	in.people[0].person.family_name = arena_printf(a, "%sfamily", tag);
	in.people[1].person.given_name = arena_printf(a, "%sperp", tag);
	in.people[1].person.known_as = arena_printf(a, "%snick", tag);
	struct field_errors e;
	field_errors_init(&e);
	int64_t rid = 0, c = 0;
	assert_int_equal(referral_submit(f->db, &f->referrer, &in, &e, &rid), MODEL_OK);
	assert_int_equal(referral_accept(f->db, &f->leader, rid, arena_printf(a, "Accepted %striage", tag), &e, &c), MODEL_OK);
	assert_int_equal(case_note_add(f->db, &f->caseworker, c, arena_printf(a, "Visited %snote", tag), &e, NULL), MODEL_OK);
	struct task_input t = {arena_printf(a, "Call %stask", tag), "", day_from_today(a, 2)};
	assert_int_equal(task_create(f->db, &f->caseworker, c, &t, &e, NULL), MODEL_OK);
	struct intervention_input iv = {"target_hardening", day_from_today(a, 0), NULL, arena_printf(a, "New lock %sintervention", tag)};
	assert_int_equal(intervention_record(f->db, &f->caseworker, c, &iv, &e, NULL), MODEL_OK);
	assert_int_equal(case_set_risk(f->db, &f->caseworker, c, "high", arena_printf(a, "Threats %srisk", tag), &e), MODEL_OK);
	assert_int_equal(case_update_summary(f->db, &f->caseworker, c, arena_printf(a, "Summary %ssummary", tag), &e), MODEL_OK);
	if (referral_out) *referral_out = rid;
	arena_free(a);
	return c;
}

#endif
