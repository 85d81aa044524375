/* Subject access export writers: JSON (for machines and for the person's representative) and
 * PDF (for the person), with the same content and the same redactions. */
#include <stdio.h>
#include <stdlib.h>
#include "report/pdf_document.h"
#include "report/report_table.h"
#include "report/subject_access_export.h"
#include "util/clock.h"
#include "util/escape.h"

static const char redaction_note[] =
	"Information about other people has been withheld: other people on these records appear only by their role, "
	"their names and dates of birth are replaced by [redacted] in the text, addresses are given only where you lived, "
	"and interventions concerning someone else are withheld. Staff names are given because they acted in their "
	"professional role. Record views list every time a member of staff opened or disclosed these records.";

static void member(struct buf *b, int first, const char *name, const char *value)
{
	buf_printf(b, "%s\"%s\":", first ? "" : ",", name);
	escape_json_string(b, value ? value : "");
}

static void dated_json(struct buf *b, const char *name, const char *title_name, const char *date_name,
	const struct sar_dated_text *items, size_t n)
{
	buf_printf(b, ",\"%s\":[", name);
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ",{" : "{");
		member(b, 1, date_name, items[i].date);
		member(b, 0, title_name, items[i].title);
		member(b, 0, "text", items[i].text);
		member(b, 0, "by", items[i].by);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

void subject_access_json(const struct sar_export *s, struct buf *b)
{
	char when[32];
	clock_format_iso(s->generated_at, when, sizeof when);
	buf_puts(b, "{\"subject_access_request\":{");
	member(b, 1, "reference", s->request_reference);
	member(b, 0, "generated_at", when);
	member(b, 0, "generated_by", s->generated_by);
	member(b, 0, "held_by", s->agency);
	member(b, 0, "redaction", redaction_note);
	buf_printf(b, "},\"person\":{\"id\":%lld", (long long)s->person_id);
	member(b, 0, "given_name", s->given_name);
	member(b, 0, "family_name", s->family_name);
	member(b, 0, "known_as", s->known_as);
	member(b, 0, "date_of_birth", s->date_of_birth);
	buf_puts(b, ",\"also_recorded_as\":[");
	for (size_t i = 0; i < s->n_also; i++) {
		if (i) buf_putc(b, ',');
		escape_json_string(b, s->also_recorded_as[i]);
	}
	buf_puts(b, "]},\"cases\":[");
	for (size_t i = 0; i < s->n_cases; i++) {
		const struct sar_case *c = &s->cases[i];
		buf_puts(b, i ? ",{" : "{");
		member(b, 1, "reference", c->reference);
		member(b, 0, "held_by", c->agency);
		member(b, 0, "your_role", c->role);
		member(b, 0, "status", c->status);
		member(b, 0, "opened_on", c->opened_on);
		member(b, 0, "closed_on", c->closed_on);
		member(b, 0, "types_of_exploitation", c->types);
		member(b, 0, "summary", c->summary);
		member(b, 0, "other_people", c->other_people);
		buf_puts(b, ",\"addresses\":[");
		for (size_t k = 0; k < c->n_addresses; k++) {
			if (k) buf_putc(b, ',');
			escape_json_string(b, c->addresses[k]);
		}
		buf_putc(b, ']');
		dated_json(b, "risk_reviews", "level", "date", c->risk, c->n_risk);
		dated_json(b, "interventions", "what", "date", c->interventions, c->n_interventions);
		dated_json(b, "tasks", "state", "due_on", c->tasks, c->n_tasks);
		dated_json(b, "notes", "kind", "date", c->notes, c->n_notes);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"referrals\":[");
	for (size_t i = 0; i < s->n_referrals; i++) {
		const struct sar_referral *r = &s->referrals[i];
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)r->id);
		member(b, 0, "referred_on", r->referred_on);
		member(b, 0, "referred_by", r->referring_agency);
		member(b, 0, "your_role", r->role);
		member(b, 0, "status", r->status);
		member(b, 0, "urgency", r->urgency);
		member(b, 0, "signs", r->signs);
		member(b, 0, "observations", r->observations);
		member(b, 0, "address", r->address);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"record_views\":[");
	for (size_t i = 0; i < s->n_views; i++) {
		const struct sar_view *v = &s->views[i];
		clock_format_iso(v->at, when, sizeof when);
		buf_puts(b, i ? ",{" : "{");
		member(b, 1, "at", when);
		member(b, 0, "user", v->user);
		member(b, 0, "agency", v->agency);
		member(b, 0, "action", v->action);
		member(b, 0, "category", v->category);
		member(b, 0, "record_type", v->record_type);
		member(b, 0, "record_id", v->record_id);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}\n");
}

/* A four-column table of dated items, or a line saying there are none. */
static void dated_table(struct pdf_document *d, const char *title, const char *what, const struct sar_dated_text *items, size_t n)
{
	pdf_document_heading(d, 3, title);
	if (!n) {
		pdf_document_paragraph(d, "None recorded.");
		return;
	}
	struct report_table *t = report_table_new(title);
	report_table_add_text_column(t, "Date");
	report_table_add_text_column(t, what);
	report_table_add_text_column(t, "Details");
	report_table_add_text_column(t, "Staff");
	for (size_t i = 0; i < n; i++) {
		size_t r = report_table_add_row(t);
		report_table_set_text(t, r, 0, items[i].date);
		report_table_set_text(t, r, 1, items[i].title);
		report_table_set_text(t, r, 2, items[i].text);
		report_table_set_text(t, r, 3, items[i].by);
	}
	pdf_document_table(d, t);
	report_table_free(t);
}

static void line(struct pdf_document *d, const char *label, const char *value)
{
	if (!value || !*value) return;
	char *text;
	if (asprintf(&text, "%s: %s", label, value) < 0) return;
	pdf_document_paragraph(d, text);
	free(text);
}

struct pdf_document *subject_access_pdf_document(const struct sar_export *s)
{
	struct pdf_document *d = pdf_document_new("Subject access request");
	char when[32], footer[160];
	clock_format_iso(s->generated_at, when, sizeof when);
	snprintf(footer, sizeof footer, "Subject access request %s, %s", s->request_reference, when);
	pdf_document_set_footer(d, footer);
	pdf_document_heading(d, 1, "Information held about you");
	char name[400];
	snprintf(name, sizeof name, "%s %s%s%s", s->given_name, s->family_name, *s->known_as ? ", known as " : "", s->known_as);
	line(d, "Name", name);
	line(d, "Date of birth", s->date_of_birth);
	line(d, "Record held by", s->agency);
	for (size_t i = 0; i < s->n_also; i++) line(d, "Also recorded as", s->also_recorded_as[i]);
	line(d, "Request reference", s->request_reference);
	line(d, "Prepared by", s->generated_by);
	pdf_document_note(d, redaction_note);

	pdf_document_heading(d, 2, "Cases");
	if (!s->n_cases) pdf_document_paragraph(d, "You are not named in any case.");
	for (size_t i = 0; i < s->n_cases; i++) {
		const struct sar_case *c = &s->cases[i];
		char heading[96];
		snprintf(heading, sizeof heading, "Case %s", c->reference);
		pdf_document_heading(d, 3, heading);
		line(d, "Held by", c->agency);
		line(d, "Your role", c->role);
		line(d, "Status", c->status);
		line(d, "Opened", c->opened_on);
		line(d, "Closed", c->closed_on);
		line(d, "Types of exploitation", c->types);
		for (size_t k = 0; k < c->n_addresses; k++) line(d, "Address", c->addresses[k]);
		line(d, "Other people", c->other_people);
		line(d, "Summary", c->summary);
		dated_table(d, "Risk reviews", "Level", c->risk, c->n_risk);
		dated_table(d, "Interventions and outcomes", "What", c->interventions, c->n_interventions);
		dated_table(d, "Tasks", "State", c->tasks, c->n_tasks);
		dated_table(d, "Notes", "Kind", c->notes, c->n_notes);
	}

	pdf_document_heading(d, 2, "Referrals");
	if (!s->n_referrals) pdf_document_paragraph(d, "You are not named in any referral.");
	for (size_t i = 0; i < s->n_referrals; i++) {
		const struct sar_referral *r = &s->referrals[i];
		char heading[64];
		snprintf(heading, sizeof heading, "Referral %lld", (long long)r->id);
		pdf_document_heading(d, 3, heading);
		line(d, "Referred on", r->referred_on);
		line(d, "Referred by", r->referring_agency);
		line(d, "Your role", r->role);
		line(d, "Status", r->status);
		line(d, "Urgency", r->urgency);
		line(d, "Signs noticed", r->signs);
		line(d, "What was observed", r->observations);
		line(d, "Address", r->address);
	}

	pdf_document_heading(d, 2, "Who has looked at these records");
	if (!s->n_views) {
		pdf_document_paragraph(d, "No one has opened these records.");
	} else {
		struct report_table *t = report_table_new("Record views and disclosures");
		report_table_add_text_column(t, "When (UTC)");
		report_table_add_text_column(t, "Who");
		report_table_add_text_column(t, "Agency");
		report_table_add_text_column(t, "What");
		report_table_add_text_column(t, "Record");
		for (size_t i = 0; i < s->n_views; i++) {
			const struct sar_view *v = &s->views[i];
			size_t r = report_table_add_row(t);
			clock_format_iso(v->at, when, sizeof when);
			char record[96];
			snprintf(record, sizeof record, "%s %s", v->record_type, v->record_id);
			report_table_set_text(t, r, 0, when);
			report_table_set_text(t, r, 1, v->user);
			report_table_set_text(t, r, 2, v->agency);
			report_table_set_text(t, r, 3, v->action);
			report_table_set_text(t, r, 4, record);
		}
		pdf_document_table(d, t);
		report_table_free(t);
	}
	return d;
}

int subject_access_pdf(const struct sar_export *s, struct buf *out)
{
	struct pdf_document *d = subject_access_pdf_document(s);
	int rc = pdf_document_finish(d, out);
	pdf_document_free(d);
	return rc;
}
