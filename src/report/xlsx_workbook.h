/* XLSX output: a thin wrapper over libxlsxwriter that puts a report_table on a worksheet
 * (title, bold header row, numbers as numbers with their format, total rows bold, column
 * widths from the content, the note underneath) and, when asked, a native Excel chart
 * beside it whose series refer to the table's cells, so the chart follows edits. */
#ifndef NESTGUARD_XLSX_WORKBOOK_H
#define NESTGUARD_XLSX_WORKBOOK_H
#include <stddef.h>
#include "report/report_table.h"
#include "util/buf.h"

enum xlsx_chart_type { XLSX_CHART_COLUMN, XLSX_CHART_BAR, XLSX_CHART_LINE,
                       XLSX_CHART_STACKED_COLUMN, XLSX_CHART_STACKED_BAR };

struct xlsx_chart_spec {
	enum xlsx_chart_type type;
	const char *title;             /* NULL: the table's title */
	size_t category_column;        /* the table column holding category labels */
	const size_t *value_columns;   /* one series per column */
	size_t value_count;
	const char *category_axis, *value_axis;  /* NULL for none */
};

struct xlsx_workbook;

/* A workbook written to PATH, or to a temporary file whose bytes xlsx_workbook_close()
 * hands back when PATH is NULL. NULL (and errno set) when the file cannot be created. */
struct xlsx_workbook *xlsx_workbook_new(const char *path);
/* Add a worksheet named SHEET (made valid for Excel: at most 31 characters, none of
 * [ ] : * ? / \, unique) holding T, and CHART beside it unless CHART is NULL. Total rows
 * at the end of the table are left out of the chart. */
void xlsx_workbook_add_table(struct xlsx_workbook *wb, const char *sheet, const struct report_table *t,
                             const struct xlsx_chart_spec *chart);
/* Write the file and free WB. With a NULL path the bytes are appended to OUT. Returns 0,
 * or -1 with a message in ERROR (which may be NULL). */
int xlsx_workbook_close(struct xlsx_workbook *wb, struct buf *out, struct buf *error);

#endif
