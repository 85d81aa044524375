/* JSON forms of the case-management records, shared by the API handlers so that a person,
 * a property or a case looks the same wherever it appears. */
#ifndef NESTGUARD_CASE_JSON_H
#define NESTGUARD_CASE_JSON_H
#include "model/case.h"
#include "model/case_list.h"
#include "model/person.h"
#include "model/property.h"
#include "model/referral.h"
#include "web/request.h"

void case_json_person(struct response *rs, const struct person *p);
void case_json_property(struct response *rs, const struct property *p);
void case_json_linked_cases(struct response *rs, const struct person_case *c, size_t n);
/* The case record (no people, properties etc.). */
void case_json_case(struct response *rs, const struct case_file *c);
void case_json_list_row(struct response *rs, const struct case_list_row *r);
/* A referral as its reader may see it (status only for the referrer). */
void case_json_referral(struct response *rs, const struct referral *r);
void case_json_referral_row(struct response *rs, const struct referral_row *r);

#endif
