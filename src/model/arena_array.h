/* Growing an array whose memory lives in a request arena (lists read from the database).
 * The old block is left to the arena; lists are short (a page of rows), so the waste is small. */
#ifndef NESTGUARD_ARENA_ARRAY_H
#define NESTGUARD_ARENA_ARRAY_H
#include <string.h>
#include "util/arena.h"

/* Append one zeroed element of SIZE bytes to *ITEMS (holding *N of *CAP) and return it. */
static inline void *arena_array_push(struct arena *a, void *items_ptr, size_t *n, size_t *cap, size_t size)
{
	void **items = (void **)items_ptr;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *bigger = arena_alloc(a, ncap * size);
		if (*n) memcpy(bigger, *items, *n * size);
		*items = bigger;
		*cap = ncap;
	}
	void *slot = (char *)*items + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

#endif
