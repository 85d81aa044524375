/* Searching the audit trail (section 62 DPA 2018 logs) by user, record, person, action and
 * date, newest first, a page at a time; and the alerts raised for unusual viewing. */
#ifndef NESTGUARD_AUDIT_SEARCH_H
#define NESTGUARD_AUDIT_SEARCH_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct arena;

struct audit_filter {
	int64_t user_id;            /* 0: anyone */
	const char *action;         /* exact action or a prefix ending in '.', e.g. "case." */
	const char *record_type;    /* e.g. "case", "person" */
	const char *record_id;
	int64_t from, to;           /* Unix seconds, inclusive; 0: open */
	int64_t before[2];          /* paging, per log (AUDIT_CHANGES, AUDIT_ACCESSES): only rows
	                               with a smaller id; 0: from the newest */
	int limit;                  /* rows per page (1..500) */
};

enum { AUDIT_CHANGES = 0, AUDIT_ACCESSES = 1 };

struct audit_entry {
	int log;                    /* AUDIT_CHANGES or AUDIT_ACCESSES */
	int64_t id, at, user_id;    /* id: within its log */
	const char *user_name;      /* "" for the system or a signed-out visitor */
	const char *action, *record_type, *record_id, *client, *purpose, *detail;
};

/* Fill *OUT (arena array) with at most filter->limit matching rows of both logs, newest
 * first; returns the count and sets *MORE when older rows remain, and NEXT (may be NULL) to
 * the filter's `before` for the next page. */
size_t audit_search(struct db *db, struct arena *a, const struct audit_filter *filter,
	struct audit_entry **out, int *more, int64_t next[2]);

/* The category of section 62(1) DPA 2018 an action falls under: "collection", "alteration",
 * "consultation", "disclosure", "combination", "erasure", or "other" (sign-ins, denials). */
const char *audit_action_category(const char *action);

#endif
