/* Primary and secondary cell suppression with an interval audit (see disclosure.h for the
 * rules and their limits). The table is held with its margins: (rows + 1) x (columns + 1)
 * when both totals exist. A "line" is one additive relation: its inner cells sum to its
 * total cell. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "report/disclosure.h"
#include "report/simplex.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct line {
	size_t n;
	size_t *cell;   /* indices into the full table */
	int *sign;      /* +1 inner cell, -1 the total */
};

struct disclosure_table {
	size_t rows, columns;   /* inner cells */
	size_t full_rows, full_columns;
	long *value;
	enum disclosure_status *status;
	struct line *lines;
	size_t line_count;
};

void disclosure_rules_default(struct disclosure_rules *r)
{
	r->threshold = 5;
	r->suppress_zero = 0;
}

static void add_line(struct disclosure_table *d, size_t n)
{
	d->lines = xrealloc(d->lines, (d->line_count + 1) * sizeof *d->lines);
	struct line *l = &d->lines[d->line_count++];
	l->n = n;
	l->cell = xmalloc(n * sizeof *l->cell);
	l->sign = xmalloc(n * sizeof *l->sign);
}

struct disclosure_table *disclosure_table_new(size_t rows, size_t columns)
{
	if (rows == 0 || columns == 0 || rows > 100000 || columns > 100000)
		fatal("disclosure_table_new: %zu x %zu is not a table", rows, columns);
	struct disclosure_table *d = xcalloc(1, sizeof *d);
	d->rows = rows;
	d->columns = columns;
	d->full_rows = rows + (rows > 1);
	d->full_columns = columns + (columns > 1);
	d->value = xcalloc(d->full_rows * d->full_columns, sizeof *d->value);
	d->status = xcalloc(d->full_rows * d->full_columns, sizeof *d->status);
	if (columns > 1)
		for (size_t i = 0; i < d->full_rows; i++) {
			add_line(d, columns + 1);
			struct line *l = &d->lines[d->line_count - 1];
			for (size_t j = 0; j <= columns; j++) {
				l->cell[j] = i * d->full_columns + j;
				l->sign[j] = j < columns ? 1 : -1;
			}
		}
	if (rows > 1)
		for (size_t j = 0; j < d->full_columns; j++) {
			add_line(d, rows + 1);
			struct line *l = &d->lines[d->line_count - 1];
			for (size_t i = 0; i <= rows; i++) {
				l->cell[i] = i * d->full_columns + j;
				l->sign[i] = i < rows ? 1 : -1;
			}
		}
	return d;
}

void disclosure_table_free(struct disclosure_table *d)
{
	if (!d) return;
	for (size_t i = 0; i < d->line_count; i++) {
		free(d->lines[i].cell);
		free(d->lines[i].sign);
	}
	free(d->lines);
	free(d->value);
	free(d->status);
	free(d);
}

void disclosure_table_set(struct disclosure_table *d, size_t row, size_t column, long count)
{
	if (row >= d->rows || column >= d->columns) fatal("disclosure_table_set: no cell (%zu, %zu)", row, column);
	if (count < 0) fatal("disclosure_table_set: negative count");
	d->value[row * d->full_columns + column] = count;
}

size_t disclosure_rows(const struct disclosure_table *d) { return d->rows; }
size_t disclosure_columns(const struct disclosure_table *d) { return d->columns; }
int disclosure_has_totals_row(const struct disclosure_table *d) { return d->rows > 1; }
int disclosure_has_totals_column(const struct disclosure_table *d) { return d->columns > 1; }

static size_t index_of(const struct disclosure_table *d, size_t row, size_t column)
{
	if (row >= d->full_rows || column >= d->full_columns)
		fatal("disclosure: no cell (%zu, %zu)", row, column);
	return row * d->full_columns + column;
}

long disclosure_value(const struct disclosure_table *d, size_t row, size_t column)
{
	return d->value[index_of(d, row, column)];
}

enum disclosure_status disclosure_status(const struct disclosure_table *d, size_t row, size_t column)
{
	return d->status[index_of(d, row, column)];
}

static int is_margin(const struct disclosure_table *d, size_t cell)
{
	return (d->rows > 1 && cell / d->full_columns == d->rows) || (d->columns > 1 && cell % d->full_columns == d->columns);
}

/* The visible cell to hide next in line L: non-zero (a zero is no cover: see the header),
 * inner before margin, smallest first. SIZE_MAX when there is none. */
static size_t cover_candidate(const struct disclosure_table *d, const struct line *l)
{
	size_t best = SIZE_MAX;
	for (size_t k = 0; k < l->n; k++) {
		size_t c = l->cell[k];
		if (d->status[c] != DISCLOSURE_SHOWN || d->value[c] == 0) continue;
		if (best == SIZE_MAX || is_margin(d, best) > is_margin(d, c) ||
		    (is_margin(d, best) == is_margin(d, c) && d->value[c] < d->value[best]))
			best = c;
	}
	return best;
}

/* Step 1: no line with exactly one hidden cell. */
static void cover_single_cells(struct disclosure_table *d)
{
	int changed = 1;
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < d->line_count; i++) {
			const struct line *l = &d->lines[i];
			size_t hidden = 0;
			for (size_t k = 0; k < l->n; k++) hidden += d->status[l->cell[k]] != DISCLOSURE_SHOWN;
			if (hidden != 1) continue;
			size_t c = cover_candidate(d, l);
			if (c == SIZE_MAX) continue;
			d->status[c] = DISCLOSURE_SECONDARY;
			changed = 1;
		}
	}
}

/* Step 2: what an attacker can deduce. LO/HI get each cell's range (HI may be INFINITY). */
static void attacker_ranges(const struct disclosure_table *d, const struct disclosure_rules *r, double *lo, double *hi)
{
	size_t cells = d->full_rows * d->full_columns;
	for (size_t c = 0; c < cells; c++) {
		switch (d->status[c]) {
		case DISCLOSURE_SHOWN: lo[c] = hi[c] = (double)d->value[c]; break;
		case DISCLOSURE_SMALL: lo[c] = r->suppress_zero ? 0 : 1; hi[c] = (double)(r->threshold - 1); break;
		case DISCLOSURE_SECONDARY: lo[c] = (double)r->threshold; hi[c] = INFINITY; break;
		}
	}
	for (int pass = 0, changed = 1; changed && pass < 500; pass++) {
		changed = 0;
		for (size_t i = 0; i < d->line_count; i++) {
			const struct line *l = &d->lines[i];
			/* bounds of sum(sign * x) over the line, counting infinite parts apart */
			double smin = 0, smax = 0;
			int inf_min = 0, inf_max = 0;
			for (size_t k = 0; k < l->n; k++) {
				size_t c = l->cell[k];
				double a = l->sign[k] > 0 ? lo[c] : -hi[c], b = l->sign[k] > 0 ? hi[c] : -lo[c];
				if (isinf(a)) inf_min++; else smin += a;
				if (isinf(b)) inf_max++; else smax += b;
			}
			for (size_t k = 0; k < l->n; k++) {
				size_t c = l->cell[k];
				if (d->status[c] == DISCLOSURE_SHOWN) continue;
				double a = l->sign[k] > 0 ? lo[c] : -hi[c], b = l->sign[k] > 0 ? hi[c] : -lo[c];
				/* the other cells' sum lies in [omin, omax]; sign * x = -that sum */
				double omin = inf_min - isinf(a) > 0 ? -INFINITY : smin - (isinf(a) ? 0 : a);
				double omax = inf_max - isinf(b) > 0 ? INFINITY : smax - (isinf(b) ? 0 : b);
				double nlo, nhi;
				if (l->sign[k] > 0) { nlo = -omax; nhi = -omin; }
				else { nlo = omin; nhi = omax; }
				nlo = ceil(nlo - 1e-9);
				nhi = floor(nhi + 1e-9);
				if (nlo > lo[c]) { lo[c] = nlo; changed = 1; }
				if (nhi < hi[c]) { hi[c] = nhi; changed = 1; }
			}
		}
	}
}

/* Beyond single lines: the attacker solves every equation at once. For each small hidden
 * cell, the least and greatest value a linear program allows (given the ranges already in
 * LO/HI, which interval reasoning proved) narrows LO/HI to the whole numbers in between.
 * Tables with more hidden cells than LP_LIMIT keep the interval ranges only. */
#define LP_LIMIT 300

static void lp_ranges(const struct disclosure_table *d, double *lo, double *hi)
{
	size_t cells = d->full_rows * d->full_columns;
	size_t *var = xmalloc(cells * sizeof *var), hidden = 0, bounded = 0;
	for (size_t c = 0; c < cells; c++) {
		var[c] = SIZE_MAX;
		if (d->status[c] == DISCLOSURE_SHOWN || lo[c] >= hi[c]) continue;
		var[c] = hidden++;
		if (isfinite(hi[c])) bounded++;
	}
	if (hidden == 0 || hidden > LP_LIMIT) { free(var); return; }
	size_t n = hidden + bounded, m = 0;
	double *a = xcalloc((d->line_count + bounded) * n, sizeof *a);
	double *b = xcalloc(d->line_count + bounded, sizeof *b);
	/* each line: sum(sign * (lo + y)) over hidden cells = -sum(sign * value) over the rest */
	for (size_t i = 0; i < d->line_count; i++) {
		const struct line *l = &d->lines[i];
		double rhs = 0;
		int any = 0;
		for (size_t k = 0; k < l->n; k++) {
			size_t c = l->cell[k];
			if (var[c] == SIZE_MAX) { rhs -= l->sign[k] * (d->status[c] == DISCLOSURE_SHOWN ? (double)d->value[c] : lo[c]); continue; }
			a[m * n + var[c]] = l->sign[k];
			rhs -= l->sign[k] * lo[c];
			any = 1;
		}
		if (any) b[m++] = rhs;
	}
	/* y + slack = hi - lo where hi is known */
	size_t slack = hidden;
	for (size_t c = 0; c < cells; c++) {
		if (var[c] == SIZE_MAX || !isfinite(hi[c])) continue;
		a[m * n + var[c]] = 1;
		a[m * n + slack++] = 1;
		b[m++] = hi[c] - lo[c];
	}
	double *obj = xcalloc(n, sizeof *obj);
	for (size_t c = 0; c < cells; c++) {
		if (var[c] == SIZE_MAX || d->status[c] != DISCLOSURE_SMALL) continue;
		double least, most;
		obj[var[c]] = 1;
		enum simplex_result r1 = simplex_minimise(m, n, a, b, obj, &least);
		obj[var[c]] = -1;
		enum simplex_result r2 = simplex_minimise(m, n, a, b, obj, &most);
		obj[var[c]] = 0;
		if (r1 == SIMPLEX_INFEASIBLE || r2 == SIMPLEX_INFEASIBLE) fatal("disclosure: the table contradicts itself");
		double base = lo[c];
		if (r1 == SIMPLEX_OPTIMAL) lo[c] = fmax(lo[c], base + ceil(least - 1e-6));
		if (r2 == SIMPLEX_OPTIMAL) hi[c] = fmin(hi[c], base + floor(-most + 1e-6));
	}
	free(obj);
	free(a);
	free(b);
	free(var);
}

size_t disclosure_protect(struct disclosure_table *d, const struct disclosure_rules *rules)
{
	if (rules->threshold < 2) fatal("disclosure_protect: threshold must be at least 2");
	size_t R = d->full_rows, C = d->full_columns, cells = R * C;
	/* totals */
	if (d->columns > 1)
		for (size_t i = 0; i < d->rows; i++) {
			long sum = 0;
			for (size_t j = 0; j < d->columns; j++) sum += d->value[i * C + j];
			d->value[i * C + d->columns] = sum;
		}
	if (d->rows > 1)
		for (size_t j = 0; j < C; j++) {
			long sum = 0;
			for (size_t i = 0; i < d->rows; i++) sum += d->value[i * C + j];
			d->value[d->rows * C + j] = sum;
		}
	for (size_t c = 0; c < cells; c++) {
		long v = d->value[c];
		d->status[c] = (v < rules->threshold && (v > 0 || rules->suppress_zero)) ? DISCLOSURE_SMALL : DISCLOSURE_SHOWN;
	}
	double *lo = xmalloc(cells * sizeof *lo), *hi = xmalloc(cells * sizeof *hi);
	unsigned char *hopeless = xcalloc(cells, 1);
	/* a label that already says the value ("fewer than 2" with zeros shown) cannot be helped */
	long width = rules->threshold - 1 - (rules->suppress_zero ? 0 : 1);
	for (;;) {
		cover_single_cells(d);
		attacker_ranges(d, rules, lo, hi);
		lp_ranges(d, lo, hi);
		size_t pinned = SIZE_MAX;
		for (size_t c = 0; c < cells && pinned == SIZE_MAX; c++)
			if (d->status[c] == DISCLOSURE_SMALL && !hopeless[c] && width > 0 && lo[c] >= hi[c]) pinned = c;
		if (pinned == SIZE_MAX) break;
		/* hide the smallest visible cell in a line through the pinned one */
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < d->line_count; i++) {
			const struct line *l = &d->lines[i];
			int through = 0;
			for (size_t k = 0; k < l->n; k++) through |= l->cell[k] == pinned;
			if (!through) continue;
			size_t c = cover_candidate(d, l);
			if (c != SIZE_MAX && (best == SIZE_MAX || d->value[c] < d->value[best])) best = c;
		}
		if (best == SIZE_MAX) hopeless[pinned] = 1;
		else d->status[best] = DISCLOSURE_SECONDARY;
	}
	size_t unprotected = 0;
	for (size_t c = 0; c < cells; c++) unprotected += hopeless[c];
	if (width <= 0)
		for (size_t c = 0; c < cells; c++) unprotected += d->status[c] == DISCLOSURE_SMALL;
	free(lo);
	free(hi);
	free(hopeless);
	return unprotected;
}

char *disclosure_label(const struct disclosure_rules *rules, enum disclosure_status status)
{
	struct buf b = BUF_INIT;
	if (status == DISCLOSURE_SMALL) buf_printf(&b, "fewer than %ld", rules->threshold);
	else if (status == DISCLOSURE_SECONDARY) buf_puts(&b, "suppressed");
	return buf_detach(&b);
}

char *disclosure_note(const struct disclosure_rules *rules)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "To protect the people counted, counts from %d to %ld are shown as \xE2\x80\x9C" "fewer than %ld\xE2\x80\x9D, "
	           "and some other counts are shown as \xE2\x80\x9Csuppressed\xE2\x80\x9D so that they cannot be worked out from the totals.",
	           rules->suppress_zero ? 0 : 1, rules->threshold - 1, rules->threshold);
	return buf_detach(&b);
}

void disclosure_fill_table(const struct disclosure_table *d, const struct disclosure_rules *rules,
                           struct report_table *t, size_t first_row, size_t first_column)
{
	for (size_t i = 0; i < d->full_rows; i++)
		for (size_t j = 0; j < d->full_columns; j++) {
			size_t c = i * d->full_columns + j;
			if (d->status[c] == DISCLOSURE_SHOWN) {
				report_table_set_number(t, first_row + i, first_column + j, (double)d->value[c]);
			} else {
				char *label = disclosure_label(rules, d->status[c]);
				report_table_set_suppressed(t, first_row + i, first_column + j, label);
				free(label);
			}
		}
}
