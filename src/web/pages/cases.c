/* GET /cases — the case list: search box, filters, sortable columns and pages. Filters are a
 * GET form, so every view of the list is a link that can be bookmarked or shared in the team. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/area.h"
#include "model/case.h"
#include "model/case_list.h"
#include "util/buf.h"
#include "util/escape.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

static const char *const filter_names[] = {"q", "status", "type_id", "area_id", "worker_id", "risk",
	"referring_agency_id", "opened_from", "opened_to", "sort", "order", "per_page", NULL};

/* The current query with NAME set to VALUE (or removed when VALUE is NULL), as a URL. */
static const char *link_with(struct request *rq, const char *name, const char *value, const char *name2, const char *value2)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "/cases?");
	int first = 1;
	for (int i = 0; filter_names[i]; i++) {
		const char *v = request_query(rq, filter_names[i]);
		if (!strcmp(filter_names[i], name)) v = value;
		else if (name2 && !strcmp(filter_names[i], name2)) v = value2;
		if (!v || !*v) continue;
		if (!first) buf_putc(&b, '&');
		escape_url(&b, filter_names[i]);
		buf_putc(&b, '=');
		escape_url(&b, v);
		first = 0;
	}
	const char *page = !strcmp(name, "page") ? value : NULL;
	if (page) {
		buf_printf(&b, "%spage=", first ? "" : "&");
		escape_url(&b, page);
	}
	char *s = arena_strdup(rq->arena, buf_str(&b));
	buf_free(&b);
	return s;
}

static void sort_header(struct request *rq, struct response *rs, const char *label, const char *key)
{
	const char *sort = request_query(rq, "sort");
	const char *order = request_query(rq, "order");
	int current = sort && !strcmp(sort, key);
	if (!sort && !strcmp(key, "opened")) current = 1;
	int desc = !order || strcmp(order, "asc");
	const char *aria_html = current ? (desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "";
	const char *arrow_html = current ? (desc ? " <span aria-hidden=\"true\">▼</span>" : " <span aria-hidden=\"true\">▲</span>") : "";
	html_printf(rs, "<th scope=\"col\" class=\"govuk-table__header\"%r><a class=\"govuk-link\" href=\"%h\">%h%r</a></th>",
		aria_html, link_with(rq, "sort", key, "order", current && desc ? "asc" : "desc"), label, arrow_html);
}

static struct choice *id_choices(struct request *rq, const char *sql, int64_t bind, int *n)
{
	struct db_stmt *st = bind ? db_preparef(rq->db, sql, "i", bind) : db_prepare(rq->db, sql);
	int cap = 64;
	struct choice *c = arena_alloc(rq->arena, (size_t)cap * sizeof *c);
	*n = 0;
	while (db_step(st) == DB_ROW && *n < cap)
		c[(*n)++] = (struct choice){arena_strdup(rq->arena, db_column_text(st, 0)), arena_strdup(rq->arena, db_column_text(st, 1))};
	db_finalize(st);
	return c;
}

static void filters(struct request *rq, struct response *rs, const struct page_errors *pe)
{
	int n;
	html_printf(rs, "<form method=\"get\" action=\"/cases\" class=\"ng-filters\" novalidate>\n");
	ui_text(rs, "q", "q", "Search by name, address, postcode or reference", NULL, request_query(rq, "q"),
		page_error(pe, "q"), NULL);
	html_printf(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">\n");
	static const struct choice statuses[] = {{"active", "Open or closure requested"}, {"open", "Open"},
		{"closure_requested", "Closure requested"}, {"closed", "Closed"}};
	ui_select(rs, "status", "status", "Status", statuses, 4, request_query(rq, "status"), page_error(pe, "status"), "Any status");
	struct choice *risks = choices_from_vocab(rq, vocab_risk, &n);
	ui_select(rs, "risk", "risk", "Risk", risks, n, request_query(rq, "risk"), page_error(pe, "risk"), "Any risk");
	struct choice *types = id_choices(rq, "SELECT id, label FROM exploitation_type ORDER BY sort_order", 0, &n);
	ui_select(rs, "type_id", "type_id", "Type of exploitation", types, n, request_query(rq, "type_id"), page_error(pe, "type_id"), "Any type");
	html_printf(rs, "</div><div class=\"govuk-grid-column-one-third\">\n");
	struct choice *areas = id_choices(rq, "SELECT a.id, CASE WHEN a.kind = 'ward' THEN a.name ELSE w.name || ' — ' || a.name END"
		" FROM locality a LEFT JOIN locality w ON w.id = a.ward_id ORDER BY coalesce(w.name, a.name), a.kind <> 'ward', a.name", 0, &n);
	ui_select(rs, "area_id", "area_id", "Ward or estate", areas, n, request_query(rq, "area_id"), page_error(pe, "area_id"), "Anywhere");
	struct choice *workers = id_choices(rq, "SELECT id, name FROM user WHERE agency_id = ? AND (roles & 6) <> 0 ORDER BY name",
		rq->actor.agency_id, &n);
	struct choice *w2 = arena_alloc(rq->arena, (size_t)(n + 1) * sizeof *w2);
	w2[0] = (struct choice){"unassigned", "Not assigned"};
	memcpy(w2 + 1, workers, (size_t)n * sizeof *w2);
	ui_select(rs, "worker_id", "worker_id", "Worker", w2, n + 1, request_query(rq, "worker_id"), page_error(pe, "worker_id"), "Anyone");
	struct choice *agencies = id_choices(rq, "SELECT id, name FROM agency ORDER BY name", 0, &n);
	ui_select(rs, "referring_agency_id", "referring_agency_id", "Referred by", agencies, n,
		request_query(rq, "referring_agency_id"), page_error(pe, "referring_agency_id"), "Any agency");
	html_printf(rs, "</div><div class=\"govuk-grid-column-one-third\">\n");
	ui_text(rs, "opened_from", "opened_from", "Opened from", "For example, 1/4/2025", request_query(rq, "opened_from"),
		page_error(pe, "opened_from"), "govuk-input--width-10");
	ui_text(rs, "opened_to", "opened_to", "Opened to", NULL, request_query(rq, "opened_to"),
		page_error(pe, "opened_to"), "govuk-input--width-10");
	html_printf(rs, "</div></div>\n");
	if (request_query(rq, "sort")) html_printf(rs, "<input type=\"hidden\" name=\"sort\" value=\"%h\">", request_query(rq, "sort"));
	if (request_query(rq, "order")) html_printf(rs, "<input type=\"hidden\" name=\"order\" value=\"%h\">", request_query(rq, "order"));
	html_printf(rs, "<div class=\"govuk-button-group\">");
	ui_button(rs, "Search", NULL);
	html_printf(rs, "<a class=\"govuk-link\" href=\"/cases\">Clear filters</a></div>\n</form>\n");
}

static void pagination(struct request *rq, struct response *rs, const struct case_list *l)
{
	if (l->pages <= 1) return;
	html_printf(rs, "<nav class=\"govuk-pagination\" aria-label=\"Pages of cases\">\n");
	if (l->page > 1)
		html_printf(rs, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"%h\" rel=\"prev\">"
			"<span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
			link_with(rq, "page", arena_printf(rq->arena, "%d", l->page - 1), NULL, NULL));
	html_printf(rs, "<ul class=\"govuk-pagination__list\">\n");
	int pages[7], np = 0;
	int candidates[] = {1, l->page - 1, l->page, l->page + 1, l->pages};
	for (size_t i = 0; i < 5; i++) {
		int p = candidates[i];
		if (p < 1 || p > l->pages) continue;
		int dup = 0;
		for (int k = 0; k < np; k++) dup |= pages[k] == p;
		if (!dup) pages[np++] = p;
	}
	for (int i = 0; i < np; i++) {
		if (i && pages[i] > pages[i - 1] + 1)
			html_printf(rs, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>\n");
		int cur = pages[i] == l->page;
		html_printf(rs, "<li class=\"govuk-pagination__item%r\"><a class=\"govuk-link govuk-pagination__link\" href=\"%h\" aria-label=\"Page %d\"%r>%d</a></li>\n",
			cur ? " govuk-pagination__item--current" : "", link_with(rq, "page", arena_printf(rq->arena, "%d", pages[i]), NULL, NULL),
			pages[i], cur ? " aria-current=\"page\"" : "", pages[i]);
	}
	html_printf(rs, "</ul>\n");
	if (l->page < l->pages)
		html_printf(rs, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"%h\" rel=\"next\">"
			"<span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
			link_with(rq, "page", arena_printf(rq->arena, "%d", l->page + 1), NULL, NULL));
	html_printf(rs, "</nav>\n");
}

void page_cases(struct request *rq, struct response *rs)
{
	struct case_filter_input in = {
		request_query(rq, "q"), request_query(rq, "status"), request_query(rq, "type_id"),
		request_query(rq, "area_id"), request_query(rq, "worker_id"), request_query(rq, "risk"),
		request_query(rq, "referring_agency_id"), request_query(rq, "opened_from"), request_query(rq, "opened_to"),
		request_query(rq, "sort"), request_query(rq, "order"), request_query(rq, "page"), request_query(rq, "per_page"),
	};
	struct case_list l;
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_list_query(rq->db, &rq->actor, &in, rq->arena, &l, &e);
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "", "q");
	layout_begin(rq, rs, rc != MODEL_OK ? "Error: Cases" : "Cases");
	form_error_summary(rs, pe.items, pe.n);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Cases</h1>\n");
	if (rq->actor.roles & ROLE_TEAM_LEADER)
		html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/import\">Import cases from a spreadsheet</a></p>\n");
	filters(rq, rs, &pe);
	if (rc != MODEL_OK) {
		rs->status = 400;
		layout_end(rq, rs);
		return;
	}
	html_printf(rs, "<p class=\"govuk-body\" role=\"status\">%I case%r found</p>\n", l.total, l.total == 1 ? "" : "s");
	if (l.n) {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Cases, page %d of %d</caption>\n"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">", l.page, l.pages);
		sort_header(rq, rs, "Reference", "reference");
		html_printf(rs, "<th scope=\"col\" class=\"govuk-table__header\">Resident</th><th scope=\"col\" class=\"govuk-table__header\">Area</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Type</th>");
		sort_header(rq, rs, "Risk", "risk");
		sort_header(rq, rs, "Status", "status");
		html_printf(rs, "<th scope=\"col\" class=\"govuk-table__header\">Worker</th>");
		sort_header(rq, rs, "Opened", "opened");
		html_printf(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct case_list_row *r = &l.rows[i];
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/cases/%I\">%h</a></td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
				"<td class=\"govuk-table__cell\">", r->id, r->reference, r->resident_name, r->area_name, r->types);
			ui_risk_tag(rs, r->risk_level);
			html_printf(rs, "</td><td class=\"govuk-table__cell\">");
			ui_status_tag(rs, r->status);
			html_printf(rs, "</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td></tr>\n",
				*r->worker_name ? r->worker_name : "Not assigned", ui_date(rq, r->opened_on));
		}
		html_printf(rs, "</tbody></table>\n");
		pagination(rq, rs, &l);
	}
	layout_end(rq, rs);
}
