/* Suppression for figures linked by sums (see linked_disclosure.h). Deliberately small: the
 * evaluation has a dozen figures and a few equations, so every pass simply starts again. */
#include <stdlib.h>
#include "report/linked_disclosure.h"
#include "util/xalloc.h"

#define UNBOUNDED 1000000000000000LL   /* "at least" with no upper limit */

struct figure {
	long value;
	int shown;
	enum disclosure_status status;
	long long lo, hi;                  /* what a reader can work out */
};

struct equation {
	size_t parent;
	size_t *children;
	size_t n;
};

struct linked_counts {
	struct figure *fig;
	size_t n, cap;
	struct equation *eq;
	size_t eq_n;
	int *forced;                      /* indices hidden by linked_counts_hide() */
};

struct linked_counts *linked_counts_new(void)
{
	return xcalloc(1, sizeof(struct linked_counts));
}

void linked_counts_free(struct linked_counts *l)
{
	if (!l) return;
	for (size_t i = 0; i < l->eq_n; i++) free(l->eq[i].children);
	free(l->eq);
	free(l->fig);
	free(l->forced);
	free(l);
}

size_t linked_counts_add(struct linked_counts *l, long value, int shown)
{
	if (value < 0) fatal("linked_counts_add: negative count %ld", value);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->fig = xrealloc(l->fig, l->cap * sizeof *l->fig);
		l->forced = xrealloc(l->forced, l->cap * sizeof *l->forced);
	}
	l->fig[l->n] = (struct figure){value, shown, DISCLOSURE_SHOWN, 0, 0};
	l->forced[l->n] = 0;
	return l->n++;
}

void linked_counts_equation(struct linked_counts *l, size_t parent, const size_t *children, size_t n)
{
	if (parent >= l->n || n == 0) fatal("linked_counts_equation: bad equation");
	l->eq = xrealloc(l->eq, (l->eq_n + 1) * sizeof *l->eq);
	struct equation *e = &l->eq[l->eq_n++];
	e->parent = parent;
	e->n = n;
	e->children = xmalloc(n * sizeof *e->children);
	for (size_t i = 0; i < n; i++) {
		if (children[i] >= l->n) fatal("linked_counts_equation: bad child");
		e->children[i] = children[i];
	}
}

void linked_counts_hide(struct linked_counts *l, size_t i)
{
	if (i < l->n) l->forced[i] = 1;
}

static int is_small(const struct disclosure_rules *r, long v)
{
	return v < r->threshold && (v > 0 || r->suppress_zero);
}

static int is_hidden(const struct figure *f)
{
	return !f->shown || f->status != DISCLOSURE_SHOWN;
}

/* A hidden figure that must not be worked out: a small one (printed or not), or one hidden
 * to protect another. */
static int is_sensitive(const struct disclosure_rules *r, const struct figure *f)
{
	return is_small(r, f->value) || (f->shown && f->status == DISCLOSURE_SECONDARY);
}

/* Hide the smallest non-zero shown figure of equation E (children before the parent).
 * Returns 0 when there is none left to hide. */
static int hide_one_more(struct linked_counts *l, const struct equation *e)
{
	size_t best = (size_t)-1;
	for (size_t k = 0; k < e->n; k++) {
		struct figure *f = &l->fig[e->children[k]];
		if (!is_hidden(f) && f->value > 0 && (best == (size_t)-1 || f->value < l->fig[best].value)) best = e->children[k];
	}
	if (best == (size_t)-1 && !is_hidden(&l->fig[e->parent]) && l->fig[e->parent].value > 0) best = e->parent;
	if (best == (size_t)-1) return 0;
	l->fig[best].status = DISCLOSURE_SECONDARY;
	return 1;
}

static long long clamp(long long v)
{
	return v > UNBOUNDED ? UNBOUNDED : v < -UNBOUNDED ? -UNBOUNDED : v;
}

/* What a reader can deduce: bounds from the labels, narrowed through every equation. */
static void audit_bounds(struct linked_counts *l, const struct disclosure_rules *r)
{
	for (size_t i = 0; i < l->n; i++) {
		struct figure *f = &l->fig[i];
		if (!f->shown) { f->lo = 0; f->hi = UNBOUNDED; }
		else if (f->status == DISCLOSURE_SHOWN) { f->lo = f->hi = f->value; }
		else if (f->status == DISCLOSURE_SMALL) { f->lo = r->suppress_zero ? 0 : 1; f->hi = r->threshold - 1; }
		else { f->lo = r->threshold; f->hi = UNBOUNDED; }
	}
	for (int pass = 0, changed = 1; changed && pass < 200; pass++) {
		changed = 0;
		for (size_t q = 0; q < l->eq_n; q++) {
			const struct equation *e = &l->eq[q];
			struct figure *p = &l->fig[e->parent];
			long long sum_lo = 0, sum_hi = 0;
			for (size_t k = 0; k < e->n; k++) {
				sum_lo = clamp(sum_lo + l->fig[e->children[k]].lo);
				sum_hi = clamp(sum_hi + l->fig[e->children[k]].hi);
			}
			if (sum_lo > p->lo) { p->lo = sum_lo; changed = 1; }
			if (sum_hi < p->hi) { p->hi = sum_hi; changed = 1; }
			for (size_t k = 0; k < e->n; k++) {
				struct figure *c = &l->fig[e->children[k]];
				/* an unbounded sibling tells nothing */
				long long others_hi = clamp(sum_hi - c->hi), others_lo = clamp(sum_lo - c->lo);
				if (sum_hi < UNBOUNDED && p->lo - others_hi > c->lo) { c->lo = p->lo - others_hi; changed = 1; }
				if (p->hi < UNBOUNDED && p->hi - others_lo < c->hi) { c->hi = p->hi - others_lo; changed = 1; }
			}
		}
	}
}

/* The first small figure a reader can pin down exactly, or (size_t)-1. */
static size_t pinned_small(struct linked_counts *l, const struct disclosure_rules *r)
{
	audit_bounds(l, r);
	for (size_t i = 0; i < l->n; i++) {
		struct figure *f = &l->fig[i];
		if (is_hidden(f) && is_small(r, f->value) && f->lo == f->hi) return i;
	}
	return (size_t)-1;
}

size_t linked_counts_protect(struct linked_counts *l, const struct disclosure_rules *r)
{
	for (size_t i = 0; i < l->n; i++) {
		struct figure *f = &l->fig[i];
		if (!f->shown) continue;
		f->status = is_small(r, f->value) ? DISCLOSURE_SMALL : l->forced[i] ? DISCLOSURE_SECONDARY : DISCLOSURE_SHOWN;
	}
	/* each round hides one more figure, so this ends */
	for (size_t round = 0; round <= l->n; round++) {
		int changed = 0;
		for (size_t q = 0; q < l->eq_n && !changed; q++) {
			const struct equation *e = &l->eq[q];
			size_t hidden = 0, which = 0;
			if (is_hidden(&l->fig[e->parent])) { hidden++; which = e->parent; }
			for (size_t k = 0; k < e->n; k++)
				if (is_hidden(&l->fig[e->children[k]])) { hidden++; which = e->children[k]; }
			if (hidden == 1 && is_sensitive(r, &l->fig[which])) changed = hide_one_more(l, e);
		}
		if (changed) continue;
		size_t pin = pinned_small(l, r);
		if (pin == (size_t)-1) break;
		for (size_t q = 0; q < l->eq_n && !changed; q++) {
			const struct equation *e = &l->eq[q];
			int member = e->parent == pin;
			for (size_t k = 0; k < e->n; k++) member |= e->children[k] == pin;
			if (member) changed = hide_one_more(l, e);
		}
		if (!changed) break;
	}
	audit_bounds(l, r);
	size_t exposed = 0;
	for (size_t i = 0; i < l->n; i++)
		if (is_hidden(&l->fig[i]) && is_small(r, l->fig[i].value) && l->fig[i].lo == l->fig[i].hi) exposed++;
	return exposed;
}

enum disclosure_status linked_counts_status(const struct linked_counts *l, size_t i)
{
	return i < l->n ? l->fig[i].status : DISCLOSURE_SHOWN;
}

long linked_counts_value(const struct linked_counts *l, size_t i)
{
	return i < l->n ? l->fig[i].value : 0;
}
