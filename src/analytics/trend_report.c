/* Trends: monthly counts from crime_query, statistics from trend.h, and the tables, chart,
 * CSV and JSON made from them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/trend_report.h"
#include "report/csv_writer.h"
#include "util/xalloc.h"

static void fill_period(const struct trend_report *r, size_t k, const double *rolling, struct trend_period *p)
{
	size_t last = r->nmonths - 1;
	memset(p, 0, sizeof *p);
	p->months = k;
	snprintf(p->first, sizeof p->first, "%s", r->months[last + 1 - k]);
	snprintf(p->last, sizeof p->last, "%s", r->months[last]);
	p->current = rolling[last];
	p->has_previous = last >= k && isfinite(rolling[last - k]) && trend_change(rolling, r->nmonths, last, k, &p->previous) == 0;
	p->has_last_year = last >= 12 && isfinite(rolling[last - 12]) &&
		trend_change(rolling, r->nmonths, last, 12, &p->last_year) == 0;
}

static int by_total_desc(const void *a, const void *b)
{
	const struct trend_type_summary *x = a, *y = b;
	if (x->total != y->total) return x->total > y->total ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void summarise(const double *x, size_t n, struct trend_type_summary *t)
{
	t->total = 0;
	for (size_t m = 0; m < n; m++) t->total += x[m];
	t->last12 = t->previous12 = NAN;
	if (n >= 12) {
		t->last12 = 0;
		for (size_t m = n - 12; m < n; m++) t->last12 += x[m];
	}
	if (n >= 24) {
		t->previous12 = 0;
		for (size_t m = n - 24; m < n - 12; m++) t->previous12 += x[m];
	}
	trend_mann_kendall(x, n, &t->mk);
	t->caveats = trend_caveats(x, n);
}

int trend_report_build(struct db *db, const struct crime_selection *s, struct trend_report *out,
	char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	out->sel = *s;
	struct crime_filter f;
	const char *types[SELECTION_MAX_TYPES];
	crime_selection_filter(s, &f, types);
	struct crime_month_counts c;
	if (crime_count_by_month(db, &f, &c, err, errsize) != 0) return -1;
	/* the whole selected period, even when the first or last months have no such crime */
	out->nmonths = c.nmonths;
	out->months = xmalloc((c.nmonths ? c.nmonths : 1) * sizeof *out->months);
	if (c.nmonths) memcpy(out->months, c.months, c.nmonths * sizeof *out->months);
	out->count = xcalloc(c.nmonths + 1, sizeof *out->count);
	out->rolling12 = xcalloc(c.nmonths + 1, sizeof *out->rolling12);
	out->ntypes = c.ntypes;
	out->types = xcalloc(c.ntypes + 1, sizeof *out->types);
	out->type_counts = xcalloc(c.nmonths * c.ntypes + 1, sizeof *out->type_counts);
	double *series = xcalloc(c.nmonths + 1, sizeof *series);
	/* types by total first, so the columns and the table come in order of size */
	for (size_t t = 0; t < c.ntypes; t++) {
		snprintf(out->types[t].name, sizeof out->types[t].name, "%s", c.types[t]);
		for (size_t m = 0; m < c.nmonths; m++) out->types[t].total += (double)c.counts[m * c.ntypes + t];
	}
	qsort(out->types, out->ntypes, sizeof *out->types, by_total_desc);
	for (size_t t = 0; t < out->ntypes; t++) {
		for (size_t m = 0; m < c.nmonths; m++) {
			series[m] = (double)crime_month_counts_get(&c, m, out->types[t].name);
			out->type_counts[m * out->ntypes + t] = series[m];
			out->count[m] += series[m];
		}
		summarise(series, c.nmonths, &out->types[t]);
	}
	free(series);
	out->total = (double)c.total;
	crime_month_counts_free(&c);
	if (out->nmonths == 0) return 0;
	trend_rolling_sum(out->count, out->nmonths, 12, out->rolling12);
	trend_mann_kendall(out->count, out->nmonths, &out->mk);
	out->caveats = trend_caveats(out->count, out->nmonths);
	static const size_t K[3] = {1, 3, 12};
	double *rolling = xmalloc(out->nmonths * sizeof *rolling);
	for (size_t i = 0; i < 3 && K[i] <= out->nmonths; i++) {
		trend_rolling_sum(out->count, out->nmonths, K[i], rolling);
		fill_period(out, K[i], rolling, &out->periods[out->nperiods++]);
	}
	free(rolling);
	return 0;
}

void trend_report_free(struct trend_report *r)
{
	free(r->months);
	free(r->count);
	free(r->rolling12);
	free(r->types);
	free(r->type_counts);
	memset(r, 0, sizeof *r);
}

const char *trend_report_direction(const struct trend_mann_kendall *mk)
{
	if (mk->n < 3 || !(mk->p < 0.05)) return "No significant trend";
	return mk->s > 0 ? "Upward trend" : "Downward trend";
}

void trend_report_verdict(const struct trend_mann_kendall *mk, char *out, size_t size)
{
	char p[16];
	analysis_format_p(mk->p, p, sizeof p);
	if (mk->n < 3) {
		snprintf(out, size, "Too few months for a trend test.");
		return;
	}
	double per_year = mk->sen_slope * 12;
	snprintf(out, size, "%s (Mann-Kendall p %s%s, Kendall's tau %.2f); Sen's slope %+.2f crimes a month per year.",
		trend_report_direction(mk), p[0] == '<' ? "" : "= ", p, mk->tau, isfinite(per_year) ? per_year : 0.0);
}

/* "Feb 2016" */
static void short_month(const char *ym, char *out, size_t size)
{
	static const char *const abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int m = crime_month_parse(ym);
	if (m < 0) snprintf(out, size, "%s", ym);
	else snprintf(out, size, "%s %d", abbr[m % 12], m / 12);
}

struct chart *trend_report_chart(const struct trend_report *r)
{
	char what[600], title[700];
	crime_selection_describe(&r->sel, what, sizeof what);
	snprintf(title, sizeof title, "%s: crimes a month", what);
	struct chart *c = chart_new(CHART_LINE, title);
	chart_set_axis_labels(c, "Month", "Crimes");
	char summary[900];
	snprintf(summary, sizeof summary, "Monthly count of %s, with the average over the 12 months to each month "
		"(shown from the twelfth month), which smooths out seasonal ups and downs.", what);
	chart_set_summary(c, summary);
	chart_set_draw_title(c, 0);
	chart_set_size(c, 900, 400);
	size_t monthly = chart_new_series(c, "Crimes in the month");
	size_t average = chart_new_series(c, "12-month average");
	for (size_t m = 0; m < r->nmonths; m++) {
		char label[16];
		short_month(r->months[m], label, sizeof label);
		size_t k = chart_new_category(c, label);
		chart_set_value(c, monthly, k, r->count[m]);
		if (isfinite(r->rolling12[m])) chart_set_value(c, average, k, r->rolling12[m] / 12);
	}
	struct number_style one = {1, NULL, NULL, 0};
	chart_set_number_style(c, &one);
	return c;
}

static void set_change(struct report_table *t, size_t row, size_t col, int has, const struct trend_change *ch)
{
	char text[96];
	if (!has) {
		report_table_set_text(t, row, col, "not available");
		return;
	}
	analysis_format_change(ch->change, ch->percent, ch->small_base, text, sizeof text);
	report_table_set_text(t, row, col, text);
}

struct report_table *trend_report_month_table(const struct trend_report *r)
{
	char what[600], title[700];
	crime_selection_describe(&r->sel, what, sizeof what);
	snprintf(title, sizeof title, "%s by month", what);
	struct report_table *t = report_table_new(title);
	report_table_add_text_column(t, "Month");
	report_table_add_number_column(t, "Crimes", NULL);
	report_table_add_number_column(t, "12-month total", NULL);
	report_table_add_text_column(t, "Change on previous month");
	report_table_add_text_column(t, "Change on same month last year");
	for (size_t m = 0; m < r->nmonths; m++) {
		size_t row = report_table_add_row(t);
		char label[32];
		crime_month_label(r->months[m], label, sizeof label);
		report_table_set_text(t, row, 0, label);
		report_table_set_number(t, row, 1, r->count[m]);
		if (isfinite(r->rolling12[m])) report_table_set_number(t, row, 2, r->rolling12[m]);
		struct trend_change ch;
		int has = trend_change(r->count, r->nmonths, m, 1, &ch) == 0;
		set_change(t, row, 3, has, &ch);
		has = trend_change(r->count, r->nmonths, m, 12, &ch) == 0;
		set_change(t, row, 4, has, &ch);
	}
	report_table_set_note(t, "Percentages on a base under 10 crimes are marked: small numbers swing by chance.");
	return t;
}

static void period_label(const struct trend_period *p, char *out, size_t size)
{
	char a[32], b[32];
	crime_month_label(p->first, a, sizeof a);
	crime_month_label(p->last, b, sizeof b);
	if (p->months == 1) snprintf(out, size, "Latest month (%s)", b);
	else snprintf(out, size, "Last %zu months (%s to %s)", p->months, a, b);
}

struct report_table *trend_report_change_table(const struct trend_report *r)
{
	struct report_table *t = report_table_new("Change on the previous period and on the same period last year");
	report_table_add_text_column(t, "Period");
	report_table_add_number_column(t, "Crimes", NULL);
	report_table_add_text_column(t, "Change on the previous period");
	report_table_add_text_column(t, "Change on the same period last year");
	for (size_t i = 0; i < r->nperiods; i++) {
		const struct trend_period *p = &r->periods[i];
		size_t row = report_table_add_row(t);
		char label[96];
		period_label(p, label, sizeof label);
		report_table_set_text(t, row, 0, label);
		report_table_set_number(t, row, 1, p->current);
		set_change(t, row, 2, p->has_previous, &p->previous);
		set_change(t, row, 3, p->has_last_year, &p->last_year);
	}
	report_table_set_note(t, "For the last 12 months the previous period is the same period last year.");
	return t;
}

struct report_table *trend_report_type_table(const struct trend_report *r)
{
	struct report_table *t = report_table_new("Trend by crime type");
	report_table_add_text_column(t, "Crime type");
	report_table_add_number_column(t, "Crimes in the period", NULL);
	report_table_add_number_column(t, "Last 12 months", NULL);
	report_table_add_number_column(t, "12 months before", NULL);
	report_table_add_text_column(t, "Trend (Mann-Kendall)");
	report_table_add_text_column(t, "p-value");
	struct number_style two = {2, NULL, NULL, 0};
	report_table_add_number_column(t, "Sen's slope (crimes a month per year)", &two);
	for (size_t i = 0; i < r->ntypes; i++) {
		const struct trend_type_summary *ty = &r->types[i];
		size_t row = report_table_add_row(t);
		report_table_set_text(t, row, 0, ty->name);
		report_table_set_number(t, row, 1, ty->total);
		if (isfinite(ty->last12)) report_table_set_number(t, row, 2, ty->last12);
		if (isfinite(ty->previous12)) report_table_set_number(t, row, 3, ty->previous12);
		char p[16];
		analysis_format_p(ty->mk.p, p, sizeof p);
		const char *dir = trend_report_direction(&ty->mk);
		char text[96];
		snprintf(text, sizeof text, "%s%s", dir, ty->caveats & TREND_CAVEAT_SMALL_NUMBERS ? " (small numbers)" : "");
		report_table_set_text(t, row, 4, text);
		report_table_set_text(t, row, 5, p);
		if (isfinite(ty->mk.sen_slope)) report_table_set_number(t, row, 6, ty->mk.sen_slope * 12);
	}
	report_table_set_note(t, "Each type is tested on its own; with many types, one in twenty will look "
		"significant at the 5% level by chance.");
	return t;
}

void trend_report_csv(const struct trend_report *r, struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	csv_writer_text(&w, "month");
	for (size_t t = 0; t < r->ntypes; t++) csv_writer_text(&w, r->types[t].name);
	csv_writer_text(&w, "total");
	csv_writer_text(&w, "rolling_12_month_total");
	csv_writer_end_record(&w);
	for (size_t m = 0; m < r->nmonths; m++) {
		csv_writer_text(&w, r->months[m]);
		for (size_t t = 0; t < r->ntypes; t++) csv_writer_number(&w, r->type_counts[m * r->ntypes + t], 0);
		csv_writer_number(&w, r->count[m], 0);
		if (isfinite(r->rolling12[m])) csv_writer_number(&w, r->rolling12[m], 0);
		else csv_writer_text(&w, "");
		csv_writer_end_record(&w);
	}
}

static json_t *json_change(int has, const struct trend_change *c)
{
	if (!has) return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "previous", json_real(c->previous));
	json_object_set_new(o, "change", json_real(c->change));
	json_object_set_new(o, "percent", analysis_json_number(c->percent));
	json_object_set_new(o, "small_base", json_boolean(c->small_base));
	return o;
}

static json_t *json_mk(const struct trend_mann_kendall *mk)
{
	json_t *o = json_object();
	json_object_set_new(o, "test", json_string("Mann-Kendall"));
	json_object_set_new(o, "months", json_integer((json_int_t)mk->n));
	json_object_set_new(o, "s", json_real(mk->s));
	json_object_set_new(o, "var_s", json_real(mk->var_s));
	json_object_set_new(o, "z", analysis_json_number(mk->z));
	json_object_set_new(o, "p", analysis_json_number(mk->p));
	json_object_set_new(o, "tau", analysis_json_number(mk->tau));
	json_object_set_new(o, "sen_slope_per_month", analysis_json_number(mk->sen_slope));
	json_object_set_new(o, "direction", json_string(trend_report_direction(mk)));
	return o;
}

static json_t *json_caveats(unsigned caveats)
{
	json_t *a = json_array();
	for (unsigned bit = 1; bit <= TREND_CAVEAT_AUTOCORRELATED; bit <<= 1)
		if (caveats & bit) json_array_append_new(a, json_string(trend_caveat_text(bit)));
	return a;
}

void trend_report_json(const struct trend_report *r, struct buf *out)
{
	json_t *root = json_object();
	char what[600];
	crime_selection_describe(&r->sel, what, sizeof what);
	json_object_set_new(root, "analysis", json_string("trends"));
	json_object_set_new(root, "description", json_string(what));
	json_t *sel = json_object();
	json_object_set_new(sel, "area", json_string(*r->sel.area_code ? r->sel.area_code : "borough"));
	json_object_set_new(sel, "area_name", json_string(r->sel.area_name));
	json_t *types = json_array();
	for (size_t i = 0; i < r->sel.ntypes; i++) json_array_append_new(types, json_string(r->sel.types[i]));
	json_object_set_new(sel, "types", types);
	json_object_set_new(sel, "from", json_string(r->sel.month_from));
	json_object_set_new(sel, "to", json_string(r->sel.month_to));
	json_object_set_new(root, "selection", sel);
	json_object_set_new(root, "total", json_real(r->total));
	json_t *months = json_array();
	for (size_t m = 0; m < r->nmonths; m++) {
		json_t *o = json_object();
		json_object_set_new(o, "month", json_string(r->months[m]));
		json_object_set_new(o, "count", json_real(r->count[m]));
		json_object_set_new(o, "rolling_12_month_total", analysis_json_number(r->rolling12[m]));
		json_t *by = json_object();
		for (size_t t = 0; t < r->ntypes; t++)
			json_object_set_new(by, r->types[t].name, json_real(r->type_counts[m * r->ntypes + t]));
		json_object_set_new(o, "by_type", by);
		json_array_append_new(months, o);
	}
	json_object_set_new(root, "months", months);
	json_t *periods = json_array();
	for (size_t i = 0; i < r->nperiods; i++) {
		const struct trend_period *p = &r->periods[i];
		json_t *o = json_object();
		json_object_set_new(o, "months", json_integer((json_int_t)p->months));
		json_object_set_new(o, "first", json_string(p->first));
		json_object_set_new(o, "last", json_string(p->last));
		json_object_set_new(o, "count", json_real(p->current));
		json_object_set_new(o, "change_on_previous_period", json_change(p->has_previous, &p->previous));
		json_object_set_new(o, "change_on_same_period_last_year", json_change(p->has_last_year, &p->last_year));
		json_array_append_new(periods, o);
	}
	json_object_set_new(root, "changes", periods);
	json_object_set_new(root, "trend", json_mk(&r->mk));
	json_object_set_new(root, "caveats", json_caveats(r->caveats));
	json_t *bytype = json_array();
	for (size_t t = 0; t < r->ntypes; t++) {
		const struct trend_type_summary *ty = &r->types[t];
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string(ty->name));
		json_object_set_new(o, "total", json_real(ty->total));
		json_object_set_new(o, "last_12_months", analysis_json_number(ty->last12));
		json_object_set_new(o, "previous_12_months", analysis_json_number(ty->previous12));
		json_object_set_new(o, "trend", json_mk(&ty->mk));
		json_object_set_new(o, "caveats", json_caveats(ty->caveats));
		json_array_append_new(bytype, o);
	}
	json_object_set_new(root, "by_type", bytype);
	analysis_json_write(root, out, 0);
}
