/* Shared by the JSON API handlers of the case-management routes: reading the JSON body,
 * turning members into the text fields the model validates, writing values, and answering
 * a model refusal with the right status and per-field errors. */
#ifndef NESTGUARD_API_UTIL_H
#define NESTGUARD_API_UTIL_H
#include <jansson.h>
#include <stdint.h>
#include "model/validation.h"
#include "web/request.h"

/* The request body as a JSON object (the caller json_decref()s it), or NULL after answering 400. */
json_t *api_body(struct request *rq, struct response *rs);
/* Member NAME of OBJ as text in the request arena: strings as they are, integers and reals in
 * decimal, true/false as "yes"/"no"; NULL when absent or null. Arrays and objects give "\x01"
 * (never valid for any field) so validation names the field. */
const char *api_text(struct request *rq, json_t *obj, const char *name);
/* Up to MAX strings from array member NAME (each converted as api_text); returns the count. */
size_t api_text_array(struct request *rq, json_t *obj, const char *name, const char **out, size_t max);

/* Answer a model result other than MODEL_OK: 422 with {"error":{...,"fields":[...]}} for
 * MODEL_INVALID, 409 with the reason for MODEL_REFUSED, 404, 403. */
void api_fail(struct request *rq, struct response *rs, int model_status, const struct field_errors *e);
/* An HTTP status for a model result (200 for MODEL_OK). */
int api_status(int model_status);

/* JSON value writers: a string or null for NULL; "" is written as null when EMPTY_NULL. */
void api_string(struct response *rs, const char *s, int empty_null);
/* "name":value pairs with a leading comma unless FIRST. */
void api_member_string(struct response *rs, int first, const char *name, const char *value);
void api_member_int(struct response *rs, int first, const char *name, int64_t value);
void api_member_id(struct response *rs, int first, const char *name, int64_t id);     /* null when 0 */
void api_member_bool(struct response *rs, int first, const char *name, int value);    /* null when < 0 */
void api_member_time(struct response *rs, int first, const char *name, int64_t t);    /* ISO 8601, null when 0 */

#endif
