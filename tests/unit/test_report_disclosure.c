/* Small-number suppression: small counts become "fewer than N", and no hidden count can
 * be worked out from the totals. Checked on adversarial tables, by the structural rule
 * (every suppressed cell's row and column hold zero or at least two suppressed cells) and
 * by an exhaustive attacker that tries every value the labels allow for every hidden cell
 * and keeps the combinations that agree with every published total. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "report/disclosure.h"

struct full {
	size_t R, C, rows, cols;     /* with margins; inner */
	long value[64];
	enum disclosure_status status[64];
};

static void load(const struct disclosure_table *d, struct full *f)
{
	f->rows = disclosure_rows(d);
	f->cols = disclosure_columns(d);
	f->R = f->rows + (size_t)disclosure_has_totals_row(d);
	f->C = f->cols + (size_t)disclosure_has_totals_column(d);
	assert_true(f->R * f->C <= 64);
	for (size_t i = 0; i < f->R; i++)
		for (size_t j = 0; j < f->C; j++) {
			f->value[i * f->C + j] = disclosure_value(d, i, j);
			f->status[i * f->C + j] = disclosure_status(d, i, j);
		}
}

/* Every row and column of the table with its margins holds 0 or >= 2 hidden cells. */
static void assert_no_line_with_one_hidden_cell(const struct full *f)
{
	for (size_t i = 0; i < f->R && f->C > 1; i++) {
		size_t n = 0;
		for (size_t j = 0; j < f->C; j++) n += f->status[i * f->C + j] != DISCLOSURE_SHOWN;
		if (n == 1) fail_msg("row %zu has exactly one suppressed cell", i);
	}
	for (size_t j = 0; j < f->C && f->R > 1; j++) {
		size_t n = 0;
		for (size_t i = 0; i < f->R; i++) n += f->status[i * f->C + j] != DISCLOSURE_SHOWN;
		if (n == 1) fail_msg("column %zu has exactly one suppressed cell", j);
	}
}

/* The attacker: assigns hidden cells in turn (small ones 1..threshold-1, or from 0 when
 * zeros are suppressed; secondary ones from the threshold up) and prunes any line whose
 * equation can no longer hold. SEEN[c] collects the values cell c takes in solutions. */
struct attack {
	const struct full *f;
	long lo[64], hi[64], val[64];
	int known[64];
	size_t hidden[64], n_hidden;
	unsigned long long seen[64]; /* bit v: value v occurs (values < 64) */
	long long nodes;
};

/* Can line (cells CELL[0..n-1], last is the total) still balance? */
static int line_ok(const struct attack *a, const size_t *cell, size_t n)
{
	long sum = 0, umin = 0, umax = 0;
	for (size_t k = 0; k < n; k++) {
		size_t c = cell[k];
		int sign = k + 1 < n ? 1 : -1;
		if (a->known[c]) sum += sign * a->val[c];
		else if (sign > 0) { umin += a->lo[c]; umax += a->hi[c]; }
		else { umin -= a->hi[c]; umax -= a->lo[c]; }
	}
	return sum + umin <= 0 && sum + umax >= 0;
}

static int all_lines_ok(const struct attack *a)
{
	const struct full *f = a->f;
	size_t cell[16];
	if (f->C > 1)
		for (size_t i = 0; i < f->R; i++) {
			for (size_t j = 0; j < f->C; j++) cell[j] = i * f->C + j;
			if (!line_ok(a, cell, f->C)) return 0;
		}
	if (f->R > 1)
		for (size_t j = 0; j < f->C; j++) {
			for (size_t i = 0; i < f->R; i++) cell[i] = i * f->C + j;
			if (!line_ok(a, cell, f->R)) return 0;
		}
	return 1;
}

static int every_small_cell_has_two_values(const struct attack *a)
{
	for (size_t k = 0; k < a->n_hidden; k++) {
		size_t c = a->hidden[k];
		if (a->f->status[c] == DISCLOSURE_SMALL && __builtin_popcountll(a->seen[c]) < 2) return 0;
	}
	return 1;
}

static int search(struct attack *a, size_t depth)
{
	if (++a->nodes > 20000000) return 1;  /* give up: treated as not disproved */
	if (depth == a->n_hidden) {
		for (size_t k = 0; k < a->n_hidden; k++) {
			size_t c = a->hidden[k];
			if (a->val[c] < 64) a->seen[c] |= 1ull << a->val[c];
		}
		return every_small_cell_has_two_values(a);
	}
	size_t c = a->hidden[depth];
	a->known[c] = 1;
	for (long v = a->lo[c]; v <= a->hi[c]; v++) {
		a->val[c] = v;
		if (all_lines_ok(a) && search(a, depth + 1)) { a->known[c] = 0; return 1; }
	}
	a->known[c] = 0;
	return 0;
}

/* Fails when the attacker pins some small count to one value. */
static void assert_no_small_count_recoverable(const struct full *f, const struct disclosure_rules *r)
{
	struct attack a;
	memset(&a, 0, sizeof a);
	a.f = f;
	long grand = 0;
	for (size_t i = 0; i < f->rows; i++)
		for (size_t j = 0; j < f->cols; j++) grand += f->value[i * f->C + j];
	for (size_t c = 0; c < f->R * f->C; c++) {
		if (f->status[c] == DISCLOSURE_SHOWN) { a.known[c] = 1; a.val[c] = f->value[c]; continue; }
		a.hidden[a.n_hidden++] = c;
		if (f->status[c] == DISCLOSURE_SMALL) { a.lo[c] = r->suppress_zero ? 0 : 1; a.hi[c] = r->threshold - 1; }
		/* secondary: no upper bound is known; a generous one keeps the search finite */
		else { a.lo[c] = r->threshold; a.hi[c] = grand + r->threshold; }
	}
	if (a.n_hidden == 0) return;
	search(&a, 0);
	for (size_t k = 0; k < a.n_hidden; k++) {
		size_t c = a.hidden[k];
		if (f->status[c] == DISCLOSURE_SMALL && __builtin_popcountll(a.seen[c]) < 2 && a.nodes <= 20000000) {
			for (size_t i = 0; i < f->R; i++) {
				for (size_t j = 0; j < f->C; j++)
					print_message("%4ld%c", f->value[i * f->C + j], "  *s"[f->status[i * f->C + j] + 1]);
				print_message("\n");
			}
			fail_msg("the small count at (%zu, %zu) = %ld can be worked out from the totals",
			         c / f->C, c % f->C, f->value[c]);
		}
	}
}

static struct disclosure_table *table_of(size_t rows, size_t cols, const long *v)
{
	struct disclosure_table *d = disclosure_table_new(rows, cols);
	for (size_t i = 0; i < rows; i++)
		for (size_t j = 0; j < cols; j++) disclosure_table_set(d, i, j, v[i * cols + j]);
	return d;
}

static void check_protected(size_t rows, size_t cols, const long *v, const struct disclosure_rules *r)
{
	struct disclosure_table *d = table_of(rows, cols, v);
	assert_int_equal(disclosure_protect(d, r), 0);
	struct full f;
	load(d, &f);
	/* every small count is hidden, every large one hidden only as cover */
	for (size_t c = 0; c < f.R * f.C; c++) {
		int small = f.value[c] < r->threshold && (f.value[c] > 0 || r->suppress_zero);
		assert_int_equal(f.status[c] == DISCLOSURE_SMALL, small);
		if (f.status[c] == DISCLOSURE_SECONDARY) assert_true(f.value[c] >= r->threshold);
	}
	assert_no_line_with_one_hidden_cell(&f);
	assert_no_small_count_recoverable(&f, r);
	disclosure_table_free(d);
}

static void counts_below_the_threshold_read_fewer_than_five(void **state)
{
	(void)state;
	struct disclosure_rules r;
	disclosure_rules_default(&r);
	long v[] = {12, 3, 40, 7, 9, 22};
	struct disclosure_table *d = table_of(2, 3, v);
	assert_int_equal(disclosure_protect(d, &r), 0);
	assert_int_equal(disclosure_status(d, 0, 1), DISCLOSURE_SMALL);
	assert_int_equal(disclosure_status(d, 0, 0), DISCLOSURE_SECONDARY);  /* 12 is the smallest cover in its row */
	assert_int_equal(disclosure_value(d, 2, 3), 93);                     /* grand total */
	assert_int_equal(disclosure_status(d, 2, 3), DISCLOSURE_SHOWN);
	char *small = disclosure_label(&r, DISCLOSURE_SMALL), *second = disclosure_label(&r, DISCLOSURE_SECONDARY);
	assert_string_equal(small, "fewer than 5");
	assert_string_equal(second, "suppressed");
	free(small);
	free(second);

	struct report_table *t = report_table_new("t");
	for (int c = 0; c < 4; c++) report_table_add_number_column(t, "n", NULL);
	for (int i = 0; i < 3; i++) report_table_add_row(t);
	disclosure_fill_table(d, &r, t, 0, 0);
	char *cell = report_table_cell_text(t, 0, 1);
	assert_string_equal(cell, "fewer than 5");
	free(cell);
	cell = report_table_cell_text(t, 2, 3);
	assert_string_equal(cell, "93");
	free(cell);
	report_table_free(t);
	disclosure_table_free(d);
}

static void the_threshold_is_configurable(void **state)
{
	(void)state;
	struct disclosure_rules r = {10, 0};
	long v[] = {7, 30, 12, 25, 9, 40, 11, 15, 60};
	check_protected(3, 3, v, &r);
	struct disclosure_table *d = table_of(3, 3, v);
	disclosure_protect(d, &r);
	assert_int_equal(disclosure_status(d, 0, 0), DISCLOSURE_SMALL);
	assert_int_equal(disclosure_status(d, 1, 1), DISCLOSURE_SMALL);
	assert_int_equal(disclosure_status(d, 2, 0), DISCLOSURE_SHOWN + (disclosure_status(d, 2, 0) == DISCLOSURE_SECONDARY ? 2 : 0));
	char *label = disclosure_label(&r, DISCLOSURE_SMALL);
	assert_string_equal(label, "fewer than 10");
	free(label);
	char *note = disclosure_note(&r);
	assert_non_null(strstr(note, "1 to 9"));
	free(note);
	disclosure_table_free(d);
}

static void handcrafted_adversarial_tables_are_protected(void **state)
{
	(void)state;
	struct disclosure_rules r;
	disclosure_rules_default(&r);
	/* one small cell alone in its row and column */
	long a[] = {3, 50, 60, 70};
	check_protected(2, 2, a, &r);
	/* the secondary cell would be exactly the threshold: 1 + 5 = 6 pins both */
	long b[] = {1, 5, 30, 20, 40, 50};
	check_protected(2, 3, b, &r);
	/* two small cells in a row summing to their minimum (1 + 1) */
	long c[] = {1, 1, 40, 30, 20, 10};
	check_protected(2, 3, c, &r);
	/* a single column, as "cases by area" */
	long d[] = {14, 1, 4, 28, 2, 13, 3, 1, 10};
	check_protected(9, 1, d, &r);
	/* a single row */
	long e[] = {2, 40, 17, 6};
	check_protected(1, 4, e, &r);
	/* a small row total: a whole row of small cells */
	long f[] = {1, 2, 0, 30, 25, 40, 12, 9, 7};
	check_protected(3, 3, f, &r);
	/* zeros around a small cell: zeros are no cover */
	long g[] = {0, 3, 0, 0, 20, 0, 9, 8, 0};
	check_protected(3, 3, g, &r);
	/* the 2x2 pattern that defeats "two per line" alone: small cells on a diagonal */
	long h[] = {2, 5, 40, 5, 2, 40, 30, 30, 30};
	check_protected(3, 3, h, &r);
	/* nothing small: nothing hidden */
	long i[] = {10, 20, 30, 40};
	struct disclosure_table *t = table_of(2, 2, i);
	assert_int_equal(disclosure_protect(t, &r), 0);
	for (size_t x = 0; x < 3; x++)
		for (size_t y = 0; y < 3; y++) assert_int_equal(disclosure_status(t, x, y), DISCLOSURE_SHOWN);
	disclosure_table_free(t);
	/* 1 x 1 */
	long k[] = {3};
	check_protected(1, 1, k, &r);
}

static void random_adversarial_tables_are_protected(void **state)
{
	(void)state;
	unsigned long long seed = 42;
	size_t checked = 0, secondary = 0;
	for (int round = 0; round < 400; round++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		size_t rows = 1 + (seed >> 33) % 4, cols = 1 + (seed >> 40) % 4;
		long v[16];
		for (size_t c = 0; c < rows * cols; c++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			unsigned k = (unsigned)(seed >> 35) % 10;
			/* mostly small counts and counts just above the threshold: the hard cases */
			v[c] = k < 4 ? (long)((seed >> 45) % 5) : k < 7 ? 5 + (long)((seed >> 45) % 4) : 9 + (long)((seed >> 45) % 25);
		}
		struct disclosure_rules r;
		disclosure_rules_default(&r);
		r.suppress_zero = round % 5 == 4;
		struct disclosure_table *d = table_of(rows, cols, v);
		size_t unprotected = disclosure_protect(d, &r);
		struct full f;
		load(d, &f);
		assert_no_line_with_one_hidden_cell(&f);
		for (size_t c = 0; c < f.R * f.C; c++) secondary += f.status[c] == DISCLOSURE_SECONDARY;
		if (unprotected == 0) {
			assert_no_small_count_recoverable(&f, &r);
			checked++;
		}
		disclosure_table_free(d);
	}
	assert_true(checked >= 300);   /* almost every table can be protected */
	assert_true(secondary > 100);  /* and secondary suppression was exercised */
}

static void a_table_that_cannot_be_protected_is_reported(void **state)
{
	(void)state;
	struct disclosure_rules r;
	disclosure_rules_default(&r);
	/* four "fewer than 5" cells whose total is "fewer than 5": all must be 1 */
	long v[] = {1, 1, 1, 1};
	struct disclosure_table *d = table_of(1, 4, v);
	assert_true(disclosure_protect(d, &r) > 0);
	disclosure_table_free(d);
	/* the same with zeros suppressed too leaves room: 0 to 4 each */
	r.suppress_zero = 1;
	check_protected(1, 4, v, &r);
}

static void zeros_are_shown_unless_asked_and_never_used_as_cover(void **state)
{
	(void)state;
	struct disclosure_rules r;
	disclosure_rules_default(&r);
	long v[] = {0, 2, 0, 0, 0, 9, 50, 0, 60};
	struct disclosure_table *d = table_of(3, 3, v);
	assert_int_equal(disclosure_protect(d, &r), 0);
	struct full f;
	load(d, &f);
	for (size_t c = 0; c < f.R * f.C; c++)
		if (f.value[c] == 0) assert_int_equal(f.status[c], DISCLOSURE_SHOWN);
	disclosure_table_free(d);
	r.suppress_zero = 1;
	d = table_of(3, 3, v);
	assert_int_equal(disclosure_protect(d, &r), 0);
	assert_int_equal(disclosure_status(d, 0, 0), DISCLOSURE_SMALL);
	char *note = disclosure_note(&r);
	assert_non_null(strstr(note, "0 to 4"));
	free(note);
	disclosure_table_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_below_the_threshold_read_fewer_than_five),
		cmocka_unit_test(the_threshold_is_configurable),
		cmocka_unit_test(handcrafted_adversarial_tables_are_protected),
		cmocka_unit_test(random_adversarial_tables_are_protected),
		cmocka_unit_test(a_table_that_cannot_be_protected_is_reported),
		cmocka_unit_test(zeros_are_shown_unless_asked_and_never_used_as_cover),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
