"""The hash-chained audit trail: `nestguard audit verify` after real activity and after tampering."""
import re
import sqlite3

from harness import case, check, equal, status
from support import ADMIN, CASEWORKER


def busy_server(ctx):
    """A stopped server whose database has seen sign-ins, a denial and a failed sign-in."""
    server = ctx.server()
    status(server.client().sign_in(ADMIN, "a-wrong-password-1"), 401)
    status(server.client().signed_in(CASEWORKER).get("/admin/users"), 403)
    status(server.client().signed_in(ADMIN).get("/admin/users"), 200)
    server.stop()
    return server


def tamper(server, sql, params=()):
    con = sqlite3.connect(server.db)
    try:
        con.execute("DROP TRIGGER IF EXISTS audit_no_update")
        con.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


def names_row(result, *ids):
    text = result.stdout + result.stderr
    return any(re.search(rf"(?<![0-9]){i}(?![0-9])", text) for i in ids)


@case("audit verify exits 0 on an untouched audit trail")
def _(ctx):
    server = busy_server(ctx)
    check(server.audit_count() >= 4, f"only {server.audit_count()} audit rows after the activity")
    r = server.cli("audit", "verify")
    equal(r.returncode, 0, f"audit verify exit status (output {r.stdout.strip()!r} {r.stderr.strip()!r})")


@case("the audit table refuses updates and deletes while its triggers are in place")
def _(ctx):
    server = busy_server(ctx)
    con = sqlite3.connect(server.db)
    try:
        for sql in ("UPDATE audit SET action = 'x' WHERE id = 1", "DELETE FROM audit WHERE id = 1"):
            try:
                con.execute(sql)
                con.commit()
            except sqlite3.DatabaseError:
                continue
            raise AssertionError(f"{sql} succeeded")
    finally:
        con.close()


@case("audit verify fails and names the row after one row's text is edited")
def _(ctx):
    server = busy_server(ctx)
    ids = [row[0] for row in server.query("SELECT id FROM audit ORDER BY id")]
    victim = ids[len(ids) // 2]
    tamper(server, "UPDATE audit SET action = action || '.edited' WHERE id = ?", (victim,))
    r = server.cli("audit", "verify")
    check(r.returncode != 0, "audit verify exited 0 after an edited row")
    check(names_row(r, victim), f"audit verify does not name row {victim}: {r.stdout.strip()!r} {r.stderr.strip()!r}")


@case("audit verify fails when a row's recorded time is changed and its hash recomputed naively")
def _(ctx):
    server = busy_server(ctx)
    ids = [row[0] for row in server.query("SELECT id FROM audit ORDER BY id")]
    victim = ids[1]
    # change the time and put the next row's prev_hash out of step with a made-up hash
    tamper(server, "UPDATE audit SET at = at - 86400, hash = ? WHERE id = ?", ("0" * 64, victim))
    r = server.cli("audit", "verify")
    check(r.returncode != 0, "audit verify exited 0 after a row's time and hash were changed")
    check(names_row(r, victim), f"audit verify does not name row {victim}: {r.stdout.strip()!r} {r.stderr.strip()!r}")


@case("audit verify fails and names the place when a row is deleted")
def _(ctx):
    server = busy_server(ctx)
    ids = [row[0] for row in server.query("SELECT id FROM audit ORDER BY id")]
    victim = ids[len(ids) // 2]
    following = ids[ids.index(victim) + 1]
    tamper(server, "DELETE FROM audit WHERE id = ?", (victim,))
    r = server.cli("audit", "verify")
    check(r.returncode != 0, "audit verify exited 0 after a row was deleted")
    check(names_row(r, victim, following),
          f"audit verify names neither row {victim} nor {following}: {r.stdout.strip()!r} {r.stderr.strip()!r}")
