/* CSV writing (RFC 4180: fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled, records ended by CRLF), safe to open in a spreadsheet: a text field starting
 * with = + - @ (or tab or CR) gets a leading single quote, so it is read as text and never
 * run as a formula ("CSV injection"). Numbers are written plainly (no grouping, no unit)
 * so spreadsheets read them as numbers. The reader is src/util/csv.h. */
#ifndef NESTGUARD_CSV_WRITER_H
#define NESTGUARD_CSV_WRITER_H
#include <stddef.h>
#include "report/report_table.h"
#include "util/buf.h"

struct csv_writer {
	struct buf *out;
	size_t fields;     /* fields written in the current record */
};

void csv_writer_init(struct csv_writer *w, struct buf *out);
/* A text field (NULL is empty), protected against formula injection. */
void csv_writer_text(struct csv_writer *w, const char *s);
/* A number with DECIMALS digits after the point, e.g. 4659.10. */
void csv_writer_number(struct csv_writer *w, double v, int decimals);
void csv_writer_end_record(struct csv_writer *w);
/* The table's header row and rows. Number columns with a unit say it in the heading
 * ("Cost (£)"); suppressed cells are their label. */
void csv_writer_table(struct csv_writer *w, const struct report_table *t);

#endif
