/* Report tables and native charts in XLSX through libxlsxwriter (see xlsx_workbook.h).
 * Strings are always written with worksheet_write_string, which Excel stores as text and
 * never evaluates, so a label like "=HYPERLINK(...)" stays inert. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "report/xlsx_workbook.h"
#include "report/report_text.h"
#include "util/escape.h"
#include "util/xalloc.h"

#define TABLE_FIRST_ROW 2   /* row 0: title, row 1: blank, row 2: headings */

struct xlsx_workbook {
	lxw_workbook *book;
	char *path;
	int temporary;
	char **sheet_names;
	size_t sheet_count;
	lxw_format *title, *heading, *heading_number, *bold;
};

struct xlsx_workbook *xlsx_workbook_new(const char *path)
{
	struct xlsx_workbook *wb = xcalloc(1, sizeof *wb);
	if (path) {
		wb->path = xstrdup(path);
	} else {
		const char *dir = getenv("TMPDIR");
		struct buf p = BUF_INIT;
		buf_printf(&p, "%s/nestguard-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
		wb->path = buf_detach(&p);
		int fd = mkstemps(wb->path, 5);
		if (fd < 0) { free(wb->path); free(wb); return NULL; }
		close(fd);
		wb->temporary = 1;
	}
	wb->book = workbook_new(wb->path);
	if (!wb->book) {
		int e = errno;
		if (wb->temporary) unlink(wb->path);
		free(wb->path);
		free(wb);
		errno = e ? e : EIO;
		return NULL;
	}
	wb->title = workbook_add_format(wb->book);
	format_set_bold(wb->title);
	format_set_font_size(wb->title, 14);
	wb->heading = workbook_add_format(wb->book);
	format_set_bold(wb->heading);
	format_set_bottom(wb->heading, LXW_BORDER_THIN);
	format_set_text_wrap(wb->heading);
	format_set_align(wb->heading, LXW_ALIGN_VERTICAL_BOTTOM);
	wb->heading_number = workbook_add_format(wb->book);
	format_set_bold(wb->heading_number);
	format_set_bottom(wb->heading_number, LXW_BORDER_THIN);
	format_set_text_wrap(wb->heading_number);
	format_set_align(wb->heading_number, LXW_ALIGN_RIGHT);
	format_set_align(wb->heading_number, LXW_ALIGN_VERTICAL_BOTTOM);
	wb->bold = workbook_add_format(wb->book);
	format_set_bold(wb->bold);
	return wb;
}

/* Excel's sheet-name rules; a clash gets " (2)", " (3)"... */
static char *sheet_name(struct xlsx_workbook *wb, const char *wanted)
{
	char *clean = report_text_clean(wanted);
	for (char *p = clean; *p; p++)
		if (strchr("[]:*?/\\", *p)) *p = ' ';
	char *start = clean;
	while (*start == '\'' || *start == ' ') start++;
	for (int attempt = 1;; attempt++) {
		struct buf suffix = BUF_INIT;
		if (attempt > 1) buf_printf(&suffix, " (%d)", attempt);
		/* at most 31 characters in all, cut on a character boundary */
		size_t room = 31 - suffix.len, chars = 0, bytes = 0, len = strlen(start);
		while (bytes < len && chars < room) {
			size_t n = utf8_sequence_length((const unsigned char *)start + bytes, len - bytes);
			bytes += n ? n : 1;
			chars++;
		}
		while (bytes > 0 && (start[bytes - 1] == ' ' || start[bytes - 1] == '\'')) bytes--;
		struct buf name = BUF_INIT;
		if (bytes == 0) buf_printf(&name, "Sheet%zu", wb->sheet_count + 1);
		else buf_append(&name, start, bytes);
		buf_puts(&name, buf_str(&suffix));
		buf_free(&suffix);
		int taken = strcasecmp(buf_str(&name), "History") == 0;
		for (size_t i = 0; i < wb->sheet_count && !taken; i++)
			taken = strcasecmp(wb->sheet_names[i], buf_str(&name)) == 0;
		if (!taken) {
			free(clean);
			wb->sheet_names = xrealloc(wb->sheet_names, (wb->sheet_count + 1) * sizeof *wb->sheet_names);
			return wb->sheet_names[wb->sheet_count++] = buf_detach(&name);
		}
		buf_free(&name);
	}
}

/* Excel number format for a column: grouping, decimals, and the unit as literal text
 * (a bare % in an Excel format would multiply by 100). */
static char *excel_format(const struct report_column *c)
{
	struct buf b = BUF_INIT;
	if (c->prefix && *c->prefix) {
		buf_putc(&b, '"');
		for (const char *p = c->prefix; *p; p++) if (*p != '"') buf_putc(&b, *p);
		buf_putc(&b, '"');
	}
	buf_puts(&b, c->number.no_grouping ? "0" : "#,##0");
	if (c->number.decimals > 0) {
		buf_putc(&b, '.');
		for (int i = 0; i < c->number.decimals && i < 9; i++) buf_putc(&b, '0');
	}
	if (c->suffix && *c->suffix) {
		buf_putc(&b, '"');
		for (const char *p = c->suffix; *p; p++) if (*p != '"') buf_putc(&b, *p);
		buf_putc(&b, '"');
	}
	return buf_detach(&b);
}

static size_t display_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) n += (*p & 0xC0) != 0x80;
	return n;
}

static uint8_t chart_type(enum xlsx_chart_type t)
{
	switch (t) {
	case XLSX_CHART_BAR: return LXW_CHART_BAR;
	case XLSX_CHART_LINE: return LXW_CHART_LINE;
	case XLSX_CHART_STACKED_COLUMN: return LXW_CHART_COLUMN_STACKED;
	case XLSX_CHART_STACKED_BAR: return LXW_CHART_BAR_STACKED;
	default: return LXW_CHART_COLUMN;
	}
}

/* Series colours as in the SVG and PDF charts. */
static const lxw_color_t series_colours[] = {0x1d70b8, 0xb7592a, 0x158187, 0xca357c, 0x54319f, 0x0f7a52, 0x806f00, 0x484949};

void xlsx_workbook_add_table(struct xlsx_workbook *wb, const char *sheet, const struct report_table *t,
                             const struct xlsx_chart_spec *spec)
{
	const char *name = sheet_name(wb, sheet);
	lxw_worksheet *ws = workbook_add_worksheet(wb->book, name);
	if (!ws) fatal("xlsx: cannot add worksheet");
	if (*t->title) worksheet_write_string(ws, 0, 0, t->title, wb->title);

	lxw_format **number = xcalloc(t->column_count ? t->column_count : 1, sizeof *number);
	lxw_format **number_bold = xcalloc(t->column_count ? t->column_count : 1, sizeof *number_bold);
	lxw_format *right = workbook_add_format(wb->book), *right_bold = workbook_add_format(wb->book);
	format_set_align(right, LXW_ALIGN_RIGHT);
	format_set_align(right_bold, LXW_ALIGN_RIGHT);
	format_set_bold(right_bold);
	size_t *width = xcalloc(t->column_count ? t->column_count : 1, sizeof *width);
	for (size_t c = 0; c < t->column_count; c++) {
		const struct report_column *col = &t->columns[c];
		if (col->numeric) {
			char *f = excel_format(col);
			number[c] = workbook_add_format(wb->book);
			format_set_num_format(number[c], f);
			number_bold[c] = workbook_add_format(wb->book);
			format_set_num_format(number_bold[c], f);
			format_set_bold(number_bold[c]);
			free(f);
		}
		worksheet_write_string(ws, TABLE_FIRST_ROW, (lxw_col_t)c, col->heading,
		                       col->numeric ? wb->heading_number : wb->heading);
		width[c] = display_chars(col->heading);
	}
	for (size_t r = 0; r < t->row_count; r++) {
		lxw_row_t row = (lxw_row_t)(TABLE_FIRST_ROW + 1 + r);
		int total = t->rows[r].total;
		for (size_t c = 0; c < t->column_count; c++) {
			const struct report_cell *x = &t->rows[r].cells[c];
			lxw_col_t col = (lxw_col_t)c;
			if (x->kind == REPORT_CELL_NUMBER) {
				lxw_format *f = t->columns[c].numeric ? (total ? number_bold[c] : number[c]) : (total ? wb->bold : NULL);
				worksheet_write_number(ws, row, col, x->number, f);
			} else if (x->kind == REPORT_CELL_TEXT || x->kind == REPORT_CELL_SUPPRESSED) {
				lxw_format *f = t->columns[c].numeric ? (total ? right_bold : right) : (total ? wb->bold : NULL);
				worksheet_write_string(ws, row, col, x->text, f);
			}
			char *printed = report_table_cell_text(t, r, c);
			size_t n = display_chars(printed);
			if (n > width[c]) width[c] = n;
			free(printed);
		}
	}
	for (size_t c = 0; c < t->column_count; c++) {
		double w = (double)width[c] * 1.1 + 2;
		if (w > 60) w = 60;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
	if (*t->note)
		worksheet_write_string(ws, (lxw_row_t)(TABLE_FIRST_ROW + 2 + t->row_count), 0, t->note, NULL);

	/* the chart's rows: from the first data row to before the trailing total rows */
	size_t data_rows = t->row_count;
	while (data_rows > 0 && t->rows[data_rows - 1].total) data_rows--;
	if (spec && spec->value_count && data_rows) {
		if (spec->category_column >= t->column_count) fatal("xlsx: no category column %zu", spec->category_column);
		lxw_chart *chart = workbook_add_chart(wb->book, chart_type(spec->type));
		lxw_row_t first = TABLE_FIRST_ROW + 1, last = (lxw_row_t)(TABLE_FIRST_ROW + data_rows);
		for (size_t i = 0; i < spec->value_count; i++) {
			size_t vc = spec->value_columns[i];
			if (vc >= t->column_count) fatal("xlsx: no value column %zu", vc);
			lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
			chart_series_set_categories(s, name, first, (lxw_col_t)spec->category_column, last, (lxw_col_t)spec->category_column);
			chart_series_set_values(s, name, first, (lxw_col_t)vc, last, (lxw_col_t)vc);
			chart_series_set_name_range(s, name, TABLE_FIRST_ROW, (lxw_col_t)vc);
			lxw_color_t colour = series_colours[i % (sizeof series_colours / sizeof *series_colours)];
			if (spec->type == XLSX_CHART_LINE) {
				lxw_chart_line line = {.color = colour, .width = 2.25};
				chart_series_set_line(s, &line);
			} else {
				lxw_chart_fill fill = {.color = colour};
				chart_series_set_fill(s, &fill);
			}
		}
		char *title = report_text_clean(spec->title ? spec->title : t->title);
		if (*title) chart_title_set_name(chart, title);
		free(title);
		if (spec->category_axis && *spec->category_axis) chart_axis_set_name(chart->x_axis, spec->category_axis);
		if (spec->value_axis && *spec->value_axis) chart_axis_set_name(chart->y_axis, spec->value_axis);
		if (spec->value_count == 1) chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
		else chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
		lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.25, .y_scale = 1.25};
		worksheet_insert_chart_opt(ws, TABLE_FIRST_ROW, (lxw_col_t)(t->column_count + 1), chart, &opt);
	}
	free(number);
	free(number_bold);
	free(width);
}

int xlsx_workbook_close(struct xlsx_workbook *wb, struct buf *out, struct buf *error)
{
	int rc = 0;
	lxw_error e = workbook_close(wb->book);
	if (e != LXW_NO_ERROR) {
		if (error) buf_printf(error, "cannot write the workbook: %s", lxw_strerror(e));
		rc = -1;
	}
	if (wb->temporary) {
		if (rc == 0) {
			FILE *f = fopen(wb->path, "rb");
			if (!f) {
				if (error) buf_printf(error, "cannot read the workbook back: %s", strerror(errno));
				rc = -1;
			} else {
				char chunk[65536];
				size_t n;
				while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(out, chunk, n);
				if (ferror(f)) {
					if (error) buf_puts(error, "cannot read the workbook back");
					rc = -1;
				}
				fclose(f);
			}
		}
		unlink(wb->path);
	}
	for (size_t i = 0; i < wb->sheet_count; i++) free(wb->sheet_names[i]);
	free(wb->sheet_names);
	free(wb->path);
	free(wb);
	return rc;
}
