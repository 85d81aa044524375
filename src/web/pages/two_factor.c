/* Two-factor sign-in pages: entering the one-time code after the password, and setting up
 * an authenticator app (the secret shown as text and as a QR code drawn as inline SVG). */
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include "model/session_store.h"
#include "model/signin.h"
#include "model/two_factor.h"
#include "util/escape.h"
#include "web/dispatch.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

static void code_form(struct request *rq, struct response *rs, const char *action, const char *next,
	const char *error, const char *button)
{
	html_printf(rs, "<form method=\"post\" action=\"%h\" novalidate>\n", action);
	layout_csrf_field(rq, rs);
	if (next) html_printf(rs, "<input type=\"hidden\" name=\"next\" value=\"%h\">\n", next);
	form_text_input(rs, "code", "Code from your authenticator app", "The 6-digit code, for example 123456",
		NULL, error, "text", "one-time-code");
	html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">%h</button>\n</form>\n", button);
}

static void render_code_page(struct request *rq, struct response *rs, const char *next, const char *error)
{
	layout_begin(rq, rs, error ? "Error: Enter your code" : "Enter your code");
	struct form_error fe = {"code", error};
	form_error_summary(rs, &fe, error ? 1 : 0);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Enter the code from your authenticator app</h1>\n");
	code_form(rq, rs, "/signin/two-factor", signin_safe_next(next), error, "Continue");
	layout_end(rq, rs);
}

void page_two_factor_form(struct request *rq, struct response *rs)
{
	if (rq->user->second_factor_ok) { response_redirect(rq, rs, "/"); return; }
	render_code_page(rq, rs, request_query(rq, "next"), NULL);
}

void page_two_factor_submit(struct request *rq, struct response *rs)
{
	const char *next = request_form(rq, "next");
	const char *code = request_form(rq, "code");
	if (rq->user->second_factor_ok) { response_redirect(rq, rs, "/"); return; }
	if (!code || !*code) {
		rs->status = 400;
		render_code_page(rq, rs, next, "Enter the 6-digit code from your authenticator app");
		return;
	}
	int rc = two_factor_verify(rq->db, &rq->actor, code);
	if (rc == SIGNIN_THROTTLED) {
		rs->status = 429;
		render_code_page(rq, rs, next, "Too many wrong codes. Wait 15 minutes and try again, or ask your administrator");
		return;
	}
	if (rc != SIGNIN_OK) {
		rs->status = 401;
		render_code_page(rq, rs, next, "The code is not right: check your app and enter the current code");
		return;
	}
	/* fully signed in now: a new session token for the new privilege */
	const char *old = request_cookie(rq, web_session_cookie_name());
	if (old) session_delete(rq->db, old);
	char token[SECRET_TOKEN_CHARS + 1], csrf[SECRET_TOKEN_CHARS + 1];
	session_create(rq->db, rq->user->who.id, rq->client, 1, token, csrf);
	response_header(rq, rs, "Set-Cookie", arena_printf(rq->arena, "%s=%s%s", web_session_cookie_name(), token, web_cookie_attributes()));
	response_redirect(rq, rs, signin_safe_next(next));
}

/* The otpauth URI as a QR code in SVG: one path of unit squares, scaled by the viewBox. */
static void qr_svg(struct response *rs, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) return;
	int w = qr->width, quiet = 4;
	html_printf(rs, "<svg class=\"ng-qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"200\" height=\"200\" "
		"role=\"img\" aria-label=\"QR code of the secret for your authenticator app\" shape-rendering=\"crispEdges\">"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/><path fill=\"#000\" d=\"", w + 2 * quiet, w + 2 * quiet);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1) html_printf(rs, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	html_printf(rs, "\"/></svg>\n");
	QRcode_free(qr);
}

static void render_enrol_page(struct request *rq, struct response *rs, const char *error)
{
	int enrolled = two_factor_enrolled(rq->db, rq->user->who.id);
	layout_begin(rq, rs, error ? "Error: Two-factor sign-in" : "Two-factor sign-in");
	struct form_error fe = {"code", error};
	form_error_summary(rs, &fe, error ? 1 : 0);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Two-factor sign-in</h1>\n");
	if (enrolled) {
		html_printf(rs, "<p class=\"govuk-body\"><strong class=\"govuk-tag govuk-tag--green\">On</strong> "
			"You sign in with your password and a code from your authenticator app. If you lose your phone, "
			"ask an administrator to reset it.</p>\n");
		layout_end(rq, rs);
		return;
	}
	if (rq->user->must_enrol)
		html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
			"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
			"Your role needs two-factor sign-in. Set it up to continue.</strong></div>\n");
	char *secret = two_factor_pending_secret(rq->db, rq->user->who.id);
	struct buf uri = BUF_INIT;
	buf_puts(&uri, "otpauth://totp/nestguard:");
	escape_url(&uri, rq->user->who.email);
	buf_printf(&uri, "?secret=%s&issuer=nestguard&algorithm=SHA1&digits=6&period=30", secret);
	html_printf(rs, "<ol class=\"govuk-list govuk-list--number\">\n"
		"<li>Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).</li>\n"
		"<li>Scan this QR code, or type in the key below.</li>\n</ol>\n");
	qr_svg(rs, buf_str(&uri));
	html_printf(rs, "<p class=\"govuk-body\">Key: <code class=\"ng-secret\">%h</code></p>\n"
		"<p class=\"govuk-body\">Then enter the code the app shows to finish.</p>\n", secret);
	code_form(rq, rs, "/account/two-factor", NULL, error, "Turn on two-factor sign-in");
	buf_free(&uri);
	free(secret);
	layout_end(rq, rs);
}

void page_two_factor_enrol(struct request *rq, struct response *rs)
{
	render_enrol_page(rq, rs, NULL);
}

void page_two_factor_enrol_submit(struct request *rq, struct response *rs)
{
	const char *code = request_form(rq, "code");
	if (two_factor_enrolled(rq->db, rq->user->who.id)) { response_redirect(rq, rs, "/account/two-factor"); return; }
	if (!code || !*code || two_factor_confirm(rq->db, &rq->actor, code) != 0) {
		rs->status = 400;
		render_enrol_page(rq, rs, code && *code ? "The code is not right: check the key and enter the current code"
			: "Enter the 6-digit code from your authenticator app");
		return;
	}
	response_redirect(rq, rs, "/");
}
