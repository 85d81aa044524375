"""Serving HTTPS with --tls-cert/--tls-key: HSTS on every response and Secure cookies."""
import http.client
import os
import shutil
import ssl
import subprocess

from harness import Skip, case, check
from support import run_cli, scratch_dir


def self_signed_pair():
    if not shutil.which("openssl"):
        raise Skip("openssl is not installed")
    d = scratch_dir("tls")
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    return cert, key


@case("under TLS every response carries HSTS and cookies are Secure")
def _(ctx):
    cert, key = self_signed_pair()
    server = ctx.server(extra_args=["--tls-cert", cert, "--tls-key", key])
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    for path in ("/signin", "/assets/nestguard.css", "/no-such-page"):
        con = http.client.HTTPSConnection(server.host, server.port, context=context, timeout=20)
        con.request("GET", path)
        r = con.getresponse()
        r.read()
        check("max-age=" in (r.getheader("Strict-Transport-Security") or ""), f"HSTS on {path} ({r.status})")
        if path == "/signin":
            check(r.status == 200, f"the sign-in page over TLS answered {r.status}")
            cookie = r.getheader("Set-Cookie") or ""
            check("Secure" in cookie and cookie.startswith("__Host-"), f"sign-in cookie: {cookie!r}")
        con.close()


@case("--tls-cert without --tls-key is a usage error")
def _(ctx):
    r = run_cli(os.path.join(scratch_dir("tls"), "x.db"), "serve", "--tls-cert", "/nonexistent.pem")
    check(r.returncode == 2, f"exit status {r.returncode}, want 2")
