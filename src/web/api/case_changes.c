/* Changes to a case through the API: people, properties, types, risk, assignment, summary,
 * interventions, tasks, notes, closure and reopening. Each answers with the whole case. */
#include <string.h>
#include "model/case.h"
#include "model/case_note.h"
#include "model/intervention.h"
#include "model/task.h"
#include "web/api/api_util.h"
#include "web/api/case_api.h"
#include "web/html.h"

/* After a model call: the case on success (STATUS), or the refusal. */
static void answer(struct request *rq, struct response *rs, int rc, const struct field_errors *e, int status)
{
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, e);
		return;
	}
	rs->status = status;
	api_case_write(rq, rs, request_param_id(rq, 0));
}

/* Read the body, call CHANGE with it, answer. */
typedef int (*change_fn)(struct request *rq, int64_t id, json_t *body, struct field_errors *e);

static void run_change(struct request *rq, struct response *rs, change_fn change, int status)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	struct field_errors e;
	field_errors_init(&e);
	int rc = change(rq, request_param_id(rq, 0), body, &e);
	json_decref(body);
	answer(rq, rs, rc, &e, status);
}

static int add_person(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_add_person(rq->db, &rq->actor, id, api_text(rq, b, "person_id"), api_text(rq, b, "role"), e);
}

static int add_property(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_add_property(rq->db, &rq->actor, id, api_text(rq, b, "property_id"), e);
}

static int set_types(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	const char *ids[16];
	size_t n = api_text_array(rq, b, "type_ids", ids, 16);
	return case_set_types(rq->db, &rq->actor, id, ids, n, e);
}

static int set_risk(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_set_risk(rq->db, &rq->actor, id, api_text(rq, b, "level"), api_text(rq, b, "reason"), e);
}

static int assign(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_assign(rq->db, &rq->actor, id, api_text(rq, b, "user_id"), e);
}

static int update(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_update_summary(rq->db, &rq->actor, id, api_text(rq, b, "summary"), e);
}

static int add_intervention(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	struct intervention_input in = {api_text(rq, b, "kind"), api_text(rq, b, "occurred_on"),
		api_text(rq, b, "person_id"), api_text(rq, b, "details")};
	return intervention_record_marked(rq->db, &rq->actor, id, &in, api_text(rq, b, "special_category"), e, NULL);
}

static int add_task(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	struct task_input in = {api_text(rq, b, "title"), api_text(rq, b, "owner_user_id"), api_text(rq, b, "due_on")};
	return task_create(rq->db, &rq->actor, id, &in, e, NULL);
}

static int add_note(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_note_add_marked(rq->db, &rq->actor, id, api_text(rq, b, "body"), api_text(rq, b, "special_category"), e, NULL);
}

static int request_closure(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	struct case_closure_input in = {api_text(rq, b, "positively_resolved"), api_text(rq, b, "stayed_in_tenancy"),
		api_text(rq, b, "moved"), api_text(rq, b, "reason")};
	return case_request_closure(rq->db, &rq->actor, id, &in, e);
}

static int approve_closure(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	(void)b;
	return case_approve_closure(rq->db, &rq->actor, id, e);
}

static int decline_closure(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_decline_closure(rq->db, &rq->actor, id, api_text(rq, b, "reason"), e);
}

static int reopen(struct request *rq, int64_t id, json_t *b, struct field_errors *e)
{
	return case_reopen(rq->db, &rq->actor, id, api_text(rq, b, "reason"), e);
}

void api_case_add_person(struct request *rq, struct response *rs) { run_change(rq, rs, add_person, 201); }
void api_case_add_property(struct request *rq, struct response *rs) { run_change(rq, rs, add_property, 201); }
void api_case_set_types(struct request *rq, struct response *rs) { run_change(rq, rs, set_types, 200); }
void api_case_set_risk(struct request *rq, struct response *rs) { run_change(rq, rs, set_risk, 201); }
void api_case_assign(struct request *rq, struct response *rs) { run_change(rq, rs, assign, 200); }
void api_case_update(struct request *rq, struct response *rs) { run_change(rq, rs, update, 200); }
void api_case_add_intervention(struct request *rq, struct response *rs) { run_change(rq, rs, add_intervention, 201); }
void api_case_add_task(struct request *rq, struct response *rs) { run_change(rq, rs, add_task, 201); }
void api_case_add_note(struct request *rq, struct response *rs) { run_change(rq, rs, add_note, 201); }
void api_case_request_closure(struct request *rq, struct response *rs) { run_change(rq, rs, request_closure, 200); }
void api_case_approve_closure(struct request *rq, struct response *rs) { run_change(rq, rs, approve_closure, 200); }
void api_case_decline_closure(struct request *rq, struct response *rs) { run_change(rq, rs, decline_closure, 200); }
void api_case_reopen(struct request *rq, struct response *rs) { run_change(rq, rs, reopen, 200); }

void api_case_remove_person(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_remove_person(rq->db, &rq->actor, request_param_id(rq, 0), request_param_id(rq, 1), &e);
	answer(rq, rs, rc, &e, 200);
}
