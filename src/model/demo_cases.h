/* A realistic, clearly fictional caseload for `nestguard demo` and for benchmarks: referrals
 * and cases across Stockport's wards and a few named estates, with people (some in several
 * cases, some near-duplicates to merge), properties on invented streets, exploitation types,
 * risk histories, interventions, tasks (some overdue), notes and closures. */
#ifndef NESTGUARD_DEMO_CASES_H
#define NESTGUARD_DEMO_CASES_H

struct db;

/* Add N_CASES cases (plus a few pending and declined referrals) to DB. The owning agency is
 * the one that receives referrals; if there is none, a demo council and workers are created.
 * The same SEED gives the same caseload. Runs in one transaction. */
void demo_cases_create(struct db *db, int n_cases, unsigned seed);

#endif
