/* /api/v1/referrals: submit, list (the triage queue for case staff, one's own for others),
 * read (status only for the referrer) and triage. */
#include <string.h>
#include "model/referral.h"
#include "web/api/api_util.h"
#include "web/api/case_api.h"
#include "web/api/case_json.h"
#include "web/html.h"

/* Fill IN from the JSON body (field names as in the model's error list). */
static void referral_from_json(struct request *rq, json_t *body, struct referral_input *in)
{
	memset(in, 0, sizeof *in);
	in->receiving_agency_id = api_text(rq, body, "receiving_agency_id");
	in->referring_team = api_text(rq, body, "referring_team");
	in->referrer_contact = api_text(rq, body, "referrer_contact");
	in->referred_on = api_text(rq, body, "referred_on");
	in->property.uprn = api_text(rq, body, "uprn");
	in->property.address_line1 = api_text(rq, body, "address_line1");
	in->property.address_line2 = api_text(rq, body, "address_line2");
	in->property.town = api_text(rq, body, "town");
	in->property.postcode = api_text(rq, body, "postcode");
	in->property.longitude = api_text(rq, body, "longitude");
	in->property.latitude = api_text(rq, body, "latitude");
	in->property.area_id = api_text(rq, body, "area_id");
	in->property.tenure = api_text(rq, body, "tenure");
	in->n_signs = api_text_array(rq, body, "signs", in->signs, REFERRAL_MAX_SIGNS);
	in->observations = api_text(rq, body, "observations");
	in->consent = api_text(rq, body, "consent");
	in->lawful_basis = api_text(rq, body, "lawful_basis");
	in->urgency = api_text(rq, body, "urgency");
	json_t *people = json_object_get(body, "people");
	if (json_is_array(people)) {
		/* one more than allowed is read so that the model can say there are too many */
		size_t n = json_array_size(people);
		in->n_people = n;
		for (size_t i = 0; i < n && i < REFERRAL_MAX_PEOPLE; i++) {
			json_t *p = json_array_get(people, i);
			in->people[i].person.given_name = api_text(rq, p, "given_name");
			in->people[i].person.family_name = api_text(rq, p, "family_name");
			in->people[i].person.known_as = api_text(rq, p, "known_as");
			in->people[i].person.date_of_birth = api_text(rq, p, "date_of_birth");
			in->people[i].role = api_text(rq, p, "role");
		}
	}
}

static void write_referral(struct request *rq, struct response *rs, int64_t id)
{
	struct referral r;
	if (referral_get(rq->db, &rq->actor, id, rq->arena, &r) != MODEL_OK) {
		api_fail(rq, rs, MODEL_NOT_FOUND, NULL);
		return;
	}
	html_printf(rs, "{\"referral\":");
	case_json_referral(rs, &r);
	html_printf(rs, "}\n");
}

void api_referrals_create(struct request *rq, struct response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	struct referral_input in;
	referral_from_json(rq, body, &in);
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	int rc = referral_submit(rq->db, &rq->actor, &in, &e, &id);
	json_decref(body);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	rs->status = 201;
	response_header(rq, rs, "Location", arena_printf(rq->arena, "/api/v1/referrals/%lld", (long long)id));
	write_referral(rq, rs, id);
}

void api_referrals_list(struct request *rq, struct response *rs)
{
	struct referral_row *rows;
	const char *status = request_query(rq, "status");
	int staff = (rq->actor.roles & (ROLE_CASEWORKER | ROLE_TEAM_LEADER)) != 0;
	const char *mine = request_query(rq, "mine");
	size_t n = staff && !(mine && !strcmp(mine, "1"))
		? referral_queue(rq->db, &rq->actor, status, 200, rq->arena, &rows)
		: referral_mine(rq->db, &rq->actor, 200, rq->arena, &rows);
	html_printf(rs, "{\"referrals\":[");
	for (size_t i = 0; i < n; i++) {
		if (i) html_printf(rs, ",");
		case_json_referral_row(rs, &rows[i]);
	}
	html_printf(rs, "]}\n");
}

void api_referral_get(struct request *rq, struct response *rs)
{
	write_referral(rq, rs, request_param_id(rq, 0));
}

/* The three triage decisions share their shape: {"reason": "..."}. */
static void triage(struct request *rq, struct response *rs, int decision)
{
	json_t *body = api_body(rq, rs);
	if (!body) return;
	const char *reason = api_text(rq, body, "reason");
	int64_t id = request_param_id(rq, 0);
	struct field_errors e;
	field_errors_init(&e);
	int64_t case_id = 0;
	int rc = decision == 0 ? referral_accept(rq->db, &rq->actor, id, reason, &e, &case_id)
		: decision == 1 ? referral_signpost(rq->db, &rq->actor, id, reason, &e)
		: referral_pass_to_asb(rq->db, &rq->actor, id, reason, &e);
	json_decref(body);
	if (rc != MODEL_OK) {
		api_fail(rq, rs, rc, &e);
		return;
	}
	if (decision == 0) {
		rs->status = 201;
		response_header(rq, rs, "Location", arena_printf(rq->arena, "/api/v1/cases/%lld", (long long)case_id));
	}
	write_referral(rq, rs, id);
}

void api_referral_accept(struct request *rq, struct response *rs) { triage(rq, rs, 0); }
void api_referral_signpost(struct request *rq, struct response *rs) { triage(rq, rs, 1); }
void api_referral_pass_to_asb(struct request *rq, struct response *rs) { triage(rq, rs, 2); }
