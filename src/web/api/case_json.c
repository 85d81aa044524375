/* JSON writers for people, properties, cases and referrals. */
#include <stdio.h>
#include "model/case_vocab.h"
#include "web/api/api_util.h"
#include "web/api/case_json.h"
#include "web/html.h"

void case_json_person(struct response *rs, const struct person *p)
{
	html_printf(rs, "{");
	api_member_int(rs, 1, "id", p->id);
	api_member_string(rs, 0, "given_name", p->given_name);
	api_member_string(rs, 0, "family_name", p->family_name);
	api_member_string(rs, 0, "known_as", p->known_as);
	api_member_string(rs, 0, "date_of_birth", p->date_of_birth);
	api_member_id(rs, 0, "merged_into", p->merged_into);
	html_printf(rs, "}");
}

void case_json_property(struct response *rs, const struct property *p)
{
	html_printf(rs, "{");
	api_member_int(rs, 1, "id", p->id);
	api_member_string(rs, 0, "uprn", p->uprn);
	api_member_string(rs, 0, "address_line1", p->address_line1);
	api_member_string(rs, 0, "address_line2", p->address_line2);
	api_member_string(rs, 0, "town", p->town);
	api_member_string(rs, 0, "postcode", p->postcode);
	/* html_printf's %f has two decimals; coordinates need six */
	char coords_html[96] = ",\"longitude\":null,\"latitude\":null";
	if (p->has_coordinates)
		snprintf(coords_html, sizeof coords_html, ",\"longitude\":%.6f,\"latitude\":%.6f", p->longitude, p->latitude);
	html_printf(rs, "%r", coords_html);
	api_member_id(rs, 0, "ward_id", p->ward_id);
	api_member_string(rs, 0, "ward", p->ward_name);
	api_member_id(rs, 0, "neighbourhood_id", p->neighbourhood_id);
	api_member_string(rs, 0, "neighbourhood", p->neighbourhood_name);
	api_member_string(rs, 0, "tenure", p->tenure);
	api_member_string(rs, 0, "tenure_label", vocab_label(vocab_tenure, p->tenure));
	html_printf(rs, "}");
}

void case_json_linked_cases(struct response *rs, const struct person_case *c, size_t n)
{
	html_printf(rs, "[");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "%r{", i ? "," : "");
		api_member_int(rs, 1, "case_id", c[i].case_id);
		api_member_string(rs, 0, "reference", c[i].reference);
		api_member_string(rs, 0, "role", c[i].role);
		api_member_string(rs, 0, "status", c[i].status);
		html_printf(rs, "}");
	}
	html_printf(rs, "]");
}

void case_json_case(struct response *rs, const struct case_file *c)
{
	html_printf(rs, "{");
	api_member_int(rs, 1, "id", c->id);
	api_member_string(rs, 0, "reference", c->reference);
	api_member_string(rs, 0, "status", c->status);
	api_member_string(rs, 0, "status_label", vocab_label(vocab_case_status, c->status));
	api_member_int(rs, 0, "agency_id", c->agency_id);
	api_member_string(rs, 0, "agency", c->agency_name);
	api_member_id(rs, 0, "assigned_user_id", c->assigned_user_id);
	api_member_string(rs, 0, "assigned_to", c->assigned_name);
	api_member_string(rs, 0, "risk_level", c->risk_level);
	api_member_id(rs, 0, "referring_agency_id", c->referring_agency_id);
	api_member_string(rs, 0, "referring_agency", c->referring_agency_name);
	api_member_id(rs, 0, "referral_id", c->referral_id);
	api_member_id(rs, 0, "ward_id", c->ward_id);
	api_member_string(rs, 0, "ward", c->ward_name);
	api_member_id(rs, 0, "neighbourhood_id", c->neighbourhood_id);
	api_member_string(rs, 0, "neighbourhood", c->neighbourhood_name);
	api_member_string(rs, 0, "tenure", c->tenure);
	api_member_string(rs, 0, "summary", c->summary);
	api_member_string(rs, 0, "opened_on", c->opened_on);
	api_member_string(rs, 0, "closed_on", c->closed_on);
	html_printf(rs, ",\"closure\":{");
	api_member_bool(rs, 1, "positively_resolved", c->positively_resolved);
	api_member_bool(rs, 0, "stayed_in_tenancy", c->stayed_in_tenancy);
	api_member_string(rs, 0, "moved", c->moved);
	api_member_string(rs, 0, "reason", c->closure_reason);
	api_member_id(rs, 0, "requested_by", c->closure_requested_by);
	api_member_time(rs, 0, "requested_at", c->closure_requested_at);
	api_member_id(rs, 0, "approved_by", c->closure_approved_by);
	api_member_time(rs, 0, "approved_at", c->closure_approved_at);
	html_printf(rs, "}");
	api_member_string(rs, 0, "source", c->source);
	api_member_time(rs, 0, "created_at", c->created_at);
	api_member_time(rs, 0, "updated_at", c->updated_at);
	html_printf(rs, "}");
}

void case_json_list_row(struct response *rs, const struct case_list_row *r)
{
	html_printf(rs, "{");
	api_member_int(rs, 1, "id", r->id);
	api_member_string(rs, 0, "reference", r->reference);
	api_member_string(rs, 0, "status", r->status);
	api_member_string(rs, 0, "risk_level", r->risk_level);
	api_member_string(rs, 0, "opened_on", r->opened_on);
	api_member_string(rs, 0, "closed_on", r->closed_on);
	api_member_string(rs, 0, "assigned_to", r->worker_name);
	api_member_string(rs, 0, "area", r->area_name);
	api_member_string(rs, 0, "resident", r->resident_name);
	api_member_string(rs, 0, "types", r->types);
	api_member_time(rs, 0, "updated_at", r->updated_at);
	html_printf(rs, "}");
}

void case_json_referral(struct response *rs, const struct referral *r)
{
	html_printf(rs, "{");
	api_member_int(rs, 1, "id", r->id);
	api_member_string(rs, 0, "referred_on", r->referred_on);
	api_member_string(rs, 0, "status", r->status);
	api_member_string(rs, 0, "status_label", vocab_label(vocab_referral_status, r->status));
	api_member_string(rs, 0, "case_status", r->case_status);
	api_member_string(rs, 0, "referring_agency", r->referring_agency_name);
	api_member_time(rs, 0, "submitted_at", r->created_at);
	api_member_time(rs, 0, "triaged_at", r->triaged_at);
	if (r->access < ACCESS_READ) {
		html_printf(rs, "}");
		return;
	}
	api_member_int(rs, 0, "receiving_agency_id", r->receiving_agency_id);
	api_member_string(rs, 0, "receiving_agency", r->receiving_agency_name);
	api_member_int(rs, 0, "referring_agency_id", r->referring_agency_id);
	api_member_string(rs, 0, "referring_team", r->referring_team);
	api_member_string(rs, 0, "referrer_name", r->referrer_name);
	api_member_string(rs, 0, "referrer_contact", r->referrer_contact);
	api_member_string(rs, 0, "observations", r->observations);
	api_member_string(rs, 0, "consent", r->consent);
	api_member_string(rs, 0, "lawful_basis", r->lawful_basis);
	api_member_string(rs, 0, "urgency", r->urgency);
	api_member_string(rs, 0, "triage_reason", r->triage_reason);
	api_member_string(rs, 0, "triaged_by", r->triaged_by_name);
	api_member_id(rs, 0, "case_id", r->case_id);
	api_member_string(rs, 0, "case_reference", r->case_reference);
	html_printf(rs, ",\"property\":");
	if (r->has_property) case_json_property(rs, &r->property);
	else html_printf(rs, "null");
	html_printf(rs, ",\"signs\":[");
	for (size_t i = 0; i < r->n_signs; i++) html_printf(rs, "%r\"%j\"", i ? "," : "", r->signs[i].code);
	html_printf(rs, "],\"people\":[");
	for (size_t i = 0; i < r->n_people; i++) {
		html_printf(rs, "%r{\"role\":\"%j\",\"person\":", i ? "," : "", r->people[i].role);
		case_json_person(rs, &r->people[i].person);
		html_printf(rs, "}");
	}
	html_printf(rs, "]}");
}

void case_json_referral_row(struct response *rs, const struct referral_row *r)
{
	html_printf(rs, "{");
	api_member_int(rs, 1, "id", r->id);
	api_member_string(rs, 0, "referred_on", r->referred_on);
	api_member_string(rs, 0, "status", r->status);
	api_member_string(rs, 0, "referring_agency", r->referring_agency_name);
	api_member_time(rs, 0, "submitted_at", r->created_at);
	if (*r->urgency) {
		api_member_string(rs, 0, "urgency", r->urgency);
		api_member_string(rs, 0, "address", r->address);
		api_member_string(rs, 0, "resident", r->resident);
		api_member_id(rs, 0, "case_id", r->case_id);
	}
	html_printf(rs, "}");
}
