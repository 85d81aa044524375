/* One request through the whole pipeline, without any network: route lookup, sign-in
 * (session cookie or bearer token), the route's permission, CSRF and Origin checks, the
 * handler, error pages, and the security headers every response carries. */
#ifndef NESTGUARD_DISPATCH_H
#define NESTGUARD_DISPATCH_H
#include "web/request.h"

struct web_config {
	int tls;              /* served over TLS: HSTS, Secure cookies */
	int secure_cookies;   /* TLS or loopback: __Host- cookie names with Secure */
};

extern struct web_config web_config;

#define BODY_LIMIT_DEFAULT (1u << 20)
#define BODY_LIMIT_UPLOAD (64u << 20)

void dispatch(struct request *rq, struct response *rs);
/* Turn RS into an error page (HTML or JSON, by rq->is_api) for STATUS with MESSAGE and an
 * incident reference that is also stored in rq->incident for the log. */
void web_error(struct request *rq, struct response *rs, int status, const char *message);
/* The headers every response carries (CSP, nosniff, referrer and framing policy,
 * no-store unless rs->cacheable, HSTS under TLS). dispatch() adds them itself. */
void web_security_headers(struct request *rq, struct response *rs);
/* Name of the session cookie under the current configuration. */
const char *web_session_cookie_name(void);
/* Set-Cookie value attributes for the current configuration ("; Path=/; HttpOnly; ..."). */
const char *web_cookie_attributes(void);
/* Standard phrase for a status code. */
const char *web_status_text(int status);

#endif
