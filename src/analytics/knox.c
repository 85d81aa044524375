/* Knox test. Pairs within the largest distance break are found once (points sorted into grid
 * cells of that size, each cell compared with itself and four forward neighbours) and stored
 * per distance band as compressed rows. A permutation shuffles the dates over the locations and
 * recounts only those pairs' time bands; permutations are spread over threads, each seeded from
 * (seed, permutation number), so the result does not depend on the number of threads. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analytics/knox.h"
#include "util/xalloc.h"

int knox_band_index(const double *breaks, size_t count, double value, enum knox_closure closure)
{
	size_t k;
	if (closure == KNOX_CLOSED_LEFT) {
		if (!(value >= breaks[0] && value < breaks[count - 1])) return -1;
		for (k = count - 2; k > 0 && value < breaks[k]; k--) {}
	} else {
		if (!(value >= breaks[0] && value <= breaks[count - 1])) return -1;
		for (k = 0; k + 2 < count && value > breaks[k + 1]; k++) {}
	}
	return (int)k;
}

static int check_breaks(const char *what, const double *b, size_t count, char *err, size_t errlen)
{
	if (count < 2) {
		snprintf(err, errlen, "%s bands need at least two breaks (for example 0,7)", what);
		return -1;
	}
	if (count > 255) {
		snprintf(err, errlen, "%s bands: at most 254 bands", what);
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		if (!isfinite(b[i]) || b[i] < 0) {
			snprintf(err, errlen, "%s bands: break %zu must be a number >= 0", what, i + 1);
			return -1;
		}
		if (i > 0 && !(b[i] > b[i - 1])) {
			snprintf(err, errlen, "%s bands: breaks must increase (break %zu is not above break %zu)",
				 what, i + 1, i);
			return -1;
		}
	}
	return 0;
}

int knox_check(const struct knox_params *p, size_t n, char *err, size_t errlen)
{
	if (check_breaks("distance", p->distance_breaks, p->distance_breaks_count, err, errlen)) return -1;
	if (check_breaks("time", p->time_breaks, p->time_breaks_count, err, errlen)) return -1;
	if (p->iterations < 1) {
		snprintf(err, errlen, "iterations must be at least 1");
		return -1;
	}
	size_t cells = (p->distance_breaks_count - 1) * (p->time_breaks_count - 1);
	if ((double)p->iterations * (double)cells > KNOX_MAX_SIMULATED_CELLS) {
		snprintf(err, errlen, "%u iterations of a %zu-cell table are too many (at most %u cells in all)",
			 p->iterations, cells, KNOX_MAX_SIMULATED_CELLS);
		return -1;
	}
	if (n < 2) {
		snprintf(err, errlen, "the Knox test needs at least two events (got %zu)", n);
		return -1;
	}
	if (n > UINT32_MAX) {
		snprintf(err, errlen, "too many events (%zu)", n);
		return -1;
	}
	return 0;
}

/* ---- pseudo-random numbers: splitmix64 to seed xoshiro256** (Blackman & Vigna) ---- */

struct rng { uint64_t s[4]; };

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ splitmix64(&stream);
	for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject). */
static inline uint32_t rng_below(struct rng *r, uint32_t bound)
{
	uint64_t m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * bound;
	uint32_t low = (uint32_t)m;
	if (low < bound) {
		uint32_t threshold = (uint32_t)(-bound) % bound;
		while (low < threshold) {
			m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * bound;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* ---- close pairs ---- */

/* Pairs of one distance band as compressed rows: partners of point a (in cell-sorted order)
 * are partner[start[a]] .. partner[start[a+1]-1]. */
struct band_pairs {
	size_t *start;
	uint32_t *partner;
	size_t len, cap;
};

struct sorted_point { uint64_t key; uint32_t index; };

static int by_cell(const void *a, const void *b)
{
	const struct sorted_point *p = a, *q = b;
	if (p->key != q->key) return p->key < q->key ? -1 : 1;
	return (p->index > q->index) - (p->index < q->index);
}

static inline uint64_t cell_key(uint64_t cx, uint64_t cy) { return (cy << 32) | cx; }

/* The run [*from, *to) of sorted points in the cell KEY, or an empty run. */
static void find_cell(const uint64_t *keys, const size_t *run_start, size_t runs, uint64_t key,
		      size_t *from, size_t *to)
{
	size_t lo = 0, hi = runs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid] < key) lo = mid + 1;
		else hi = mid;
	}
	if (lo < runs && keys[lo] == key) {
		*from = run_start[lo];
		*to = run_start[lo + 1];
	} else {
		*from = *to = 0;
	}
}

static void band_push(struct band_pairs *b, uint32_t partner)
{
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->partner = xrealloc(b->partner, b->cap * sizeof *b->partner);
	}
	b->partner[b->len++] = partner;
}

/* Sorts the points into cells of the largest distance break and fills one band_pairs per
 * distance band. ORDER receives the original index of each sorted point. Returns the number of
 * close pairs, or -1 (with ERR) when the extent is too large for the grid. */
static long long find_close_pairs(const double *x, const double *y, size_t n, const struct knox_params *p,
				  struct band_pairs *bands, uint32_t *order, char *err, size_t errlen)
{
	const double *db = p->distance_breaks;
	size_t dcount = p->distance_breaks_count;
	/* Slightly larger than the largest break, so a pair at exactly that distance can never be
	 * two cells apart through rounding. */
	double cs = db[dcount - 1] * (1 + 1e-9) + 1e-12;
	double minx = x[0], miny = y[0], maxx = x[0], maxy = y[0];
	for (size_t i = 1; i < n; i++) {
		minx = fmin(minx, x[i]);
		miny = fmin(miny, y[i]);
		maxx = fmax(maxx, x[i]);
		maxy = fmax(maxy, y[i]);
	}
	if ((maxx - minx) / cs > 2e9 || (maxy - miny) / cs > 2e9) {
		snprintf(err, errlen, "the largest distance break is too small for the extent of the points");
		return -1;
	}
	struct sorted_point *sp = xmalloc(n * sizeof *sp);
	for (size_t i = 0; i < n; i++) {
		uint64_t cx = (uint64_t)floor((x[i] - minx) / cs), cy = (uint64_t)floor((y[i] - miny) / cs);
		sp[i].key = cell_key(cx, cy);
		sp[i].index = (uint32_t)i;
	}
	qsort(sp, n, sizeof *sp, by_cell);
	double *sx = xmalloc(n * sizeof *sx), *sy = xmalloc(n * sizeof *sy);
	uint64_t *keys = xmalloc(n * sizeof *keys);
	size_t *run_start = xmalloc((n + 1) * sizeof *run_start), runs = 0;
	for (size_t i = 0; i < n; i++) {
		order[i] = sp[i].index;
		sx[i] = x[sp[i].index];
		sy[i] = y[sp[i].index];
		if (i == 0 || sp[i].key != sp[i - 1].key) {
			keys[runs] = sp[i].key;
			run_start[runs++] = i;
		}
	}
	run_start[runs] = n;

	size_t nbands = dcount - 1;
	size_t max_pairs = p->max_pairs ? p->max_pairs : KNOX_DEFAULT_MAX_PAIRS;
	for (size_t s = 0; s < nbands; s++) bands[s].start = xmalloc((n + 1) * sizeof(size_t));
	long long pairs = 0;
	for (size_t r = 0; r < runs; r++) {
		uint64_t cx = keys[r] & 0xffffffffu, cy = keys[r] >> 32;
		/* This cell and its four "forward" neighbours: each unordered cell pair is visited once. */
		size_t from[5], to[5];
		from[0] = run_start[r];
		to[0] = run_start[r + 1];
		find_cell(keys, run_start, runs, cell_key(cx + 1, cy), &from[1], &to[1]);
		find_cell(keys, run_start, runs, cell_key(cx, cy + 1), &from[2], &to[2]);
		find_cell(keys, run_start, runs, cell_key(cx + 1, cy + 1), &from[3], &to[3]);
		if (cx > 0) find_cell(keys, run_start, runs, cell_key(cx - 1, cy + 1), &from[4], &to[4]);
		else from[4] = to[4] = 0;
		for (size_t a = run_start[r]; a < run_start[r + 1]; a++) {
			for (size_t s = 0; s < nbands; s++) bands[s].start[a] = bands[s].len;
			for (int c = 0; c < 5; c++) {
				for (size_t b = c == 0 ? a + 1 : from[c]; b < to[c]; b++) {
					double dx = fabs(sx[a] - sx[b]), dy = fabs(sy[a] - sy[b]);
					double d = p->metric == KNOX_MANHATTAN ? dx + dy : sqrt(dx * dx + dy * dy);
					int s = knox_band_index(db, dcount, d, p->closure);
					if (s < 0) continue;
					band_push(&bands[s], (uint32_t)b);
					if ((size_t)++pairs > max_pairs) {
						pairs = -1;
						goto done;
					}
				}
			}
		}
	}
	for (size_t s = 0; s < nbands; s++) bands[s].start[n] = bands[s].len;
done:
	if (pairs < 0)
		snprintf(err, errlen, "more than %zu pairs of events lie within %g of each other; "
			 "choose a smaller largest distance band", max_pairs, db[dcount - 1]);
	free(sp);
	free(sx);
	free(sy);
	free(keys);
	free(run_start);
	return pairs;
}

/* ---- counting time bands of the close pairs ---- */

struct counter {
	size_t n, dbands, tbands;
	const struct band_pairs *bands;
	/* Whole-day dates: times as integers from the earliest, and LUT[dt] = time band of a gap of
	 * dt days (tbands when in none) for dt <= max_gap; a larger gap is in no band. */
	int whole_days;
	const int32_t *days;
	const uint8_t *lut;
	int32_t max_gap;
	/* Otherwise: the dates as given and the breaks. */
	const double *times;
	const double *time_breaks;
	size_t time_breaks_count;
	enum knox_closure closure;
};

/* COUNTS (dbands x (tbands + 1), the last column unused) += the table for dates TD/TF, which
 * are the counter's dates in some order (one of the two is used). */
static void count_table(const struct counter *c, const int32_t *td, const double *tf, uint64_t *counts)
{
	size_t width = c->tbands + 1;
	for (size_t s = 0; s < c->dbands; s++) {
		const size_t *start = c->bands[s].start;
		const uint32_t *partner = c->bands[s].partner;
		uint64_t *row = counts + s * width;
		if (c->whole_days) {
			for (size_t a = 0; a < c->n; a++) {
				int32_t ta = td[a];
				for (size_t k = start[a]; k < start[a + 1]; k++) {
					int32_t gap = abs(ta - td[partner[k]]);
					if (gap <= c->max_gap) row[c->lut[gap]]++;
				}
			}
		} else {
			double top = c->time_breaks[c->time_breaks_count - 1];
			for (size_t a = 0; a < c->n; a++) {
				double ta = tf[a];
				for (size_t k = start[a]; k < start[a + 1]; k++) {
					double gap = fabs(ta - tf[partner[k]]);
					if (gap > top) continue;
					int band = knox_band_index(c->time_breaks, c->time_breaks_count, gap, c->closure);
					if (band >= 0) row[band]++;
				}
			}
		}
	}
}

struct worker {
	const struct counter *c;
	uint64_t seed;
	unsigned first, step, iterations;
	uint64_t *sims;  /* iterations x cells, shared; each worker writes its own rows */
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	const struct counter *c = w->c;
	size_t cells = c->dbands * c->tbands, width = c->tbands + 1;
	int32_t *td = c->whole_days ? xmalloc(c->n * sizeof *td) : NULL;
	double *tf = c->whole_days ? NULL : xmalloc(c->n * sizeof *tf);
	uint64_t *counts = xmalloc(c->dbands * width * sizeof *counts);
	for (unsigned it = w->first; it < w->iterations; it += w->step) {
		struct rng rng;
		rng_seed(&rng, w->seed, it);
		if (td) memcpy(td, c->days, c->n * sizeof *td);
		else memcpy(tf, c->times, c->n * sizeof *tf);
		for (size_t i = c->n - 1; i > 0; i--) {  /* Fisher-Yates */
			size_t j = rng_below(&rng, (uint32_t)(i + 1));
			if (td) { int32_t v = td[i]; td[i] = td[j]; td[j] = v; }
			else { double v = tf[i]; tf[i] = tf[j]; tf[j] = v; }
		}
		memset(counts, 0, c->dbands * width * sizeof *counts);
		count_table(c, td, tf, counts);
		for (size_t s = 0; s < c->dbands; s++)
			for (size_t t = 0; t < c->tbands; t++)
				w->sims[(size_t)it * cells + s * c->tbands + t] = counts[s * width + t];
	}
	free(td);
	free(tf);
	free(counts);
	return NULL;
}

static int by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Dates usable as whole days: integers whose span fits a lookup table. */
static int dates_are_whole_days(const double *t, size_t n, double *tmin, double *span)
{
	double lo = t[0], hi = t[0];
	for (size_t i = 0; i < n; i++) {
		if (t[i] != floor(t[i])) return 0;
		lo = fmin(lo, t[i]);
		hi = fmax(hi, t[i]);
	}
	*tmin = lo;
	*span = hi - lo;
	return hi - lo < 1e8;
}

static unsigned thread_count(const struct knox_params *p)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = p->threads ? p->threads : (online > 0 ? (unsigned)online : 1);
	if (threads > 64) threads = 64;
	if (threads > p->iterations) threads = p->iterations;
	return threads ? threads : 1;
}

int knox_run(const double *x, const double *y, const double *t, size_t n,
	     const struct knox_params *p, struct knox_result *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (knox_check(p, n, err, errlen)) return -1;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]) || !isfinite(y[i]) || !isfinite(t[i])) {
			snprintf(err, errlen, "event %zu has a coordinate or date that is not a finite number", i + 1);
			return -1;
		}
	size_t dbands = p->distance_breaks_count - 1, tbands = p->time_breaks_count - 1;
	size_t cells = dbands * tbands, width = tbands + 1;

	struct band_pairs *bands = xcalloc(dbands, sizeof *bands);
	uint32_t *order = xmalloc(n * sizeof *order);
	long long pairs = find_close_pairs(x, y, n, p, bands, order, err, errlen);
	if (pairs < 0) {
		for (size_t s = 0; s < dbands; s++) {
			free(bands[s].start);
			free(bands[s].partner);
		}
		free(bands);
		free(order);
		return -1;
	}

	struct counter c = {
		.n = n, .dbands = dbands, .tbands = tbands, .bands = bands,
		.time_breaks = p->time_breaks, .time_breaks_count = p->time_breaks_count,
		.closure = p->closure,
	};
	double tmin = 0, span = 0;
	c.whole_days = dates_are_whole_days(t, n, &tmin, &span);
	int32_t *days = NULL;
	double *times = NULL;
	uint8_t *lut = NULL;
	if (c.whole_days) {
		days = xmalloc(n * sizeof *days);
		for (size_t i = 0; i < n; i++) days[i] = (int32_t)(t[order[i]] - tmin);
		/* The largest whole gap that can fall in a band (at most the span of the dates). */
		double top = p->time_breaks[p->time_breaks_count - 1];
		int32_t max_gap = (int32_t)fmin(floor(top), span);
		lut = xmalloc((size_t)max_gap + 1);
		for (int32_t g = 0; g <= max_gap; g++) {
			int band = knox_band_index(p->time_breaks, p->time_breaks_count, g, p->closure);
			lut[g] = (uint8_t)(band < 0 ? tbands : (size_t)band);
		}
		c.days = days;
		c.lut = lut;
		c.max_gap = max_gap;
	} else {
		times = xmalloc(n * sizeof *times);
		for (size_t i = 0; i < n; i++) times[i] = t[order[i]];
		c.times = times;
	}

	uint64_t *observed_wide = xcalloc(dbands * width, sizeof *observed_wide);
	count_table(&c, days, times, observed_wide);

	uint64_t *sims = xmalloc((size_t)p->iterations * cells * sizeof *sims);
	unsigned threads = thread_count(p);
	struct worker *workers = xcalloc(threads, sizeof *workers);
	pthread_t *tids = xcalloc(threads, sizeof *tids);
	int *started = xcalloc(threads, sizeof *started);
	for (unsigned i = 0; i < threads; i++) {
		workers[i] = (struct worker){&c, p->seed, i, threads, p->iterations, sims};
		if (i > 0) started[i] = pthread_create(&tids[i], NULL, worker_run, &workers[i]) == 0;
	}
	worker_run(&workers[0]);
	for (unsigned i = 1; i < threads; i++) {
		if (started[i]) pthread_join(tids[i], NULL);
		else worker_run(&workers[i]);  /* no thread to be had: do its share here */
	}
	free(workers);
	free(tids);
	free(started);

	out->distance_bands = dbands;
	out->time_bands = tbands;
	out->events = n;
	out->close_pairs = (size_t)pairs;
	out->iterations = p->iterations;
	out->observed = xmalloc(cells * sizeof *out->observed);
	out->sim_mean = xmalloc(cells * sizeof(double));
	out->sim_median = xmalloc(cells * sizeof(double));
	out->ratio_mean = xmalloc(cells * sizeof(double));
	out->ratio_median = xmalloc(cells * sizeof(double));
	out->p = xmalloc(cells * sizeof(double));
	uint64_t *column = xmalloc(p->iterations * sizeof *column);
	for (size_t s = 0; s < dbands; s++)
		for (size_t tb = 0; tb < tbands; tb++) {
			size_t cell = s * tbands + tb;
			uint64_t obs = observed_wide[s * width + tb];
			double sum = 0;
			size_t at_least = 0;
			for (unsigned it = 0; it < p->iterations; it++) {
				uint64_t v = sims[(size_t)it * cells + cell];
				column[it] = v;
				sum += (double)v;
				if (v >= obs) at_least++;
			}
			qsort(column, p->iterations, sizeof *column, by_u64);
			unsigned m = p->iterations;
			double median = m % 2 ? (double)column[m / 2]
					      : ((double)column[m / 2 - 1] + (double)column[m / 2]) / 2.0;
			out->observed[cell] = obs;
			out->sim_mean[cell] = sum / m;
			out->sim_median[cell] = median;
			out->ratio_mean[cell] = out->sim_mean[cell] > 0 ? (double)obs / out->sim_mean[cell] : NAN;
			out->ratio_median[cell] = median > 0 ? (double)obs / median : NAN;
			out->p[cell] = (double)(at_least + 1) / (double)(m + 1);
		}
	free(column);
	free(sims);
	free(observed_wide);
	free(days);
	free(times);
	free(lut);
	for (size_t s = 0; s < dbands; s++) {
		free(bands[s].start);
		free(bands[s].partner);
	}
	free(bands);
	free(order);
	return 0;
}

void knox_result_free(struct knox_result *r)
{
	free(r->observed);
	free(r->sim_mean);
	free(r->sim_median);
	free(r->ratio_mean);
	free(r->ratio_median);
	free(r->p);
	memset(r, 0, sizeof *r);
}
