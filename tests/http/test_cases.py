"""Referrals and case management, black box over HTTP (issue 3): the whole story through the
pages as people would use them, the same through the JSON API, and the refusals on the way."""
import os
import re

from harness import case, check, equal, status
from support import CASEWORKER, PARTNER, REFERRER, TEAM_LEADER, scratch_dir

RESIDENT = "Ottoline Storyfield"     # marker text: must never reach the referrer or another agency
ADDRESS = "7 Quillwort Imaginary Row"


def referral_form(client):
    page = client.get("/referrals/new")
    status(page, 200, "GET /referrals/new")
    return page


def submit_referral(client, **extra):
    fill = {
        "referring_team": "Neighbourhood policing, Brinnington",
        "address_line1": ADDRESS, "town": "Stockport", "postcode": "sk5 9zq", "tenure": "social",
        "signs": ["visitors_odd_hours", "door_damage"], "observations": "Young people visiting late at night.",
        "consent": "not_asked", "lawful_basis": "s115", "urgency": "urgent",
        "people[0].given_name": "Ottoline", "people[0].family_name": "Storyfield",
        "people[0].date_of_birth": "2/4/1958", "people[0].role": "resident",
        "people[1].role": "", "people[2].role": "", "area_id": "",
    }
    fill.update(extra)
    return client.submit(referral_form(client), "/referrals", fill)


def case_form(client, case_id, action, fill):
    page = client.get(f"/cases/{case_id}")
    status(page, 200, f"GET /cases/{case_id}")
    return client.submit(page, f"/cases/{case_id}/{action}", fill)


def expect_redirect(r, what, to=None):
    status(r, 303, what)
    if to:
        check(to in (r.header("Location") or ""), f"{what}: redirected to {r.header('Location')!r}, not {to}")


@case("a police referral is triaged, worked, closed with approval, and the referrer sees only its status")
def _(ctx):
    server = ctx.server()
    police = server.client().signed_in(REFERRER)
    r = submit_referral(police)
    expect_redirect(r, "submitting the referral", "/referrals/")
    referral_id = int(re.search(r"/referrals/(\d+)", r.header("Location")).group(1))
    equal(server.scalar("SELECT status FROM referral WHERE id = ?", (referral_id,)), "submitted", "referral status")

    leader = server.client().signed_in(TEAM_LEADER)
    page = leader.get(f"/referrals/{referral_id}")
    status(page, 200, "the team leader opens the referral")
    check(RESIDENT in page.text, "the triage page shows the resident")
    r = leader.submit(page, f"/referrals/{referral_id}/triage", {"decision": "accept", "reason": "Signs of cuckooing"})
    expect_redirect(r, "accepting", "/cases/")
    case_id = int(re.search(r"/cases/(\d+)", r.header("Location")).group(1))
    page = leader.get(f"/referrals/{referral_id}")
    check(not page.forms() or all("/triage" not in f.action for f in page.forms()), "a triaged referral still offers triage")
    again = leader.post(f"/referrals/{referral_id}/triage", {"decision": "accept", "reason": "again",
                                                              "csrf_token": leader.csrf_token("/cases")})
    status(again, 409, "accepting a referral twice")
    check("already been accepted" in again.text, "the refusal says why")

    worker_id = server.user_id(CASEWORKER)
    expect_redirect(case_form(leader, case_id, "assignment", {"user_id": str(worker_id)}), "assigning the case")

    worker = server.client().signed_in(CASEWORKER)
    steps = [
        ("people", {"given_name": "Brannagh", "family_name": "Fictionpen", "date_of_birth": "", "known_as": "",
                    "role": "perpetrator"}),
        ("properties", {"address_line1": "2 Stubble Fictional Lane", "postcode": "SK1 9ZX", "tenure": "private_rented"}),
        ("types", {"type_ids": [str(server.scalar("SELECT id FROM exploitation_type WHERE code = 'property_takeover'")),
                                str(server.scalar("SELECT id FROM exploitation_type WHERE code = 'criminal'"))]}),
        ("risk", {"level": "high", "reason": "Weapons seen at the address"}),
        ("interventions", {"kind": "target_hardening", "occurred_on": "1/1/2024", "person_id": "",
                           "details": "New door and locks"}),
        ("interventions", {"kind": "arrest", "occurred_on": "2/1/2024", "person_id": "", "details": ""}),
        ("tasks", {"title": "Joint visit with police", "owner_user_id": "", "due_on": "31/12/2099"}),
        ("notes", {"body": "Resident seen alone; agreed a safety plan."}),
    ]
    for action, fill in steps:
        expect_redirect(case_form(worker, case_id, action, fill), f"recording {action}", f"/cases/{case_id}")
    counts = server.query("SELECT (SELECT count(*) FROM case_person WHERE case_id = ?1),"
                          " (SELECT count(*) FROM case_property WHERE case_id = ?1),"
                          " (SELECT count(*) FROM case_exploitation_type WHERE case_id = ?1),"
                          " (SELECT count(*) FROM case_risk WHERE case_id = ?1),"
                          " (SELECT count(*) FROM case_intervention WHERE case_id = ?1),"
                          " (SELECT count(*) FROM case_task WHERE case_id = ?1),"
                          " (SELECT count(*) FROM case_note WHERE case_id = ?1)", (case_id,))[0]
    equal(counts, (2, 2, 2, 1, 2, 1, 1), "people, properties, types, risks, interventions, tasks, notes")
    page = worker.get(f"/cases/{case_id}/chronology")
    status(page, 200, "the chronology")
    check("Target hardening" in page.text and "Arrest" in page.text and "safety plan" in page.text,
          "the chronology lists the interventions and the note")
    check(page.text.index("Target hardening") < page.text.index("Arrest"), "the chronology is in date order")

    # a bad closure request names its fields and changes nothing
    bad = case_form(worker, case_id, "closure-request", {"positively_resolved": "", "stayed_in_tenancy": "yes",
                                                          "moved": "out_of_borough", "reason": ""})
    status(bad, 400, "an incomplete closure request")
    check("govuk-error-summary" in bad.text and 'href="#closure-reason"' in bad.text, "the error summary links the field")
    equal(server.scalar("SELECT status FROM case_file WHERE id = ?", (case_id,)), "open", "status after a bad request")
    expect_redirect(case_form(worker, case_id, "closure-request", {"positively_resolved": "yes", "stayed_in_tenancy": "yes",
                                                                   "moved": "no", "reason": "Perpetrators excluded"}),
                    "requesting closure")
    expect_redirect(case_form(leader, case_id, "closure-approval", {}), "approving the closure")
    equal(server.scalar("SELECT status FROM case_file WHERE id = ?", (case_id,)), "closed", "status after approval")
    again = leader.post(f"/cases/{case_id}/closure-approval", {"csrf_token": leader.csrf_token("/cases")})
    status(again, 409, "approving a closed case again")

    page = police.get(f"/referrals/{referral_id}")
    status(page, 200, "the referrer opens their referral")
    check("Accepted" in page.text and "Closed" in page.text, "the referrer sees the referral accepted and the case closed")
    for secret in (RESIDENT, "Ottoline", ADDRESS, "Fictionpen", "Weapons seen", "safety plan"):
        check(secret not in page.text, f"the referrer's page shows {secret!r}")
    status(police.get(f"/cases/{case_id}"), 404, "the referrer opens the case")

    housing = server.client().signed_in(PARTNER)
    person_id = server.scalar("SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", (case_id,))
    property_id = server.scalar("SELECT property_id FROM case_property WHERE case_id = ? LIMIT 1", (case_id,))
    for path in (f"/cases/{case_id}", f"/cases/{case_id}/chronology", f"/people/{person_id}", f"/properties/{property_id}",
                 f"/referrals/{referral_id}"):
        r = housing.get(path)
        status(r, 404, f"another agency opens {path}")
        check(RESIDENT not in r.text and ADDRESS not in r.text, f"{path} leaks the case to another agency")
    cases = housing.get("/cases?q=Storyfield")
    status(cases, 200, "another agency searches the case list")
    check(RESIDENT not in cases.text and "0 cases found" in cases.text, "the case list shows another agency's case")
    check(server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'case.view' AND record_id = ?", (str(case_id),)) >= 3,
          "views of the case are audited")


@case("the same story works through the JSON API with the same permissions")
def _(ctx):
    from test_api import create_token
    server = ctx.server()
    police, leader, worker, housing = (create_token(server, e) for e in (REFERRER, TEAM_LEADER, CASEWORKER, PARTNER))
    c = server.client()
    body = {"address_line1": ADDRESS, "postcode": "SK5 9ZQ", "tenure": "social", "signs": ["door_damage"],
            "consent": "given", "lawful_basis": "consent", "urgency": "routine",
            "people": [{"given_name": "Ottoline", "family_name": "Storyfield", "role": "resident"}]}
    bad = c.request("POST", "/api/v1/referrals", json=dict(body, postcode="nowhere", urgency="whenever"), bearer=police)
    status(bad, 422, "an invalid referral")
    fields = {f["field"] for f in bad.json()["error"]["fields"]}
    check({"postcode", "urgency"} <= fields, f"the error names the fields: {fields}")
    r = c.request("POST", "/api/v1/referrals", json=body, bearer=police)
    status(r, 201, "a valid referral")
    referral_id = r.json()["referral"]["id"]
    check(r.header("Location") == f"/api/v1/referrals/{referral_id}", "Location of the new referral")
    status(c.request("POST", f"/api/v1/referrals/{referral_id}/accept", json={"reason": "x"}, bearer=police), 403,
           "the referrer triages their own referral")
    r = c.request("POST", f"/api/v1/referrals/{referral_id}/accept", json={"reason": "Threshold met"}, bearer=leader)
    status(r, 201, "accepting")
    case_id = r.json()["referral"]["case_id"]
    r = c.request("POST", f"/api/v1/referrals/{referral_id}/accept", json={"reason": "again"}, bearer=leader)
    status(r, 409, "accepting twice")
    r = c.request("POST", "/api/v1/people", json={"given_name": "Ottolene", "family_name": "Storyfeld"}, bearer=worker)
    status(r, 201, "creating a person")
    check(any(d["person"]["family_name"] == "Storyfield" for d in r.json()["possible_duplicates"]),
          "a similar-sounding name is flagged as a possible duplicate")
    dup_id = r.json()["person"]["id"]
    for method, path, payload in (
            ("POST", "people", {"person_id": dup_id, "role": "family_member"}),
            ("POST", "risk", {"level": "medium", "reason": "Visitors reduced"}),
            ("POST", "interventions", {"kind": "leaflet_drop", "occurred_on": "2024-05-01"}),
            ("POST", "tasks", {"title": "Call resident", "due_on": "2099-01-01"}),
            ("POST", "notes", {"body": "Called"}),
            ("POST", "closure-request", {"positively_resolved": True, "stayed_in_tenancy": True, "moved": "no",
                                         "reason": "Resolved"})):
        r = c.request(method, f"/api/v1/cases/{case_id}/{path}", json=payload, bearer=worker)
        status(r, (200, 201), f"{path}")
    leader_id = server.user_id(TEAM_LEADER)
    # the team leader's own closure request cannot be approved by them
    r = c.request("POST", f"/api/v1/cases/{case_id}/closure-decline", json={"reason": "One more visit"}, bearer=leader)
    status(r, 200, "declining the closure")
    r = c.request("POST", f"/api/v1/cases/{case_id}/closure-request", json={"positively_resolved": "yes",
                  "stayed_in_tenancy": "yes", "moved": "no", "reason": "Resolved now"}, bearer=leader)
    status(r, 200, "the team leader requests closure")
    equal(r.json()["case"]["closure"]["requested_by"], leader_id, "closure requested by")
    r = c.request("POST", f"/api/v1/cases/{case_id}/closure-approval", bearer=leader)
    status(r, 409, "approving one's own closure request")
    check("another team leader" in r.json()["error"]["message"], "the refusal says why")
    r = c.request("GET", f"/api/v1/referrals/{referral_id}", bearer=police)
    status(r, 200, "the referrer reads the referral")
    check(set(r.json()["referral"]) <= {"id", "referred_on", "status", "status_label", "case_status", "referring_agency",
                                        "submitted_at", "triaged_at"}, f"the referrer sees more than the status: {r.text[:300]}")
    check("Storyfield" not in r.text, "the referrer sees the resident")
    for path in (f"/api/v1/cases/{case_id}", f"/api/v1/cases/{case_id}/chronology", f"/api/v1/people/{dup_id}"):
        r = c.request("GET", path, bearer=housing)
        status(r, 404, f"another agency reads {path}")
        check("Storyfield" not in r.text and "Ottol" not in r.text, f"{path} leaks to another agency")
    r = c.request("GET", f"/api/v1/cases/{case_id}", bearer=police)
    status(r, 404, "the referrer reads the case")
    r = c.request("GET", "/api/v1/cases?q=storyfield", bearer=worker)
    status(r, 200, "searching cases by name")
    check(any(row["id"] == case_id for row in r.json()["cases"]), "search by name finds the case")
    r = c.request("GET", "/api/v1/cases?q=storyfield", bearer=housing)
    equal(r.json()["total"], 0, "another agency's search")


@case("the case list filters, sorts and pages, and rejects a bad filter naming it")
def _(ctx):
    server = ctx.server()
    worker = server.client().signed_in(CASEWORKER)
    total = server.scalar("SELECT count(*) FROM case_file")
    page = worker.get("/cases")
    status(page, 200, "the case list")
    check(f"{total} case" in page.text, f"the list counts {total} cases")
    open_count = server.scalar("SELECT count(*) FROM case_file WHERE status = 'open' AND risk_level = 'high'")
    page = worker.get("/cases?status=open&risk=high&sort=reference&order=asc&page=1")
    status(page, 200, "a filtered list")
    check(f"{open_count} case" in page.text, "the filtered count")
    page = worker.get("/cases?risk=extreme&opened_from=31/2/2024")
    status(page, 400, "a bad filter")
    check('href="#risk"' in page.text and 'href="#opened_from"' in page.text, "the error summary names the filters")
    ref = server.scalar("SELECT reference FROM case_file ORDER BY id LIMIT 1")
    page = worker.get(f"/cases?q={ref}")
    check("1 case found" in page.text and ref in page.text, "search by reference")


@case("a list of more than 1,000 cases says so, and its pages still go on")
def _(ctx):
    server = ctx.server()
    agency = server.scalar("SELECT name FROM agency WHERE kind = 'police'")
    rows = "".join(f"BULK-{i:05d},1/2/2019,{agency},open,\n" for i in range(1100))
    path = os.path.join(scratch_dir("many"), "many.csv")
    with open(path, "w") as f:
        f.write("reference,referral date,referring agency,status,closed date\n" + rows)
    result = server.cli("import", "cases", path)
    equal(result.returncode, 0, "importing 1,100 cases: " + result.stderr)
    worker = server.client().signed_in(CASEWORKER)
    page = worker.get("/cases")
    status(page, 200, "the case list")
    check("More than 1,000 cases found" in page.text, "the capped count is shown as more than 1,000")
    check('rel="next"' in page.text, "there is a next page")
    api = worker.get("/api/v1/cases?q=BULK-0&page=41")
    status(api, 200, "a page past the cap")
    body = api.json()
    equal((body["total"], body["total_exact"], len(body["cases"])), (1025, False, 25), "page 41 of a search by reference")
    api = worker.get("/api/v1/cases?q=BULK-0&page=44")
    body = api.json()
    equal((body["total"], body["total_exact"], len(body["cases"])), (1100, True, 25), "the last page counts exactly")


@case("a caseworker adding someone who sounds like an existing person is offered that record first")
def _(ctx):
    server = ctx.server()
    worker = server.client().signed_in(CASEWORKER)
    case_id, given, family = server.query(
        "SELECT cp.case_id, p.given_name, p.family_name FROM case_person cp JOIN person p ON p.id = cp.person_id"
        " JOIN case_file c ON c.id = cp.case_id WHERE c.status = 'open' AND cp.role = 'perpetrator' LIMIT 1")[0]
    person_id = server.scalar("SELECT id FROM person WHERE given_name = ? AND family_name = ? LIMIT 1", (given, family))
    other = server.scalar("SELECT id FROM case_file WHERE status = 'open' AND id NOT IN"
                          " (SELECT case_id FROM case_person WHERE person_id IN"
                          "  (SELECT id FROM person WHERE given_name = ? AND family_name = ?)) LIMIT 1", (given, family))
    check(person_id and other, "the demo data has a perpetrator and another open case")
    before = server.scalar("SELECT count(*) FROM person")
    page = case_form(worker, other, "people", {"given_name": given, "family_name": family, "date_of_birth": "",
                                               "known_as": "", "role": "perpetrator"})
    status(page, 200, "adding a person whose name matches")
    check("may be someone already recorded" in page.text, "the page offers the existing record")
    equal(server.scalar("SELECT count(*) FROM person"), before, "no new person is created before confirming")
    r = worker.submit(page, f"/cases/{other}/people")   # the first offered record
    expect_redirect(r, "using the existing record")
    equal(server.scalar("SELECT count(*) FROM person"), before, "the existing record was reused")


@case("a team leader imports a spreadsheet through the upload page, all or nothing")
def _(ctx):
    server = ctx.server()
    leader = server.client().signed_in(TEAM_LEADER)
    page = leader.get("/cases/import")
    status(page, 200, "the import page")
    token = [v for n, v in page.form("/cases/import").values() if n == "csrf_token"][0]

    def upload(csv_text):
        boundary = "ngTestBoundary7"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"old.csv\"\r\n"
                f"Content-Type: text/csv\r\n\r\n{csv_text}\r\n--{boundary}--\r\n").encode()
        return leader.request("POST", "/cases/import", body=body,
                              headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    before = server.scalar("SELECT count(*) FROM case_file")
    header = "reference,referral date,referring agency,status,closed date\r\n"
    agency = server.scalar("SELECT name FROM agency WHERE kind = 'police'")
    r = upload(header + f"OLD-1,1/2/2020,{agency},closed,1/3/2020\r\nOLD-2,1/2/2020,{agency},closed,\r\n")
    status(r, 400, "a file with a problem")
    check("closed date" in r.text and ">3</td>" in r.text, "the problem is reported with its line and column:\n"
          + r.text[r.text.find("<table"):][:600])
    equal(server.scalar("SELECT count(*) FROM case_file"), before, "cases after a failed import")
    r = upload(header + f"OLD-1,1/2/2020,{agency},closed,1/3/2020\r\nOLD-2,1/2/2020,{agency},open,\r\n")
    status(r, 200, "a clean file")
    equal(server.scalar("SELECT count(*) FROM case_file"), before + 2, "cases after the import")


@case("every case-management /api/v1 route in the route table is described in docs/openapi.yaml")
def _(ctx):
    import os
    from harness import Skip
    try:
        import yaml
    except ImportError:
        raise Skip("python3-yaml is not installed")
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(top, "docs", "openapi.yaml")) as f:
        spec = yaml.safe_load(f)
    with open(os.path.join(top, "src", "web", "routes.c")) as f:
        routes = re.findall(r'\{"(GET|POST|PUT|PATCH|DELETE)",\s*"(/api/v1/(?:me|vocabularies|referrals|cases|people|'
                            r'properties|tasks)(?:/[^"]*)?)"', f.read())
    check(len(routes) > 20, f"found only {len(routes)} API routes in routes.c")
    missing = [f"{m} {p}" for m, p in routes if m.lower() not in spec["paths"].get(p, {})]
    check(not missing, "not in docs/openapi.yaml: " + ", ".join(missing))
    documented = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    extra = sorted(f"{m} {p}" for m, p in documented - set(routes))
    check(not extra, "documented but not routed: " + ", ".join(extra))


@case("a property's coordinates survive the API with six decimals and another agency cannot read it")
def _(ctx):
    from test_api import create_token
    server = ctx.server()
    worker, housing = create_token(server, CASEWORKER), create_token(server, PARTNER)
    c = server.client()
    r = c.request("POST", "/api/v1/properties", json={"address_line1": "1 Gridref Fictional Way", "postcode": "SK4 9ZB",
                                                      "longitude": -2.146386, "latitude": 53.417412, "uprn": "000100012345"},
                  bearer=worker)
    status(r, 201, "creating a property with coordinates")
    p = r.json()["property"]
    equal((p["longitude"], p["latitude"], p["uprn"], p["postcode"]), (-2.146386, 53.417412, "100012345", "SK4 9ZB"),
          "longitude, latitude, canonical UPRN, postcode")
    r = c.request("POST", "/api/v1/properties", json={"address_line1": "x", "postcode": "SK4 9ZB", "longitude": -2.1},
                  bearer=worker)
    status(r, 422, "a longitude without a latitude")
    status(c.request("GET", f"/api/v1/properties/{p['id']}", bearer=housing), 404, "another agency reads the property")
    r = c.request("GET", "/api/v1/properties?q=gridref", bearer=worker)
    check(any(x["id"] == p["id"] for x in r.json()["properties"]), "address search finds the property")
