/* RFC 4180 CSV output with formula-injection protection (see csv_writer.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report/csv_writer.h"

void csv_writer_init(struct csv_writer *w, struct buf *out)
{
	w->out = out;
	w->fields = 0;
}

static void put_field(struct csv_writer *w, const char *s, int protect)
{
	if (w->fields++) buf_putc(w->out, ',');
	if (!s) s = "";
	/* A spreadsheet runs a cell starting with one of these as a formula (tab and CR too,
	 * as OWASP notes, since some programs strip them first). */
	int guard = protect && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
	int quote = strpbrk(s, ",\"\r\n") != NULL || (s[0] == ' ') || (*s && s[strlen(s) - 1] == ' ');
	if (quote) buf_putc(w->out, '"');
	if (guard) buf_putc(w->out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"') buf_putc(w->out, '"');
		buf_putc(w->out, *p);
	}
	if (quote) buf_putc(w->out, '"');
}

void csv_writer_text(struct csv_writer *w, const char *s)
{
	put_field(w, s, 1);
}

void csv_writer_number(struct csv_writer *w, double v, int decimals)
{
	char tmp[64];
	if (decimals < 0) decimals = 0;
	if (decimals > 9) decimals = 9;
	if (!isfinite(v)) tmp[0] = 0;
	else snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
	if ((tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1))) memmove(tmp, tmp + 1, strlen(tmp));
	put_field(w, tmp, 0);
}

void csv_writer_end_record(struct csv_writer *w)
{
	buf_puts(w->out, "\r\n");
	w->fields = 0;
}

void csv_writer_table(struct csv_writer *w, const struct report_table *t)
{
	for (size_t c = 0; c < t->column_count; c++) {
		const struct report_column *col = &t->columns[c];
		const char *unit = col->prefix && *col->prefix ? col->prefix : col->suffix && *col->suffix ? col->suffix : NULL;
		if (unit) {
			struct buf h = BUF_INIT;
			buf_printf(&h, "%s (%s)", col->heading, unit);
			csv_writer_text(w, buf_str(&h));
			buf_free(&h);
		} else {
			csv_writer_text(w, col->heading);
		}
	}
	csv_writer_end_record(w);
	for (size_t r = 0; r < t->row_count; r++) {
		for (size_t c = 0; c < t->column_count; c++) {
			const struct report_cell *x = &t->rows[r].cells[c];
			if (x->kind == REPORT_CELL_NUMBER) csv_writer_number(w, x->number, t->columns[c].number.decimals);
			else csv_writer_text(w, x->kind == REPORT_CELL_EMPTY ? "" : x->text);
		}
		csv_writer_end_record(w);
	}
}
