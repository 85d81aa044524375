/* Loading a redactor with what identifies a case (see case_study_redact.h). Reads the case's
 * records directly: the caller has already decided the study may be exported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "report/case_study_redact.h"
#include "util/xalloc.h"

/* Role codes and their labels; a role held by more than one person is numbered. */
static const char *const roles[][2] = {
	{"resident", "Resident"}, {"other_occupant", "Other occupant"}, {"perpetrator", "Perpetrator"},
	{"associate", "Associate"}, {"family_member", "Family member"},
};

static void add_person(struct redactor *r, const char *given, const char *family, const char *known_as, const char *label)
{
	char full[512];
	snprintf(full, sizeof full, "%s %s", given, family);
	redactor_add_term(r, full, label);
	if (*known_as) {
		snprintf(full, sizeof full, "%s %s", known_as, family);
		redactor_add_term(r, full, label);
		redactor_add_term(r, known_as, label);
	}
	redactor_add_term(r, given, label);
	redactor_add_term(r, family, label);
}

static void add_people(struct db *db, struct redactor *r, int64_t case_id)
{
	for (size_t k = 0; k < sizeof roles / sizeof *roles; k++) {
		/* the case's people and those named on the referral that opened it */
		const char *sql =
			"SELECT DISTINCT p.id, p.given_name, p.family_name, p.known_as FROM person p WHERE p.id IN ("
			" SELECT person_id FROM case_person WHERE case_id = ?1 AND role = ?2"
			" UNION SELECT rp.person_id FROM referral_person rp JOIN referral f ON f.id = rp.referral_id"
			"  WHERE f.case_id = ?1 AND rp.role = ?2) ORDER BY p.id";
		int64_t count = db_int(db, 0, "SELECT count(*) FROM (SELECT person_id FROM case_person WHERE case_id = ?1 AND role = ?2"
			" UNION SELECT rp.person_id FROM referral_person rp JOIN referral f ON f.id = rp.referral_id"
			"  WHERE f.case_id = ?1 AND rp.role = ?2) AS x", "it", case_id, roles[k][0]);
		struct db_stmt *st = db_preparef(db, sql, "it", case_id, roles[k][0]);
		int n = 0;
		while (db_step(st) == DB_ROW) {
			char label[64];
			if (count > 1) snprintf(label, sizeof label, "[%s %d]", roles[k][1], ++n);
			else snprintf(label, sizeof label, "[%s]", roles[k][1]);
			add_person(r, db_column_text(st, 1), db_column_text(st, 2), db_column_text(st, 3), label);
		}
		db_finalize(st);
	}
}

struct redactor *case_study_redactor(struct db *db, int64_t case_id, const char *extra_terms)
{
	struct redactor *r = redactor_new();
	add_people(db, r, case_id);
	struct db_stmt *st = db_preparef(db,
		"SELECT p.address_line1, p.address_line2, p.postcode FROM property p WHERE p.id IN ("
		" SELECT property_id FROM case_property WHERE case_id = ?1"
		" UNION SELECT f.property_id FROM referral f WHERE f.case_id = ?1 AND f.property_id IS NOT NULL)", "i", case_id);
	while (db_step(st) == DB_ROW) {
		redactor_add_address(r, db_column_text(st, 0), "[address]");
		redactor_add_address(r, db_column_text(st, 1), "[address]");
		redactor_add_term(r, db_column_text(st, 2), "[postcode]");
	}
	db_finalize(st);
	st = db_preparef(db, "SELECT c.reference, coalesce(u.name, ''), coalesce(f.referrer_name, ''), coalesce(v.name, '')"
		" FROM case_file c LEFT JOIN user u ON u.id = c.assigned_user_id LEFT JOIN referral f ON f.case_id = c.id"
		" LEFT JOIN user v ON v.id = f.referrer_user_id WHERE c.id = ?", "i", case_id);
	if (db_step(st) == DB_ROW) {
		redactor_add_term(r, db_column_text(st, 0), "[reference]");
		redactor_add_term(r, db_column_text(st, 1), "[caseworker]");
		redactor_add_term(r, db_column_text(st, 2), "[referrer]");
		redactor_add_term(r, db_column_text(st, 3), "[referrer]");
	}
	db_finalize(st);
	if (extra_terms) {
		char *copy = xstrdup(extra_terms), *save = NULL;
		for (char *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save))
			redactor_add_term(r, line, "[removed]");
		free(copy);
	}
	return r;
}

char *case_study_redact_text(struct db *db, int64_t case_id, const char *extra_terms, const char *text)
{
	struct redactor *r = case_study_redactor(db, case_id, extra_terms);
	char *out = redactor_apply(r, text);
	redactor_free(r);
	return out;
}
