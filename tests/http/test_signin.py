"""Signing in and out, sign-in throttling and the session cookie."""
import re
import urllib.parse

from harness import case, check, equal, status
from support import (ADMIN, BAD_CREDENTIALS, CASEWORKER, DEMO_EMAILS, ANALYST, REFERRER)

SESSION = "__Host-nestguard"
SIGNIN_COOKIE = "__Host-nestguard-signin"


@case("the sign-in page has email and password fields and a hidden csrf_token")
def _(ctx):
    c = ctx.server().client()
    page = c.get("/signin")
    status(page, 200)
    form = page.form("/signin")
    equal(form.method, "POST", "sign-in form method")
    names = form.field_names()
    for field in ("email", "password", "csrf_token"):
        check(field in names, f"sign-in form lacks a {field} field: {names}")
    kinds = {n: k for n, k, _, _ in form.inputs}
    equal(kinds.get("password"), "password", "type of the password field")
    equal(kinds.get("csrf_token"), "hidden", "type of the csrf_token field")
    check(SIGNIN_COOKIE in c.cookies, f"no {SIGNIN_COOKIE} cookie set by GET /signin: {page.headers}")


@case("every demo account signs in with its printed password and sees its home page")
def _(ctx):
    server = ctx.server()
    for email in DEMO_EMAILS:
        c = server.client()
        r = c.sign_in(email)
        status(r, 303, f"signing in as {email}")
        equal(r.location(server.origin), "/", f"redirect after signing in as {email}")
        home = c.get("/")
        status(home, 200, f"home page of {email}")
        check("<h1" in home.text, f"the home page of {email} has no <h1>")
        account = c.get("/account")
        status(account, 200, f"/account of {email}")
        check(email in account.text, f"/account does not show {email}'s own address")


@case("the session cookie is __Host- prefixed, HttpOnly, SameSite=Strict, Secure and random")
def _(ctx):
    server = ctx.server()
    c = server.client()
    r = c.sign_in(CASEWORKER)
    status(r, 303)
    raw = [v for v in r.header_all("Set-Cookie") if v.startswith(SESSION + "=")]
    check(raw, f"no {SESSION} cookie set at sign-in: {r.header_all('Set-Cookie')}")
    attrs = [a.strip().lower() for a in raw[-1].split(";")[1:]]
    for want in ("httponly", "samesite=strict", "path=/", "secure"):
        check(want in attrs, f"session cookie lacks {want}: {raw[-1]!r}")
    check(not any(a.startswith("domain") for a in attrs), f"a __Host- cookie must not set Domain: {raw[-1]!r}")
    token = c.cookie(SESSION)
    check(len(token) >= 22, f"session token too short for 128 random bits: {token!r}")
    other = server.client()
    status(other.sign_in(CASEWORKER), 303)
    check(other.cookie(SESSION) != token, "two sign-ins got the same session token")
    stored = [row[0] for row in server.query("SELECT token_hash FROM session")]
    check(token not in stored, "the session token is stored in clear rather than hashed")


@case("signing in issues a new session token even when the browser already sent one")
def _(ctx):
    server = ctx.server()
    c = server.client()
    planted = "A" * 43
    c.cookies[SESSION] = planted
    status(c.sign_in(ADMIN), 303)
    check(c.cookie(SESSION) not in (None, planted), "the session token chosen before sign-in was kept")
    status(c.get("/"), 200)


@case("a wrong password gets 401 with 'Enter a correct email address and password' and no session")
def _(ctx):
    server = ctx.server()
    c = server.client()
    r = c.sign_in(ADMIN, "not-the-right-password-at-all")
    status(r, 401)
    check(BAD_CREDENTIALS in r.text, f"401 page lacks {BAD_CREDENTIALS!r}")
    check(SESSION not in c.cookies, "a failed sign-in set a session cookie")
    equal(c.get("/").status, 303, "home page status after a failed sign-in")


@case("an unknown email gets exactly the same answer as a wrong password")
def _(ctx):
    c = ctx.server().client()
    r = c.sign_in("nobody-here@nestguard.example", "some-long-password-123")
    status(r, 401)
    check(BAD_CREDENTIALS in r.text, f"401 page lacks {BAD_CREDENTIALS!r}")


@case("signing in with an empty email or password gets 400 with an error summary")
def _(ctx):
    server = ctx.server()
    for fill in ({"email": "", "password": "x" * 14}, {"email": ADMIN, "password": ""}):
        c = server.client()
        r = c.submit(c.get("/signin"), "/signin", fill)
        status(r, 400, f"sign-in with {fill}")
        check("govuk-error-summary" in r.text, "the 400 page has no GOV.UK error summary")
        check(SESSION not in c.cookies, "an incomplete sign-in set a session cookie")


@case("the email address is matched without regard to case")
def _(ctx):
    server = ctx.server()
    c = server.client()
    status(c.sign_in(ADMIN.upper(), server.passwords[ADMIN]), 303)


@case("signing in returns to the page that asked for it")
def _(ctx):
    server = ctx.server()
    c = server.client()
    r = c.get("/account")
    status(r, 303)
    loc = r.location(server.origin)
    parts = urllib.parse.urlsplit(loc)
    equal(parts.path, "/signin", "redirect of an unauthenticated page view")
    equal(urllib.parse.parse_qs(parts.query).get("next"), ["/account"], f"next parameter in {loc!r}")
    page = c.get(loc)
    status(page, 200)
    r = c.submit(page, "/signin", {"email": ANALYST, "password": server.passwords[ANALYST]})
    status(r, 303)
    equal(r.location(server.origin), "/account", "redirect after sign-in with next=/account")


@case("signing in never redirects to another site whatever next says")
def _(ctx):
    server = ctx.server()
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "http:evil.example",
                 "javascript:alert(1)", "/%2F%2Fevil.example"):
        c = server.client()
        r = c.sign_in(REFERRER, next_path=evil)
        status(r, 303, f"sign-in with next={evil!r}")
        loc = r.location(server.origin)
        check(loc.startswith("/") and not loc.startswith("//") and "\\" not in loc
              and urllib.parse.urlsplit(loc).netloc == "", f"next={evil!r} redirected to {loc!r}")


@case("after five failed sign-ins for one account the next attempt gets 429 even with the right password")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for i in range(5):
        status(c.sign_in(CASEWORKER, f"wrong-password-number-{i}"), 401, f"failure {i + 1}")
    r = c.sign_in(CASEWORKER)
    status(r, 429, "sign-in after five failures")
    check(SESSION not in c.cookies, "a throttled sign-in set a session cookie")
    # Another account from the same address is not affected by this account's throttle.
    status(server.client().sign_in(ANALYST), 303, "another account's sign-in")


@case("the account throttle lifts after fifteen minutes")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for i in range(5):
        status(c.sign_in(CASEWORKER, f"wrong-password-number-{i}"), 401)
    status(c.sign_in(CASEWORKER), 429)
    server.advance(15 * 60 + 5)
    status(c.sign_in(CASEWORKER), 303, "sign-in fifteen minutes later")


@case("twenty failed sign-ins from one address throttle every account from that address")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for i in range(20):
        status(c.sign_in(f"unknown{i}@nowhere.example", "a-wrong-password-123"), 401, f"failure {i + 1}")
    status(c.sign_in(ADMIN), 429, "sign-in after twenty failures from this address")


@case("failed and successful sign-ins are audited without the password typed")
def _(ctx):
    server = ctx.server()
    before = server.audit_count()
    typed = "Sup3r-secret-typo-xyz"
    status(server.client().sign_in(ADMIN, typed), 401)
    after_failure = server.audit_count()
    check(after_failure > before, "a failed sign-in wrote no audit row")
    status(server.client().sign_in(ADMIN), 303)
    check(server.audit_count() > after_failure, "a successful sign-in wrote no audit row")
    rows = server.query("SELECT * FROM audit_trail")
    check(not any(typed in str(v) or server.passwords[ADMIN] in str(v) for row in rows for v in row),
          "a password appears in the audit table")


@case("signing out ends the session on the server and clears the cookie")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    old = dict(c.cookies)
    token = c.csrf_token("/")
    r = c.post("/signout", {"csrf_token": token})
    status(r, 303)
    equal(r.location(server.origin), "/signin", "redirect after signing out")
    check(SESSION not in c.cookies, "the session cookie was not cleared")
    equal(server.scalar("SELECT count(*) FROM session WHERE user_id = ?", (server.user_id(CASEWORKER),)),
          0, "sessions left for the user after signing out")
    replay = server.client()
    replay.cookies = old
    r = replay.get("/")
    status(r, 303, "home page with the signed-out cookie")
    check(r.location(server.origin).startswith("/signin"), f"redirected to {r.location()!r}")


@case("signing out without the CSRF token is refused and the session stays alive")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    status(c.post("/signout", {}), 403)
    status(c.get("/"), 200, "home page after the refused sign-out")


@case("a sign-in form posted without its CSRF cookie and token is refused")
def _(ctx):
    server = ctx.server()
    c = server.client()
    r = c.post("/signin", {"email": ADMIN, "password": server.passwords[ADMIN]})
    status(r, 403)
    check(SESSION not in c.cookies, "a sign-in without CSRF protection set a session cookie")


@case("a sign-in token that does not match the sign-in cookie is refused")
def _(ctx):
    server = ctx.server()
    c = server.client()
    page = c.get("/signin")
    r = c.submit(page, "/signin", {"email": ADMIN, "password": server.passwords[ADMIN],
                                   "csrf_token": "0" * 32})
    status(r, 403)
    check(SESSION not in c.cookies, "a sign-in with a wrong token set a session cookie")


@case("invalid UTF-8 in the sign-in email gets a clear 400 and signs nobody in")
def _(ctx):
    server = ctx.server()
    c = server.client()
    before = server.audit_count()
    r = c.submit(c.get("/signin"), "/signin", {"email": b"adm\xffin@nestguard.example",
                                               "password": server.passwords[ADMIN]})
    status(r, 400)
    r.body.decode("utf-8")  # the answer itself must be valid UTF-8 (nothing echoed raw)
    check(SESSION not in c.cookies, "invalid UTF-8 sign-in set a session cookie")
    check(re.search(r"(?i)utf-8|character|email", r.text), "the 400 page does not say what is wrong")
    check(server.audit_count() >= before, "audit rows disappeared")
