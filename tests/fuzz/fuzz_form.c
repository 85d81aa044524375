/* libFuzzer target: URL-encoded form and query parsing. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "util/escape.h"
#include "web/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct kv_list l = {0};
	if (parse_urlencoded(a, (const char *)data, size, &l, 1000) == PARSE_OK) {
		for (size_t i = 0; i < l.count; i++) {
			/* every value that parses is valid UTF-8 of the stated length */
			if (strlen(l.items[i].value) != l.items[i].value_len) __builtin_trap();
			if (!utf8_valid(l.items[i].value, l.items[i].value_len)) __builtin_trap();
		}
	}
	arena_free(a);
	return 0;
}
