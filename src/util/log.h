/* Logging to stderr, one line per event. Never pass personal data or secrets:
 * ids, routes, counts and statuses only. */
#ifndef NESTGUARD_LOG_H
#define NESTGUARD_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
