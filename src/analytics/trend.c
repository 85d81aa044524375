/* Monthly series helpers and the Mann-Kendall test with Sen's slope (Mann 1945; Kendall 1975;
 * Sen 1968), as used for crime trends; the variance uses the standard correction for ties. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/trend.h"
#include "util/xalloc.h"

int trend_month_parse(const char *text, int *month)
{
	int y, m, used = 0;
	if (strlen(text) != 7 || sscanf(text, "%4d-%2d%n", &y, &m, &used) != 2 || used != 7) return -1;
	if (text[4] != '-' || y < 1000 || m < 1 || m > 12) return -1;
	*month = y * 12 + (m - 1);
	return 0;
}

void trend_month_format(int month, char out[static 8])
{
	char text[32];
	int y = month / 12, m = month % 12 + 1;
	if (month < 0 || y > 9999) y = 0, m = 1;  /* not a month trend_month_parse gives */
	snprintf(text, sizeof text, "%04d-%02d", y, m);
	memcpy(out, text, 8);
}

void trend_rolling_sum(const double *x, size_t n, size_t window, double *out)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		sum += x[i];
		if (i >= window) sum -= x[i - window];
		/* Re-add from scratch now and then so rounding cannot drift over long series. */
		if (window && i >= window && i % 64 == 0) {
			sum = 0;
			for (size_t k = i + 1 - window; k <= i; k++) sum += x[k];
		}
		out[i] = (window && i + 1 >= window) ? sum : NAN;
	}
}

int trend_change(const double *x, size_t n, size_t i, size_t lag, struct trend_change *out)
{
	if (i >= n || i < lag || lag == 0) return -1;
	out->previous = x[i - lag];
	out->current = x[i];
	out->change = out->current - out->previous;
	out->percent = out->previous != 0 ? 100.0 * out->change / out->previous : NAN;
	out->small_base = out->previous < TREND_SMALL_COUNT;
	return 0;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median_sorted(const double *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double trend_sen_slope(const double *x, size_t n)
{
	if (n < 2) return NAN;
	size_t pairs = n * (n - 1) / 2, k = 0;
	double *slopes = xmalloc(pairs * sizeof *slopes);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) slopes[k++] = (x[j] - x[i]) / (double)(j - i);
	qsort(slopes, pairs, sizeof *slopes, by_double);
	double m = median_sorted(slopes, pairs);
	free(slopes);
	return m;
}

void trend_mann_kendall(const double *x, size_t n, struct trend_mann_kendall *out)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	out->p = 1.0;
	out->sen_slope = trend_sen_slope(x, n);
	if (n < 2) return;
	double s = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) s += (x[j] > x[i]) - (x[j] < x[i]);
	/* Tie groups: runs of equal values in sorted order, each of size t, reduce the variance. */
	double *sorted = xmalloc(n * sizeof *sorted);
	memcpy(sorted, x, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, by_double);
	double ties = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && sorted[j] == sorted[i]) j++;
		double t = (double)(j - i);
		ties += t * (t - 1) * (2 * t + 5);
		i = j;
	}
	free(sorted);
	double dn = (double)n;
	out->s = s;
	out->var_s = (dn * (dn - 1) * (2 * dn + 5) - ties) / 18.0;
	out->tau = s / (dn * (dn - 1) / 2.0);
	if (out->var_s > 0) {
		out->z = s > 0 ? (s - 1) / sqrt(out->var_s) : s < 0 ? (s + 1) / sqrt(out->var_s) : 0;
		out->p = erfc(fabs(out->z) / M_SQRT2);
	}
}

/* Autocorrelation at LAG of the residuals from the least-squares line through X. */
static double detrended_autocorrelation(const double *x, size_t n, size_t lag)
{
	double mt = (n - 1) / 2.0, mx = 0;
	for (size_t i = 0; i < n; i++) mx += x[i];
	mx /= n;
	double sxy = 0, sxx = 0;
	for (size_t i = 0; i < n; i++) {
		sxy += (i - mt) * (x[i] - mx);
		sxx += (i - mt) * (i - mt);
	}
	double slope = sxx > 0 ? sxy / sxx : 0;
	double *r = xmalloc(n * sizeof *r);
	for (size_t i = 0; i < n; i++) r[i] = x[i] - mx - slope * (i - mt);
	double num = 0, den = 0;
	for (size_t i = 0; i < n; i++) den += r[i] * r[i];
	for (size_t i = lag; i < n; i++) num += r[i] * r[i - lag];
	free(r);
	return den > 0 ? num / den : 0;
}

unsigned trend_caveats(const double *x, size_t n)
{
	unsigned c = 0;
	double sum = 0;
	for (size_t i = 0; i < n; i++) sum += x[i];
	if (n == 0 || sum / n < TREND_SMALL_COUNT) c |= TREND_CAVEAT_SMALL_NUMBERS;
	if (n < 10) c |= TREND_CAVEAT_SHORT_SERIES;
	/* 1.96 / sqrt(n): the approximate 95% band of an autocorrelation under no correlation. */
	double band = n ? 1.96 / sqrt((double)n) : INFINITY;
	if (n < 24) c |= TREND_CAVEAT_SEASONALITY_UNTESTED;
	else if (detrended_autocorrelation(x, n, 12) > band) c |= TREND_CAVEAT_SEASONAL;
	if (n >= 10 && detrended_autocorrelation(x, n, 1) > band) c |= TREND_CAVEAT_AUTOCORRELATED;
	return c;
}

const char *trend_caveat_text(unsigned caveat)
{
	switch (caveat) {
	case TREND_CAVEAT_SMALL_NUMBERS:
		return "Small numbers: fewer than 10 crimes a month on average, so month-to-month and "
		       "percentage changes are mostly chance.";
	case TREND_CAVEAT_SHORT_SERIES:
		return "Short series: fewer than 10 months, so the trend test can rarely detect anything.";
	case TREND_CAVEAT_SEASONALITY_UNTESTED:
		return "Fewer than 24 months: seasonality cannot be checked, and a seasonal rise or fall "
		       "can look like a trend; compare with the same months last year.";
	case TREND_CAVEAT_SEASONAL:
		return "Seasonal pattern: months a year apart are alike, so compare with the same period "
		       "last year rather than the previous month; the trend test assumes no seasonality.";
	case TREND_CAVEAT_AUTOCORRELATED:
		return "Consecutive months are correlated, which makes the trend test's p-value too small.";
	default:
		return "";
	}
}
