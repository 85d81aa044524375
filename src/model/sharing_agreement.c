/* Information-sharing agreements: validation, storage, the register and what is in force. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case_vocab.h"
#include "model/record_audit.h"
#include "model/sharing_agreement.h"
#include "util/arena.h"
#include "util/clock.h"

int agreement_may_manage(const struct actor *who)
{
	return who && who->user_id > 0 && (who->roles & (ROLE_ADMIN | ROLE_TEAM_LEADER)) != 0;
}

int agreement_may_edit(struct db *db, const struct actor *who, int64_t id)
{
	if (!agreement_may_manage(who)) return 0;
	if (who->roles & ROLE_ADMIN) return 1;
	return db_int(db, 0, "SELECT 1 FROM sharing_agreement_party WHERE agreement_id = ? AND agency_id = ?", "ii",
		id, who->agency_id) != 0;
}

/* The checked form of an agreement_input. */
struct checked {
	const char *title, *purpose, *basis;
	char starts[11], review[11], ends[11];
	int64_t parties[AGREEMENT_MAX_PARTIES];
	size_t n_parties;
};

static int check_input(struct db *db, const struct actor *who, struct arena *a, const struct agreement_input *in,
	struct field_errors *errs, struct checked *c)
{
	memset(c, 0, sizeof *c);
	c->title = validate_text(a, errs, "title", in->title, "the name of the agreement", 1, 200, 0);
	c->purpose = validate_text(a, errs, "purpose", in->purpose, "the purpose of the sharing", 1, 2000, 1);
	int basis = validate_choice(errs, "lawful_basis", in->lawful_basis, "the lawful basis", 1, vocab_lawful_basis_codes);
	if (basis >= 0) c->basis = vocab_lawful_basis_codes[basis];
	int s = validate_date(errs, "starts_on", in->starts_on, "the date the agreement starts", 1, NULL, c->starts);
	int r = validate_date(errs, "review_on", in->review_on, "the review date", 1, NULL, c->review);
	int e = validate_date(errs, "ends_on", in->ends_on, "the date the agreement ends", 1, NULL, c->ends);
	if (s == 1 && r == 1 && strcmp(c->review, c->starts) < 0)
		field_errors_add(errs, "review_on", "The review date must be on or after the start date");
	if (s == 1 && e == 1 && strcmp(c->ends, c->starts) < 0)
		field_errors_add(errs, "ends_on", "The end date must be on or after the start date");
	int own_party = 0, bad = 0;
	for (size_t i = 0; i < in->n_parties && i < AGREEMENT_MAX_PARTIES; i++) {
		if (!in->party_ids[i] || !*in->party_ids[i]) continue;
		int64_t id = validate_id(errs, "party_ids", in->party_ids[i], "an agency");
		if (id < 0) { bad = 1; break; }
		if (!db_int(db, 0, "SELECT 1 FROM agency WHERE id = ?", "i", id)) {
			field_errors_add(errs, "party_ids", "Select the agencies from the list");
			bad = 1;
			break;
		}
		int dup = 0;
		for (size_t j = 0; j < c->n_parties; j++) dup |= c->parties[j] == id;
		if (!dup) c->parties[c->n_parties++] = id;
		own_party |= who && id == who->agency_id;
	}
	if (!bad && c->n_parties < 2)
		field_errors_add(errs, "party_ids", "Select at least two agencies that are party to the agreement");
	else if (!bad && who && !(who->roles & ROLE_ADMIN) && who->user_id > 0 && !own_party)
		field_errors_add(errs, "party_ids", "Your own agency must be a party to an agreement you record");
	return errs->count ? MODEL_INVALID : MODEL_OK;
}

static void store_parties(struct db *db, int64_t id, const struct checked *c)
{
	db_run(db, "DELETE FROM sharing_agreement_party WHERE agreement_id = ?", "i", id);
	for (size_t i = 0; i < c->n_parties; i++)
		db_run(db, "INSERT INTO sharing_agreement_party(agreement_id, agency_id) VALUES(?, ?)", "ii", id, c->parties[i]);
}

int agreement_create(struct db *db, const struct actor *who, const struct agreement_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	if (!agreement_may_manage(who) && !(who && who->user_id == 0)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	struct checked c;
	int rc = check_input(db, who, a, in, errs, &c);
	if (rc == MODEL_OK) {
		int64_t now = clock_now();
		db_begin(db);
		struct db_stmt *st = db_preparef(db, "INSERT INTO sharing_agreement(title, purpose, lawful_basis, starts_on, review_on,"
			" ends_on, created_by, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?)", "tttttt" "nii",
			c.title, c.purpose, c.basis, c.starts, c.review, c.ends, now, now);
		if (who->user_id > 0) db_bind_int(st, 7, who->user_id);
		db_step(st);
		db_finalize(st);
		int64_t id = db_last_insert_id(db);
		store_parties(db, id, &c);
		char detail[48];
		snprintf(detail, sizeof detail, "parties=%zu", c.n_parties);
		record_audit(db, who, "agreement.create", "agreement", id, detail);
		db_commit(db);
		if (id_out) *id_out = id;
	}
	arena_free(a);
	return rc;
}

int agreement_update(struct db *db, const struct actor *who, int64_t id, const struct agreement_input *in,
	struct field_errors *errs)
{
	if (!db_int(db, 0, "SELECT 1 FROM sharing_agreement WHERE id = ?", "i", id)) return MODEL_NOT_FOUND;
	if (!agreement_may_edit(db, who, id) && !(who && who->user_id == 0)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	struct checked c;
	int rc = check_input(db, who, a, in, errs, &c);
	if (rc == MODEL_OK) {
		db_begin(db);
		db_run(db, "UPDATE sharing_agreement SET title = ?, purpose = ?, lawful_basis = ?, starts_on = ?, review_on = ?,"
			" ends_on = ?, updated_at = ? WHERE id = ?", "tttttt" "ii", c.title, c.purpose, c.basis, c.starts, c.review,
			c.ends, clock_now(), id);
		store_parties(db, id, &c);
		char detail[64];
		snprintf(detail, sizeof detail, "parties=%zu ends=%s", c.n_parties, c.ends);
		record_audit(db, who, "agreement.update", "agreement", id, detail);
		db_commit(db);
	}
	arena_free(a);
	return rc;
}

#define AGREEMENT_COLUMNS "g.id, g.title, g.purpose, g.lawful_basis, g.starts_on, g.review_on, g.ends_on," \
	" g.created_at, g.updated_at, (SELECT count(*) FROM case_share s WHERE s.agreement_id = g.id" \
	" AND s.revoked_at IS NULL AND s.expires_on >= ?)"

static void agreement_from_row(struct db *db, struct db_stmt *st, const char *today, struct arena *a,
	struct sharing_agreement *g)
{
	memset(g, 0, sizeof *g);
	g->id = db_column_int(st, 0);
	const char **texts[] = {&g->title, &g->purpose, &g->lawful_basis, &g->starts_on, &g->review_on, &g->ends_on};
	for (int k = 0; k < 6; k++) *texts[k] = arena_strdup(a, db_column_text(st, 1 + k));
	g->created_at = db_column_int(st, 7);
	g->updated_at = db_column_int(st, 8);
	g->shares_in_force = db_column_int(st, 9);
	if (strcmp(today, g->starts_on) < 0) g->state = "not_started";
	else if (strcmp(today, g->ends_on) > 0) g->state = "ended";
	else g->state = "in_force";
	g->review_due = !strcmp(g->state, "in_force") && strcmp(today, g->review_on) > 0;
	struct db_stmt *ps = db_preparef(db, "SELECT p.agency_id, a.name FROM sharing_agreement_party p"
		" JOIN agency a ON a.id = p.agency_id WHERE p.agreement_id = ? ORDER BY a.name", "i", g->id);
	size_t cap = 0;
	while (db_step(ps) == DB_ROW) {
		struct agreement_party *p = arena_array_push(a, &g->parties, &g->n_parties, &cap, sizeof *p);
		p->agency_id = db_column_int(ps, 0);
		p->agency_name = arena_strdup(a, db_column_text(ps, 1));
	}
	db_finalize(ps);
}

int agreement_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct sharing_agreement *out)
{
	if (!who || who->user_id < 0) return MODEL_NOT_FOUND;
	char today[11];
	date_today(today);
	struct db_stmt *st = db_preparef(db, "SELECT " AGREEMENT_COLUMNS " FROM sharing_agreement g WHERE g.id = ?", "ti",
		today, id);
	int rc = MODEL_NOT_FOUND;
	if (db_step(st) == DB_ROW) {
		agreement_from_row(db, st, today, a, out);
		rc = MODEL_OK;
	}
	db_finalize(st);
	return rc;
}

static size_t agreement_rows(struct db *db, struct db_stmt *st, const char *today, struct arena *a,
	struct sharing_agreement **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct sharing_agreement *g = arena_array_push(a, out, &n, &cap, sizeof *g);
		agreement_from_row(db, st, today, a, g);
	}
	db_finalize(st);
	return n;
}

size_t agreement_list(struct db *db, const struct actor *who, struct arena *a, struct sharing_agreement **out)
{
	*out = NULL;
	if (!who || who->user_id < 0) return 0;
	char today[11];
	date_today(today);
	return agreement_rows(db, db_preparef(db, "SELECT " AGREEMENT_COLUMNS " FROM sharing_agreement g"
		" ORDER BY (g.starts_on <= ? AND g.ends_on >= ?) DESC, g.title, g.id", "ttt", today, today, today), today, a, out);
}

size_t agreement_choices(struct db *db, int64_t owner_agency_id, int64_t recipient_agency_id, struct arena *a,
	struct sharing_agreement **out)
{
	char today[11];
	date_today(today);
	return agreement_rows(db, db_preparef(db, "SELECT " AGREEMENT_COLUMNS " FROM sharing_agreement g"
		" WHERE g.starts_on <= ? AND g.ends_on >= ?"
		" AND EXISTS (SELECT 1 FROM sharing_agreement_party p WHERE p.agreement_id = g.id AND p.agency_id = ?)"
		" AND (? = 0 OR EXISTS (SELECT 1 FROM sharing_agreement_party p WHERE p.agreement_id = g.id AND p.agency_id = ?))"
		" ORDER BY g.title, g.id", "tttiii", today, today, today, owner_agency_id, recipient_agency_id, recipient_agency_id),
		today, a, out);
}

const char *agreement_state_label(const char *state)
{
	if (!strcmp(state, "in_force")) return "In force";
	if (!strcmp(state, "not_started")) return "Not yet in force";
	if (!strcmp(state, "ended")) return "Ended";
	return state;
}
