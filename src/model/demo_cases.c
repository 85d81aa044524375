/* Demo caseload generator. Everything here is invented: street names do not exist, postcodes
 * use the unissued inward letters "Z?", every address says it is fictional. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/case.h"
#include "model/demo_cases.h"
#include "model/sealed_text.h"
#include "model/person.h"
#include "model/property.h"
#include "model/record_audit.h"
#include "model/referral.h"
#include "util/clock.h"
#include "util/xalloc.h"

struct rng { uint64_t s; };

static uint32_t rnd(struct rng *r)
{
	/* xorshift64* */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 2685821657736338717ULL) >> 32);
}

static int below(struct rng *r, int n) { return n > 0 ? (int)(rnd(r) % (uint32_t)n) : 0; }
static int chance(struct rng *r, int percent) { return below(r, 100) < percent; }
#define PICK(r, arr) ((arr)[below((r), (int)(sizeof(arr) / sizeof((arr)[0])))])

/* Pick an index by weights (summing to anything). */
static int weighted(struct rng *r, const int *w, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++) total += w[i];
	int x = below(r, total);
	for (int i = 0; i < n; i++) {
		if (x < w[i]) return i;
		x -= w[i];
	}
	return n - 1;
}

static void date_of_day(int64_t day, char out[11])
{
	clock_format_date(day * 86400, out, 11);
}

static const char *const given_m[] = {"Alan", "Barry", "Craig", "Darren", "Dean", "Gary", "Jason", "John", "Jon",
	"Kevin", "Lee", "Mark", "Michael", "Paul", "Ryan", "Shane", "Steven", "Stephen", "Tyler", "Kyle", "Callum",
	"Jordan", "Reece", "Connor", "Brandon", "Aaron", "Liam", "Nathan", "Kieran", "Declan"};
static const char *const given_f[] = {"Amanda", "Carol", "Donna", "Janet", "Julie", "Karen", "Kelly", "Lisa",
	"Michelle", "Sharon", "Tracey", "Wendy", "Zoe", "Chloe", "Jade", "Leanne", "Nicola", "Stacey", "Gemma", "Emma"};
static const char *const family[] = {"Ashcombe", "Brindlewood", "Calloway", "Dunmore", "Eldridge", "Fairholme",
	"Garside", "Halloran", "Ingleby", "Jessop", "Kettleby", "Larkworth", "Mossley-Hart", "Needham", "Oakridge",
	"Pilkingham", "Quarmby", "Rushworth", "Stanwick", "Thornber", "Upshall", "Varley", "Whitmore", "Yardley",
	"Smyth", "Smith", "O'Rourke", "Fenwick", "Gorton-Bell", "Haddock", "Marchbank", "Sowerby", "Tatlock",
	"Wrigley", "Beddows", "Clegg", "Duckworth", "Entwistle", "Fogg", "Grimshaw"};
static const char *const street[] = {"Brackenfold Road", "Cinderhill Walk", "Dovecote Lane", "Elderbrook Close",
	"Fernlea Grove", "Gorsebank Street", "Hollinwood Rise", "Ivydene Court", "Juniper Fold", "Kestrel Mews",
	"Lapwing Terrace", "Marlpit Avenue", "Nettlebed Way", "Oxheys Drive", "Pennyroyal Place", "Quillet Square",
	"Rookery Bank", "Sallowfield Road", "Thistlecroft", "Underbank Walk", "Vetchfield Close", "Wagtail Street"};
static const char *const notes[] = {
	"Home visit with housing officer. Resident says friends of a friend have been staying and will not leave.",
	"Door answered by an unknown male who would not give his name. Resident not seen; will try again with police.",
	"Resident seen alone at the support hub. Agreed to a safety plan and to keep the new phone charged.",
	"Multi-agency meeting held. Police to increase patrols; housing to fit a door with a spy hole and chain.",
	"Neighbours report fewer visitors since the closure notice was served.",
	"Resident attended the drug and alcohol service appointment. Next appointment booked.",
	"Rent account in arrears; referred to the welfare rights team for a benefits check.",
	"Resident anxious about giving evidence. Explained the support available through the court process.",
	"Spoke to the resident's sister, who will stay for a few nights while the locks are changed.",
	"No concerns seen on today's visit. Flat clean and resident in good spirits.",
};
static const char *const task_titles[] = {"Joint visit with police", "Arrange lock change", "Chase closure order hearing date",
	"Review risk assessment", "Book substance misuse appointment", "Call resident to check in",
	"Update housing officer", "Prepare for multi-agency meeting", "Check CCTV request", "Send leaflets for the block"};
static const char *const reasons_risk[] = {"Weapons seen at the address", "Several unknown adults staying",
	"Resident assaulted last week", "Perpetrators arrested; visits stopped", "Resident engaging with support",
	"Threats made to the resident's family", "Door repaired, no visitors reported", "Drug dealing from the address"};

/* Ward centroids from the ONS 2025 boundaries (LONG/LAT of each ward), by ONS code. */
static const struct { const char *code; double lon, lat; int weight; } wards[] = {
	{"E05015014", -2.162494, 53.37233, 2}, {"E05015015", -2.168361, 53.34674, 1}, {"E05015016", -2.104536, 53.42651, 5},
	{"E05015017", -2.092693, 53.41294, 3}, {"E05015018", -2.146386, 53.41741, 16}, {"E05015019", -2.19486, 53.39342, 4},
	{"E05015020", -2.194847, 53.36758, 2}, {"E05015021", -2.224188, 53.39132, 4}, {"E05015022", -2.162676, 53.39253, 7},
	{"E05015023", -2.175965, 53.40248, 9}, {"E05015024", -2.11313, 53.3814, 5}, {"E05015025", -2.221164, 53.37086, 4},
	{"E05015026", -2.188117, 53.42618, 3}, {"E05015027", -2.191837, 53.41338, 6}, {"E05015028", -2.138354, 53.40437, 8},
	{"E05015029", -2.045415, 53.40483, 1}, {"E05015030", -2.06422, 53.37667, 1}, {"E05015031", -2.134533, 53.37536, 3},
	{"E05015032", -2.130923, 53.39416, 8}, {"E05015033", -2.159098, 53.44516, 6}, {"E05015034", -2.159173, 53.42479, 7},
};

/* Named estates added for the demo: two real neighbourhood names, the rest invented. */
static const struct { const char *ward_code, *name; } estates[] = {
	{"E05015018", "Brinnington"}, {"E05015018", "Mottram Street Estate"},
	{"E05015032", "Larkspur Estate (fictional)"}, {"E05015034", "Heronmere Estate (fictional)"},
	{"E05015023", "Foxglove Court Estate (fictional)"}, {"E05015028", "Ravensbeck Estate (fictional)"},
};

#define MAX_WORKERS 16
#define MAX_AGENCIES 32

struct demo {
	struct db *db;
	struct rng r;
	int64_t owner;
	int64_t workers[MAX_WORKERS];
	int n_workers;
	int64_t leaders[MAX_WORKERS];
	int n_leaders;
	int64_t agencies[MAX_AGENCIES];
	int agency_weight[MAX_AGENCIES];
	int n_agencies;
	int64_t referrer_user[MAX_AGENCIES];   /* a real referrer account per agency, if any */
	int64_t ward_area[sizeof wards / sizeof wards[0]];
	int64_t estate_area[sizeof estates / sizeof estates[0]];
	int estate_ward[sizeof estates / sizeof estates[0]];
	int64_t types[8];
	int n_types;
	int64_t kinds[32];
	int n_kinds;
	int64_t *perpetrators;                  /* reused across cases */
	int n_perpetrators, cap_perpetrators;
	int64_t today;
};

static void setup_owner(struct demo *d)
{
	struct db *db = d->db;
	d->owner = referral_receiving_agency(db);
	if (!d->owner) {
		db_run(db, "INSERT INTO agency(name, kind, created_at) VALUES('Stockport Council Exploitation Team (demo)',"
			" 'council', ?) ON CONFLICT(name) DO NOTHING", "i", clock_now());
		d->owner = db_int(db, 0, "SELECT id FROM agency WHERE name = 'Stockport Council Exploitation Team (demo)'", "");
	}
	/* a few extra fictional workers (no password: they cannot sign in) so caseloads are spread */
	static const char *const extra[][2] = {
		{"jo.okafor.demo@nestguard.example", "Jo Okafor (demo)"}, {"sam.brereton.demo@nestguard.example", "Sam Brereton (demo)"},
		{"priya.nandra.demo@nestguard.example", "Priya Nandra (demo)"},
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		db_run(db, "INSERT INTO user(email, name, agency_id, roles, created_at) VALUES(?, ?, ?, ?, ?)"
			" ON CONFLICT(email) DO NOTHING", "ttiii", extra[i][0], extra[i][1], d->owner, (int64_t)ROLE_CASEWORKER, clock_now());
	if (!db_int(db, 0, "SELECT 1 FROM user WHERE agency_id = ? AND (roles & 4) <> 0", "i", d->owner))
		db_run(db, "INSERT INTO user(email, name, agency_id, roles, created_at) VALUES('lead.demo@nestguard.example',"
			" 'Morgan Lead (demo)', ?, ?, ?) ON CONFLICT(email) DO NOTHING", "iii", d->owner,
			(int64_t)(ROLE_TEAM_LEADER | ROLE_CASEWORKER), clock_now());
	struct db_stmt *st = db_preparef(db, "SELECT id, roles FROM user WHERE agency_id = ? AND (roles & 6) <> 0"
		" AND disabled = 0 ORDER BY id", "i", d->owner);
	while (db_step(st) == DB_ROW) {
		unsigned roles = (unsigned)db_column_int(st, 1);
		if (d->n_workers < MAX_WORKERS) d->workers[d->n_workers++] = db_column_int(st, 0);
		if ((roles & ROLE_TEAM_LEADER) && d->n_leaders < MAX_WORKERS) d->leaders[d->n_leaders++] = db_column_int(st, 0);
	}
	db_finalize(st);
}

static void setup_agencies(struct demo *d)
{
	struct db *db = d->db;
	if (!db_int(db, 0, "SELECT 1 FROM agency WHERE id <> ?", "i", d->owner)) {
		static const char *const names[][2] = {{"Greater Manchester Police (demo)", "police"},
			{"Stockport Homes (demo)", "housing"}, {"Adult Social Care (demo)", "adult_social_care"}};
		for (size_t i = 0; i < 3; i++)
			db_run(db, "INSERT INTO agency(name, kind, created_at) VALUES(?, ?, ?)", "tti", names[i][0], names[i][1], clock_now());
	}
	static const struct { const char *kind; int weight; } kind_weight[] = {
		{"police", 40}, {"housing", 24}, {"asb", 8}, {"adult_social_care", 9}, {"health", 5}, {"drug_alcohol", 7},
		{"victim_services", 4}, {"probation", 4}, {"fire", 2}, {"council", 3},
	};
	struct db_stmt *st = db_preparef(db, "SELECT id, kind FROM agency WHERE id <> ? ORDER BY id", "i", d->owner);
	while (db_step(st) == DB_ROW && d->n_agencies < MAX_AGENCIES) {
		int w = 2;
		for (size_t k = 0; k < sizeof kind_weight / sizeof kind_weight[0]; k++)
			if (!strcmp(kind_weight[k].kind, db_column_text(st, 1))) w = kind_weight[k].weight;
		d->agencies[d->n_agencies] = db_column_int(st, 0);
		d->agency_weight[d->n_agencies] = w;
		d->referrer_user[d->n_agencies] = db_int(db, 0, "SELECT min(id) FROM user WHERE agency_id = ? AND (roles & 1) <> 0",
			"i", db_column_int(st, 0));
		d->n_agencies++;
	}
	db_finalize(st);
}

static void setup_areas_and_lists(struct demo *d)
{
	struct db *db = d->db;
	for (size_t i = 0; i < sizeof wards / sizeof wards[0]; i++)
		d->ward_area[i] = db_int(db, 0, "SELECT id FROM locality WHERE ons_code = ?", "t", wards[i].code);
	for (size_t i = 0; i < sizeof estates / sizeof estates[0]; i++) {
		int64_t ward = db_int(db, 0, "SELECT id FROM locality WHERE ons_code = ?", "t", estates[i].ward_code);
		d->estate_area[i] = 0;
		d->estate_ward[i] = -1;
		if (!ward) continue;
		db_run(db, "INSERT INTO locality(kind, name, ward_id) VALUES('neighbourhood', ?, ?) ON CONFLICT DO NOTHING", "ti",
			estates[i].name, ward);
		d->estate_area[i] = db_int(db, 0, "SELECT id FROM locality WHERE kind = 'neighbourhood' AND name = ?", "t", estates[i].name);
		for (size_t w = 0; w < sizeof wards / sizeof wards[0]; w++)
			if (!strcmp(wards[w].code, estates[i].ward_code)) d->estate_ward[i] = (int)w;
	}
	struct db_stmt *st = db_prepare(db, "SELECT id FROM exploitation_type WHERE retired = 0 ORDER BY sort_order");
	while (db_step(st) == DB_ROW && d->n_types < 8) d->types[d->n_types++] = db_column_int(st, 0);
	db_finalize(st);
	st = db_prepare(db, "SELECT id FROM intervention_kind WHERE retired = 0 ORDER BY sort_order");
	while (db_step(st) == DB_ROW && d->n_kinds < 32) d->kinds[d->n_kinds++] = db_column_int(st, 0);
	db_finalize(st);
}

static int64_t new_person(struct demo *d, int male, int min_age, int max_age)
{
	struct person p = {0};
	p.given_name = male ? PICK(&d->r, given_m) : PICK(&d->r, given_f);
	p.family_name = PICK(&d->r, family);
	char dob[11] = "";
	if (chance(&d->r, 85)) {
		int64_t age_days = (int64_t)(min_age + below(&d->r, max_age - min_age + 1)) * 365 + below(&d->r, 365);
		date_of_day(d->today - age_days, dob);
	}
	p.date_of_birth = dob;
	p.known_as = chance(&d->r, 5) ? "Shorty" : "";
	return person_store(d->db, NULL, d->owner, &p);
}

static int64_t perpetrator(struct demo *d)
{
	/* about one perpetrator in four turns up again in another case */
	if (d->n_perpetrators > 5 && chance(&d->r, 25)) return d->perpetrators[below(&d->r, d->n_perpetrators)];
	int64_t id = new_person(d, chance(&d->r, 85), 16, 45);
	if (d->n_perpetrators == d->cap_perpetrators) {
		d->cap_perpetrators = d->cap_perpetrators ? d->cap_perpetrators * 2 : 256;
		d->perpetrators = realloc(d->perpetrators, (size_t)d->cap_perpetrators * sizeof *d->perpetrators);
		if (!d->perpetrators) abort();
	}
	d->perpetrators[d->n_perpetrators++] = id;
	return id;
}

static int64_t new_property(struct demo *d, int64_t *ward_out, int64_t *hood_out, const char **tenure_out)
{
	static const int ward_weights[] = {2, 1, 5, 3, 16, 4, 2, 4, 7, 9, 5, 4, 3, 6, 8, 1, 1, 3, 8, 6, 7};
	struct property p = {0};
	int w = weighted(&d->r, ward_weights, (int)(sizeof ward_weights / sizeof ward_weights[0]));
	p.ward_id = d->ward_area[w];
	/* a third of the cases in a ward with a named estate are on it */
	for (size_t e = 0; e < sizeof estates / sizeof estates[0]; e++)
		if (d->estate_ward[e] == w && d->estate_area[e] && chance(&d->r, 35)) p.neighbourhood_id = d->estate_area[e];
	char line1[80], pc[24];   /* room for any int, so that no compiler sees a truncation */
	snprintf(line1, sizeof line1, "%s%d %s", chance(&d->r, 30) ? "Flat " : "", 1 + below(&d->r, 120), PICK(&d->r, street));
	snprintf(pc, sizeof pc, "SK%d 9Z%c", 1 + below(&d->r, 8), "ABDEFGHJLNPQRSTUWXY"[below(&d->r, 19)]);
	p.address_line1 = line1;
	p.address_line2 = "Fictional address (demo)";
	p.town = "Stockport";
	p.postcode = pc;
	p.uprn = "";
	p.has_coordinates = 1;
	p.longitude = wards[w].lon + (below(&d->r, 2001) - 1000) * 0.000012;
	p.latitude = wards[w].lat + (below(&d->r, 2001) - 1000) * 0.000008;
	static const char *const tenures[] = {"social", "private_rented", "owner_occupied", "supported", "other"};
	static const int tenure_weights[] = {60, 25, 7, 6, 2};
	p.tenure = tenures[weighted(&d->r, tenure_weights, 5)];
	*ward_out = p.ward_id;
	*hood_out = p.neighbourhood_id;
	*tenure_out = p.tenure;
	return property_store(d->db, NULL, d->owner, &p);
}

/* A moment on DAY at a plausible office hour. */
static int64_t at_day(struct demo *d, int64_t day)
{
	return day * 86400 + (8 + below(&d->r, 10)) * 3600 + below(&d->r, 3600);
}

static void one_case(struct demo *d, int index, int n_cases)
{
	struct db *db = d->db;
	struct rng *r = &d->r;
	/* opened over the last three years, more of them recent */
	int span = 3 * 365;
	int64_t age = (int64_t)span * below(r, 1000) * below(r, 1000) / 1000000;
	int64_t opened = d->today - age;
	char opened_on[11];
	date_of_day(opened, opened_on);
	int agency = weighted(r, d->agency_weight, d->n_agencies);
	int64_t ward = 0, hood = 0;
	const char *tenure = "unknown";
	int64_t property = new_property(d, &ward, &hood, &tenure);

	/* the referral that opened it */
	static const char *const urgencies[] = {"routine", "urgent", "immediate"};
	static const int urgency_weights[] = {55, 38, 7};
	static const char *const bases[] = {"consent", "s115", "safeguarding"};
	int basis = below(r, 3);
	int64_t referrer = d->referrer_user[agency];
	if (referrer && !chance(r, 60)) referrer = 0;
	db_run(db, "INSERT INTO referral(receiving_agency_id, referring_agency_id, referring_team, referrer_user_id,"
		" referrer_name, referred_on, property_id, observations, consent, lawful_basis, urgency, status, created_at)"
		" VALUES(?, ?, '', ?, ?, ?, ?, '', ?, ?, ?, 'submitted', ?)", "iintti" "ttti",
		d->owner, d->agencies[agency], referrer ? "" : "Referrer (demo)", opened_on, property,
		basis == 0 ? "given" : "not_asked", bases[basis], urgencies[weighted(r, urgency_weights, 3)], at_day(d, opened));
	int64_t referral = db_last_insert_id(db);
	sealed_text_store(db, "referral", "observations", referral,
		"Concerns about visitors and the resident's safety (demo referral).");
	if (referrer) db_run(db, "UPDATE referral SET referrer_user_id = ? WHERE id = ?", "ii", referrer, referral);
	static const char *const signs[] = {"visitors_odd_hours", "unknown_vehicles", "door_damage", "drug_paraphernalia",
		"resident_not_seen", "support_refused", "rent_paid_ahead", "bills_run_up", "curtains_closed",
		"unknown_people_staying", "noise_disturbance"};
	for (int s = 0, n = 1 + below(r, 4); s < n; s++)
		db_run(db, "INSERT OR IGNORE INTO referral_sign(referral_id, sign_code) VALUES(?, ?)", "it", referral, PICK(r, signs));

	/* a small share of referrals are still waiting, or were not accepted */
	if (index % 20 == 7 || index % 25 == 3) {
		int64_t resident = new_person(d, chance(r, 55), 19, 80);
		db_run(db, "INSERT INTO referral_person(referral_id, person_id, role) VALUES(?, ?, 'resident')", "ii", referral, resident);
		if (index % 25 == 3) {
			int asb = chance(r, 50);
			db_run(db, "UPDATE referral SET status = ?, triage_reason = ?, triaged_by = ?, triaged_at = ? WHERE id = ?",
				"ttiii", asb ? "passed_to_asb" : "signposted",
				asb ? "Resident declines to engage; anti-social behaviour route" : "Adult social care already leading",
				d->leaders[below(r, d->n_leaders)], at_day(d, opened + 1), referral);
		}
		return;
	}

	struct case_open_input o = {0};
	o.agency_id = d->owner;
	o.referring_agency_id = d->agencies[agency];
	o.assigned_user_id = chance(r, 95) ? d->workers[below(r, d->n_workers)] : 0;
	o.opened_on = opened_on;
	o.ward_id = ward;
	o.neighbourhood_id = hood;
	o.tenure = tenure;
	o.source = "referral";
	int64_t c = case_insert(db, NULL, &o);
	int64_t leader = d->leaders[below(r, d->n_leaders)];
	int64_t opened_at = at_day(d, opened + (age > 2 ? 1 : 0));
	db_run(db, "UPDATE referral SET status = 'accepted', triage_reason = 'Meets the threshold for the exploitation team',"
		" triaged_by = ?, triaged_at = ?, case_id = ? WHERE id = ?", "iiii", leader, opened_at, c, referral);
	case_link_property(db, NULL, c, property);
	int64_t resident = new_person(d, chance(r, 55), 19, 84);
	db_run(db, "INSERT INTO referral_person(referral_id, person_id, role) VALUES(?, ?, 'resident')", "ii", referral, resident);
	case_link_person(db, NULL, c, resident, "resident");
	for (int p = 0, n = 1 + below(r, 3); p < n; p++) case_link_person(db, NULL, c, perpetrator(d), "perpetrator");
	if (chance(r, 30)) case_link_person(db, NULL, c, new_person(d, chance(r, 50), 14, 70), chance(r, 50) ? "family_member" : "associate");
	if (chance(r, 20)) case_link_person(db, NULL, c, new_person(d, chance(r, 60), 18, 60), "other_occupant");

	/* types: nearly always property takeover, often with criminal exploitation */
	static const int type_chance[] = {85, 5, 20, 8, 35, 5, 3};
	int any = 0;
	for (int t = 0; t < d->n_types && t < 7; t++)
		if (chance(r, type_chance[t]) || (t == d->n_types - 1 && !any)) {
			db_run(db, "INSERT INTO case_exploitation_type(case_id, type_id) VALUES(?, ?)", "ii", c, d->types[t]);
			any = 1;
		}
	case_types_changed(db, c);

	/* closure depends on age */
	const char *status = "open";
	if (age > 270 ? chance(r, 88) : age > 60 ? chance(r, 35) : 0) status = "closed";
	else if (age > 45 && chance(r, 8)) status = "closure_requested";
	int64_t last_day = !strcmp(status, "open") ? d->today : opened + 30 + below(r, (int)(age > 31 ? age - 30 : 1));
	if (last_day > d->today) last_day = d->today;
	int64_t life = last_day - opened + 1;

	/* risk history: 1-3 reviews, the latest is current */
	static const char *const levels[] = {"low", "medium", "high"};
	static const int level_weights[] = {35, 45, 20};
	const char *level = NULL;
	for (int k = 0, n = 1 + below(r, 3); k < n; k++) {
		level = levels[weighted(r, level_weights, 3)];
		db_run(db, "INSERT INTO case_risk(case_id, level, reason, assessed_by, assessed_at) VALUES(?, ?, '', ?, ?)",
			"it" "ii", c, level, o.assigned_user_id ? o.assigned_user_id : leader, at_day(d, opened + life * k / n));
		sealed_text_store(db, "case_risk", "reason", db_last_insert_id(db), PICK(r, reasons_risk));
	}
	db_run(db, "UPDATE case_file SET risk_level = ? WHERE id = ?", "ti", level, c);

	static const int kind_weights[] = {30, 25, 6, 8, 12, 8, 10, 12, 8, 5, 3, 4, 10, 9, 9, 6, 4, 4, 2, 6, 3};
	for (int k = 0, n = 1 + below(r, 5); k < n; k++) {
		int ki = weighted(r, kind_weights, d->n_kinds < 21 ? d->n_kinds : 21);
		char on[11];
		int64_t day = opened + below(r, (int)life);
		date_of_day(day, on);
		db_run(db, "INSERT INTO case_intervention(case_id, kind_id, occurred_on, details, recorded_by, recorded_at)"
			" VALUES(?, ?, ?, '', ?, ?)", "iit" "ii", c, d->kinds[ki], on,
			o.assigned_user_id ? o.assigned_user_id : leader, at_day(d, day));
		sealed_text_store(db, "case_intervention", "details", db_last_insert_id(db), "Recorded for the demo.");
	}
	for (int k = 0, n = below(r, 4); k < n; k++) {
		db_run(db, "INSERT INTO case_note(case_id, body, author_id, created_at) VALUES(?, '', ?, ?)", "iii", c,
			o.assigned_user_id ? o.assigned_user_id : leader, at_day(d, opened + below(r, (int)life)));
		sealed_text_store(db, "case_note", "body", db_last_insert_id(db), PICK(r, notes));
	}
	for (int k = 0, n = strcmp(status, "closed") ? 1 + below(r, 3) : below(r, 2); k < n; k++) {
		int64_t owner = o.assigned_user_id ? o.assigned_user_id : d->workers[below(r, d->n_workers)];
		int64_t set = opened + below(r, (int)life);
		int done = !strcmp(status, "closed") || chance(r, 40);
		/* some open tasks are overdue: due before today */
		int64_t due = done ? set + 3 + below(r, 20) : d->today + below(r, 28) - (chance(r, 30) ? 10 : 0);
		char due_on[11];
		date_of_day(due, due_on);
		db_run(db, "INSERT INTO case_task(case_id, title, owner_user_id, due_on, done_at, done_by, created_by, created_at)"
			" VALUES(?, ?, ?, ?, ?, ?, ?, ?)", "itit" "nnii", c, PICK(r, task_titles), owner, due_on, owner, at_day(d, set));
		if (done) db_run(db, "UPDATE case_task SET done_at = ?, done_by = ? WHERE id = ?", "iii",
			at_day(d, due < d->today ? due : d->today), owner, db_last_insert_id(db));
	}

	/* the system-time events of a case happened when the case did */
	db_run(db, "UPDATE case_event SET at = ?, user_id = ? WHERE case_id = ?", "iii", opened_at, leader, c);
	int64_t end_at = at_day(d, last_day);
	if (strcmp(status, "open")) {
		int resolved = chance(r, 72), stayed = chance(r, 76);
		const char *moved = stayed ? "no" : chance(r, 70) ? "within_borough" : "out_of_borough";
		int64_t requester = o.assigned_user_id ? o.assigned_user_id : d->workers[0];
		int64_t approver = leader;
		for (int k = 0; k < d->n_leaders && approver == requester; k++) approver = d->leaders[k];
		/* with a single team leader, someone else asked for the closure of their own cases */
		for (int k = 0; k < d->n_workers && approver == requester; k++) requester = d->workers[k];
		db_run(db, "UPDATE case_file SET status = 'closure_requested', positively_resolved = ?, stayed_in_tenancy = ?,"
			" moved = ?, closure_reason = ?, closure_requested_by = ?, closure_requested_at = ? WHERE id = ?",
			"iitt" "iii", (int64_t)resolved, (int64_t)stayed, moved,
			resolved ? "No longer experiencing exploitation; support in place" : "Resident no longer engaging",
			requester, end_at, c);
		db_run(db, "INSERT INTO case_event(case_id, kind, detail, user_id, at) VALUES(?, 'closure_requested', ?, ?, ?)",
			"itii", c, resolved ? "Positively resolved." : "Not resolved.", requester, end_at);
		if (!strcmp(status, "closed") && approver != requester) {
			char closed_on[11];
			date_of_day(last_day, closed_on);
			db_run(db, "UPDATE case_file SET status = 'closed', closed_on = ?, closure_approved_by = ?,"
				" closure_approved_at = ? WHERE id = ?", "tiii", closed_on, approver, end_at + 3600, c);
			db_run(db, "INSERT INTO case_event(case_id, kind, user_id, at) VALUES(?, 'closure_approved', ?, ?)",
				"iii", c, approver, end_at + 3600);
		}
	}
	db_run(db, "UPDATE case_file SET created_at = ?, updated_at = ? WHERE id = ?", "iii", opened_at, end_at, c);
	(void)n_cases;
}

void demo_cases_create(struct db *db, int n_cases, unsigned seed)
{
	struct demo d;
	memset(&d, 0, sizeof d);
	d.db = db;
	d.r.s = 0x9E3779B97F4A7C15ULL ^ seed;
	if (!d.r.s) d.r.s = 1;
	d.today = clock_now() / 86400;
	db_begin(db);
	setup_owner(&d);
	setup_agencies(&d);
	setup_areas_and_lists(&d);
	if (d.n_workers == 0 || d.n_leaders == 0 || d.n_agencies == 0) fatal("demo caseload: no workers or agencies");
	int64_t first_case = db_int(db, 0, "SELECT max(id) FROM case_file", "") + 1;
	for (int i = 0; i < n_cases; i++) one_case(&d, i, n_cases);
	/* a near-duplicate pair for the merge feature: the same man recorded twice */
	if (n_cases >= 10) {
		struct person a = {0}, b = {0};
		a.given_name = "Jon";
		a.family_name = "Smyth";
		a.known_as = "";
		a.date_of_birth = "1988-07-14";
		b = a;
		b.given_name = "John";
		b.family_name = "Smith";
		int64_t p1 = person_store(db, NULL, d.owner, &a), p2 = person_store(db, NULL, d.owner, &b);
		int64_t c1 = db_int(db, 0, "SELECT min(id) FROM case_file WHERE agency_id = ? AND status = 'open'", "i", d.owner);
		int64_t c2 = db_int(db, 0, "SELECT max(id) FROM case_file WHERE agency_id = ? AND status = 'open'", "i", d.owner);
		if (c1) case_link_person(db, NULL, c1, p1, "perpetrator");
		if (c2 && c2 != c1) case_link_person(db, NULL, c2, p2, "perpetrator");
	}
	case_search_refresh_from(db, first_case);
	char detail[48];
	snprintf(detail, sizeof detail, "demo cases=%d", n_cases);
	record_audit(db, NULL, "case.import", "case", 0, detail);
	db_commit(db);
	db_analyze(db);
	free(d.perpetrators);
}
