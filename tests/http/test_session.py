"""Session lifetime (idle and absolute expiry, with the test clock), forged cookies, disabled users."""
from harness import case, check, equal, status
from support import ADMIN, ANALYST, CASEWORKER, PARTNER

SESSION = "__Host-nestguard"
MINUTE = 60


def signed_out(server, response):
    return response.status == 303 and (response.location(server.origin) or "").startswith("/signin")


@case("a session used within every 30 minutes stays open and ends after 30 idle minutes")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(PARTNER)
    server.advance(29 * MINUTE)
    status(c.get("/"), 200, "after 29 idle minutes")
    server.advance(29 * MINUTE)
    status(c.get("/"), 200, "29 minutes after the last request (58 since sign-in)")
    server.advance(31 * MINUTE)
    r = c.get("/")
    check(signed_out(server, r), f"after 31 idle minutes: {r.status} {r.location()!r}, not a redirect to /signin")
    status(c.get("/api/v1/me"), 401, "the API with the expired session")


@case("a session ends 12 hours after sign-in even when it is never idle")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    elapsed = 0
    while elapsed + 25 * MINUTE < 12 * 60 * MINUTE - 5 * MINUTE:
        server.advance(25 * MINUTE)
        elapsed += 25 * MINUTE
        r = c.get("/account")
        status(r, 200, f"{elapsed // MINUTE} minutes after sign-in")
    server.advance(12 * 60 * MINUTE - elapsed + MINUTE)
    r = c.get("/account")
    check(signed_out(server, r), f"12 hours and a minute after sign-in: {r.status}, not a redirect to /signin")


@case("an expired session cannot be revived by signing in again with the old cookie")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    old = c.cookie(SESSION)
    server.advance(31 * MINUTE)
    status(c.sign_in(CASEWORKER), 303)
    check(c.cookie(SESSION) != old, "the expired token was reused for the new session")
    replay = server.client()
    replay.cookies = {SESSION: old}
    check(signed_out(server, replay.get("/")), "the expired token still opens the home page")


@case("a forged session cookie is treated as signed out")
def _(ctx):
    server = ctx.server()
    for forged in ("A" * 43, "", "x", "%00%ff", "../../etc/passwd", "A" * 4000, "'; DROP TABLE session; --"):
        c = server.client()
        c.cookies = {SESSION: forged}
        r = c.get("/")
        check(signed_out(server, r) or r.status == 400,
              f"forged cookie {forged[:20]!r}: {r.status}, not a redirect to /signin")
        status(c.get("/api/v1/me"), (401, 400), f"API with forged cookie {forged[:20]!r}")
    status(server.client().signed_in(ADMIN).get("/"), 200, "a real sign-in afterwards")


@case("malformed Cookie headers get an answer and never crash the server")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for header in (";;;", "=", "=value", f"{SESSION}", f"{SESSION}=;{SESSION}=;{SESSION}=x",
                   "a=" + "b" * 3000, '"quoted"="yes"', f"{SESSION}=\u00e9\u00e8".encode().decode("latin-1")):
        r = c.get("/", headers={"Cookie": header}, cookies=False)
        check(r.status in (303, 400), f"Cookie: {header[:30]!r} answered {r.status}")
    status(c.get("/healthz"), 200)


@case("a session token with one character changed opens no session")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    token = c.cookie(SESSION)
    c.cookies[SESSION] = token[:-1] + ("A" if token[-1] != "A" else "B")
    check(signed_out(server, c.get("/")), "a tampered token still opened a session")


@case("disabling an account on the command line ends its sessions and its sign-in")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    status(c.get("/"), 200)
    r = server.cli("user", "disable", "--email", CASEWORKER)
    equal(r.returncode, 0, f"user disable exit status (stderr {r.stderr.strip()!r})")
    check(signed_out(server, c.get("/")), "the disabled user's session still works")
    r = server.client().sign_in(CASEWORKER)
    check(r.status in (401, 403), f"a disabled user signing in got {r.status}")
