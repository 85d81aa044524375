"""Route permissions, denial auditing, unauthenticated redirects, 404 and 405, error pages."""
import re
import urllib.parse

from harness import case, check, equal, status
from support import (ADMIN, ANALYST, CASEWORKER, DEMO_EMAILS, PARTNER, REFERRER, TEAM_LEADER)

INCIDENT = re.compile(r"Incident reference:\s*(?:<[^>]*>\s*)*([A-Za-z0-9-]{6,})")
LEAKS = re.compile(r"(?i)sqlite|SELECT |\.c:\d+|/work/|/home/|/tmp/|stack trace|segmentation")


def check_error_page(server, r, what):
    """A generic error page: an incident reference that is also in the log, and nothing internal."""
    m = INCIDENT.search(r.text)
    check(m, f"{what}: no 'Incident reference: ...' on the error page: {r.text[:300]!r}")
    check(m.group(1) in server.log(), f"{what}: incident reference {m.group(1)} is not in the server log")
    leak = LEAKS.search(r.text)
    if leak:
        check(False, f"{what}: the error page shows internals ({leak.group(0)!r})")


@case("an administrator can open the user and agency administration pages")
def _(ctx):
    c = ctx.server().client().signed_in(ADMIN)
    for path in ("/admin/users", "/admin/agencies"):
        r = c.get(path)
        status(r, 200, path)
        check(r.form(path), f"{path} has no form posting to {path}")


@case("every role other than administrator gets the 403 page on administration pages")
def _(ctx):
    server = ctx.server()
    for email in DEMO_EMAILS:
        if email == ADMIN:
            continue
        c = server.client().signed_in(email)
        for path in ("/admin/users", "/admin/agencies"):
            r = c.get(path)
            status(r, 403, f"{email} GET {path}")
            check("text/html" in (r.header("Content-Type") or ""), f"{path}: the 403 answer is not an HTML page")


@case("a caseworker refused the users page leaves an access.denied audit row naming them")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    uid = server.user_id(CASEWORKER)
    before = server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'access.denied' AND user_id = ?", (uid,))
    r = c.get("/admin/users")
    status(r, 403)
    check_error_page(server, r, "403 page")
    after = server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'access.denied' AND user_id = ?", (uid,))
    equal(after - before, 1, "access.denied rows added for the caseworker")
    row = server.query("SELECT agency_id, client FROM audit_trail WHERE action = 'access.denied' AND user_id = ? "
                       "ORDER BY id DESC LIMIT 1", (uid,))[0]
    equal(row[0], server.scalar("SELECT agency_id FROM user WHERE id = ?", (uid,)), "audited agency")
    check("127.0.0.1" in row[1], f"audited client address {row[1]!r}")


@case("a partner posting the agency form with a valid token is refused and nothing is created")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(PARTNER)
    token = c.csrf_token("/")
    before = server.scalar("SELECT count(*) FROM agency")
    status(c.post("/admin/agencies", {"name": "Partner Made Agency", "kind": "police", "csrf_token": token}), 403)
    equal(server.scalar("SELECT count(*) FROM agency"), before, "agency count")


@case("an analyst cannot disable a user and the user stays enabled")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    token = c.csrf_token("/")
    victim = server.user_id(REFERRER)
    status(c.post(f"/admin/users/{victim}/disable", {"csrf_token": token}), 403)
    equal(server.scalar("SELECT disabled FROM user WHERE id = ?", (victim,)), 0, "referrer's disabled flag")
    status(server.client().sign_in(REFERRER), 303, "the referrer can still sign in")


@case("protected pages send a signed-out visitor to the sign-in page with next set")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for path in ("/", "/account", "/admin/users", "/admin/agencies"):
        r = c.get(path)
        status(r, 303, f"GET {path} signed out")
        loc = urllib.parse.urlsplit(r.location(server.origin))
        equal(loc.path, "/signin", f"redirect target of {path}")
        equal(urllib.parse.parse_qs(loc.query).get("next"), [path], f"next of {path}")


@case("a signed-out POST to a protected route changes nothing")
def _(ctx):
    server = ctx.server()
    before = server.scalar("SELECT count(*) FROM agency")
    r = server.client().post("/admin/agencies", {"name": "Anonymous Agency", "kind": "police"})
    check(r.status in (303, 401, 403), f"signed-out POST answered {r.status}")
    equal(server.scalar("SELECT count(*) FROM agency"), before, "agency count")


@case("an unknown path gets a generic 404 page, signed in or not")
def _(ctx):
    server = ctx.server()
    for c in (server.client(), server.client().signed_in(TEAM_LEADER)):
        for path in ("/no-such-page", "/admin/users/999999/nothing", "/%ff%fe", "/a/../../etc/passwd"):
            r = c.get(path)
            status(r, (404, 400), f"GET {path}")
            if r.status == 404:
                check_error_page(server, r, f"404 page for {path}")


@case("a known path with the wrong method gets 405 with an Allow header")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for method, path, must_allow in (("DELETE", "/signin", ("GET", "POST")), ("PUT", "/healthz", ("GET",)),
                                     ("POST", "/healthz", ("GET",)), ("PATCH", "/assets/nestguard.css", ("GET",))):
        r = c.request(method, path, body=b"")
        status(r, 405, f"{method} {path}")
        allow = [m.strip().upper() for m in (r.header("Allow") or "").split(",")]
        for m in must_allow:
            check(m in allow, f"{method} {path}: Allow {r.header('Allow')!r} lacks {m}")


@case("the health check answers ok without signing in and without writing an audit row")
def _(ctx):
    server = ctx.server()
    before = server.audit_count()
    r = server.client().get("/healthz")
    status(r, 200)
    equal(r.text.strip(), "ok", "health check body")
    equal(server.audit_count(), before, "audit rows")


@case("viewing a page while signed in writes no personal data to the request log")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    for _ in range(3):
        status(c.get("/healthz"), 200)
    status(c.get("/admin/users"), 200)
    server.stop()
    log = server.log()
    for secret in (ADMIN, server.passwords[ADMIN], c.cookie("__Host-nestguard") or "no-cookie"):
        check(secret not in log, f"the server log contains {secret[:6]}...")
    health = [line for line in log.splitlines() if "/healthz" in line]
    equal(len(health), 3, "log lines for the three health checks")
    check(any("POST" in line and "/signin" in line and "303" in line for line in log.splitlines()),
          "no log line for the sign-in POST with its 303")
