/* A table for reports, shared by the PDF, XLSX and CSV writers (and HTML pages): a title,
 * typed columns (text or numbers with a number style), rows of cells, total rows, and a
 * note printed under it. A cell is empty, text, a number, or suppressed for disclosure
 * control (shown by its label, e.g. "fewer than 5", never by its value).
 * Renderers read the fields directly; build tables only through the functions. */
#ifndef NESTGUARD_REPORT_TABLE_H
#define NESTGUARD_REPORT_TABLE_H
#include <stddef.h>
#include "report/number_format.h"

enum report_cell_kind { REPORT_CELL_EMPTY, REPORT_CELL_TEXT, REPORT_CELL_NUMBER, REPORT_CELL_SUPPRESSED };

struct report_cell {
	enum report_cell_kind kind;
	double number;   /* REPORT_CELL_NUMBER */
	char *text;      /* TEXT: the text; SUPPRESSED: the label */
};

struct report_column {
	char *heading;
	int numeric;                 /* right-aligned; numbers printed with NUMBER */
	struct number_style number;  /* prefix/suffix point into this column's own copies */
	char *prefix, *suffix;
};

struct report_row {
	struct report_cell *cells;   /* one per column */
	int total;                   /* a total row: bold, and kept out of charts */
};

struct report_table {
	char *title;
	char *note;                  /* "" for none */
	struct report_column *columns;
	size_t column_count;
	struct report_row *rows;
	size_t row_count;
};

struct report_table *report_table_new(const char *title);
void report_table_free(struct report_table *t);
/* Columns are added before rows. STYLE NULL means whole numbers. */
size_t report_table_add_text_column(struct report_table *t, const char *heading);
size_t report_table_add_number_column(struct report_table *t, const char *heading,
                                      const struct number_style *style);
size_t report_table_add_row(struct report_table *t);
void report_table_mark_total(struct report_table *t, size_t row);
void report_table_set_text(struct report_table *t, size_t row, size_t col, const char *text);
void report_table_set_number(struct report_table *t, size_t row, size_t col, double value);
void report_table_set_suppressed(struct report_table *t, size_t row, size_t col, const char *label);
void report_table_set_note(struct report_table *t, const char *note);

/* The cell as printed ("1,234", "£4,659.10", "fewer than 5", ""). Malloc'd. */
char *report_table_cell_text(const struct report_table *t, size_t row, size_t col);

#endif
