/* /api/v1/tasks (the caller's own work queue), marking a task done, and /api/v1/vocabularies
 * (every list a client needs to fill in the forms: types, interventions, signs, areas, codes). */
#include "db/db.h"
#include "model/area.h"
#include "model/case.h"
#include "model/case_vocab.h"
#include "model/intervention.h"
#include "model/task.h"
#include "web/api/api_util.h"
#include "web/api/case_api.h"
#include "web/html.h"

void api_tasks_mine(struct request *rq, struct response *rs)
{
	struct task *t;
	size_t n = task_queue(rq->db, &rq->actor, 500, rq->arena, &t);
	html_printf(rs, "{\"overdue\":%I,\"tasks\":[", task_overdue_count(rq->db, &rq->actor));
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_int(rs, 1, "id", t[i].id);
		api_member_int(rs, 0, "case_id", t[i].case_id);
		api_member_string(rs, 0, "case_reference", t[i].case_reference);
		api_member_string(rs, 0, "title", t[i].title);
		api_member_string(rs, 0, "due_on", t[i].due_on);
		api_member_bool(rs, 0, "overdue", t[i].overdue);
		html_printf(rs, "}");
	}
	html_printf(rs, "]}\n");
}

void api_task_done(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	int rc = task_complete(rq->db, &rq->actor, request_param_id(rq, 0), &e);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	html_printf(rs, "{\"done\":true}\n");
}

static void vocab(struct response *rs, const char *name, const struct vocab *v)
{
	html_printf(rs, ",\"%j\":[", name);
	for (int i = 0; v[i].code; i++)
		html_printf(rs, "%r{\"code\":\"%j\",\"label\":\"%j\"}", i ? "," : "", v[i].code, v[i].label);
	html_printf(rs, "]");
}

void api_vocabularies(struct request *rq, struct response *rs)
{
	html_printf(rs, "{\"exploitation_types\":[");
	struct case_type_item *types;
	size_t n = case_type_choices(rq->db, rq->arena, &types);
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "%r{\"id\":%I,\"code\":\"%j\",\"label\":\"%j\"}", i ? "," : "", types[i].id, types[i].code, types[i].label);
	html_printf(rs, "],\"intervention_kinds\":[");
	struct intervention_kind_item *kinds;
	n = intervention_kinds(rq->db, rq->arena, &kinds);
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "%r{\"code\":\"%j\",\"label\":\"%j\",\"group\":\"%j\"}", i ? "," : "", kinds[i].code, kinds[i].label, kinds[i].grp);
	html_printf(rs, "],\"signs\":[");
	struct db_stmt *st = db_prepare(rq->db, "SELECT code, label FROM cuckooing_sign WHERE retired = 0 ORDER BY sort_order");
	for (int i = 0; db_step(st) == DB_ROW; i++)
		html_printf(rs, "%r{\"code\":\"%j\",\"label\":\"%j\"}", i ? "," : "", db_column_text(st, 0), db_column_text(st, 1));
	db_finalize(st);
	html_printf(rs, "],\"areas\":[");
	struct area *areas;
	n = area_list(rq->db, rq->arena, &areas);
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_int(rs, 1, "id", areas[i].id);
		api_member_string(rs, 0, "kind", areas[i].kind);
		api_member_string(rs, 0, "name", areas[i].name);
		api_member_string(rs, 0, "ons_code", areas[i].ons_code);
		api_member_id(rs, 0, "ward_id", areas[i].ward_id);
		html_printf(rs, "}");
	}
	html_printf(rs, "]");
	vocab(rs, "tenure", vocab_tenure);
	vocab(rs, "person_roles", vocab_person_role);
	vocab(rs, "case_statuses", vocab_case_status);
	vocab(rs, "referral_statuses", vocab_referral_status);
	vocab(rs, "risk_levels", vocab_risk);
	vocab(rs, "urgency", vocab_urgency);
	vocab(rs, "consent", vocab_consent);
	vocab(rs, "lawful_basis", vocab_lawful_basis);
	vocab(rs, "moved", vocab_moved);
	html_printf(rs, "}\n");
}
