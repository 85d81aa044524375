/* Small-number suppression for figures linked by sums that are not a two-way table: the
 * evaluation's totals, where cases received = closed + ongoing, closed = positively resolved
 * + not resolved = moved within + moved out + not moved, and so on. disclosure.h handles
 * rows x columns tables; this handles any set of "parent = sum of children" equations, with
 * the same rules and labels:
 *
 *  - a shown count from 1 to threshold-1 is hidden ("fewer than 5": primary);
 *  - a figure that is not printed at all (e.g. "closed, not positively resolved") is unknown
 *    to a reader, but it still must not be computable when it is small;
 *  - no equation may leave exactly one sensitive figure (small, or hidden to protect one)
 *    hidden: the smallest non-zero shown child (else the parent) is hidden too ("suppressed");
 *  - interval audit: a reader knows every shown figure, that a "fewer than 5" figure is 1-4
 *    and a "suppressed" one at least 5; bounds are propagated through every equation to a
 *    fixed point, and a small figure whose bounds meet is protected by hiding more.
 *
 *   struct linked_counts *l = linked_counts_new();
 *   size_t received = linked_counts_add(l, 161, 1), closed = linked_counts_add(l, 135, 1), ...;
 *   size_t parts[] = {closed, ongoing};
 *   linked_counts_equation(l, received, parts, 2);
 *   linked_counts_protect(l, &rules);
 *   if (linked_counts_status(l, closed) != DISCLOSURE_SHOWN) ...
 */
#ifndef NESTGUARD_LINKED_DISCLOSURE_H
#define NESTGUARD_LINKED_DISCLOSURE_H
#include <stddef.h>
#include "report/disclosure.h"

struct linked_counts;

struct linked_counts *linked_counts_new(void);
void linked_counts_free(struct linked_counts *l);
/* A figure with VALUE (>= 0); SHOWN 0 for one that is never printed. Returns its index. */
size_t linked_counts_add(struct linked_counts *l, long value, int shown);
/* PARENT = sum of the N CHILDREN. */
void linked_counts_equation(struct linked_counts *l, size_t parent, const size_t *children, size_t n);
/* Hide a shown figure for reasons outside the equations (it is hidden elsewhere). */
void linked_counts_hide(struct linked_counts *l, size_t i);
/* Decide what to hide. Returns how many small figures stay exactly computable (0 when the
 * figures are protected; otherwise withhold them). */
size_t linked_counts_protect(struct linked_counts *l, const struct disclosure_rules *rules);
enum disclosure_status linked_counts_status(const struct linked_counts *l, size_t i);
long linked_counts_value(const struct linked_counts *l, size_t i);

#endif
