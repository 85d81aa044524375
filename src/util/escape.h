/* Escaping, one function per output context (as cgit's html_txt/html_attr/html_url_arg).
 * All page, SVG and JSON text produced by nestguard passes through one of these. */
#ifndef NESTGUARD_ESCAPE_H
#define NESTGUARD_ESCAPE_H
#include <stddef.h>
#include "util/buf.h"

/* Text content of an HTML/XML element: & < > escaped, and " ' too so that the same output
 * is also safe inside a quoted attribute. Invalid UTF-8 becomes U+FFFD; control
 * characters other than tab, newline and carriage return are dropped. */
void escape_html(struct buf *b, const char *s);
void escape_html_n(struct buf *b, const char *s, size_t len);
/* A URL query component or path segment: everything but unreserved characters %-encoded. */
void escape_url(struct buf *b, const char *s);
/* The inside of a JSON string (without the quotes); also safe inside a <script> block. */
void escape_json(struct buf *b, const char *s);
/* Append S as a JSON string with quotes, or null when S is NULL. */
void escape_json_string(struct buf *b, const char *s);

/* True when S[0..len) is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF). */
int utf8_valid(const char *s, size_t len);
/* Length of the valid UTF-8 sequence at S (1-4), or 0 when it is not valid. */
size_t utf8_sequence_length(const unsigned char *s, size_t avail);

#endif
