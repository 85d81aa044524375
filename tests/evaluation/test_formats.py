"""Every figure of the published pilot appears, correctly, in every format of the evaluation."""
from harness import case, check, equal
from evaluation_support import (AREAS, MOVED, NET_BENEFIT, OUTCOMES, STATEMENT, TOTALS, csv_rows, html_table,
                                parse_csv, parse_html, parse_xlsx, pdf_plain, pdf_row_value, pdf_text, pilot,
                                row_value, xlsx_rows)


def expected_rows():
    """(section, label, value) for every published figure."""
    rows = [("summary", k, v) for k, v in TOTALS.items()]
    rows += [("outcomes", k, v) for k, v in OUTCOMES.items()]
    rows += [("cases-by-area", k, v) for k, v in AREAS.items()]
    rows += [("cases-by-area", "Total", sum(AREAS.values()))]
    return rows


def check_all(lookup, fmt):
    wrong = []
    for section, label, value in expected_rows():
        got = lookup(section, label)
        if got is None or str(got).replace(",", "") != str(value):
            wrong.append(f"{section}/{label}: {got!r} (published {value})")
    moved = [lookup("summary", "Moved within the borough"), lookup("summary", "Moved out of the borough")]
    if None in moved or sum(int(str(m).replace(",", "")) for m in moved) != MOVED:
        wrong.append(f"moved within + out of the borough: {moved!r} (published {MOVED} moved)")
    check(not wrong, f"{fmt} disagrees with the pilot:\n" + "\n".join(wrong))


@case("the pilot fixture is exactly what its committed script generates")
def fixture_is_reproducible(ctx):
    import filecmp
    import os
    import subprocess
    from support import TOP, scratch_dir
    d = scratch_dir("fixture")
    subprocess.run(["/usr/bin/python3", os.path.join(TOP, "tests", "data", "make-pilot-cases"), d], check=True)
    for name in ("pilot_cases.csv", "pilot_areas.csv"):
        check(filecmp.cmp(os.path.join(d, name), os.path.join(TOP, "tests", "data", name), shallow=False),
              f"tests/data/{name} differs from what tests/data/make-pilot-cases writes")


@case("importing the pilot fixture with `nestguard import cases` gives the published totals in the database")
def import_gives_published_totals(ctx):
    import sqlite3
    con = sqlite3.connect(pilot().db)
    n, resolved, open_, kept = con.execute(
        "SELECT count(*), sum(positively_resolved = 1), sum(status <> 'closed'), sum(stayed_in_tenancy = 1) FROM case_file").fetchone()
    con.close()
    equal((n, resolved, open_, kept), (161, 129, 26, 68), "cases, positively resolved, ongoing, kept in tenancy")


@case("every published figure and the £289,114 net benefit appear in the HTML report, parsed")
def html_has_every_figure(ctx):
    parsed = parse_html(pilot().export("html"))
    check_all(lambda section, label: row_value(html_table(parsed, section), label), "HTML")
    check(STATEMENT in parsed.all_text, f"the HTML does not state {STATEMENT!r}")
    equal(row_value(html_table(parsed, "cost-benefit"), "Net benefit", 3), NET_BENEFIT, "HTML net benefit")
    check("chart-referrals-by-month-title" in parsed.ids and "map-wards-title" in parsed.ids,
          "the HTML has no monthly chart or ward map (SVG with a title)")
    check(len(parsed.svgs) >= 6, f"expected at least 6 SVG charts and maps, found {len(parsed.svgs)}")


@case("every published figure and the £289,114 net benefit appear in the PDF's text (pdftotext)")
def pdf_has_every_figure(ctx):
    data = pilot().export("pdf")
    check(data.startswith(b"%PDF-"), "the PDF export is not a PDF")
    text = pdf_text(data)
    check_all(lambda section, label: pdf_row_value(text, label), "PDF")
    check(STATEMENT in pdf_plain(text), f"the PDF does not state {STATEMENT!r}")
    equal(pdf_row_value(text, "Net benefit"), NET_BENEFIT, "PDF net benefit row")


@case("every published figure and the £289,114 net benefit appear in the XLSX's sheets, with native charts")
def xlsx_has_every_figure(ctx):
    book = parse_xlsx(pilot().export("xlsx"))
    check_all(lambda section, label: row_value(xlsx_rows(book, section), label), "XLSX")
    equal(row_value(xlsx_rows(book, "cost-benefit"), "Net benefit", 3), "289114", "XLSX net benefit (a number)")
    equal(row_value(book["About"], "Cost-benefit"), STATEMENT, "XLSX About sheet's cost-benefit")
    charts = [f for f in book["__files__"] if f.startswith("xl/charts/chart")]
    check(len(charts) >= 5, f"expected native charts for the count tables, found {charts}")


@case("every published figure and the £289,114 net benefit appear in the CSV, one section per table")
def csv_has_every_figure(ctx):
    book = parse_csv(pilot().export("csv"))
    check_all(lambda section, label: row_value(csv_rows(book, section), label), "CSV")
    equal(row_value(csv_rows(book, "cost-benefit"), "Net benefit", 3), "289114", "CSV net benefit")
    statements = [r[1] for r in book["cost-benefit"]["records"] if r[0] == "statement"]
    equal(statements, [STATEMENT], "CSV cost-benefit statement")
    for section in ("summary", "referrals-by-month", "referrals-by-agency", "exploitation-types", "outcomes",
                    "interventions", "cases-by-area", "cases-by-ward", "cost-benefit", "wider-cost-benefit",
                    "assumptions", "case-studies"):
        check(section in book, f"the CSV has no section {section}")


@case("the four formats print the same value in every table cell")
def formats_agree(ctx):
    p = pilot()
    html = parse_html(p.export("html"))
    book = parse_xlsx(p.export("xlsx"))
    sheets = parse_csv(p.export("csv"))
    differences = []
    for section in ("summary", "referrals-by-month", "referrals-by-agency", "exploitation-types", "outcomes",
                    "cases-by-area", "cases-by-ward"):
        rows = csv_rows(sheets, section)
        for r in rows[1:]:
            h = row_value(html_table(html, section), r[0])
            x = row_value(xlsx_rows(book, section), r[0])
            if h is None or h.replace(",", "") != r[1] or x != r[1]:
                differences.append(f"{section}/{r[0]}: csv {r[1]!r}, html {h!r}, xlsx {x!r}")
    check(not differences, "formats disagree:\n" + "\n".join(differences[:20]))


@case("the referrals by month add up to the referrals received and follow the fixture's months")
def months_follow_fixture(ctx):
    book = parse_csv(pilot().export("csv", "--from", "2019-04-01", "--to", "2020-03-31"))
    rows = csv_rows(book, "referrals-by-month")[1:]
    months = [int(r[1]) for r in rows if r[0] != "Total"]
    equal(months, [12, 15, 11, 14, 16, 13, 17, 12, 10, 14, 13, 14], "referrals by month, April 2019 to March 2020")
    equal(row_value(rows, "Total"), "161", "total referrals")
    equal(row_value(csv_rows(book, "summary"), "Referrals received"), "161", "referrals received")


@case("the ward map uses boundaries imported with `nestguard import boundaries` when there are any")
def map_uses_imported_boundaries(ctx):
    import os
    from support import TOP, run_cli
    p = pilot()
    parsed = parse_html(p.export("html"))
    check("2025 wards, Open Government Licence" in parsed.all_text, "the bundled boundaries are not credited")
    db = p.copy()
    geo = os.path.join(TOP, "data", "geo", "stockport-wards-2025.geojson")
    r = run_cli(db, "import", "boundaries", "--level", "ward", "--code-field", "code", "--name-field", "name", geo)
    equal(r.returncode, 0, f"import boundaries ({r.stderr.strip()[:300]})")
    parsed = parse_html(p.export("html", db=db))
    check("as imported into nestguard (21 of 21 wards)" in parsed.all_text, "the map does not say it uses imported boundaries")
    check("map-wards-title" in parsed.ids, "no ward map with imported boundaries")
    check("Brinnington & Stockport Central: 31" in parsed.all_text, "the map's description lost a ward's count")
