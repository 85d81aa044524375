/* The chronology of a case: everything recorded about it in date order (referral, opening,
 * assignments, people and properties linked, risk reviews, interventions, tasks, notes,
 * closure and reopening), for the case page and a printable view. */
#ifndef NESTGUARD_CHRONOLOGY_H
#define NESTGUARD_CHRONOLOGY_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"

struct db;
struct arena;

struct chronology_entry {
	const char *date;      /* YYYY-MM-DD the thing happened (interventions: the date entered) */
	int64_t at;            /* when it was recorded */
	const char *kind;      /* referral, event, risk, intervention, task, task_done, note */
	const char *title;     /* "Risk set to High", "Arrest", "Note" */
	const char *detail;    /* reason, details or note text; may be "" */
	const char *by_name;   /* who recorded it; "" for the system */
	size_t order;          /* collection order: keeps same-second entries in a sensible order */
};

/* Oldest first. Audited as case.chronology.view. MODEL_NOT_FOUND unless WHO may read the case. */
int chronology_for_case(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct chronology_entry **out, size_t *n);

#endif
