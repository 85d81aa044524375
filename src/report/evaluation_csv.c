/* The evaluation as one CSV file with a section per table (documented in
 * docs/reports-evaluation.md). Records, in order:
 *   report,TITLE                   then period,FROM,TO  version,internal|public
 *   generated,DATE                 threshold,N (public only)
 *   (empty line)
 *   section,ID,HEADING             one block per table, in the report's order:
 *   HEADER...                      the table's column headings,
 *   ROW...                         its rows (numbers plain, hidden counts as their label),
 *   empty,TEXT                     when the table has no rows ("None in this period.")
 *   statement,TEXT                 the cost-benefit sentence (cost-benefit section only)
 *   text,TEXT                      the section's paragraphs, zero or more
 *   note,TEXT                      small print, zero or more
 *   (empty line)
 * Every field is quoted as RFC 4180 requires and protected against formula injection
 * (csv_writer.h). */
#include <string.h>
#include "report/csv_writer.h"
#include "report/evaluation.h"
#include "report/evaluation_report.h"

static void record2(struct csv_writer *w, const char *a, const char *b)
{
	csv_writer_text(w, a);
	csv_writer_text(w, b);
	csv_writer_end_record(w);
}

int evaluation_write_csv(const struct evaluation *ev, const struct evaluation_output *o, struct buf *out)
{
	struct evaluation_report *r = evaluation_report_build(ev, o);
	struct csv_writer w;
	csv_writer_init(&w, out);
	record2(&w, "report", r->title);
	csv_writer_text(&w, "period");
	csv_writer_text(&w, ev->from);
	csv_writer_text(&w, ev->to);
	csv_writer_end_record(&w);
	record2(&w, "version", r->public_version ? "public" : "internal");
	record2(&w, "generated", ev->generated_on);
	if (r->public_version) {
		csv_writer_text(&w, "threshold");
		csv_writer_number(&w, (double)r->rules.threshold, 0);
		csv_writer_end_record(&w);
	}
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < r->section_count; i++) {
		const struct evaluation_section *s = &r->sections[i];
		csv_writer_text(&w, "section");
		csv_writer_text(&w, s->id);
		csv_writer_text(&w, s->heading);
		csv_writer_end_record(&w);
		if (s->table) csv_writer_table(&w, s->table);
		if (s->table && !s->table->row_count) record2(&w, "empty", s->empty_text);
		if (strcmp(s->id, "cost-benefit") == 0 && r->statement) record2(&w, "statement", r->statement);
		for (size_t k = 0; k < s->paragraph_count; k++) record2(&w, "text", s->paragraphs[k]);
		if (s->table && s->table->note && *s->table->note) record2(&w, "note", s->table->note);
		for (size_t k = 0; k < s->note_count; k++) record2(&w, "note", s->notes[k]);
		buf_puts(out, "\r\n");
	}
	evaluation_report_free(r);
	return 0;
}
