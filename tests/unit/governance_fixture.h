/* Helpers for the information-governance tests on top of case_fixture.h: a clock the test moves
 * (NESTGUARD_TEST_CLOCK_FILE, whole days), an agreement between two agencies, and a share. */
#ifndef NESTGUARD_TEST_GOVERNANCE_FIXTURE_H
#define NESTGUARD_TEST_GOVERNANCE_FIXTURE_H
#include "case_fixture.h"
#include "model/case_note.h"
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

#endif
