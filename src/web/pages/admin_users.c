/* Administration of user accounts: list, create (with a generated first password shown
 * once), disable. Administrators only (see the route table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/password.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

static void agency_options(struct request *rq, struct response *rs, int64_t selected)
{
	struct db_stmt *st = db_prepare(rq->db, "SELECT id, name FROM agency ORDER BY name");
	html_printf(rs, "<option value=\"\">Choose an agency</option>\n");
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		html_printf(rs, "<option value=\"%I\"%r>%h</option>\n", id, id == selected ? " selected" : "", db_column_text(st, 1));
	}
	db_finalize(st);
}

static void users_table(struct request *rq, struct response *rs)
{
	struct db_stmt *st = db_prepare(rq->db,
		"SELECT u.id, u.name, u.email, a.name, u.roles, u.disabled FROM user u JOIN agency a ON a.id=u.agency_id ORDER BY u.name");
	html_printf(rs, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">All users</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		"<th scope=\"col\" class=\"govuk-table__header\">Name</th><th scope=\"col\" class=\"govuk-table__header\">Email address</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Agency</th><th scope=\"col\" class=\"govuk-table__header\">Roles</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Status</th><th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Actions</span></th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		unsigned roles = (unsigned)db_column_int(st, 4);
		int disabled = (int)db_column_int(st, 5);
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">",
			db_column_text(st, 1), db_column_text(st, 2), db_column_text(st, 3));
		int first = 1;
		for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1)
			if (roles & r) { html_printf(rs, "%r%h", first ? "" : ", ", role_label(r)); first = 0; }
		html_printf(rs, "</td><td class=\"govuk-table__cell\"><strong class=\"govuk-tag %r\">%r</strong></td><td class=\"govuk-table__cell\">",
			disabled ? "govuk-tag--grey" : "govuk-tag--green", disabled ? "Disabled" : "Active");
		if (!disabled && id != rq->user->who.id) {
			html_printf(rs, "<form method=\"post\" action=\"/admin/users/%I/disable\">", id);
			layout_csrf_field(rq, rs);
			html_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
				"Disable<span class=\"govuk-visually-hidden\"> %h</span></button></form>", db_column_text(st, 1));
		}
		html_printf(rs, "</td></tr>\n");
	}
	db_finalize(st);
	html_printf(rs, "</tbody>\n</table>\n");
}

static void render(struct request *rq, struct response *rs, const struct form_error *errors, int n,
	const char *notice_html_safe_password)
{
	audit_record(rq->db, &rq->actor, "user.list", "user", NULL, NULL, NULL);
	const char *email = n ? request_form(rq, "email") : NULL, *name = n ? request_form(rq, "name") : NULL;
	const char *agency = n ? request_form(rq, "agency_id") : NULL;
	layout_begin(rq, rs, n ? "Error: Users" : "Users");
	form_error_summary(rs, errors, n);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Users</h1>\n");
	if (notice_html_safe_password)
		html_printf(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">User added</h2>"
			"<div class=\"govuk-panel__body\">Their first password is<br><strong class=\"ng-secret\">%h</strong></div></div>\n"
			"<p class=\"govuk-body\">Give it to them in person or by a secure channel. It is not shown again.</p>\n",
			notice_html_safe_password);
	users_table(rq, rs);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Add a user</h2>\n<form method=\"post\" action=\"/admin/users\" novalidate>\n");
	layout_csrf_field(rq, rs);
	form_text_input(rs, "email", "Email address", NULL, email, form_error_for(errors, n, "email"), "email", "off");
	form_text_input(rs, "name", "Full name", NULL, name, form_error_for(errors, n, "name"), "text", "off");
	const char *agency_error = form_error_for(errors, n, "agency_id");
	html_printf(rs, "<div class=\"govuk-form-group%r\"><label class=\"govuk-label\" for=\"agency_id\">Agency</label>\n",
		agency_error ? " govuk-form-group--error" : "");
	if (agency_error) html_printf(rs, "<p id=\"agency_id-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", agency_error);
	html_printf(rs, "<select class=\"govuk-select\" id=\"agency_id\" name=\"agency_id\"%r>\n", agency_error ? " aria-describedby=\"agency_id-error\"" : "");
	agency_options(rq, rs, agency ? (int64_t)strtoll(agency, NULL, 10) : 0);
	html_printf(rs, "</select></div>\n");
	const char *roles_error = form_error_for(errors, n, "roles");
	html_printf(rs, "<div class=\"govuk-form-group%r\"><fieldset class=\"govuk-fieldset\"%r>"
		"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Roles</legend>\n",
		roles_error ? " govuk-form-group--error" : "", roles_error ? " aria-describedby=\"roles-error\"" : "");
	if (roles_error) html_printf(rs, "<p id=\"roles-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", roles_error);
	html_printf(rs, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">\n");
	int first = 1;
	for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1) {
		/* the first box has id "roles" so the error summary's link lands on it */
		const char *id = first ? "roles" : arena_printf(rq->arena, "role-%s", role_name(r));
		html_printf(rs, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"%h\" name=\"roles\" type=\"checkbox\" value=\"%h\">"
			"<label class=\"govuk-label govuk-checkboxes__label\" for=\"%h\">%h</label></div>\n",
			id, role_name(r), id, role_label(r));
		first = 0;
	}
	html_printf(rs, "</div></fieldset></div>\n"
		"<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add user</button>\n</form>\n");
	layout_end(rq, rs);
}

void page_admin_users(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, 0, NULL);
}

void page_admin_users_create(struct request *rq, struct response *rs)
{
	const char *role_values[8];
	size_t nroles = request_form_all(rq, "roles", role_values, 8);
	unsigned roles = 0;
	int bad_role = 0;
	for (size_t i = 0; i < nroles; i++) {
		unsigned r = role_from_name(role_values[i]);
		if (!r) bad_role = 1;
		roles |= r;
	}
	const char *agency = request_form(rq, "agency_id");
	char *end = NULL;
	long long agency_id = agency ? strtoll(agency, &end, 10) : 0;
	if (!agency || end == agency || *end) agency_id = 0;
	char password[21];
	password_generate(password, 20);
	struct user_new nu = {request_form(rq, "email"), request_form(rq, "name"), agency_id, bad_role ? 0 : roles, password};
	struct user_errors ue;
	if (!user_add(rq->db, &rq->actor, &nu, &ue)) {
		struct form_error errors[5];
		int n = 0;
		if (ue.email) errors[n++] = (struct form_error){"email", ue.email};
		if (ue.name) errors[n++] = (struct form_error){"name", ue.name};
		if (ue.agency) errors[n++] = (struct form_error){"agency_id", ue.agency};
		if (ue.roles) errors[n++] = (struct form_error){"roles", ue.roles};
		if (ue.password) errors[n++] = (struct form_error){"email", ue.password};
		rs->status = 400;
		render(rq, rs, errors, n, NULL);
		return;
	}
	rs->status = 201;
	render(rq, rs, NULL, 0, password);
}

void page_admin_user_disable(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	if (!id || id == rq->user->who.id || user_disable(rq->db, &rq->actor, id) != 0) {
		rs->status = id == rq->user->who.id ? 409 : 404;
		return;
	}
	response_redirect(rq, rs, "/admin/users");
}
