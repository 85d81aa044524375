/* The evaluation's figures, computed through SQL in this one place (see evaluation.h for
 * the definitions). Each query takes the period as ?1 (first day) and ?2 (last day), so the
 * same text runs in the sqlite3 shell (`nestguard report evaluation --sql`). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/audit.h"
#include "model/validation.h"
#include "report/case_study_redact.h"
#include "report/evaluation.h"
#include "util/arena.h"
#include "util/xalloc.h"

/* Longest period accepted: twenty years keeps the monthly table readable. */
#define MAX_MONTHS 240

/* Cases opened in the period and still closed at its end. */
#define CLOSED_BY_END "c.status = 'closed' AND c.closed_on <= ?2"

/* Referrals received: every referral in the period, and the cases that did not come from a
 * referral (imported or opened directly), on the day they were opened. */
#define RECEIVED_CTE \
	"WITH received(day, agency_id) AS (" \
	" SELECT r.referred_on, r.referring_agency_id FROM referral r WHERE r.referred_on BETWEEN ?1 AND ?2" \
	" UNION ALL" \
	" SELECT c.opened_on, c.referring_agency_id FROM case_file c" \
	"  WHERE c.opened_on BETWEEN ?1 AND ?2 AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id))\n"

static const char sql_totals[] =
	"SELECT count(*),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.positively_resolved = 1 THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.moved = 'within_borough' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.moved = 'out_of_borough' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.stayed_in_tenancy = 1 THEN 1 ELSE 0 END), 0)\n"
	"FROM case_file c WHERE c.opened_on BETWEEN ?1 AND ?2";

static const char sql_referrals[] =
	"SELECT count(*),\n"
	" coalesce(sum(CASE WHEN r.status = 'signposted' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN r.status = 'passed_to_asb' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN r.consent = 'refused' THEN 1 ELSE 0 END), 0),\n"
	" (SELECT count(*) FROM case_file c WHERE c.opened_on BETWEEN ?1 AND ?2\n"
	"   AND NOT EXISTS (SELECT 1 FROM referral x WHERE x.case_id = c.id))\n"
	"FROM referral r WHERE r.referred_on BETWEEN ?1 AND ?2";

static const char sql_months[] =
	RECEIVED_CTE
	"SELECT substr(day, 1, 7) AS month, count(*) FROM received GROUP BY substr(day, 1, 7) ORDER BY month";

static const char sql_agencies[] =
	RECEIVED_CTE
	"SELECT coalesce(a.id, 0), coalesce(a.name, 'Not recorded'), count(*) AS n\n"
	"FROM received LEFT JOIN agency a ON a.id = received.agency_id\n"
	"GROUP BY coalesce(a.id, 0), coalesce(a.name, 'Not recorded') ORDER BY n DESC, 2";

static const char sql_types[] =
	"SELECT t.id, t.code, t.label, count(c.id)\n"
	"FROM exploitation_type t\n"
	" LEFT JOIN case_exploitation_type ct ON ct.type_id = t.id\n"
	" LEFT JOIN case_file c ON c.id = ct.case_id AND c.opened_on BETWEEN ?1 AND ?2\n"
	"GROUP BY t.id, t.code, t.label, t.sort_order, t.retired\n"
	"HAVING count(c.id) > 0 OR t.retired = 0\n"
	"ORDER BY t.sort_order, t.label";

/* Cases per outcomes line: a case counts once per line. Kinds in a group count towards it;
 * a kind in no group is a line of its own ("kind:" + code keeps the two name spaces apart). */
static const char sql_outcomes[] =
	"WITH cohort AS (SELECT c.id, c.status, c.closed_on, c.moved FROM case_file c WHERE c.opened_on BETWEEN ?1 AND ?2),\n"
	"hits(line, case_id) AS (\n"
	" SELECT coalesce(g.group_code, 'kind:' || k.code), i.case_id\n"
	"  FROM case_intervention i JOIN cohort c ON c.id = i.case_id\n"
	"  JOIN intervention_kind k ON k.id = i.kind_id\n"
	"  LEFT JOIN report_outcome_group_kind g ON g.kind_id = k.id\n"
	"  WHERE i.occurred_on <= ?2\n"
	" UNION\n"
	" SELECT g.code, c.id FROM report_outcome_group g JOIN cohort c ON g.counts_moved = 1\n"
	"  WHERE " CLOSED_BY_END " AND c.moved IN ('within_borough', 'out_of_borough'))\n"
	"SELECT g.code, g.label, g.sort_order AS position, count(h.case_id)\n"
	" FROM report_outcome_group g LEFT JOIN hits h ON h.line = g.code\n"
	" GROUP BY g.code, g.label, g.sort_order\n"
	"UNION ALL\n"
	"SELECT k.code, k.label, 100000 + k.sort_order AS position, count(h.case_id)\n"
	" FROM intervention_kind k JOIN hits h ON h.line = 'kind:' || k.code\n"
	" GROUP BY k.code, k.label, k.sort_order\n"
	"ORDER BY position, 2";

static const char sql_interventions[] =
	"SELECT k.id, k.code, k.label, count(DISTINCT i.case_id), count(*)\n"
	"FROM case_intervention i\n"
	" JOIN case_file c ON c.id = i.case_id AND c.opened_on BETWEEN ?1 AND ?2\n"
	" JOIN intervention_kind k ON k.id = i.kind_id\n"
	"WHERE i.occurred_on <= ?2\n"
	"GROUP BY k.id, k.code, k.label, k.sort_order ORDER BY k.sort_order, k.label";

/* A case's named area: its neighbourhood or estate when recorded, else its ward. */
static const char sql_areas[] =
	"SELECT coalesce(n.id, w.id, 0), coalesce(n.name, w.name, 'Not recorded') AS name, count(*),\n"
	" CASE WHEN n.id IS NULL AND w.id IS NULL THEN 1 ELSE 0 END AS unknown\n"
	"FROM case_file c LEFT JOIN locality n ON n.id = c.neighbourhood_id LEFT JOIN locality w ON w.id = c.ward_id\n"
	"WHERE c.opened_on BETWEEN ?1 AND ?2\n"
	"GROUP BY coalesce(n.id, w.id, 0), coalesce(n.name, w.name, 'Not recorded'), CASE WHEN n.id IS NULL AND w.id IS NULL THEN 1 ELSE 0 END\n"
	"ORDER BY unknown, name";

static const char sql_wards[] =
	"WITH cw AS (SELECT coalesce(c.ward_id, n.ward_id) AS ward_id FROM case_file c\n"
	"  LEFT JOIN locality n ON n.id = c.neighbourhood_id WHERE c.opened_on BETWEEN ?1 AND ?2)\n"
	"SELECT w.id, w.name, coalesce(w.ons_code, ''), count(cw.ward_id)\n"
	"FROM locality w LEFT JOIN cw ON cw.ward_id = w.id WHERE w.kind = 'ward'\n"
	"GROUP BY w.id, w.name, w.ons_code ORDER BY w.name";

static const char sql_case_studies[] =
	"SELECT s.case_id, s.title, s.body, s.extra_terms, c.opened_on\n"
	"FROM case_study s JOIN case_file c ON c.id = s.case_id\n"
	"WHERE s.status = 'approved' AND c.opened_on BETWEEN ?1 AND ?2 ORDER BY c.opened_on, s.id";

static const struct { const char *name; const char *sql; } queries[] = {
	{"totals", sql_totals}, {"referrals", sql_referrals}, {"referrals by month", sql_months},
	{"referrals by agency", sql_agencies}, {"exploitation types", sql_types}, {"outcomes", sql_outcomes},
	{"interventions", sql_interventions}, {"areas", sql_areas}, {"wards", sql_wards},
	{"case studies", sql_case_studies},
};

void evaluation_sql(struct buf *out)
{
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
		buf_printf(out, "-- %s\n%s;\n\n", queries[i].name, queries[i].sql);
}

static struct db_stmt *period_query(struct db *db, const char *sql, const struct evaluation *ev)
{
	return db_preparef(db, sql, "tt", ev->from, ev->to);
}

static const char *const month_abbrev[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"};

static int months_between(const char *from, const char *to)
{
	int fy = atoi(from), fm = atoi(from + 5), ty = atoi(to), tm = atoi(to + 5);
	return (ty - fy) * 12 + (tm - fm) + 1;
}

int evaluation_period(struct db *db, const char *from, const char *to, char out_from[11], char out_to[11],
	char *error, size_t error_size, const char **field)
{
	const char *ignored;
	if (!field) field = &ignored;
	*field = "to";
	char today[11];
	date_today(today);
	if (to && *to) {
		if (date_normalise(to, out_to) != 0) {
			snprintf(error, error_size, "The 'to' date '%.40s' is not a real date: use YYYY-MM-DD, like 2020-03-31", to);
			return -1;
		}
	} else {
		memcpy(out_to, today, 11);
	}
	*field = "from";
	if (from && *from) {
		if (date_normalise(from, out_from) != 0) {
			snprintf(error, error_size, "The 'from' date '%.40s' is not a real date: use YYYY-MM-DD, like 2019-04-01", from);
			return -1;
		}
	} else {
		/* the first referral or case, else the period is the last day only */
		char *first = db_text(db, "SELECT min(d) FROM (SELECT min(referred_on) AS d FROM referral"
			" UNION ALL SELECT min(opened_on) FROM case_file) AS firsts", "");
		snprintf(out_from, 11, "%s", first && *first && strcmp(first, out_to) <= 0 ? first : out_to);
		free(first);
	}
	if (strcmp(out_from, today) > 0) {
		snprintf(error, error_size, "The 'from' date %s is in the future: the report covers days up to today (%s)", out_from, today);
		return -1;
	}
	if (strcmp(out_to, today) > 0) {
		*field = "to";
		snprintf(error, error_size, "The 'to' date %s is in the future: the report covers days up to today (%s)", out_to, today);
		return -1;
	}
	if (strcmp(out_from, out_to) > 0) {
		snprintf(error, error_size, "The 'from' date %s is after the 'to' date %s", out_from, out_to);
		return -1;
	}
	if (months_between(out_from, out_to) > MAX_MONTHS) {
		snprintf(error, error_size, "The period from %s to %s is longer than %d years: choose a shorter one",
			out_from, out_to, MAX_MONTHS / 12);
		return -1;
	}
	return 0;
}

int64_t evaluation_net_benefit(int64_t households, int64_t void_cost_pence, int64_t service_cost_pence)
{
	return households * void_cost_pence - service_cost_pence;
}

int64_t evaluation_round_pounds(int64_t pence)
{
	return pence >= 0 ? (pence + 50) / 100 : -((-pence + 50) / 100);
}

void evaluation_cost_benefit_statement(const struct evaluation *ev, struct buf *out)
{
	char unit[48], service[48], net[48];
	money_format(ev->settings.void_cost_pence, 0, unit, sizeof unit);
	money_format(ev->settings.service_cost_pence, 0, service, sizeof service);
	money_format(evaluation_round_pounds(ev->net_benefit_pence) * 100, 0, net, sizeof net);
	/* × (U+00D7) and − (U+2212) as in the published report */
	buf_printf(out, "%" PRId64 " household%s \xC3\x97 %s \xE2\x88\x92 %s = %s", ev->tenancy_sustained,
		ev->tenancy_sustained == 1 ? "" : "s", unit, service, net);
}

static void load_totals(struct db *db, struct evaluation *ev)
{
	struct db_stmt *st = period_query(db, sql_totals, ev);
	if (db_step(st) == DB_ROW) {
		ev->cases_received = db_column_int(st, 0);
		ev->closed = db_column_int(st, 1);
		ev->positively_resolved = db_column_int(st, 2);
		ev->moved_within = db_column_int(st, 3);
		ev->moved_out = db_column_int(st, 4);
		ev->tenancy_sustained = db_column_int(st, 5);
	}
	db_finalize(st);
	ev->ongoing = ev->cases_received - ev->closed;
	ev->closed_not_resolved = ev->closed - ev->positively_resolved;
	st = period_query(db, sql_referrals, ev);
	if (db_step(st) == DB_ROW) {
		ev->referrals = db_column_int(st, 0) + db_column_int(st, 5);
		ev->signposted = db_column_int(st, 1);
		ev->passed_to_asb = db_column_int(st, 2);
		ev->awaiting_triage = db_column_int(st, 3);
		ev->refused_to_engage = db_column_int(st, 4);
	}
	db_finalize(st);
}

static void load_months(struct db *db, struct evaluation *ev)
{
	int n = months_between(ev->from, ev->to);
	ev->month_count = (size_t)n;
	ev->months = arena_alloc(ev->arena, (size_t)n * sizeof *ev->months);
	int y = atoi(ev->from), m = atoi(ev->from + 5);
	for (int i = 0; i < n; i++) {
		struct evaluation_month *mo = &ev->months[i];
		snprintf(mo->month, sizeof mo->month, "%04d-%02d", y % 10000, m % 100);
		snprintf(mo->label, sizeof mo->label, "%s %04d", month_abbrev[m - 1], y % 10000);
		if (++m > 12) { m = 1; y++; }
	}
	struct db_stmt *st = period_query(db, sql_months, ev);
	size_t k = 0;
	while (db_step(st) == DB_ROW) {
		const char *month = db_column_text(st, 0);
		while (k < ev->month_count && strcmp(ev->months[k].month, month) < 0) k++;
		if (k < ev->month_count && strcmp(ev->months[k].month, month) == 0) ev->months[k].referrals = db_column_int(st, 1);
	}
	db_finalize(st);
}

/* Rows of (key, code, label, count[, records]) into a count list. CODE_COL/RECORDS_COL -1 when absent. */
static size_t load_counts(struct db *db, struct evaluation *ev, const char *sql, int key_col, int code_col, int label_col,
	int count_col, int records_col, struct evaluation_count **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	struct db_stmt *st = period_query(db, sql, ev);
	while (db_step(st) == DB_ROW) {
		struct evaluation_count *c = arena_array_push(ev->arena, out, &n, &cap, sizeof **out);
		c->key = key_col >= 0 ? db_column_int(st, key_col) : 0;
		c->code = arena_strdup(ev->arena, code_col >= 0 ? db_column_text(st, code_col) : "");
		c->label = arena_strdup(ev->arena, db_column_text(st, label_col));
		c->count = db_column_int(st, count_col);
		c->records = records_col >= 0 ? db_column_int(st, records_col) : 0;
	}
	db_finalize(st);
	return n;
}

static void load_wards(struct db *db, struct evaluation *ev)
{
	size_t n = 0, cap = 0;
	int64_t known = 0;
	struct db_stmt *st = period_query(db, sql_wards, ev);
	while (db_step(st) == DB_ROW) {
		struct evaluation_ward *w = arena_array_push(ev->arena, &ev->wards, &n, &cap, sizeof *ev->wards);
		w->key = db_column_int(st, 0);
		w->name = arena_strdup(ev->arena, db_column_text(st, 1));
		w->ons_code = arena_strdup(ev->arena, db_column_text(st, 2));
		w->count = db_column_int(st, 3);
		known += w->count;
	}
	db_finalize(st);
	ev->ward_count = n;
	ev->ward_unknown = ev->cases_received - known;
}

static int64_t count_by_code(const struct evaluation_count *list, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].code, code) == 0) return list[i].count;
	return 0;
}

/* The wider view: the void costs avoided (from the settings) and then every unit cost. */
static void load_benefits(struct db *db, struct evaluation *ev)
{
	struct unit_cost *costs;
	size_t n = unit_cost_list(db, ev->arena, &costs);
	ev->benefits = arena_alloc(ev->arena, (n + 1) * sizeof *ev->benefits);
	struct evaluation_benefit *b = &ev->benefits[0];
	b->label = "Void costs avoided";
	b->basis = "tenancy_sustained";
	b->quantity_source = "Households kept in their tenancy";
	b->assumption = "A household that loses its tenancy leaves a void property; the average cost of a void is the "
	                "report's void cost setting (the pilot's figure unless changed).";
	b->quantity = ev->tenancy_sustained;
	b->unit_pence = ev->settings.void_cost_pence;
	b->amount_pence = ev->tenancy_value_pence;
	int64_t total = b->unit_pence ? b->amount_pence : 0;
	for (size_t i = 0; i < n; i++) {
		b = &ev->benefits[i + 1];
		b->label = costs[i].label;
		b->basis = costs[i].basis;
		b->assumption = costs[i].assumption;
		b->unit_pence = costs[i].amount_pence;
		const char *basis = costs[i].basis;
		if (strcmp(basis, "tenancy_sustained") == 0) {
			b->quantity = ev->tenancy_sustained;
			b->quantity_source = "Households kept in their tenancy";
		} else if (strcmp(basis, "positively_resolved") == 0) {
			b->quantity = ev->positively_resolved;
			b->quantity_source = "Cases positively resolved";
		} else if (strcmp(basis, "case_received") == 0) {
			b->quantity = ev->cases_received;
			b->quantity_source = "Cases received";
		} else if (strcmp(basis, "outcome_group") == 0) {
			b->quantity = count_by_code(ev->outcomes, ev->outcome_count, costs[i].basis_code);
			const char *line = costs[i].basis_code;
			for (size_t k = 0; k < ev->outcome_count; k++)
				if (strcmp(ev->outcomes[k].code, costs[i].basis_code) == 0) line = ev->outcomes[k].label;
			b->quantity_source = arena_printf(ev->arena, "Cases: %s", line);
		} else {
			b->quantity = count_by_code(ev->interventions, ev->intervention_count, costs[i].basis_code);
			const char *kind = costs[i].basis_code;
			for (size_t k = 0; k < ev->intervention_count; k++)
				if (strcmp(ev->interventions[k].code, costs[i].basis_code) == 0) kind = ev->interventions[k].label;
			b->quantity_source = arena_printf(ev->arena, "Cases with: %s", kind);
		}
		b->amount_pence = b->quantity * b->unit_pence;
		total += b->amount_pence;
	}
	ev->benefit_count = n + 1;
	ev->wider_total_pence = total - ev->settings.service_cost_pence;
}

static void load_case_studies(struct db *db, struct evaluation *ev)
{
	size_t n = 0, cap = 0;
	struct db_stmt *st = period_query(db, sql_case_studies, ev);
	/* copy the rows first: redaction runs its own queries */
	struct row { int64_t case_id; char *title, *body, *terms, *opened; } *rows = NULL;
	size_t rn = 0, rcap = 0;
	while (db_step(st) == DB_ROW) {
		struct row *r = arena_array_push(ev->arena, &rows, &rn, &rcap, sizeof *rows);
		r->case_id = db_column_int(st, 0);
		r->title = arena_strdup(ev->arena, db_column_text(st, 1));
		r->body = arena_strdup(ev->arena, db_column_text(st, 2));
		r->terms = arena_strdup(ev->arena, db_column_text(st, 3));
		r->opened = arena_strdup(ev->arena, db_column_text(st, 4));
	}
	db_finalize(st);
	for (size_t i = 0; i < rn; i++) {
		struct evaluation_case_study *cs = arena_array_push(ev->arena, &ev->case_studies, &n, &cap, sizeof *cs);
		char *title = case_study_redact_text(db, rows[i].case_id, rows[i].terms, rows[i].title);
		char *body = case_study_redact_text(db, rows[i].case_id, rows[i].terms, rows[i].body);
		char when[32];
		redact_month_year(rows[i].opened, when, sizeof when);
		cs->title = arena_strdup(ev->arena, title);
		cs->body = arena_strdup(ev->arena, body);
		cs->when = arena_strdup(ev->arena, when);
		free(title);
		free(body);
	}
	ev->case_study_count = n;
}

void evaluation_compute(struct db *db, const char *from, const char *to, const struct evaluation_settings *settings,
	struct evaluation *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->arena = arena_new();
	snprintf(ev->from, sizeof ev->from, "%s", from);
	snprintf(ev->to, sizeof ev->to, "%s", to);
	date_today(ev->generated_on);
	if (settings) ev->settings = *settings;
	else evaluation_settings_load(db, &ev->settings);

	load_totals(db, ev);
	load_months(db, ev);
	ev->agency_count = load_counts(db, ev, sql_agencies, 0, -1, 1, 2, -1, &ev->agencies);
	ev->type_count = load_counts(db, ev, sql_types, 0, 1, 2, 3, -1, &ev->types);
	ev->outcome_count = load_counts(db, ev, sql_outcomes, -1, 0, 1, 3, -1, &ev->outcomes);
	ev->intervention_count = load_counts(db, ev, sql_interventions, 0, 1, 2, 3, 4, &ev->interventions);
	ev->area_count = load_counts(db, ev, sql_areas, 0, -1, 1, 2, -1, &ev->areas);
	load_wards(db, ev);
	ev->tenancy_value_pence = ev->tenancy_sustained * ev->settings.void_cost_pence;
	ev->net_benefit_pence = evaluation_net_benefit(ev->tenancy_sustained, ev->settings.void_cost_pence,
		ev->settings.service_cost_pence);
	load_benefits(db, ev);
	load_case_studies(db, ev);
	ev->empty = ev->referrals == 0 && ev->cases_received == 0;
}

void evaluation_free(struct evaluation *ev)
{
	if (ev->arena) arena_free(ev->arena);
	memset(ev, 0, sizeof *ev);
}

void evaluation_audit(struct db *db, const struct actor *who, const struct evaluation *ev, const char *format,
	int public_version)
{
	char detail[160];
	snprintf(detail, sizeof detail, "format=%s version=%s from=%s to=%s cases=%" PRId64 " case_studies=%zu", format,
		public_version ? "public" : "internal", ev->from, ev->to, ev->cases_received, ev->case_study_count);
	audit_record(db, who, strcmp(format, "view") == 0 ? "report.evaluation.view" : "report.evaluation.export",
		"report", "evaluation", NULL, detail);
}
