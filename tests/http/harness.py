"""A tiny test harness for the black-box HTTP and CLI tests (Python standard library only).

Tests are plain functions registered with @case("a sentence saying what must hold"); each gets a
Context that starts servers and cleans up after the test. The runner prints one line per test and,
as its last line, `N passed, N failed[, N skipped]`.
"""
import os
import sys
import threading
import time
import traceback


class Failure(AssertionError):
    """A test's expectation did not hold."""


class Skip(Exception):
    """The test cannot run here (the reason is printed)."""


CASES = []


def case(sentence):
    """Register a test; the sentence is its name and must say what behaviour is expected."""
    def register(fn):
        CASES.append((sentence, fn, fn.__module__))
        return fn
    return register


def check(condition, message):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def status(response, expected, what="status"):
    """Check a response's status; on mismatch show the start of the body, which usually says why."""
    allowed = expected if isinstance(expected, (tuple, list, set)) else (expected,)
    if response.status not in allowed:
        want = " or ".join(str(s) for s in allowed)
        raise Failure(f"{what}: expected {want}, got {response.status} for {response.method} "
                      f"{response.path}\n      body: {response.text[:300]!r}")


class Context:
    """What a test gets: servers it starts are stopped (and checked for crashes) afterwards."""

    def __init__(self):
        self._cleanups = []

    def on_cleanup(self, fn):
        self._cleanups.append(fn)

    def server(self, **options):
        from support import Server
        server = Server(**options)
        self.on_cleanup(server.stop_and_check)
        return server

    def finish(self):
        """Run the cleanups in reverse order; return the problems they found."""
        problems = []
        for fn in reversed(self._cleanups):
            try:
                problem = fn()
                if problem:
                    problems.append(problem)
            except Exception as exc:  # a cleanup must not hide other cleanups
                problems.append(f"cleanup failed: {exc!r}")
        return problems


def run_one(sentence, fn):
    """Run one test; return (outcome, detail) with outcome 'ok', 'FAIL' or 'skip'."""
    ctx = Context()
    outcome, detail = "ok", ""
    try:
        fn(ctx)
    except Skip as exc:
        outcome, detail = "skip", str(exc)
    except Failure as exc:
        outcome, detail = "FAIL", str(exc)
    except Exception:
        outcome, detail = "FAIL", traceback.format_exc(limit=6)
    problems = ctx.finish()
    if problems:
        detail = (detail + "\n" if detail else "") + "\n".join(problems)
        outcome = "FAIL"
    return outcome, detail


def main(argv):
    """Run the registered cases (filtered by -k WORDS), -j N at a time; return the exit status."""
    pattern, jobs = None, int(os.environ.get("NESTGUARD_TEST_JOBS", "2"))
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-k" and args:
            pattern = args.pop(0).lower()
        elif arg == "-j" and args:
            jobs = max(1, int(args.pop(0)))
        elif arg in ("-h", "--help"):
            print("usage: run.py [-k WORDS] [-j JOBS]   (WORDS: part of a test sentence or module)")
            return 0
        else:
            print(f"run.py: unknown argument {arg!r}", file=sys.stderr)
            return 2
    cases = [c for c in CASES if not pattern or pattern in c[0].lower() or pattern in c[2].lower()]
    counts = {"ok": 0, "FAIL": 0, "skip": 0}
    lock = threading.Lock()
    queue = list(enumerate(cases))
    started = time.monotonic()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                _, (sentence, fn, module) = queue.pop(0)
            t0 = time.monotonic()
            outcome, detail = run_one(sentence, fn)
            took = time.monotonic() - t0
            with lock:
                counts[outcome] += 1
                print(f"{outcome:4} {sentence}  [{module}, {took:.1f}s]", flush=True)
                if detail:
                    for line in detail.rstrip().splitlines():
                        print(f"     {line}", flush=True)

    threads = [threading.Thread(target=worker) for _ in range(min(jobs, max(1, len(cases))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"({len(cases)} tests in {time.monotonic() - started:.1f}s)")
    line = f"{counts['ok']} passed, {counts['FAIL']} failed"
    if counts["skip"]:
        line += f", {counts['skip']} skipped"
    print(line, flush=True)
    return 1 if counts["FAIL"] else 0
