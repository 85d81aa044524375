/* Allocation that never returns NULL: running out of memory is fatal and loud. */
#ifndef NESTGUARD_XALLOC_H
#define NESTGUARD_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
/* xcalloc() that writes every byte now, for big tables filled in random order while another
 * thread runs: a fresh calloc() mapping is read as the shared zero page first, and each
 * later write to such a page costs a fault and a TLB shootdown on every core. */
void *xcalloc_touched(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Keep freed memory in the process for reuse instead of handing it back to the system at
 * once: blocks up to MMAP_THRESHOLD bytes come from the heap rather than from mmap() of
 * their own, the heap is trimmed only when TRIM_THRESHOLD bytes are free at its top, and it
 * grows TOP_PAD bytes at a time. For processes that allocate and free big buffers over and
 * over (server threads, bulk loads): each fresh page costs a page fault. */
void xalloc_keep_memory(size_t mmap_threshold, size_t trim_threshold, size_t top_pad);

/* Print "nestguard: fatal: ..." with file and line, then abort. For programmer errors only. */
_Noreturn void fatal_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define fatal(...) fatal_at(__FILE__, __LINE__, __VA_ARGS__)

#endif
