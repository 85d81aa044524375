/* The authorisation matrix: every route in the route table, called by every role of the owning
 * agency, of an agency the cases are shared with and of an agency with no share (and signed
 * out), on every kind of object it takes — cases shared whole, shared in part, with an expired
 * share, under an agreement that has ended, with a revoked share, never shared — is compared with
 * the policy declared below. A route without a declared policy fails the test, so a new route
 * forces a decision. Every response is also searched for marker text seeded in each record: a
 * marker may appear only where the policy lets that user see that part of that record.
 * Requests run through dispatch() without a network; each runs in a transaction rolled back
 * afterwards, so a POST that succeeds changes nothing for the next one. */
#include "governance_fixture.h"
#include "model/agency.h"
#include "model/case_study.h"
#include "model/session_store.h"
#include "model/user.h"
#include "web/dispatch.h"
#include "web/route.h"

/* ---------------------------------------------------------------------------------------
 * The declared policy. To add a route: one line in policies[] naming what its {id} is and
 * which rule decides it. Rules are stated from the point of view of the user:
 *   PUBLIC        anyone, signed in or not
 *   ROLES         any holder of ROLES (else 403)
 *   CASE_READ     holders of ROLES who may read SECTION of the case (else 404; 0 = the case)
 *   CASE_WRITE    the owning agency's staff holding ROLES; a reader through a share gets 403;
 *                 anyone else 404
 *   REFERRAL_READ the receiving agency's staff and the referral's own referrer (else 404)
 *   REFERRAL_WRITE the receiving agency's staff (else 404)
 *   PERSON_READ   the owning agency's staff, or readers of the people section of a case
 *                 linking the person (else 404); PROPERTY_READ the same for properties
 *   OWNER_ONLY    the owning agency's staff holding ROLES (else 404): merges
 *   AGREEMENT_EDIT administrators, and team leaders of a party agency (else 403)
 *   SAR           team leaders and administrators of the agency holding the person (else 404)
 *   RETENTION_HOLD administrators, and team leaders of the agency owning the record (else 404)
 * An object named OBJ_*_FORM travels in the form (person_id, record_id) instead of the path.
 * --------------------------------------------------------------------------------------- */

enum object_kind {
	OBJ_NONE, OBJ_CASE, OBJ_CASE_SHARED, OBJ_CASE_LINK, OBJ_PERSON, OBJ_PERSON_PAIR, OBJ_PROPERTY,
	OBJ_REFERRAL, OBJ_TASK, OBJ_AGREEMENT, OBJ_USER, OBJ_ASSET, OBJ_PERSON_FORM, OBJ_CASE_FORM, OBJ_CASE_STUDY
};

enum rule {
	PUBLIC, ROLES, CASE_READ, CASE_WRITE, REFERRAL_READ, REFERRAL_WRITE, PERSON_READ, PROPERTY_READ,
	OWNER_ONLY, AGREEMENT_EDIT, SAR, RETENTION_HOLD
};

struct route_policy {
	const char *method, *pattern;
	enum object_kind object;
	enum rule rule;
	unsigned roles;
	unsigned section;
	const char *form;          /* fields sent with a POST (name=value&...), besides the object's */
};

#define ALL ROLE_ALL
#define STAFF (ROLE_CASEWORKER | ROLE_TEAM_LEADER)
#define READERS (STAFF | ROLE_PARTNER | ROLE_REFERRER)
#define REFERS (ROLE_REFERRER | STAFF | ROLE_PARTNER)
#define LEADS (ROLE_ADMIN | ROLE_TEAM_LEADER)
#define TL ROLE_TEAM_LEADER
#define ADMIN ROLE_ADMIN

static const struct route_policy policies[] = {
	{"GET", "/", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"GET", "/admin/users", OBJ_NONE, ROLES, ADMIN, 0, NULL},
	{"POST", "/admin/users", OBJ_NONE, ROLES, ADMIN, 0, NULL},
	{"POST", "/admin/users/{id}/disable", OBJ_USER, ROLES, ADMIN, 0, NULL},
	{"GET", "/admin/agencies", OBJ_NONE, ROLES, ADMIN, 0, NULL},
	{"POST", "/admin/agencies", OBJ_NONE, ROLES, ADMIN, 0, NULL},
	{"GET", "/admin/audit", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"GET", "/account", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"GET", "/signin", OBJ_NONE, PUBLIC, 0, 0, NULL},
	{"POST", "/signin", OBJ_NONE, PUBLIC, 0, 0, NULL},
	{"POST", "/signout", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"GET", "/signin/two-factor", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"POST", "/signin/two-factor", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"GET", "/account/two-factor", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"POST", "/account/two-factor", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"GET", "/assets/{name}", OBJ_ASSET, PUBLIC, 0, 0, NULL},
	{"GET", "/healthz", OBJ_NONE, PUBLIC, 0, 0, NULL},
	{"GET", "/api/v1/me", OBJ_NONE, ROLES, ALL, 0, NULL},

	{"GET", "/referrals/new", OBJ_NONE, ROLES, REFERS, 0, NULL},
	{"POST", "/referrals", OBJ_NONE, ROLES, REFERS, 0, NULL},
	{"GET", "/referrals", OBJ_NONE, ROLES, REFERS, 0, NULL},
	{"GET", "/referrals/{id}", OBJ_REFERRAL, REFERRAL_READ, REFERS, 0, NULL},
	{"POST", "/referrals/{id}/triage", OBJ_REFERRAL, REFERRAL_WRITE, STAFF, 0, NULL},
	{"GET", "/cases", OBJ_NONE, ROLES, STAFF | ROLE_PARTNER, 0, NULL},
	{"GET", "/cases/import", OBJ_NONE, ROLES, TL, 0, NULL},
	{"POST", "/cases/import", OBJ_NONE, ROLES, TL, 0, NULL},
	{"GET", "/cases/{id}", OBJ_CASE, CASE_READ, READERS, 0, NULL},
	{"GET", "/cases/{id}/chronology", OBJ_CASE, CASE_READ, READERS, CASE_SECTION_CHRONOLOGY, NULL},
	{"POST", "/cases/{id}/people", OBJ_CASE, CASE_WRITE, STAFF, 0, "given_name=Zed&family_name=Newperson&role=associate&confirm_new=1"},
	{"POST", "/cases/{id}/people/{link}/remove", OBJ_CASE_LINK, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/cases/{id}/properties", OBJ_CASE, CASE_WRITE, STAFF, 0, "address_line1=3 New Road&postcode=SK5 7ZZ&tenure=social"},
	{"POST", "/cases/{id}/types", OBJ_CASE, CASE_WRITE, STAFF, 0, "type_ids=1"},
	{"POST", "/cases/{id}/risk", OBJ_CASE, CASE_WRITE, STAFF, 0, "level=low&reason=Reviewed"},
	{"POST", "/cases/{id}/assignment", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/cases/{id}/interventions", OBJ_CASE, CASE_WRITE, STAFF, 0, "kind=leaflet_drop&occurred_on=2020-01-01"},
	{"POST", "/cases/{id}/tasks", OBJ_CASE, CASE_WRITE, STAFF, 0, "title=Ring&due_on=2999-01-01"},
	{"POST", "/cases/{id}/notes", OBJ_CASE, CASE_WRITE, STAFF, 0, "body=Seen today"},
	{"POST", "/cases/{id}/closure-request", OBJ_CASE, CASE_WRITE, STAFF, 0,
		"positively_resolved=yes&stayed_in_tenancy=yes&moved=no&reason=Safe"},
	{"POST", "/cases/{id}/closure-approval", OBJ_CASE, CASE_WRITE, TL, 0, NULL},
	{"POST", "/cases/{id}/closure-decline", OBJ_CASE, CASE_WRITE, TL, 0, "reason=Not yet"},
	{"POST", "/cases/{id}/reopen", OBJ_CASE, CASE_WRITE, STAFF, 0, "reason=New concerns"},
	{"POST", "/tasks/{id}/done", OBJ_TASK, CASE_WRITE, STAFF, 0, NULL},
	{"GET", "/tasks", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"GET", "/people/{id}", OBJ_PERSON, PERSON_READ, READERS, 0, NULL},
	{"POST", "/people/{id}/merge", OBJ_PERSON_PAIR, OWNER_ONLY, TL, 0, NULL},
	{"GET", "/properties/{id}", OBJ_PROPERTY, PROPERTY_READ, READERS, 0, NULL},

	{"POST", "/api/v1/referrals", OBJ_NONE, ROLES, REFERS, 0, NULL},
	{"GET", "/api/v1/referrals", OBJ_NONE, ROLES, REFERS, 0, NULL},
	{"GET", "/api/v1/referrals/{id}", OBJ_REFERRAL, REFERRAL_READ, REFERS, 0, NULL},
	{"POST", "/api/v1/referrals/{id}/accept", OBJ_REFERRAL, REFERRAL_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/referrals/{id}/signpost", OBJ_REFERRAL, REFERRAL_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/referrals/{id}/pass-to-asb", OBJ_REFERRAL, REFERRAL_WRITE, STAFF, 0, NULL},
	{"GET", "/api/v1/cases", OBJ_NONE, ROLES, STAFF | ROLE_PARTNER, 0, NULL},
	{"POST", "/api/v1/cases", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"GET", "/api/v1/cases/{id}", OBJ_CASE, CASE_READ, READERS, 0, NULL},
	{"PATCH", "/api/v1/cases/{id}", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"GET", "/api/v1/cases/{id}/chronology", OBJ_CASE, CASE_READ, READERS, CASE_SECTION_CHRONOLOGY, NULL},
	{"POST", "/api/v1/cases/{id}/people", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"DELETE", "/api/v1/cases/{id}/people/{link}", OBJ_CASE_LINK, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/properties", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"PUT", "/api/v1/cases/{id}/types", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/risk", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"PUT", "/api/v1/cases/{id}/assignment", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/interventions", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/tasks", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/notes", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/closure-request", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/api/v1/cases/{id}/closure-approval", OBJ_CASE, CASE_WRITE, TL, 0, NULL},
	{"POST", "/api/v1/cases/{id}/closure-decline", OBJ_CASE, CASE_WRITE, TL, 0, NULL},
	{"POST", "/api/v1/cases/{id}/reopen", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"GET", "/api/v1/people", OBJ_NONE, ROLES, STAFF | ROLE_PARTNER, 0, NULL},
	{"POST", "/api/v1/people", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"GET", "/api/v1/people/duplicates", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"GET", "/api/v1/people/{id}", OBJ_PERSON, PERSON_READ, READERS, 0, NULL},
	{"POST", "/api/v1/people/{id}/merge", OBJ_PERSON_PAIR, OWNER_ONLY, TL, 0, NULL},
	{"GET", "/api/v1/properties", OBJ_NONE, ROLES, STAFF | ROLE_PARTNER, 0, NULL},
	{"POST", "/api/v1/properties", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"GET", "/api/v1/properties/{id}", OBJ_PROPERTY, PROPERTY_READ, READERS, 0, NULL},
	{"GET", "/api/v1/tasks", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"POST", "/api/v1/tasks/{id}/done", OBJ_TASK, CASE_WRITE, STAFF, 0, NULL},
	{"GET", "/api/v1/vocabularies", OBJ_NONE, ROLES, ALL, 0, NULL},

	{"POST", "/cases/{id}/shares", OBJ_CASE, CASE_WRITE, STAFF, 0, NULL},
	{"POST", "/cases/{id}/shares/{share}/revoke", OBJ_CASE_SHARED, CASE_WRITE, STAFF, 0, NULL},
	{"GET", "/agreements", OBJ_NONE, ROLES, ALL, 0, NULL},
	{"GET", "/agreements/new", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"POST", "/agreements", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"GET", "/agreements/{id}", OBJ_AGREEMENT, ROLES, ALL, 0, NULL},
	{"POST", "/agreements/{id}", OBJ_AGREEMENT, AGREEMENT_EDIT, LEADS, 0, NULL},
	{"GET", "/admin/special-categories", OBJ_NONE, ROLES, ADMIN, 0, NULL},
	{"POST", "/admin/special-categories", OBJ_NONE, ROLES, ADMIN, 0, "code=health&roles=caseworker"},
	{"GET", "/admin/retention", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"POST", "/admin/retention/rules", OBJ_NONE, ROLES, ADMIN, 0, "record_type=closed_case&months=60&action=delete"},
	{"POST", "/admin/retention/hold", OBJ_CASE_FORM, RETENTION_HOLD, LEADS, 0,
		"record_type=closed_case&until_on=2999-01-01&reason=Complaint"},
	{"POST", "/admin/retention/purge", OBJ_NONE, ROLES, ADMIN, 0, NULL},
	{"GET", "/subject-access", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"POST", "/subject-access", OBJ_PERSON_FORM, SAR, LEADS, 0, "request_reference=SAR-1&format=json"},

	/* evaluation and board reporting: exact counts for staff, the board's version for the rest */
	{"GET", "/dashboard", OBJ_NONE, ROLES, STAFF | ROLE_ANALYST | ADMIN, 0, NULL},
	{"GET", "/reports/evaluation", OBJ_NONE, ROLES, STAFF | ROLE_ANALYST | ADMIN, 0, NULL},
	{"GET", "/reports/evaluation/export", OBJ_NONE, ROLES, STAFF | ROLE_ANALYST | ADMIN, 0, NULL},
	{"GET", "/reports/case-studies", OBJ_NONE, ROLES, STAFF, 0, NULL},
	{"POST", "/reports/case-studies", OBJ_NONE, ROLES, STAFF, 0, NULL},
	/* a case study stays with the case's own team: a share of the case does not include it */
	{"GET", "/reports/case-studies/{id}", OBJ_CASE_STUDY, OWNER_ONLY, STAFF, 0, NULL},
	{"POST", "/reports/case-studies/{id}", OBJ_CASE_STUDY, OWNER_ONLY, STAFF, 0, "title=Study&body=Text"},
	{"POST", "/reports/case-studies/{id}/approve", OBJ_CASE_STUDY, OWNER_ONLY, TL, 0, NULL},
	{"GET", "/reports/settings", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"POST", "/reports/settings", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"POST", "/reports/unit-costs", OBJ_NONE, ROLES, LEADS, 0, NULL},
	{"POST", "/reports/unit-costs/{id}/delete", OBJ_NONE, ROLES, LEADS, 0, NULL},
	/* crime analytics: aggregates for analysts, team leaders and administrators; imports for
	 * analysts and administrators. No case's people, properties or notes ever appear. */
	{"GET", "/analytics", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/trends", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/trends/export", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/hotspots", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/hotspots/export", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/peak-times", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/peak-times/export", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/near-repeats", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/near-repeats/export", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/cases", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/cases/export", OBJ_NONE, ROLES, ROLE_ANALYST | LEADS, 0, NULL},
	{"GET", "/analytics/import", OBJ_NONE, ROLES, ROLE_ANALYST | ADMIN, 0, NULL},
	{"POST", "/analytics/import", OBJ_NONE, ROLES, ROLE_ANALYST | ADMIN, 0, NULL},
	{"GET", "/analytics/incidents/import", OBJ_NONE, ROLES, ROLE_ANALYST | ADMIN, 0, NULL},
	{"POST", "/analytics/incidents/upload", OBJ_NONE, ROLES, ROLE_ANALYST | ADMIN, 0, NULL},
	{"POST", "/analytics/incidents/import", OBJ_NONE, ROLES, ROLE_ANALYST | ADMIN, 0, NULL},
};

/* ---------------------------------------------------------------------------------------
 * The world: three agencies, one user per role in each, six cases of the owning agency in the
 * six sharing states, a referral still waiting, and markers in every part of every record.
 * --------------------------------------------------------------------------------------- */

enum { OWN, SHARED, OTHER, N_AGENCIES };
enum { CASE_WHOLE, CASE_PEOPLE_ONLY, CASE_EXPIRED, CASE_SUSPENDED, CASE_REVOKED, CASE_UNSHARED, N_CASES };
#define PENDING N_CASES   /* the referral not yet triaged: its markers are the receiving agency's only */

static const unsigned role_list[] = {ROLE_REFERRER, ROLE_CASEWORKER, ROLE_TEAM_LEADER, ROLE_PARTNER, ROLE_ANALYST, ROLE_ADMIN};
#define N_ROLES 6

/* The marker parts, as in "MkAPplq": the case letter, then what it is. */
struct marker_part {
	const char *code;
	unsigned section;        /* 0: the case itself */
	int special;             /* a special-category (drug use) note */
};
static const struct marker_part parts[] = {
	{"Ppl", CASE_SECTION_PEOPLE, 0}, {"Prp", CASE_SECTION_PEOPLE, 0}, {"Adr", CASE_SECTION_PROPERTY, 0},
	{"Obs", CASE_SECTION_NOTES, 0}, {"Not", CASE_SECTION_NOTES, 0}, {"Sum", CASE_SECTION_NOTES, 0},
	{"Spc", CASE_SECTION_NOTES, 1}, {"Tsk", CASE_SECTION_TASKS, 0}, {"Int", CASE_SECTION_INTERVENTIONS, 0},
	{"Rsk", CASE_SECTION_RISK, 0}, {"Shr", 0, 0},
};
#define N_PARTS (sizeof parts / sizeof parts[0])

struct user_slot {
	int agency;
	unsigned roles;
	struct actor actor;
	char cookie[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1];
};

struct world {
	struct fixture *f;
	int64_t agency[N_AGENCIES];
	struct user_slot users[N_AGENCIES * N_ROLES];
	int64_t case_id[N_CASES], referral[N_CASES + 1], resident[N_CASES], perpetrator[N_CASES];
	int64_t property[N_CASES], task[N_CASES], link[N_CASES], share[N_CASES], case_study[N_CASES];
	int64_t agreement, spare_user;
	char markers[N_CASES + 1][N_PARTS][16];
};

static struct world W;

static const char *marker(int c, size_t part)
{
	return W.markers[c][part];
}

static int64_t make_agency(struct fixture *f, const char *name, const char *kind)
{
	const char *err = NULL;
	struct actor system = {0, 0, 0, "test"};
	int64_t id = agency_find_by_name(f->db, name);
	return id ? id : agency_add(f->db, &system, name, kind, &err);
}

static int64_t part_index(const char *code)
{
	for (size_t i = 0; i < N_PARTS; i++)
		if (!strcmp(parts[i].code, code)) return (int64_t)i;
	fail_msg("no marker part %s", code);
	return -1;
}

/* The police referrer refers; for cases the owning agency's team leader accepts and records. */
static void build_case(struct arena *a, int c, int accept)
{
	struct fixture *f = W.f;
	for (size_t p = 0; p < N_PARTS; p++) snprintf(W.markers[c][p], 16, "Mk%c%sq", 'A' + c, parts[p].code);
	struct user_slot *referrer = &W.users[OTHER * N_ROLES + 0];
	struct user_slot *cw = &W.users[OWN * N_ROLES + 1], *tl = &W.users[OWN * N_ROLES + 2];
	struct referral_input in;
	fixture_referral_input(&in);
	in.receiving_agency_id = arena_printf(a, "%lld", (long long)W.agency[OWN]);
	in.people[0].person.given_name = marker(c, part_index("Ppl"));
	in.people[1].person.given_name = marker(c, part_index("Prp"));
	in.property.address_line1 = arena_printf(a, "1 %s Road", marker(c, part_index("Adr")));
	in.property.uprn = arena_printf(a, "%d", 900000 + c);
	in.observations = marker(c, part_index("Obs"));
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(referral_submit(f->db, &referrer->actor, &in, &e, &W.referral[c]), MODEL_OK);
	if (!accept) return;
	int64_t id = 0;
	assert_int_equal(referral_accept(f->db, &tl->actor, W.referral[c], "Meets the threshold", &e, &id), MODEL_OK);
	W.case_id[c] = id;
	assert_int_equal(case_note_add(f->db, &cw->actor, id, marker(c, part_index("Not")), &e, NULL), MODEL_OK);
	assert_int_equal(case_note_add_marked(f->db, &cw->actor, id, marker(c, part_index("Spc")), "drug_use", &e, NULL), MODEL_OK);
	struct task_input t = {marker(c, part_index("Tsk")), "", "2999-01-01"};
	assert_int_equal(task_create(f->db, &cw->actor, id, &t, &e, &W.task[c]), MODEL_OK);
	char *reference = db_text(f->db, "SELECT reference FROM case_file WHERE id = ?", "i", id);
	assert_int_equal(case_study_add(f->db, &cw->actor, reference, "A case study", "What changed.", "", &e, &W.case_study[c]),
		MODEL_OK);
	free(reference);
	struct intervention_input iv = {"target_hardening", "2020-01-01", NULL, marker(c, part_index("Int"))};
	assert_int_equal(intervention_record(f->db, &cw->actor, id, &iv, &e, NULL), MODEL_OK);
	assert_int_equal(case_set_risk(f->db, &cw->actor, id, "high", marker(c, part_index("Rsk")), &e), MODEL_OK);
	assert_int_equal(case_update_summary(f->db, &cw->actor, id, marker(c, part_index("Sum")), &e), MODEL_OK);
	W.resident[c] = db_int(f->db, 0, "SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", "i", id);
	W.perpetrator[c] = db_int(f->db, 0, "SELECT person_id FROM case_person WHERE case_id = ? AND role = 'perpetrator'", "i", id);
	W.link[c] = db_int(f->db, 0, "SELECT id FROM case_person WHERE case_id = ? AND role = 'resident'", "i", id);
	W.property[c] = db_int(f->db, 0, "SELECT property_id FROM case_property WHERE case_id = ?", "i", id);
}

static int64_t share_case(struct arena *a, int c, int64_t agreement, const char *section, int special, long days)
{
	struct user_slot *cw = &W.users[OWN * N_ROLES + 1];
	struct share_input in = {0};
	in.agency_id = arena_printf(a, "%lld", (long long)W.agency[SHARED]);
	in.agreement_id = arena_printf(a, "%lld", (long long)agreement);
	in.lawful_basis = "s115";
	in.purpose = marker(c, part_index("Shr"));
	in.expires_on = day_from_today(a, days);
	in.sections[in.n_sections++] = section;
	in.special_category = special ? "yes" : "no";
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	assert_int_equal(case_share_create(W.f->db, &cw->actor, W.case_id[c], &in, &e, &id), MODEL_OK);
	return id;
}

static int64_t agreement(struct arena *a, long ends_in_days)
{
	struct agreement_input in = {0};
	in.title = "Housing and council";
	in.purpose = "Tenancy sustainment";
	in.lawful_basis = "s115";
	in.starts_on = day_from_today(a, -10);
	in.review_on = day_from_today(a, ends_in_days);
	in.ends_on = day_from_today(a, ends_in_days);
	in.party_ids[0] = arena_printf(a, "%lld", (long long)W.agency[OWN]);
	in.party_ids[1] = arena_printf(a, "%lld", (long long)W.agency[SHARED]);
	in.n_parties = 2;
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	struct actor system = {0, 0, 0, "test"};
	assert_int_equal(agreement_create(W.f->db, &system, &in, &e, &id), MODEL_OK);
	return id;
}

static void build_world(struct fixture *f)
{
	memset(&W, 0, sizeof W);
	W.f = f;
	struct arena *a = arena_new();
	static const char *const names[] = {"Matrix Council", "Matrix Housing", "Matrix Police"};
	static const char *const kinds[] = {"council", "housing", "police"};
	for (int g = 0; g < N_AGENCIES; g++) W.agency[g] = make_agency(f, names[g], kinds[g]);
	for (int g = 0; g < N_AGENCIES; g++)
		for (int r = 0; r < N_ROLES; r++) {
			struct user_slot *u = &W.users[g * N_ROLES + r];
			u->agency = g;
			u->roles = role_list[r];
			u->actor = fixture_user(f->db, arena_printf(a, "u%d%d@matrix.test", g, r), arena_printf(a, "Matrix User %d%d", g, r),
				W.agency[g], role_list[r]);
		}
	W.spare_user = fixture_user(f->db, "spare@matrix.test", "Spare User", W.agency[OWN], ROLE_CASEWORKER).user_id;
	db_run(f->db, "UPDATE setting SET value = '0' WHERE name = 'totp.enforce'", "");
	for (int c = 0; c < N_CASES; c++) build_case(a, c, 1);
	build_case(a, PENDING, 0);

	W.agreement = agreement(a, 365);
	int64_t ending = agreement(a, 60);
	W.share[CASE_WHOLE] = share_case(a, CASE_WHOLE, W.agreement, "all", 1, 30);
	W.share[CASE_PEOPLE_ONLY] = share_case(a, CASE_PEOPLE_ONLY, W.agreement, "people", 0, 30);
	W.share[CASE_EXPIRED] = share_case(a, CASE_EXPIRED, W.agreement, "all", 1, 1);
	W.share[CASE_SUSPENDED] = share_case(a, CASE_SUSPENDED, ending, "all", 1, 30);
	W.share[CASE_REVOKED] = share_case(a, CASE_REVOKED, W.agreement, "all", 1, 30);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_share_revoke(f->db, &W.users[OWN * N_ROLES + 1].actor, W.case_id[CASE_REVOKED],
		W.share[CASE_REVOKED], &e), MODEL_OK);
	/* the second agreement now ends tomorrow; the test runs two days on */
	db_run(f->db, "UPDATE sharing_agreement SET review_on = ?, ends_on = ? WHERE id = ?", "tti", day_from_today(a, 1),
		day_from_today(a, 1), ending);
	clock_set_days(2);
	/* signed in on the day the requests are made (sessions expire after 30 idle minutes) */
	for (int i = 0; i < N_AGENCIES * N_ROLES; i++)
		session_create(f->db, W.users[i].actor.user_id, "test", 1, W.users[i].cookie, W.users[i].csrf);
	arena_free(a);
}

/* ---------------------------------------------------------------------------------------
 * The policy, evaluated for one user and one object.
 * --------------------------------------------------------------------------------------- */

enum outcome { OK, DENY, HIDE, SIGNIN };
static const char *const outcome_names[] = {"allowed", "403", "404", "sign-in"};

static int owner_staff(const struct user_slot *u)
{
	return u && u->agency == OWN && (u->roles & STAFF);
}

/* Sections of case C the user may read (all for the owner's staff; 0 for nothing). */
static unsigned sections_for(const struct user_slot *u, int c)
{
	if (!u) return 0;
	if (owner_staff(u)) return CASE_SECTION_ALL;
	if (c == PENDING || u->agency != SHARED || !(u->roles & (STAFF | ROLE_PARTNER))) return 0;
	if (c == CASE_WHOLE) return CASE_SECTION_ALL;
	if (c == CASE_PEOPLE_ONLY) return CASE_SECTION_PEOPLE;
	return 0;   /* expired, suspended, revoked, never shared */
}

static int may_see_marker(const struct user_slot *u, int c, size_t part)
{
	unsigned s = sections_for(u, c);
	if (!s || (parts[part].section && !(s & parts[part].section))) return 0;
	/* drug use: caseworkers and team leaders, and through a share only when it includes special categories */
	if (parts[part].special) return (u->roles & STAFF) && (owner_staff(u) || c == CASE_WHOLE);
	return 1;
}

struct target {
	int c;               /* the case (or PENDING) the object belongs to; -1 for none */
	int exists;
	int64_t id, id2;
};

static enum outcome expected(const struct route_policy *p, const struct user_slot *u, const struct target *t)
{
	if (p->rule == PUBLIC) return OK;
	if (!u) return SIGNIN;
	if (!(u->roles & p->roles)) return DENY;
	int visible = t->exists && t->c >= 0 && sections_for(u, t->c) != 0;
	switch (p->rule) {
	case PUBLIC:
	case ROLES:
		return OK;
	case CASE_READ:
		return t->exists && (sections_for(u, t->c) & (p->section ? p->section : CASE_SECTION_ALL)) ? OK : HIDE;
	case CASE_WRITE:
		if (t->exists && owner_staff(u)) return OK;
		return visible ? DENY : HIDE;
	case REFERRAL_READ:
		return t->exists && (owner_staff(u) || (u->agency == OTHER && u->roles == ROLE_REFERRER)) ? OK : HIDE;
	case REFERRAL_WRITE:
	case OWNER_ONLY:
		return t->exists && owner_staff(u) ? OK : HIDE;
	case PERSON_READ:
		return t->exists && (sections_for(u, t->c) & CASE_SECTION_PEOPLE) ? OK : HIDE;
	case PROPERTY_READ:
		return t->exists && (sections_for(u, t->c) & CASE_SECTION_PROPERTY) ? OK : HIDE;
	case AGREEMENT_EDIT:
		return (u->roles & ROLE_ADMIN) || u->agency != OTHER ? OK : DENY;
	case SAR:
		return t->exists && u->agency == OWN ? OK : HIDE;
	case RETENTION_HOLD:
		return t->exists && ((u->roles & ROLE_ADMIN) || u->agency == OWN) ? OK : HIDE;
	}
	return DENY;
}

static enum outcome classify(int status)
{
	switch (status) {
	case 403: return DENY;
	case 404: return HIDE;
	case 401: return SIGNIN;
	default: return status >= 200 && status < 500 && status != 405 ? OK : DENY;
	}
}

/* The objects a route is called on. */
static size_t targets_for(enum object_kind kind, struct target *out)
{
	size_t n = 0;
	const int64_t missing = 987654;
	switch (kind) {
	case OBJ_NONE:
	case OBJ_ASSET:
		out[n++] = (struct target){-1, 1, 0, 0};
		break;
	case OBJ_CASE:
	case OBJ_CASE_LINK:
	case OBJ_CASE_SHARED:
	case OBJ_CASE_FORM:
		for (int c = 0; c < N_CASES; c++) {
			if (kind == OBJ_CASE_SHARED && !W.share[c]) continue;
			out[n++] = (struct target){c, 1, W.case_id[c], kind == OBJ_CASE_LINK ? W.link[c] : W.share[c]};
		}
		out[n++] = (struct target){-1, 0, missing, missing};
		break;
	case OBJ_PERSON:
	case OBJ_PERSON_FORM:
		for (int c = 0; c < N_CASES; c++) out[n++] = (struct target){c, 1, W.resident[c], 0};
		out[n++] = (struct target){-1, 0, missing, 0};
		break;
	case OBJ_PERSON_PAIR:
		for (int c = 0; c < N_CASES; c++) out[n++] = (struct target){c, 1, W.resident[c], W.perpetrator[c]};
		out[n++] = (struct target){-1, 0, missing, W.perpetrator[0]};
		break;
	case OBJ_PROPERTY:
		for (int c = 0; c < N_CASES; c++) out[n++] = (struct target){c, 1, W.property[c], 0};
		out[n++] = (struct target){-1, 0, missing, 0};
		break;
	case OBJ_REFERRAL:
		for (int c = 0; c <= PENDING; c++) out[n++] = (struct target){c, 1, W.referral[c], 0};
		out[n++] = (struct target){-1, 0, missing, 0};
		break;
	case OBJ_TASK:
		for (int c = 0; c < N_CASES; c++) out[n++] = (struct target){c, 1, W.task[c], 0};
		out[n++] = (struct target){-1, 0, missing, 0};
		break;
	case OBJ_CASE_STUDY:
		for (int c = 0; c < N_CASES; c++) out[n++] = (struct target){c, 1, W.case_study[c], 0};
		out[n++] = (struct target){-1, 0, missing, 0};
		break;
	case OBJ_AGREEMENT:
		out[n++] = (struct target){-1, 1, W.agreement, 0};
		break;
	case OBJ_USER:
		out[n++] = (struct target){-1, 1, W.spare_user, 0};
		break;
	}
	return n;
}

/* The path of P for target T: {id}, {link}, {share} and {name} filled in. */
static const char *path_for(struct arena *a, const struct route_policy *p, const struct target *t)
{
	struct buf b = BUF_INIT;
	int param = 0;
	for (const char *s = p->pattern; *s;) {
		if (*s != '{') {
			buf_putc(&b, *s++);
			continue;
		}
		const char *close = strchr(s, '}');
		if (p->object == OBJ_ASSET) buf_puts(&b, "nestguard.css");
		else buf_printf(&b, "%lld", (long long)(param++ == 0 ? t->id : t->id2));
		s = close + 1;
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* One request, with one query parameter NAME=VALUE when NAME is not NULL; fills STATUS and
 * returns the body (valid until the next call). */
static const char *call_with_query(const struct route_policy *p, const struct user_slot *u, const struct target *t,
	const char *name, const char *value, int *status, const char **path_out)
{
	struct request rq;
	struct response rs;
	memset(&rq, 0, sizeof rq);
	memset(&rs, 0, sizeof rs);
	rq.arena = arena_new();
	rq.db = W.f->db;
	rq.method = p->method;
	rq.path = path_for(rq.arena, p, t);
	rq.client = "127.0.0.1";
	if (name) kv_add(rq.arena, &rq.query, name, value, strlen(value));
	kv_add(rq.arena, &rq.headers, "host", "127.0.0.1:8080", 14);
	kv_add(rq.arena, &rq.headers, "origin", "http://127.0.0.1:8080", 21);
	if (u) {
		kv_add(rq.arena, &rq.cookies, web_session_cookie_name(), u->cookie, strlen(u->cookie));
		kv_add(rq.arena, &rq.headers, "x-csrf-token", u->csrf, strlen(u->csrf));
		kv_add(rq.arena, &rq.form, "csrf_token", u->csrf, strlen(u->csrf));
	}
	if (p->form) {
		char *fields = arena_strdup(rq.arena, p->form);
		for (char *save = NULL, *kv = strtok_r(fields, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
			char *eq = strchr(kv, '=');
			*eq = 0;
			kv_add(rq.arena, &rq.form, kv, eq + 1, strlen(eq + 1));
		}
	}
	if (p->object == OBJ_PERSON_PAIR) {
		const char *other = arena_printf(rq.arena, "%lld", (long long)t->id2);
		kv_add(rq.arena, &rq.form, "merge_id", other, strlen(other));
		rq.body = arena_printf(rq.arena, "{\"merge_id\":%lld}", (long long)t->id2);
	} else if (p->object == OBJ_PERSON_FORM || p->object == OBJ_CASE_FORM) {
		const char *id = arena_printf(rq.arena, "%lld", (long long)t->id);
		const char *name = p->object == OBJ_PERSON_FORM ? "person_id" : "record_id";
		kv_add(rq.arena, &rq.form, name, id, strlen(id));
	}
	if (!rq.body && strcmp(p->method, "GET")) rq.body = "{}";
	rq.body_len = rq.body ? strlen(rq.body) : 0;
	/* everything the request does is undone afterwards */
	db_begin(rq.db);
	dispatch(&rq, &rs);
	db_rollback(rq.db);
	*status = rs.status;
	static char path_copy[256], *body_copy;
	snprintf(path_copy, sizeof path_copy, "%s", rq.path);
	*path_out = path_copy;
	free(body_copy);
	body_copy = malloc(rs.body.len + 1);
	memcpy(body_copy, rs.body.data ? rs.body.data : "", rs.body.len);
	body_copy[rs.body.len] = 0;
	buf_free(&rs.body);
	arena_free(rq.arena);
	return body_copy;
}

static const char *call(const struct route_policy *p, const struct user_slot *u, const struct target *t, int *status,
	const char **path_out)
{
	return call_with_query(p, u, t, NULL, NULL, status, path_out);
}

static const struct route_policy *policy_for(const struct route *r)
{
	for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++)
		if (!strcmp(policies[i].method, r->method) && !strcmp(policies[i].pattern, r->pattern)) return &policies[i];
	return NULL;
}

static void every_route_has_a_declared_policy(void **state)
{
	(void)state;
	int missing = 0;
	for (const struct route *r = routes; r->method; r++)
		if (!policy_for(r)) {
			print_error("no policy declared for %s %s: add a line to policies[] in %s\n", r->method, r->pattern, __FILE__);
			missing++;
		}
	/* and a policy for a route that no longer exists is stale */
	for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++) {
		int found = 0;
		for (const struct route *r = routes; r->method && !found; r++)
			found = !strcmp(policies[i].method, r->method) && !strcmp(policies[i].pattern, r->pattern);
		if (!found) {
			print_error("policy for %s %s names no route\n", policies[i].method, policies[i].pattern);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void every_response_matches_the_policy_and_leaks_no_marker(void **state)
{
	struct fixture *f = *state;
	build_world(f);
	size_t calls = 0, mismatches = 0, leaks = 0, tally[4] = {0};
	struct target targets[16];
	for (const struct route *r = routes; r->method; r++) {
		const struct route_policy *p = policy_for(r);
		if (!p) continue;   /* reported by the test above */
		size_t nt = targets_for(p->object, targets);
		for (size_t ti = 0; ti < nt; ti++)
			for (int ui = -1; ui < N_AGENCIES * N_ROLES; ui++) {
				const struct user_slot *u = ui < 0 ? NULL : &W.users[ui];
				int status;
				const char *path;
				const char *body = call(p, u, &targets[ti], &status, &path);
				calls++;
				enum outcome want = expected(p, u, &targets[ti]);
				/* a public route has nothing to refuse: any answer short of a server error will do */
				enum outcome got = p->rule == PUBLIC ? (status < 500 ? OK : DENY) : u || status != 303 ? classify(status) : SIGNIN;
				tally[want]++;
				if (got != want) {
					if (mismatches++ < 40)
						print_error("%s %s as user %d (agency %d, roles %u): got %d (%s), policy says %s\n", p->method,
							path, ui, u ? u->agency : -1, u ? u->roles : 0, status, outcome_names[got], outcome_names[want]);
				}
				/* markers: none at all when refused; otherwise only those the user may see */
				for (int c = 0; c <= PENDING; c++)
					for (size_t part = 0; part < N_PARTS; part++) {
						if (!strstr(body, marker(c, part))) continue;
						int allowed = want == OK && u && (p->rule == SAR ? (c == targets[ti].c && (int64_t)part != part_index("Prp"))
							: c == PENDING ? owner_staff(u) && (parts[part].section & (CASE_SECTION_PEOPLE | CASE_SECTION_PROPERTY
								| CASE_SECTION_NOTES)) : may_see_marker(u, c, part));
						if (!allowed && leaks++ < 40)
							print_error("%s %s as user %d (agency %d, roles %u): response shows %s\n", p->method, path,
								ui, u ? u->agency : -1, u ? u->roles : 0, marker(c, part));
					}
			}
	}
	print_message("%zu requests (%zu allowed, %zu refused 403, %zu hidden 404, %zu sent to sign in): %zu differ from the policy,"
		" %zu leak a marker\n", calls, tally[OK], tally[DENY], tally[HIDE], tally[SIGNIN], mismatches, leaks);
	/* the matrix must exercise every outcome, or it proves little */
	for (int o = 0; o < 4; o++) assert_true(tally[o] > 0);
	clock_set_days(0);
	assert_int_equal(mismatches, 0);
	assert_int_equal(leaks, 0);
}

/* Searching the case list by a name or an address finds a case only for users who may see
 * that section of it: a search must not reveal what a share left out. */
static void searching_finds_a_case_only_where_its_people_or_property_may_be_seen(void **state)
{
	struct fixture *f = *state;
	build_world(f);
	size_t checked = 0;
	for (int ui = 0; ui < N_AGENCIES * N_ROLES; ui++) {
		const struct user_slot *u = &W.users[ui];
		if (!(u->roles & (STAFF | ROLE_PARTNER))) continue;
		for (int c = 0; c < N_CASES; c++)
			for (int which = 0; which < 2; which++) {
				const char *term = marker(c, part_index(which ? "Adr" : "Ppl"));
				struct route_policy probe = {"GET", "/api/v1/cases", OBJ_NONE, ROLES, STAFF | ROLE_PARTNER, 0, NULL};
				struct target none = {-1, 1, 0, 0};
				char path[64];
				snprintf(path, sizeof path, "/api/v1/cases?q=%s", term);
				int status;
				const char *p;
				/* the query string travels in rq.query: add it through the pattern-free path below */
				const char *body = call_with_query(&probe, u, &none, "q", term, &status, &p);
				assert_int_equal(status, 200);
				unsigned need = which ? CASE_SECTION_PROPERTY : CASE_SECTION_PEOPLE;
				int found = strstr(body, "\"total\":1") != NULL;
				if (found != ((sections_for(u, c) & need) != 0))
					fail_msg("%s as user %d: found=%d", path, ui, found);
				checked++;
			}
	}
	print_message("%zu searches checked\n", checked);
	clock_set_days(0);
}

static int setup(void **state)
{
	clock_install();
	web_config.secure_cookies = 1;
	return fixture_setup(state);
}

static int teardown(void **state)
{
	clock_set_days(0);
	return fixture_teardown(state);
}

static int group_teardown(void **state)
{
	(void)state;
	clock_remove();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_has_a_declared_policy),
		cmocka_unit_test_setup_teardown(every_response_matches_the_policy_and_leaks_no_marker, setup, teardown),
		cmocka_unit_test_setup_teardown(searching_finds_a_case_only_where_its_people_or_property_may_be_seen, setup, teardown),
	};
	return cmocka_run_group_tests_name("authorisation matrix", tests, NULL, group_teardown);
}
