/* Accessors for requests and responses. */
#include <stdlib.h>
#include <string.h>
#include "web/request.h"

void kv_add(struct arena *a, struct kv_list *l, const char *name, const char *value, size_t value_len)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct kv *items = arena_alloc(a, cap * sizeof *items);
		if (l->count) memcpy(items, l->items, l->count * sizeof *items);
		l->items = items;
		l->cap = cap;
	}
	l->items[l->count].name = name;
	l->items[l->count].value = value;
	l->items[l->count].value_len = value_len;
	l->count++;
}

const struct kv *kv_find(const struct kv_list *l, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i].name, name) == 0) return &l->items[i];
	return NULL;
}

const char *request_header(const struct request *rq, const char *lower_name)
{
	const struct kv *kv = kv_find(&rq->headers, lower_name);
	return kv ? kv->value : NULL;
}

const char *request_query(const struct request *rq, const char *name)
{
	const struct kv *kv = kv_find(&rq->query, name);
	return kv ? kv->value : NULL;
}

const char *request_form(const struct request *rq, const char *name)
{
	const struct kv *kv = kv_find(&rq->form, name);
	return kv ? kv->value : NULL;
}

const char *request_cookie(const struct request *rq, const char *name)
{
	const struct kv *kv = kv_find(&rq->cookies, name);
	return kv ? kv->value : NULL;
}

size_t request_form_all(const struct request *rq, const char *name, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < rq->form.count && n < max; i++)
		if (strcmp(rq->form.items[i].name, name) == 0) out[n++] = rq->form.items[i].value;
	return n;
}

int64_t request_param_id(const struct request *rq, int index)
{
	const char *s = rq->params[index];
	if (!s || !*s || strlen(s) > 15) return 0;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

void response_header(struct request *rq, struct response *rs, const char *name, const char *value)
{
	kv_add(rq->arena, &rs->headers, arena_strdup(rq->arena, name), arena_strdup(rq->arena, value), strlen(value));
}

void response_redirect(struct request *rq, struct response *rs, const char *location)
{
	rs->status = 303;
	response_header(rq, rs, "Location", location);
}
