/* html_printf: a printf whose string conversions escape. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include "util/escape.h"
#include "util/xalloc.h"
#include "web/html.h"

void html_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) { buf_puts(b, p); break; }
		buf_append(b, p, (size_t)(pct - p));
		switch (pct[1]) {
		case 'h': escape_html(b, va_arg(ap, const char *)); break;
		case 'u': { const char *s = va_arg(ap, const char *); if (s) escape_url(b, s); break; }
		case 'j': { const char *s = va_arg(ap, const char *); if (s) escape_json(b, s); break; }
		case 'r': { const char *s = va_arg(ap, const char *); if (s) buf_puts(b, s); break; }
		case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'I': buf_printf(b, "%" PRId64, va_arg(ap, int64_t)); break;
		case 'z': buf_printf(b, "%zu", va_arg(ap, size_t)); break;
		case 'f': buf_printf(b, "%.2f", va_arg(ap, double)); break;
		case '%': buf_putc(b, '%'); break;
		default: fatal("html_printf: unknown conversion %%%c in \"%s\"", pct[1], fmt);
		}
		p = pct + 2;
	}
}

void html_bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vprintf(b, fmt, ap);
	va_end(ap);
}

void html_printf(struct response *rs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vprintf(&rs->body, fmt, ap);
	va_end(ap);
}

void html_text(struct response *rs, const char *s)
{
	escape_html(&rs->body, s);
}
