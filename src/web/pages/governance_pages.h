/* Handlers and page pieces of information governance: shares on the case page, the register
 * of information-sharing agreements, special categories, retention and subject access. */
#ifndef NESTGUARD_GOVERNANCE_PAGES_H
#define NESTGUARD_GOVERNANCE_PAGES_H
#include "web/request.h"

struct case_file;
struct page_errors;

/* The "Sharing" section of the case page: for the owning agency, the shares with their state,
 * a revoke button each and the form to share (its errors when PE belongs to "share-"); for a
 * reader through a share, the terms it was shared on. */
void case_shares_section(struct request *rq, struct response *rs, const struct case_file *c, const struct page_errors *pe);
void page_case_share_create(struct request *rq, struct response *rs);
void page_case_share_revoke(struct request *rq, struct response *rs);

/* A select of special categories (name "special_category", blank = none) for note and
 * intervention forms. */
void ui_special_category_select(struct request *rq, struct response *rs, const char *id, const char *label,
	const char *value, const char *error);
void page_special_categories(struct request *rq, struct response *rs);
void page_special_categories_update(struct request *rq, struct response *rs);

void page_agreements(struct request *rq, struct response *rs);
void page_agreement_new(struct request *rq, struct response *rs);
void page_agreement_create(struct request *rq, struct response *rs);
void page_agreement(struct request *rq, struct response *rs);
void page_agreement_update(struct request *rq, struct response *rs);

void page_retention(struct request *rq, struct response *rs);
void page_retention_rules_update(struct request *rq, struct response *rs);
void page_retention_hold(struct request *rq, struct response *rs);
void page_retention_purge(struct request *rq, struct response *rs);

void page_subject_access_form(struct request *rq, struct response *rs);
void page_subject_access_export(struct request *rq, struct response *rs);

#endif
