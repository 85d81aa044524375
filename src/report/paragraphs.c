/* Splitting free text into paragraphs (see paragraphs.h). */
#include <string.h>
#include "report/paragraphs.h"

int paragraph_next(const char **cursor, const char **start, size_t *len)
{
	const char *p = *cursor;
	while (*p == '\n') p++;
	if (!*p) {
		*cursor = p;
		return 0;
	}
	const char *end = strstr(p, "\n\n");
	*start = p;
	*len = end ? (size_t)(end - p) : strlen(p);
	*cursor = p + *len;
	return 1;
}
