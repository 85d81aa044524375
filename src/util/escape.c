/* Escaping for HTML/XML text and attributes, URL components and JSON strings. */
#include <string.h>
#include "util/escape.h"

size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	if (c < 0x80) return 1;
	size_t n;
	unsigned min;
	unsigned cp;
	if ((c & 0xE0) == 0xC0) { n = 2; min = 0x80; cp = c & 0x1F; }
	else if ((c & 0xF0) == 0xE0) { n = 3; min = 0x800; cp = c & 0x0F; }
	else if ((c & 0xF8) == 0xF0) { n = 4; min = 0x10000; cp = c & 0x07; }
	else return 0;
	if (avail < n) return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence_length(p + i, len - i);
		if (!n) return 0;
		i += n;
	}
	return 1;
}

/* Length of the run at P (at most LEN bytes) of printable ASCII bytes that are not one of
 * the characters in SPECIAL: such a run is copied as it is. */
static size_t plain_run(const unsigned char *p, size_t len, const char *special)
{
	size_t n = 0;
	while (n < len && p[n] >= 0x20 && p[n] < 0x7F && !strchr(special, p[n])) n++;
	return n;
}

void escape_html_n(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	buf_grow(b, len + 16);
	for (size_t i = 0; i < len;) {
		size_t run = plain_run(p + i, len - i, "&<>\"'");
		if (run) {
			buf_append(b, p + i, run);
			i += run;
			continue;
		}
		unsigned char c = p[i];
		if (c >= 0x80) {
			size_t n = utf8_sequence_length(p + i, len - i);
			if (n) buf_append(b, p + i, n), i += n;
			else buf_puts(b, "\xEF\xBF\xBD"), i++;
			continue;
		}
		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') buf_putc(b, (char)c);
		}
		i++;
	}
}

void escape_html(struct buf *b, const char *s)
{
	if (s) escape_html_n(b, s, strlen(s));
}

void escape_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

void escape_json(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		size_t run = plain_run(p + i, len - i, "\"\\<>&");
		if (run) {
			buf_append(b, p + i, run);
			i += run;
			continue;
		}
		unsigned char c = p[i];
		if (c >= 0x80) {
			size_t n = utf8_sequence_length(p + i, len - i);
			if (n) buf_append(b, p + i, n), i += n;
			else buf_puts(b, "\\ufffd"), i++;
			continue;
		}
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '<': buf_puts(b, "\\u003c"); break;
		case '>': buf_puts(b, "\\u003e"); break;
		case '&': buf_puts(b, "\\u0026"); break;
		default:
			if (c < 0x20) buf_printf(b, "\\u%04x", c);
			else buf_putc(b, (char)c);
		}
		i++;
	}
}

void escape_json_string(struct buf *b, const char *s)
{
	if (!s) { buf_puts(b, "null"); return; }
	buf_putc(b, '"');
	escape_json(b, s);
	buf_putc(b, '"');
}
