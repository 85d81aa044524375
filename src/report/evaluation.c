/* The evaluation: its period, its figures (counted by evaluation_scan.c, defined by the
 * reference SQL in evaluation_sql.c), the cost-benefit, the wider view and the anonymised
 * case studies; and the audit of every view and export. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/geometry.h"
#include "db/db.h"
#include "model/arena_array.h"
#include "model/audit.h"
#include "model/validation.h"
#include "report/case_study_redact.h"
#include "report/evaluation.h"
#include "report/evaluation_internal.h"
#include "util/arena.h"
#include "util/xalloc.h"

/* Longest period accepted: twenty years keeps the monthly table readable. */
#define MAX_MONTHS 240

static const char sql_case_studies[] =
	"SELECT s.case_id, s.title, s.body, s.extra_terms, c.opened_on\n"
	"FROM case_study s JOIN case_file c ON c.id = s.case_id\n"
	"WHERE s.status = 'approved' AND c.opened_on BETWEEN ?1 AND ?2 ORDER BY c.opened_on, s.id";

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
		/* the first referral or case, else the period is the last day only; the first case
		 * agency by agency, which the case list's index on (agency_id, opened_on) answers with
		 * a seek each, where min(opened_on) over the table reads every case (~15 ms at 100,000) */
		char *first = db_text(db, "SELECT min(d) FROM (SELECT min(referred_on) AS d FROM referral"
			" UNION ALL SELECT (SELECT min(c.opened_on) FROM case_file c WHERE c.agency_id = a.id) FROM agency a) AS firsts", "");
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

static void load_months(struct evaluation *ev)
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
}

int evaluation_ward_by_name(const void *a, const void *b)
{
	return strcmp(((const struct evaluation_ward *)a)->name, ((const struct evaluation_ward *)b)->name);
}

/* Imported ward boundaries (crime analytics' geo_area), copied into the arena so that the
 * renderers need no database. */
static void load_ward_boundaries(struct db *db, struct evaluation *ev)
{
	for (size_t i = 0; i < ev->ward_count; i++) {
		struct evaluation_ward *w = &ev->wards[i];
		if (!*w->ons_code) continue;
		struct db_stmt *st = db_preparef(db, "SELECT geometry FROM geo_area WHERE level = 'ward' AND code = ?"
			" AND geometry IS NOT NULL", "t", w->ons_code);
		if (db_step(st) == DB_ROW) {
			size_t len = 0;
			const void *blob = db_column_blob(st, 0, &len);
			struct geometry g;
			if (blob && geometry_decode(blob, len, &g) == 0) {
				if (g.nrings) {
					double *xy = arena_alloc(ev->arena, g.npoints * 2 * sizeof *xy);
					size_t *ring_len = arena_alloc(ev->arena, g.nrings * sizeof *ring_len);
					size_t off = 0;
					for (size_t r = 0; r < g.nrings; r++) {
						memcpy(xy + 2 * off, g.xy + 2 * g.rings[r].start, g.rings[r].count * 2 * sizeof *xy);
						ring_len[r] = g.rings[r].count;
						off += g.rings[r].count;
					}
					w->xy = xy;
					w->ring_len = ring_len;
					w->rings = g.nrings;
					ev->wards_imported++;
				}
				geometry_free(&g);
			}
		}
		db_finalize(st);
	}
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
	b->basis_code = "";
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
		b->basis_code = costs[i].basis_code;
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
	/* one snapshot: the tables are read one after another, and a change committed between two
	 * of them (a case closed, an intervention recorded) must not count in one and not the other */
	db_read_begin(db);
	ev->arena = arena_new();
	snprintf(ev->from, sizeof ev->from, "%s", from);
	snprintf(ev->to, sizeof ev->to, "%s", to);
	date_today(ev->generated_on);
	if (settings) ev->settings = *settings;
	else evaluation_settings_load(db, &ev->settings);

	load_months(ev);
	evaluation_scan(db, ev);
	load_ward_boundaries(db, ev);
	ev->tenancy_value_pence = ev->tenancy_sustained * ev->settings.void_cost_pence;
	ev->net_benefit_pence = evaluation_net_benefit(ev->tenancy_sustained, ev->settings.void_cost_pence,
		ev->settings.service_cost_pence);
	load_benefits(db, ev);
	load_case_studies(db, ev);
	ev->empty = ev->referrals == 0 && ev->cases_received == 0;
	db_read_end(db);
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
