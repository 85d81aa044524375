/* JSON API helpers for the case-management routes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "util/clock.h"
#include "web/api/api_util.h"
#include "web/dispatch.h"
#include "web/html.h"

json_t *api_body(struct request *rq, struct response *rs)
{
	json_error_t err;
	/* no body at all is an empty object: "approve" needs nothing more */
	if (!rq->body || rq->body_len == 0) return json_object();
	json_t *root = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!root || !json_is_object(root)) {
		json_decref(root);
		web_error(rq, rs, 400, "The request body must be a JSON object");
		return NULL;
	}
	return root;
}

static const char *scalar_text(struct request *rq, json_t *v)
{
	if (!v || json_is_null(v)) return NULL;
	if (json_is_string(v)) return arena_strndup(rq->arena, json_string_value(v), json_string_length(v));
	if (json_is_integer(v)) return arena_printf(rq->arena, "%" PRId64, (int64_t)json_integer_value(v));
	if (json_is_real(v)) return arena_printf(rq->arena, "%.8f", json_real_value(v));
	if (json_is_true(v)) return "yes";
	if (json_is_false(v)) return "no";
	return "\x01";
}

const char *api_text(struct request *rq, json_t *obj, const char *name)
{
	return scalar_text(rq, obj ? json_object_get(obj, name) : NULL);
}

size_t api_text_array(struct request *rq, json_t *obj, const char *name, const char **out, size_t max)
{
	json_t *arr = obj ? json_object_get(obj, name) : NULL;
	if (!arr) return 0;
	if (!json_is_array(arr)) {
		if (max) out[0] = "\x01";
		return max ? 1 : 0;
	}
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(arr) && n < max; i++) {
		const char *t = scalar_text(rq, json_array_get(arr, i));
		out[n++] = t ? t : "";
	}
	return n;
}

int api_status(int model_status)
{
	switch (model_status) {
	case MODEL_OK: return 200;
	case MODEL_INVALID: return 422;
	case MODEL_REFUSED: return 409;
	case MODEL_NOT_FOUND: return 404;
	case MODEL_FORBIDDEN: return 403;
	default: return 500;
	}
}

void api_fail(struct request *rq, struct response *rs, int model_status, const struct field_errors *e)
{
	int status = api_status(model_status);
	if (model_status == MODEL_NOT_FOUND || model_status == MODEL_FORBIDDEN || !e) {
		web_error(rq, rs, status, NULL);
		return;
	}
	rs->status = status;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	const char *message = model_status == MODEL_REFUSED ? field_errors_first(e)
		: e->count == 1 ? e->items[0].message : "Some fields are not valid";
	html_printf(rs, "{\"error\":{\"status\":%d,\"message\":\"%j\",\"fields\":[", status, message);
	for (int i = 0; i < e->count; i++)
		html_printf(rs, "%r{\"field\":\"%j\",\"message\":\"%j\"}", i ? "," : "", e->items[i].field, e->items[i].message);
	html_printf(rs, "]}}\n");
}

void api_string(struct response *rs, const char *s, int empty_null)
{
	if (!s || (empty_null && !*s)) html_printf(rs, "null");
	else html_printf(rs, "\"%j\"", s);
}

void api_member_string(struct response *rs, int first, const char *name, const char *value)
{
	html_printf(rs, "%r\"%j\":", first ? "" : ",", name);
	api_string(rs, value, 1);
}

void api_member_int(struct response *rs, int first, const char *name, int64_t value)
{
	html_printf(rs, "%r\"%j\":%I", first ? "" : ",", name, value);
}

void api_member_id(struct response *rs, int first, const char *name, int64_t id)
{
	if (id > 0) api_member_int(rs, first, name, id);
	else html_printf(rs, "%r\"%j\":null", first ? "" : ",", name);
}

void api_member_bool(struct response *rs, int first, const char *name, int value)
{
	const char *bool_html = value < 0 ? "null" : value ? "true" : "false";
	html_printf(rs, "%r\"%j\":%r", first ? "" : ",", name, bool_html);
}

void api_member_time(struct response *rs, int first, const char *name, int64_t t)
{
	char iso[32];
	if (t > 0) clock_format_iso(t, iso, sizeof iso);
	api_member_string(rs, first, name, t > 0 ? iso : NULL);
}
