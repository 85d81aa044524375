"""Information governance, black box (issue 6): sharing a case with another agency under an
agreement and revoking it, encryption at rest and key rotation, retention purges from the
command line, and subject access exports."""
import datetime
import json
import os
import re
import stat

from harness import case, check, equal, status
from support import ADMIN, CASEWORKER, PARTNER, TEAM_LEADER, run_cli


def day(server, days=0):
    return (datetime.datetime.fromtimestamp(server.now(), datetime.timezone.utc).date()
            + datetime.timedelta(days=days)).isoformat()


def agency_of(server, email):
    return server.scalar("SELECT agency_id FROM user WHERE email = ?", (email,))


def open_case(server):
    return server.scalar("SELECT id FROM case_file WHERE status = 'open' AND agency_id = ? ORDER BY id LIMIT 1",
                         (agency_of(server, CASEWORKER),))


def record_agreement(server, admin):
    page = admin.get("/agreements/new")
    status(page, 200, "the new agreement form")
    r = admin.submit(page, "/agreements", {
        "title": "Council and housing provider", "purpose": "Keeping tenants safe from cuckooing",
        "lawful_basis": "s115", "starts_on": day(server, -1), "review_on": day(server, 180), "ends_on": day(server, 365),
        "party_ids": [str(agency_of(server, CASEWORKER)), str(agency_of(server, PARTNER))]})
    status(r, 303, "recording the agreement")
    return int(re.search(r"/agreements/(\d+)", r.header("Location")).group(1))


def raw_contains(db, text):
    needle = text.lower().encode()
    for path in (db, db + "-wal", db + ".access", db + ".access-wal"):
        if os.path.exists(path):
            with open(path, "rb") as f:
                if needle in f.read().lower():
                    return True
    return False


@case("a case shared with the housing provider is seen there until the share is revoked")
def _(ctx):
    server = ctx.server()
    admin = server.client().signed_in(ADMIN)
    agreement = record_agreement(server, admin)
    case_id = open_case(server)
    partner = server.client().signed_in(PARTNER)
    status(partner.get(f"/cases/{case_id}"), 404, "the partner opens an unshared case")
    status(partner.get(f"/api/v1/cases/{case_id}"), 404, "the partner asks the API for an unshared case")

    worker = server.client().signed_in(CASEWORKER)
    page = worker.get(f"/cases/{case_id}")
    status(page, 200, "the caseworker opens the case")
    check("Share this case with another agency" in page.text, "the case page offers sharing")
    bad = worker.submit(page, f"/cases/{case_id}/shares", {"agency_id": str(agency_of(server, PARTNER)),
                                                           "agreement_id": str(agreement), "lawful_basis": "s115",
                                                           "purpose": "", "expires_on": day(server, 30)})
    status(bad, 400, "a share without a purpose or sections")
    check('href="#share-purpose"' in bad.text and 'href="#share-sections"' in bad.text, "the errors name the fields")
    equal(server.scalar("SELECT count(*) FROM case_share WHERE case_id = ?", (case_id,)), 0, "shares stored by the refused form")
    r = worker.submit(page, f"/cases/{case_id}/shares", {"agency_id": str(agency_of(server, PARTNER)),
                                                         "agreement_id": str(agreement), "lawful_basis": "s115",
                                                         "sections": ["people", "notes"], "special_category": "no",
                                                         "purpose": "Tenancy support visit", "expires_on": day(server, 30)})
    status(r, 303, "sharing the case")
    share_id = server.scalar("SELECT id FROM case_share WHERE case_id = ?", (case_id,))
    check(share_id, "the share is stored")

    page = partner.get(f"/cases/{case_id}")
    status(page, 200, "the partner opens the shared case")
    check("has not been shared with your agency" in page.text, "unshared sections say so")
    check("Tenancy support visit" in page.text, "the partner is told the terms of the share")
    check("Share this case" not in page.text and "/shares" not in page.text, "the partner is offered no sharing controls")
    api = partner.get(f"/api/v1/cases/{case_id}")
    status(api, 200, "the partner asks the API for the shared case")
    body = api.json()
    equal(body.get("tasks", []), [], "tasks (not shared) in the API answer")
    audit = server.query("SELECT purpose, detail FROM audit_trail WHERE action = 'case.share' AND record_id = ?", (str(case_id),))
    check(audit and "s115" in audit[0][0] and f"agency {agency_of(server, PARTNER)}" in audit[0][1],
          f"the disclosure is audited with its basis and recipient: {audit}")

    page = worker.get(f"/cases/{case_id}")
    status(worker.submit(page, f"/cases/{case_id}/shares/{share_id}/revoke"), 303, "revoking the share")
    status(partner.get(f"/cases/{case_id}"), 404, "the partner opens the case after revocation")

    # a new share, then time passes beyond its last day
    r = worker.submit(worker.get(f"/cases/{case_id}"), f"/cases/{case_id}/shares", {
        "agency_id": str(agency_of(server, PARTNER)), "agreement_id": str(agreement), "lawful_basis": "safeguarding",
        "sections": ["all"], "special_category": "no", "purpose": "Joint visit", "expires_on": day(server, 3)})
    status(r, 303, "sharing again for three days")
    status(partner.get(f"/cases/{case_id}"), 200, "the partner opens the case while the share lasts")
    server.advance(4 * 86400)
    partner = server.client().signed_in(PARTNER)
    status(partner.get(f"/cases/{case_id}"), 404, "the partner opens the case after the share expired")


@case("notes are stored encrypted, and still read after the key is rotated")
def _(ctx):
    server = ctx.server()
    case_id = open_case(server)
    worker = server.client().signed_in(CASEWORKER)
    page = worker.get(f"/cases/{case_id}")
    status(worker.submit(page, f"/cases/{case_id}/notes", {"body": "Glimmerquartz told us about the dealer"}), 303,
           "adding a note")
    stored = server.scalar("SELECT body FROM case_note WHERE case_id = ? ORDER BY id DESC LIMIT 1", (case_id,))
    check(stored.startswith("enc1:1:"), f"the note is stored sealed: {stored[:20]!r}")
    check(not raw_contains(server.db, "Glimmerquartz"), "the note's text is in the database file or WAL")
    check("Glimmerquartz" in worker.get(f"/cases/{case_id}").text, "the case page shows the note")
    server.stop()

    r = run_cli(server.db, "key", "rotate")
    equal(r.returncode, 0, f"key rotate exit status ({r.stderr.strip()})")
    check(re.search(r"re-sealed \d+ values", r.stdout), f"key rotate says what it did: {r.stdout!r}")
    stored = server.scalar("SELECT body FROM case_note WHERE case_id = ? ORDER BY id DESC LIMIT 1", (case_id,))
    check(stored.startswith("enc1:2:"), f"the note is sealed with the new key: {stored[:20]!r}")
    check(not raw_contains(server.db, "Glimmerquartz"), "the note's text after rotation")
    resident = server.scalar("SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", (case_id,))
    out = os.path.join(server.dir, "sar.json")
    r = run_cli(server.db, "sar", "--person", str(resident), "--format", "json", "-o", out, "--reference", "SAR-T1")
    equal(r.returncode, 0, f"sar exit status ({r.stderr.strip()})")
    with open(out) as f:
        check("Glimmerquartz" in f.read(), "the note reads back after rotation")


@case("a purge from the command line removes closed cases from the database file and its WAL")
def _(ctx):
    server = ctx.server()
    worker = server.client().signed_in(CASEWORKER)
    leader = server.client().signed_in(TEAM_LEADER)
    case_id = open_case(server)
    page = worker.get(f"/cases/{case_id}")
    status(worker.submit(page, f"/cases/{case_id}/people", {"given_name": "Pelliquorn", "family_name": "Vantablue",
                                                            "role": "associate", "confirm_new": "1"}), 303,
           "adding a person")
    status(worker.submit(worker.get(f"/cases/{case_id}"), f"/cases/{case_id}/closure-request",
                         {"positively_resolved": "yes", "stayed_in_tenancy": "yes", "moved": "no",
                          "reason": "Resolved for Pelliquorn"}), 303, "requesting closure")
    status(leader.submit(leader.get(f"/cases/{case_id}"), f"/cases/{case_id}/closure-approval"), 303, "approving closure")
    server.stop()
    check(raw_contains(server.db, "Pelliquorn"), "the name is in the database before the purge")

    r = run_cli(server.db, "retention", "review", "--as-of", "2026-01-01")
    equal(r.returncode, 0, "retention review exit status")
    reference = server.scalar("SELECT reference FROM case_file WHERE id = ?", (case_id,))
    check(reference not in r.stdout, "a case closed today is not yet due")
    later = str(datetime.date.today().year + 7) + "-01-01"
    r = run_cli(server.db, "retention", "review", "--as-of", later)
    check(reference in r.stdout, f"seven years on, the case is due: {r.stdout[-300:]!r}")
    r = run_cli(server.db, "retention", "purge", "--as-of", "not-a-date")
    equal(r.returncode, 1, "a purge with a bad date")
    r = run_cli(server.db, "retention", "purge", "--as-of", later)
    equal(r.returncode, 0, f"retention purge exit status ({r.stderr.strip()})")
    check(re.search(r"anonymised [1-9]", r.stdout), f"the purge reports what it did: {r.stdout!r}")
    check(not raw_contains(server.db, "Pelliquorn") and not raw_contains(server.db, "Vantablue"),
          "the purged name is still in the database file or WAL")
    rows = server.query("SELECT detail FROM audit_trail WHERE action IN ('case.anonymise', 'retention.purge')")
    check(rows and not any("Pelliquorn" in d for (d,) in rows), "the purge is audited without the content")
    r = run_cli(server.db, "audit", "verify")
    equal(r.returncode, 0, f"the audit chain after the purge ({r.stderr.strip()})")


@case("a subject access export is written readable by its owner only, as JSON or PDF, and audited")
def _(ctx):
    server = ctx.server()
    case_id = open_case(server)
    resident = server.scalar("SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", (case_id,))
    leader = server.client().signed_in(TEAM_LEADER)
    page = leader.get("/subject-access")
    status(page, 200, "the subject access form")
    r = leader.submit(page, "/subject-access", {"person_id": str(resident), "request_reference": "SAR-HTTP-1", "format": "json"})
    status(r, 200, "the JSON export")
    check("attachment" in (r.header("Content-Disposition") or ""), "the export is a download")
    data = json.loads(r.text)
    check(data["cases"] and data["person"]["id"] == resident, "the export names the person and their cases")
    r = leader.submit(page, "/subject-access", {"person_id": "999999", "request_reference": "SAR-HTTP-2", "format": "pdf"})
    status(r, 404, "an unknown person")
    partner = server.client().signed_in(PARTNER)
    status(partner.get("/subject-access"), 403, "a partner opens the subject access form")
    server.stop()
    for fmt in ("json", "pdf"):
        out = os.path.join(server.dir, f"sar.{fmt}")
        r = run_cli(server.db, "sar", "--person", str(resident), "--format", fmt, "-o", out)
        equal(r.returncode, 0, f"sar --format {fmt} ({r.stderr.strip()})")
        equal(stat.S_IMODE(os.stat(out).st_mode), 0o600, f"mode of the {fmt} export")
        with open(out, "rb") as f:
            head = f.read(4)
        check(head == (b"%PDF" if fmt == "pdf" else b'{"su'), f"the {fmt} file starts {head!r}")
    equal(server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'person.sar' AND record_id = ?", (str(resident),)), 3,
          "exports audited")
    r = run_cli(server.db, "sar", "--person", "999999", "--format", "json", "-o", os.path.join(server.dir, "x.json"))
    equal(r.returncode, 1, "sar for an unknown person")


@case("the demo's housing partner finds the cases shared with their agency, and no others")
def _(ctx):
    server = ctx.server()
    shared = [r[0] for r in server.query("SELECT DISTINCT case_id FROM case_share WHERE revoked_at IS NULL")]
    check(shared, "the demo shares some cases with the housing provider")
    partner = server.client().signed_in(PARTNER)
    r = partner.get("/api/v1/cases?per_page=100")
    status(r, 200, "the partner's case list")
    equal(sorted(c["id"] for c in r.json()["cases"]), sorted(shared), "cases listed for the partner")
    for case_id in shared:
        status(partner.get(f"/cases/{case_id}"), 200, f"the partner opens shared case {case_id}")
