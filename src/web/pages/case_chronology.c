/* GET /cases/{id}/chronology — everything about a case in date order, laid out to print. */
#include "model/case.h"
#include "model/chronology.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

void page_case_chronology(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct case_file c;
	struct chronology_entry *ch;
	size_t n;
	if (case_get(rq->db, &rq->actor, id, rq->arena, &c) != MODEL_OK ||
	    chronology_for_case(rq->db, &rq->actor, id, rq->arena, &ch, &n) != MODEL_OK) {
		rs->status = 404;
		return;
	}
	layout_begin(rq, rs, arena_printf(rq->arena, "Chronology of case %s", c.reference));
	html_printf(rs, "<a class=\"govuk-back-link ng-no-print\" href=\"/cases/%I\">Back to the case</a>\n"
		"<span class=\"govuk-caption-l\">Chronology</span><h1 class=\"govuk-heading-l\">Case %h</h1>\n"
		"<p class=\"govuk-body-s\">Confidential. Printed from nestguard; share only for the purpose it was shared for.</p>\n"
		"<table class=\"govuk-table ng-chronology\"><caption class=\"govuk-visually-hidden\">Everything recorded, oldest first</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Date</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">What</th><th scope=\"col\" class=\"govuk-table__header\">Details</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Recorded by</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n",
		c.id, c.reference);
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell ng-nowrap\">%h</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell ng-pre\">%h</td><td class=\"govuk-table__cell\">%h</td></tr>\n",
			ui_date(rq, ch[i].date), ch[i].title, ch[i].detail, ch[i].by_name);
	html_printf(rs, "</tbody></table>\n");
	layout_end(rq, rs);
}
