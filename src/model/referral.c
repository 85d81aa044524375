/* Referrals: submission with full validation, reading by access level, triage, queues. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/case_vocab.h"
#include "model/record_audit.h"
#include "model/referral.h"
#include "model/sealed_text.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/xalloc.h"

int64_t referral_receiving_agency(struct db *db)
{
	int64_t id = db_int(db, 0, "SELECT CAST(value AS INTEGER) FROM setting WHERE name = 'cases.receiving_agency_id'"
		" AND CAST(value AS INTEGER) IN (SELECT id FROM agency)", "");
	if (id) return id;
	return db_int(db, 0, "SELECT min(agency_id) FROM user WHERE (roles & 6) <> 0 AND disabled = 0", "");
}

/* Roles that may submit a referral: every partner role except analysts and administrators. */
static int may_refer(const struct actor *who)
{
	return who && who->user_id > 0 &&
		(who->roles & (ROLE_REFERRER | ROLE_CASEWORKER | ROLE_TEAM_LEADER | ROLE_PARTNER)) != 0;
}

int referral_submit(struct db *db, const struct actor *who, const struct referral_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	if (!may_refer(who)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	char today[11], referred_on[11];
	date_today(today);

	int64_t receiver = validate_id(errs, "receiving_agency_id", in->receiving_agency_id, "the agency to refer to");
	if (receiver > 0 && !db_int(db, 0, "SELECT 1 FROM user WHERE agency_id = ? AND (roles & 6) <> 0 AND disabled = 0",
			"i", receiver))
		field_errors_add(errs, "receiving_agency_id", "Select an agency that takes referrals");
	if (receiver == 0) {
		receiver = referral_receiving_agency(db);
		if (!receiver) field_errors_refuse(errs, "No agency is set up to receive referrals yet");
	}
	const char *team = validate_text(a, errs, "referring_team", in->referring_team, "your team", 0, 100, 0);
	const char *contact = validate_text(a, errs, "referrer_contact", in->referrer_contact,
		"your phone number or email address", 0, 120, 0);
	if (!in->referred_on || !*in->referred_on) memcpy(referred_on, today, sizeof referred_on);
	else validate_date(errs, "referred_on", in->referred_on, "the date of the referral", 1, today, referred_on);

	struct property prop;
	property_validate(db, a, &in->property, "", errs, &prop);

	/* signs: known codes, each once */
	const char *signs[REFERRAL_MAX_SIGNS];
	size_t n_signs = 0;
	for (size_t i = 0; i < in->n_signs && i < REFERRAL_MAX_SIGNS; i++) {
		const char *code = in->signs[i];
		if (!code || !*code) continue;
		if (!db_int(db, 0, "SELECT 1 FROM cuckooing_sign WHERE code = ?", "t", code)) {
			field_errors_add(errs, "signs", "Select signs from the list");
			break;
		}
		int dup = 0;
		for (size_t j = 0; j < n_signs; j++) dup |= strcmp(signs[j], code) == 0;
		if (!dup) signs[n_signs++] = code;
	}
	const char *observations = validate_text(a, errs, "observations", in->observations,
		"what was observed", 0, 5000, 1);
	if (n_signs == 0 && observations && !*observations && !field_errors_for(errs, "signs"))
		field_errors_add(errs, "signs", "Select at least one sign, or describe what was observed");

	int consent = validate_choice(errs, "consent", in->consent, "whether the resident consented", 1, vocab_consent_codes);
	int basis = validate_choice(errs, "lawful_basis", in->lawful_basis, "the lawful basis for sharing", 1,
		vocab_lawful_basis_codes);
	if (basis == 0 && consent >= 0 && consent != 0)
		field_errors_add(errs, "lawful_basis",
			"Consent can only be the lawful basis when the resident consented; choose section 115 or safeguarding duty");
	int urgency = validate_choice(errs, "urgency", in->urgency, "how urgent the referral is", 1, vocab_urgency_codes);

	if (in->n_people == 0)
		field_errors_add(errs, "people", "Add at least one person of concern");
	if (in->n_people > REFERRAL_MAX_PEOPLE)
		field_errors_add(errs, "people", "A referral can name at most %d people; add the others to the case later",
			REFERRAL_MAX_PEOPLE);
	struct person people[REFERRAL_MAX_PEOPLE];
	int roles[REFERRAL_MAX_PEOPLE];
	size_t n_people = in->n_people < REFERRAL_MAX_PEOPLE ? in->n_people : REFERRAL_MAX_PEOPLE;
	for (size_t i = 0; i < n_people; i++) {
		char prefix[24], field[48];
		snprintf(prefix, sizeof prefix, "people[%zu].", i);
		person_validate(a, &in->people[i].person, prefix, errs, &people[i]);
		snprintf(field, sizeof field, "people[%zu].role", i);
		roles[i] = validate_choice(errs, field, in->people[i].role, "the person's role", 1, vocab_person_role_codes);
	}

	if (errs->count) {
		arena_free(a);
		return field_errors_for(errs, "") && errs->count == 1 ? MODEL_REFUSED : MODEL_INVALID;
	}

	db_begin(db);
	int64_t property_id = property_store(db, who, receiver, &prop);
	int64_t now = clock_now();
	struct db_stmt *st = db_preparef(db,
		"INSERT INTO referral(receiving_agency_id, referring_agency_id, referring_team, referrer_user_id, referrer_contact,"
		" referred_on, property_id, observations, consent, lawful_basis, urgency, created_at)"
		" VALUES(?,?,?,?,?,?,?,'',?,?,?,?)",
		"iitit" "tittti", receiver, who->agency_id, team, who->user_id, contact, referred_on, property_id,
		vocab_consent_codes[consent], vocab_lawful_basis_codes[basis], vocab_urgency_codes[urgency], now);
	db_step(st);
	db_finalize(st);
	int64_t id = db_last_insert_id(db);
	sealed_text_store(db, "referral", "observations", id, observations);
	db_run(db, "UPDATE referral SET referrer_name = coalesce((SELECT name FROM user WHERE id = ?), '') WHERE id = ?",
		"ii", who->user_id, id);
	for (size_t i = 0; i < n_signs; i++)
		db_run(db, "INSERT INTO referral_sign(referral_id, sign_code) VALUES(?, ?)", "it", id, signs[i]);
	for (size_t i = 0; i < n_people; i++) {
		int64_t pid = person_store(db, who, receiver, &people[i]);
		db_run(db, "INSERT INTO referral_person(referral_id, person_id, role) VALUES(?,?,?)", "iit",
			id, pid, vocab_person_role_codes[roles[i]]);
	}
	char detail[48];
	snprintf(detail, sizeof detail, "people=%zu signs=%zu", n_people, n_signs);
	record_audit(db, who, "referral.create", "referral", id, detail);
	db_commit(db);
	if (id_out) *id_out = id;
	arena_free(a);
	return MODEL_OK;
}

int referral_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct referral *out)
{
	enum access_level level = referral_access(db, who, id);
	if (level == ACCESS_NONE) return MODEL_NOT_FOUND;
	memset(out, 0, sizeof *out);
	out->access = level;
	db_begin(db);
	struct db_stmt *st = db_preparef(db,
		"SELECT r.id, r.referred_on, r.status, coalesce(c.status, ''), r.created_at, coalesce(r.triaged_at, 0), ra.name,"
		" r.receiving_agency_id, r.referring_agency_id, coalesce(r.referrer_user_id, 0), coalesce(r.case_id, 0),"
		" coalesce(r.triaged_by, 0), rc.name, r.referring_team, r.referrer_name, r.referrer_contact, r.observations,"
		" r.consent, r.lawful_basis, r.urgency, coalesce(r.triage_reason, ''), coalesce(tu.name, ''),"
		" coalesce(c.reference, ''), coalesce(r.property_id, 0)"
		" FROM referral r JOIN agency ra ON ra.id = r.referring_agency_id JOIN agency rc ON rc.id = r.receiving_agency_id"
		" LEFT JOIN case_file c ON c.id = r.case_id LEFT JOIN user tu ON tu.id = r.triaged_by WHERE r.id = ?", "i", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		db_rollback(db);
		return MODEL_NOT_FOUND;
	}
	out->id = db_column_int(st, 0);
	out->referred_on = arena_strdup(a, db_column_text(st, 1));
	out->status = arena_strdup(a, db_column_text(st, 2));
	/* the referrer sees whether the case is open or closed, nothing more */
	out->case_status = arena_strdup(a, db_column_text(st, 3));
	out->created_at = db_column_int(st, 4);
	out->triaged_at = db_column_int(st, 5);
	out->referring_agency_name = arena_strdup(a, db_column_text(st, 6));
	int64_t property_id = db_column_int(st, 23);
	if (level >= ACCESS_READ) {
		out->receiving_agency_id = db_column_int(st, 7);
		out->referring_agency_id = db_column_int(st, 8);
		out->referrer_user_id = db_column_int(st, 9);
		out->case_id = db_column_int(st, 10);
		out->triaged_by = db_column_int(st, 11);
		const char **texts[] = {&out->receiving_agency_name, &out->referring_team, &out->referrer_name,
			&out->referrer_contact, &out->observations, &out->consent, &out->lawful_basis, &out->urgency,
			&out->triage_reason, &out->triaged_by_name, &out->case_reference};
		for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
			*texts[k] = arena_strdup(a, db_column_text(st, 12 + (int)k));
		out->observations = sealed_text_open(a, "referral.observations", out->id, out->observations);
	}
	db_finalize(st);
	if (level >= ACCESS_READ) {
		if (property_id) out->has_property = property_load(db, property_id, a, &out->property) == MODEL_OK;
		size_t cap = 0;
		st = db_preparef(db, "SELECT s.code, s.label FROM referral_sign rs JOIN cuckooing_sign s ON s.code = rs.sign_code"
			" WHERE rs.referral_id = ? ORDER BY s.sort_order", "i", id);
		while (db_step(st) == DB_ROW) {
			struct referral_sign_item *it = arena_array_push(a, &out->signs, &out->n_signs, &cap, sizeof *it);
			it->code = arena_strdup(a, db_column_text(st, 0));
			it->label = arena_strdup(a, db_column_text(st, 1));
		}
		db_finalize(st);
		cap = 0;
		st = db_preparef(db, "SELECT person_id, role FROM referral_person WHERE referral_id = ? ORDER BY rowid", "i", id);
		while (db_step(st) == DB_ROW) {
			struct referral_person_item *it = arena_array_push(a, &out->people, &out->n_people, &cap, sizeof *it);
			person_load(db, db_column_int(st, 0), a, &it->person);
			it->role = arena_strdup(a, db_column_text(st, 1));
		}
		db_finalize(st);
	}
	record_audit(db, who, level >= ACCESS_READ ? "referral.view" : "referral.view.status", "referral", id, NULL);
	db_commit(db);
	return MODEL_OK;
}

/* Checks shared by the three triage decisions; inside the caller's transaction. */
static int triage_check(struct db *db, const struct actor *who, int64_t id, struct arena *a, const char *reason,
	struct field_errors *errs, const char **why)
{
	enum access_level level = referral_access(db, who, id);
	if (level == ACCESS_NONE) return MODEL_NOT_FOUND;
	if (level < ACCESS_WRITE) return MODEL_FORBIDDEN;
	char *status = db_text(db, "SELECT status FROM referral WHERE id = ?", "i", id);
	if (strcmp(status, "submitted") != 0) {
		char *ref = db_text(db, "SELECT c.reference FROM referral r JOIN case_file c ON c.id = r.case_id WHERE r.id = ?", "i", id);
		if (ref) field_errors_refuse(errs, "This referral has already been accepted (case %s)", ref);
		else field_errors_refuse(errs, "This referral has already been triaged: %s",
			vocab_label(vocab_referral_status, status));
		free(ref);
		free(status);
		return MODEL_REFUSED;
	}
	free(status);
	*why = validate_text(a, errs, "reason", reason, "the reason for the decision", 1, 2000, 1);
	return *why ? MODEL_OK : MODEL_INVALID;
}

static void triage_record(struct db *db, const struct actor *who, int64_t id, const char *status, const char *why,
	int64_t case_id)
{
	struct db_stmt *st = db_preparef(db, "UPDATE referral SET status = ?, triage_reason = ?, triaged_by = ?,"
		" triaged_at = ?, case_id = ? WHERE id = ?", "ttii" "ni", status, why, who->user_id, clock_now(), id);
	if (case_id) db_bind_int(st, 5, case_id);
	db_step(st);
	db_finalize(st);
}

int referral_accept(struct db *db, const struct actor *who, int64_t id, const char *reason,
	struct field_errors *errs, int64_t *case_id_out)
{
	struct arena *a = arena_new();
	const char *why = NULL;
	db_begin(db);
	int rc = triage_check(db, who, id, a, reason, errs, &why);
	if (rc != MODEL_OK) {
		db_rollback(db);
		arena_free(a);
		return rc;
	}
	struct case_open_input o = {0};
	o.agency_id = db_int(db, 0, "SELECT receiving_agency_id FROM referral WHERE id = ?", "i", id);
	o.referring_agency_id = db_int(db, 0, "SELECT referring_agency_id FROM referral WHERE id = ?", "i", id);
	char today[11];
	date_today(today);
	o.opened_on = today;
	o.source = "referral";
	if ((who->roles & ROLE_CASEWORKER) && !(who->roles & ROLE_TEAM_LEADER)) o.assigned_user_id = who->user_id;
	int64_t case_id = case_insert(db, who, &o);
	if (!case_id) fatal("new case reference collided");
	triage_record(db, who, id, "accepted", why, case_id);
	int64_t property_id = db_int(db, 0, "SELECT property_id FROM referral WHERE id = ?", "i", id);
	if (property_id) case_link_property(db, who, case_id, property_id);
	struct db_stmt *st = db_preparef(db, "SELECT person_id, role FROM referral_person WHERE referral_id = ? ORDER BY rowid", "i", id);
	while (db_step(st) == DB_ROW) {
		/* a person merged since the referral is linked as the survivor */
		int64_t pid = db_column_int(st, 0);
		int64_t survivor = db_int(db, 0, "SELECT merged_into FROM person WHERE id = ?", "i", pid);
		case_link_person(db, who, case_id, survivor ? survivor : pid, db_column_text(st, 1));
	}
	db_finalize(st);
	/* property takeover is what a referral through this form is about; the worker refines it */
	int64_t type = db_int(db, 0, "SELECT id FROM exploitation_type WHERE code = 'property_takeover'", "");
	if (type) {
		db_run(db, "INSERT INTO case_exploitation_type(case_id, type_id) VALUES(?, ?)", "ii", case_id, type);
		case_types_changed(db, case_id);
	}
	char detail[48];
	snprintf(detail, sizeof detail, "case %" PRId64, case_id);
	record_audit(db, who, "referral.accept", "referral", id, detail);
	snprintf(detail, sizeof detail, "from referral %" PRId64, id);
	record_audit(db, who, "case.create", "case", case_id, detail);
	db_commit(db);
	if (case_id_out) *case_id_out = case_id;
	arena_free(a);
	return MODEL_OK;
}

/* Signpost or pass to ASB: a status and a reason, no case. */
static int referral_decline(struct db *db, const struct actor *who, int64_t id, const char *reason,
	struct field_errors *errs, const char *status, const char *action)
{
	struct arena *a = arena_new();
	const char *why = NULL;
	db_begin(db);
	int rc = triage_check(db, who, id, a, reason, errs, &why);
	if (rc == MODEL_OK) {
		triage_record(db, who, id, status, why, 0);
		record_audit(db, who, action, "referral", id, NULL);
		db_commit(db);
	} else {
		db_rollback(db);
	}
	arena_free(a);
	return rc;
}

int referral_signpost(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs)
{
	return referral_decline(db, who, id, reason, errs, "signposted", "referral.signpost");
}

int referral_pass_to_asb(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs)
{
	return referral_decline(db, who, id, reason, errs, "passed_to_asb", "referral.pass_to_asb");
}

static size_t referral_rows(struct db *db, struct db_stmt *st, int full, struct arena *a, struct referral_row **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	(void)db;
	while (db_step(st) == DB_ROW) {
		struct referral_row *r = arena_array_push(a, out, &n, &cap, sizeof *r);
		r->id = db_column_int(st, 0);
		r->referred_on = arena_strdup(a, db_column_text(st, 1));
		r->status = arena_strdup(a, db_column_text(st, 2));
		r->referring_agency_name = arena_strdup(a, db_column_text(st, 3));
		r->created_at = db_column_int(st, 4);
		r->urgency = r->address = r->resident = "";
		if (full) {
			r->urgency = arena_strdup(a, db_column_text(st, 5));
			r->address = arena_strdup(a, db_column_text(st, 6));
			r->resident = arena_strdup(a, db_column_text(st, 7));
			r->case_id = db_column_int(st, 8);
		}
	}
	db_finalize(st);
	return n;
}

size_t referral_queue(struct db *db, const struct actor *who, const char *status, size_t limit,
	struct arena *a, struct referral_row **out)
{
	*out = NULL;
	if (!access_is_case_staff(who)) return 0;
	if (!status || !*status) status = "submitted";
	struct db_stmt *st = db_preparef(db,
		"SELECT r.id, r.referred_on, r.status, ag.name, r.created_at, r.urgency,"
		" coalesce(p.address_line1 || ', ' || p.postcode, ''),"
		" coalesce((SELECT pe.given_name || ' ' || pe.family_name FROM referral_person rp JOIN person pe ON pe.id = rp.person_id"
		"   WHERE rp.referral_id = r.id ORDER BY rp.role <> 'resident', rp.rowid LIMIT 1), ''), coalesce(r.case_id, 0)"
		" FROM referral r JOIN agency ag ON ag.id = r.referring_agency_id LEFT JOIN property p ON p.id = r.property_id"
		" WHERE r.receiving_agency_id = ? AND r.status = ?"
		" ORDER BY CASE r.urgency WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END,"
		"  CASE WHEN r.status = 'submitted' THEN r.created_at ELSE -r.created_at END LIMIT ?",
		"iti", who->agency_id, status, (int64_t)limit);
	size_t n = referral_rows(db, st, 1, a, out);
	db_begin(db);
	record_audit(db, who, "referral.list", "referral", 0, NULL);
	db_commit(db);
	return n;
}

size_t referral_mine(struct db *db, const struct actor *who, size_t limit, struct arena *a, struct referral_row **out)
{
	*out = NULL;
	if (!who || who->user_id <= 0) return 0;
	struct db_stmt *st = db_preparef(db,
		"SELECT r.id, r.referred_on, r.status, ag.name, r.created_at FROM referral r"
		" JOIN agency ag ON ag.id = r.referring_agency_id WHERE r.referrer_user_id = ?"
		" ORDER BY r.created_at DESC, r.id DESC LIMIT ?", "ii", who->user_id, (int64_t)limit);
	return referral_rows(db, st, 0, a, out);
}
