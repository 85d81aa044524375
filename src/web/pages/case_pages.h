/* Handlers of the referral and case-management screens; the route table points at them. */
#ifndef NESTGUARD_CASE_PAGES_H
#define NESTGUARD_CASE_PAGES_H
#include "web/request.h"

void page_referral_new(struct request *rq, struct response *rs);
void page_referral_create(struct request *rq, struct response *rs);
void page_referrals(struct request *rq, struct response *rs);
void page_referral(struct request *rq, struct response *rs);
void page_referral_triage(struct request *rq, struct response *rs);

void page_cases(struct request *rq, struct response *rs);
void page_case(struct request *rq, struct response *rs);
void page_case_chronology(struct request *rq, struct response *rs);
void page_case_add_person(struct request *rq, struct response *rs);
void page_case_remove_person(struct request *rq, struct response *rs);
void page_case_add_property(struct request *rq, struct response *rs);
void page_case_set_types(struct request *rq, struct response *rs);
void page_case_set_risk(struct request *rq, struct response *rs);
void page_case_assign(struct request *rq, struct response *rs);
void page_case_add_intervention(struct request *rq, struct response *rs);
void page_case_add_task(struct request *rq, struct response *rs);
void page_case_add_note(struct request *rq, struct response *rs);
void page_case_request_closure(struct request *rq, struct response *rs);
void page_case_approve_closure(struct request *rq, struct response *rs);
void page_case_decline_closure(struct request *rq, struct response *rs);
void page_case_reopen(struct request *rq, struct response *rs);
void page_case_import_form(struct request *rq, struct response *rs);
void page_case_import(struct request *rq, struct response *rs);

void page_tasks(struct request *rq, struct response *rs);
void page_task_done(struct request *rq, struct response *rs);
void page_person(struct request *rq, struct response *rs);
void page_person_merge(struct request *rq, struct response *rs);
void page_property(struct request *rq, struct response *rs);

struct page_errors;
struct person_match;
/* Render the case page (case_view.c) with the errors of one of its forms, or duplicate-person
 * candidates to choose from (after an "add person" whose names match existing records). */
void case_page_render(struct request *rq, struct response *rs, int64_t id, const struct page_errors *pe,
	const struct person_match *dups, size_t n_dups);

#endif
