/* The forms on the case page (POST /cases/{id}/...): each calls one model operation, then
 * goes back to the case (303) or shows the case page again with that form's errors. */
#include <string.h>
#include "model/case.h"
#include "model/case_note.h"
#include "model/intervention.h"
#include "model/person.h"
#include "model/task.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

/* Finish a form: back to the case at ANCHOR, or the page with errors under PREFIX. */
static void after(struct request *rq, struct response *rs, int rc, const struct field_errors *e,
	const char *prefix, const char *anchor)
{
	int64_t id = request_param_id(rq, 0);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/cases/%lld#%s", (long long)id, anchor));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, e, prefix, anchor);
	rs->status = rc == MODEL_REFUSED ? 409 : 400;
	case_page_render(rq, rs, id, &pe, NULL, 0);
}

#define FORM(name) request_form(rq, name)

void page_case_add_person(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct field_errors e;
	field_errors_init(&e);
	const char *person_id = FORM("person_id");
	if (person_id && *person_id) {
		after(rq, rs, case_add_person(rq->db, &rq->actor, id, person_id, FORM("role"), &e), &e, "person-", "people");
		return;
	}
	struct person_input in = {FORM("given_name"), FORM("family_name"), FORM("known_as"), FORM("date_of_birth")};
	const char *confirm = FORM("confirm_new");
	if (!confirm || strcmp(confirm, "1")) {
		/* before creating a record, offer the people it may already be */
		struct person p;
		struct field_errors ve;
		field_errors_init(&ve);
		if (person_validate(rq->arena, &in, "", &ve, &p) == MODEL_OK && case_access(rq->db, &rq->actor, id) >= ACCESS_WRITE) {
			struct person_match *m;
			size_t n = person_find_duplicates(rq->db, &rq->actor, &p, 0, rq->arena, &m);
			if (n) {
				struct page_errors pe = {.n = 0, .form = "person-"};
				case_page_render(rq, rs, id, &pe, m, n);
				return;
			}
		}
	}
	after(rq, rs, case_add_new_person(rq->db, &rq->actor, id, &in, FORM("role"), &e, NULL), &e, "person-", "people");
}

void page_case_remove_person(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_remove_person(rq->db, &rq->actor, request_param_id(rq, 0), request_param_id(rq, 1), &e), &e, "person-", "people");
}

void page_case_add_property(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	struct property_input in = {FORM("uprn"), FORM("address_line1"), FORM("address_line2"), FORM("town"), FORM("postcode"),
		FORM("longitude"), FORM("latitude"), FORM("area_id"), FORM("tenure")};
	after(rq, rs, case_add_new_property(rq->db, &rq->actor, request_param_id(rq, 0), &in, &e), &e, "property-", "properties");
}

void page_case_set_types(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	const char *ids[16];
	size_t n = request_form_all(rq, "type_ids", ids, 16);
	after(rq, rs, case_set_types(rq->db, &rq->actor, request_param_id(rq, 0), ids, n, &e), &e, "types-", "types");
}

void page_case_set_risk(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_set_risk(rq->db, &rq->actor, request_param_id(rq, 0), FORM("level"), FORM("reason"), &e), &e, "risk-", "risk");
}

void page_case_assign(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_assign(rq->db, &rq->actor, request_param_id(rq, 0), FORM("user_id"), &e), &e, "assign-", "assignment");
}

void page_case_add_intervention(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	struct intervention_input in = {FORM("kind"), FORM("occurred_on"), FORM("person_id"), FORM("details")};
	after(rq, rs, intervention_record_marked(rq->db, &rq->actor, request_param_id(rq, 0), &in, FORM("special_category"), &e, NULL),
		&e, "intervention-", "interventions");
}

void page_case_add_task(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	struct task_input in = {FORM("title"), FORM("owner_user_id"), FORM("due_on")};
	after(rq, rs, task_create(rq->db, &rq->actor, request_param_id(rq, 0), &in, &e, NULL), &e, "task-", "tasks");
}

void page_case_add_note(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_note_add_marked(rq->db, &rq->actor, request_param_id(rq, 0), FORM("body"), FORM("special_category"),
		&e, NULL), &e, "note-", "notes");
}

void page_case_request_closure(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	struct case_closure_input in = {FORM("positively_resolved"), FORM("stayed_in_tenancy"), FORM("moved"), FORM("reason")};
	after(rq, rs, case_request_closure(rq->db, &rq->actor, request_param_id(rq, 0), &in, &e), &e, "closure-", "closure");
}

void page_case_approve_closure(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_approve_closure(rq->db, &rq->actor, request_param_id(rq, 0), &e), &e, "closure-", "closure");
}

void page_case_decline_closure(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_decline_closure(rq->db, &rq->actor, request_param_id(rq, 0), FORM("reason"), &e), &e, "decline-", "closure");
}

void page_case_reopen(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	after(rq, rs, case_reopen(rq->db, &rq->actor, request_param_id(rq, 0), FORM("reason"), &e), &e, "reopen-", "closure");
}
