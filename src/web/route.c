/* Matching a path against the route table, segment by segment. */
#include <string.h>
#include "web/route.h"

/* Match PATTERN against PATH; on success copy {x} segments into PARAMS. */
static int pattern_match(struct arena *a, const char *pattern, const char *path, const char **params)
{
	int n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			const char *seg_end = strchr(s, '/');
			if (!seg_end) seg_end = s + strlen(s);
			if (seg_end == s || n >= 4) return 0;
			if (params) params[n] = arena_strndup(a, s, (size_t)(seg_end - s));
			n++;
			p = close + 1;
			s = seg_end;
		} else {
			if (*p != *s) return 0;
			p++, s++;
		}
	}
	return *p == 0 && *s == 0;
}

const struct route *route_match(struct arena *a, const char *method, const char *path,
	const char **params, int *path_exists, struct buf *allow)
{
	*path_exists = 0;
	for (const struct route *r = routes; r->method; r++) {
		if (!pattern_match(a, r->pattern, path, NULL)) continue;
		if (strcmp(r->method, method) == 0) {
			pattern_match(a, r->pattern, path, params);
			return r;
		}
		if (allow) {
			if (allow->len) buf_puts(allow, ", ");
			buf_puts(allow, r->method);
		}
		*path_exists = 1;
	}
	return NULL;
}

int route_allows(const struct route *r, unsigned roles)
{
	return (r->flags & ROUTE_PUBLIC) || (r->roles & roles) != 0;
}
