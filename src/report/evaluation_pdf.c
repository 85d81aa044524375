/* The evaluation as an A4 PDF (cairo, through pdf_document): the same sections, tables,
 * charts and ward map as the HTML, with selectable text so every figure can be searched and
 * extracted, and a footer naming the version on every page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/evaluation.h"
#include "report/evaluation_report.h"
#include "report/paragraphs.h"
#include "report/pdf_document.h"
#include "util/xalloc.h"

/* A case study's text, one paragraph per blank-line-separated block. */
static void study_paragraphs(struct pdf_document *d, const char *body)
{
	const char *cursor = body, *p;
	size_t len;
	while (paragraph_next(&cursor, &p, &len)) {
		char *para = strndup(p, len);
		if (!para) fatal("out of memory");
		pdf_document_paragraph(d, para);
		free(para);
	}
}

int evaluation_write_pdf(const struct evaluation *ev, const struct evaluation_output *o, struct buf *out)
{
	struct evaluation_report *r = evaluation_report_build(ev, o);
	struct pdf_document *d = pdf_document_new(r->title);
	pdf_document_set_footer(d, r->footer);
	pdf_document_heading(d, 1, r->title);
	pdf_document_paragraph(d, r->period);
	for (size_t i = 0; i < r->section_count; i++) {
		const struct evaluation_section *s = &r->sections[i];
		pdf_document_heading(d, 2, s->heading);
		for (size_t k = 0; k < s->paragraph_count; k++) pdf_document_paragraph(d, s->paragraphs[k]);
		if (s->case_studies) {
			for (size_t k = 0; k < ev->case_study_count; k++) {
				pdf_document_heading(d, 3, ev->case_studies[k].title);
				char when[64];
				snprintf(when, sizeof when, "Case opened: %s", ev->case_studies[k].when);
				pdf_document_note(d, when);
				study_paragraphs(d, ev->case_studies[k].body);
			}
			if (!ev->case_study_count) pdf_document_paragraph(d, s->empty_text);
		} else if (s->table && s->table->row_count) {
			pdf_document_table(d, s->table);
		} else if (s->table) {
			pdf_document_paragraph(d, s->empty_text);
		}
		if (s->chart) pdf_document_chart(d, s->chart, 0);
		if (s->ward_map && r->ward_map) pdf_document_map(d, r->ward_map, 0);
		for (size_t k = 0; k < s->note_count; k++) pdf_document_note(d, s->notes[k]);
	}
	int rc = pdf_document_finish(d, out);
	pdf_document_free(d);
	evaluation_report_free(r);
	return rc;
}
