"""Administration through the web forms: agencies, users, disabling, and bad input to the forms."""
from harness import case, check, equal, status
from support import ADMIN, CASEWORKER, ROLE_BITS


def agency_page(c):
    page = c.get("/admin/agencies")
    status(page, 200, "GET /admin/agencies")
    return page


def users_page(c):
    page = c.get("/admin/users")
    status(page, 200, "GET /admin/users")
    return page


def count(server, table):
    return server.scalar(f"SELECT count(*) FROM {table}")


@case("an administrator creates an agency through the form and it is listed and audited")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    audit_before = server.audit_count()
    name = "Tameside Community Safety Test Team"
    r = c.submit(agency_page(c), "/admin/agencies", {"name": name})
    status(r, (200, 201, 303), "POST /admin/agencies")
    equal(server.scalar("SELECT count(*) FROM agency WHERE name = ?", (name,)), 1, "agencies with the new name")
    check(name in agency_page(c).text, "the new agency is not listed on /admin/agencies")
    check(server.audit_count() > audit_before, "creating an agency wrote no audit row")
    listed = server.cli("agency", "list")
    check(name in listed.stdout, "`nestguard agency list` does not show the new agency")


@case("an agency name with markup is shown as text, never as markup")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    name = "<script>alert('x')</script> & \"Sons\""
    status(c.submit(agency_page(c), "/admin/agencies", {"name": name}), (200, 201, 303))
    page = agency_page(c)
    check("<script>alert" not in page.text, "the agency name was written into the page unescaped")
    check("&lt;script&gt;alert" in page.text, "the escaped agency name is not on the page")


@case("an administrator creates a user through the form with a role and agency")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    page = users_page(c)
    agency_id = dict(page.form("/admin/users").values()).get("agency_id")
    check(agency_id, "the user form offers no agency_id")
    email = "new.caseworker@nestguard.example"
    r = c.submit(page, "/admin/users", {"email": email, "name": "Robin Example",
                                        "agency_id": agency_id, "roles": ["caseworker", "analyst"]})
    status(r, (200, 201, 303), "POST /admin/users")
    row = server.query("SELECT agency_id, roles, disabled FROM user WHERE email = ?", (email,))
    check(row, "the new user is not in the database")
    equal(str(row[0][0]), str(agency_id), "the new user's agency")
    equal(row[0][1], ROLE_BITS["caseworker"] | ROLE_BITS["analyst"], "the new user's role bits")
    equal(row[0][2], 0, "the new user's disabled flag")
    check(email in users_page(c).text, "the new user is not listed on /admin/users")
    check(email in server.cli("user", "list").stdout, "`nestguard user list` does not show the new user")


@case("the user form refuses a duplicate or malformed email with 400 and adds nobody")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    for email in (CASEWORKER, "not-an-email", "", "a@b@c"):
        before = count(server, "user")
        page = users_page(c)
        agency_id = dict(page.form("/admin/users").values()).get("agency_id")
        r = c.submit(page, "/admin/users", {"email": email, "name": "Someone Else",
                                            "agency_id": agency_id, "roles": "caseworker"})
        status(r, 400, f"adding a user with email {email!r}")
        check("govuk-error-summary" in r.text, f"email {email!r}: no error summary")
        check('href="#email"' in r.text, f"email {email!r}: the error summary does not link to the email field")
        equal(count(server, "user"), before, f"users after the refused {email!r}")


@case("the user form refuses an unknown role or agency with 400 and adds nobody")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    for fill in ({"roles": "wizard"}, {"roles": []}, {"agency_id": "999999"}, {"agency_id": "abc"}):
        before = count(server, "user")
        page = users_page(c)
        fields = {"email": "someone.new@nestguard.example", "name": "Someone New",
                  "agency_id": dict(page.form("/admin/users").values()).get("agency_id"), "roles": "caseworker"}
        fields.update(fill)
        status(c.submit(page, "/admin/users", fields), 400, f"adding a user with {fill}")
        equal(count(server, "user"), before, f"users after the refused {fill}")


@case("invalid UTF-8 in an agency name gets a clear 400 and creates nothing")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    before = count(server, "agency")
    change_sql = ("SELECT count(*) FROM audit_trail WHERE action LIKE 'agency%' AND action NOT LIKE '%list%'"
                  " AND action NOT LIKE '%view%'")
    changes_before = server.scalar(change_sql)
    for bad in (b"Bad \xff\xfe name", b"\xc3\x28", b"over-long \xc0\xaf", b"surrogate \xed\xa0\x80"):
        r = c.submit(agency_page(c), "/admin/agencies", {"name": bad})
        status(r, 400, f"agency name {bad!r}")
        r.body.decode("utf-8")  # the answer must itself be valid UTF-8
        check("name" in r.text.lower(), f"{bad!r}: the 400 page does not name the field")
    equal(count(server, "agency"), before, "agency count")
    equal(server.scalar(change_sql), changes_before, "agency changes audited for refused forms")


@case("invalid UTF-8 in a user's name gets a clear 400 and adds nobody")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    before = count(server, "user")
    page = users_page(c)
    agency_id = dict(page.form("/admin/users").values()).get("agency_id")
    r = c.submit(page, "/admin/users", {"email": "utf8@nestguard.example", "name": b"Jos\xe9 Latin-1",
                                        "agency_id": agency_id, "roles": "caseworker"})
    status(r, 400)
    r.body.decode("utf-8")
    equal(count(server, "user"), before, "user count")


@case("an administrator disabling a user through the form ends that user's sessions")
def _(ctx):
    server = ctx.server()
    victim = server.client().signed_in(CASEWORKER)
    status(victim.get("/"), 200)
    admin = server.client().signed_in(ADMIN)
    uid = server.user_id(CASEWORKER)
    token = admin.csrf_token("/admin/users")
    r = admin.post(f"/admin/users/{uid}/disable", {"csrf_token": token})
    status(r, (200, 303), "POST disable")
    equal(server.scalar("SELECT disabled FROM user WHERE id = ?", (uid,)), 1, "disabled flag")
    equal(server.scalar("SELECT count(*) FROM session WHERE user_id = ?", (uid,)), 0, "sessions left")
    r = victim.get("/")
    check(r.status == 303 and r.location(server.origin).startswith("/signin"),
          f"the disabled user's old session answered {r.status}")
    r = server.client().sign_in(CASEWORKER)
    check(r.status in (401, 403), f"the disabled user signing in got {r.status}")


@case("disabling a user who does not exist gets 404 and changes nothing")
def _(ctx):
    server = ctx.server()
    admin = server.client().signed_in(ADMIN)
    token = admin.csrf_token("/admin/users")
    before = server.scalar("SELECT sum(disabled) FROM user")
    for bad in ("999999", "0", "-1", "abc", "1%00"):
        r = admin.post(f"/admin/users/{bad}/disable", {"csrf_token": token})
        status(r, (404, 400), f"disable user {bad!r}")
    equal(server.scalar("SELECT sum(disabled) FROM user"), before, "disabled users")
