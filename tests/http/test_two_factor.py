"""Two-factor sign-in over HTTP: enrolment with a real TOTP computed here (RFC 6238, SHA-1),
the code step after the password, replay refusal, throttling, and enforcement by role."""
import base64
import hashlib
import hmac
import re
import struct
import time

from harness import case, check, equal, status
from support import ADMIN, CASEWORKER


def totp(secret, at):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 1000000)


def enrol(server, client):
    page = client.get("/account/two-factor")
    status(page, 200, "the enrolment page")
    m = re.search(r'class="ng-secret">([A-Z2-7]+)<', page.text)
    check(m is not None, "the enrolment page shows the key as text")
    check("<svg" in page.text and "ng-qr" in page.text, "the enrolment page shows a QR code")
    secret = m.group(1)
    r = client.submit(page, action="/account/two-factor", fill={"code": totp(secret, server.now())})
    status(r, 303, "confirming enrolment with the current code")
    return secret


@case("a user turns on two-factor and then needs the code after the password")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    secret = enrol(server, c)
    equal(server.scalar("SELECT totp_secret IS NOT NULL FROM user WHERE email=?", (CASEWORKER,)), 1, "enrolled")
    fresh = server.client()
    r = fresh.sign_in(CASEWORKER)
    check((r.location() or "").startswith("/signin/two-factor"), f"after the password: {r.location()!r}")
    status(fresh.get("/account"), 303, "a page before the code")
    status(fresh.get("/api/v1/me"), 401, "the API before the code")
    page = fresh.get("/signin/two-factor")
    server.advance(30)   # a new time step, so the code differs from the one used to enrol
    r = fresh.submit(page, action="/signin/two-factor", fill={"code": totp(secret, server.now())})
    status(r, 303, "the right code")
    status(fresh.get("/account"), 200, "a page after the code")


@case("a one-time code cannot be used twice")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    secret = enrol(server, c)
    server.advance(60)
    code = totp(secret, server.now())
    a = server.client()
    a.sign_in(CASEWORKER)
    status(a.submit(a.get("/signin/two-factor"), action="/signin/two-factor", fill={"code": code}), 303, "first use")
    b = server.client()
    b.sign_in(CASEWORKER)
    status(b.submit(b.get("/signin/two-factor"), action="/signin/two-factor", fill={"code": code}), 401, "replayed code")


@case("five wrong codes lock the second step for fifteen minutes")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    secret = enrol(server, c)
    server.advance(60)
    x = server.client()
    x.sign_in(CASEWORKER)
    for _ in range(5):
        status(x.post("/signin/two-factor", form={"code": "000000", "csrf_token": x.csrf_token("/signin/two-factor")}),
               401, "a wrong code")
    r = x.post("/signin/two-factor", form={"code": totp(secret, server.now()),
                                          "csrf_token": x.csrf_token("/signin/two-factor")})
    status(r, 429, "the right code after five wrong ones")


@case("when enforced, an administrator without two-factor can only set it up")
def _(ctx):
    server = ctx.server()
    server.cli("setting", "set", "totp.enforce", "1")
    c = server.client().signed_in(ADMIN)
    r = c.get("/admin/users")
    equal(r.status, 303, "an admin page before enrolment")
    equal(r.location(), "/account/two-factor", "where it sends the administrator")
    enrol(server, c)
    status(c.get("/admin/users"), 200, "the admin page after enrolment")
