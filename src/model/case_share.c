/* Shares of cases: validation against the agreement register, storage, revocation, listing. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case_access.h"
#include "model/case_share.h"
#include "model/case_vocab.h"
#include "model/record_audit.h"
#include "model/audit.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"

const struct case_section_name case_section_names[] = {
	{CASE_SECTION_PEOPLE, "people", "People on the case"},
	{CASE_SECTION_PROPERTY, "property", "Properties"},
	{CASE_SECTION_RISK, "risk", "Risk level and its history"},
	{CASE_SECTION_INTERVENTIONS, "interventions", "Interventions and outcomes"},
	{CASE_SECTION_TASKS, "tasks", "Tasks"},
	{CASE_SECTION_NOTES, "notes", "Notes, summary and the referral's observations"},
	{CASE_SECTION_CHRONOLOGY, "chronology", "Chronology (of the sections shared)"},
	{0, NULL, NULL}
};

const char *case_sections_label(struct arena *a, unsigned sections)
{
	if ((sections & CASE_SECTION_ALL) == CASE_SECTION_ALL) return "The whole case";
	struct buf b = BUF_INIT;
	for (const struct case_section_name *s = case_section_names; s->code; s++) {
		if (!(sections & s->bit)) continue;
		if (b.len) buf_puts(&b, ", ");
		buf_puts(&b, b.len ? s->code : s->label);
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Parse section codes into bits; 0 after adding an error. */
static unsigned parse_sections(const struct share_input *in, struct field_errors *errs)
{
	unsigned bits = 0;
	for (size_t i = 0; i < in->n_sections && i < 8; i++) {
		const char *code = in->sections[i];
		if (!code || !*code) continue;
		if (!strcmp(code, "all")) {
			bits |= CASE_SECTION_ALL;
			continue;
		}
		const struct case_section_name *s = case_section_names;
		while (s->code && strcmp(s->code, code)) s++;
		if (!s->code) {
			field_errors_add(errs, "sections", "Select the parts of the case to share from the list");
			return 0;
		}
		bits |= s->bit;
	}
	if (!bits) field_errors_add(errs, "sections", "Select at least one part of the case to share");
	return bits;
}

int case_share_create(struct db *db, const struct actor *who, int64_t case_id, const struct share_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	enum access_level level = case_access(db, who, case_id);
	if (level < ACCESS_READ) return MODEL_NOT_FOUND;
	if (level < ACCESS_WRITE) return MODEL_FORBIDDEN;
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM case_file WHERE id = ?", "i", case_id);
	struct arena *a = arena_new();
	char today[11], expires[11];
	date_today(today);

	int64_t agency = validate_id(errs, "agency_id", in->agency_id, "the agency to share with");
	if (agency == 0) field_errors_add(errs, "agency_id", "Select the agency to share with");
	else if (agency > 0 && !db_int(db, 0, "SELECT 1 FROM agency WHERE id = ?", "i", agency))
		field_errors_add(errs, "agency_id", "Select the agency to share with from the list");
	else if (agency == owner) field_errors_add(errs, "agency_id", "The case already belongs to that agency");

	int64_t agreement = validate_id(errs, "agreement_id", in->agreement_id, "an information-sharing agreement");
	char *ends = NULL;
	if (agreement == 0) field_errors_add(errs, "agreement_id", "Select the information-sharing agreement");
	else if (agreement > 0) {
		ends = db_text(db, "SELECT ends_on FROM sharing_agreement WHERE id = ? AND starts_on <= ? AND ends_on >= ?",
			"itt", agreement, today, today);
		if (!ends)
			field_errors_add(errs, "agreement_id", "Select an agreement that is in force today");
		else if (!db_int(db, 0, "SELECT 1 FROM sharing_agreement_party WHERE agreement_id = ? AND agency_id = ?", "ii",
				agreement, owner) ||
			(agency > 0 && !db_int(db, 0, "SELECT 1 FROM sharing_agreement_party WHERE agreement_id = ? AND agency_id = ?",
				"ii", agreement, agency)))
			field_errors_add(errs, "agreement_id", "Select an agreement that both agencies are party to");
	}
	int basis = validate_choice(errs, "lawful_basis", in->lawful_basis, "the lawful basis for sharing", 1,
		vocab_lawful_basis_codes);
	if (basis >= 0 && !strcmp(vocab_lawful_basis_codes[basis], "consent") &&
	    db_int(db, 0, "SELECT 1 FROM referral WHERE case_id = ? AND consent <> 'given'", "i", case_id))
		field_errors_add(errs, "lawful_basis",
			"The resident did not consent when referred; choose section 115 or safeguarding duty, or record consent first");
	const char *purpose = validate_text(a, errs, "purpose", in->purpose, "why this agency needs the information", 1, 500, 1);
	if (validate_date(errs, "expires_on", in->expires_on, "the last day the share may be used", 1, NULL, expires) == 1) {
		if (strcmp(expires, today) < 0) field_errors_add(errs, "expires_on", "The last day must be today or later");
		else if (ends && strcmp(expires, ends) > 0)
			field_errors_add(errs, "expires_on", "The share cannot outlast the agreement, which ends on %s", ends);
	}
	unsigned sections = parse_sections(in, errs);
	int special = validate_yes_no(errs, "special_category", in->special_category,
		"whether special-category details are shared", 0);
	free(ends);
	if (errs->count) {
		arena_free(a);
		return MODEL_INVALID;
	}
	db_begin(db);
	struct db_stmt *st = db_preparef(db, "INSERT INTO case_share(case_id, agency_id, agreement_id, sections, special_category,"
		" lawful_basis, purpose, expires_on, created_by, created_at) VALUES(?,?,?,?,?,?,?,?,?,?)", "iiiii" "ttt" "ii",
		case_id, agency, agreement, (int64_t)sections, (int64_t)(special == 1), vocab_lawful_basis_codes[basis], purpose,
		expires, who->user_id, clock_now());
	db_step(st);
	db_finalize(st);
	int64_t id = db_last_insert_id(db);
	/* disclosure: who (the actor), the recipient, the justification (basis and agreement), what and until when */
	char purpose_line[96], detail[160];
	snprintf(purpose_line, sizeof purpose_line, "lawful basis %s; agreement %" PRId64, vocab_lawful_basis_codes[basis], agreement);
	snprintf(detail, sizeof detail, "share %" PRId64 " to agency %" PRId64 "; sections %u%s; until %s", id, agency, sections,
		special == 1 ? " with special categories" : "", expires);
	char rid[24];
	snprintf(rid, sizeof rid, "%" PRId64, case_id);
	audit_record(db, who, "case.share", "case", rid, purpose_line, detail);
	db_commit(db);
	if (id_out) *id_out = id;
	arena_free(a);
	return MODEL_OK;
}

int case_share_revoke(struct db *db, const struct actor *who, int64_t case_id, int64_t share_id,
	struct field_errors *errs)
{
	enum access_level level = case_access(db, who, case_id);
	if (level < ACCESS_READ) return MODEL_NOT_FOUND;
	if (level < ACCESS_WRITE) return MODEL_FORBIDDEN;
	db_begin(db);
	int64_t exists = db_int(db, -1, "SELECT revoked_at IS NOT NULL FROM case_share WHERE id = ? AND case_id = ?", "ii",
		share_id, case_id);
	if (exists < 0) {
		db_rollback(db);
		return MODEL_NOT_FOUND;
	}
	if (exists) {
		db_rollback(db);
		return field_errors_refuse(errs, "This share has already been revoked");
	}
	db_run(db, "UPDATE case_share SET revoked_by = ?, revoked_at = ? WHERE id = ?", "iii", who->user_id, clock_now(), share_id);
	char detail[48];
	snprintf(detail, sizeof detail, "share %" PRId64, share_id);
	record_audit(db, who, "case.share.revoke", "case", case_id, detail);
	db_commit(db);
	return MODEL_OK;
}

int case_share_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct case_share **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct case_grant g;
	case_access_grant(db, who, case_id, &g);
	if (g.level < ACCESS_READ) return MODEL_NOT_FOUND;
	char today[11];
	date_today(today);
	struct db_stmt *st = db_preparef(db,
		"SELECT s.id, s.case_id, s.agency_id, s.agreement_id, ag.name, g.title, s.lawful_basis, s.purpose, s.expires_on,"
		" s.sections, s.special_category, coalesce(cu.name, ''), coalesce(ru.name, ''), s.created_at, coalesce(s.revoked_at, 0),"
		" CASE WHEN s.revoked_at IS NOT NULL THEN 'revoked' WHEN s.expires_on < ? THEN 'expired'"
		"  WHEN g.starts_on > ? OR g.ends_on < ?"
		"   OR NOT EXISTS (SELECT 1 FROM sharing_agreement_party p WHERE p.agreement_id = g.id AND p.agency_id = s.agency_id)"
		"   OR NOT EXISTS (SELECT 1 FROM sharing_agreement_party p WHERE p.agreement_id = g.id AND p.agency_id = c.agency_id)"
		"  THEN 'suspended' ELSE 'active' END"
		" FROM case_share s JOIN case_file c ON c.id = s.case_id JOIN agency ag ON ag.id = s.agency_id"
		" JOIN sharing_agreement g ON g.id = s.agreement_id LEFT JOIN user cu ON cu.id = s.created_by"
		" LEFT JOIN user ru ON ru.id = s.revoked_by"
		" WHERE s.case_id = ? AND (? OR s.agency_id = ?) ORDER BY s.created_at DESC, s.id DESC",
		"ttt" "iii", today, today, today, case_id, (int64_t)g.owner, who->agency_id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct case_share *s = arena_array_push(a, out, n, &cap, sizeof *s);
		s->id = db_column_int(st, 0);
		s->case_id = db_column_int(st, 1);
		s->agency_id = db_column_int(st, 2);
		s->agreement_id = db_column_int(st, 3);
		s->agency_name = arena_strdup(a, db_column_text(st, 4));
		s->agreement_title = arena_strdup(a, db_column_text(st, 5));
		s->lawful_basis = arena_strdup(a, db_column_text(st, 6));
		s->purpose = arena_strdup(a, db_column_text(st, 7));
		s->expires_on = arena_strdup(a, db_column_text(st, 8));
		s->sections = (unsigned)db_column_int(st, 9);
		s->special_category = (int)db_column_int(st, 10);
		s->created_by_name = arena_strdup(a, db_column_text(st, 11));
		s->revoked_by_name = arena_strdup(a, db_column_text(st, 12));
		s->created_at = db_column_int(st, 13);
		s->revoked_at = db_column_int(st, 14);
		s->state = arena_strdup(a, db_column_text(st, 15));
	}
	db_finalize(st);
	return MODEL_OK;
}

const char *case_share_state_label(const char *state)
{
	if (!strcmp(state, "active")) return "In force";
	if (!strcmp(state, "expired")) return "Expired";
	if (!strcmp(state, "suspended")) return "Suspended: agreement not in force";
	if (!strcmp(state, "revoked")) return "Revoked";
	return state;
}
