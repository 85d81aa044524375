"""The report counts its figures in one pass per table; `report evaluation --sql` prints the
GROUP BY queries that define them. Both must give the same numbers, for any period."""
import sqlite3

from harness import case, check, equal
from evaluation_support import csv_rows, export, pilot, parse_csv, row_value
from support import demo, run_cli

PERIODS = [(), ("--from", "2019-06-01", "--to", "2019-12-31"), ("--from", "2019-04-10", "--to", "2019-04-30")]


def reference(db, first, last):
    """{query name: rows} from running the printed SQL with the period bound as ?1, ?2."""
    r = run_cli(None, "report", "evaluation", "--sql")
    equal(r.returncode, 0, "report evaluation --sql")
    con = sqlite3.connect(db)
    out = {}
    for block in r.stdout.split(";\n\n"):
        lines = block.strip().splitlines()
        if not lines or not lines[0].startswith("-- "):
            continue
        out[lines[0][3:]] = con.execute("\n".join(lines[1:]), (first, last)).fetchall()
    con.close()
    return out


def check_period(db, args):
    book = parse_csv(export(db, "csv", *args))
    first, last = book["__head__"][1][1:3]
    ref = reference(db, first, last)
    wrong = []

    def same(what, got, want):
        if str(got) != str(want):
            wrong.append(f"{what}: report {got!r}, SQL {want!r}")

    received, closed, resolved, within, out, kept = ref["totals"][0]
    summary = csv_rows(book, "summary")
    for label, want in (("Cases received", received), ("Cases closed", closed), ("Positively resolved", resolved),
                        ("Ongoing", received - closed), ("Moved within the borough", within),
                        ("Moved out of the borough", out), ("Households kept in their tenancy", kept)):
        same(label, row_value(summary, label), want)
    n, signposted, asb, awaiting, refused, unreferred = ref["referrals"][0]
    same("Referrals received", row_value(summary, "Referrals received"), n + unreferred)
    months = {m: c for m, c in ref["referrals by month"]}
    for label, count in [(r[0], r[1]) for r in csv_rows(book, "referrals-by-month")[1:] if r[0] != "Total"]:
        month = {"Jan": "01", "Feb": "02", "Mar": "03", "Apr": "04", "May": "05", "Jun": "06", "Jul": "07", "Aug": "08",
                 "Sep": "09", "Oct": "10", "Nov": "11", "Dec": "12"}[label[:3]]
        same(f"referrals in {label}", count, months.get(f"{label[4:]}-{month}", 0))
    same("agencies", [tuple(r[:2]) for r in csv_rows(book, "referrals-by-agency")[1:] if r[0] != "Total"],
         [(name, str(c)) for _, name, c in ref["referrals by agency"]])
    same("types", [tuple(r[:2]) for r in csv_rows(book, "exploitation-types")[1:]],
         [(label, str(c)) for _, _, label, c in ref["exploitation types"]])
    same("outcomes", [tuple(r[:2]) for r in csv_rows(book, "outcomes")[1:]],
         [(label, str(c)) for _, label, _, c in ref["outcomes"]])
    same("interventions", [tuple(r[:3]) for r in csv_rows(book, "interventions")[1:]],
         [(label, str(c), str(k)) for _, _, label, c, k in ref["interventions"]])
    same("areas", [tuple(r[:2]) for r in csv_rows(book, "cases-by-area")[1:] if r[0] != "Total"],
         [(name, str(c)) for _, name, c, _ in ref["areas"]])
    same("wards", [tuple(r[:2]) for r in csv_rows(book, "cases-by-ward")[1:] if r[0] not in ("Total", "Ward not recorded")],
         [(name, str(c)) for _, name, _, c in ref["wards"]])
    check(not wrong, f"the report and its SQL disagree for {args or 'the default period'}:\n" + "\n".join(wrong))


@case("the report's figures equal what its printed SQL gives, for the whole period and for parts of it")
def report_matches_reference_sql(ctx):
    db = pilot().db
    for args in PERIODS:
        check_period(db, args)


@case("the report's figures equal its SQL on the demo caseload, with referrals triaged every way")
def demo_matches_reference_sql(ctx):
    from support import scratch_dir
    d = scratch_dir("demoref")
    db = demo().copy_to(d)
    con = sqlite3.connect(db)
    statuses = dict(con.execute("SELECT status, count(*) FROM referral GROUP BY status").fetchall())
    con.close()
    check(len(statuses) >= 2, f"the demo's referrals are not varied enough to test: {statuses}")
    for args in [("--from", "2010-01-01")]:
        check_period(db, args)


@case("the report counts the same figures on two threads as on one connection, for any period")
def threaded_scan_matches_one_connection(ctx):
    """The report reads the link tables on a second thread and connection (evaluation_reader.c);
    NESTGUARD_EVALUATION_ONE_CONNECTION=1 reads everything in order on one connection."""
    import os
    from support import scratch_dir
    db = demo().copy_to(scratch_dir("twoways"))
    out = scratch_dir("twoways-out")
    for args in [("--from", "2010-01-01"), ("--from", "2024-01-01", "--to", "2024-06-30")] + PERIODS[1:]:
        books = []
        for one in ("0", "1"):
            path = os.path.join(out, f"report-{one}.csv")
            r = run_cli(db, "report", "evaluation", "--format", "csv", "-o", path, *args,
                        env={"NESTGUARD_EVALUATION_ONE_CONNECTION": one})
            equal(r.returncode, 0, f"report evaluation {' '.join(args)} (one connection: {one}): {r.stderr}")
            with open(path, encoding="utf-8") as f:
                books.append(f.read())
        check(books[0] == books[1], f"two threads and one connection disagree for {args}")
        check("Cases received" in books[0], "the CSV has no summary")
