/* The register of information-sharing agreements: GET /agreements (everyone signed in),
 * GET /agreements/new and POST /agreements (administrators, team leaders), GET /agreements/{id}
 * and POST /agreements/{id} (change it; administrators and team leaders of a party agency). */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/agency.h"
#include "model/case_vocab.h"
#include "model/sharing_agreement.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/governance_pages.h"

static void state_tag(struct response *rs, const struct sharing_agreement *g)
{
	const char *colour = !strcmp(g->state, "in_force") ? "govuk-tag--green" : !strcmp(g->state, "ended") ? "govuk-tag--grey"
		: "govuk-tag--blue";
	html_printf(rs, "<strong class=\"govuk-tag %h\">%h</strong>", colour, agreement_state_label(g->state));
	if (g->review_due) html_printf(rs, " <strong class=\"govuk-tag govuk-tag--orange\">Review due</strong>");
}

static const char *parties_line(struct request *rq, const struct sharing_agreement *g)
{
	const char *s = "";
	for (size_t i = 0; i < g->n_parties; i++)
		s = arena_printf(rq->arena, "%s%s%s", s, i ? ", " : "", g->parties[i].agency_name);
	return s;
}

void page_agreements(struct request *rq, struct response *rs)
{
	struct sharing_agreement *g;
	size_t n = agreement_list(rq->db, &rq->actor, rq->arena, &g);
	layout_begin(rq, rs, "Information-sharing agreements");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Information-sharing agreements</h1>\n<p class=\"govuk-body\">Cases are "
		"shared with another agency only under an agreement in force that names both agencies. When an agreement ends, "
		"every share made under it stops giving access.</p>\n");
	if (agreement_may_manage(&rq->actor))
		html_printf(rs, "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/agreements/new\">Record an agreement</a>\n");
	if (!n) html_printf(rs, "<p class=\"govuk-body\">No agreement has been recorded yet.</p>\n");
	else {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Agreements</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Agreement</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Parties</th><th scope=\"col\" class=\"govuk-table__header\">Lawful basis</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">From</th><th scope=\"col\" class=\"govuk-table__header\">Review</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Until</th><th scope=\"col\" class=\"govuk-table__header\">State</th></tr></thead>"
			"<tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < n; i++) {
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/agreements/%I\">%h</a></td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">",
				g[i].id, g[i].title, parties_line(rq, &g[i]), vocab_label(vocab_lawful_basis, g[i].lawful_basis),
				ui_date(rq, g[i].starts_on), ui_date(rq, g[i].review_on), ui_date(rq, g[i].ends_on));
			state_tag(rs, &g[i]);
			html_printf(rs, "</td></tr>\n");
		}
		html_printf(rs, "</tbody></table>\n");
	}
	layout_end(rq, rs);
}

/* The form, filled from G (editing), or from the submitted values when PE has errors. */
static void agreement_form(struct request *rq, struct response *rs, const char *action, const struct sharing_agreement *g,
	const struct page_errors *pe, const char *button)
{
	const char *p = "agreement-";
	html_printf(rs, "<form method=\"post\" action=\"%h\" novalidate>\n", action);
	layout_csrf_field(rq, rs);
	ui_text(rs, "agreement-title", "title", "Name of the agreement", NULL, page_value(rq, pe, p, "title", g ? g->title : ""),
		page_error(pe, "agreement-title"), NULL);
	ui_textarea(rs, "agreement-purpose", "purpose", "Purpose of the sharing", NULL,
		page_value(rq, pe, p, "purpose", g ? g->purpose : ""), page_error(pe, "agreement-purpose"), 4);
	int nb;
	struct choice *bases = choices_from_vocab(rq, vocab_lawful_basis, &nb);
	ui_radios(rs, "agreement-lawful_basis", "lawful_basis", "Lawful basis", NULL, bases, nb,
		page_value(rq, pe, p, "lawful_basis", g ? g->lawful_basis : ""), page_error(pe, "agreement-lawful_basis"), 1);
	ui_text(rs, "agreement-starts_on", "starts_on", "Starts on", "For example, 1/4/2026",
		page_value(rq, pe, p, "starts_on", g ? g->starts_on : ""), page_error(pe, "agreement-starts_on"), "govuk-input--width-10");
	ui_text(rs, "agreement-review_on", "review_on", "Review by", NULL,
		page_value(rq, pe, p, "review_on", g ? g->review_on : ""), page_error(pe, "agreement-review_on"), "govuk-input--width-10");
	ui_text(rs, "agreement-ends_on", "ends_on", "Ends on", "Shares made under the agreement stop at the end of this day",
		page_value(rq, pe, p, "ends_on", g ? g->ends_on : ""), page_error(pe, "agreement-ends_on"), "govuk-input--width-10");
	struct db_stmt *st = db_prepare(rq->db, "SELECT id, name FROM agency ORDER BY name");
	struct choice c[64];
	int n = 0;
	while (n < 64 && db_step(st) == DB_ROW)
		c[n++] = (struct choice){arena_printf(rq->arena, "%lld", (long long)db_column_int(st, 0)),
			arena_strdup(rq->arena, db_column_text(st, 1))};
	db_finalize(st);
	const char *ticked[64];
	int nt = 0;
	if (pe && pe->form && !strcmp(pe->form, p)) nt = (int)request_form_all(rq, "party_ids", ticked, 64);
	else if (g)
		for (size_t i = 0; i < g->n_parties && nt < 64; i++)
			ticked[nt++] = arena_printf(rq->arena, "%lld", (long long)g->parties[i].agency_id);
	ui_checkboxes(rs, "agreement-party_ids", "party_ids", "Parties", "Select every agency that signed the agreement", c, n,
		ticked, nt, page_error(pe, "agreement-party_ids"));
	ui_button(rs, button, NULL);
	html_printf(rs, "</form>\n");
}

static void input_from_form(struct request *rq, struct agreement_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = request_form(rq, "title");
	in->purpose = request_form(rq, "purpose");
	in->lawful_basis = request_form(rq, "lawful_basis");
	in->starts_on = request_form(rq, "starts_on");
	in->review_on = request_form(rq, "review_on");
	in->ends_on = request_form(rq, "ends_on");
	in->n_parties = request_form_all(rq, "party_ids", in->party_ids, AGREEMENT_MAX_PARTIES);
}

static void render_new(struct request *rq, struct response *rs, const struct page_errors *pe)
{
	layout_begin(rq, rs, pe && pe->n ? "Error: Record an agreement" : "Record an agreement");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Record an information-sharing agreement</h1>\n");
	agreement_form(rq, rs, "/agreements", NULL, pe, "Record agreement");
	layout_end(rq, rs);
}

void page_agreement_new(struct request *rq, struct response *rs)
{
	render_new(rq, rs, NULL);
}

void page_agreement_create(struct request *rq, struct response *rs)
{
	struct agreement_input in;
	input_from_form(rq, &in);
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	int rc = agreement_create(rq->db, &rq->actor, &in, &e, &id);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/agreements/%lld", (long long)id));
		return;
	}
	if (rc == MODEL_FORBIDDEN) {
		rs->status = 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "agreement-", "agreement-title");
	rs->status = 400;
	render_new(rq, rs, &pe);
}

static void render_agreement(struct request *rq, struct response *rs, int64_t id, const struct page_errors *pe)
{
	struct sharing_agreement g;
	if (agreement_get(rq->db, &rq->actor, id, rq->arena, &g) != MODEL_OK) {
		rs->status = 404;
		return;
	}
	layout_begin(rq, rs, arena_printf(rq->arena, "%s%s", pe && pe->n ? "Error: " : "", g.title));
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<span class=\"govuk-caption-l\">Information-sharing agreement</span><h1 class=\"govuk-heading-l\">%h ", g.title);
	state_tag(rs, &g);
	html_printf(rs, "</h1>\n");
	ui_summary_begin(rs);
	ui_summary_row(rs, "Purpose", g.purpose);
	ui_summary_row(rs, "Lawful basis", vocab_label(vocab_lawful_basis, g.lawful_basis));
	ui_summary_row(rs, "Parties", parties_line(rq, &g));
	ui_summary_row(rs, "Starts", ui_date(rq, g.starts_on));
	ui_summary_row(rs, "Review by", ui_date(rq, g.review_on));
	ui_summary_row(rs, "Ends", ui_date(rq, g.ends_on));
	ui_summary_row(rs, "Shares in force under it", arena_printf(rq->arena, "%lld", (long long)g.shares_in_force));
	ui_summary_end(rs);
	if (agreement_may_edit(rq->db, &rq->actor, id)) {
		html_printf(rs, "<h2 class=\"govuk-heading-m\">Change the agreement</h2>\n<p class=\"govuk-body\">To end it early, "
			"set the end date to today or earlier: its shares stop giving access at once.</p>\n");
		agreement_form(rq, rs, arena_printf(rq->arena, "/agreements/%lld", (long long)id), &g, pe, "Save changes");
	}
	layout_end(rq, rs);
}

void page_agreement(struct request *rq, struct response *rs)
{
	render_agreement(rq, rs, request_param_id(rq, 0), NULL);
}

void page_agreement_update(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct agreement_input in;
	input_from_form(rq, &in);
	struct field_errors e;
	field_errors_init(&e);
	int rc = agreement_update(rq->db, &rq->actor, id, &in, &e);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/agreements/%lld", (long long)id));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "agreement-", "agreement-title");
	rs->status = 400;
	render_agreement(rq, rs, id, &pe);
}
