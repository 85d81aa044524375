/* GET /tasks — the signed-in worker's own open tasks, overdue ones first and highlighted;
 * POST /tasks/{id}/done marks one done (from here or from the case page). */
#include <string.h>
#include "db/db.h"
#include "model/task.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

void page_tasks(struct request *rq, struct response *rs)
{
	struct task *t;
	size_t n = task_queue(rq->db, &rq->actor, 500, rq->arena, &t);
	int64_t overdue = task_overdue_count(rq->db, &rq->actor);
	layout_begin(rq, rs, "Your tasks");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Your tasks</h1>\n");
	if (overdue)
		html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
			"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>%I task%r overdue</strong></div>\n",
			overdue, overdue == 1 ? " is" : "s are");
	if (!n) {
		html_printf(rs, "<p class=\"govuk-body\">You have no open tasks.</p>\n");
		layout_end(rq, rs);
		return;
	}
	html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Your open tasks</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Due</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Task</th><th scope=\"col\" class=\"govuk-table__header\">Case</th>"
		"<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Actions</span></th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h%r</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/cases/%I\">%h</a></td><td class=\"govuk-table__cell\">"
			"<form method=\"post\" action=\"/tasks/%I/done\">", ui_date(rq, t[i].due_on),
			t[i].overdue ? " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>" : "", t[i].title, t[i].case_id,
			t[i].case_reference, t[i].id);
		layout_csrf_field(rq, rs);
		html_printf(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
			"Mark done<span class=\"govuk-visually-hidden\">: %h</span></button></form></td></tr>\n", t[i].title);
	}
	html_printf(rs, "</tbody></table>\n");
	layout_end(rq, rs);
}

void page_task_done(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	int64_t case_id = db_int(rq->db, 0, "SELECT case_id FROM case_task WHERE id = ?", "i", id);
	struct field_errors e;
	field_errors_init(&e);
	int rc = task_complete(rq->db, &rq->actor, id, &e);
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	/* a task already done needs no message: the page shows it done */
	const char *back = request_form(rq, "back");
	if (back && !strcmp(back, "case")) response_redirect(rq, rs, arena_printf(rq->arena, "/cases/%lld#tasks", (long long)case_id));
	else response_redirect(rq, rs, "/tasks");
}
