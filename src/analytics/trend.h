/* Monthly crime series: rolling 12-month sums, change on the previous period and on the same
 * period last year, the Mann-Kendall trend test (with the tie correction) and Sen's slope, and
 * the caveats a crime analyst attaches to them (small numbers, seasonality, short series). */
#ifndef NESTGUARD_TREND_H
#define NESTGUARD_TREND_H
#include <stddef.h>

/* Month index: months since January of year 0 (year * 12 + month - 1), so consecutive months
 * differ by 1. Parses "YYYY-MM" (police.uk's Month column); returns 0, or -1 when malformed. */
int trend_month_parse(const char *text, int *month);
/* Writes "YYYY-MM" into OUT (at least 8 bytes). */
void trend_month_format(int month, char out[static 8]);

/* OUT[i] = X[i-window+1] + ... + X[i] for i >= window - 1; NAN before that. */
void trend_rolling_sum(const double *x, size_t n, size_t window, double *out);

struct trend_change {
	double previous, current;
	double change;         /* current - previous */
	double percent;        /* 100 * change / previous; NAN when previous is 0 */
	int small_base;        /* previous < TREND_SMALL_COUNT: the percentage misleads */
};

/* Change from X[i - lag] to X[i] (lag 1: previous month; 12: same month last year; for
 * periods longer than a month pass rolling sums). Returns 0, or -1 when i < lag or i >= n. */
int trend_change(const double *x, size_t n, size_t i, size_t lag, struct trend_change *out);

struct trend_mann_kendall {
	size_t n;
	double s;        /* sum over i < j of sign(x_j - x_i) */
	double var_s;    /* n(n-1)(2n+5)/18 less the tie correction */
	double z;        /* continuity-corrected: (S - 1)/sqrt(var) if S > 0, (S + 1)/sqrt(var) if S < 0 */
	double p;        /* two-sided, standard normal */
	double tau;      /* Kendall's tau-a = S / (n(n-1)/2) */
	double sen_slope;  /* median of (x_j - x_i)/(j - i): change per month */
};

/* Mann-Kendall on X (in time order, one value per month). Needs n >= 2 (else all zeros, p = 1). */
void trend_mann_kendall(const double *x, size_t n, struct trend_mann_kendall *out);

/* Sen's slope: the median of the pairwise slopes (NAN when n < 2). */
double trend_sen_slope(const double *x, size_t n);

/* Below this many a month (on average) or as the base of a change, counts are "small numbers". */
#define TREND_SMALL_COUNT 10.0

enum trend_caveat {
	TREND_CAVEAT_SMALL_NUMBERS = 1 << 0,   /* mean under TREND_SMALL_COUNT a month */
	TREND_CAVEAT_SHORT_SERIES = 1 << 1,    /* fewer than 10 months: the test has little power */
	TREND_CAVEAT_SEASONALITY_UNTESTED = 1 << 2,  /* fewer than 24 months: seasonality unknown */
	TREND_CAVEAT_SEASONAL = 1 << 3,        /* lag-12 autocorrelation of the detrended series is significant */
	TREND_CAVEAT_AUTOCORRELATED = 1 << 4,  /* lag-1 autocorrelation of the detrended series is significant */
};

/* The caveats that apply to monthly series X, as a set of enum trend_caveat bits. */
unsigned trend_caveats(const double *x, size_t n);
/* One sentence for one caveat bit. */
const char *trend_caveat_text(unsigned caveat);

#endif
