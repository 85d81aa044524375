"""An empty period gives a valid report that says so; bad dates and options get a clear error."""
import os

from harness import case, check, equal
from evaluation_support import (csv_rows, html_table, parse_csv, parse_html, parse_xlsx, pdf_plain, pdf_text,
                                pilot, row_value, xlsx_rows)
from support import run_cli, scratch_dir

EMPTY = "There were no referrals and no cases in this period"
EMPTY_PERIOD = ("--from", "2018-01-01", "--to", "2018-12-31")


@case("a period with nothing in it gives a valid report in every format that says there is nothing in it")
def empty_period_reports(ctx):
    p = pilot()
    html = parse_html(p.export("html", *EMPTY_PERIOD))
    check(EMPTY in html.all_text, "the HTML does not say the period is empty")
    equal(row_value(html_table(html, "summary"), "Cases received"), "0", "HTML cases received")
    check("None in this period." in html.all_text, "the HTML does not say a table is empty")
    pdf = p.export("pdf", *EMPTY_PERIOD)
    check(pdf.startswith(b"%PDF-") and EMPTY in pdf_plain(pdf_text(pdf)), "the PDF does not say the period is empty")
    book = parse_xlsx(p.export("xlsx", *EMPTY_PERIOD))
    check(any(EMPTY in str(v) for row in book["About"] for v in row), "the XLSX does not say the period is empty")
    equal(row_value(xlsx_rows(book, "summary"), "Cases received"), "0", "XLSX cases received")
    sheets = parse_csv(p.export("csv", *EMPTY_PERIOD))
    check(any(EMPTY in r[1] for r in sheets["summary"]["records"]), "the CSV does not say the period is empty")
    equal(row_value(csv_rows(sheets, "summary"), "Cases received"), "0", "CSV cases received")
    equal([r for r in sheets["referrals-by-agency"]["records"] if r[0] == "empty"], [["empty", "None in this period."]],
          "CSV empty agencies table")


@case("an empty database gives a valid report for today")
def empty_database(ctx):
    db = os.path.join(scratch_dir("emptydb"), "empty.db")
    for fmt in ("html", "pdf", "csv", "xlsx"):
        out = os.path.join(scratch_dir("o"), "r." + fmt)
        r = run_cli(db, "report", "evaluation", "--format", fmt, "-o", out)
        equal(r.returncode, 0, f"exit status for {fmt} ({r.stderr.strip()})")
        check(os.path.getsize(out) > 100, f"the {fmt} report of an empty database is empty")


BAD = [
    (("--from", "2019-02-30"), "'from' date '2019-02-30' is not a real date"),
    (("--to", "yesterday"), "'to' date 'yesterday' is not a real date"),
    (("--from", "2020-01-01", "--to", "2019-01-01"), "'from' date 2020-01-01 is after the 'to' date 2019-01-01"),
    (("--to", "2999-12-31"), "in the future"),
    (("--from", "1990-01-01", "--to", "2020-01-01"), "longer than 20 years"),
    (("--from",), "--from needs a value"),
    (("--format", "docx"), "unknown format 'docx'"),
    (("--colour", "blue"), "unknown option '--colour'"),
]


@case("invalid dates and options are refused with a one-line reason, exit status 2 and no file written")
def bad_dates_refused(ctx):
    db = pilot().db
    for args, message in BAD:
        out = os.path.join(scratch_dir("bad"), "r.csv")
        argv = list(args) if "--format" in args else ["--format", "csv"] + list(args)
        r = run_cli(db, "report", "evaluation", "-o", out, *argv)
        equal(r.returncode, 2, f"exit status for {args}")
        check(message in r.stderr, f"for {args} the error does not say {message!r}: {r.stderr.strip()!r}")
        check(r.stderr.splitlines()[0].startswith("nestguard report evaluation: "), f"error line for {args}: {r.stderr!r}")
        check(not os.path.exists(out), f"a file was written for {args}")
    r = run_cli(db, "report", "evaluation")
    equal(r.returncode, 2, "exit status without a format")
    check("--format" in r.stderr, "the error without a format does not name --format")


@case("report and its subcommands answer --help and unknown subcommands are usage errors")
def report_help(ctx):
    for argv in (("report", "--help"), ("report", "evaluation", "--help"), ("report", "settings", "--help")):
        r = run_cli(None, *argv)
        equal(r.returncode, 0, f"exit status of {' '.join(argv)}")
        check(r.stdout.startswith("usage: nestguard"), f"{' '.join(argv)} prints no usage")
    r = run_cli(None, "report", "budget")
    equal(r.returncode, 2, "exit status of an unknown subcommand")


@case("the format follows the output file's extension when --format is left out")
def format_from_extension(ctx):
    db = pilot().db
    out = os.path.join(scratch_dir("ext"), "board.pdf")
    r = run_cli(db, "report", "evaluation", "-o", out)
    equal(r.returncode, 0, f"exit status ({r.stderr.strip()})")
    with open(out, "rb") as f:
        check(f.read(5) == b"%PDF-", "-o board.pdf did not write a PDF")
