/* Free text as paragraphs: case studies are typed with a blank line between paragraphs, and
 * every output (HTML, PDF, the preview page) splits them the same way. */
#ifndef NESTGUARD_PARAGRAPHS_H
#define NESTGUARD_PARAGRAPHS_H
#include <stddef.h>

/* The next paragraph at *CURSOR: *START and *LEN are set and *CURSOR moves past it. Returns 0
 * when there is none left. Leading line breaks are skipped; a paragraph ends at a blank line. */
int paragraph_next(const char **cursor, const char **start, size_t *len);

#endif
