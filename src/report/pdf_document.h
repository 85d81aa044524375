/* A multi-page A4 PDF document: headings, paragraphs, tables (header row repeated after a
 * page break, total rows bold), charts and maps drawn natively as vectors, a footer line
 * and "Page N of M" on every page. Text is real text (Pango through cairo), so it can be
 * selected, searched and extracted: pdftotext gives every number exactly as printed.
 * The PDF is tagged (headings, paragraphs, tables, figures) for screen readers.
 *
 * Content is laid out as it is added, into one scene per page, so the chart, map and table
 * objects passed in may be freed straight after; pdf_document_finish() adds the page
 * numbers, once the page count is known, and draws the pages. */
#ifndef NESTGUARD_PDF_DOCUMENT_H
#define NESTGUARD_PDF_DOCUMENT_H
#include "report/chart.h"
#include "report/map.h"
#include "report/report_table.h"
#include "util/buf.h"

struct pdf_document;

/* TITLE goes into the PDF's metadata (not onto the page: add a heading for that). */
struct pdf_document *pdf_document_new(const char *title);
void pdf_document_free(struct pdf_document *d);

/* Printed at the foot of every page, left; the page number is on the right. */
void pdf_document_set_footer(struct pdf_document *d, const char *text);
/* LEVEL 1 (document title), 2 (section) or 3 (subsection). Kept with what follows. */
void pdf_document_heading(struct pdf_document *d, int level, const char *text);
void pdf_document_paragraph(struct pdf_document *d, const char *text);
/* Small grey text, e.g. a source or a caveat. */
void pdf_document_note(struct pdf_document *d, const char *text);
void pdf_document_table(struct pdf_document *d, const struct report_table *t);
/* The chart laid out at the text width; HEIGHT in points, 0 for the chart's own rule. */
void pdf_document_chart(struct pdf_document *d, const struct chart *c, double height);
/* The map at the text width; HEIGHT 0 fits the data's shape (at most most of a page). */
void pdf_document_map(struct pdf_document *d, const struct map *m, double height);
void pdf_document_page_break(struct pdf_document *d);

/* Draw the document and append the PDF to OUT. Returns 0, or -1 when cairo failed.
 * The document can be finished once; free it afterwards. */
int pdf_document_finish(struct pdf_document *d, struct buf *out);
size_t pdf_document_page_count(const struct pdf_document *d);
/* Page I (from 0) as laid out so far, for tests and previews. */
const struct scene *pdf_document_page(const struct pdf_document *d, size_t i);

#endif
