/* Alerts on unusual viewing: one user consulting many records in a short time is how data
 * is harvested (or how an account is misused), so it raises an "alert.bulk_viewing" audit row
 * that team leaders and administrators see on the audit page. */
#ifndef NESTGUARD_AUDIT_ALERT_H
#define NESTGUARD_AUDIT_ALERT_H
#include <stdint.h>

#define AUDIT_ALERT_WINDOW_MINUTES 10
#define AUDIT_ALERT_DEFAULT_VIEWS 200   /* setting audit.alert.views: views per window */

/* Count one view by USER_ID at time NOW (seconds). Returns the number of views in the last
 * window when this view crosses THRESHOLD for the first time in that window (the caller then
 * records the alert), else 0. In memory, per process; thread-safe. */
int audit_alert_count_view(int64_t user_id, int64_t now, int threshold);
/* Forget all counts (tests). */
void audit_alert_reset(void);

#endif
