/* The request pipeline. Handlers run only after every check has passed. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/api_token.h"
#include "model/audit.h"
#include "model/session_store.h"
#include "model/two_factor.h"
#include "model/user.h"
#include "web/dispatch.h"
#include "util/escape.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/route.h"

struct web_config web_config;

const char *web_session_cookie_name(void)
{
	return web_config.secure_cookies ? "__Host-nestguard" : "nestguard";
}

const char *web_cookie_attributes(void)
{
	return web_config.secure_cookies ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
	                                 : "; Path=/; HttpOnly; SameSite=Strict";
}

const char *web_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad request";
	case 401: return "Sign in required";
	case 403: return "Forbidden";
	case 404: return "Page not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 413: return "Request too large";
	case 415: return "Unsupported media type";
	case 422: return "Cannot process the request";
	case 429: return "Too many requests";
	case 431: return "Request headers too large";
	case 500: return "Sorry, there is a problem with the service";
	case 503: return "Service unavailable";
	}
	return status >= 500 ? "Server error" : "Error";
}

void web_error(struct request *rq, struct response *rs, int status, const char *message)
{
	unsigned char raw[4];
	randombytes_buf(raw, sizeof raw);
	rq->incident = arena_printf(rq->arena, "%02X%02X%02X%02X", raw[0], raw[1], raw[2], raw[3]);
	rs->status = status;
	buf_reset(&rs->body);
	if (!message) message = web_status_text(status);
	if (rq->is_api) {
		rs->content_type = "application/json";
		html_printf(rs, "{\"error\":{\"status\":%d,\"message\":\"%j\",\"incident\":\"%j\"}}\n",
			status, message, rq->incident);
		return;
	}
	layout_begin(rq, rs, web_status_text(status));
	html_printf(rs, "<h1 class=\"govuk-heading-l\">%h</h1>\n<p class=\"govuk-body\">%h</p>\n",
		web_status_text(status), message);
	if (status == 404)
		html_printf(rs, "<p class=\"govuk-body\">If you typed the web address, check it is correct. "
			"If you followed a link, the record may have been removed or you may not have access to it.</p>\n");
	html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a></p>\n"
		"<p class=\"govuk-body-s\">Incident reference: <span class=\"ng-incident\">%h</span></p>\n", rq->incident);
	layout_end(rq, rs);
}

/* Sign the request in from a bearer token or the session cookie. Returns -1 when a bearer
 * token was offered but is not valid (the caller answers 401), else 0. */
static int authenticate(struct request *rq)
{
	const char *auth = request_header(rq, "authorization");
	int64_t user_id = 0;
	struct web_user *u = arena_alloc(rq->arena, sizeof *u);
	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7) != 0) return -1;
		user_id = api_token_lookup(rq->db, auth + 7);
		if (!user_id) return -1;
		u->via_token = 1;
	} else {
		const char *token = request_cookie(rq, web_session_cookie_name());
		if (!token || strlen(token) != SECRET_TOKEN_CHARS) return 0;
		char csrf[SECRET_TOKEN_CHARS + 1];
		user_id = session_lookup(rq->db, token, csrf, &u->second_factor_ok);
		if (!user_id) return 0;
		u->csrf_token = arena_strdup(rq->arena, csrf);
	}
	if (u->via_token) u->second_factor_ok = 1;   /* API tokens are issued by an administrator */
	if (user_identity_load(rq->db, rq->arena, user_id, &u->who) != 0) return u->via_token ? -1 : 0;
	u->must_enrol = u->second_factor_ok && !u->via_token && two_factor_required(rq->db, u->who.roles) &&
		!two_factor_enrolled(rq->db, u->who.id);
	rq->user = u;
	rq->actor.user_id = u->who.id;
	rq->actor.agency_id = u->who.agency_id;
	rq->actor.roles = u->who.roles;
	return 0;
}

/* 1 when the Origin (or, failing that, Referer) header names this server or is absent. */
static int same_origin(struct request *rq)
{
	const char *host = request_header(rq, "host");
	const char *origin = request_header(rq, "origin");
	const char *referer = NULL;
	if (!origin || strcmp(origin, "null") == 0) {
		referer = request_header(rq, "referer");
		if (!referer && !origin) return 1;
		if (!referer) return 0;
		origin = referer;
	}
	if (!host) return 0;
	const char *scheme = rq->tls ? "https://" : "http://";
	size_t sl = strlen(scheme), hl = strlen(host);
	if (strncmp(origin, scheme, sl) != 0 || strncmp(origin + sl, host, hl) != 0) return 0;
	char after = origin[sl + hl];
	return referer ? (after == '/' || after == 0) : after == 0;
}

static int csrf_ok(struct request *rq)
{
	if (!rq->user || rq->user->via_token) return 1;
	const char *token = request_form(rq, "csrf_token");
	if (!token) token = request_header(rq, "x-csrf-token");
	if (!token || !rq->user->csrf_token || !secret_equal(token, rq->user->csrf_token)) return 0;
	return same_origin(rq);
}

void web_security_headers(struct request *rq, struct response *rs)
{
	response_header(rq, rs, "Content-Security-Policy",
		"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
		"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
	response_header(rq, rs, "X-Content-Type-Options", "nosniff");
	response_header(rq, rs, "Referrer-Policy", "same-origin");
	response_header(rq, rs, "X-Frame-Options", "DENY");
	response_header(rq, rs, "Cross-Origin-Opener-Policy", "same-origin");
	if (!rs->cacheable) response_header(rq, rs, "Cache-Control", "no-store");
	if (web_config.tls) response_header(rq, rs, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

static int is_state_changing(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void run(struct request *rq, struct response *rs)
{
	rq->is_api = strncmp(rq->path, "/api/", 5) == 0;
	const char *method = strcmp(rq->method, "HEAD") == 0 ? "GET" : rq->method;
	int path_exists = 0;
	struct buf allow = BUF_INIT;
	const struct route *r = route_match(rq->arena, method, rq->path, rq->params, &path_exists, &allow);
	if (!r) {
		if (path_exists) {
			response_header(rq, rs, "Allow", buf_str(&allow));
			web_error(rq, rs, 405, "This address does not accept that kind of request");
		} else {
			web_error(rq, rs, 404, NULL);
		}
		buf_free(&allow);
		return;
	}
	buf_free(&allow);
	rq->route = r;
	if (authenticate(rq) != 0) {
		audit_record(rq->db, &rq->actor, "access.denied", "route", r->pattern, NULL, "bad token");
		web_error(rq, rs, 401, "The API token is missing, revoked or not valid");
		return;
	}
	if (!(r->flags & ROUTE_PUBLIC) && !rq->user) {
		audit_record(rq->db, &rq->actor, "access.denied", "route", r->pattern, NULL, "not signed in");
		if (rq->is_api) {
			web_error(rq, rs, 401, "Sign in or send an API token to use this address");
		} else if (strcmp(method, "GET") == 0) {
			struct buf next = BUF_INIT;
			buf_puts(&next, "/signin?next=");
			escape_url(&next, rq->path);
			response_redirect(rq, rs, buf_str(&next));
			buf_free(&next);
		} else {
			web_error(rq, rs, 401, "Your session has ended. Sign in again.");
		}
		return;
	}
	/* Half signed in: only the one-time code form (and sign-out) until the code is given;
	 * a privileged user without two-factor: only enrolment until it is set up. */
	if (rq->user && !rq->user->second_factor_ok && !(r->flags & (ROUTE_BEFORE_SECOND_FACTOR | ROUTE_PUBLIC))) {
		if (rq->is_api) web_error(rq, rs, 401, "Finish signing in with your one-time code");
		else response_redirect(rq, rs, "/signin/two-factor");
		return;
	}
	if (rq->user && rq->user->must_enrol && !(r->flags & (ROUTE_ENROLMENT | ROUTE_PUBLIC))) {
		if (rq->is_api) web_error(rq, rs, 403, "Set up two-factor sign-in before using nestguard");
		else response_redirect(rq, rs, "/account/two-factor");
		return;
	}
	if (!route_allows(r, rq->actor.roles)) {
		audit_record(rq->db, &rq->actor, "access.denied", "route", r->pattern, NULL, rq->method);
		web_error(rq, rs, 403, "You do not have permission to see this page.");
		return;
	}
	if (is_state_changing(rq->method) && !(r->flags & ROUTE_NO_CSRF) && !csrf_ok(rq)) {
		audit_record(rq->db, &rq->actor, "access.denied", "route", r->pattern, NULL, "csrf");
		web_error(rq, rs, 403, "The form has expired or came from another site. Go back, reload the page and try again.");
		return;
	}
	r->handler(rq, rs);
	if (rs->status >= 400 && rs->body.len == 0) web_error(rq, rs, rs->status, NULL);
}

void dispatch(struct request *rq, struct response *rs)
{
	if (!rs->status) rs->status = 200;
	rq->actor.client = rq->client;
	run(rq, rs);
	if (!rs->content_type) rs->content_type = rq->is_api ? "application/json" : "text/html; charset=utf-8";
	web_security_headers(rq, rs);
}
