/* A strict, small multipart/form-data parser: only what browsers send for forms. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "util/escape.h"
#include "web/multipart.h"
#include "web/parse.h"

/* The boundary parameter of CONTENT_TYPE into OUT (at most 70 characters by RFC 2046). */
static int boundary_of(const char *ct, char *out, size_t size)
{
	const char *b = strcasestr(ct, "boundary=");
	if (!b) return -1;
	b += 9;
	int quoted = *b == '"';
	if (quoted) b++;
	size_t n = 0;
	while (b[n] && n < size - 1 && (quoted ? b[n] != '"' : (b[n] != ';' && b[n] != ' '))) n++;
	if (n == 0 || n > 70) return -1;
	memcpy(out, b, n);
	out[n] = 0;
	return 0;
}

/* Value of parameter NAME="..." inside a Content-Disposition header line [P, END). */
static const char *disposition_param(struct arena *a, const char *p, const char *end, const char *name)
{
	size_t nl = strlen(name);
	for (const char *s = p; s + nl + 2 < end; s++) {
		if ((s == p || s[-1] == ' ' || s[-1] == ';') && strncasecmp(s, name, nl) == 0 && s[nl] == '=' && s[nl + 1] == '"') {
			const char *v = s + nl + 2;
			const char *q = memchr(v, '"', (size_t)(end - v));
			if (!q) return NULL;
			return arena_strndup(a, v, (size_t)(q - v));
		}
	}
	return NULL;
}

int parse_multipart(struct arena *a, const char *content_type, const char *body, size_t len,
	struct kv_list *form, size_t max_fields)
{
	char boundary[80], delim[90];
	if (boundary_of(content_type, boundary, sizeof boundary) != 0) return PARSE_BAD_ENCODING;
	size_t dl = (size_t)snprintf(delim, sizeof delim, "--%s", boundary);
	const char *end = body + len;
	const char *p = memmem(body, len, delim, dl);
	if (!p) return PARSE_BAD_ENCODING;
	size_t fields = 0;
	for (;;) {
		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') return PARSE_OK;      /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return PARSE_BAD_ENCODING;
		p += 2;
		const char *headers_end = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!headers_end) return PARSE_BAD_ENCODING;
		const char *name = NULL, *filename = NULL;
		for (const char *line = p; line < headers_end;) {
			const char *eol = memmem(line, (size_t)(headers_end + 2 - line), "\r\n", 2);
			if (!eol) eol = headers_end;
			if (eol - line > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				name = disposition_param(a, line, eol, "name");
				filename = disposition_param(a, line, eol, "filename");
			}
			line = eol + 2;
		}
		const char *content = headers_end + 4;
		/* the part ends at CRLF followed by the delimiter */
		char closing[96];
		size_t cl = (size_t)snprintf(closing, sizeof closing, "\r\n%s", delim);
		const char *next = memmem(content, (size_t)(end - content), closing, cl);
		if (!next) return PARSE_BAD_ENCODING;
		if (!name || !*name) return PARSE_BAD_ENCODING;
		if (++fields > max_fields) return PARSE_TOO_MANY;
		if (!utf8_valid(name, strlen(name))) return PARSE_BAD_UTF8;
		size_t vlen = (size_t)(next - content);
		if (!filename && (!utf8_valid(content, vlen) || memchr(content, 0, vlen))) return PARSE_BAD_UTF8;
		/* values are read as C strings: copy with a terminating NUL */
		kv_add(a, form, name, arena_strndup(a, content, vlen), vlen);
		if (filename) kv_add(a, form, arena_printf(a, "%s.filename", name), filename, strlen(filename));
		p = next + 2;
	}
}
