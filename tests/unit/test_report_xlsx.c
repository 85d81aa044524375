/* XLSX export: the workbook's parts, read back with a small zip reader (zlib), hold the
 * table's numbers as numbers, labels as text never formulas, sheet names Excel accepts,
 * and a native chart whose series refer to the table's cells. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "report/xlsx_workbook.h"

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* The member NAME of the zip archive in ZIP, inflated into OUT; 0 when found. */
static int zip_member(const struct buf *zip, const char *name, struct buf *out)
{
	const unsigned char *z = (const unsigned char *)zip->data;
	size_t eocd = zip->len - 22;
	while (eocd > 0 && le32(z + eocd) != 0x06054b50) eocd--;
	if (le32(z + eocd) != 0x06054b50) return -1;
	size_t entries = le16(z + eocd + 10), p = le32(z + eocd + 16);
	for (size_t i = 0; i < entries; i++) {
		size_t name_len = le16(z + p + 28), extra = le16(z + p + 30), comment = le16(z + p + 32);
		uint16_t method = le16(z + p + 10);
		uint32_t csize = le32(z + p + 20), usize = le32(z + p + 24), local = le32(z + p + 42);
		if (name_len == strlen(name) && memcmp(z + p + 46, name, name_len) == 0) {
			size_t data = local + 30 + le16(z + local + 26) + le16(z + local + 28);
			buf_grow(out, usize + 1);
			if (method == 0) {
				buf_append(out, z + data, csize);
				return 0;
			}
			z_stream s;
			memset(&s, 0, sizeof s);
			if (inflateInit2(&s, -15) != Z_OK) return -1;
			s.next_in = (unsigned char *)z + data;
			s.avail_in = csize;
			s.next_out = (unsigned char *)out->data + out->len;
			s.avail_out = usize;
			int rc = inflate(&s, Z_FINISH);
			inflateEnd(&s);
			if (rc != Z_STREAM_END) return -1;
			out->len += usize;
			out->data[out->len] = 0;
			return 0;
		}
		p += 46 + name_len + extra + comment;
	}
	return -1;
}

static struct report_table *sample_table(void)
{
	struct report_table *t = report_table_new("Cases by area");
	struct number_style money = {2, "\xC2\xA3", NULL, 0};
	report_table_add_text_column(t, "Area");
	report_table_add_number_column(t, "Cases", NULL);
	report_table_add_number_column(t, "Cost", &money);
	static const char *names[] = {"Brinnington", "=HYPERLINK(\"http://x\")", "<Reddish & co>"};
	static const double cases[] = {28, 1234, 15};
	for (size_t i = 0; i < 3; i++) {
		size_t r = report_table_add_row(t);
		report_table_set_text(t, r, 0, names[i]);
		report_table_set_number(t, r, 1, cases[i]);
		report_table_set_number(t, r, 2, cases[i] * 4659.1);
	}
	size_t r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Somewhere");
	report_table_set_suppressed(t, r, 1, "fewer than 5");
	r = report_table_add_row(t);
	report_table_set_text(t, r, 0, "Total");
	report_table_set_number(t, r, 1, 1277);
	report_table_mark_total(t, r);
	return t;
}

static void the_workbook_holds_the_table_and_a_native_chart(void **state)
{
	(void)state;
	struct xlsx_workbook *wb = xlsx_workbook_new(NULL);
	assert_non_null(wb);
	struct report_table *t = sample_table();
	size_t values[] = {1};
	struct xlsx_chart_spec spec = {XLSX_CHART_COLUMN, NULL, 0, values, 1, "Area", "Cases"};
	xlsx_workbook_add_table(wb, "Cases: by [area]?", t, &spec);
	spec.type = XLSX_CHART_LINE;
	xlsx_workbook_add_table(wb, "Cases: by [area]?", t, &spec);
	xlsx_workbook_add_table(wb, "A sheet name that is far longer than Excel allows", t, NULL);
	report_table_free(t);
	struct buf file = BUF_INIT, err = BUF_INIT, part = BUF_INIT;
	assert_int_equal(xlsx_workbook_close(wb, &file, &err), 0);
	assert_memory_equal(file.data, "PK\x03\x04", 4);

	assert_int_equal(zip_member(&file, "xl/workbook.xml", &part), 0);
	assert_non_null(strstr(buf_str(&part), "name=\"Cases  by  area\""));
	assert_non_null(strstr(buf_str(&part), "name=\"Cases  by  area (2)\""));
	assert_non_null(strstr(buf_str(&part), "name=\"A sheet name that is far longer\""));
	buf_reset(&part);

	assert_int_equal(zip_member(&file, "xl/worksheets/sheet1.xml", &part), 0);
	assert_non_null(strstr(buf_str(&part), "<v>28</v>"));
	assert_non_null(strstr(buf_str(&part), "<v>1234</v>"));
	assert_non_null(strstr(buf_str(&part), "<v>1277</v>"));
	assert_null(strstr(buf_str(&part), "<f>"));
	buf_reset(&part);

	assert_int_equal(zip_member(&file, "xl/sharedStrings.xml", &part), 0);
	assert_non_null(strstr(buf_str(&part), "<t>=HYPERLINK(\"http://x\")</t>"));
	assert_non_null(strstr(buf_str(&part), "&lt;Reddish &amp; co&gt;"));
	assert_non_null(strstr(buf_str(&part), "fewer than 5"));
	buf_reset(&part);

	assert_int_equal(zip_member(&file, "xl/styles.xml", &part), 0);
	assert_non_null(strstr(buf_str(&part), "formatCode=\"&quot;\xC2\xA3&quot;#,##0.00\""));
	buf_reset(&part);

	/* the chart covers rows 4 to 7 (the suppressed one too: a gap in Excel), not the total */
	assert_int_equal(zip_member(&file, "xl/charts/chart1.xml", &part), 0);
	assert_non_null(strstr(buf_str(&part), "<c:barChart>"));
	assert_non_null(strstr(buf_str(&part), "'Cases  by  area'!$B$4:$B$7"));
	assert_non_null(strstr(buf_str(&part), "'Cases  by  area'!$A$4:$A$7"));
	buf_reset(&part);
	assert_int_equal(zip_member(&file, "xl/charts/chart2.xml", &part), 0);
	assert_non_null(strstr(buf_str(&part), "<c:lineChart>"));
	assert_int_equal(zip_member(&file, "xl/charts/chart3.xml", &part), -1);

	buf_free(&part);
	buf_free(&file);
	buf_free(&err);
}

static void a_workbook_that_cannot_be_written_is_an_error(void **state)
{
	(void)state;
	struct xlsx_workbook *wb = xlsx_workbook_new("/nonexistent-directory/report.xlsx");
	struct buf err = BUF_INIT;
	if (wb) {
		struct report_table *t = sample_table();
		xlsx_workbook_add_table(wb, "Sheet", t, NULL);
		report_table_free(t);
		assert_int_equal(xlsx_workbook_close(wb, NULL, &err), -1);
		assert_non_null(strstr(buf_str(&err), "cannot write the workbook"));
	}
	buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_workbook_holds_the_table_and_a_native_chart),
		cmocka_unit_test(a_workbook_that_cannot_be_written_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
