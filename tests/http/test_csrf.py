"""CSRF protection of state-changing requests: the token and the Origin/Referer check."""
from harness import case, check, equal, status
from support import ADMIN, CASEWORKER, CSRF_MESSAGE


def agency_kind(client):
    """A kind the agency form offers (its first option, or any text when it is free text)."""
    fields = dict(client.get("/admin/agencies").form("/admin/agencies").values())
    return fields.get("kind") or "police"


def agency_count(server, name):
    return server.scalar("SELECT count(*) FROM agency WHERE name = ?", (name,))


def refused(server, r, name, what):
    status(r, 403, what)
    check(CSRF_MESSAGE in r.text, f"{what}: the 403 page lacks {CSRF_MESSAGE!r}")
    equal(agency_count(server, name), 0, f"{what}: agencies named {name!r} created")


@case("an agency form posted without a csrf_token is refused with 403 and creates nothing")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    refused(server, c.post("/admin/agencies", {"name": "No Token Agency", "kind": agency_kind(c)}),
            "No Token Agency", "POST without csrf_token")


@case("an agency form posted with a wrong csrf_token is refused with 403 and creates nothing")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    token = c.csrf_token("/admin/agencies")
    wrong = token[:-1] + ("0" if token[-1] != "0" else "1")
    refused(server, c.post("/admin/agencies", {"name": "Wrong Token Agency", "kind": agency_kind(c),
                                               "csrf_token": wrong}),
            "Wrong Token Agency", "POST with a wrong token")


@case("a csrf_token from another session is refused")
def _(ctx):
    server = ctx.server()
    other = server.client().signed_in(ADMIN)
    stolen = other.csrf_token("/admin/agencies")
    c = server.client().signed_in(ADMIN)
    refused(server, c.post("/admin/agencies", {"name": "Borrowed Token Agency", "kind": agency_kind(c),
                                               "csrf_token": stolen}),
            "Borrowed Token Agency", "POST with another session's token")


@case("a form posted from a foreign Origin is refused even with the right token")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    token = c.csrf_token("/admin/agencies")
    for origin in ("https://evil.example", f"http://127.0.0.1:{server.port + 1}", "null"):
        refused(server, c.post("/admin/agencies", {"name": "Foreign Agency", "kind": agency_kind(c),
                                                   "csrf_token": token}, origin=origin),
                "Foreign Agency", f"POST with Origin {origin}")


@case("a form posted with a foreign Referer and no Origin is refused even with the right token")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    token = c.csrf_token("/admin/agencies")
    refused(server, c.post("/admin/agencies", {"name": "Referer Agency", "kind": agency_kind(c), "csrf_token": token},
                           origin=None, headers={"Referer": "https://evil.example/admin/agencies"}),
            "Referer Agency", "POST with a foreign Referer")


@case("a form with the right token and no Origin or Referer (a non-browser client) is accepted")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    token = c.csrf_token("/admin/agencies")
    r = c.post("/admin/agencies", {"name": "Scripted Agency", "kind": agency_kind(c), "csrf_token": token},
               origin=None)
    status(r, (200, 201, 303))
    equal(agency_count(server, "Scripted Agency"), 1, "agencies created")


@case("the CSRF token is also accepted in the X-CSRF-Token header")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    token = c.csrf_token("/admin/agencies")
    r = c.post("/admin/agencies", {"name": "Header Token Agency", "kind": agency_kind(c)},
               headers={"X-CSRF-Token": token})
    status(r, (200, 201, 303))
    equal(agency_count(server, "Header Token Agency"), 1, "agencies created")


@case("a refused CSRF request leaves the session signed in")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(CASEWORKER)
    status(c.post("/signout", {"csrf_token": "forged"}), 403)
    status(c.get("/account"), 200, "account page after the refused request")
