"""The command line: --help everywhere, exit statuses 0/1/2, one-line errors, identity commands."""
import os
import re
import sqlite3
import subprocess

from harness import case, check, equal, status
from support import ADMIN, BIN, CASEWORKER, demo, parse_credentials, run_cli, scratch_dir

SUBCOMMANDS = {"user": ("add", "disable", "list"), "agency": ("add", "list"),
               "token": ("create", "revoke"), "audit": ("verify",)}
REQUIRED = ("serve", "demo", "user", "agency", "token", "migrate", "backup", "audit", "version")


def commands():
    r = run_cli(None, "--help")
    equal(r.returncode, 0, "nestguard --help exit status")
    names = re.findall(r"(?m)^  ([a-z][a-z-]*)\s{2,}\S", r.stdout)
    check(names, f"no commands listed by nestguard --help: {r.stdout!r}")
    return names


def fresh_db():
    return os.path.join(scratch_dir("cli"), "cli.db")


def demo_copy():
    return demo().copy_to(scratch_dir("cli"))


def one_line_error(r, what):
    equal(r.returncode, 1, f"{what}: exit status (stderr {r.stderr.strip()!r})")
    lines = r.stderr.strip().splitlines()
    equal(len(lines), 1, f"{what}: lines on stderr ({r.stderr!r})")
    check(lines[0].startswith("nestguard"), f"{what}: stderr {lines[0]!r} does not start with 'nestguard'")


@case("nestguard --help lists every foundation command")
def _(ctx):
    names = commands()
    for name in REQUIRED:
        check(name in names, f"nestguard --help does not list {name}: {names}")


@case("every command and subcommand answers --help on stdout with exit status 0")
def _(ctx):
    db = fresh_db()
    for name in commands():
        calls = [(name,)] + [(name, sub) for sub in SUBCOMMANDS.get(name, ())]
        for call in calls:
            for flag in ("--help", "-h"):
                r = run_cli(db, *call, flag)
                equal(r.returncode, 0, f"nestguard {' '.join(call)} {flag} exit status")
                check(r.stdout.strip(), f"nestguard {' '.join(call)} {flag} printed nothing on stdout")


@case("asking for help creates no database")
def _(ctx):
    db = fresh_db()
    for name in commands():
        run_cli(db, name, "--help")
    check(not os.path.exists(db), "a --help call created the database file")


@case("an unknown option exits 2 for every command and subcommand")
def _(ctx):
    db = demo_copy()
    for name in commands():
        if name == "serve":
            calls = [(name,)]
        else:
            calls = [(name,)] + [(name, sub) for sub in SUBCOMMANDS.get(name, ())]
        for call in calls:
            r = run_cli(db, *call, "--no-such-option")
            equal(r.returncode, 2, f"nestguard {' '.join(call)} --no-such-option exit status")
            check(r.stderr.strip(), f"nestguard {' '.join(call)} --no-such-option said nothing on stderr")
    r = run_cli(db, "--no-such-global-option", "version")
    equal(r.returncode, 2, "unknown global option exit status")
    r = run_cli(db, "no-such-command")
    equal(r.returncode, 2, "unknown command exit status")


@case("a missing required option or argument exits 2")
def _(ctx):
    db = demo_copy()
    for call in (("user", "add", "--email", "x@example.org"), ("user", "disable"), ("agency", "add"),
                 ("token", "create"), ("token", "revoke"), ("backup",), ("user",), ("serve", "--listen")):
        r = run_cli(db, *call)
        equal(r.returncode, 2, f"nestguard {' '.join(call)} exit status")


@case("user errors exit 1 with one line on stderr and change nothing")
def _(ctx):
    db = demo_copy()
    agency = sqlite3.connect(db).execute("SELECT name FROM agency ORDER BY id LIMIT 1").fetchone()[0]
    exists = os.path.join(os.path.dirname(db), "already-there.db")
    open(exists, "w").close()

    def counts():
        con = sqlite3.connect(db)
        try:
            return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("user", "agency", "api_token")] + \
                   [con.execute("SELECT count(*) FROM user WHERE disabled = 1").fetchone()[0]]
        finally:
            con.close()

    before = counts()
    cases = [
        (("user", "disable", "--email", "nobody@nowhere.example"), None),
        (("user", "add", "--email", "new@nestguard.example", "--name", "New Person", "--agency",
          "No Such Agency Anywhere", "--role", "caseworker"), None),
        (("user", "add", "--email", ADMIN, "--name", "Duplicate", "--agency", agency, "--role", "caseworker"), None),
        (("user", "add", "--email", "short@nestguard.example", "--name", "Short Password", "--agency", agency,
          "--role", "caseworker", "--password-stdin"), "short\n"),
        (("agency", "add", "--name", agency), None),
        (("token", "create", "--email", "nobody@nowhere.example"), None),
        (("token", "revoke", "--id", "999999"), None),
        (("backup", exists), None),
        (("demo",), None),
    ]
    for call, stdin in cases:
        r = run_cli(db, *call, input=stdin)
        one_line_error(r, "nestguard " + " ".join(call))
    equal(counts(), before, "users, agencies, tokens, disabled users after the refused commands")
    one_line_error(run_cli("/nonexistent-dir/sub/x.db", "migrate"), "migrate in a missing directory")


@case("a user added with --password-stdin can sign in with that password")
def _(ctx):
    server = ctx.server()
    agency = server.scalar("SELECT name FROM agency ORDER BY id LIMIT 1")
    password = "Correct-Horse-Battery-42"
    r = server.cli("user", "add", "--email", "stdin.user@nestguard.example", "--name", "Stdin User",
                   "--agency", agency, "--role", "caseworker,analyst", "--password-stdin", input=password + "\n")
    equal(r.returncode, 0, f"user add exit status (stderr {r.stderr.strip()!r})")
    check(password not in r.stdout + r.stderr, "user add echoed the password")
    c = server.client()
    equal(c.sign_in("stdin.user@nestguard.example", password).status, 303, "sign-in status")
    roles = sorted(c.get("/api/v1/me").json()["roles"])
    equal(roles, ["analyst", "caseworker"], "roles of the new user")
    hashed = server.scalar("SELECT password_hash FROM user WHERE email = ?", ("stdin.user@nestguard.example",))
    check(hashed and hashed.startswith("$argon2id$"), f"password stored as {str(hashed)[:12]!r}, not argon2id")


@case("a user added without a password gets a generated one printed once")
def _(ctx):
    db = demo_copy()
    agency = sqlite3.connect(db).execute("SELECT name FROM agency ORDER BY id LIMIT 1").fetchone()[0]
    r = run_cli(db, "user", "add", "--email", "generated@nestguard.example", "--name", "Generated",
                "--agency", agency, "--role", "referrer")
    equal(r.returncode, 0, f"user add exit status (stderr {r.stderr.strip()!r})")
    words = re.findall(r"\S{12,}", r.stdout)
    check([w for w in words if "@" not in w], f"no generated password in the output: {r.stdout!r}")
    listing = run_cli(db, "user", "list")
    equal(listing.returncode, 0, "user list exit status")
    check("generated@nestguard.example" in listing.stdout, "user list does not show the new user")


@case("demo prints fresh random passwords for every demo account and refuses to run twice")
def _(ctx):
    a, b = fresh_db(), fresh_db()
    ra, rb = run_cli(a, "demo"), run_cli(b, "demo")
    equal((ra.returncode, rb.returncode), (0, 0), "demo exit statuses")
    pa, pb = parse_credentials(ra.stdout), parse_credentials(rb.stdout)
    check(len(pa) >= 6, f"demo printed {len(pa)} credential lines")
    for email in pa:
        check(len(pa[email]) >= 12, f"demo password for {email} is shorter than 12 characters")
        check(pa[email] != pb.get(email), f"two demo databases got the same password for {email}")
    check(len(set(pa.values())) == len(pa), "two demo accounts share a password")
    one_line_error(run_cli(a, "demo"), "demo on an existing database")
    r = run_cli(a, "demo", "--force")
    equal(r.returncode, 0, f"demo --force exit status (stderr {r.stderr.strip()!r})")


@case("backup makes a consistent copy of a database the server is using")
def _(ctx):
    server = ctx.server()
    status(server.client().signed_in(CASEWORKER).get("/cases"), 200)
    target = os.path.join(server.dir, "copy.db")
    r = server.cli("backup", target)
    equal(r.returncode, 0, f"backup exit status (stderr {r.stderr.strip()!r})")
    con = sqlite3.connect(target)
    try:
        equal(con.execute("PRAGMA integrity_check").fetchone()[0], "ok", "integrity of the copy")
        users = con.execute("SELECT count(*) FROM user").fetchone()[0]
    finally:
        con.close()
    equal(users, server.scalar("SELECT count(*) FROM user"), "users in the copy")
    con = sqlite3.connect(target + ".access")
    try:
        logged = con.execute("SELECT count(*) FROM access_log").fetchone()[0]
    finally:
        con.close()
    check(logged > 0, "the copy has no access log rows (the sign-in was not carried over)")
    equal(run_cli(target, "audit", "verify").returncode, 0, "audit verify on the copy")


@case("migrate on an up-to-date database changes nothing and exits 0")
def _(ctx):
    db = demo_copy()
    before = sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    for _ in range(2):
        r = run_cli(db, "migrate")
        equal(r.returncode, 0, f"migrate exit status (stderr {r.stderr.strip()!r})")
    equal(sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()[0], before, "schema objects")


@case("version prints a version number")
def _(ctx):
    r = run_cli(None, "version")
    equal(r.returncode, 0, "version exit status")
    check(re.search(r"\d+\.\d+", r.stdout), f"no version number in {r.stdout!r}")


@case("the database comes from NESTGUARD_DB when --db is not given")
def _(ctx):
    db = demo_copy()
    r = run_cli(None, "user", "list", env={"NESTGUARD_DB": db})
    equal(r.returncode, 0, f"user list exit status (stderr {r.stderr.strip()!r})")
    check(ADMIN in r.stdout, "user list with NESTGUARD_DB does not show the demo administrator")


@case("a database whose access log file has gone is refused with one line naming the file")
def _(ctx):
    db = demo_copy()
    for suffix in (".access", ".access-wal", ".access-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    r = run_cli(db, "audit", "verify")
    equal(r.returncode, 1, f"exit status (stderr {r.stderr.strip()!r})")
    check(db + ".access" in r.stderr and len(r.stderr.strip().splitlines()) == 1,
          f"the message does not name the missing file in one line: {r.stderr.strip()!r}")


@case("a new database and its access log are readable by their owner only, and a readable one is warned about")
def _(ctx):
    db = os.path.join(scratch_dir("modes"), "fresh.db")
    # run as from a shell whose umask lets others read new files (the tests' own is 077)
    r = subprocess.run([BIN, "--db", db, "migrate"], capture_output=True, text=True, timeout=60,
                       preexec_fn=lambda: os.umask(0o022))
    equal(r.returncode, 0, f"migrate exit status (stderr {r.stderr.strip()!r})")
    for path in (db, db + ".access"):
        mode = os.stat(path).st_mode & 0o777
        equal(oct(mode), oct(0o600), f"mode of {os.path.basename(path)}")
    os.chmod(db, 0o644)
    r = run_cli(db, "audit", "verify")
    equal(r.returncode, 0, f"audit verify exit status (stderr {r.stderr.strip()!r})")
    check("readable by other users" in r.stderr, f"no warning about a readable database: {r.stderr.strip()!r}")
