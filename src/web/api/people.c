/* /api/v1/people and /api/v1/properties: search, create (with duplicate warnings), read with
 * the cases they appear in, and merge people (team leaders). */
#include <string.h>
#include "model/person.h"
#include "model/property.h"
#include "web/api/api_util.h"
#include "web/api/case_api.h"
#include "web/api/case_json.h"
#include "web/html.h"

static void write_matches(struct response *rs, const struct person_match *m, size_t n)
{
	html_printf(rs, "\"possible_duplicates\":[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{\"why\":\"%j\",\"person\":", i ? "," : "", m[i].why);
		case_json_person(rs, &m[i].person);
		html_printf(rs, "}");
	}
	html_printf(rs, "]");
}

void api_people_list(struct request *rq, struct response *rs)
{
	struct person *people;
	const char *q = request_query(rq, "q");
	size_t n = person_search(rq->db, &rq->actor, q ? q : "", 50, rq->arena, &people);
	html_printf(rs, "{\"people\":[");
	for (size_t i = 0; i < n; i++) {
		if (i) html_printf(rs, ",");
		case_json_person(rs, &people[i]);
	}
	html_printf(rs, "]}\n");
}

static void person_input_from(struct request *rq, json_t *b, struct person_input *in)
{
	in->given_name = api_text(rq, b, "given_name");
	in->family_name = api_text(rq, b, "family_name");
	in->known_as = api_text(rq, b, "known_as");
	in->date_of_birth = api_text(rq, b, "date_of_birth");
}

void api_people_create(struct request *rq, struct response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	struct person_input in;
	person_input_from(rq, body, &in);
	json_decref(body);
	struct field_errors e;
	field_errors_init(&e);
	struct person p;
	int rc = person_validate(rq->arena, &in, "", &e, &p);
	int64_t id = 0;
	if (rc == MODEL_OK) rc = person_create(rq->db, &rq->actor, &in, &e, &id);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	/* the new record is created; the warnings let the caller merge or use an existing one */
	struct person_match *m;
	size_t n = person_find_duplicates(rq->db, &rq->actor, &p, id, rq->arena, &m);
	struct person created;
	person_load(rq->db, id, rq->arena, &created);
	rs->status = 201;
	response_header(rq, rs, "Location", arena_printf(rq->arena, "/api/v1/people/%lld", (long long)id));
	html_printf(rs, "{\"person\":");
	case_json_person(rs, &created);
	html_printf(rs, ",");
	write_matches(rs, m, n);
	html_printf(rs, "}\n");
}

void api_people_duplicates(struct request *rq, struct response *rs)
{
	struct person_input in = {request_query(rq, "given_name"), request_query(rq, "family_name"), NULL,
		request_query(rq, "date_of_birth")};
	struct field_errors e;
	field_errors_init(&e);
	struct person p;
	int rc = person_validate(rq->arena, &in, "", &e, &p);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	struct person_match *m;
	size_t n = person_find_duplicates(rq->db, &rq->actor, &p, 0, rq->arena, &m);
	html_printf(rs, "{");
	write_matches(rs, m, n);
	html_printf(rs, "}\n");
}

void api_person_get(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct person p;
	if (person_get(rq->db, &rq->actor, id, rq->arena, &p) != MODEL_OK) {
		api_fail(rq, rs, MODEL_NOT_FOUND, NULL);
		return;
	}
	struct person_case *cases;
	size_t n = person_cases(rq->db, &rq->actor, id, rq->arena, &cases);
	html_printf(rs, "{\"person\":");
	case_json_person(rs, &p);
	html_printf(rs, ",\"cases\":");
	case_json_linked_cases(rs, cases, n);
	html_printf(rs, "}\n");
}

void api_person_merge(struct request *rq, struct response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	struct field_errors e;
	field_errors_init(&e);
	int64_t merge_id = validate_id(&e, "merge_id", api_text(rq, body, "merge_id"), "the record to merge");
	json_decref(body);
	if (merge_id == 0) field_errors_add(&e, "merge_id", "Enter the id of the record to merge into this one");
	int rc = e.count ? MODEL_INVALID : person_merge(rq->db, &rq->actor, request_param_id(rq, 0), merge_id, &e);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	api_person_get(rq, rs);
}

void api_properties_list(struct request *rq, struct response *rs)
{
	struct property *props;
	const char *q = request_query(rq, "q");
	size_t n = property_search(rq->db, &rq->actor, q ? q : "", 50, rq->arena, &props);
	html_printf(rs, "{\"properties\":[");
	for (size_t i = 0; i < n; i++) {
		if (i) html_printf(rs, ",");
		case_json_property(rs, &props[i]);
	}
	html_printf(rs, "]}\n");
}

void api_properties_create(struct request *rq, struct response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	struct property_input in = {api_text(rq, body, "uprn"), api_text(rq, body, "address_line1"),
		api_text(rq, body, "address_line2"), api_text(rq, body, "town"), api_text(rq, body, "postcode"),
		api_text(rq, body, "longitude"), api_text(rq, body, "latitude"), api_text(rq, body, "area_id"),
		api_text(rq, body, "tenure")};
	json_decref(body);
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	int rc = property_create(rq->db, &rq->actor, &in, &e, &id);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	rs->status = 201;
	response_header(rq, rs, "Location", arena_printf(rq->arena, "/api/v1/properties/%lld", (long long)id));
	struct property p;
	property_load(rq->db, id, rq->arena, &p);
	html_printf(rs, "{\"property\":");
	case_json_property(rs, &p);
	html_printf(rs, "}\n");
}

void api_property_get(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct property p;
	if (property_get(rq->db, &rq->actor, id, rq->arena, &p) != MODEL_OK) {
		api_fail(rq, rs, MODEL_NOT_FOUND, NULL);
		return;
	}
	struct person_case *cases;
	size_t n = property_cases(rq->db, &rq->actor, id, rq->arena, &cases);
	html_printf(rs, "{\"property\":");
	case_json_property(rs, &p);
	html_printf(rs, ",\"cases\":");
	case_json_linked_cases(rs, cases, n);
	html_printf(rs, "}\n");
}
