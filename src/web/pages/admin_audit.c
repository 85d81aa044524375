/* GET /admin/audit — the access audit for team leaders and administrators: search by user,
 * person, record, action and date; alerts for unusual viewing shown first. Searching the
 * audit is itself audited. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/audit_search.h"
#include "model/validation.h"
#include "util/clock.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

/* YYYY-MM-DD (or a UK date) to Unix seconds at the start (or end) of that UTC day; 0 if empty, -1 if bad. */
static int64_t day_bound(const char *value, int end_of_day)
{
	if (!value || !*value) return 0;
	char norm[11];
	if (date_normalise(value, norm) != 0) return -1;
	struct tm tm = {0};
	tm.tm_year = atoi(norm) - 1900;
	tm.tm_mon = atoi(norm + 5) - 1;
	tm.tm_mday = atoi(norm + 8);
	return (int64_t)timegm(&tm) + (end_of_day ? 86399 : 0);
}

static void user_options(struct request *rq, struct response *rs, int64_t selected)
{
	html_printf(rs, "<option value=\"\">Anyone</option>\n");
	struct db_stmt *st = db_prepare(rq->db, "SELECT id, name FROM user ORDER BY name");
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		html_printf(rs, "<option value=\"%I\"%r>%h</option>\n", id, id == selected ? " selected" : "", db_column_text(st, 1));
	}
	db_finalize(st);
}

static void filter_input(struct response *rs, const char *name, const char *label, const char *value, const char *error)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\"><label class=\"govuk-label\" for=\"%h\">%h</label>",
		error ? " govuk-form-group--error" : "", name, label);
	if (error) html_printf(rs, "<p id=\"%h-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>", name, error);
	html_printf(rs, "<input class=\"govuk-input govuk-input--width-10%r\" id=\"%h\" name=\"%h\" type=\"text\" value=\"%h\"",
		error ? " govuk-input--error" : "", name, name, value ? value : "");
	if (error) html_printf(rs, " aria-describedby=\"%h-error\"", name);
	html_printf(rs, "></div>\n");
}

static void alerts(struct request *rq, struct response *rs)
{
	struct audit_filter f = {0};
	f.action = "alert.";
	f.from = clock_now() - 7 * 86400;
	f.limit = 20;
	struct audit_entry *rows;
	int more;
	size_t n = audit_search(rq->db, rq->arena, &f, &rows, &more, NULL);
	if (!n) return;
	html_printf(rs, "<div class=\"govuk-notification-banner\" role=\"region\" aria-labelledby=\"alerts-title\" data-module=\"govuk-notification-banner\">"
		"<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"alerts-title\">Alerts in the last 7 days</h2></div>"
		"<div class=\"govuk-notification-banner__content\"><ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < n; i++) {
		char when[32];
		clock_format_iso(rows[i].at, when, sizeof when);
		html_printf(rs, "<li><strong>%h</strong> (user %I): %h — %h</li>\n", rows[i].user_name[0] ? rows[i].user_name : "unknown user",
			rows[i].user_id, rows[i].detail, when);
	}
	html_printf(rs, "</ul></div></div>\n");
}

void page_admin_audit(struct request *rq, struct response *rs)
{
	struct audit_filter f = {0};
	const char *user = request_query(rq, "user"), *person = request_query(rq, "person");
	const char *from = request_query(rq, "from"), *to = request_query(rq, "to"), *before = request_query(rq, "before");
	f.user_id = user ? strtoll(user, NULL, 10) : 0;
	f.action = request_query(rq, "action");
	f.record_type = request_query(rq, "record_type");
	f.record_id = request_query(rq, "record_id");
	if (person && *person) { f.record_type = "person"; f.record_id = person; }
	/* "C-A": the oldest row shown so far of the change log and of the access log */
	char *end = NULL;
	if (before) {
		f.before[AUDIT_CHANGES] = strtoll(before, &end, 10);
		if (*end == '-') f.before[AUDIT_ACCESSES] = strtoll(end + 1, &end, 10);
		if (*end || f.before[AUDIT_CHANGES] < 0 || f.before[AUDIT_ACCESSES] < 0)
			f.before[AUDIT_CHANGES] = f.before[AUDIT_ACCESSES] = 0;
	}
	f.limit = 50;
	f.from = day_bound(from, 0);
	f.to = day_bound(to, 1);
	const char *date_error = f.from < 0 || f.to < 0 ? "Enter dates like 2026-11-26 or 26/11/2026" : NULL;
	if (date_error) { f.from = f.to = 0; rs->status = 400; }

	audit_record(rq->db, &rq->actor, "audit.search", "audit", NULL, NULL, NULL);
	layout_begin(rq, rs, date_error ? "Error: Audit" : "Audit");
	struct form_error fe = {"from", date_error};
	form_error_summary(rs, &fe, date_error ? 1 : 0);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Audit</h1>\n<p class=\"govuk-body\">Who collected, changed, looked at, "
		"shared, merged or erased what, and when (section 62 of the Data Protection Act 2018).</p>\n");
	alerts(rq, rs);
	html_printf(rs, "<form method=\"get\" action=\"/admin/audit\" class=\"ng-filters\">\n"
		"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"user\">User</label><select class=\"govuk-select\" id=\"user\" name=\"user\">\n");
	user_options(rq, rs, f.user_id);
	html_printf(rs, "</select></div>\n");
	filter_input(rs, "person", "Person id", person, NULL);
	filter_input(rs, "record_type", "Record type (case, person, user ...)", person && *person ? "" : f.record_type, NULL);
	filter_input(rs, "record_id", "Record id", person && *person ? "" : f.record_id, NULL);
	filter_input(rs, "action", "Action (e.g. case.view, or case. for all)", f.action, NULL);
	filter_input(rs, "from", "From date", from, date_error);
	filter_input(rs, "to", "To date", to, NULL);
	html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Search</button>\n</form>\n");

	struct audit_entry *rows;
	int more;
	int64_t next[2];
	size_t n = audit_search(rq->db, rq->arena, &f, &rows, &more, next);
	html_printf(rs, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">%z matching entr%r%r</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		"<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th><th scope=\"col\" class=\"govuk-table__header\">User</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Action</th><th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Record</th><th scope=\"col\" class=\"govuk-table__header\">From</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Purpose and detail</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n",
		n, n == 1 ? "y" : "ies", more ? " (newest first; more below)" : "");
	for (size_t i = 0; i < n; i++) {
		char when[32];
		clock_format_iso(rows[i].at, when, sizeof when);
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h %h</td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h%r%h</td></tr>\n",
			when, rows[i].user_id ? rows[i].user_name : "system or signed out", rows[i].action,
			audit_action_category(rows[i].action), rows[i].record_type, rows[i].record_id, rows[i].client,
			rows[i].purpose, rows[i].purpose[0] && rows[i].detail[0] ? " — " : "", rows[i].detail);
	}
	html_printf(rs, "</tbody>\n</table>\n");
	if (more) {
		struct buf older = BUF_INIT;
		for (size_t i = 0; i < rq->query.count; i++) {
			if (strcmp(rq->query.items[i].name, "before") == 0) continue;
			html_bprintf(&older, "%u=%u&", rq->query.items[i].name, rq->query.items[i].value);
		}
		html_printf(rs, "<a class=\"govuk-link\" href=\"/admin/audit?%hbefore=%I-%I\">Older entries</a>\n", buf_str(&older),
			next[AUDIT_CHANGES], next[AUDIT_ACCESSES]);
		buf_free(&older);
	}
	layout_end(rq, rs);
}
