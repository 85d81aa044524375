/* Peak times from the incident windows, and the table, chart and downloads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/peak_report.h"
#include "report/csv_writer.h"

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int peak_report_build(struct db *db, const struct incident_selection *s, struct peak_report *out,
	char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	out->sel = *s;
	struct incident_windows w;
	if (incident_selection_get(db, s, &w, err, errsize) != 0) return -1;
	for (size_t i = 0; i < w.n; i++) {
		struct aoristic_event e = {w.windows[i].from_ts, w.windows[i].to_ts, 1};
		aoristic_add(&out->table, &e);
		long long span = w.windows[i].to_ts - w.windows[i].from_ts;
		if (span > 24 * 3600) out->over_day++;
		if (span < 120) out->exact++;
	}
	incident_windows_free(&w);
	for (int h = 0; h < AORISTIC_HOURS; h++) {
		double v = out->table.weight[h];
		out->day_total[h / 24] += v;
		out->hour_total[h % 24] += v;
		if (v > out->max) out->max = v;
	}
	double sorted[AORISTIC_HOURS];
	memcpy(sorted, out->table.weight, sizeof sorted);
	qsort(sorted, AORISTIC_HOURS, sizeof *sorted, compare_doubles);
	for (int k = 0; k < 4; k++) out->fifths[k] = sorted[(k + 1) * AORISTIC_HOURS / 5 - 1];
	return 0;
}

int peak_report_shade(const struct peak_report *r, double v)
{
	if (!(v > 0)) return 0;
	int s = 1;
	while (s < 5 && v > r->fifths[s - 1]) s++;
	return s;
}

static void hour_label(int h, char *out, size_t size)
{
	snprintf(out, size, "%02d:00–%02d:59", h, h);
}

struct report_table *peak_report_table(const struct peak_report *r)
{
	char what[400], title[500];
	incident_selection_describe(&r->sel, what, sizeof what);
	snprintf(title, sizeof title, "%s by hour of the week (aoristic weights)", what);
	struct report_table *t = report_table_new(title);
	struct number_style one = {1, NULL, NULL, 0};
	report_table_add_text_column(t, "Hour");
	for (int d = 0; d < 7; d++) report_table_add_number_column(t, aoristic_weekday_names[d], &one);
	report_table_add_number_column(t, "All days", &one);
	for (int h = 0; h < 24; h++) {
		size_t row = report_table_add_row(t);
		char label[32];
		hour_label(h, label, sizeof label);
		report_table_set_text(t, row, 0, label);
		for (int d = 0; d < 7; d++) report_table_set_number(t, row, (size_t)d + 1, r->table.weight[d * 24 + h]);
		report_table_set_number(t, row, 8, r->hour_total[h]);
	}
	size_t row = report_table_add_row(t);
	report_table_set_text(t, row, 0, "All hours");
	double all = 0;
	for (int d = 0; d < 7; d++) {
		report_table_set_number(t, row, (size_t)d + 1, r->day_total[d]);
		all += r->day_total[d];
	}
	report_table_set_number(t, row, 8, all);
	report_table_mark_total(t, row);
	report_table_set_note(t, "Each incident adds up to 1, spread evenly by minute over its from-to window, so the "
		"cells add up to the number of incidents.");
	return t;
}

struct chart *peak_report_chart(const struct peak_report *r)
{
	char what[400], title[500];
	incident_selection_describe(&r->sel, what, sizeof what);
	snprintf(title, sizeof title, "%s by hour of the day", what);
	struct chart *c = chart_new(CHART_BAR, title);
	chart_set_axis_labels(c, "Hour of the day (starting)", "Incidents (aoristic weight)");
	chart_set_summary(c, "Aoristic weight of the incidents in each hour of the day, all days of the week together.");
	chart_set_draw_title(c, 0);
	chart_set_size(c, 900, 360);
	chart_set_show_values(c, 0);
	struct number_style one = {1, NULL, NULL, 0};
	chart_set_number_style(c, &one);
	size_t s = chart_new_series(c, "Incidents");
	for (int h = 0; h < 24; h++) {
		char label[16];
		snprintf(label, sizeof label, "%02d", h);
		chart_set_value(c, s, chart_new_category(c, label), r->hour_total[h]);
	}
	return c;
}

void peak_report_csv(const struct peak_report *r, struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	const char *head[] = {"hour_of_week", "weekday", "hour", "weight"};
	for (size_t i = 0; i < 4; i++) csv_writer_text(&w, head[i]);
	csv_writer_end_record(&w);
	for (int h = 0; h < AORISTIC_HOURS; h++) {
		csv_writer_number(&w, h, 0);
		csv_writer_text(&w, aoristic_weekday_names[h / 24]);
		csv_writer_number(&w, h % 24, 0);
		csv_writer_number(&w, r->table.weight[h], 9);
		csv_writer_end_record(&w);
	}
}

void peak_report_json(const struct peak_report *r, struct buf *out)
{
	char what[400];
	incident_selection_describe(&r->sel, what, sizeof what);
	json_t *days = json_array(), *weights = json_array();
	for (int d = 0; d < 7; d++) {
		json_array_append_new(days, json_string(aoristic_weekday_names[d]));
		json_t *row = json_array();
		for (int h = 0; h < 24; h++) json_array_append_new(row, json_real(r->table.weight[d * 24 + h]));
		json_array_append_new(weights, row);
	}
	json_t *root = json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s}, s:I, s:I, s:I, s:I, s:o, s:o}",
		"analysis", "aoristic", "description", what,
		"selection", "area", *r->sel.area.area_code ? r->sel.area.area_code : "borough", "incident_type", r->sel.type,
		"start", r->sel.start, "end", r->sel.end,
		"events", (json_int_t)r->table.events, "longer_than_day", (json_int_t)r->over_day,
		"longer_than_week", (json_int_t)r->table.longer_than_week, "exact_time", (json_int_t)r->exact,
		"weekdays", days, "weights", weights);
	analysis_json_write(root, out, 0);
}
