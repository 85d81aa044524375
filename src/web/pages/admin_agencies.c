/* Administration of agencies: list and add. Administrators only. */
#include "db/db.h"
#include "model/agency.h"
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

static void render(struct request *rq, struct response *rs, const char *error)
{
	audit_record(rq->db, &rq->actor, "agency.list", "agency", NULL, NULL, NULL);
	layout_begin(rq, rs, error ? "Error: Agencies" : "Agencies");
	struct form_error fe = {"name", error};
	form_error_summary(rs, &fe, error ? 1 : 0);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Agencies</h1>\n<table class=\"govuk-table\">\n"
		"<caption class=\"govuk-table__caption govuk-table__caption--m\">Agencies in the partnership</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Kind</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Active users</th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	struct db_stmt *st = db_prepare(rq->db, "SELECT a.name, a.kind, (SELECT count(*) FROM user u WHERE u.agency_id=a.id AND u.disabled=0)"
		" FROM agency a ORDER BY a.name");
	while (db_step(st) == DB_ROW)
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell govuk-table__cell--numeric\">%I</td></tr>\n",
			db_column_text(st, 0), agency_kind_label(db_column_text(st, 1)), db_column_int(st, 2));
	db_finalize(st);
	html_printf(rs, "</tbody>\n</table>\n<h2 class=\"govuk-heading-m\">Add an agency</h2>\n<form method=\"post\" action=\"/admin/agencies\" novalidate>\n");
	layout_csrf_field(rq, rs);
	form_text_input(rs, "name", "Name", NULL, error ? request_form(rq, "name") : NULL, error, "text", "off");
	html_printf(rs, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"kind\">Kind of agency</label>\n"
		"<select class=\"govuk-select\" id=\"kind\" name=\"kind\">\n");
	for (int i = 0; agency_kinds[i]; i++)
		html_printf(rs, "<option value=\"%h\">%h</option>\n", agency_kinds[i], agency_kind_label(agency_kinds[i]));
	html_printf(rs, "</select></div>\n<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add agency</button>\n</form>\n");
	layout_end(rq, rs);
}

void page_admin_agencies(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL);
}

void page_admin_agencies_create(struct request *rq, struct response *rs)
{
	const char *error = NULL;
	if (!agency_add(rq->db, &rq->actor, request_form(rq, "name"), request_form(rq, "kind"), &error)) {
		rs->status = 400;
		render(rq, rs, error);
		return;
	}
	response_redirect(rq, rs, "/admin/agencies");
}
