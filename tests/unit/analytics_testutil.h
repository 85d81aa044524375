/* Helpers for the analytics unit tests: finding committed test data whether the test runs from
 * the repository root or from build/tests, and a small deterministic random source. */
#ifndef NESTGUARD_ANALYTICS_TESTUTIL_H
#define NESTGUARD_ANALYTICS_TESTUTIL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Path of tests/data/NAME, or NULL when it cannot be found. */
static inline const char *test_data_path(const char *name)
{
	static char path[4096];
	const char *prefixes[] = {"tests/data/", "../../tests/data/", "../tests/data/", NULL};
	for (int i = 0; prefixes[i]; i++) {
		snprintf(path, sizeof path, "%s%s", prefixes[i], name);
		if (access(path, R_OK) == 0) return path;
	}
	return NULL;
}

/* Path of ../shared/data/NAME beside the repository ($NESTGUARD_SHARED_DATA overrides), or NULL. */
static inline const char *shared_data_path(const char *name)
{
	static char path[4096];
	const char *env = getenv("NESTGUARD_SHARED_DATA");
	if (env && *env) {
		snprintf(path, sizeof path, "%s/%s", env, name);
		if (access(path, R_OK) == 0) return path;
	}
	const char *prefixes[] = {"../shared/data/", "../../../shared/data/", NULL};
	for (int i = 0; prefixes[i]; i++) {
		snprintf(path, sizeof path, "%s%s", prefixes[i], name);
		if (access(path, R_OK) == 0) return path;
	}
	return NULL;
}

/* splitmix64: plenty for making test data. */
static inline uint64_t test_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double test_uniform(uint64_t *state)
{
	return (double)(test_random(state) >> 11) / 9007199254740992.0;
}

#endif
