/* JSON API handlers of referrals and case management (/api/v1/referrals, /cases, /people,
 * /properties, /tasks, /vocabularies); the route table in web/routes.c points at them.
 * Each is a thin shell: read the body or query, call the model, write JSON. */
#ifndef NESTGUARD_CASE_API_H
#define NESTGUARD_CASE_API_H
#include "web/request.h"

void api_referrals_create(struct request *rq, struct response *rs);
void api_referrals_list(struct request *rq, struct response *rs);
void api_referral_get(struct request *rq, struct response *rs);
void api_referral_accept(struct request *rq, struct response *rs);
void api_referral_signpost(struct request *rq, struct response *rs);
void api_referral_pass_to_asb(struct request *rq, struct response *rs);

void api_cases_list(struct request *rq, struct response *rs);
void api_cases_create(struct request *rq, struct response *rs);
void api_case_get(struct request *rq, struct response *rs);
/* Write {"case":{...}} with its types, people, properties, risk history, interventions, tasks
 * and notes (audited as a view); 404 when the caller may not read it. */
void api_case_write(struct request *rq, struct response *rs, int64_t id);
void api_case_chronology(struct request *rq, struct response *rs);
void api_case_add_person(struct request *rq, struct response *rs);
void api_case_remove_person(struct request *rq, struct response *rs);
void api_case_add_property(struct request *rq, struct response *rs);
void api_case_set_types(struct request *rq, struct response *rs);
void api_case_set_risk(struct request *rq, struct response *rs);
void api_case_assign(struct request *rq, struct response *rs);
void api_case_update(struct request *rq, struct response *rs);
void api_case_add_intervention(struct request *rq, struct response *rs);
void api_case_add_task(struct request *rq, struct response *rs);
void api_case_add_note(struct request *rq, struct response *rs);
void api_case_request_closure(struct request *rq, struct response *rs);
void api_case_approve_closure(struct request *rq, struct response *rs);
void api_case_decline_closure(struct request *rq, struct response *rs);
void api_case_reopen(struct request *rq, struct response *rs);

void api_people_list(struct request *rq, struct response *rs);
void api_people_create(struct request *rq, struct response *rs);
void api_people_duplicates(struct request *rq, struct response *rs);
void api_person_get(struct request *rq, struct response *rs);
void api_person_merge(struct request *rq, struct response *rs);

void api_properties_list(struct request *rq, struct response *rs);
void api_properties_create(struct request *rq, struct response *rs);
void api_property_get(struct request *rq, struct response *rs);

void api_tasks_mine(struct request *rq, struct response *rs);
void api_task_done(struct request *rq, struct response *rs);
void api_vocabularies(struct request *rq, struct response *rs);

#endif
