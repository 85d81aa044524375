/* stderr logger: "2026-11-26T16:05:25Z level message". Each line is written with one
 * call so lines from different threads do not interleave. */
#include <stdarg.h>
#include <stdio.h>
#include "util/buf.h"
#include "util/clock.h"
#include "util/log.h"

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char when[32];
	clock_format_iso(clock_now(), when, sizeof when);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s ", when, level);
	buf_vprintf(&b, fmt, ap);
	buf_putc(&b, '\n');
	fwrite(b.data, 1, b.len, stderr);
	buf_free(&b);
}

#define LOG_FN(name, level) \
	void name(const char *fmt, ...) { va_list ap; va_start(ap, fmt); log_line(level, fmt, ap); va_end(ap); }
LOG_FN(log_info, "info")
LOG_FN(log_warn, "warn")
LOG_FN(log_error, "error")
