/* Sign in and sign out. The sign-in form is protected against login CSRF with a
 * double-submit token: a random value in a short-lived cookie and in the form. */
#include <stdio.h>
#include <string.h>
#include "model/audit.h"
#include "model/session_store.h"
#include "model/signin.h"
#include "model/two_factor.h"
#include "util/escape.h"
#include "web/dispatch.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

static const char *signin_cookie_name(void)
{
	return web_config.secure_cookies ? "__Host-nestguard-signin" : "nestguard-signin";
}

/* A local path to return to after sign-in; anything else becomes "/". */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\\') ||
	    strlen(next) > 500 || strncmp(next, "/signin", 7) == 0)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20) return "/";
	return next;
}

static void render_form(struct request *rq, struct response *rs, const char *email, const char *next,
	const struct form_error *errors, int nerrors)
{
	char token[SECRET_TOKEN_CHARS + 1];
	secret_token_new(token);
	response_header(rq, rs, "Set-Cookie",
		arena_printf(rq->arena, "%s=%s%s; Max-Age=3600", signin_cookie_name(), token, web_cookie_attributes()));
	layout_begin(rq, rs, nerrors ? "Error: Sign in" : "Sign in");
	html_printf(rs, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	form_error_summary(rs, errors, nerrors);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Sign in to nestguard</h1>\n"
		"<p class=\"govuk-body\">nestguard holds confidential information about vulnerable people. "
		"Sign in with the account your organisation gave you.</p>\n"
		"<form method=\"post\" action=\"/signin\" novalidate>\n"
		"<input type=\"hidden\" name=\"csrf_token\" value=\"%h\">\n"
		"<input type=\"hidden\" name=\"next\" value=\"%h\">\n", token, safe_next(next));
	form_text_input(rs, "email", "Email address", NULL, email, form_error_for(errors, nerrors, "email"), "email", "username");
	form_text_input(rs, "password", "Password", NULL, NULL, form_error_for(errors, nerrors, "password"), "password", "current-password");
	html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button>\n"
		"</form>\n</div></div>\n");
	layout_end(rq, rs);
}

void page_signin_form(struct request *rq, struct response *rs)
{
	if (rq->user) {
		response_redirect(rq, rs, "/");
		return;
	}
	render_form(rq, rs, NULL, request_query(rq, "next"), NULL, 0);
}

void page_signin_submit(struct request *rq, struct response *rs)
{
	const char *form_token = request_form(rq, "csrf_token");
	const char *cookie_token = request_cookie(rq, signin_cookie_name());
	const char *email = request_form(rq, "email");
	const char *password = request_form(rq, "password");
	const char *next = request_form(rq, "next");
	const char *origin = request_header(rq, "origin");
	const char *host = request_header(rq, "host");
	int origin_ok = 1;
	if (origin && host) {
		const char *scheme = rq->tls ? "https://" : "http://";
		origin_ok = strncmp(origin, scheme, strlen(scheme)) == 0 && strcmp(origin + strlen(scheme), host) == 0;
	}
	if (!form_token || !cookie_token || !secret_equal(form_token, cookie_token) || !origin_ok) {
		web_error(rq, rs, 403, "The sign-in form has expired or came from another site. Go back, reload the page and try again.");
		return;
	}
	struct form_error errors[2];
	int n = 0;
	if (!email || !*email) errors[n++] = (struct form_error){"email", "Enter your email address"};
	else if (strlen(email) > 254) errors[n++] = (struct form_error){"email", "Email address must be 254 characters or fewer"};
	if (!password || !*password) errors[n++] = (struct form_error){"password", "Enter your password"};
	else if (strlen(password) > 1024) errors[n++] = (struct form_error){"password", "Password must be 1024 characters or fewer"};
	if (n) {
		rs->status = 400;
		render_form(rq, rs, email, next, errors, n);
		return;
	}
	int64_t user_id = 0;
	int rc = signin_check(rq->db, email, password, rq->client, &user_id);
	if (rc == SIGNIN_THROTTLED) {
		rs->status = 429;
		response_header(rq, rs, "Retry-After", "900");
		errors[0] = (struct form_error){"email", "Too many failed attempts. Wait 15 minutes and try again, or ask your administrator"};
		render_form(rq, rs, email, next, errors, 1);
		return;
	}
	if (rc != SIGNIN_OK) {
		rs->status = 401;
		errors[0] = (struct form_error){"email", "Enter a correct email address and password"};
		render_form(rq, rs, email, next, errors, 1);
		return;
	}
	/* a new token at every sign-in: any token planted before sign-in is worthless */
	const char *old = request_cookie(rq, web_session_cookie_name());
	if (old) session_delete(rq->db, old);
	char token[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1];
	int enrolled = two_factor_enrolled(rq->db, user_id);
	session_create(rq->db, user_id, rq->client, !enrolled, token, csrf);
	response_header(rq, rs, "Set-Cookie", arena_printf(rq->arena, "%s=%s%s", web_session_cookie_name(), token, web_cookie_attributes()));
	response_header(rq, rs, "Set-Cookie", arena_printf(rq->arena, "%s=; Max-Age=0%s", signin_cookie_name(), web_cookie_attributes()));
	if (enrolled) {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/signin/two-factor?next=");
		escape_url(&to, safe_next(next));
		response_redirect(rq, rs, buf_str(&to));
		buf_free(&to);
		return;
	}
	response_redirect(rq, rs, safe_next(next));
}

/* exported for the two-factor page, which finishes the same sign-in */
const char *signin_safe_next(const char *next)
{
	return safe_next(next);
}

void page_signout(struct request *rq, struct response *rs)
{
	const char *token = request_cookie(rq, web_session_cookie_name());
	if (token) session_delete(rq->db, token);
	audit_record(rq->db, &rq->actor, "signout", "user", NULL, NULL, NULL);
	response_header(rq, rs, "Set-Cookie", arena_printf(rq->arena, "%s=; Max-Age=0%s", web_session_cookie_name(), web_cookie_attributes()));
	response_redirect(rq, rs, "/signin");
}
