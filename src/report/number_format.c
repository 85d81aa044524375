/* Number printing for reports (see number_format.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report/number_format.h"

void number_format(struct buf *b, double v, const struct number_style *style)
{
	static const struct number_style plain = {0, NULL, NULL, 0};
	if (!style) style = &plain;
	if (!isfinite(v)) { buf_puts(b, "n/a"); return; }
	int decimals = style->decimals < 0 ? 0 : style->decimals > 9 ? 9 : style->decimals;
	double scale = pow(10, decimals);
	double r = round(fabs(v) * scale) / scale; /* round() is half away from zero */
	char digits[400];
	snprintf(digits, sizeof digits, "%.*f", decimals, r);
	int negative = v < 0 && r != 0;
	if (negative) buf_putc(b, '-');
	if (style->prefix) buf_puts(b, style->prefix);
	const char *dot = strchr(digits, '.');
	size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && !style->no_grouping && (int_len - i) % 3 == 0) buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
	if (dot) buf_puts(b, dot);
	if (style->suffix) buf_puts(b, style->suffix);
}

char *number_format_string(double v, const struct number_style *style)
{
	struct buf b = BUF_INIT;
	number_format(&b, v, style);
	return buf_detach(&b);
}
