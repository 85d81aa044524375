/* Parsers for what arrives from the network: URL-encoded forms and query strings, and
 * Cookie headers. Pure functions over bytes, fuzzed by tests/fuzz. */
#ifndef NESTGUARD_PARSE_H
#define NESTGUARD_PARSE_H
#include <stddef.h>
#include "web/request.h"

enum parse_result { PARSE_OK = 0, PARSE_BAD_ENCODING = -1, PARSE_BAD_UTF8 = -2, PARSE_TOO_MANY = -3 };

/* Decode "a=1&b=x+y%21" into LIST (names and values copied into A). Malformed %-escapes,
 * invalid UTF-8 after decoding, a NUL byte, or more than MAX_FIELDS pairs are refused;
 * LIST may then hold some pairs, which callers must ignore. */
int parse_urlencoded(struct arena *a, const char *data, size_t len, struct kv_list *list, size_t max_fields);
/* Split a Cookie header "a=1; b=2" into LIST. Values are not decoded. Pairs without '='
 * are skipped; at most MAX_COOKIES kept. */
int parse_cookies(struct arena *a, const char *header, struct kv_list *list, size_t max_cookies);
/* Human words for a parse_result. */
const char *parse_result_message(int result);

#endif
