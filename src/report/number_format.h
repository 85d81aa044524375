/* How reports print numbers: thousands separators, fixed decimals, an optional unit before
 * or after ("£289,114", "12.5%"). Charts, PDF tables and the accessible descriptions all
 * print through here, so a number reads the same everywhere. */
#ifndef NESTGUARD_NUMBER_FORMAT_H
#define NESTGUARD_NUMBER_FORMAT_H
#include "util/buf.h"

struct number_style {
	int decimals;        /* digits after the point (0-9) */
	const char *prefix;  /* after the sign, before the digits: "£"; NULL for none */
	const char *suffix;  /* after the digits: "%"; NULL for none */
	int no_grouping;     /* 1: no thousands separators (years, ids) */
};

/* Append V: "-" for negatives (ASCII, so text extraction finds it), grouping with ",",
 * rounding half away from zero. Non-finite values print as "n/a". */
void number_format(struct buf *b, double v, const struct number_style *style);
/* Same into a malloc'd string. */
char *number_format_string(double v, const struct number_style *style);

#endif
