/* GET/POST /reports/settings -- what the evaluation uses: the average void cost and the cost
 * of the service (cost-benefit), the small-number threshold, and the unit costs of the wider
 * view (POST /reports/unit-costs adds or changes one, POST /reports/unit-costs/{id}/delete
 * removes one). Administrators and team leaders. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/evaluation_settings.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

static const char *pounds(struct request *rq, int64_t pence)
{
	return arena_printf(rq->arena, "%" PRId64 ".%02d", pence / 100, (int)(pence % 100));
}

/* The outcome lines and intervention kinds a unit cost can count, as one select. */
static struct choice *basis_code_choices(struct request *rq, int *n)
{
	int64_t count = db_int(rq->db, 0, "SELECT (SELECT count(*) FROM report_outcome_group) + (SELECT count(*) FROM intervention_kind)", "");
	struct choice *c = arena_alloc(rq->arena, (size_t)(count + 1) * sizeof *c);
	struct db_stmt *st = db_prepare(rq->db, "SELECT code, 'Outcomes line: ' || label FROM report_outcome_group"
		" UNION ALL SELECT code, 'Intervention: ' || label FROM intervention_kind ORDER BY 2");
	int i = 0;
	while (i < count && db_step(st) == DB_ROW) {
		c[i].value = arena_strdup(rq->arena, db_column_text(st, 0));
		c[i].label = arena_strdup(rq->arena, db_column_text(st, 1));
		i++;
	}
	db_finalize(st);
	*n = i;
	return c;
}

static void unit_cost_form(struct request *rq, struct response *rs, const struct unit_cost *u, const struct page_errors *pe,
	const char *prefix)
{
	struct choice bases[5];
	for (int i = 0; unit_cost_bases[i]; i++) bases[i] = (struct choice){unit_cost_bases[i], unit_cost_basis_label(unit_cost_bases[i])};
	int ncodes;
	struct choice *codes = basis_code_choices(rq, &ncodes);
	html_printf(rs, "<form method=\"post\" action=\"/reports/unit-costs\" novalidate>\n");
	layout_csrf_field(rq, rs);
	if (u) html_printf(rs, "<input type=\"hidden\" name=\"id\" value=\"%I\">\n", u->id);
	const char *id = arena_printf(rq->arena, "%slabel", prefix);
	ui_text(rs, id, "label", "Name", NULL, page_value(rq, pe, prefix, "label", u ? u->label : ""), page_error(pe, id), NULL);
	id = arena_printf(rq->arena, "%sbasis", prefix);
	ui_select(rs, id, "basis", "Applied to", bases, 5, page_value(rq, pe, prefix, "basis", u ? u->basis : NULL), page_error(pe, id), NULL);
	id = arena_printf(rq->arena, "%sbasis_code", prefix);
	ui_select(rs, id, "basis_code", "Outcomes line or intervention (when applied to one)", codes, ncodes,
		page_value(rq, pe, prefix, "basis_code", u ? u->basis_code : NULL), page_error(pe, id), "Not needed");
	id = arena_printf(rq->arena, "%samount", prefix);
	ui_text(rs, id, "amount", "Unit cost in pounds", "0 leaves the line out of the total",
		page_value(rq, pe, prefix, "amount", u ? pounds(rq, u->amount_pence) : ""), page_error(pe, id), "govuk-input--width-10");
	id = arena_printf(rq->arena, "%sassumption", prefix);
	ui_textarea(rs, id, "assumption", "Assumption", "Where the figure comes from and what it stands for; printed in the report.",
		page_value(rq, pe, prefix, "assumption", u ? u->assumption : ""), page_error(pe, id), 3);
	ui_button(rs, u ? "Save this unit cost" : "Add the unit cost", "govuk-button--secondary");
	html_printf(rs, "</form>\n");
	if (u) {
		html_printf(rs, "<form method=\"post\" action=\"/reports/unit-costs/%I/delete\">", u->id);
		layout_csrf_field(rq, rs);
		html_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
			"Remove<span class=\"govuk-visually-hidden\"> %h</span></button></form>\n", u->label);
	}
}

static void render(struct request *rq, struct response *rs, const struct page_errors *pe, const char *done)
{
	struct evaluation_settings s;
	evaluation_settings_load(rq->db, &s);
	layout_begin(rq, rs, pe && pe->n ? "Error: Report settings" : "Report settings");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	if (done)
		html_printf(rs, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
			"aria-labelledby=\"saved-title\" data-module=\"govuk-notification-banner\"><div class=\"govuk-notification-banner__header\">"
			"<h2 class=\"govuk-notification-banner__title\" id=\"saved-title\">Success</h2></div>"
			"<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">%h</p></div></div>\n", done);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Report settings</h1>\n<p class=\"govuk-body\">The evaluation report prints "
		"these figures beside the results they produce. Every change is recorded in the audit trail.</p>\n"
		"<h2 class=\"govuk-heading-m\">Cost-benefit and disclosure</h2>\n<form method=\"post\" action=\"/reports/settings\" novalidate>\n");
	layout_csrf_field(rq, rs);
	ui_text(rs, "void_cost", "void_cost", "Average void cost, in pounds",
		"What a void (empty) property costs on average; multiplied by the households kept in their tenancy.",
		page_value(rq, pe, "", "void_cost", pounds(rq, s.void_cost_pence)), page_error(pe, "void_cost"), "govuk-input--width-10");
	ui_text(rs, "service_cost", "service_cost", "Cost of the service, in pounds", "Over the period the report covers.",
		page_value(rq, pe, "", "service_cost", pounds(rq, s.service_cost_pence)), page_error(pe, "service_cost"), "govuk-input--width-10");
	ui_text(rs, "suppression_threshold", "suppression_threshold", "Small-number threshold",
		"Counts below it are shown as \"fewer than\" in the version for the board and the public (2 to 100).",
		page_value(rq, pe, "", "suppression_threshold", arena_printf(rq->arena, "%ld", s.suppression_threshold)),
		page_error(pe, "suppression_threshold"), "govuk-input--width-4");
	ui_button(rs, "Save", NULL);
	html_printf(rs, "</form>\n<h2 class=\"govuk-heading-m\">Unit costs of the wider cost-benefit view</h2>\n");
	struct unit_cost *u;
	size_t n = unit_cost_list(rq->db, rq->arena, &u);
	const char *editing = pe && pe->form ? pe->form : "";
	for (size_t i = 0; i < n; i++) {
		const char *prefix = arena_printf(rq->arena, "uc%" PRId64 "-", u[i].id);
		html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
			"%h: %h</span></summary><div class=\"govuk-details__text\">\n", strcmp(editing, prefix) == 0 ? " open" : "", u[i].label,
			u[i].amount_pence ? arena_printf(rq->arena, "\xC2\xA3%s %s", pounds(rq, u[i].amount_pence), unit_cost_basis_label(u[i].basis))
			                  : "not set");
		unit_cost_form(rq, rs, &u[i], pe, prefix);
		html_printf(rs, "</div></details>\n");
	}
	html_printf(rs, "<h3 class=\"govuk-heading-s\">Add a unit cost</h3>\n");
	unit_cost_form(rq, rs, NULL, pe, "new-");
	layout_end(rq, rs);
}

void page_report_settings(struct request *rq, struct response *rs)
{
	const char *done = request_query(rq, "saved") ? "The settings were saved" : NULL;
	render(rq, rs, NULL, done);
}

void page_report_settings_save(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	int rc = evaluation_settings_save(rq->db, &rq->actor, request_form(rq, "void_cost"), request_form(rq, "service_cost"),
		request_form(rq, "suppression_threshold"), &e);
	if (rc == MODEL_FORBIDDEN) { rs->status = 403; return; }
	if (rc != MODEL_OK) {
		struct page_errors pe;
		page_errors_from(rq, &pe, &e, "", "void_cost");
		rs->status = 400;
		render(rq, rs, &pe, NULL);
		return;
	}
	response_redirect(rq, rs, "/reports/settings?saved=1");
}

void page_report_unit_cost_save(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	const char *id = request_form(rq, "id");
	int rc = unit_cost_save(rq->db, &rq->actor, id, request_form(rq, "label"), request_form(rq, "basis"),
		request_form(rq, "basis_code"), request_form(rq, "amount"), request_form(rq, "assumption"), &e, NULL);
	if (rc == MODEL_FORBIDDEN || rc == MODEL_NOT_FOUND) { rs->status = rc == MODEL_FORBIDDEN ? 403 : 404; return; }
	if (rc != MODEL_OK) {
		struct page_errors pe;
		const char *prefix = id && *id ? arena_printf(rq->arena, "uc%s-", id) : "new-";
		page_errors_from(rq, &pe, &e, prefix, arena_printf(rq->arena, "%slabel", prefix));
		rs->status = 400;
		render(rq, rs, &pe, NULL);
		return;
	}
	response_redirect(rq, rs, "/reports/settings?saved=1");
}

/* Removing a unit cost that is already gone is not an error: the result is the same. */
void page_report_unit_cost_delete(struct request *rq, struct response *rs)
{
	int rc = unit_cost_delete(rq->db, &rq->actor, request_param_id(rq, 0));
	if (rc == MODEL_FORBIDDEN) { rs->status = 403; return; }
	response_redirect(rq, rs, "/reports/settings?saved=1");
}
