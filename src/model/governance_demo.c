/* The demo agreement and shares, made through the model like any other. */
#include <stdio.h>
#include "db/db.h"
#include "model/case_share.h"
#include "model/governance_demo.h"
#include "model/sharing_agreement.h"
#include "util/arena.h"
#include "util/clock.h"

static const char *day(struct arena *a, long days)
{
	char d[11];
	clock_format_date(clock_now() + days * 86400, d, sizeof d);
	return arena_strdup(a, d);
}

void governance_demo_create(struct db *db)
{
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM case_file GROUP BY agency_id ORDER BY count(*) DESC LIMIT 1", "");
	int64_t housing = db_int(db, 0, "SELECT id FROM agency WHERE kind = 'housing' AND id <> ? ORDER BY id LIMIT 1", "i", owner);
	struct actor worker = {0, owner, ROLE_CASEWORKER, "demo"};
	worker.user_id = db_int(db, 0, "SELECT id FROM user WHERE agency_id = ? AND (roles & ?) <> 0 AND disabled = 0 ORDER BY id LIMIT 1",
		"ii", owner, (int64_t)ROLE_CASEWORKER);
	if (!owner || !housing || !worker.user_id) return;
	struct arena *a = arena_new();
	struct agreement_input in = {0};
	in.title = "Exploitation team and housing provider (demo)";
	in.purpose = "Protecting tenants from cuckooing: joint visits, target hardening and tenancy support";
	in.lawful_basis = "s115";
	in.starts_on = day(a, -200);
	in.review_on = day(a, 165);
	in.ends_on = day(a, 530);
	in.party_ids[0] = arena_printf(a, "%lld", (long long)owner);
	in.party_ids[1] = arena_printf(a, "%lld", (long long)housing);
	in.n_parties = 2;
	struct field_errors e;
	field_errors_init(&e);
	int64_t agreement = 0;
	struct actor system = {0, 0, 0, "demo"};
	if (agreement_create(db, &system, &in, &e, &agreement) != MODEL_OK) {
		arena_free(a);
		return;
	}
	/* the newest open cases: one whole, one in part (people, property and risk), one notes only */
	static const char *const shares[][4] = {{"all", NULL}, {"people", "property", "risk", NULL}, {"notes", "chronology", NULL}};
	struct db_stmt *st = db_preparef(db, "SELECT id FROM case_file WHERE agency_id = ? AND status = 'open' ORDER BY id DESC LIMIT 3",
		"i", owner);
	for (int k = 0; db_step(st) == DB_ROW && k < 3; k++) {
		struct share_input s = {0};
		s.agency_id = in.party_ids[1];
		s.agreement_id = arena_printf(a, "%lld", (long long)agreement);
		s.lawful_basis = "s115";
		s.purpose = "Tenancy support and target hardening by the landlord";
		s.expires_on = day(a, 60);
		for (int i = 0; shares[k][i]; i++) s.sections[s.n_sections++] = shares[k][i];
		s.special_category = "no";
		field_errors_init(&e);
		case_share_create(db, &worker, db_column_int(st, 0), &s, &e, NULL);
	}
	db_finalize(st);
	arena_free(a);
}
