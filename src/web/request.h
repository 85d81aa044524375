/* A web request and its response as handlers see them: no sockets, no libmicrohttpd types,
 * so any page can be rendered by a test without a network. Everything hangs off the
 * request's arena and dies with it. */
#ifndef NESTGUARD_REQUEST_H
#define NESTGUARD_REQUEST_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/user.h"
#include "util/arena.h"
#include "util/buf.h"

struct db;
struct route;

struct kv {
	const char *name;
	const char *value;
	size_t value_len;
};

struct kv_list {
	struct kv *items;
	size_t count, cap;
};

/* The signed-in user, filled by the session or bearer-token check. */
struct web_user {
	struct user_identity who;
	const char *csrf_token;       /* NULL for bearer-token requests */
	int via_token;
	int second_factor_ok;         /* 0: password checked, one-time code still to come */
	int must_enrol;               /* 1: the role requires two-factor and none is set up */
};

struct request {
	struct arena *arena;
	struct db *db;
	const char *method;           /* "GET", "POST", ... */
	const char *path;             /* decoded path without the query */
	struct kv_list query;
	struct kv_list form;          /* application/x-www-form-urlencoded body */
	struct kv_list cookies;
	struct kv_list headers;       /* names lower-cased */
	const char *body;             /* raw body (JSON API, uploads); NUL-terminated */
	size_t body_len;
	const char *client;           /* remote address, e.g. "127.0.0.1" */
	int tls;
	const struct route *route;
	const char *params[4];        /* {name} segments of the route pattern, in order */
	struct web_user *user;        /* NULL when not signed in */
	struct actor actor;           /* who is acting, for the model and the audit */
	const char *nonce;            /* per-response CSP nonce (base64) */
	const char *incident;         /* set when an error page was produced */
	int is_api;                   /* path starts with /api/ */
};

struct response {
	int status;
	const char *content_type;
	struct buf body;
	struct kv_list headers;       /* extra headers */
	int cacheable;                /* static asset: no "no-store" */
};

const char *request_header(const struct request *rq, const char *lower_name);
const char *request_query(const struct request *rq, const char *name);
const char *request_form(const struct request *rq, const char *name);   /* NULL when absent */
const char *request_cookie(const struct request *rq, const char *name);
/* Every value of a repeated form field, in order; returns the count. */
size_t request_form_all(const struct request *rq, const char *name, const char **out, size_t max);
/* A path parameter as a positive integer, or 0 when it is not one. */
int64_t request_param_id(const struct request *rq, int index);

void response_header(struct request *rq, struct response *rs, const char *name, const char *value);
void response_redirect(struct request *rq, struct response *rs, const char *location);  /* 303 */

void kv_add(struct arena *a, struct kv_list *l, const char *name, const char *value, size_t value_len);
const struct kv *kv_find(const struct kv_list *l, const char *name);

#endif
