/* Checked allocation and the fatal-error exit. */
#include <stdarg.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include "util/xalloc.h"

_Noreturn void fatal_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "nestguard: fatal (%s:%d): ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) fatal("out of memory allocating %zu bytes", n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p) fatal("out of memory allocating %zu x %zu bytes", count, size);
	return p;
}

void *xcalloc_touched(size_t count, size_t size)
{
	if (size && count > (size_t)-1 / size) fatal("out of memory allocating %zu x %zu bytes", count, size);
	void *p = xmalloc(count * size);
	memset(p, 0, count * size);   /* xmalloc() is opaque here, so this is not folded into calloc() */
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) fatal("out of memory reallocating %zu bytes", n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void xalloc_keep_memory(size_t mmap_threshold, size_t trim_threshold, size_t top_pad)
{
	mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
	mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
	mallopt(M_TOP_PAD, (int)top_pad);
}
