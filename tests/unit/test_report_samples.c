/* Writes a sample of every report output (an evaluation-like PDF, SVG and PNG charts and
 * maps, an XLSX workbook and a CSV file) from the published pilot's figures, and checks
 * each is what it claims to be. With REPORT_SAMPLES_DIR set the files stay there, with
 * expected.txt listing what the tests/suites/report-render suite must find in them
 * (through pdftotext, xmllint and unzip); otherwise they go to a temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include "report/chart.h"
#include "report/csv_writer.h"
#include "report/disclosure.h"
#include "report/map.h"
#include "report/pdf_document.h"
#include "report/report_table.h"
#include "report/xlsx_workbook.h"

static const char *area_names[] = {
	"Adswood", "Bramhall", "Bredbury", "Brinnington", "Cale Green", "Cheadle/Cheadle Hulme", "Central",
	"Davenport", "Edgeley", "Hazel Grove", "Heald Green", "The Heatons", "Heaviley", "Hillgate",
	"Lancashire Hill", "Mottram Street Estate", "Marple", "Offerton", "Rectory Fields", "Reddish",
	"Romiley", "Victoria Park", "Woodley",
};
static const int area_cases[] = {14, 1, 4, 28, 2, 13, 3, 1, 10, 2, 1, 7, 2, 2, 10, 18, 5, 7, 2, 15, 7, 3, 4};
#define AREAS (sizeof area_cases / sizeof *area_cases)

static const char *outcome_names[] = {
	"Arrested/conviction", "Target hardening & wrap-around support", "Community protection warning/notice",
	"Moved", "Warnings issued", "Perpetrators excluded",
};
static const int outcome_counts[] = {4, 68, 14, 11, 5, 11};
#define OUTCOMES (sizeof outcome_counts / sizeof *outcome_counts)

#define HOSTILE "<script>alert(\"x\")</script> & =cmd|' /C calc'!A0"

static char dir[4096];
static FILE *expected;
static int keep;

static void save(const char *name, const struct buf *b)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	fclose(f);
}

/* Must appear in the PDF's text: KIND "TEXT" anywhere, "ROW" as label then value on one line. */
static void expect(const char *kind, const char *a, const char *b)
{
	fprintf(expected, "%s\t%s\t%s\n", kind, a, b ? b : "");
}

static struct report_table *areas_table(void)
{
	struct report_table *t = report_table_new("Cases by area");
	report_table_add_text_column(t, "Area");
	report_table_add_number_column(t, "Cases", NULL);
	int total = 0;
	for (size_t i = 0; i < AREAS; i++) {
		size_t r = report_table_add_row(t);
		report_table_set_text(t, r, 0, area_names[i]);
		report_table_set_number(t, r, 1, area_cases[i]);
		total += area_cases[i];
	}
	size_t r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Total");
	report_table_set_number(t, r, 1, total);
	report_table_mark_total(t, r);
	return t;
}

static struct chart *monthly_chart(void)
{
	static const char *months[] = {"Apr 2022", "May 2022", "Jun 2022", "Jul 2022", "Aug 2022", "Sep 2022",
	                               "Oct 2022", "Nov 2022", "Dec 2022", "Jan 2023", "Feb 2023", "Mar 2023"};
	static const int referrals[] = {12, 15, 3, 18, 22, 9, 14, 11, 2, 17, 13, 25};
	struct chart *c = chart_new(CHART_BAR, "Referrals received by month");
	chart_set_axis_labels(c, "Month", "Referrals");
	size_t s = chart_new_series(c, "Referrals");
	for (size_t i = 0; i < 12; i++) {
		size_t k = chart_new_category(c, months[i]);
		if (referrals[i] < 5) chart_set_suppressed(c, s, k, NULL);
		else chart_set_value(c, s, k, referrals[i]);
	}
	return c;
}

static struct chart *outcomes_chart(void)
{
	struct chart *c = chart_new(CHART_BAR, "Outcomes");
	chart_set_orientation(c, CHART_HORIZONTAL);
	chart_set_axis_labels(c, NULL, "Cases");
	size_t s = chart_new_series(c, "Cases");
	for (size_t i = 0; i < OUTCOMES; i++) chart_set_value(c, s, chart_new_category(c, outcome_names[i]), outcome_counts[i]);
	chart_set_value(c, s, chart_new_category(c, HOSTILE), 1);
	return c;
}

/* Twelve made-up neighbourhoods on a 4 x 3 grid of wobbly squares near Stockport, one with
 * a hole, so the map tests need no boundary files. */
static struct map *sample_map(int with_grid)
{
	struct map *m = map_new(MAP_LONLAT, with_grid ? "Burglary hot spots" : "Cases by neighbourhood");
	map_set_value_title(m, "Cases");
	map_set_area_labels(m, 1);
	double w = 0.05, h = 0.03, x0 = -2.25, y0 = 53.36;
	for (int r = 0; r < 3; r++)
		for (int c = 0; c < 4; c++) {
			char name[32];
			snprintf(name, sizeof name, "Area %c%d", 'A' + r, c + 1);
			size_t a = map_add_area(m, name);
			double ring[2 * 17];
			int n = 0;
			for (int side = 0; side < 4; side++)
				for (int k = 0; k < 4; k++, n++) {
					double t = k / 4.0, wob = 0.002 * sin((r * 4 + c) * 1.3 + n);
					double px = side == 0 ? t : side == 1 ? 1 : side == 2 ? 1 - t : 0;
					double py = side == 0 ? 0 : side == 1 ? t : side == 2 ? 1 : 1 - t;
					ring[2 * n] = x0 + (c + px) * w + ((side & 1) ? 0 : wob);
					ring[2 * n + 1] = y0 + (r + py) * h + ((side & 1) ? wob : 0);
				}
			map_area_add_ring(m, a, ring, (size_t)n);
			if (r == 1 && c == 1) {
				double hole[8] = {x0 + 1.3 * w, y0 + 1.3 * h, x0 + 1.7 * w, y0 + 1.3 * h,
				                  x0 + 1.7 * w, y0 + 1.7 * h, x0 + 1.3 * w, y0 + 1.7 * h};
				map_area_add_ring(m, a, hole, 4);
			}
			int v = area_cases[(size_t)(r * 4 + c) % AREAS];
			if (!with_grid) {
				if (v < 5) map_area_set_suppressed(m, a);
				else map_area_set_value(m, a, v);
			}
		}
	if (with_grid) {
		enum { COLS = 80, ROWS = 36 };
		static double cells[COLS * ROWS];
		for (int r = 0; r < ROWS; r++)
			for (int c = 0; c < COLS; c++) {
				double d1 = hypot(c - 20, r - 25), d2 = hypot(c - 60, r - 8);
				double z = 3.2 * exp(-d1 * d1 / 40) - 2.8 * exp(-d2 * d2 / 60);
				cells[r * COLS + c] = fabs(z) > 2.58 ? copysign(3, z) : fabs(z) > 1.96 ? copysign(2, z)
				                    : fabs(z) > 1.65 ? copysign(1, z) : 0;
			}
		struct map_grid g = {x0, y0, 4 * w / COLS, 3 * h / ROWS, COLS, ROWS, cells, MAP_GRID_HOTSPOT, 0, NULL, {0, NULL, NULL, 0}};
		map_set_grid(m, &g);
		for (int k = 0; k < 60; k++) map_add_point(m, x0 + 0.05 + 0.002 * (k % 10) + 0.01 * sin(k), y0 + 0.065 + 0.003 * (k / 10));
		map_set_points_legend(m, "Burglaries");
	}
	return m;
}

static int setup(void **state)
{
	(void)state;
	const char *env = getenv("REPORT_SAMPLES_DIR");
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		keep = 1;
	} else {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/nestguard-samples-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) return -1;
	}
	char path[4200];
	snprintf(path, sizeof path, "%s/expected.txt", dir);
	expected = fopen(path, "w");
	return expected ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fclose(expected);
	if (!keep) {
		DIR *dd = opendir(dir);
		struct dirent *e;
		while (dd && (e = readdir(dd))) {
			if (e->d_name[0] == '.') continue;
			char path[4400];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
		if (dd) closedir(dd);
		rmdir(dir);
	}
	return 0;
}

static void the_evaluation_sample_is_a_pdf_of_several_numbered_pages(void **state)
{
	(void)state;
	struct pdf_document *d = pdf_document_new("Cuckooing project evaluation");
	pdf_document_set_footer(d, "Stockport Community Safety Partnership \xE2\x80\x94 sample evaluation report");
	pdf_document_heading(d, 1, "Cuckooing project evaluation");
	pdf_document_paragraph(d, "This sample uses the published pilot's figures. Between April 2019 and March 2020 the "
	                          "project received 161 referrals, of which 129 were positively resolved and 26 are ongoing.");
	expect("TEXT", "161 referrals", NULL);

	pdf_document_heading(d, 2, "Totals");
	struct report_table *t = report_table_new("Cases");
	report_table_add_text_column(t, "Measure");
	report_table_add_number_column(t, "Cases", NULL);
	static const char *measures[] = {"Cases received", "Positively resolved", "Ongoing", "Moved"};
	static const int counts[] = {161, 129, 26, 11};
	for (size_t i = 0; i < 4; i++) {
		size_t r = report_table_add_row(t);
		report_table_set_text(t, r, 0, measures[i]);
		report_table_set_number(t, r, 1, counts[i]);
		char v[32];
		snprintf(v, sizeof v, "%d", counts[i]);
		expect("ROW", measures[i], v);
	}
	pdf_document_table(d, t);
	report_table_free(t);

	pdf_document_heading(d, 2, "Cost-benefit");
	struct number_style money = {2, "\xC2\xA3", NULL, 0}, pounds = {0, "\xC2\xA3", NULL, 0};
	t = report_table_new("Cost-benefit of keeping households in their tenancy");
	report_table_add_text_column(t, "Item");
	report_table_add_number_column(t, "Amount", &money);
	size_t r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Households kept in their tenancy");
	report_table_set_text(t, r, 1, "68");
	r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Average void cost");
	report_table_set_number(t, r, 1, 4659.10);
	r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Cost of the service");
	report_table_set_number(t, r, 1, 27705);
	r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Net benefit");
	report_table_set_number(t, r, 1, 68 * 4659.10 - 27705);
	report_table_mark_total(t, r);
	pdf_document_table(d, t);
	report_table_free(t);
	char *net = number_format_string(68 * 4659.10 - 27705, &pounds);
	struct buf para = BUF_INIT;
	buf_printf(&para, "68 households \xC3\x97 \xC2\xA3" "4,659.10 \xE2\x88\x92 \xC2\xA3" "27,705 = %s.", net);
	pdf_document_paragraph(d, buf_str(&para));
	buf_free(&para);
	expect("ROW", "Average void cost", "\xC2\xA3" "4,659.10");
	expect("ROW", "Cost of the service", "\xC2\xA3" "27,705.00");
	expect("ROW", "Net benefit", "\xC2\xA3" "289,113.80");
	expect("TEXT", net, NULL);
	free(net);

	pdf_document_heading(d, 2, "Referrals");
	struct chart *c = monthly_chart();
	pdf_document_chart(d, c, 0);
	chart_free(c);
	expect("TEXT", "Referrals received by month", NULL);

	pdf_document_heading(d, 2, "Outcomes");
	t = report_table_new("Outcomes");
	report_table_add_text_column(t, "Outcome");
	report_table_add_number_column(t, "Cases", NULL);
	for (size_t i = 0; i < OUTCOMES; i++) {
		r = report_table_add_row(t);
		report_table_set_text(t, r, 0, outcome_names[i]);
		report_table_set_number(t, r, 1, outcome_counts[i]);
		char v[32];
		snprintf(v, sizeof v, "%d", outcome_counts[i]);
		expect("ROW", outcome_names[i], v);
	}
	pdf_document_table(d, t);
	report_table_free(t);
	c = outcomes_chart();
	pdf_document_chart(d, c, 0);
	chart_free(c);
	expect("TEXT", "<script>", NULL);

	pdf_document_heading(d, 2, "Cases by area");
	t = areas_table();
	pdf_document_table(d, t);
	for (size_t i = 0; i < AREAS; i++) {
		char v[32];
		snprintf(v, sizeof v, "%d", area_cases[i]);
		expect("ROW", area_names[i], v);
	}
	expect("ROW", "Total", "161");
	report_table_free(t);
	struct map *m = sample_map(0);
	pdf_document_map(d, m, 0);
	map_free(m);
	m = sample_map(1);
	pdf_document_map(d, m, 0);
	map_free(m);

	/* board version: small numbers suppressed */
	pdf_document_heading(d, 2, "Cases by area and year, for the board");
	struct disclosure_rules rules;
	disclosure_rules_default(&rules);
	struct disclosure_table *dt = disclosure_table_new(AREAS, 2);
	for (size_t i = 0; i < AREAS; i++) {
		disclosure_table_set(dt, i, 0, area_cases[i] / 2);
		disclosure_table_set(dt, i, 1, area_cases[i] - area_cases[i] / 2);
	}
	assert_int_equal(disclosure_protect(dt, &rules), 0);
	t = report_table_new("Cases by area and year");
	report_table_add_text_column(t, "Area");
	report_table_add_number_column(t, "2022/23", NULL);
	report_table_add_number_column(t, "2023/24", NULL);
	report_table_add_number_column(t, "Total", NULL);
	for (size_t i = 0; i <= AREAS; i++) {
		r = report_table_add_row(t);
		report_table_set_text(t, r, 0, i < AREAS ? area_names[i] : "Total");
	}
	report_table_mark_total(t, AREAS);
	disclosure_fill_table(dt, &rules, t, 0, 1);
	char *note = disclosure_note(&rules);
	report_table_set_note(t, note);
	free(note);
	pdf_document_table(d, t);
	expect("TEXT", "fewer than 5", NULL);
	report_table_free(t);
	disclosure_table_free(dt);

	/* a long table breaks across pages and repeats its header */
	pdf_document_heading(d, 2, "Referral log (made up)");
	t = report_table_new("Referral log");
	report_table_add_text_column(t, "Reference");
	report_table_add_text_column(t, "Agency");
	report_table_add_number_column(t, "Days open", NULL);
	for (int i = 0; i < 90; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "REF-%04d", 1000 + i * 7);
		r = report_table_add_row(t);
		report_table_set_text(t, r, 0, ref);
		report_table_set_text(t, r, 1, i % 3 == 0 ? "Greater Manchester Police" : i % 3 == 1 ? "Stockport Homes" : "Adult social care");
		report_table_set_number(t, r, 2, (i * 37) % 200 + 1000);
		char v[32];
		snprintf(v, sizeof v, "%d,%03d", ((i * 37) % 200 + 1000) / 1000, ((i * 37) % 200 + 1000) % 1000);
		expect("ROW", ref, NULL);
		if (i == 89) expect("TEXT", v, NULL);
	}
	pdf_document_table(d, t);
	report_table_free(t);
	expect("TEXT", "Referral log (continued)", NULL);

	struct buf out = BUF_INIT;
	assert_int_equal(pdf_document_finish(d, &out), 0);
	size_t pages = pdf_document_page_count(d);
	pdf_document_free(d);
	assert_true(pages >= 4);
	char last[64];
	snprintf(last, sizeof last, "Page %zu of %zu", pages, pages);
	expect("TEXT", last, NULL);
	expect("TEXT", "Page 1 of", NULL);
	assert_true(out.len > 1000);
	assert_memory_equal(out.data, "%PDF-", 5);
	save("evaluation.pdf", &out);
	buf_free(&out);
}

static void charts_and_maps_are_written_as_svg_and_png(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct chart *charts[2] = {monthly_chart(), outcomes_chart()};
	const char *names[2] = {"monthly", "outcomes"};
	for (int i = 0; i < 2; i++) {
		char name[64];
		chart_write_svg(charts[i], &b, names[i], 1);
		snprintf(name, sizeof name, "chart-%s.svg", names[i]);
		save(name, &b);
		buf_reset(&b);
		assert_int_equal(chart_write_png(charts[i], 1.5, &b), 0);
		assert_memory_equal(b.data, "\x89PNG\r\n\x1a\n", 8);
		snprintf(name, sizeof name, "chart-%s.png", names[i]);
		save(name, &b);
		buf_reset(&b);
		assert_int_equal(chart_write_pdf(charts[i], &b), 0);
		assert_memory_equal(b.data, "%PDF-", 5);
		buf_reset(&b);
		chart_free(charts[i]);
	}
	for (int g = 0; g < 2; g++) {
		struct map *m = sample_map(g);
		char name[64];
		map_write_svg(m, &b, "map", 1);
		snprintf(name, sizeof name, "map-%d.svg", g);
		save(name, &b);
		buf_reset(&b);
		assert_int_equal(map_write_png(m, 1.5, &b), 0);
		assert_memory_equal(b.data, "\x89PNG\r\n\x1a\n", 8);
		snprintf(name, sizeof name, "map-%d.png", g);
		save(name, &b);
		buf_reset(&b);
		map_free(m);
	}
	buf_free(&b);
}

static void the_workbook_and_csv_samples_are_written(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/evaluation.xlsx", dir);
	struct xlsx_workbook *wb = xlsx_workbook_new(path);
	assert_non_null(wb);
	struct report_table *t = areas_table();
	size_t values[] = {1};
	struct xlsx_chart_spec spec = {XLSX_CHART_BAR, NULL, 0, values, 1, "Area", "Cases"};
	xlsx_workbook_add_table(wb, "Cases by area", t, &spec);
	struct report_table *o = report_table_new("Outcomes");
	report_table_add_text_column(o, "Outcome");
	report_table_add_number_column(o, "Cases", NULL);
	for (size_t i = 0; i < OUTCOMES; i++) {
		size_t r = report_table_add_row(o);
		report_table_set_text(o, r, 0, outcome_names[i]);
		report_table_set_number(o, r, 1, outcome_counts[i]);
	}
	size_t r = report_table_add_row(o);
	report_table_set_text(o, r, 0, HOSTILE);
	report_table_set_suppressed(o, r, 1, "fewer than 5");
	spec.type = XLSX_CHART_COLUMN;
	spec.category_axis = "Outcome";
	xlsx_workbook_add_table(wb, "Outcomes", o, &spec);
	struct buf err = BUF_INIT;
	assert_int_equal(xlsx_workbook_close(wb, NULL, &err), 0);
	buf_free(&err);
	fprintf(expected, "XLSX\tCases by area\t%zu\n", AREAS);

	struct buf csv = BUF_INIT;
	struct csv_writer w;
	csv_writer_init(&w, &csv);
	csv_writer_table(&w, t);
	csv_writer_table(&w, o);
	save("tables.csv", &csv);
	buf_free(&csv);
	report_table_free(t);
	report_table_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_evaluation_sample_is_a_pdf_of_several_numbered_pages),
		cmocka_unit_test(charts_and_maps_are_written_as_svg_and_png),
		cmocka_unit_test(the_workbook_and_csv_samples_are_written),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
