/* The case list: search (name, address, postcode, reference), filters (status, exploitation
 * type, ward or neighbourhood, worker, risk, referring agency, date opened), sorting and
 * pagination, over the cases the actor may read. Built to stay fast at 100,000 cases. */
#ifndef NESTGUARD_CASE_LIST_H
#define NESTGUARD_CASE_LIST_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

/* As in the query string; all optional. */
struct case_filter_input {
	const char *q;                    /* words: each must match a name, address word, postcode or reference */
	const char *status;               /* open, closure_requested, closed, or "active" (not closed) */
	const char *type_id;
	const char *area_id;              /* a ward (its neighbourhoods included) or a neighbourhood */
	const char *worker_id;            /* a user id, or "unassigned" */
	const char *risk;                 /* low, medium, high, or "none" (not assessed) */
	const char *referring_agency_id;
	const char *opened_from, *opened_to;  /* dates, inclusive */
	const char *sort;                 /* opened (default), reference, risk, updated, status */
	const char *order;                /* asc or desc (default desc) */
	const char *page;                 /* 1-based */
	const char *per_page;             /* 10..100, default 25 */
};

struct case_list_row {
	int64_t id;
	const char *reference, *status, *risk_level, *opened_on, *closed_on;
	const char *worker_name, *area_name, *resident_name, *types;
	int64_t updated_at;
};

struct case_list {
	struct case_list_row *rows;
	size_t n;
	int64_t total;      /* matching cases over all pages */
	int page, per_page, pages;
};

/* Fill OUT with one page. MODEL_INVALID with field errors for a bad filter value (nothing
 * is listed then). Audited as case.list (the count only; never the search words). */
int case_list_query(struct db *db, const struct actor *who, const struct case_filter_input *in,
	struct arena *a, struct case_list *out, struct field_errors *errs);

#endif
