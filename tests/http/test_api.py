"""The JSON API: bearer tokens from `nestguard token create`, /api/v1/me, JSON errors."""
from harness import case, check, equal, status
from support import ADMIN, CASEWORKER, DEMO_EMAILS, PARTNER, ROLE_OF


def create_token(server, email):
    r = server.cli("token", "create", "--email", email)
    equal(r.returncode, 0, f"token create --email {email} exit status (stderr {r.stderr.strip()!r})")
    lines = r.stdout.strip().splitlines()
    equal(len(lines), 1, f"lines printed by token create ({r.stdout!r})")
    token = lines[0].strip()
    check(len(token) >= 22 and " " not in token, f"token {token!r} is not a single long word")
    return token


def json_error(r, code, what):
    status(r, code, what)
    check("application/json" in (r.header("Content-Type") or ""),
          f"{what}: Content-Type {r.header('Content-Type')!r}")
    err = r.json().get("error")
    check(isinstance(err, dict), f"{what}: no error object in {r.text[:200]!r}")
    equal(err.get("status"), code, f"{what}: error.status")
    check(isinstance(err.get("message"), str) and err["message"], f"{what}: empty error.message")


@case("a bearer token from token create opens /api/v1/me with the user, agency and roles")
def _(ctx):
    server = ctx.server()
    token = create_token(server, CASEWORKER)
    r = server.client().get("/api/v1/me", bearer=token)
    status(r, 200)
    check("application/json" in (r.header("Content-Type") or ""), f"Content-Type {r.header('Content-Type')!r}")
    me = r.json()
    uid, agency_id = server.query("SELECT id, agency_id FROM user WHERE email = ?", (CASEWORKER,))[0]
    equal(me["user"]["id"], uid, "user.id")
    equal(me["user"]["email"], CASEWORKER, "user.email")
    check(isinstance(me["user"].get("name"), str) and me["user"]["name"], "user.name is empty")
    equal(me["agency"]["id"], agency_id, "agency.id")
    equal(me["agency"]["name"], server.scalar("SELECT name FROM agency WHERE id = ?", (agency_id,)), "agency.name")
    check(isinstance(me["agency"].get("kind"), str), "agency.kind is missing")
    equal(me["roles"], ["caseworker"], "roles")


@case("every demo account's token reports its own role by machine name")
def _(ctx):
    server = ctx.server()
    for email in DEMO_EMAILS:
        r = server.client().get("/api/v1/me", bearer=create_token(server, email))
        status(r, 200, email)
        check(ROLE_OF[email] in r.json()["roles"], f"{email}: roles {r.json()['roles']}")


@case("the API token is stored only as a hash")
def _(ctx):
    server = ctx.server()
    token = create_token(server, PARTNER)
    stored = [v for row in server.query("SELECT * FROM api_token") for v in row]
    check(token not in [str(v) for v in stored], "the token is stored in clear")


@case("a revoked token gets 401 as JSON")
def _(ctx):
    server = ctx.server()
    token = create_token(server, CASEWORKER)
    status(server.client().get("/api/v1/me", bearer=token), 200, "before revoking")
    token_id = server.scalar("SELECT max(id) FROM api_token")
    r = server.cli("token", "revoke", "--id", str(token_id))
    equal(r.returncode, 0, f"token revoke exit status (stderr {r.stderr.strip()!r})")
    json_error(server.client().get("/api/v1/me", bearer=token), 401, "revoked token")


@case("a disabled user's token stops working")
def _(ctx):
    server = ctx.server()
    token = create_token(server, PARTNER)
    equal(server.cli("user", "disable", "--email", PARTNER).returncode, 0, "user disable exit status")
    json_error(server.client().get("/api/v1/me", bearer=token), 401, "disabled user's token")


@case("missing, malformed and made-up credentials get 401 as JSON")
def _(ctx):
    server = ctx.server()
    real = create_token(server, ADMIN)
    c = server.client()
    json_error(c.get("/api/v1/me"), 401, "no credentials")
    for header in ("Bearer", "Bearer ", "Bearer " + "A" * 43, "Bearer " + real[:-1] + "x",
                   "Bearer " + real + " extra", "Basic YWRtaW46YWRtaW4=", "bearer", real, "Bearer \u00e9"):
        json_error(c.get("/api/v1/me", headers={"Authorization": header.encode().decode("latin-1")}),
                   401, f"Authorization: {header[:20]!r}")


@case("the session cookie also opens /api/v1/me")
def _(ctx):
    server = ctx.server()
    r = server.client().signed_in(ADMIN).get("/api/v1/me")
    status(r, 200)
    equal(r.json()["user"]["email"], ADMIN, "user.email")
    check("administrator" in r.json()["roles"], f"roles {r.json()['roles']}")


@case("an unknown API path gets 404 as JSON")
def _(ctx):
    server = ctx.server()
    token = create_token(server, ADMIN)
    json_error(server.client().get("/api/v1/no-such-thing", bearer=token), 404, "unknown API path")


@case("a wrong method on an API path gets 405 as JSON with Allow")
def _(ctx):
    server = ctx.server()
    token = create_token(server, ADMIN)
    r = server.client().request("POST", "/api/v1/me", body=b"{}", bearer=token,
                                headers={"Content-Type": "application/json"})
    json_error(r, 405, "POST /api/v1/me")
    check("GET" in (r.header("Allow") or ""), f"Allow {r.header('Allow')!r}")

