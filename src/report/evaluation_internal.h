/* Shared by the files that compute the evaluation (evaluation.c, evaluation_scan.c). */
#ifndef NESTGUARD_EVALUATION_INTERNAL_H
#define NESTGUARD_EVALUATION_INTERNAL_H
#include "report/evaluation.h"

struct db;

/* Count every figure of EV's period (totals, months' referrals, agencies, types, outcomes,
 * interventions, areas, wards) in one pass per table. EV's months must be laid out already. */
void evaluation_scan(struct db *db, struct evaluation *ev);
/* qsort comparison of wards by name. */
int evaluation_ward_by_name(const void *a, const void *b);

#endif
