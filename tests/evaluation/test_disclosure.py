"""Board and public versions never show a count below the threshold, and no hidden count can be
worked out from the totals (secondary suppression); the internal version shows exact counts."""
from harness import Failure, case, check, equal
from evaluation_support import (AREAS, csv_rows, html_table, parse_csv, parse_html, parse_xlsx, pdf_row_value,
                                pdf_text, pilot, row_value, xlsx_rows)
from support import run_cli

SMALL = "fewer than 5"
ADDITIVE = ("referrals-by-month", "referrals-by-agency", "cases-by-area", "cases-by-ward")


def audit_line(section, cells, total, threshold=5):
    """Fail when a line has exactly one hidden cell, or a small hidden cell's value follows from
    the total and the other cells (interval reasoning, as a reader would)."""
    hidden = [c for c in cells if not c.isdigit()]
    if len(hidden) == 1:
        raise Failure(f"{section}: exactly one hidden cell, so it equals the total minus the rest")
    rest = total - sum(int(c) for c in cells if c.isdigit())
    bounds = [(1, threshold - 1) if c.startswith("fewer than") else (threshold, rest) for c in hidden]
    for i, c in enumerate(hidden):
        lo = max(bounds[i][0], rest - sum(b[1] for j, b in enumerate(bounds) if j != i))
        hi = min(bounds[i][1], rest - sum(b[0] for j, b in enumerate(bounds) if j != i))
        if c.startswith("fewer than") and lo == hi:
            raise Failure(f"{section}: a hidden small count is exactly {lo}")


@case("the public CSV hides every count below 5 and no hidden count follows from a table's total")
def public_csv_is_protected(ctx):
    book = parse_csv(pilot().export("csv", "--public"))
    equal(book["__head__"][2], ["version", "public"], "version record")
    for section in ADDITIVE:
        rows = csv_rows(book, section)[1:]
        total = row_value(rows, "Total")
        check(total and total.isdigit(), f"{section}: the total is not shown ({total!r})")
        cells = [r[1] for r in rows if r[0] != "Total"]
        for c in cells:
            check(c.isdigit() and (int(c) == 0 or int(c) >= 5) or c in (SMALL, "suppressed"),
                  f"{section}: a small count is shown: {c!r}")
        audit_line(section, cells, int(total))
    for area, n in AREAS.items():
        got = row_value(csv_rows(book, "cases-by-area"), area)
        equal(got, SMALL if n < 5 else str(n), f"public count for {area}")


@case("secondary suppression hides a second agency when only one agency's count is small")
def secondary_suppression_holds(ctx):
    for fmt in ("csv", "html", "xlsx"):
        data = pilot().export(fmt, "--public")
        if fmt == "csv":
            rows = csv_rows(parse_csv(data), "referrals-by-agency")
        elif fmt == "html":
            rows = html_table(parse_html(data), "referrals-by-agency")
        else:
            rows = xlsx_rows(parse_xlsx(data), "referrals-by-agency")
        equal(row_value(rows, "Fire and Rescue Service"), SMALL, f"{fmt}: the small agency")
        equal(row_value(rows, "Self-referral"), "suppressed", f"{fmt}: the next smallest agency (5 referrals)")
        equal(row_value(rows, "Total"), "161", f"{fmt}: the total")
        equal(row_value(rows, "Greater Manchester Police"), "58", f"{fmt}: a large count")


@case("the public totals hide a small move and the outcomes line that would give it away")
def public_totals_are_protected(ctx):
    book = parse_csv(pilot().export("csv", "--public"))
    summary = csv_rows(book, "summary")
    equal(row_value(summary, "Moved out of the borough"), SMALL, "moved out of the borough (4)")
    equal(row_value(summary, "Moved within the borough"), "7", "moved within the borough")
    moved = row_value(csv_rows(book, "outcomes"), "Moved")
    check(moved != "11", "the Moved outcome (11) is shown beside 7 moved within the borough, revealing the 4")
    equal(row_value(csv_rows(book, "outcomes"), "Arrested / conviction"), SMALL, "arrested / conviction (4)")
    equal(row_value(csv_rows(book, "outcomes"), "Warnings issued"), "5", "warnings issued (5, at the threshold)")
    equal(row_value(csv_rows(book, "summary"), "Cases received"), "161", "cases received")


@case("the public PDF and HTML show small counts as 'fewer than 5', in tables, charts and the map")
def public_pdf_and_html_hide_small_counts(ctx):
    text = pdf_text(pilot().export("pdf", "--public"))
    for area, n in AREAS.items():
        if n < 5:
            equal(pdf_row_value(text, area), SMALL, f"PDF count for {area}")
    check("version for the board" in text, "the public PDF's footer does not name its version")
    html = parse_html(pilot().export("html", "--public"))
    equal(row_value(html_table(html, "cases-by-area"), "Bramhall"), SMALL, "HTML count for Bramhall")
    check("Bramhall North: fewer than 5" in html.all_text, "the ward map's description shows Bramhall North's count")
    check("Fire and Rescue Service: fewer than 5" in html.all_text, "the agency chart's description shows the small count")


@case("the internal version shows the exact small counts")
def internal_shows_exact_counts(ctx):
    book = parse_csv(pilot().export("csv"))
    equal(row_value(csv_rows(book, "cases-by-area"), "Bramhall"), "1", "internal count for Bramhall")
    equal(row_value(csv_rows(book, "referrals-by-agency"), "Fire and Rescue Service"), "3", "internal count for Fire")
    equal(book["__head__"][2], ["version", "internal"], "version record")


@case("the threshold comes from the settings: at 10, a count of 5 is hidden too")
def threshold_from_settings(ctx):
    p = pilot()
    db = p.copy()
    r = run_cli(db, "report", "settings", "--threshold", "10")
    equal(r.returncode, 0, f"report settings --threshold 10 ({r.stderr.strip()})")
    book = parse_csv(p.export("csv", "--public", db=db))
    equal(row_value(csv_rows(book, "cases-by-area"), "Marple"), "fewer than 10", "Marple (5) at threshold 10")
    equal(row_value(csv_rows(book, "cases-by-area"), "Edgeley"), "10", "Edgeley (10) at threshold 10")
    rows = csv_rows(book, "cases-by-area")[1:]
    audit_line("cases-by-area", [r[1] for r in rows if r[0] != "Total"], int(row_value(rows, "Total")), 10)
