/* Clock with a test offset read from NESTGUARD_TEST_CLOCK_FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "util/clock.h"

static int64_t test_offset(void)
{
	const char *path = getenv("NESTGUARD_TEST_CLOCK_FILE");
	if (!path || !*path) return 0;
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	long long off = 0;
	if (fscanf(f, "%lld", &off) != 1) off = 0;
	fclose(f);
	return off;
}

int64_t clock_now(void)
{
	return (int64_t)time(NULL) + test_offset();
}

int64_t clock_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_format_iso(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_format_date(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}
