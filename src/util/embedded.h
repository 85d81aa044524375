/* Files compiled into the binary by tools/embed: static assets and SQL migrations.
 * Each table ends with an entry whose name is NULL. */
#ifndef NESTGUARD_EMBEDDED_H
#define NESTGUARD_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name;          /* path relative to the embedded folder, e.g. "nestguard.css" */
	const unsigned char *data; /* contents, NUL-terminated for convenience (not counted in len) */
	size_t len;
	const char *etag;          /* quoted strong ETag derived from the contents */
};

extern const struct embedded_file embedded_assets[];
extern const struct embedded_file embedded_migrations[];
extern const struct embedded_file embedded_data[];      /* data/: word lists and the like */

/* Find NAME in TABLE; NULL when absent. */
const struct embedded_file *embedded_find(const struct embedded_file *table, const char *name);

#endif
