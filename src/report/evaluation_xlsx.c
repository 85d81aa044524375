/* The evaluation as an Excel workbook (libxlsxwriter): an "About" sheet with the period, the
 * version, the settings and the cost-benefit sentence, then a sheet per table with its
 * numbers as numbers and a native Excel chart that refers to the table's cells. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/evaluation.h"
#include "report/evaluation_report.h"
#include "report/xlsx_workbook.h"

static void about_row(struct report_table *t, const char *item, const char *value)
{
	size_t row = report_table_add_row(t);
	report_table_set_text(t, row, 0, item);
	report_table_set_text(t, row, 1, value);
}

int evaluation_write_xlsx(const struct evaluation *ev, const struct evaluation_output *o, struct buf *out, struct buf *error)
{
	struct xlsx_workbook *wb = xlsx_workbook_new(NULL);
	if (!wb) {
		if (error) buf_puts(error, "cannot create a temporary file for the workbook");
		return -1;
	}
	struct evaluation_report *r = evaluation_report_build(ev, o);
	struct report_table *about = report_table_new(r->title);
	report_table_add_text_column(about, "Item");
	report_table_add_text_column(about, "Value");
	about_row(about, "Period", r->period);
	about_row(about, "From", ev->from);
	about_row(about, "To", ev->to);
	about_row(about, "Version", r->public_version ? "For the board and the public (small numbers hidden)" : "Internal (exact counts)");
	about_row(about, "Produced", ev->generated_on);
	char money[48], threshold[32];
	money_format(ev->settings.void_cost_pence, 1, money, sizeof money);
	about_row(about, "Average void cost", money);
	money_format(ev->settings.service_cost_pence, 1, money, sizeof money);
	about_row(about, "Cost of the service", money);
	snprintf(threshold, sizeof threshold, "%ld", r->rules.threshold);
	about_row(about, "Small-number threshold", threshold);
	about_row(about, "Cost-benefit", r->statement ? r->statement : "");
	if (ev->empty) about_row(about, "Note", "There were no referrals and no cases in this period, so every figure is zero.");
	report_table_set_note(about, r->version_note);
	xlsx_workbook_add_table(wb, "About", about, NULL);
	report_table_free(about);

	for (size_t i = 0; i < r->section_count; i++) {
		struct evaluation_section *s = &r->sections[i];
		if (!s->table) continue;
		/* the small print goes under the table */
		struct buf note = BUF_INIT;
		if (s->table->note && *s->table->note) buf_puts(&note, s->table->note);
		if (strcmp(s->id, "cost-benefit") == 0 && r->statement) buf_printf(&note, "%s%s.", note.len ? " " : "", r->statement);
		for (size_t k = 0; k < s->note_count; k++) buf_printf(&note, "%s%s", note.len ? " " : "", s->notes[k]);
		if (!s->table->row_count) buf_printf(&note, "%s%s", note.len ? " " : "", s->empty_text);
		report_table_set_note(s->table, buf_str(&note));
		buf_free(&note);
		size_t value_column = 1;
		struct xlsx_chart_spec spec = {s->xlsx_type, s->heading, 0, &value_column, 1, s->xlsx_category_axis, s->xlsx_value_axis};
		xlsx_workbook_add_table(wb, s->sheet, s->table, s->has_xlsx_chart && s->chart ? &spec : NULL);
	}
	evaluation_report_free(r);
	return xlsx_workbook_close(wb, out, error);
}
