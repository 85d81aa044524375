/* Building the printable evaluation (see evaluation_report.h): wording, tables, charts, the
 * ward map, and -- for the board and public version -- which figures are hidden. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/evaluation_report.h"
#include "report/linked_disclosure.h"
#include "report/ward_map.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct number_style money_pence = {2, "\xC2\xA3", NULL, 0};
static const struct number_style money_pounds = {0, "\xC2\xA3", NULL, 0};

void evaluation_long_date(const char *date, char *out, size_t size)
{
	static const char *const months[12] = {"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"};
	int y = 0, m = 0, d = 0;
	if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		snprintf(out, size, "%s", date ? date : "");
		return;
	}
	snprintf(out, size, "%d %s %d", d, months[m - 1], y);
}

/* ---- building sections --------------------------------------------------------------- */

static struct evaluation_section *new_section(struct evaluation_report *r, const char *id, const char *heading,
	const char *sheet)
{
	r->sections = xrealloc(r->sections, (r->section_count + 1) * sizeof *r->sections);
	struct evaluation_section *s = &r->sections[r->section_count++];
	memset(s, 0, sizeof *s);
	s->id = id;
	s->heading = heading;
	s->sheet = sheet;
	s->empty_text = "None in this period.";
	return s;
}

static void add_paragraph(struct evaluation_section *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_paragraph(struct evaluation_section *s, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s->paragraphs = xrealloc(s->paragraphs, (s->paragraph_count + 1) * sizeof *s->paragraphs);
	s->paragraphs[s->paragraph_count++] = buf_detach(&b);
}

static void add_note(struct evaluation_section *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_note(struct evaluation_section *s, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s->notes = xrealloc(s->notes, (s->note_count + 1) * sizeof *s->notes);
	s->notes[s->note_count++] = buf_detach(&b);
}

/* Write COUNT into (ROW, COL), or its label when STATUS hides it. */
static void put_count(struct evaluation_report *r, struct report_table *t, size_t row, size_t col, int64_t count,
	enum disclosure_status status)
{
	if (status == DISCLOSURE_SHOWN) {
		report_table_set_number(t, row, col, (double)count);
	} else {
		char *label = disclosure_label(&r->rules, status);
		report_table_set_suppressed(t, row, col, label);
		free(label);
	}
}

static enum disclosure_status primary_status(const struct evaluation_report *r, int64_t count)
{
	if (!r->public_version) return DISCLOSURE_SHOWN;
	return (count > 0 || r->rules.suppress_zero) && count < r->rules.threshold ? DISCLOSURE_SMALL : DISCLOSURE_SHOWN;
}

/* A one-column table of counts by category.
 * ADDITIVE: the categories split one population, so a "Total" row is printed and, in the
 * public version, secondary suppression protects small counts from it (disclosure.h).
 * Otherwise (a case may be in several categories) only small counts are hidden.
 * STATUS (n entries) receives each count's status, for charts and maps. Returns the table,
 * or NULL when the public version must withhold it (small counts that cannot be protected). */
static struct report_table *count_table(struct evaluation_report *r, const char *title, const char *category,
	const char *counted, size_t n, const char *const *labels, const int64_t *counts, int additive,
	enum disclosure_status *status)
{
	/* STATUS may come in with DISCLOSURE_SECONDARY set: hidden because another table gives it away */
	struct report_table *t = report_table_new(title);
	report_table_add_text_column(t, category);
	report_table_add_number_column(t, counted, NULL);
	for (size_t i = 0; i < n; i++) report_table_set_text(t, report_table_add_row(t), 0, labels[i]);
	int with_total = additive && n > 1;
	if (with_total) {
		size_t row = report_table_add_row(t);
		report_table_set_text(t, row, 0, "Total");
		report_table_mark_total(t, row);
	}
	if (n == 0) return t;
	if (r->public_version && additive) {
		struct disclosure_table *d = disclosure_table_new(n, 1);
		for (size_t i = 0; i < n; i++) disclosure_table_set(d, i, 0, (long)counts[i]);
		if (disclosure_protect(d, &r->rules) > 0) {
			disclosure_table_free(d);
			report_table_free(t);
			return NULL;
		}
		disclosure_fill_table(d, &r->rules, t, 0, 1);
		for (size_t i = 0; i < n; i++) status[i] = disclosure_status(d, i, 0);
		disclosure_table_free(d);
		return t;
	}
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		int forced = r->public_version && status[i] == DISCLOSURE_SECONDARY && counts[i] > 0;
		status[i] = primary_status(r, counts[i]);
		if (forced && status[i] == DISCLOSURE_SHOWN) status[i] = DISCLOSURE_SECONDARY;
		put_count(r, t, i, 1, counts[i], status[i]);
		total += counts[i];
	}
	if (with_total) report_table_set_number(t, n, 1, (double)total);
	return t;
}

/* A bar chart of the counts (hidden ones as their label); NULL when every count is zero. */
static struct chart *count_chart(struct evaluation_report *r, const char *title, const char *category_axis,
	const char *value_axis, size_t n, const char *const *labels, const int64_t *counts,
	const enum disclosure_status *status, int horizontal, const char *summary)
{
	int64_t any = 0;
	for (size_t i = 0; i < n; i++) any |= counts[i];
	if (!any) return NULL;
	struct chart *c = chart_new(CHART_BAR, title);
	chart_set_orientation(c, horizontal ? CHART_HORIZONTAL : CHART_VERTICAL);
	chart_set_axis_labels(c, category_axis, value_axis);
	chart_set_draw_title(c, 0);
	if (summary) chart_set_summary(c, summary);
	char label[64];
	snprintf(label, sizeof label, "fewer than %ld", r->rules.threshold);
	chart_set_suppressed_label(c, label);
	size_t s = chart_new_series(c, value_axis);
	for (size_t i = 0; i < n; i++) {
		size_t k = chart_new_category(c, labels[i]);
		if (status[i] == DISCLOSURE_SHOWN) chart_set_value(c, s, k, (double)counts[i]);
		else {
			char *l = disclosure_label(&r->rules, status[i]);
			chart_set_suppressed(c, s, k, l);
			free(l);
		}
	}
	return c;
}

static void xlsx_bar(struct evaluation_section *s, enum xlsx_chart_type type, const char *category_axis,
	const char *value_axis)
{
	s->has_xlsx_chart = 1;
	s->xlsx_type = type;
	s->xlsx_category_axis = category_axis;
	s->xlsx_value_axis = value_axis;
}

static void withheld(struct evaluation_section *s)
{
	add_paragraph(s, "This table is withheld from this version: its small numbers could not be hidden without "
		"revealing them through the totals.");
}

/* ---- the sections ------------------------------------------------------------------ */

/* Figures of the totals table and how they add up. */
enum { T_REFERRALS, T_CASES, T_CLOSED, T_RESOLVED, T_ONGOING, T_MOVED_WITHIN, T_MOVED_OUT, T_TENANCY, T_ASB,
       T_SIGNPOSTED, T_AWAITING, T_REFUSED, T_SHOWN_COUNT };

static const char *const total_labels[T_SHOWN_COUNT] = {
	"Referrals received", "Cases received", "Cases closed", "Positively resolved", "Ongoing",
	"Moved within the borough", "Moved out of the borough", "Households kept in their tenancy",
	"Referrals passed to the ASB team", "Referrals signposted elsewhere", "Referrals awaiting triage",
	"Refused to engage (consent refused at referral)",
};

static void section_summary(struct evaluation_report *r, enum disclosure_status *total_status)
{
	const struct evaluation *ev = r->ev;
	struct evaluation_section *s = new_section(r, "summary", "Summary", "Summary");
	add_paragraph(s, "This report covers %s. %s", r->period, r->version_note);
	if (ev->empty) {
		add_paragraph(s, "There were no referrals and no cases in this period, so every figure in this report is zero.");
	}
	int64_t values[T_SHOWN_COUNT] = {ev->referrals, ev->cases_received, ev->closed, ev->positively_resolved, ev->ongoing,
		ev->moved_within, ev->moved_out, ev->tenancy_sustained, ev->passed_to_asb, ev->signposted, ev->awaiting_triage,
		ev->refused_to_engage};
	for (int i = 0; i < T_SHOWN_COUNT; i++) total_status[i] = DISCLOSURE_SHOWN;
	int withhold = 0;
	if (r->public_version) {
		struct linked_counts *l = linked_counts_new();
		size_t idx[T_SHOWN_COUNT];
		for (int i = 0; i < T_SHOWN_COUNT; i++) idx[i] = linked_counts_add(l, (long)values[i], 1);
		/* the figures not printed, which make the sums exact */
		size_t accepted = linked_counts_add(l, (long)(ev->referrals - ev->passed_to_asb - ev->signposted - ev->awaiting_triage), 0);
		size_t not_resolved = linked_counts_add(l, (long)ev->closed_not_resolved, 0);
		size_t not_moved = linked_counts_add(l, (long)(ev->closed - ev->moved_within - ev->moved_out), 0);
		size_t not_kept = linked_counts_add(l, (long)(ev->closed - ev->tenancy_sustained), 0);
		size_t e0[] = {accepted, idx[T_ASB], idx[T_SIGNPOSTED], idx[T_AWAITING]};
		linked_counts_equation(l, idx[T_REFERRALS], e0, 4);
		size_t e1[] = {idx[T_CLOSED], idx[T_ONGOING]};
		linked_counts_equation(l, idx[T_CASES], e1, 2);
		size_t e2[] = {idx[T_RESOLVED], not_resolved};
		linked_counts_equation(l, idx[T_CLOSED], e2, 2);
		size_t e3[] = {idx[T_MOVED_WITHIN], idx[T_MOVED_OUT], not_moved};
		linked_counts_equation(l, idx[T_CLOSED], e3, 3);
		size_t e4[] = {idx[T_TENANCY], not_kept};
		linked_counts_equation(l, idx[T_CLOSED], e4, 2);
		withhold = linked_counts_protect(l, &r->rules) > 0;
		for (int i = 0; i < T_SHOWN_COUNT; i++) total_status[i] = linked_counts_status(l, idx[i]);
		linked_counts_free(l);
	}
	if (withhold) {
		for (int i = 0; i < T_SHOWN_COUNT; i++) total_status[i] = DISCLOSURE_SECONDARY;
		withheld(s);
		return;
	}
	s->table = report_table_new("Totals");
	report_table_add_text_column(s->table, "Measure");
	report_table_add_number_column(s->table, "Number", NULL);
	for (int i = 0; i < T_SHOWN_COUNT; i++) {
		size_t row = report_table_add_row(s->table);
		report_table_set_text(s->table, row, 0, total_labels[i]);
		put_count(r, s->table, row, 1, values[i], total_status[i]);
	}
	add_note(s, "Cases received are the cases opened in the period. Their state is as at %s: a case closed after "
		"that day counts as ongoing. Referrals received are every referral in the period, whether or not it became "
		"a case, and the cases that did not come from a referral (imported or opened directly).", r->period_end_text);
	add_note(s, "Positively resolved: closed with the victim no longer experiencing exploitation. Moved and kept in "
		"their tenancy are recorded when a case is closed. Refused to engage counts referrals where the resident "
		"refused consent.");
}

static void section_months(struct evaluation_report *r)
{
	const struct evaluation *ev = r->ev;
	struct evaluation_section *s = new_section(r, "referrals-by-month", "Referrals received by month", "Referrals by month");
	size_t n = ev->month_count;
	const char **labels = xcalloc(n + 1, sizeof *labels);
	int64_t *counts = xcalloc(n + 1, sizeof *counts);
	enum disclosure_status *status = xcalloc(n + 1, sizeof *status);
	for (size_t i = 0; i < n; i++) {
		labels[i] = ev->months[i].label;
		counts[i] = ev->months[i].referrals;
	}
	s->table = count_table(r, "Referrals received by month", "Month", "Referrals", n, labels, counts, 1, status);
	if (!s->table) withheld(s);
	else {
		s->chart = count_chart(r, "Referrals received by month", "Month", "Referrals", n, labels, counts, status, 0,
			"Referrals received in each month of the period.");
		xlsx_bar(s, XLSX_CHART_COLUMN, "Month", "Referrals");
	}
	free(labels);
	free(counts);
	free(status);
}

/* A section of labelled counts from an evaluation_count list. */
static void section_counts(struct evaluation_report *r, const char *id, const char *heading, const char *sheet,
	const char *category, const char *counted, const struct evaluation_count *list, size_t n, int additive,
	enum disclosure_status *status_out, const char *summary)
{
	struct evaluation_section *s = new_section(r, id, heading, sheet);
	const char **labels = xcalloc(n + 1, sizeof *labels);
	int64_t *counts = xcalloc(n + 1, sizeof *counts);
	enum disclosure_status *status = status_out ? status_out : xcalloc(n + 1, sizeof *status);
	for (size_t i = 0; i < n; i++) {
		labels[i] = list[i].label;
		counts[i] = list[i].count;
	}
	s->table = count_table(r, heading, category, counted, n, labels, counts, additive, status);
	if (!s->table) withheld(s);
	else {
		s->chart = count_chart(r, heading, NULL, counted, n, labels, counts, status, 1, summary);
		xlsx_bar(s, XLSX_CHART_BAR, category, counted);
	}
	free(labels);
	free(counts);
	if (!status_out) free(status);
}

static void section_interventions(struct evaluation_report *r)
{
	const struct evaluation *ev = r->ev;
	struct evaluation_section *s = new_section(r, "interventions", "Every intervention and outcome recorded", "Interventions");
	s->table = report_table_new("Interventions and outcomes by kind");
	report_table_add_text_column(s->table, "Kind");
	report_table_add_number_column(s->table, "Cases", NULL);
	report_table_add_number_column(s->table, "Records", NULL);
	for (size_t i = 0; i < ev->intervention_count; i++) {
		const struct evaluation_count *c = &ev->interventions[i];
		size_t row = report_table_add_row(s->table);
		report_table_set_text(s->table, row, 0, c->label);
		enum disclosure_status cs = primary_status(r, c->count);
		put_count(r, s->table, row, 1, c->count, cs);
		/* records are at least the cases, so they go with them */
		enum disclosure_status rs = cs != DISCLOSURE_SHOWN ? DISCLOSURE_SECONDARY : primary_status(r, c->records);
		put_count(r, s->table, row, 2, c->records, rs);
	}
	add_note(s, "Cases: the cases with at least one record of the kind. Records: how many were recorded.");
	s->has_xlsx_chart = 0;
}

static void section_areas(struct evaluation_report *r)
{
	const struct evaluation *ev = r->ev;
	section_counts(r, "cases-by-area", "Cases by area", "Cases by area", "Area", "Cases", ev->areas, ev->area_count, 1,
		NULL, "Cases received by named area: the estate or neighbourhood where one is recorded, otherwise the ward.");
	struct evaluation_section *s = &r->sections[r->section_count - 1];
	add_note(s, "An area is the named estate or neighbourhood recorded for the case, otherwise its ward.");

	/* wards, with the map */
	size_t n = ev->ward_count + (ev->ward_unknown > 0);
	const char **labels = xcalloc(n + 1, sizeof *labels);
	int64_t *counts = xcalloc(n + 1, sizeof *counts);
	enum disclosure_status *status = xcalloc(n + 1, sizeof *status);
	for (size_t i = 0; i < ev->ward_count; i++) {
		labels[i] = ev->wards[i].name;
		counts[i] = ev->wards[i].count;
	}
	if (ev->ward_unknown > 0) {
		labels[ev->ward_count] = "Ward not recorded";
		counts[ev->ward_count] = ev->ward_unknown;
	}
	s = new_section(r, "cases-by-ward", "Cases by ward", "Cases by ward");
	s->table = count_table(r, "Cases by ward", "Ward", "Cases", n, labels, counts, 1, status);
	if (!s->table) {
		withheld(s);
	} else {
		xlsx_bar(s, XLSX_CHART_BAR, "Ward", "Cases");
		struct map *m = map_new(MAP_LONLAT, "Cases by ward");
		map_set_value_title(m, "Cases");
		map_set_draw_title(m, 0);
		map_set_area_labels(m, 1);
		char label[64];
		snprintf(label, sizeof label, "fewer than %ld", r->rules.threshold);
		map_set_suppressed_label(m, label);
		map_set_summary(m, "The borough's wards shaded by the number of cases received from each.");
		size_t drawn = 0;
		for (size_t i = 0; i < ev->ward_count; i++) {
			const struct evaluation_ward *w = &ev->wards[i];
			size_t a = (size_t)-1;
			if (w->rings) {
				/* an imported boundary */
				a = map_add_area(m, w->name);
				for (size_t r = 0, off = 0; r < w->rings; off += w->ring_len[r], r++)
					map_area_add_ring(m, a, w->xy + 2 * off, w->ring_len[r]);
			} else {
				a = ward_map_add(m, w->ons_code, w->name);
			}
			if (a == (size_t)-1) continue;
			drawn++;
			if (status[i] == DISCLOSURE_SHOWN) map_area_set_value(m, a, (double)counts[i]);
			else map_area_set_suppressed(m, a);
		}
		if (drawn) {
			r->ward_map = m;
			s->ward_map = 1;
			if (ev->wards_imported)
				add_note(s, "Ward boundaries: as imported into nestguard (%d of %zu wards)%s. Boundaries from the Office for "
					"National Statistics are under the Open Government Licence v3.0 and contain OS data \xC2\xA9 Crown "
					"copyright and database right.", ev->wards_imported, ev->ward_count,
					(size_t)ev->wards_imported < ev->ward_count ? ", the others from the 2025 wards compiled into nestguard" : "");
			else
				add_note(s, "Ward boundaries: Office for National Statistics, 2025 wards, Open Government Licence v3.0; "
					"contains OS data \xC2\xA9 Crown copyright and database right 2025.");
		} else {
			map_free(m);
		}
	}
	free(labels);
	free(counts);
	free(status);
}

/* ---- cost-benefit -------------------------------------------------------------------- */

static void section_cost_benefit(struct evaluation_report *r, enum disclosure_status tenancy_status)
{
	const struct evaluation *ev = r->ev;
	struct evaluation_section *s = new_section(r, "cost-benefit", "Cost-benefit", "Cost-benefit");
	char unit[48], service[48];
	money_format(ev->settings.void_cost_pence, 1, unit, sizeof unit);
	money_format(ev->settings.service_cost_pence, 0, service, sizeof service);
	add_paragraph(s, "Households kept in their tenancy \xC3\x97 the average cost of a void property \xE2\x88\x92 the cost "
		"of the service. The average void cost (%s) and the cost of the service (%s) are the report's settings, "
		"which administrators and team leaders can change.", unit, service);
	if (tenancy_status != DISCLOSURE_SHOWN) {
		add_paragraph(s, "The result is withheld from this version: it would reveal a number of households below %ld.",
			r->rules.threshold);
		r->statement = xstrdup("withheld (fewer households than the disclosure threshold)");
		return;
	}
	struct buf b = BUF_INIT;
	evaluation_cost_benefit_statement(ev, &b);
	r->statement = buf_detach(&b);
	add_paragraph(s, "%s net benefit (rounded to the nearest pound).", r->statement);
	struct report_table *t = report_table_new("Cost-benefit");
	report_table_add_text_column(t, "Item");
	report_table_add_number_column(t, "Quantity", NULL);
	report_table_add_number_column(t, "Unit value", &money_pence);
	report_table_add_number_column(t, "Amount", &money_pounds);
	size_t row = report_table_add_row(t);
	report_table_set_text(t, row, 0, "Households kept in their tenancy: void costs avoided");
	report_table_set_number(t, row, 1, (double)ev->tenancy_sustained);
	report_table_set_number(t, row, 2, ev->settings.void_cost_pence / 100.0);
	report_table_set_number(t, row, 3, (double)evaluation_round_pounds(ev->tenancy_value_pence));
	row = report_table_add_row(t);
	report_table_set_text(t, row, 0, "Cost of the service");
	report_table_set_number(t, row, 3, -(double)evaluation_round_pounds(ev->settings.service_cost_pence));
	row = report_table_add_row(t);
	report_table_set_text(t, row, 0, "Net benefit");
	report_table_set_number(t, row, 3, (double)evaluation_round_pounds(ev->net_benefit_pence));
	report_table_mark_total(t, row);
	report_table_set_note(t, "Amounts are rounded to the nearest pound; the calculation is exact in pence.");
	s->table = t;
}

/* The status of the figure a unit cost is applied to. */
static enum disclosure_status benefit_status(const struct evaluation_report *r, const struct evaluation_benefit *b,
	const enum disclosure_status *totals, const enum disclosure_status *outcome_status)
{
	const struct evaluation *ev = r->ev;
	if (strcmp(b->basis, "tenancy_sustained") == 0) return totals[T_TENANCY];
	if (strcmp(b->basis, "positively_resolved") == 0) return totals[T_RESOLVED];
	if (strcmp(b->basis, "case_received") == 0) return totals[T_CASES];
	if (strcmp(b->basis, "outcome_group") == 0) {
		for (size_t i = 0; i < ev->outcome_count; i++)
			if (strcmp(ev->outcomes[i].code, b->basis_code) == 0) return outcome_status[i];
	}
	return primary_status(r, b->quantity);
}

static void section_wider(struct evaluation_report *r, const enum disclosure_status *totals,
	const enum disclosure_status *outcome_status)
{
	const struct evaluation *ev = r->ev;
	struct evaluation_section *s = new_section(r, "wider-cost-benefit", "Wider cost-benefit", "Wider cost-benefit");
	add_paragraph(s, "A wider view puts a value on more of what the service achieves: each line multiplies a figure "
		"from this report by a unit cost. The unit costs are assumptions, stated below each table; a line whose "
		"unit cost has not been set is listed but left out of the total.");
	struct report_table *t = report_table_new("Wider cost-benefit");
	report_table_add_text_column(t, "Item");
	report_table_add_text_column(t, "Counted");
	report_table_add_number_column(t, "Quantity", NULL);
	report_table_add_number_column(t, "Unit value", &money_pence);
	report_table_add_number_column(t, "Amount", &money_pounds);
	int any_hidden = 0;
	for (size_t i = 0; i < ev->benefit_count; i++) {
		const struct evaluation_benefit *b = &ev->benefits[i];
		size_t row = report_table_add_row(t);
		report_table_set_text(t, row, 0, b->label);
		report_table_set_text(t, row, 1, b->quantity_source);
		enum disclosure_status st = benefit_status(r, b, totals, outcome_status);
		put_count(r, t, row, 2, b->quantity, st);
		if (b->unit_pence == 0) {
			report_table_set_text(t, row, 3, "not set");
			report_table_set_text(t, row, 4, "not counted");
			continue;
		}
		report_table_set_number(t, row, 3, b->unit_pence / 100.0);
		if (st != DISCLOSURE_SHOWN) {
			/* the amount would give the quantity away */
			put_count(r, t, row, 4, 0, DISCLOSURE_SECONDARY);
			any_hidden = 1;
		} else {
			report_table_set_number(t, row, 4, (double)evaluation_round_pounds(b->amount_pence));
		}
	}
	size_t row = report_table_add_row(t);
	report_table_set_text(t, row, 0, "Cost of the service");
	report_table_set_number(t, row, 4, -(double)evaluation_round_pounds(ev->settings.service_cost_pence));
	row = report_table_add_row(t);
	report_table_set_text(t, row, 0, "Net benefit, wider view");
	if (any_hidden) put_count(r, t, row, 4, 0, DISCLOSURE_SECONDARY);
	else report_table_set_number(t, row, 4, (double)evaluation_round_pounds(ev->wider_total_pence));
	report_table_mark_total(t, row);
	s->table = t;

	/* the assumptions, as a table of their own (CSV and XLSX keep them beside the figures) */
	struct evaluation_section *a = new_section(r, "assumptions", "Assumptions of the wider view", "Assumptions");
	struct report_table *at = report_table_new("Assumptions");
	report_table_add_text_column(at, "Item");
	report_table_add_text_column(at, "Unit");
	report_table_add_number_column(at, "Unit value", &money_pence);
	report_table_add_text_column(at, "Assumption");
	for (size_t i = 0; i < ev->benefit_count; i++) {
		const struct evaluation_benefit *b = &ev->benefits[i];
		row = report_table_add_row(at);
		report_table_set_text(at, row, 0, b->label);
		report_table_set_text(at, row, 1, unit_cost_basis_label(b->basis));
		if (b->unit_pence) report_table_set_number(at, row, 2, b->unit_pence / 100.0);
		else report_table_set_text(at, row, 2, "not set");
		report_table_set_text(at, row, 3, b->assumption);
	}
	a->table = at;
}

static void section_case_studies(struct evaluation_report *r)
{
	const struct evaluation *ev = r->ev;
	struct evaluation_section *s = new_section(r, "case-studies", "Case studies", "Case studies");
	s->case_studies = 1;
	add_paragraph(s, "Written by caseworkers and approved by a team leader. Names, addresses, references and "
		"identifying numbers are removed, and dates are given by month and year only.");
	s->table = report_table_new("Case studies");
	report_table_add_text_column(s->table, "Title");
	report_table_add_text_column(s->table, "Case opened");
	report_table_add_text_column(s->table, "Case study");
	for (size_t i = 0; i < ev->case_study_count; i++) {
		size_t row = report_table_add_row(s->table);
		report_table_set_text(s->table, row, 0, ev->case_studies[i].title);
		report_table_set_text(s->table, row, 1, ev->case_studies[i].when);
		report_table_set_text(s->table, row, 2, ev->case_studies[i].body);
	}
	s->empty_text = "No case study about a case received in this period has been approved.";
}

struct evaluation_report *evaluation_report_build(const struct evaluation *ev, const struct evaluation_output *o)
{
	struct evaluation_report *r = xcalloc(1, sizeof *r);
	r->ev = ev;
	r->public_version = o && o->public_version;
	disclosure_rules_default(&r->rules);
	r->rules.threshold = ev->settings.suppression_threshold;
	r->title = xstrdup(o && o->title ? o->title : "Exploitation service evaluation");
	char from[40], to[40];
	evaluation_long_date(ev->from, from, sizeof from);
	evaluation_long_date(ev->to, to, sizeof to);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s to %s", from, to);
	r->period = buf_detach(&b);
	r->period_end_text = xstrdup(to);
	if (r->public_version)
		buf_printf(&b, "This is the version for the board and the public: counts from 1 to %ld are shown as \"fewer "
			"than %ld\", and other figures that would let them be worked out as \"suppressed\".",
			r->rules.threshold - 1, r->rules.threshold);
	else
		buf_puts(&b, "This is the internal version with exact counts: do not share it outside the partnership; "
			"use the version for the board instead.");
	r->version_note = buf_detach(&b);
	char generated[40];
	evaluation_long_date(ev->generated_on, generated, sizeof generated);
	buf_printf(&b, "%s%s%s, %s. Produced by nestguard on %s.", o && o->organisation ? o->organisation : "",
		o && o->organisation ? " \xE2\x80\x94 " : "", r->title, r->public_version ? "version for the board" : "internal version",
		generated);
	r->footer = buf_detach(&b);

	enum disclosure_status totals[T_SHOWN_COUNT];
	section_summary(r, totals);
	section_months(r);
	section_counts(r, "referrals-by-agency", "Referrals by referring agency", "Referrals by agency", "Referring agency",
		"Referrals", ev->agencies, ev->agency_count, 1, NULL, "Referrals received from each referring agency.");
	section_counts(r, "exploitation-types", "Types of exploitation", "Exploitation types", "Type of exploitation", "Cases",
		ev->types, ev->type_count, 0, NULL, "Cases received by type of exploitation; a case can have several.");
	add_note(&r->sections[r->section_count - 1], "A case can have more than one type, so these add up to more than "
		"the cases received.");
	/* the Moved line is (nearly always) moved within + moved out: hide it when either is hidden */
	enum disclosure_status *outcome_status = xcalloc(ev->outcome_count + 1, sizeof *outcome_status);
	if (totals[T_MOVED_WITHIN] != DISCLOSURE_SHOWN || totals[T_MOVED_OUT] != DISCLOSURE_SHOWN)
		for (size_t i = 0; i < ev->outcome_count; i++)
			if (strcmp(ev->outcomes[i].code, "moved") == 0) outcome_status[i] = DISCLOSURE_SECONDARY;
	section_counts(r, "outcomes", "Outcomes", "Outcomes", "Outcome", "Cases", ev->outcomes, ev->outcome_count, 0,
		outcome_status, "Cases with each outcome; a case can have several.");
	add_note(&r->sections[r->section_count - 1], "A case is counted once on each line that applies to it. Moved also "
		"counts cases closed with the household moved within or out of the borough.");
	section_interventions(r);
	section_areas(r);
	section_cost_benefit(r, totals[T_TENANCY]);
	section_wider(r, totals, outcome_status);
	section_case_studies(r);
	free(outcome_status);
	if (r->public_version) {
		char *note = disclosure_note(&r->rules);
		for (size_t i = 0; i < r->section_count; i++)
			if (r->sections[i].table && strcmp(r->sections[i].id, "case-studies") != 0 && strcmp(r->sections[i].id, "assumptions") != 0)
				add_note(&r->sections[i], "%s", note);
		free(note);
	}
	return r;
}

void evaluation_report_free(struct evaluation_report *r)
{
	if (!r) return;
	for (size_t i = 0; i < r->section_count; i++) {
		struct evaluation_section *s = &r->sections[i];
		for (size_t k = 0; k < s->paragraph_count; k++) free(s->paragraphs[k]);
		for (size_t k = 0; k < s->note_count; k++) free(s->notes[k]);
		free(s->paragraphs);
		free(s->notes);
		report_table_free(s->table);
		chart_free(s->chart);
	}
	free(r->sections);
	map_free(r->ward_map);
	free(r->title);
	free(r->period);
	free(r->period_end_text);
	free(r->version_note);
	free(r->footer);
	free(r->statement);
	free(r);
}
