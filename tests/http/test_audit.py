"""The hash-chained audit trail: `nestguard audit verify` after real activity and after tampering."""
import re
import sqlite3

from harness import case, check, equal, status
from support import ADMIN, CASEWORKER


def busy_server(ctx):
    """A stopped server whose database has seen sign-ins, a denial, a failed sign-in and views."""
    server = ctx.server()
    status(server.client().sign_in(ADMIN, "a-wrong-password-1"), 401)
    status(server.client().signed_in(CASEWORKER).get("/admin/users"), 403)
    admin = server.client().signed_in(ADMIN)
    for _ in range(3):
        status(admin.get("/admin/users"), 200)
    server.stop()
    return server


# The two hash-chained logs: (name in messages, file beside the database, table, trigger prefix).
LOGS = (("audit log", "", "audit", "audit"), ("access log", ".access", "access_log", "access_log"))


def tamper(server, log, sql, params=()):
    """Run SQL on LOG's own file with its append-only triggers dropped."""
    _, suffix, _, trigger = log
    con = sqlite3.connect(server.db + suffix)
    try:
        con.execute(f"DROP TRIGGER IF EXISTS {trigger}_no_update")
        con.execute(f"DROP TRIGGER IF EXISTS {trigger}_no_delete")
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


def log_ids(server, log):
    name, suffix, table, _ = log
    con = sqlite3.connect(server.db + suffix)
    try:
        ids = [row[0] for row in con.execute(f"SELECT id FROM {table} ORDER BY id")]
    finally:
        con.close()
    check(len(ids) >= 3, f"only {len(ids)} rows in the {name} after the activity")
    return ids


def names_row(result, *ids):
    text = result.stdout + result.stderr
    return any(re.search(rf"(?<![0-9]){i}(?![0-9])", text) for i in ids)


@case("audit verify exits 0 on an untouched audit trail")
def _(ctx):
    server = busy_server(ctx)
    check(server.audit_count() >= 4, f"only {server.audit_count()} audit rows after the activity")
    r = server.cli("audit", "verify")
    equal(r.returncode, 0, f"audit verify exit status (output {r.stdout.strip()!r} {r.stderr.strip()!r})")


@case("both audit logs refuse updates and deletes while their triggers are in place")
def _(ctx):
    server = busy_server(ctx)
    for name, suffix, table, _ in LOGS:
        con = sqlite3.connect(server.db + suffix)
        try:
            for sql in (f"UPDATE {table} SET action = 'x' WHERE id = 1", f"DELETE FROM {table} WHERE id = 1"):
                try:
                    con.execute(sql)
                    con.commit()
                except sqlite3.DatabaseError:
                    continue
                raise AssertionError(f"{sql} succeeded on the {name}")
        finally:
            con.close()


@case("audit verify fails and names the log and row after one row's text is edited")
def _(ctx):
    for log in LOGS:
        server = busy_server(ctx)
        ids = log_ids(server, log)
        victim = ids[len(ids) // 2]
        tamper(server, log, f"UPDATE {log[2]} SET action = action || '.edited' WHERE id = ?", (victim,))
        r = server.cli("audit", "verify")
        check(r.returncode != 0, f"audit verify exited 0 after an edited row of the {log[0]}")
        check(names_row(r, victim) and log[0] in r.stderr,
              f"audit verify does not name {log[0]} row {victim}: {r.stdout.strip()!r} {r.stderr.strip()!r}")


@case("audit verify fails when a row's recorded time is changed and its hash recomputed naively")
def _(ctx):
    for log in LOGS:
        server = busy_server(ctx)
        victim = log_ids(server, log)[1]
        # change the time and put the next row's prev_hash out of step with a made-up hash
        tamper(server, log, f"UPDATE {log[2]} SET at = at - 86400, hash = ? WHERE id = ?", ("0" * 64, victim))
        r = server.cli("audit", "verify")
        check(r.returncode != 0, f"audit verify exited 0 after a {log[0]} row's time and hash were changed")
        check(names_row(r, victim), f"audit verify does not name row {victim}: {r.stdout.strip()!r} {r.stderr.strip()!r}")


@case("audit verify fails and names the place when a row is deleted")
def _(ctx):
    for log in LOGS:
        server = busy_server(ctx)
        ids = log_ids(server, log)
        victim = ids[len(ids) // 2]
        following = ids[ids.index(victim) + 1]
        tamper(server, log, f"DELETE FROM {log[2]} WHERE id = ?", (victim,))
        r = server.cli("audit", "verify")
        check(r.returncode != 0, f"audit verify exited 0 after a {log[0]} row was deleted")
        check(names_row(r, victim, following),
              f"audit verify names neither row {victim} nor {following}: {r.stdout.strip()!r} {r.stderr.strip()!r}")


