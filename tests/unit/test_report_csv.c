/* CSV export: RFC 4180 quoting that round-trips through our reader (src/util/csv.h), and
 * text that a spreadsheet would run as a formula is neutralised. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "report/csv_writer.h"
#include "util/csv.h"

/* Read BUF back with the project's CSV reader; returns the records' fields joined by '|'
 * per record, records joined by '\n'. */
static void read_back(const struct buf *in, struct buf *out)
{
	FILE *f = fmemopen(in->data, in->len, "r");
	assert_non_null(f);
	struct csv *c = csv_open(f, ',');
	int rc;
	while ((rc = csv_next(c)) == CSV_RECORD) {
		for (size_t i = 0; i < csv_count(c); i++) {
			if (i) buf_putc(out, '|');
			buf_puts(out, csv_field(c, i));
		}
		buf_putc(out, '\n');
	}
	assert_int_equal(rc, CSV_EOF);
	csv_close(c);
	fclose(f);
}

static void awkward_text_round_trips_through_the_reader(void **state)
{
	(void)state;
	const char *fields[] = {"plain", "with, comma", "with \"quotes\"", "two\r\nlines", "lone\nnewline",
	                        " padded ", "", "Caf\xC3\xA9 \xE2\x80\x94 \xC2\xA3" "5", "tab\there", "'already quoted"};
	size_t n = sizeof fields / sizeof *fields;
	struct buf csv = BUF_INIT, back = BUF_INIT, want = BUF_INIT;
	struct csv_writer w;
	csv_writer_init(&w, &csv);
	for (int rec = 0; rec < 2; rec++) {
		for (size_t i = 0; i < n; i++) {
			csv_writer_text(&w, fields[i]);
			if (i) buf_putc(&want, '|');
			buf_puts(&want, fields[i]);
		}
		csv_writer_end_record(&w);
		buf_putc(&want, '\n');
	}
	read_back(&csv, &back);
	assert_string_equal(buf_str(&back), buf_str(&want));
	/* records end with CRLF; the quote inside is doubled */
	assert_non_null(strstr(buf_str(&csv), "\"with \"\"quotes\"\"\""));
	assert_int_equal(csv.data[csv.len - 2], '\r');
	buf_free(&csv);
	buf_free(&back);
	buf_free(&want);
}

static void formula_like_text_is_neutralised(void **state)
{
	(void)state;
	const char *hostile[] = {"=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1", "\r=1",
	                         "=HYPERLINK(\"http://evil.example\",\"click\")", "=cmd|' /C calc'!A0"};
	for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
		struct buf csv = BUF_INIT, back = BUF_INIT;
		struct csv_writer w;
		csv_writer_init(&w, &csv);
		csv_writer_text(&w, hostile[i]);
		csv_writer_end_record(&w);
		read_back(&csv, &back);
		/* read back: the same text after one leading quote, so a spreadsheet shows it as text */
		assert_int_equal(back.data[0], '\'');
		assert_memory_equal(back.data + 1, hostile[i], strlen(hostile[i]));
		buf_free(&csv);
		buf_free(&back);
	}
	/* numbers are numbers, negative ones too */
	struct buf csv = BUF_INIT;
	struct csv_writer w;
	csv_writer_init(&w, &csv);
	csv_writer_number(&w, -5, 0);
	csv_writer_number(&w, 4659.1, 2);
	csv_writer_number(&w, -0.001, 2);
	csv_writer_text(&w, "a=b");
	csv_writer_end_record(&w);
	assert_string_equal(buf_str(&csv), "-5,4659.10,0.00,a=b\r\n");
	buf_free(&csv);
}

static void a_table_is_written_with_units_in_headings_and_plain_numbers(void **state)
{
	(void)state;
	struct report_table *t = report_table_new("Cost-benefit");
	struct number_style money = {2, "\xC2\xA3", NULL, 0};
	report_table_add_text_column(t, "Item");
	report_table_add_number_column(t, "Amount", &money);
	report_table_add_number_column(t, "Cases", NULL);
	size_t r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Average void cost");
	report_table_set_number(t, r, 1, 4659.1);
	report_table_set_number(t, r, 2, 1234);
	r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "=2+5");
	report_table_set_suppressed(t, r, 2, "fewer than 5");
	struct buf csv = BUF_INIT, back = BUF_INIT;
	struct csv_writer w;
	csv_writer_init(&w, &csv);
	csv_writer_table(&w, t);
	read_back(&csv, &back);
	assert_string_equal(buf_str(&back), "Item|Amount (\xC2\xA3)|Cases\nAverage void cost|4659.10|1234\n'=2+5||fewer than 5\n");
	buf_free(&csv);
	buf_free(&back);
	report_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(awkward_text_round_trips_through_the_reader),
		cmocka_unit_test(formula_like_text_is_neutralised),
		cmocka_unit_test(a_table_is_written_with_units_in_headings_and_plain_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
