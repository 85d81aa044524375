/* GET /admin/retention — retention rules (administrators change them), the review queue of
 * records past their period (team leaders see their agency's), holds, and the purge button
 * (administrators). POST /admin/retention/rules, /admin/retention/hold, /admin/retention/purge. */
#include <stdio.h>
#include <string.h>
#include "model/retention.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/governance_pages.h"

static const struct choice action_choices[] = {{"anonymise", "Anonymise (keep the statistics)"}, {"delete", "Delete"}};

static void rules_section(struct request *rq, struct response *rs, int admin, const struct page_errors *pe)
{
	struct retention_rule *r;
	size_t n = retention_rules(rq->db, rq->arena, &r);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"rules\">Retention periods</h2>\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "<h3 class=\"govuk-heading-s\">%h</h3>\n", r[i].label);
		if (!admin) {
			html_printf(rs, "<p class=\"govuk-body\">%d months, then %h.</p>\n", r[i].months,
				!strcmp(r[i].action, "delete") ? "deleted" : "anonymised");
			continue;
		}
		const char *prefix = arena_printf(rq->arena, "%s-", r[i].record_type);
		int mine = pe && pe->form && !strcmp(pe->form, prefix);
		html_printf(rs, "<form method=\"post\" action=\"/admin/retention/rules\" novalidate>\n");
		layout_csrf_field(rq, rs);
		html_printf(rs, "<input type=\"hidden\" name=\"record_type\" value=\"%h\">\n", r[i].record_type);
		ui_text(rs, arena_printf(rq->arena, "%smonths", prefix), "months", "Months", NULL,
			mine ? page_value(rq, pe, prefix, "months", "") : arena_printf(rq->arena, "%d", r[i].months),
			mine ? page_error(pe, arena_printf(rq->arena, "%smonths", prefix)) : NULL, "govuk-input--width-4");
		ui_radios(rs, arena_printf(rq->arena, "%saction", prefix), "action", "Then", NULL, action_choices, 2,
			mine ? page_value(rq, pe, prefix, "action", "") : r[i].action,
			mine ? page_error(pe, arena_printf(rq->arena, "%saction", prefix)) : NULL, 1);
		ui_button(rs, arena_printf(rq->arena, "Save: %s", r[i].label), "govuk-button--secondary");
		html_printf(rs, "</form>\n");
		if (r[i].updated_at)
			html_printf(rs, "<p class=\"govuk-body-s\">Last changed by %h, %h.</p>\n", r[i].updated_by_name, ui_time(rq, r[i].updated_at));
	}
}

static void queue_section(struct request *rq, struct response *rs, int admin, const struct page_errors *pe)
{
	struct retention_item *it;
	size_t n = retention_review(rq->db, &rq->actor, NULL, rq->arena, &it);
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"queue\">Past their retention period</h2>\n");
	if (!n) {
		html_printf(rs, "<p class=\"govuk-body\">Nothing has passed its retention period.</p>\n");
		return;
	}
	html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Records past their retention period</caption>"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Record</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Clock started</th><th scope=\"col\" class=\"govuk-table__header\">Due</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Then</th><th scope=\"col\" class=\"govuk-table__header\">Keep longer</th></tr></thead>"
		"<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">",
			it[i].reference, ui_date(rq, it[i].started_on), ui_date(rq, it[i].due_on), it[i].action);
		if (*it[i].held_until) html_printf(rs, "Held until %h", ui_date(rq, it[i].held_until));
		else {
			const char *prefix = arena_printf(rq->arena, "hold-%s-%lld-", it[i].record_type, (long long)it[i].id);
			html_printf(rs, "<form method=\"post\" action=\"/admin/retention/hold\" novalidate>");
			layout_csrf_field(rq, rs);
			html_printf(rs, "<input type=\"hidden\" name=\"record_type\" value=\"%h\"><input type=\"hidden\" name=\"record_id\" value=\"%I\">",
				it[i].record_type, it[i].id);
			ui_text(rs, arena_printf(rq->arena, "%suntil_on", prefix), "until_on", "Keep until", NULL,
				page_value(rq, pe, prefix, "until_on", ""), page_error(pe, arena_printf(rq->arena, "%suntil_on", prefix)),
				"govuk-input--width-10");
			ui_text(rs, arena_printf(rq->arena, "%sreason", prefix), "reason", "Reason (no names)", NULL,
				page_value(rq, pe, prefix, "reason", ""), page_error(pe, arena_printf(rq->arena, "%sreason", prefix)), NULL);
			ui_button(rs, arena_printf(rq->arena, "Hold %s", it[i].reference), "govuk-button--secondary");
			html_printf(rs, "</form>");
		}
		html_printf(rs, "</td></tr>\n");
	}
	html_printf(rs, "</tbody></table>\n");
	if (!admin) return;
	html_printf(rs, "<form method=\"post\" action=\"/admin/retention/purge\" novalidate>\n");
	layout_csrf_field(rq, rs);
	html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
		"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Deleting and anonymising "
		"cannot be undone. Backups keep the old content until they expire (see the administrator guide).</strong></div>\n");
	ui_button(rs, "Delete or anonymise everything due and not held", "govuk-button--warning");
	html_printf(rs, "</form>\n");
}

static void render(struct request *rq, struct response *rs, const struct page_errors *pe, const char *done)
{
	int admin = (rq->actor.roles & ROLE_ADMIN) != 0;
	layout_begin(rq, rs, pe && pe->n ? "Error: Retention" : "Retention");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	if (done)
		html_printf(rs, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"done-title\" data-module=\"govuk-notification-banner\">"
			"<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"done-title\">Done</h2></div>"
			"<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">%h</p></div></div>\n", done);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Retention</h1>\n<p class=\"govuk-body\">Records are kept for the period below "
		"after the event that starts the clock, then deleted or anonymised. Anonymising keeps the statistics of a case (dates, area, "
		"types of exploitation, kinds of intervention, outcome) and removes every person, address and free text.</p>\n");
	queue_section(rq, rs, admin, pe);
	rules_section(rq, rs, admin, pe);
	layout_end(rq, rs);
}

void page_retention(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

/* Show the page again with errors of the form PREFIX, or 303 back on success. */
static void after(struct request *rq, struct response *rs, int rc, const struct field_errors *e, const char *prefix,
	const char *anchor)
{
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/admin/retention#%s", anchor));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, e, prefix, anchor);
	rs->status = 400;
	render(rq, rs, &pe, NULL);
}

void page_retention_rules_update(struct request *rq, struct response *rs)
{
	const char *type = request_form(rq, "record_type");
	struct field_errors e;
	field_errors_init(&e);
	int rc = retention_rule_set(rq->db, &rq->actor, type, request_form(rq, "months"), request_form(rq, "action"), &e);
	after(rq, rs, rc, &e, arena_printf(rq->arena, "%s-", type ? type : ""), "rules");
}

void page_retention_hold(struct request *rq, struct response *rs)
{
	const char *type = request_form(rq, "record_type"), *id_text = request_form(rq, "record_id");
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = id_text ? validate_id(&e, "record_id", id_text, "a record") : 0;
	int rc = id > 0 ? retention_hold(rq->db, &rq->actor, type, id, request_form(rq, "until_on"), request_form(rq, "reason"), &e)
		: MODEL_NOT_FOUND;
	after(rq, rs, rc, &e, arena_printf(rq->arena, "hold-%s-%lld-", type ? type : "", (long long)id), "queue");
}

void page_retention_purge(struct request *rq, struct response *rs)
{
	struct retention_result r;
	struct field_errors e;
	field_errors_init(&e);
	int rc = retention_purge(rq->db, &rq->actor, NULL, &r, &e);
	if (rc != MODEL_OK) {
		after(rq, rs, rc, &e, "purge-", "queue");
		return;
	}
	render(rq, rs, NULL, arena_printf(rq->arena, "Cases deleted: %lld; anonymised: %lld. Referrals deleted: %lld. People deleted: "
		"%lld; properties deleted: %lld. Kept by a hold: %lld.", (long long)r.cases_deleted, (long long)r.cases_anonymised,
		(long long)r.referrals_deleted, (long long)r.people_deleted, (long long)r.properties_deleted, (long long)r.held));
}
