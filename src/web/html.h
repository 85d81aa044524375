/* The one HTML writer. All page output goes through html_printf(), whose conversions
 * escape by default, so an unescaped value stands out in review (Fossil's %h/%t idea):
 *   %h  const char *  text or attribute value, HTML-escaped (NULL prints nothing)
 *   %u  const char *  URL component, %-encoded
 *   %j  const char *  inside a JSON string / data attribute, JSON-escaped
 *   %d  int    %I  int64_t    %z  size_t    %f  double (as "%.2f")
 *   %r  const char *  RAW trusted markup built by our own code (never user data)
 *   %%  a percent sign
 * tools/check-html-output flags %r arguments that are not string literals or *_html names. */
#ifndef NESTGUARD_HTML_H
#define NESTGUARD_HTML_H
#include "web/request.h"

void html_printf(struct response *rs, const char *fmt, ...);
void html_vprintf(struct buf *b, const char *fmt, va_list ap);
void html_bprintf(struct buf *b, const char *fmt, ...);   /* same, into any buffer */
void html_text(struct response *rs, const char *s);       /* escaped text */

#endif
