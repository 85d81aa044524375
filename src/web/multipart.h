/* multipart/form-data (RFC 7578) for upload forms: text fields and files become form
 * entries (a file's bytes are the value, with value_len; its name is "<field>.filename"),
 * so the CSRF check and handlers read them like any form field. */
#ifndef NESTGUARD_MULTIPART_H
#define NESTGUARD_MULTIPART_H
#include <stddef.h>
#include "web/request.h"

/* Parse BODY according to the boundary in CONTENT_TYPE. Returns PARSE_OK (0), or
 * PARSE_BAD_ENCODING for a malformed body or missing boundary, PARSE_TOO_MANY past MAX_FIELDS,
 * PARSE_BAD_UTF8 for a field name or text value that is not UTF-8 (file contents are not checked). */
int parse_multipart(struct arena *a, const char *content_type, const char *body, size_t len,
	struct kv_list *form, size_t max_fields);

#endif
