/* URL-encoded and cookie parsing. */
#include <string.h>
#include "util/escape.h"
#include "web/parse.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decode one component into a fresh arena string; -1 on a bad escape or NUL, -2 on bad UTF-8. */
static int decode_component(struct arena *a, const char *s, size_t len, char **out, size_t *out_len)
{
	char *d = arena_alloc(a, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') c = ' ';
		else if (c == '%') {
			if (len - i < 3) return PARSE_BAD_ENCODING;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0) return PARSE_BAD_ENCODING;
			c = (char)(h * 16 + l);
			i += 2;
		}
		if (c == 0) return PARSE_BAD_ENCODING;
		d[n++] = c;
	}
	d[n] = 0;
	if (!utf8_valid(d, n)) return PARSE_BAD_UTF8;
	*out = d;
	*out_len = n;
	return PARSE_OK;
}

int parse_urlencoded(struct arena *a, const char *data, size_t len, struct kv_list *list, size_t max_fields)
{
	size_t i = 0, fields = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && data[end] != '&') end++;
		if (end > i) {
			if (++fields > max_fields) return PARSE_TOO_MANY;
			size_t eq = i;
			while (eq < end && data[eq] != '=') eq++;
			char *name, *value;
			size_t name_len, value_len;
			int rc = decode_component(a, data + i, eq - i, &name, &name_len);
			if (rc) return rc;
			if (eq < end) rc = decode_component(a, data + eq + 1, end - eq - 1, &value, &value_len);
			else value = arena_strdup(a, ""), value_len = 0;
			if (rc) return rc;
			kv_add(a, list, name, value, value_len);
		}
		i = end + 1;
	}
	return PARSE_OK;
}

int parse_cookies(struct arena *a, const char *header, struct kv_list *list, size_t max_cookies)
{
	const char *p = header;
	while (p && *p && list->count < max_cookies) {
		while (*p == ' ' || *p == '\t' || *p == ';') p++;
		const char *start = p;
		while (*p && *p != ';') p++;
		const char *eq = memchr(start, '=', (size_t)(p - start));
		if (!eq || eq == start) continue;
		const char *name_end = eq;
		while (name_end > start && (name_end[-1] == ' ' || name_end[-1] == '\t')) name_end--;
		const char *v = eq + 1, *v_end = p;
		while (v < v_end && (*v == ' ' || *v == '\t')) v++;
		while (v_end > v && (v_end[-1] == ' ' || v_end[-1] == '\t')) v_end--;
		if (v_end - v >= 2 && *v == '"' && v_end[-1] == '"') v++, v_end--;
		kv_add(a, list, arena_strndup(a, start, (size_t)(name_end - start)),
			arena_strndup(a, v, (size_t)(v_end - v)), (size_t)(v_end - v));
	}
	return PARSE_OK;
}

const char *parse_result_message(int result)
{
	switch (result) {
	case PARSE_OK: return "ok";
	case PARSE_BAD_ENCODING: return "The request contains a malformed percent-encoding or a NUL byte";
	case PARSE_BAD_UTF8: return "The request contains text that is not valid UTF-8";
	case PARSE_TOO_MANY: return "The request has too many fields";
	}
	return "The request could not be read";
}
