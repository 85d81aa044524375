/* The Knox test for space-time clustering (near repeats), as the Near Repeat Calculator and
 * the R package NearRepeat run it: every pair of events is put in a distance band and a
 * time band; the observed table is compared with tables from Monte Carlo permutations of the
 * dates over the fixed locations. Only pairs closer than the largest distance break can count,
 * so they are found once with a spatial grid and each permutation recounts just their time bands. */
#ifndef NESTGUARD_KNOX_H
#define NESTGUARD_KNOX_H
#include <stddef.h>
#include <stdint.h>

enum knox_metric { KNOX_MANHATTAN, KNOX_EUCLIDEAN };

/* Band closure. Breaks b0 < b1 < ... < bk make k bands.
 *  KNOX_CLOSED_LEFT:  [b0,b1) [b1,b2) ... [bk-1,bk)   (a value equal to bk is outside)
 *  KNOX_CLOSED_RIGHT: [b0,b1] (b1,b2] ... (bk-1,bk]   (the first band also holds b0, like R's
 *                     cut(right = TRUE, include.lowest = TRUE), so that same-place and
 *                     same-day pairs are not silently dropped when b0 = 0) */
enum knox_closure { KNOX_CLOSED_LEFT, KNOX_CLOSED_RIGHT };

struct knox_params {
	const double *distance_breaks;  /* in the coordinates' unit (metres) */
	size_t distance_breaks_count;   /* >= 2, strictly increasing, first >= 0 */
	const double *time_breaks;      /* in days */
	size_t time_breaks_count;       /* >= 2, strictly increasing, first >= 0 */
	enum knox_metric metric;
	enum knox_closure closure;
	unsigned iterations;            /* Monte Carlo permutations, >= 1 (999 is usual) */
	uint64_t seed;                  /* the same seed and input give the same result */
	unsigned threads;               /* 0: one per online processor */
	size_t max_pairs;               /* refuse more close pairs than this; 0: KNOX_DEFAULT_MAX_PAIRS */
};

/* Close pairs take 4 bytes each and every permutation visits them all: 100 million pairs is
 * 400 MB and minutes of work, more than any sensible largest distance band gives. */
#define KNOX_DEFAULT_MAX_PAIRS 100000000u
/* Simulated tables are kept for the medians: iterations x cells at most this many. */
#define KNOX_MAX_SIMULATED_CELLS 50000000u

struct knox_result {
	size_t distance_bands, time_bands;  /* tables are distance_bands x time_bands, row-major */
	size_t events;
	size_t close_pairs;                 /* pairs within the largest distance break */
	unsigned iterations;
	uint64_t *observed;
	double *sim_mean;                   /* mean of the simulated counts */
	double *sim_median;
	double *ratio_mean;                 /* observed / sim_mean; NAN when sim_mean is 0 */
	double *ratio_median;               /* observed / sim_median; NAN when sim_median is 0 */
	double *p;                          /* (#{sim >= observed} + 1) / (iterations + 1) */
};

/* Band of VALUE among BREAKS under CLOSURE (0-based), or -1 when it falls in no band. */
int knox_band_index(const double *breaks, size_t count, double value, enum knox_closure closure);

/* Checks PARAMS and N; 0, or -1 with a message naming the parameter in ERR. */
int knox_check(const struct knox_params *params, size_t n, char *err, size_t errlen);

/* Runs the test on N events at (X, Y) with dates T (days; fractions allowed). Returns 0 and
 * fills OUT (free with knox_result_free), or -1 with a message in ERR for bad parameters or
 * more close pairs than PARAMS->max_pairs. */
int knox_run(const double *x, const double *y, const double *t, size_t n,
	     const struct knox_params *params, struct knox_result *out, char *err, size_t errlen);
void knox_result_free(struct knox_result *r);

#endif
