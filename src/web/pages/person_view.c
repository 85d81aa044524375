/* GET /people/{id} — a person, every case they appear in (that the reader may see), and for a
 * team leader the possible duplicates with a merge button. POST /people/{id}/merge. */
#include <string.h>
#include "model/case_vocab.h"
#include "model/person.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

static void render(struct request *rq, struct response *rs, int64_t id, const char *error)
{
	struct person p;
	if (person_get(rq->db, &rq->actor, id, rq->arena, &p) != MODEL_OK) {
		buf_reset(&rs->body);
		rs->status = 404;
		return;
	}
	if (p.merged_into && !error) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/people/%lld", (long long)p.merged_into));
		return;
	}
	const char *name = person_display_name(rq->arena, &p);
	layout_begin(rq, rs, error ? arena_printf(rq->arena, "Error: %s", name) : name);
	if (error) {
		struct form_error fe = {"merge", error};
		form_error_summary(rs, &fe, 1);
	}
	html_printf(rs, "<span class=\"govuk-caption-l\">Person</span><h1 class=\"govuk-heading-l\">%h</h1>\n", name);
	ui_summary_begin(rs);
	ui_summary_row(rs, "Given name", p.given_name);
	ui_summary_row(rs, "Family name", p.family_name);
	ui_summary_row(rs, "Known as", p.known_as);
	ui_summary_row(rs, "Date of birth", ui_date(rq, p.date_of_birth));
	ui_summary_end(rs);
	struct person_case *cases;
	size_t n = person_cases(rq->db, &rq->actor, id, rq->arena, &cases);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Cases</h2>\n<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<li><a class=\"govuk-link\" href=\"/cases/%I\">%h</a> — %h (%h)</li>\n", cases[i].case_id, cases[i].reference,
			vocab_label(vocab_person_role, cases[i].role), vocab_label(vocab_case_status, cases[i].status));
	if (!n) html_printf(rs, "<li>Not on any case you can see.</li>\n");
	html_printf(rs, "</ul>\n");

	struct person_match *m;
	size_t nd = person_find_duplicates(rq->db, &rq->actor, &p, id, rq->arena, &m);
	if (nd) {
		html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"merge\">Possible duplicates</h2>\n");
		if (rq->actor.roles & ROLE_TEAM_LEADER)
			html_printf(rs, "<p class=\"govuk-body\">Merging moves every case, referral and intervention of the other record to "
				"this one. It is recorded in the audit trail.</p>\n");
		html_printf(rs, "<ul class=\"govuk-list\">\n");
		for (size_t i = 0; i < nd; i++) {
			html_printf(rs, "<li><a class=\"govuk-link\" href=\"/people/%I\">%h</a>%r%h — %h", m[i].person.id,
				person_display_name(rq->arena, &m[i].person), *m[i].person.date_of_birth ? ", born " : "",
				ui_date(rq, m[i].person.date_of_birth), m[i].why);
			if (rq->actor.roles & ROLE_TEAM_LEADER) {
				html_printf(rs, " <form method=\"post\" action=\"/people/%I/merge\" class=\"ng-inline-form\">", id);
				layout_csrf_field(rq, rs);
				html_printf(rs, "<input type=\"hidden\" name=\"merge_id\" value=\"%I\">"
					"<button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
					"Merge into this record<span class=\"govuk-visually-hidden\">: %h</span></button></form>", m[i].person.id,
					person_display_name(rq->arena, &m[i].person));
			}
			html_printf(rs, "</li>\n");
		}
		html_printf(rs, "</ul>\n");
	}
	layout_end(rq, rs);
}

void page_person(struct request *rq, struct response *rs)
{
	render(rq, rs, request_param_id(rq, 0), NULL);
}

void page_person_merge(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct field_errors e;
	field_errors_init(&e);
	int64_t merge_id = validate_id(&e, "merge_id", request_form(rq, "merge_id"), "the record to merge");
	int rc = merge_id > 0 ? person_merge(rq->db, &rq->actor, id, merge_id, &e) : MODEL_INVALID;
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/people/%lld", (long long)id));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	rs->status = rc == MODEL_REFUSED ? 409 : 400;
	render(rq, rs, id, e.count ? e.items[0].message : "Choose a record to merge");
}
