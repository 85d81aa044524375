/* GET /cases/{id} — one case: summary, people, properties, types, risk, interventions, tasks,
 * notes and closure, each section with its form. The POST handlers (case_actions.c) re-render
 * this page with the errors of the form that failed, so every form keeps what was typed. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/case.h"
#include "model/case_note.h"
#include "model/intervention.h"
#include "model/task.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"
#include "web/pages/governance_pages.h"

struct view {
	struct request *rq;
	struct response *rs;
	const struct case_file *c;
	const struct page_errors *pe;
	int writable;           /* may change it now (not closed) */
	int is_leader;
};

/* "<prefix><name>" in the request arena: the id of an input in one section's form. */
static const char *fid(struct view *v, const char *prefix, const char *name)
{
	return arena_printf(v->rq->arena, "%s%s", prefix, name);
}

static const char *val(struct view *v, const char *prefix, const char *name)
{
	return page_value(v->rq, v->pe, prefix, name, "");
}

static const char *err(struct view *v, const char *prefix, const char *name)
{
	return page_error(v->pe, fid(v, prefix, name));
}

/* For a reader through a share: the heading of a section that was not shared, and a line
 * saying so; returns 0 then (the caller writes nothing more). */
static int section_shared(struct view *v, unsigned section, const char *anchor, const char *title)
{
	if (v->c->sections & section) return 1;
	html_printf(v->rs, "<h2 class=\"govuk-heading-m\" id=\"%h\">%h</h2>\n<p class=\"govuk-body\">This part of the case has not "
		"been shared with your agency.</p>\n", anchor, title);
	return 0;
}

static void form_open(struct view *v, const char *action)
{
	html_printf(v->rs, "<form method=\"post\" action=\"/cases/%I/%h\" novalidate>\n", v->c->id, action);
	layout_csrf_field(v->rq, v->rs);
}

static void summary(struct view *v)
{
	struct request *rq = v->rq;
	const struct case_file *c = v->c;
	ui_summary_begin(v->rs);
	ui_summary_row(v->rs, "Opened", ui_date(rq, c->opened_on));
	ui_summary_row(v->rs, "Referred by", c->referring_agency_name);
	ui_summary_row(v->rs, "Worker", *c->assigned_name ? c->assigned_name : "Not assigned");
	ui_summary_row(v->rs, "Ward or estate", *c->neighbourhood_name ? arena_printf(rq->arena, "%s, %s", c->neighbourhood_name,
		c->ward_name) : c->ward_name);
	ui_summary_row(v->rs, "Tenure", vocab_label(vocab_tenure, c->tenure));
	ui_summary_row(v->rs, "Owned by", c->agency_name);
	if (*c->summary) ui_summary_row(v->rs, "Summary", c->summary);
	if (strcmp(c->status, "open")) {
		ui_summary_row(v->rs, "Positively resolved", c->positively_resolved < 0 ? "" : c->positively_resolved ? "Yes" : "No");
		ui_summary_row(v->rs, "Stayed in tenancy", c->stayed_in_tenancy < 0 ? "" : c->stayed_in_tenancy ? "Yes" : "No");
		ui_summary_row(v->rs, "Moved", vocab_label(vocab_moved, c->moved));
		ui_summary_row(v->rs, "Reason for closing", c->closure_reason);
		if (c->closure_requested_by)
			ui_summary_row(v->rs, "Closure requested", arena_printf(rq->arena, "%s, %s", c->closure_requested_by_name,
				ui_time(rq, c->closure_requested_at)));
		if (c->closure_approved_by)
			ui_summary_row(v->rs, "Closure approved", arena_printf(rq->arena, "%s, %s", c->closure_approved_by_name,
				ui_time(rq, c->closure_approved_at)));
		if (*c->closed_on) ui_summary_row(v->rs, "Closed", ui_date(rq, c->closed_on));
	}
	ui_summary_end(v->rs);
	if (!(c->sections & CASE_SECTION_CHRONOLOGY)) return;
	if (c->referral_id && c->access >= ACCESS_WRITE)
		html_printf(v->rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/referrals/%I\">See the referral</a> · "
			"<a class=\"govuk-link\" href=\"/cases/%I/chronology\">Chronology (printable)</a></p>\n", c->referral_id, c->id);
	else
		html_printf(v->rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/%I/chronology\">Chronology (printable)</a></p>\n", c->id);
}

static void people(struct view *v, const struct person_match *dups, size_t n_dups)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	struct case_person_item *items;
	size_t n;
	if (!section_shared(v, CASE_SECTION_PEOPLE, "people", "People")) return;
	case_people(rq->db, &rq->actor, v->c->id, rq->arena, &items, &n);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"people\">People</h2>\n");
	if (n) {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">People on this case</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Name</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Role</th><th scope=\"col\" class=\"govuk-table__header\">Date of birth</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Other cases</th><th scope=\"col\" class=\"govuk-table__header\">"
			"<span class=\"govuk-visually-hidden\">Actions</span></th></tr></thead><tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < n; i++) {
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/people/%I\">%h</a></td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%d</td><td class=\"govuk-table__cell\">",
				items[i].person.id, person_display_name(rq->arena, &items[i].person), vocab_label(vocab_person_role, items[i].role),
				ui_date(rq, items[i].person.date_of_birth), items[i].other_cases);
			if (v->writable) {
				html_printf(rs, "<form method=\"post\" action=\"/cases/%I/people/%I/remove\">", v->c->id, items[i].link_id);
				layout_csrf_field(rq, rs);
				html_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
					"Remove<span class=\"govuk-visually-hidden\"> %h</span></button></form>", person_display_name(rq->arena, &items[i].person));
			}
			html_printf(rs, "</td></tr>\n");
		}
		html_printf(rs, "</tbody></table>\n");
	} else {
		html_printf(rs, "<p class=\"govuk-body\">No one is recorded on this case yet.</p>\n");
	}
	if (!v->writable) return;
	int nr;
	struct choice *roles = choices_from_vocab(rq, vocab_person_role, &nr);
	if (n_dups) {
		/* the names typed match existing records: use one of them, or confirm a new person */
		html_printf(rs, "<div class=\"govuk-inset-text\" id=\"person-duplicates\"><h3 class=\"govuk-heading-s\">This may be someone already recorded</h3>\n"
			"<ul class=\"govuk-list\">\n");
		for (size_t i = 0; i < n_dups; i++) {
			html_printf(rs, "<li><form method=\"post\" action=\"/cases/%I/people\" class=\"ng-inline-form\">", v->c->id);
			layout_csrf_field(rq, rs);
			html_printf(rs, "<input type=\"hidden\" name=\"person_id\" value=\"%I\"><input type=\"hidden\" name=\"role\" value=\"%h\">"
				"<a class=\"govuk-link\" href=\"/people/%I\">%h</a>%r%h — %h "
				"<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
				"Add this person<span class=\"govuk-visually-hidden\"> (%h)</span></button></form></li>\n",
				dups[i].person.id, val(v, "person-", "role"), dups[i].person.id, person_display_name(rq->arena, &dups[i].person),
				*dups[i].person.date_of_birth ? ", born " : "", ui_date(rq, dups[i].person.date_of_birth), dups[i].why,
				person_display_name(rq->arena, &dups[i].person));
		}
		html_printf(rs, "</ul></div>\n");
	}
	const char *open_html = (v->pe && !strcmp(v->pe->form, "person-")) || n_dups ? " open" : "";
	html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
		"Add a person</span></summary><div class=\"govuk-details__text\">\n", open_html);
	form_open(v, "people");
	ui_text(rs, "person-given_name", "given_name", "Given name", NULL, val(v, "person-", "given_name"), err(v, "person-", "given_name"), NULL);
	ui_text(rs, "person-family_name", "family_name", "Family name", NULL, val(v, "person-", "family_name"), err(v, "person-", "family_name"), NULL);
	ui_text(rs, "person-known_as", "known_as", "Known as (optional)", NULL, val(v, "person-", "known_as"), err(v, "person-", "known_as"), NULL);
	ui_text(rs, "person-date_of_birth", "date_of_birth", "Date of birth (optional)", "For example, 2/4/1961",
		val(v, "person-", "date_of_birth"), err(v, "person-", "date_of_birth"), "govuk-input--width-10");
	ui_select(rs, "person-role", "role", "Role on this case", roles, nr, val(v, "person-", "role"), err(v, "person-", "role"), "Choose a role");
	if (n_dups) html_printf(rs, "<input type=\"hidden\" name=\"confirm_new\" value=\"1\">\n");
	ui_button(rs, n_dups ? "None of these: add as a new person" : "Add person", "govuk-button--secondary");
	html_printf(rs, "</form></div></details>\n");
}

static void properties(struct view *v)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	struct case_property_item *items;
	size_t n;
	if (!section_shared(v, CASE_SECTION_PROPERTY, "properties", "Properties")) return;
	case_properties(rq->db, &rq->actor, v->c->id, rq->arena, &items, &n);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"properties\">Properties</h2>\n<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<li><a class=\"govuk-link\" href=\"/properties/%I\">%h</a> — %h%r</li>\n", items[i].property.id,
			property_one_line(rq->arena, &items[i].property), vocab_label(vocab_tenure, items[i].property.tenure),
			items[i].other_cases ? " <strong class=\"govuk-tag govuk-tag--yellow\">in other cases too</strong>" : "");
	if (!n) html_printf(rs, "<li>No property recorded yet.</li>\n");
	html_printf(rs, "</ul>\n");
	if (!v->writable) return;
	int nt;
	struct choice *tenures = choices_from_vocab(rq, vocab_tenure, &nt);
	html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
		"Add a property</span></summary><div class=\"govuk-details__text\">\n", v->pe && !strcmp(v->pe->form, "property-") ? " open" : "");
	form_open(v, "properties");
	ui_text(rs, "property-address_line1", "address_line1", "Address line 1", NULL, val(v, "property-", "address_line1"), err(v, "property-", "address_line1"), NULL);
	ui_text(rs, "property-address_line2", "address_line2", "Address line 2 (optional)", NULL, val(v, "property-", "address_line2"), err(v, "property-", "address_line2"), NULL);
	ui_text(rs, "property-town", "town", "Town (optional)", NULL, val(v, "property-", "town"), err(v, "property-", "town"), NULL);
	ui_text(rs, "property-postcode", "postcode", "Postcode", NULL, val(v, "property-", "postcode"), err(v, "property-", "postcode"), "govuk-input--width-10");
	ui_text(rs, "property-uprn", "uprn", "UPRN (optional)", NULL, val(v, "property-", "uprn"), err(v, "property-", "uprn"), "govuk-input--width-20");
	ui_select(rs, "property-tenure", "tenure", "Tenure", tenures, nt, val(v, "property-", "tenure"), err(v, "property-", "tenure"), NULL);
	ui_button(rs, "Add property", "govuk-button--secondary");
	html_printf(rs, "</form></div></details>\n");
}

static void types_and_risk(struct view *v)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	struct case_type_item *chosen, *all;
	size_t n_chosen, n_all = case_type_choices(rq->db, rq->arena, &all);
	case_types(rq->db, &rq->actor, v->c->id, rq->arena, &chosen, &n_chosen);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"types\">Exploitation</h2>\n");
	if (!v->writable) {
		html_printf(rs, "<ul class=\"govuk-list\">");
		for (size_t i = 0; i < n_chosen; i++) html_printf(rs, "<li>%h</li>", chosen[i].label);
		html_printf(rs, "</ul>\n");
	} else {
		struct choice *c = arena_alloc(rq->arena, (n_all ? n_all : 1) * sizeof *c);
		for (size_t i = 0; i < n_all; i++) c[i] = (struct choice){arena_printf(rq->arena, "%lld", (long long)all[i].id), all[i].label};
		const char **sel = arena_alloc(rq->arena, (n_chosen + 16) * sizeof *sel);
		int ns = 0;
		if (v->pe && !strcmp(v->pe->form, "types-")) ns = (int)request_form_all(rq, "type_ids", sel, 16);
		else for (size_t i = 0; i < n_chosen; i++) sel[ns++] = arena_printf(rq->arena, "%lld", (long long)chosen[i].id);
		form_open(v, "types");
		ui_checkboxes(rs, "types-type_ids", "type_ids", "Types of exploitation", "Select all that apply", c, (int)n_all, sel, ns,
			err(v, "types-", "type_ids"));
		ui_button(rs, "Save types", "govuk-button--secondary");
		html_printf(rs, "</form>\n");
	}

	struct case_risk_item *risks;
	size_t nr;
	if (!section_shared(v, CASE_SECTION_RISK, "risk", "Risk")) return;
	case_risks(rq->db, &rq->actor, v->c->id, rq->arena, &risks, &nr);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"risk\">Risk</h2>\n<p class=\"govuk-body\">");
	ui_risk_tag(rs, v->c->risk_level);
	html_printf(rs, "</p>\n");
	if (nr) {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Risk history</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">When</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Level</th><th scope=\"col\" class=\"govuk-table__header\">Reason</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">By</th></tr></thead><tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < nr; i++)
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td></tr>\n", ui_time(rq, risks[i].assessed_at),
				vocab_label(vocab_risk, risks[i].level), risks[i].reason, risks[i].assessed_by_name);
		html_printf(rs, "</tbody></table>\n");
	}
	if (!v->writable) return;
	int nl;
	struct choice *levels = choices_from_vocab(rq, vocab_risk, &nl);
	form_open(v, "risk");
	ui_radios(rs, "risk-level", "level", "Risk level now", NULL, levels, nl, val(v, "risk-", "level"), err(v, "risk-", "level"), 1);
	ui_textarea(rs, "risk-reason", "reason", "Why", NULL, val(v, "risk-", "reason"), err(v, "risk-", "reason"), 3);
	ui_button(rs, "Record risk review", "govuk-button--secondary");
	html_printf(rs, "</form>\n");

	struct case_worker *workers;
	size_t nw = case_worker_choices(rq->db, v->c->agency_id, rq->arena, &workers);
	struct choice *wc = arena_alloc(rq->arena, (nw ? nw : 1) * sizeof *wc);
	for (size_t i = 0; i < nw; i++) wc[i] = (struct choice){arena_printf(rq->arena, "%lld", (long long)workers[i].id), workers[i].name};
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"assignment\">Worker</h2>\n");
	form_open(v, "assignment");
	ui_select(rs, "assign-user_id", "user_id", "Assigned to", wc, (int)nw,
		v->pe && !strcmp(v->pe->form, "assign-") ? val(v, "assign-", "user_id") : arena_printf(rq->arena, "%lld", (long long)v->c->assigned_user_id),
		err(v, "assign-", "user_id"), "Not assigned");
	ui_button(rs, "Assign", "govuk-button--secondary");
	html_printf(rs, "</form>\n");
}

static void interventions(struct view *v)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	struct intervention *items;
	size_t n;
	if (!section_shared(v, CASE_SECTION_INTERVENTIONS, "interventions", "Interventions and outcomes")) return;
	intervention_list(rq->db, &rq->actor, v->c->id, rq->arena, &items, &n);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"interventions\">Interventions and outcomes</h2>\n");
	if (n) {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Interventions and outcomes</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Date</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">What</th><th scope=\"col\" class=\"govuk-table__header\">Who it concerns</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Details</th></tr></thead><tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < n; i++)
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td></tr>\n", ui_date(rq, items[i].occurred_on),
				items[i].kind_label, items[i].person_name, items[i].details);
		html_printf(rs, "</tbody></table>\n");
	}
	if (!v->writable) return;
	struct intervention_kind_item *kinds;
	size_t nk = intervention_kinds(rq->db, rq->arena, &kinds);
	struct choice *kc = arena_alloc(rq->arena, (nk ? nk : 1) * sizeof *kc);
	for (size_t i = 0; i < nk; i++) kc[i] = (struct choice){kinds[i].code, kinds[i].label};
	struct case_person_item *people;
	size_t np;
	case_people(rq->db, &rq->actor, v->c->id, rq->arena, &people, &np);
	struct choice *pc = arena_alloc(rq->arena, (np ? np : 1) * sizeof *pc);
	for (size_t i = 0; i < np; i++)
		pc[i] = (struct choice){arena_printf(rq->arena, "%lld", (long long)people[i].person.id), person_display_name(rq->arena, &people[i].person)};
	html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
		"Record an intervention or outcome</span></summary><div class=\"govuk-details__text\">\n",
		v->pe && !strcmp(v->pe->form, "intervention-") ? " open" : "");
	form_open(v, "interventions");
	ui_select(rs, "intervention-kind", "kind", "What was done or happened", kc, (int)nk, val(v, "intervention-", "kind"),
		err(v, "intervention-", "kind"), "Choose one");
	ui_text(rs, "intervention-occurred_on", "occurred_on", "Date", "For example, 27/3/2026", val(v, "intervention-", "occurred_on"),
		err(v, "intervention-", "occurred_on"), "govuk-input--width-10");
	ui_select(rs, "intervention-person_id", "person_id", "Who it concerns (optional)", pc, (int)np, val(v, "intervention-", "person_id"),
		err(v, "intervention-", "person_id"), "The whole case");
	ui_textarea(rs, "intervention-details", "details", "Details (optional)", NULL, val(v, "intervention-", "details"),
		err(v, "intervention-", "details"), 3);
	ui_special_category_select(rq, rs, "intervention-special_category", "Does it hold special-category details? (optional)",
		val(v, "intervention-", "special_category"), err(v, "intervention-", "special_category"));
	ui_button(rs, "Record", "govuk-button--secondary");
	html_printf(rs, "</form></div></details>\n");
}

static void tasks(struct view *v)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	struct task *items;
	size_t n;
	if (!section_shared(v, CASE_SECTION_TASKS, "tasks", "Tasks")) return;
	task_list_for_case(rq->db, &rq->actor, v->c->id, rq->arena, &items, &n);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"tasks\">Tasks</h2>\n");
	if (n) {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Tasks</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Task</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">For</th><th scope=\"col\" class=\"govuk-table__header\">Due</th>"
			"<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Status</span></th></tr></thead><tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < n; i++) {
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">", items[i].title, items[i].owner_name, ui_date(rq, items[i].due_on));
			if (items[i].done) html_printf(rs, "<strong class=\"govuk-tag govuk-tag--green\">Done</strong>");
			else {
				if (items[i].overdue) html_printf(rs, "<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong> ");
				if (v->writable) {
					html_printf(rs, "<form method=\"post\" action=\"/tasks/%I/done\" class=\"ng-inline-form\">", items[i].id);
					layout_csrf_field(rq, rs);
					html_printf(rs, "<input type=\"hidden\" name=\"back\" value=\"case\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
						"Mark done<span class=\"govuk-visually-hidden\">: %h</span></button></form>", items[i].title);
				}
			}
			html_printf(rs, "</td></tr>\n");
		}
		html_printf(rs, "</tbody></table>\n");
	}
	if (!v->writable) return;
	struct case_worker *workers;
	size_t nw = case_worker_choices(rq->db, v->c->agency_id, rq->arena, &workers);
	struct choice *wc = arena_alloc(rq->arena, (nw ? nw : 1) * sizeof *wc);
	for (size_t i = 0; i < nw; i++) wc[i] = (struct choice){arena_printf(rq->arena, "%lld", (long long)workers[i].id), workers[i].name};
	html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
		"Add a task</span></summary><div class=\"govuk-details__text\">\n", v->pe && !strcmp(v->pe->form, "task-") ? " open" : "");
	form_open(v, "tasks");
	ui_text(rs, "task-title", "title", "What needs doing", NULL, val(v, "task-", "title"), err(v, "task-", "title"), NULL);
	ui_select(rs, "task-owner_user_id", "owner_user_id", "Who will do it", wc, (int)nw, val(v, "task-", "owner_user_id"),
		err(v, "task-", "owner_user_id"), "Me");
	ui_text(rs, "task-due_on", "due_on", "Due date", "For example, 27/3/2026", val(v, "task-", "due_on"), err(v, "task-", "due_on"),
		"govuk-input--width-10");
	ui_button(rs, "Add task", "govuk-button--secondary");
	html_printf(rs, "</form></div></details>\n");
}

static void notes(struct view *v)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	if (!section_shared(v, CASE_SECTION_NOTES, "notes", "Notes")) return;
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"notes\">Notes</h2>\n");
	if (v->writable) {
		form_open(v, "notes");
		ui_textarea(rs, "note-body", "body", "Add a note", NULL, val(v, "note-", "body"), err(v, "note-", "body"), 4);
		ui_special_category_select(rq, rs, "note-special_category", "Does the note hold special-category details? (optional)",
			val(v, "note-", "special_category"), err(v, "note-", "special_category"));
		ui_button(rs, "Add note", "govuk-button--secondary");
		html_printf(rs, "</form>\n");
	}
	struct case_note *items;
	size_t n;
	case_note_list(rq->db, &rq->actor, v->c->id, rq->arena, &items, &n);
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<div class=\"ng-note\"><p class=\"govuk-body-s govuk-!-margin-bottom-1\"><strong>%h</strong>, %h%r</p>"
			"<p class=\"govuk-body ng-pre\">%h</p></div>\n", items[i].author_name, ui_time(rq, items[i].created_at),
			*items[i].special_category ? " <strong class=\"govuk-tag govuk-tag--purple\">Special category</strong>" : "",
			items[i].withheld ? "Withheld: this note holds special-category details your role or the share does not cover." : items[i].body);
}

static void closure(struct view *v)
{
	struct request *rq = v->rq;
	struct response *rs = v->rs;
	const struct case_file *c = v->c;
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"closure\">Closing the case</h2>\n");
	if (!strcmp(c->status, "closed")) {
		form_open(v, "reopen");
		ui_textarea(rs, "reopen-reason", "reason", "Reason for reopening", NULL, val(v, "reopen-", "reason"), err(v, "reopen-", "reason"), 3);
		ui_button(rs, "Reopen case", "govuk-button--secondary");
		html_printf(rs, "</form>\n");
		return;
	}
	if (!strcmp(c->status, "closure_requested")) {
		html_printf(rs, "<p class=\"govuk-body\">Closure was requested by %h. A team leader who did not request it approves it.</p>\n",
			c->closure_requested_by_name);
		if (v->is_leader && c->closure_requested_by != rq->actor.user_id) {
			form_open(v, "closure-approval");
			ui_button(rs, "Approve closure", NULL);
			html_printf(rs, "</form>\n");
		}
		if (v->is_leader) {
			form_open(v, "closure-decline");
			ui_textarea(rs, "decline-reason", "reason", "Or keep the case open, because", NULL, val(v, "decline-", "reason"),
				err(v, "decline-", "reason"), 3);
			ui_button(rs, "Keep case open", "govuk-button--secondary");
			html_printf(rs, "</form>\n");
		}
		return;
	}
	static const struct choice yes_no[] = {{"yes", "Yes"}, {"no", "No"}};
	int nm;
	struct choice *moves = choices_from_vocab(rq, vocab_moved, &nm);
	html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
		"Request closure</span></summary><div class=\"govuk-details__text\">\n", v->pe && !strcmp(v->pe->form, "closure-") ? " open" : "");
	form_open(v, "closure-request");
	ui_radios(rs, "closure-positively_resolved", "positively_resolved", "Was the case positively resolved?",
		"The victim is no longer experiencing exploitation", yes_no, 2, val(v, "closure-", "positively_resolved"),
		err(v, "closure-", "positively_resolved"), 1);
	ui_radios(rs, "closure-stayed_in_tenancy", "stayed_in_tenancy", "Did the household stay in its tenancy?", NULL, yes_no, 2,
		val(v, "closure-", "stayed_in_tenancy"), err(v, "closure-", "stayed_in_tenancy"), 1);
	ui_radios(rs, "closure-moved", "moved", "Did the household move?", NULL, moves, nm, val(v, "closure-", "moved"),
		err(v, "closure-", "moved"), 1);
	ui_textarea(rs, "closure-reason", "reason", "Reason for closing", NULL, val(v, "closure-", "reason"), err(v, "closure-", "reason"), 3);
	ui_button(rs, "Request closure", "govuk-button--secondary");
	html_printf(rs, "</form></div></details>\n");
}

void case_page_render(struct request *rq, struct response *rs, int64_t id, const struct page_errors *pe,
	const struct person_match *dups, size_t n_dups)
{
	struct case_file c;
	if (case_get(rq->db, &rq->actor, id, rq->arena, &c) != MODEL_OK) {
		buf_reset(&rs->body);
		rs->status = 404;
		return;
	}
	struct view v = {rq, rs, &c, pe, c.access >= ACCESS_WRITE && strcmp(c.status, "closed") != 0,
		(rq->actor.roles & ROLE_TEAM_LEADER) != 0 && c.access >= ACCESS_WRITE};
	const char *title = arena_printf(rq->arena, "%sCase %s", pe && pe->n ? "Error: " : "", c.reference);
	layout_begin(rq, rs, title);
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<span class=\"govuk-caption-l\">Case</span><h1 class=\"govuk-heading-l\">%h ", c.reference);
	ui_status_tag(rs, c.status);
	html_printf(rs, " ");
	ui_risk_tag(rs, c.risk_level);
	html_printf(rs, "</h1>\n");
	summary(&v);
	people(&v, dups, n_dups);
	properties(&v);
	types_and_risk(&v);
	interventions(&v);
	tasks(&v);
	notes(&v);
	if (c.access >= ACCESS_WRITE) closure(&v);
	case_shares_section(rq, rs, &c, pe);
	layout_end(rq, rs);
}

void page_case(struct request *rq, struct response *rs)
{
	case_page_render(rq, rs, request_param_id(rq, 0), NULL, NULL, 0);
}
