"""The report's settings from the command line: cost-benefit parameters and unit costs change
the report; bad values are refused naming the field and change nothing."""
from harness import case, check, equal
from evaluation_support import csv_rows, parse_csv, pilot, row_value
from support import run_cli


@case("a unit cost set from the command line adds its line to the wider view's net benefit")
def unit_cost_changes_wider_view(ctx):
    p = pilot()
    db = p.copy()
    r = run_cli(db, "report", "settings", "--unit-cost", "1=1,000")
    equal(r.returncode, 0, f"report settings --unit-cost 1=1,000 ({r.stderr.strip()})")
    check("\u00a31,000.00" in r.stdout and "Homelessness avoided" in r.stdout, f"the new amount is not listed: {r.stdout}")
    rows = csv_rows(parse_csv(p.export("csv", db=db)), "wider-cost-benefit")
    equal(row_value(rows, "Homelessness avoided", 2), "68", "households the line counts")
    equal(row_value(rows, "Homelessness avoided", 4), "68000", "the line's amount")
    # 68 x £4,659.10 + 68 x £1,000 - £27,705 = £357,113.80
    equal(row_value(rows, "Net benefit, wider view", 4), "357114", "the wider net benefit")
    equal(row_value(rows, "Police time saved", 4), "not counted", "a line still not set")


@case("changing the void cost and the cost of the service changes the cost-benefit sentence")
def settings_change_statement(ctx):
    p = pilot()
    db = p.copy()
    r = run_cli(db, "report", "settings", "--void-cost", "5000", "--service-cost", "\u00a330,000.50")
    equal(r.returncode, 0, f"report settings ({r.stderr.strip()})")
    book = parse_csv(p.export("csv", db=db))
    statement = [x[1] for x in book["cost-benefit"]["records"] if x[0] == "statement"]
    # 68 x £5,000 - £30,000.50 = £309,999.50, rounded half away from zero
    equal(statement, ["68 households \u00d7 \u00a35,000 \u2212 \u00a330,000.50 = \u00a3310,000"], "the statement")


@case("bad settings are refused with the field named, exit status 1, and nothing changes")
def bad_settings_refused(ctx):
    db = pilot().copy()
    for args, field in ((("--void-cost", "lots"), "void_cost"), (("--threshold", "1"), "suppression_threshold"),
                        (("--service-cost", "-5"), "service_cost"), (("--unit-cost", "1=abc"), "amount")):
        r = run_cli(db, "report", "settings", *args)
        equal(r.returncode, 1, f"exit status for {args}")
        check(field in r.stderr, f"the error for {args} does not name {field}: {r.stderr!r}")
    r = run_cli(db, "report", "settings", "--unit-cost", "99=5")
    equal(r.returncode, 1, "exit status for an unknown unit cost")
    r = run_cli(db, "report", "settings", "--unit-cost", "5")
    equal(r.returncode, 2, "exit status for --unit-cost without =")
    r = run_cli(db, "report", "settings")
    check("\u00a34,659.10" in r.stdout and "threshold            5" in r.stdout and "not set" in r.stdout,
          f"the settings changed after refusals: {r.stdout}")
