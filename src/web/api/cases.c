/* /api/v1/cases: the list with search and filters, opening a case directly, one case with
 * everything recorded on it, and its chronology. */
#include <string.h>
#include "model/case.h"
#include "model/case_list.h"
#include "model/case_note.h"
#include "model/chronology.h"
#include "model/intervention.h"
#include "model/task.h"
#include "web/api/api_util.h"
#include "web/api/case_api.h"
#include "web/api/case_json.h"
#include "web/html.h"

void api_cases_list(struct request *rq, struct response *rs)
{
	struct case_filter_input in = {
		request_query(rq, "q"), request_query(rq, "status"), request_query(rq, "type_id"),
		request_query(rq, "area_id"), request_query(rq, "worker_id"), request_query(rq, "risk"),
		request_query(rq, "referring_agency_id"), request_query(rq, "opened_from"), request_query(rq, "opened_to"),
		request_query(rq, "sort"), request_query(rq, "order"), request_query(rq, "page"), request_query(rq, "per_page"),
	};
	struct case_list list;
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_list_query(rq->db, &rq->actor, &in, rq->arena, &list, &e);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	html_printf(rs, "{\"total\":%I,\"page\":%d,\"per_page\":%d,\"pages\":%d,\"cases\":[",
		list.total, list.page, list.per_page, list.pages);
	for (size_t i = 0; i < list.n; i++) {
		if (i) html_printf(rs, ",");
		case_json_list_row(rs, &list.rows[i]);
	}
	html_printf(rs, "]}\n");
}

void api_cases_create(struct request *rq, struct response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	struct case_create_input in = {0};
	in.opened_on = api_text(rq, body, "opened_on");
	in.n_types = api_text_array(rq, body, "type_ids", in.type_ids, 16);
	in.summary = api_text(rq, body, "summary");
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	int rc = case_create(rq->db, &rq->actor, &in, &e, &id);
	json_decref(body);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	rs->status = 201;
	response_header(rq, rs, "Location", arena_printf(rq->arena, "/api/v1/cases/%lld", (long long)id));
	api_case_write(rq, rs, id);
}

void api_case_write(struct request *rq, struct response *rs, int64_t id)
{
	struct case_file c;
	struct arena *a = rq->arena;
	if (case_get(rq->db, &rq->actor, id, a, &c) != MODEL_OK) {
		api_fail(rq, rs, MODEL_NOT_FOUND, NULL);
		return;
	}
	html_printf(rs, "{\"case\":");
	case_json_case(rs, &c);
	/* the parts go inside the case object: drop its closing brace */
	rs->body.len--;
	rs->body.data[rs->body.len] = 0;

	struct case_type_item *types;
	size_t n;
	case_types(rq->db, &rq->actor, id, a, &types, &n);
	html_printf(rs, ",\"types\":[");
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "%r{\"id\":%I,\"code\":\"%j\",\"label\":\"%j\"}", i ? "," : "", types[i].id, types[i].code, types[i].label);

	struct case_person_item *people;
	case_people(rq->db, &rq->actor, id, a, &people, &n);
	html_printf(rs, "],\"people\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{\"link_id\":%I,\"role\":\"%j\",\"other_cases\":%d,\"person\":", i ? "," : "",
			people[i].link_id, people[i].role, people[i].other_cases);
		case_json_person(rs, &people[i].person);
		html_printf(rs, "}");
	}

	struct case_property_item *props;
	case_properties(rq->db, &rq->actor, id, a, &props, &n);
	html_printf(rs, "],\"properties\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{\"link_id\":%I,\"other_cases\":%d,\"property\":", i ? "," : "", props[i].link_id, props[i].other_cases);
		case_json_property(rs, &props[i].property);
		html_printf(rs, "}");
	}

	struct case_risk_item *risks;
	case_risks(rq->db, &rq->actor, id, a, &risks, &n);
	html_printf(rs, "],\"risk_history\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_string(rs, 1, "level", risks[i].level);
		api_member_string(rs, 0, "reason", risks[i].reason);
		api_member_string(rs, 0, "assessed_by", risks[i].assessed_by_name);
		api_member_time(rs, 0, "assessed_at", risks[i].assessed_at);
		html_printf(rs, "}");
	}

	struct intervention *iv;
	intervention_list(rq->db, &rq->actor, id, a, &iv, &n);
	html_printf(rs, "],\"interventions\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_int(rs, 1, "id", iv[i].id);
		api_member_string(rs, 0, "kind", iv[i].kind);
		api_member_string(rs, 0, "kind_label", iv[i].kind_label);
		api_member_string(rs, 0, "group", iv[i].grp);
		api_member_string(rs, 0, "occurred_on", iv[i].occurred_on);
		api_member_id(rs, 0, "person_id", iv[i].person_id);
		api_member_string(rs, 0, "details", iv[i].details);
		api_member_string(rs, 0, "recorded_by", iv[i].recorded_by_name);
		api_member_time(rs, 0, "recorded_at", iv[i].recorded_at);
		html_printf(rs, "}");
	}

	struct task *tasks;
	task_list_for_case(rq->db, &rq->actor, id, a, &tasks, &n);
	html_printf(rs, "],\"tasks\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_int(rs, 1, "id", tasks[i].id);
		api_member_string(rs, 0, "title", tasks[i].title);
		api_member_int(rs, 0, "owner_user_id", tasks[i].owner_user_id);
		api_member_string(rs, 0, "owner", tasks[i].owner_name);
		api_member_string(rs, 0, "due_on", tasks[i].due_on);
		api_member_bool(rs, 0, "done", tasks[i].done);
		api_member_bool(rs, 0, "overdue", tasks[i].overdue);
		api_member_time(rs, 0, "done_at", tasks[i].done_at);
		html_printf(rs, "}");
	}

	struct case_note *notes;
	case_note_list(rq->db, &rq->actor, id, a, &notes, &n);
	html_printf(rs, "],\"notes\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_int(rs, 1, "id", notes[i].id);
		api_member_string(rs, 0, "body", notes[i].body);
		api_member_string(rs, 0, "author", notes[i].author_name);
		api_member_time(rs, 0, "created_at", notes[i].created_at);
		html_printf(rs, "}");
	}
	html_printf(rs, "]}}\n");
}

void api_case_get(struct request *rq, struct response *rs)
{
	api_case_write(rq, rs, request_param_id(rq, 0));
}

void api_case_chronology(struct request *rq, struct response *rs)
{
	struct chronology_entry *ch;
	size_t n;
	if (chronology_for_case(rq->db, &rq->actor, request_param_id(rq, 0), rq->arena, &ch, &n) != MODEL_OK) {
		api_fail(rq, rs, MODEL_NOT_FOUND, NULL);
		return;
	}
	html_printf(rs, "{\"chronology\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_string(rs, 1, "date", ch[i].date);
		api_member_time(rs, 0, "recorded_at", ch[i].at);
		api_member_string(rs, 0, "kind", ch[i].kind);
		api_member_string(rs, 0, "title", ch[i].title);
		api_member_string(rs, 0, "detail", ch[i].detail);
		api_member_string(rs, 0, "by", ch[i].by_name);
		html_printf(rs, "}");
	}
	html_printf(rs, "]}\n");
}
