/* Report tables (see report_table.h): building them, and printing a cell. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/report_table.h"
#include "report/report_text.h"
#include "util/xalloc.h"

struct report_table *report_table_new(const char *title)
{
	struct report_table *t = xcalloc(1, sizeof *t);
	t->title = report_text_clean(title);
	t->note = report_text_clean(NULL);
	return t;
}

void report_table_free(struct report_table *t)
{
	if (!t) return;
	for (size_t r = 0; r < t->row_count; r++) {
		for (size_t c = 0; c < t->column_count; c++) free(t->rows[r].cells[c].text);
		free(t->rows[r].cells);
	}
	for (size_t c = 0; c < t->column_count; c++) {
		free(t->columns[c].heading);
		free(t->columns[c].prefix);
		free(t->columns[c].suffix);
	}
	free(t->rows);
	free(t->columns);
	free(t->title);
	free(t->note);
	free(t);
}

static size_t add_column(struct report_table *t, const char *heading, int numeric, const struct number_style *style)
{
	if (t->row_count) fatal("report_table: add columns before rows");
	t->columns = xrealloc(t->columns, (t->column_count + 1) * sizeof *t->columns);
	struct report_column *c = &t->columns[t->column_count];
	memset(c, 0, sizeof *c);
	c->heading = report_text_clean(heading);
	c->numeric = numeric;
	if (style) {
		c->number = *style;
		c->prefix = style->prefix ? report_text_clean(style->prefix) : NULL;
		c->suffix = style->suffix ? report_text_clean(style->suffix) : NULL;
		c->number.prefix = c->prefix;
		c->number.suffix = c->suffix;
	}
	return t->column_count++;
}

size_t report_table_add_text_column(struct report_table *t, const char *heading)
{
	return add_column(t, heading, 0, NULL);
}

size_t report_table_add_number_column(struct report_table *t, const char *heading, const struct number_style *style)
{
	return add_column(t, heading, 1, style);
}

size_t report_table_add_row(struct report_table *t)
{
	t->rows = xrealloc(t->rows, (t->row_count + 1) * sizeof *t->rows);
	t->rows[t->row_count].cells = xcalloc(t->column_count ? t->column_count : 1, sizeof(struct report_cell));
	t->rows[t->row_count].total = 0;
	return t->row_count++;
}

static struct report_cell *cell(struct report_table *t, size_t row, size_t col)
{
	if (row >= t->row_count || col >= t->column_count)
		fatal("report_table: no cell (%zu, %zu) in a %zu x %zu table", row, col, t->row_count, t->column_count);
	struct report_cell *x = &t->rows[row].cells[col];
	free(x->text);
	x->text = NULL;
	return x;
}

void report_table_mark_total(struct report_table *t, size_t row)
{
	if (row >= t->row_count) fatal("report_table: no row %zu", row);
	t->rows[row].total = 1;
}

void report_table_set_text(struct report_table *t, size_t row, size_t col, const char *text)
{
	struct report_cell *x = cell(t, row, col);
	x->kind = REPORT_CELL_TEXT;
	x->text = report_text_clean(text);
}

void report_table_set_number(struct report_table *t, size_t row, size_t col, double value)
{
	if (!isfinite(value)) fatal("report_table_set_number: value is not finite");
	struct report_cell *x = cell(t, row, col);
	x->kind = REPORT_CELL_NUMBER;
	x->number = value;
}

void report_table_set_suppressed(struct report_table *t, size_t row, size_t col, const char *label)
{
	struct report_cell *x = cell(t, row, col);
	x->kind = REPORT_CELL_SUPPRESSED;
	x->text = report_text_clean(label ? label : "suppressed");
}

void report_table_set_note(struct report_table *t, const char *note)
{
	free(t->note);
	t->note = report_text_clean(note);
}

char *report_table_cell_text(const struct report_table *t, size_t row, size_t col)
{
	const struct report_cell *x = &t->rows[row].cells[col];
	switch (x->kind) {
	case REPORT_CELL_NUMBER: return number_format_string(x->number, &t->columns[col].number);
	case REPORT_CELL_TEXT:
	case REPORT_CELL_SUPPRESSED: return xstrdup(x->text);
	default: return xstrdup("");
	}
}
