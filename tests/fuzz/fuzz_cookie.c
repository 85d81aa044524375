/* libFuzzer target: Cookie header parsing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "web/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	struct arena *a = arena_new();
	struct kv_list l = {0};
	parse_cookies(a, s, &l, 50);
	if (l.count > 50) __builtin_trap();
	for (size_t i = 0; i < l.count; i++)
		if (!l.items[i].name[0] || strchr(l.items[i].name, ';') || strchr(l.items[i].value, ';')) __builtin_trap();
	arena_free(a);
	free(s);
	return 0;
}
