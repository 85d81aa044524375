/* Small-number suppression for tables meant for the board or the public.
 *
 * A two-way table of counts (rows x columns) is published with its row totals, column
 * totals and grand total (we always assume the totals are known: they usually appear
 * somewhere in the same report). Counts from 1 to threshold-1 (default 1 to 4) are
 * "primary" suppressed and shown as "fewer than 5". Then "secondary" cells are suppressed
 * so that no hidden count can be worked out from the totals:
 *
 *  1. Every line (a row with its total, a column with its total, the totals row and the
 *     totals column with the grand total) must hold either no suppressed cell or at least
 *     two; a line with exactly one gets its smallest non-zero visible cell suppressed
 *     (inner cells before totals). Repeat until no line has exactly one.
 *  2. Audit: an attacker knows every visible cell, that each "fewer than 5" cell lies
 *     between 1 and 4 (0 and 4 when zeros are suppressed) and that each "suppressed" cell is
 *     at least 5. The attacker narrows each hidden cell's range first line by line (interval
 *     propagation to a fixed point), then by solving all the equations together: a linear
 *     program gives each small cell's least and greatest possible value (tables with up to
 *     300 hidden cells; larger ones get the interval audit only). A small count whose range
 *     holds a single whole number is not protected: suppress the smallest non-zero visible
 *     cell in a line through it, and go back to step 1.
 *
 * The result is a table where every suppressed cell's row and column hold zero or at
 * least two suppressed cells, and no small count can be pinned down by linear reasoning
 * on the totals. The linear program works over real numbers; an attacker reasoning about
 * whole numbers could in principle narrow a range further (the tests search every
 * whole-number combination of small tables and have not found one pinned). Secondary
 * cells are chosen greedily (smallest first), not to hide the least in total, as an
 * optimising tool such as tau-ARGUS would.
 *
 * Zeros are shown by default: a zero count describes nobody. A shown zero does tell an
 * attacker that hidden small cells are at least 1; the audit takes that into account. A
 * line made only of small counts can then be unprotectable (four "fewer than 5" cells
 * whose total is "fewer than 5" must all be 1): disclosure_protect() reports such cells,
 * and the caller should merge categories or withhold the table. Set suppress_zero when a
 * zero itself would be sensitive (e.g. "no one in this ward refused support" when the
 * ward's total is known).
 */
#ifndef NESTGUARD_DISCLOSURE_H
#define NESTGUARD_DISCLOSURE_H
#include <stddef.h>
#include "report/report_table.h"

struct disclosure_rules {
	long threshold;      /* counts below it are small (default 5; at least 2) */
	int suppress_zero;   /* zeros are small too (default 0) */
};
void disclosure_rules_default(struct disclosure_rules *r);

enum disclosure_status {
	DISCLOSURE_SHOWN,
	DISCLOSURE_SMALL,       /* primary: below the threshold */
	DISCLOSURE_SECONDARY    /* hidden to protect a small count */
};

struct disclosure_table;

/* A ROWS x COLUMNS table of zeros; counts must not be negative. */
struct disclosure_table *disclosure_table_new(size_t rows, size_t columns);
void disclosure_table_free(struct disclosure_table *d);
void disclosure_table_set(struct disclosure_table *d, size_t row, size_t column, long count);

/* Compute totals and decide which cells to hide. Returns the number of small counts that
 * remain exactly recoverable however much is hidden (0 for a protected table). */
size_t disclosure_protect(struct disclosure_table *d, const struct disclosure_rules *rules);

/* Cells by (row, column); row == rows is the column-totals row and column == columns the
 * row-totals column (present when there is more than one row, resp. column); the grand
 * total is at (rows, columns) when both are present. */
size_t disclosure_rows(const struct disclosure_table *d);
size_t disclosure_columns(const struct disclosure_table *d);
int disclosure_has_totals_row(const struct disclosure_table *d);
int disclosure_has_totals_column(const struct disclosure_table *d);
long disclosure_value(const struct disclosure_table *d, size_t row, size_t column);
enum disclosure_status disclosure_status(const struct disclosure_table *d, size_t row, size_t column);

/* "fewer than 5" for small counts, "suppressed" for secondary ones. Malloc'd. */
char *disclosure_label(const struct disclosure_rules *rules, enum disclosure_status status);
/* A note explaining the labels, for under the table. Malloc'd. */
char *disclosure_note(const struct disclosure_rules *rules);

/* Write the protected counts into T: table cell (FIRST_ROW + r, FIRST_COLUMN + c) for
 * every (r, c) above, totals included; T must have those rows and number columns. */
void disclosure_fill_table(const struct disclosure_table *d, const struct disclosure_rules *rules,
                           struct report_table *t, size_t first_row, size_t first_column);

#endif
