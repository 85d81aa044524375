/* Demo data for information governance, so that the demo's partner account has something to
 * see: an information-sharing agreement between the agency owning the demo caseload and the
 * housing provider, and a few of the newest open cases shared with the provider. */
#ifndef NESTGUARD_GOVERNANCE_DEMO_H
#define NESTGUARD_GOVERNANCE_DEMO_H

struct db;

/* Does nothing when there is no caseload, no housing agency or no caseworker to share. */
void governance_demo_create(struct db *db);

#endif
