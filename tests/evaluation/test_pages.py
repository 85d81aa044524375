"""The evaluation, dashboard, settings and case-study pages over HTTP, against the demo database:
who sees exact counts, downloads and their audit, errors named by field, and a case study going
from a caseworker's words to an anonymised report."""
import os
import re

from harness import case, check, equal, status
from evaluation_support import csv_rows, html_table, parse_csv, parse_html, row_value
from support import ADMIN, ANALYST, CASEWORKER, PARTNER, REFERRER, TEAM_LEADER, scratch_dir


def cli_csv(server, *args):
    out = os.path.join(scratch_dir("clicsv"), "r.csv")
    r = server.cli("report", "evaluation", "--format", "csv", "-o", out, *args)
    equal(r.returncode, 0, f"CLI export ({r.stderr.strip()})")
    with open(out, "rb") as f:
        return parse_csv(f.read())


@case("a team leader sees the internal evaluation on the page, agreeing with the command line, and can download every format")
def team_leader_evaluation(ctx):
    server = ctx.server()
    c = server.client().signed_in(TEAM_LEADER)
    page = c.get("/reports/evaluation?from=2010-01-01")
    status(page, 200, "GET /reports/evaluation")
    parsed = parse_html(page.body)
    check("Internal: exact counts" in parsed.all_text, "the team leader does not get the internal version")
    cli = cli_csv(server, "--from", "2010-01-01")
    for label in ("Referrals received", "Cases received", "Cases closed", "Positively resolved", "Ongoing"):
        equal(row_value(html_table(parsed, "summary"), label), row_value(csv_rows(cli, "summary"), label), f"page vs CLI: {label}")
    check(int(row_value(csv_rows(cli, "summary"), "Cases received")) > 0, "the demo database has no cases in the report")
    before = server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'report.evaluation.export'")
    types = {"pdf": ("application/pdf", b"%PDF-"), "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
             "csv": ("text/csv; charset=utf-8", b"report,"), "html": ("text/html; charset=utf-8", b"<!DOCTYPE html>")}
    for fmt, (ctype, magic) in types.items():
        link = re.search(r'href="(/reports/evaluation/export\?format=' + fmt + r'[^"]*)"', page.text)
        check(link, f"no download link for {fmt}")
        r = c.get(link.group(1).replace("&amp;", "&"))
        status(r, 200, f"download {fmt}")
        equal(r.header("Content-Type"), ctype, f"{fmt} content type")
        check(r.body.startswith(magic), f"the {fmt} download does not start with {magic!r}")
        check("attachment" in (r.header("Content-Disposition") or ""), f"the {fmt} download is not an attachment")
    after = server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'report.evaluation.export'")
    equal(after - before, 4, "audit rows for the four downloads")
    details = [d for (d,) in server.query("SELECT detail FROM audit_trail WHERE action = 'report.evaluation.export'")]
    check(all(re.fullmatch(r"format=\w+ version=\w+ from=[\d-]+ to=[\d-]+ cases=\d+ case_studies=\d+", d) for d in details),
          f"export audit details carry more than counts: {details}")


@case("an analyst gets only the version for the board, on the page and in downloads, whatever the address asks for")
def analyst_gets_public(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    page = c.get("/reports/evaluation?version=internal")
    status(page, 200, "GET /reports/evaluation as an analyst")
    check("For the board and the public" in page.text, "the analyst's page is not the board version")
    check("Internal: exact counts" not in page.text, "the analyst is offered the internal version")
    r = c.get("/reports/evaluation/export?format=csv&version=internal")
    status(r, 200, "CSV download as an analyst")
    equal(parse_csv(r.body)["__head__"][2], ["version", "public"], "the analyst's CSV version")


@case("referrers and partners may not see the evaluation or the dashboard")
def others_refused(ctx):
    server = ctx.server()
    for who in (REFERRER, PARTNER):
        c = server.client().signed_in(who)
        for path in ("/reports/evaluation", "/reports/evaluation/export?format=pdf", "/dashboard", "/reports/settings",
                     "/reports/case-studies"):
            status(c.get(path), 403, f"GET {path} as {who}")


@case("a date that is not real gets the error summary naming the field, and a bad format a 400")
def page_bad_dates(ctx):
    server = ctx.server()
    c = server.client().signed_in(TEAM_LEADER)
    r = c.get("/reports/evaluation?from=2019-02-30")
    status(r, 400, "GET with from=2019-02-30")
    check('href="#from"' in r.text and "is not a real date" in r.text, "the error summary does not point at the from field")
    r = c.get("/reports/evaluation?from=2020-01-01&to=2019-01-01")
    status(r, 400, "GET with from after to")
    check("is after the" in r.text, "from after to is not explained")
    status(c.get("/reports/evaluation/export?format=docx"), 400, "export in an unknown format")
    status(c.get("/reports/evaluation/export?format=pdf&to=tomorrow"), 400, "export with a bad date")


@case("the dashboard gives staff linked figures for their agency and the board aggregates without links")
def dashboard_views(ctx):
    server = ctx.server()
    c = server.client().signed_in(TEAM_LEADER)
    page = c.get("/dashboard")
    status(page, 200, "GET /dashboard as a team leader")
    agency = server.scalar("SELECT agency_id FROM user WHERE email = ?", (TEAM_LEADER,))
    open_cases = server.scalar("SELECT count(*) FROM case_file WHERE status <> 'closed' AND agency_id = ?", (agency,))
    m = re.search(r'data-figure="Open cases"><a class="govuk-link" href="/cases\?status=active">(\d+)</a>', page.text)
    check(m, "the open-cases figure is not a link to the case list")
    equal(int(m.group(1)), open_cases, "open cases on the dashboard")
    high = server.scalar("SELECT count(*) FROM case_file WHERE status <> 'closed' AND risk_level = 'high' AND agency_id = ?", (agency,))
    equal(row_value(html_table(parse_html(page.body), "risk"), "High"), str(high), "open high-risk cases")
    check("/cases?status=active&amp;risk=high" in page.text, "the risk figures do not link to the filtered list")
    check('id="chart-trend-title"' in page.text, "no trend chart")
    a = server.client().signed_in(ANALYST)
    page = a.get("/dashboard")
    status(page, 200, "GET /dashboard as an analyst")
    check("/cases?" not in page.text, "the analyst's dashboard links to cases")
    check('data-figure="Open cases">' in page.text, "the analyst's dashboard has no open-cases figure")


@case("report settings are changed by an administrator with errors named by field, and the report uses them")
def settings_page(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    page = c.get("/reports/settings")
    status(page, 200, "GET /reports/settings")
    r = c.submit(page, "/reports/settings", {"void_cost": "lots", "service_cost": "27705", "suppression_threshold": "1"})
    status(r, 400, "saving bad settings")
    check('href="#void_cost"' in r.text and 'href="#suppression_threshold"' in r.text, "the errors do not name the fields")
    equal(server.scalar("SELECT value FROM setting WHERE name = 'report.void_cost'"), "4659.10", "void cost after a refused save")
    r = c.submit(page, "/reports/settings", {"void_cost": "\u00a35,000", "service_cost": "30,000", "suppression_threshold": "6"})
    status(r, 303, "saving good settings")
    equal(server.scalar("SELECT value FROM setting WHERE name = 'report.void_cost'"), "5000.00", "stored void cost")
    book = cli_csv(server)
    kept = int(row_value(csv_rows(book, "cost-benefit"), "Households kept in their tenancy: void costs avoided", 1))
    net = kept * 5000 - 30000
    statement = [r[1] for r in book["cost-benefit"]["records"] if r[0] == "statement"][0]
    check(statement.endswith(f"= {'-' if net < 0 else ''}\u00a3{abs(net):,}"), f"the statement does not use the new settings: {statement}")
    status(server.client().signed_in(ANALYST).get("/reports/settings"), 403, "settings as an analyst")


@case("a caseworker's case study is exported without the resident's name once a team leader approves it")
def case_study_story(ctx):
    server = ctx.server()
    agency = server.scalar("SELECT agency_id FROM user WHERE email = ?", (CASEWORKER,))
    row = server.query(
        "SELECT c.id, c.reference, c.opened_on, p.given_name, p.family_name FROM case_file c"
        " JOIN case_person cp ON cp.case_id = c.id AND cp.role = 'resident' JOIN person p ON p.id = cp.person_id"
        " WHERE c.agency_id = ? AND length(p.family_name) > 2 ORDER BY c.id LIMIT 1", (agency,))
    check(row, "the demo has no case with a resident")
    case_id, reference, opened, given, family = row[0]
    body = f"{given} {family} was scared. On 3 March 2024 {given.upper()} called us from 07700 900123.\n\nNow safe."
    w = server.client().signed_in(CASEWORKER)
    page = w.get("/reports/case-studies")
    status(page, 200, "GET /reports/case-studies")
    r = w.submit(page, "/reports/case-studies", {"case_reference": "", "title": "", "body": ""})
    status(r, 400, "an empty case study")
    check('href="#new-case_reference"' in r.text and 'href="#new-body"' in r.text, "the errors do not name the fields")
    r = w.submit(page, "/reports/case-studies", {"case_reference": reference, "title": f"How {given} got her home back",
                                                 "body": body, "extra_terms": ""})
    status(r, 303, "writing a case study")
    study = r.header("Location")
    view = w.get(study)
    status(view, 200, "the case study page")
    anonymised = view.text.split('id="anonymised"')[1].split("</div>")[0]
    check(given not in anonymised and family not in anonymised and given.upper() not in anonymised,
          f"the preview shows the resident's name: {anonymised[:300]}")
    check("March 2024" in anonymised and "[phone number]" in anonymised, f"the preview is not anonymised as expected: {anonymised[:300]}")
    check("/approve" not in view.text, "a caseworker is offered the approval")
    t = server.client().signed_in(TEAM_LEADER)
    view = t.get(study)
    r = t.submit(view, study + "/approve", {})
    status(r, 303, "approving the case study")
    page = t.get(f"/reports/evaluation?from={opened}&to={opened}")
    status(page, 200, "the evaluation for the case's opening day")
    parsed = parse_html(page.body)
    check("[Resident] was scared" in parsed.all_text, "the approved case study is not in the report")
    check(family not in parsed.all_text, "the report shows the resident's family name")
