/* Shared set-up for the case-management unit tests: an in-memory database with the schema,
 * three agencies (council exploitation team, police, housing) and their users, and helpers
 * that submit a valid referral and open a case. Included by tests/unit/test_case_*.c. */
#ifndef NESTGUARD_TEST_CASE_FIXTURE_H
#define NESTGUARD_TEST_CASE_FIXTURE_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "db/db.h"
#include "model/case.h"
#include "model/referral.h"
#include "model/role.h"
#include "util/arena.h"

struct fixture {
	struct db *db;
	int64_t council, police, housing;
	struct actor caseworker, leader, leader2, referrer, partner, analyst, admin;
};

static inline int64_t fixture_agency(struct db *db, const char *name, const char *kind)
{
	db_run(db, "INSERT INTO agency(name, kind, created_at) VALUES(?, ?, 0)", "tt", name, kind);
	return db_last_insert_id(db);
}

static inline struct actor fixture_user(struct db *db, const char *email, const char *name, int64_t agency, unsigned roles)
{
	db_run(db, "INSERT INTO user(email, name, agency_id, roles, created_at) VALUES(?, ?, ?, ?, 0)", "ttii",
		email, name, agency, (int64_t)roles);
	struct actor a = {db_last_insert_id(db), agency, roles, "test"};
	return a;
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	char err[256];
	f->db = db_open(":memory:", err, sizeof err);
	assert_non_null(f->db);
	db_migrate(f->db);
	f->council = fixture_agency(f->db, "Test Council", "council");
	f->police = fixture_agency(f->db, "Test Police", "police");
	f->housing = fixture_agency(f->db, "Test Housing", "housing");
	f->caseworker = fixture_user(f->db, "cw@council.test", "Casey Worker", f->council, ROLE_CASEWORKER);
	f->leader = fixture_user(f->db, "tl@council.test", "Terry Leader", f->council, ROLE_TEAM_LEADER);
	f->leader2 = fixture_user(f->db, "tl2@council.test", "Tess Leader", f->council, ROLE_TEAM_LEADER | ROLE_CASEWORKER);
	f->referrer = fixture_user(f->db, "ref@police.test", "Pat Constable", f->police, ROLE_REFERRER);
	f->partner = fixture_user(f->db, "p@housing.test", "Hana Officer", f->housing, ROLE_PARTNER | ROLE_CASEWORKER);
	f->analyst = fixture_user(f->db, "an@council.test", "Ana Lyst", f->council, ROLE_ANALYST);
	f->admin = fixture_user(f->db, "ad@council.test", "Addy Min", f->council, ROLE_ADMIN);
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	test_free(f);
	return 0;
}

/* A valid referral input: one resident, one perpetrator, a Brinnington-ish fictional address. */
static inline void fixture_referral_input(struct referral_input *in)
{
	memset(in, 0, sizeof *in);
	in->referring_team = "Neighbourhood policing";
	in->property.address_line1 = "12 Imaginary Close";
	in->property.town = "Stockport";
	in->property.postcode = "sk5 7zz";
	in->property.tenure = "social";
	in->signs[0] = "visitors_odd_hours";
	in->signs[1] = "door_damage";
	in->n_signs = 2;
	in->observations = "Several young people visiting late at night.";
	in->consent = "not_asked";
	in->lawful_basis = "s115";
	in->urgency = "urgent";
	in->people[0].person.given_name = "Alan";
	in->people[0].person.family_name = "Testperson";
	in->people[0].person.date_of_birth = "1961-04-02";
	in->people[0].role = "resident";
	in->people[1].person.given_name = "Bobby";
	in->people[1].person.family_name = "Fictitious";
	in->people[1].role = "perpetrator";
	in->n_people = 2;
}

/* Submit the standard referral as the police referrer; returns its id. */
static inline int64_t fixture_submit(struct fixture *f)
{
	struct referral_input in;
	fixture_referral_input(&in);
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	assert_int_equal(referral_submit(f->db, &f->referrer, &in, &e, &id), MODEL_OK);
	return id;
}

/* Submit and accept (by the team leader); returns the case id. */
static inline int64_t fixture_case(struct fixture *f)
{
	int64_t rid = fixture_submit(f);
	struct field_errors e;
	field_errors_init(&e);
	int64_t case_id = 0;
	assert_int_equal(referral_accept(f->db, &f->leader, rid, "Signs of cuckooing", &e, &case_id), MODEL_OK);
	return case_id;
}

static inline int64_t fixture_count(struct db *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return db_int(db, -1, sql, "");
}

/* case_type_list (migration 017) holds exactly the (agency, type, status, opened_on, case) of
 * every type link: nothing missing, nothing left over. */
static inline void assert_type_list_in_step(struct db *db)
{
	static const char joined[] = "SELECT c.agency_id, t.type_id, c.status, c.opened_on, c.id"
		" FROM case_exploitation_type t JOIN case_file c ON c.id = t.case_id";
	static const char listed[] = "SELECT agency_id, type_id, status, opened_on, case_id FROM case_type_list";
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", joined, listed);
	assert_int_equal(db_int(db, -1, sql, ""), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", listed, joined);
	assert_int_equal(db_int(db, -1, sql, ""), 0);
}

#endif
