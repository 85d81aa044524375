"""HTTP-level behaviour: malformed requests, size limits (413/431), the rate limit, security
headers on every response, caching, static assets with ETags, and clean shutdown."""
import signal
import socket
import time

from harness import case, check, equal, status
from support import ADMIN, CASEWORKER, raw_request, security_header_problems

MIB = 1024 * 1024


def still_serving(server):
    status(server.client().get("/healthz"), 200, "health check afterwards")


@case("malformed request lines get a 4xx answer and the server keeps serving")
def _(ctx):
    server = ctx.server()
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    cases = [
        (b"GET / HTTP/9.9\r\n" + host + b"\r\n", (400, 505)),
        (b"GET / HTTP/1.1\r\n" + host + b"No colon in this header\r\n\r\n", (400,)),
        (b"G@T / HTTP/1.1\r\n" + host + b"\r\n", (400, 405, 501)),
        (b"GET  /  HTTP/1.1\r\n" + host + b"\r\n", (400, 404, 200)),
        (b"POST /signin HTTP/1.1\r\n" + host + b"Content-Length: abc\r\n\r\n", (400, 413)),
        (b"POST /signin HTTP/1.1\r\n" + host + b"Content-Length: -5\r\n\r\n", (400, 413)),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(32)) + b"\r\n\r\n", (400, None)),
    ]
    for data, allowed in cases:
        code, _ = raw_request(server, data, timeout=5)
        check(code in allowed, f"{data[:40]!r} answered {code}, want one of {allowed}")
    still_serving(server)


@case("a request line without a target gets 400 or a closed connection and the server keeps serving")
def _(ctx):
    # libmicrohttpd 0.9.75 (Debian 12) closes the connection on a request line it cannot
    # split into method and target, before nestguard sees anything; both answers are safe.
    server = ctx.server()
    for data in (b"GARBAGE\r\n\r\n", b"GET\r\n\r\n"):
        code, _ = raw_request(server, data, timeout=5)
        check(code in (400, None), f"{data!r} answered {code}")
    still_serving(server)


@case("an HTTP/1.1 request without a Host header gets 400")
def _(ctx):
    server = ctx.server()
    code, _ = raw_request(server, b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", timeout=5)
    equal(code, 400, "status without Host")
    still_serving(server)


@case("a request with two different Content-Length headers gets 400 (no request smuggling)")
def _(ctx):
    server = ctx.server()
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    code, _ = raw_request(server, b"POST /signin HTTP/1.1\r\n" + host + b"Content-Length: 5\r\n"
                          b"Content-Length: 7\r\nConnection: close\r\n\r\nabcdefg", timeout=5)
    equal(code, 400, "status with conflicting Content-Length headers")
    still_serving(server)


@case("a request target containing a NUL byte never reaches the page named after the NUL")
def _(ctx):
    # libmicrohttpd hands nestguard the target as a C string, so a raw NUL ends it: the
    # request is answered as if for the part before the NUL, never for what follows.
    server = ctx.server()
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    for target, allowed in ((b"/\x00secret", (400, 303)), (b"/admin\x00/users", (400, 404)),
                            (b"/healthz\x00", (400, 200))):
        code, _ = raw_request(server, b"GET " + target + b" HTTP/1.1\r\n" + host + b"Connection: close\r\n\r\n",
                              timeout=5)
        check(code in allowed, f"status for target {target!r}: {code}, want one of {allowed}")
    still_serving(server)


@case("a client that sends half a request does not hold up anyone else")
def _(ctx):
    server = ctx.server()
    stalled = [socket.create_connection((server.host, server.port)) for _ in range(4)]
    try:
        for s in stalled:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        t0 = time.monotonic()
        still_serving(server)
        check(time.monotonic() - t0 < 5, "the health check waited behind the stalled clients")
    finally:
        for s in stalled:
            s.close()


@case("a form body over 1 MiB gets 413 and changes nothing")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ADMIN)
    token = c.csrf_token("/admin/agencies")
    before = server.scalar("SELECT count(*) FROM agency")
    body = f"csrf_token={token}&kind=police&name=".encode() + b"A" * (MIB + 1000)
    head = (f"POST /admin/agencies HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"Origin: {server.origin}\r\nCookie: __Host-nestguard={c.cookie('__Host-nestguard')}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    code, _ = raw_request(server, head, chunks=[body[i:i + 65536] for i in range(0, len(body), 65536)])
    equal(code, 413, "status of a 1 MiB+ form")
    equal(server.scalar("SELECT count(*) FROM agency"), before, "agency count")
    still_serving(server)


@case("a chunked body that grows past 1 MiB gets 413")
def _(ctx):
    server = ctx.server()
    head = (f"POST /signin HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
            "Connection: close\r\n\r\n").encode()
    chunk = b"%x\r\n%s\r\n" % (65536, b"e" * 65536)
    code, _ = raw_request(server, head, chunks=[chunk] * 20 + [b"0\r\n\r\n"])
    equal(code, 413, "status of a 1.25 MiB chunked body")
    still_serving(server)


@case("a body just under 1 MiB is not refused as too large")
def _(ctx):
    server = ctx.server()
    r = server.client().post("/signin", {"email": "x@example.org", "password": "p" * (MIB - 2000)})
    check(r.status != 413, "a body under 1 MiB got 413")
    check(r.status in (400, 401, 403), f"sign-in with a huge password answered {r.status}")


@case("a header block over 8 KiB gets 431, one big header or many small ones")
def _(ctx):
    server = ctx.server()
    c = server.client()
    status(c.get("/healthz", headers={"X-Filler": "a" * 9000}), 431, "one 9000-byte header")
    many = {f"X-Filler-{i}": "b" * 60 for i in range(150)}
    status(c.get("/healthz", headers=many), 431, "150 headers of 60 bytes")
    status(c.get("/healthz", headers={"Cookie": "a=" + "c" * 9000}), 431, "a 9000-byte cookie")
    still_serving(server)


@case("a request with 6 KiB of headers is still served")
def _(ctx):
    server = ctx.server()
    status(server.client().get("/healthz", headers={"X-Filler": "a" * 6000}), 200)


@case("a client over the rate limit gets 429 with Retry-After")
def _(ctx):
    server = ctx.server(rate_limit=2)
    c = server.client()
    codes = [c.get("/signin").status for _ in range(12)]
    check(codes[0] == 200, f"the first request was refused: {codes}")
    check(429 in codes, f"12 quick requests with --rate-limit 2 never got 429: {codes}")
    r = None
    for _ in range(5):
        r = c.get("/signin")
        if r.status == 429:
            break
    status(r, 429, "another request over the limit")
    retry = r.header("Retry-After")
    check(retry is not None and retry.strip().isdigit() and int(retry) >= 1, f"Retry-After {retry!r}")
    check(not security_header_problems(r), f"429 headers: {security_header_problems(r)}")
    time.sleep(min(int(retry), 3) + 0.2)   # the bucket refills in real time
    status(c.get("/signin"), 200, "after waiting Retry-After")


@case("--rate-limit 0 turns the rate limit off")
def _(ctx):
    server = ctx.server(rate_limit=0)
    c = server.client()
    codes = [c.get("/healthz").status for _ in range(150)]
    equal(sorted(set(codes)), [200], "statuses of 150 quick requests")


@case("every kind of response carries the security headers")
def _(ctx):
    server = ctx.server()
    anon = server.client()
    user = server.client().signed_in(CASEWORKER)
    answers = [anon.get("/signin"), anon.get("/healthz"), anon.get("/assets/nestguard.css"),
               anon.get("/"), anon.get("/no-such-page"), anon.request("DELETE", "/signin"),
               anon.get("/api/v1/me"), anon.post("/signin", {"email": ADMIN, "password": "wrong-wrong-wrong"}),
               user.get("/"), user.get("/account"), user.get("/admin/users"), user.get("/api/v1/me"),
               user.post("/signout", {"csrf_token": "forged"})]
    problems = []
    for r in answers:
        for p in security_header_problems(r):
            problems.append(f"{r.method} {r.path} ({r.status}): {p}")
        if r.header("Strict-Transport-Security") is not None:
            problems.append(f"{r.method} {r.path}: HSTS sent over plain HTTP")
    check(not problems, "\n".join(problems))


@case("every response other than a static asset says Cache-Control: no-store")
def _(ctx):
    server = ctx.server()
    anon = server.client()
    user = server.client().signed_in(ADMIN)
    problems = []
    for r in (anon.get("/signin"), anon.get("/"), anon.get("/healthz"), anon.get("/no-such-page"),
              user.get("/"), user.get("/account"), user.get("/admin/users"), user.get("/admin/agencies"),
              user.get("/api/v1/me")):
        cc = (r.header("Cache-Control") or "").lower()
        if "no-store" not in cc:
            problems.append(f"{r.method} {r.path} ({r.status}): Cache-Control {cc!r}")
    check(not problems, "\n".join(problems))


@case("pages contain no inline script or style, so the CSP needs no exceptions")
def _(ctx):
    import re
    server = ctx.server()
    user = server.client().signed_in(ADMIN)
    pages = [server.client().get("/signin")] + [user.get(p) for p in ("/", "/account", "/admin/users",
                                                                       "/admin/agencies", "/no-such")]
    problems = []
    for r in pages:
        for m in re.finditer(r"<script\b[^>]*>", r.text, re.I):
            if "src=" not in m.group(0):
                problems.append(f"{r.path}: inline {m.group(0)}")
        for m in re.finditer(r"<[^>]+\s(on[a-z]+|style)\s*=", r.text, re.I):
            problems.append(f"{r.path}: attribute {m.group(1)} in {m.group(0)[:60]}")
        if re.search(r"<style\b", r.text, re.I):
            problems.append(f"{r.path}: a <style> element")
    check(not problems, "\n".join(problems))


@case("an asset has an ETag and answers 304 to If-None-Match")
def _(ctx):
    server = ctx.server()
    c = server.client()
    for path, ctype in (("/assets/nestguard.css", "text/css"), ("/assets/govuk-frontend.min.js", "javascript")):
        r = c.get(path)
        status(r, 200, path)
        check(ctype in (r.header("Content-Type") or ""), f"{path}: Content-Type {r.header('Content-Type')!r}")
        check(len(r.body) > 100, f"{path}: only {len(r.body)} bytes")
        etag = r.header("ETag")
        check(etag and etag.strip('W/').startswith('"'), f"{path}: ETag {etag!r}")
        again = c.get(path, headers={"If-None-Match": etag})
        status(again, 304, f"{path} with its own ETag")
        equal(again.body, b"", f"{path}: body of the 304")
        equal(again.header("ETag"), etag, f"{path}: ETag on the 304")
        status(c.get(path, headers={"If-None-Match": '"something-else"'}), 200, f"{path} with another ETag")


@case("asset paths cannot reach outside the embedded files")
def _(ctx):
    server = ctx.server()
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    for path in (b"/assets/../nestguard.db", b"/assets/%2e%2e/%2e%2e/etc/passwd", b"/assets/..%2fnestguard.db",
                 b"/assets/", b"/assets/no-such-file.css", b"/assets//etc/passwd"):
        code, data = raw_request(server, b"GET " + path + b" HTTP/1.1\r\n" + host + b"Connection: close\r\n\r\n")
        check(code in (400, 404), f"GET {path!r} answered {code}")
        check(b"root:" not in data and b"SQLite format" not in data, f"GET {path!r} leaked a file")


@case("the server finishes cleanly with exit status 0 on SIGINT as well as SIGTERM")
def _(ctx):
    for sig in (signal.SIGINT, signal.SIGTERM):
        server = ctx.server()
        status(server.client().get("/healthz"), 200)
        equal(server.stop(sig), 0, f"exit status after signal {sig}")
