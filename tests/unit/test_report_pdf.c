/* PDF documents: pages numbered "Page i of n", a long table's header repeated on every
 * page it spans, headings kept with what follows, nothing printed off the page. The text
 * itself is checked with pdftotext in tests/suites/report-render. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "report/pdf_document.h"
#include "report/report_text.h"

static size_t count_text(const struct scene *sc, const char *s)
{
	size_t n = 0;
	for (size_t i = 0; i < sc->count; i++)
		if (sc->items[i].kind == SCENE_TEXT && strcmp(sc->items[i].u.text.s, s) == 0) n++;
	return n;
}

static size_t page_of(const struct pdf_document *d, const char *s)
{
	for (size_t p = 0; p < pdf_document_page_count(d); p++)
		if (count_text(pdf_document_page(d, p), s)) return p;
	fail_msg("'%s' is on no page", s);
	return 0;
}

static struct report_table *long_table(size_t rows)
{
	struct report_table *t = report_table_new("Referral log");
	report_table_add_text_column(t, "Reference");
	report_table_add_number_column(t, "Days open", NULL);
	for (size_t i = 0; i < rows; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "REF-%04zu", i);
		size_t r = report_table_add_row(t);
		report_table_set_text(t, r, 0, ref);
		report_table_set_number(t, r, 1, (double)(i * 37 % 500));
	}
	return t;
}

static void a_long_table_repeats_its_header_on_every_page(void **state)
{
	(void)state;
	struct pdf_document *d = pdf_document_new("Log");
	struct report_table *t = long_table(150);
	pdf_document_table(d, t);
	report_table_free(t);
	struct buf out = BUF_INIT;
	assert_int_equal(pdf_document_finish(d, &out), 0);
	size_t pages = pdf_document_page_count(d);
	assert_true(pages >= 3);
	size_t rows = 0;
	for (size_t p = 0; p < pages; p++) {
		const struct scene *sc = pdf_document_page(d, p);
		assert_int_equal(count_text(sc, "Reference"), 1);
		assert_int_equal(count_text(sc, "Days open"), 1);
		assert_int_equal(count_text(sc, p ? "Referral log (continued)" : "Referral log"), 1);
		char number[64];
		snprintf(number, sizeof number, "Page %zu of %zu", p + 1, pages);
		assert_int_equal(count_text(sc, number), 1);
		for (size_t i = 0; i < sc->count; i++)
			if (sc->items[i].kind == SCENE_TEXT && strncmp(sc->items[i].u.text.s, "REF-", 4) == 0) rows++;
	}
	assert_int_equal(rows, 150);  /* every row once */
	buf_free(&out);
	pdf_document_free(d);
}

static void a_heading_stays_with_the_chart_it_introduces(void **state)
{
	(void)state;
	struct pdf_document *d = pdf_document_new("Headings");
	/* fill most of the first page */
	for (int i = 0; i < 12; i++)
		pdf_document_paragraph(d, "A paragraph of ordinary text that runs over a couple of lines so that the page fills up "
		                          "steadily, as an evaluation report's introduction would.");
	pdf_document_heading(d, 2, "Referrals by month");
	struct chart *c = chart_new(CHART_BAR, "Chart under the heading");
	size_t s = chart_new_series(c, "Referrals");
	for (int k = 0; k < 12; k++) {
		char m[16];
		snprintf(m, sizeof m, "M%d", k + 1);
		chart_set_value(c, s, chart_new_category(c, m), k * 3 + 5);
	}
	pdf_document_chart(d, c, 0);
	chart_free(c);
	assert_int_equal(page_of(d, "Referrals by month"), page_of(d, "Chart under the heading"));
	assert_int_equal(page_of(d, "Referrals by month"), 1);  /* it moved to the next page */
	pdf_document_free(d);
}

static void nothing_is_printed_off_the_page(void **state)
{
	(void)state;
	struct pdf_document *d = pdf_document_new("Bounds");
	pdf_document_heading(d, 1, "A very long title that has to wrap because it is much wider than an A4 page can hold on one line");
	pdf_document_paragraph(d, "Averyveryverylongwordwithoutanyspacesthatcannotbewrappedatspacesandmustbecutsomewhereinthemiddle.");
	struct report_table *t = report_table_new("Wide");
	for (int c = 0; c < 9; c++) report_table_add_text_column(t, "A rather long column heading");
	size_t r = report_table_add_row(t);
	for (int c = 0; c < 9; c++) report_table_set_text(t, r, (size_t)c, "Some cell text that wraps");
	pdf_document_table(d, t);
	report_table_free(t);
	pdf_document_set_footer(d, "A footer");
	struct buf out = BUF_INIT;
	assert_int_equal(pdf_document_finish(d, &out), 0);
	for (size_t p = 0; p < pdf_document_page_count(d); p++) {
		const struct scene *sc = pdf_document_page(d, p);
		for (size_t i = 0; i < sc->count; i++) {
			if (sc->items[i].kind != SCENE_TEXT) continue;
			double w = report_text_width(sc->items[i].u.text.s, sc->items[i].u.text.size, sc->items[i].u.text.bold);
			double x = sc->items[i].u.text.x - (sc->items[i].u.text.anchor == SCENE_ANCHOR_END ? w : 0);
			if (x < 56 || x + w > sc->width - 56 || sc->items[i].u.text.y > sc->height - 30)
				fail_msg("'%s' is outside the text area", sc->items[i].u.text.s);
		}
	}
	buf_free(&out);
	pdf_document_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_long_table_repeats_its_header_on_every_page),
		cmocka_unit_test(a_heading_stays_with_the_chart_it_introduces),
		cmocka_unit_test(nothing_is_printed_off_the_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
