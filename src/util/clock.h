/* Wall-clock time for the whole program. Tests control it: when the environment
 * variable NESTGUARD_TEST_CLOCK_FILE names a file, the whole seconds written in that
 * file are added to the real time on every call (so a test can jump 31 minutes
 * ahead without sleeping). */
#ifndef NESTGUARD_CLOCK_H
#define NESTGUARD_CLOCK_H
#include <stdint.h>
#include <stddef.h>

int64_t clock_now(void);                  /* seconds since the Unix epoch, UTC */
int64_t clock_monotonic_us(void);         /* for durations; not affected by tests */
/* Format T as ISO 8601 UTC ("2026-11-26T16:05:25Z") into OUT (at least 21 bytes). */
void clock_format_iso(int64_t t, char *out, size_t size);
/* Today's date (UTC) as YYYY-MM-DD into OUT (at least 11 bytes). */
void clock_format_date(int64_t t, char *out, size_t size);

#endif
