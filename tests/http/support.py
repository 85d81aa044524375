"""Black-box test support: start the real nestguard binary on a free port with a temporary copy of
a demo database and a clock the test moves; an HTTP client with a cookie jar; a raw-socket client
for malformed requests; a form parser; and the CLI.
"""
import atexit
import html.parser
import http.client
import json as jsonlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse

from harness import Failure, Skip

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("NESTGUARD_BIN") or os.path.join(TOP, "nestguard"))
SLOW = os.environ.get("NESTGUARD_TEST_ASAN") == "1"   # sanitizer builds run a few times slower
TIMEOUT = 60 if SLOW else 20

# Both audit logs as one table: changes (main.audit) and the access log (access.access_log,
# the file DB.access), as src/model/audit.h's AUDIT_TRAIL.
AUDIT_TRAIL = ("SELECT 'change' AS log, id, at, user_id, agency_id, action, record_type, record_id, client, purpose,"
               " detail FROM main.audit UNION ALL SELECT 'access', id, at, user_id, agency_id, action, record_type,"
               " record_id, client, purpose, detail FROM access.access_log")

# Files the tests make (database copies) hold fictional personal data, and nestguard warns on
# stderr about a database other users can read.
os.umask(0o077)

# The demo accounts (fixed e-mail addresses, see WEB_CONTRACT.md); passwords come from `demo`.
ADMIN = "admin@nestguard.example"
TEAM_LEADER = "teamleader@nestguard.example"
CASEWORKER = "caseworker@nestguard.example"
REFERRER = "referrer@police.example"
PARTNER = "partner@housing.example"
ANALYST = "analyst@nestguard.example"
ROLE_OF = {ADMIN: "administrator", TEAM_LEADER: "team_leader", CASEWORKER: "caseworker",
           REFERRER: "referrer", PARTNER: "partner", ANALYST: "analyst"}
DEMO_EMAILS = list(ROLE_OF)
ROLE_BITS = {"referrer": 1, "caseworker": 2, "team_leader": 4, "partner": 8, "analyst": 16,
             "administrator": 32}

CSRF_MESSAGE = "The form has expired or came from another site"
BAD_CREDENTIALS = "Enter a correct email address and password"
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "SUMMARY: UndefinedBehaviorSanitizer", "SUMMARY: AddressSanitizer")

_scratch = tempfile.mkdtemp(prefix="nestguard-http-")
atexit.register(shutil.rmtree, _scratch, True)
_counter = iter(range(1, 10 ** 9))
_template_lock = threading.Lock()
_template = None


def scratch_dir(name="t"):
    path = os.path.join(_scratch, f"{name}{next(_counter)}")
    os.makedirs(path)
    return path


def run_cli(db, *args, input=None, env=None, timeout=None):
    """Run `nestguard --db DB ARGS...` (db None: no --db); return the CompletedProcess (text)."""
    if not os.access(BIN, os.X_OK):
        raise Skip(f"{BIN} is not built")
    argv = [BIN] + (["--db", db] if db else []) + list(args)
    # In a scratch directory, so that a command mistaking an option for a file name cannot
    # litter the source tree.
    return subprocess.run(argv, input=input, capture_output=True, text=True, cwd=_scratch,
                          env=dict(os.environ, **(env or {})), timeout=timeout or TIMEOUT * 3)


CREDENTIAL_LINE = re.compile(r"^  (\S+@\S+)\s{2,}(\S+)\s{2,}(.+)$")


def parse_credentials(text):
    """The demo's `  EMAIL  PASSWORD  ROLE-LABEL(S) — AGENCY` lines, as {email: password}."""
    found = {}
    for line in text.splitlines():
        m = CREDENTIAL_LINE.match(line)
        if m:
            found[m.group(1).lower()] = m.group(2)
    return found


class Demo:
    """A demo database made once per run; each server gets its own copy."""

    def __init__(self):
        self.dir = scratch_dir("demo")
        self.db = os.path.join(self.dir, "demo.db")
        result = run_cli(self.db, "demo")
        if result.returncode != 0:
            raise Failure(f"`nestguard demo` exited {result.returncode}: {result.stderr.strip()}")
        self.output = result.stdout
        self.passwords = parse_credentials(result.stdout)
        missing = [e for e in DEMO_EMAILS if e not in self.passwords]
        if missing:
            raise Failure(f"`nestguard demo` printed no credentials for {missing}; it printed:\n"
                          + result.stdout[:800])

    def copy_to(self, directory):
        path = os.path.join(directory, "nestguard.db")
        # .key: the field-encryption key ring; .access: the access log
        for suffix in ("", "-wal", "-shm", ".key", ".access", ".access-wal", ".access-shm"):
            if os.path.exists(self.db + suffix):
                shutil.copyfile(self.db + suffix, path + suffix)
                if suffix == ".key":
                    os.chmod(path + suffix, 0o600)   # nestguard warns about a key file others can read
        return path


def demo():
    """The shared demo database; when making it failed, every later caller fails briefly."""
    global _template
    with _template_lock:
        if isinstance(_template, Failure):
            raise Failure("no demo database (see the first failure above)")
        if _template is None:
            try:
                _template = Demo()
            except Failure as exc:
                _template = exc
                raise
        return _template


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`nestguard serve` on a free port with its own copy of the demo database and test clock."""

    def __init__(self, rate_limit=None, extra_args=(), fresh_db=False):
        self.demo = demo()
        self.dir = scratch_dir("srv")
        if fresh_db:
            self.db = os.path.join(self.dir, "nestguard.db")
        else:
            self.db = self.demo.copy_to(self.dir)
        self.passwords = self.demo.passwords
        self.clock_file = os.path.join(self.dir, "clock")
        self.offset = 0
        self._write_clock()
        self.port = free_port()
        self.host = "127.0.0.1"
        self.origin = f"http://{self.host}:{self.port}"
        self.log_path = os.path.join(self.dir, "server.log")
        argv = [BIN, "--db", self.db, "serve", "--listen", f"{self.host}:{self.port}"]
        if rate_limit is not None:
            argv += ["--rate-limit", str(rate_limit)]
        argv += list(extra_args)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT, cwd=self.dir,
                                     env=dict(os.environ, NESTGUARD_TEST_CLOCK_FILE=self.clock_file))
        self.stopped = False
        deadline = time.monotonic() + TIMEOUT
        while "listening on http" not in self.log():
            if self.proc.poll() is not None:
                raise Failure(f"server exited with status {self.proc.returncode} before listening:\n"
                              + self.log()[-1500:])
            if time.monotonic() > deadline:
                raise Failure("server did not print 'listening on http://' within "
                              f"{TIMEOUT}s:\n" + self.log()[-1500:])
            time.sleep(0.02)

    def _write_clock(self):
        tmp = self.clock_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{self.offset}\n")
        os.replace(tmp, self.clock_file)

    def now(self):
        """The server's idea of the current time (real time plus the test offset)."""
        return int(time.time()) + self.offset

    def advance(self, seconds):
        """Move the server's clock forward (no sleeping)."""
        self.offset += int(seconds)
        self._write_clock()

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def client(self):
        return Client(self)

    def cli(self, *args, input=None):
        return run_cli(self.db, *args, input=input,
                       env={"NESTGUARD_TEST_CLOCK_FILE": self.clock_file})

    def query(self, sql, params=()):
        """Read the database directly (what an auditor with file access would see), with the
        access log attached and both audit logs as one view, audit_trail."""
        con = sqlite3.connect(self.db, timeout=10)
        con.execute("ATTACH DATABASE ? AS access", (self.db + ".access",))
        con.execute("CREATE TEMP VIEW audit_trail AS " + AUDIT_TRAIL)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def scalar(self, sql, params=()):
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def user_id(self, email):
        return self.scalar("SELECT id FROM user WHERE email = ?", (email,))

    def audit_count(self):
        return self.scalar("SELECT count(*) FROM audit_trail")

    def stop(self, sig=signal.SIGTERM):
        """Stop the server with SIG; return its exit status."""
        if not self.stopped:
            self.stopped = True
            if self.proc.poll() is None:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self._log.close()
                return "did not stop within %ds of signal %d" % (TIMEOUT, sig)
            self._log.close()
        return self.proc.returncode

    def stop_and_check(self):
        """Cleanup: the server must still be alive, stop with 0 and log no sanitizer report."""
        problems = []
        if not self.stopped and self.proc.poll() is not None:
            problems.append(f"the server died during the test (status {self.proc.returncode})")
        rc = self.stop()
        if rc != 0 and not problems:
            problems.append(f"the server exited with status {rc} on SIGTERM")
        text = self.log()
        marks = [m for m in SANITIZER_MARKS if m in text]
        if marks or problems:
            tail = text[-2500:] if marks else text[-800:]
            problems.append("server log (end):\n" + tail)
        return "\n".join(problems)


class Response:
    def __init__(self, method, path, status, reason, headers, body):
        self.method, self.path, self.status, self.reason = method, path, status, reason
        self.headers = headers          # list of (name, value) in arrival order
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return default

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        try:
            return jsonlib.loads(self.body)
        except ValueError:
            raise Failure(f"{self.method} {self.path} did not answer JSON: {self.text[:300]!r}")

    def location(self, origin=None):
        """Location header with our own origin stripped (so '/x' and 'http://host:port/x' compare)."""
        loc = self.header("Location")
        if loc and origin and loc.startswith(origin):
            loc = loc[len(origin):] or "/"
        return loc

    def forms(self):
        return parse_forms(self.text)

    def form(self, action=None):
        """The first form (whose action path is ACTION, when given)."""
        for f in self.forms():
            if action is None or urllib.parse.urlsplit(f.action).path == action:
                return f
        raise Failure(f"no form{' for ' + action if action else ''} on {self.path}:\n"
                      f"      {self.text[:400]!r}")


class Client:
    """An HTTP/1.1 client with a cookie jar. POSTs carry the server's Origin (as a browser's do)
    unless origin=None is passed."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def cookie(self, name):
        return self.cookies.get(name)

    def _store_cookies(self, response):
        for raw in response.header_all("Set-Cookie"):
            name, _, rest = raw.partition("=")
            value, _, attrs = rest.partition(";")
            attrs = attrs.lower()
            expired = re.search(r"max-age=(-?\d+)", attrs)
            if (expired and int(expired.group(1)) <= 0) or "expires=thu, 01 jan 1970" in attrs \
                    or value.strip() == "":
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()

    def request(self, method, path, body=None, headers=None, form=None, json=None,
                origin="own", cookies=True, bearer=None):
        headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif json is not None:
            body = jsonlib.dumps(json).encode()
            headers.setdefault("Content-Type", "application/json")
        if cookies and self.cookies:
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method not in ("GET", "HEAD") and origin is not None:
            headers.setdefault("Origin", self.server.origin if origin == "own" else origin)
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            response = Response(method, path, r.status, r.reason, r.getheaders(), r.read())
        finally:
            conn.close()
        self._store_cookies(response)
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form=None, **kw):
        return self.request("POST", path, form=form, **kw)

    def submit(self, page, action=None, fill=None, **kw):
        """Submit the form on PAGE (a Response) with its own fields (hidden ones included) updated
        by FILL (a dict; a list value repeats the field)."""
        f = page.form(action)
        fields = f.values()
        for k, v in (fill or {}).items():
            fields = [(n, x) for n, x in fields if n != k]
            for item in (v if isinstance(v, list) else [v]):
                fields.append((k, item))
        target = urllib.parse.urljoin(page.path, f.action or page.path)
        return self.request(f.method, target, form=fields, **kw)

    def sign_in(self, email, password=None, next_path=None):
        """Sign in through the form; return the POST's response (not followed)."""
        if password is None:
            password = self.server.passwords[email]
        page = self.get("/signin" + (f"?next={urllib.parse.quote(next_path, safe='')}"
                                     if next_path else ""))
        if page.status != 200:
            raise Failure(f"GET /signin answered {page.status}")
        return self.submit(page, "/signin", {"email": email, "password": password})

    def signed_in(self, email):
        r = self.sign_in(email)
        if r.status != 303:
            raise Failure(f"signing in as {email} answered {r.status}, not 303: {r.text[:300]!r}")
        return self

    def csrf_token(self, path="/"):
        """The csrf_token of the first form on PATH that has one."""
        page = self.get(path)
        for f in page.forms():
            for name, value in f.values():
                if name == "csrf_token":
                    return value
        raise Failure(f"no csrf_token field on {path} (status {page.status})")


class Form:
    def __init__(self, action, method):
        self.action, self.method = action, (method or "GET").upper()
        self.inputs = []       # (name, type, value, checked)
        self.selects = {}      # name -> [option values]

    def values(self):
        """What a browser would submit untouched: hidden/text values, checked boxes, the first
        option of each select."""
        out = []
        for name, kind, value, checked in self.inputs:
            if kind in ("checkbox", "radio") and not checked:
                continue
            if kind in ("submit", "button", "image", "reset"):
                continue
            out.append((name, value))
        for name, options in self.selects.items():
            if options:
                out.append((name, options[0]))
        return out

    def field_names(self):
        return [i[0] for i in self.inputs] + list(self.selects)


class _FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(a.get("action") or "", a.get("method"))
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag in ("input", "button") and a.get("name"):
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            self.form.inputs.append((a["name"], kind, a.get("value") or "", "checked" in a))
        elif tag == "textarea" and a.get("name"):
            self.form.inputs.append((a["name"], "textarea", "", False))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.form.selects[self.select] = []
        elif tag == "option" and self.select is not None:
            if a.get("value") not in (None, ""):
                self.form.selects[self.select].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def parse_forms(text):
    p = _FormParser()
    p.feed(text)
    return p.forms


def raw_request(server, data, timeout=None, chunks=None):
    """Send raw bytes (then CHUNKS, ignoring a connection the server already closed) and read
    until the server closes or TIMEOUT; return (status or None, raw response bytes)."""
    s = socket.create_connection((server.host, server.port), timeout=timeout or TIMEOUT)
    received = b""
    try:
        try:
            s.sendall(data)
            for chunk in chunks or ():
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while True:
                block = s.recv(65536)
                if not block:
                    break
                received += block
                if b"\r\n\r\n" in received and _complete(received):
                    break
        except (socket.timeout, ConnectionResetError):
            pass
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", received)
    return (int(m.group(1)) if m else None), received


def _complete(received):
    """True once a whole response (headers plus Content-Length bytes) has arrived."""
    head, _, body = received.partition(b"\r\n\r\n")
    m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return m is not None and len(body) >= int(m.group(1))


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
CSP_PARTS = ("default-src 'self'", "script-src 'self'", "style-src 'self'",
             "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'")


def security_header_problems(response):
    """What is missing or wrong among the headers every response must carry."""
    problems = []
    for name, value in SECURITY_HEADERS.items():
        got = response.header(name)
        if got is None or got.strip().lower() != value.lower():
            problems.append(f"{name}: {got!r} (want {value!r})")
    csp = response.header("Content-Security-Policy")
    if csp is None:
        problems.append("no Content-Security-Policy")
    else:
        directives = {}
        for d in csp.split(";"):
            words = d.split()
            if words:
                directives[words[0].lower()] = words[1:]
        for part in CSP_PARTS:
            name, source = part.split(" ", 1)
            if source not in directives.get(name, []):
                problems.append(f"Content-Security-Policy lacks {part!r}: {csp!r}")
        if "unsafe-inline" in csp or "unsafe-eval" in csp:
            problems.append(f"Content-Security-Policy allows unsafe script or style: {csp!r}")
    return problems
