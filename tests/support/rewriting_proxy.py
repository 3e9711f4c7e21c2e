"""A hostile CinetPay for the tests: a loopback proxy in front of the built-in simulator that
forwards every request and lets a test rewrite the answer on its way back.

``proxy.rewrite("/v2/payment", fn)`` (``fn(status, headers, body) -> (status, headers,
body)``), ``edit_json`` (change the decoded answer), ``html`` (an error page), ``truncate``
(a body cut short), ``delay`` and ``reply`` (answer without reaching the simulator, e.g. a
429) add one rule each; the first matching rule that still has ``times`` left applies.
A rule path may carry a query that must match too: ``"/v1/?method=getTransHistory"``.

Real mode through the proxy: with ``tls=`` (:func:`make_tls`) the proxy also accepts
``CONNECT`` for CinetPay's own host names and answers inside the tunnel with a certificate
signed by a test CA. A client whose endpoints are CinetPay's real https hosts, told to use
``HTTPS_PROXY=proxy.url`` and to trust that CA (``SSL_CERT_FILE``), talks to the simulator
while every URL it sees is CinetPay's (a hostile network with a CA the computer trusts).

Bounded: request bodies are capped, delays are capped and cut short at stop, the upstream
call has a timeout, and :meth:`RewritingProxy.stop` closes every connection still open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import json
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

CINETPAY_HOSTS = ("api-checkout.cinetpay.com", "api.cinetpay.com", "client.cinetpay.com")
MAX_BODY = 1024 * 1024
MAX_DELAY = 10.0
UPSTREAM_TIMEOUT = 15.0
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
              "trailer", "upgrade", "content-length", "host", "accept-encoding",
              "proxy-authorization"}

Headers = dict[str, str]
Change = Callable[[int, Headers, bytes], tuple[int, Headers, bytes]]

HTML_502 = (b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
            b"<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
            b"</body></html>")


@dataclass
class Rule:
    """What to do with the answers to one path (and optional query / method)."""

    path: str
    query: dict[str, str]
    method: str | None
    change: Change | None = None
    forward: bool = True  # False: the simulator never sees the request
    delay: float = 0.0  # seconds before answering (after the simulator acted)
    cut: int | None = None  # send only this many body bytes, then drop the connection
    times: int | None = None  # None: every matching request
    used: int = 0

    def matches(self, method: str, path: str, query: dict[str, str]) -> bool:
        if self.times is not None and self.used >= self.times:
            return False
        if self.method and self.method != method:
            return False
        return path == self.path and all(query.get(k) == v for k, v in self.query.items())


@dataclass
class Seen:
    """One request the proxy relayed: what the client finally got."""

    method: str
    path: str
    status: int
    rewritten: bool
    forwarded: bool


@dataclass
class Tls:
    """The test CA (trust it with SSL_CERT_FILE) and the server context for the tunnels."""

    ca_file: Path
    context: ssl.SSLContext = field(repr=False)


class RewritingProxy(ThreadingHTTPServer):
    """``RewritingProxy(sim.base_url).start()``; ``.url`` for endpoints or HTTPS_PROXY."""

    daemon_threads = True

    def __init__(self, upstream: str, tls: Tls | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.tls = tls
        self.rules: list[Rule] = []
        self.seen: list[Seen] = []
        self.errors: list[Exception] = []  # raised by a rule
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._thread: threading.Thread | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet when the client went away (it timed out, or a rule dropped the line)."""
        import sys

        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> RewritingProxy:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="rewriting-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        with self.lock:
            for conn in list(self._open):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        self.server_close()
        if self._thread is not None:
            self._thread.join(5)

    # --- the rule API --------------------------------------------------------------------

    def add(self, path: str, *, method: str | None = None, times: int | None = None,
            **what: Any) -> Rule:
        parts = urlsplit(path)
        rule = Rule(parts.path, dict(parse_qsl(parts.query)), method, times=times, **what)
        with self.lock:
            self.rules.append(rule)
        return rule

    def rewrite(self, path: str, change: Change, **options: Any) -> Rule:
        return self.add(path, change=change, **options)

    def edit_json(self, path: str, edit: Callable[[Any], Any], **options: Any) -> Rule:
        """``edit`` gets the decoded answer and returns the new one (or changes it in place
        and returns None)."""
        def change(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
            data = json.loads(body)
            changed = edit(data)
            return status, headers, json.dumps(data if changed is None else changed).encode()
        return self.rewrite(path, change, **options)

    def html(self, path: str, status: int = 502, **options: Any) -> Rule:
        """An HTML error page instead of the answer (the simulator still acted)."""
        return self.reply(path, status, HTML_502, {"Content-Type": "text/html"},
                          forward=options.pop("forward", True), **options)

    def reply(self, path: str, status: int, body: bytes | str | dict[str, Any],
              headers: Headers | None = None, *, forward: bool = False,
              **options: Any) -> Rule:
        """A fixed answer; by default the simulator never sees the request."""
        if isinstance(body, dict):
            body = json.dumps(body)
        raw = body.encode() if isinstance(body, str) else body
        fixed = {"Content-Type": "application/json", **(headers or {})}
        return self.rewrite(path, lambda _s, _h, _b: (status, dict(fixed), raw),
                            forward=forward, **options)

    def truncate(self, path: str, keep: int | None = None, *, framed: bool = False,
                 **options: Any) -> Rule:
        """The body cut after ``keep`` bytes (half by default). ``framed``: a complete HTTP
        answer whose JSON is cut; else the Content-Length promises more and the connection
        drops."""
        if framed:
            return self.rewrite(path, lambda s, h, b: (s, h, b[:keep or len(b) // 2]),
                                **options)
        return self.add(path, cut=keep if keep is not None else -1, **options)

    def delay(self, path: str, seconds: float, **options: Any) -> Rule:
        return self.add(path, delay=min(seconds, MAX_DELAY), **options)

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()

    def pick(self, method: str, path: str, query: dict[str, str]) -> Rule | None:
        with self.lock:
            for rule in self.rules:
                if rule.matches(method, path, query):
                    rule.used += 1
                    return rule
        return None

    # --- bookkeeping of open connections (closed at stop) ---------------------------------

    def track(self, conn: socket.socket, on: bool) -> None:
        with self.lock:
            (self._open.add if on else self._open.discard)(conn)


class _Handler(BaseHTTPRequestHandler):
    server: RewritingProxy
    protocol_version = "HTTP/1.1"
    timeout = 10  # an idle keep-alive connection ends by itself

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)
            if isinstance(self.connection, ssl.SSLSocket):
                self.connection.close()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet

    def do_CONNECT(self) -> None:
        host = self.path.rsplit(":", 1)[0]
        if self.server.tls is None or host not in CINETPAY_HOSTS:
            self.send_error(403, "no tunnel")
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.server.track(self.connection, False)
        tunnel = self.server.tls.context.wrap_socket(self.connection, server_side=True)
        self.connection = self.request = tunnel
        self.server.track(tunnel, True)
        self.rfile = tunnel.makefile("rb")
        self.wfile = _Writer(tunnel)
        self.close_connection = False  # handle() goes on reading requests in the tunnel

    def do_GET(self) -> None:
        self.relay()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

    def relay(self) -> None:
        target = urlsplit(self.path)  # origin form, or absolute form (plain http proxying)
        path, query = target.path or "/", dict(parse_qsl(target.query))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        rule = self.server.pick(self.command, path, query)
        forwarded = rule is None or rule.forward
        status, headers, answer = (self.upstream(body, target) if forwarded
                                   else (502, {}, b""))
        if rule is not None and rule.change is not None:
            try:
                status, headers, answer = rule.change(status, dict(headers), answer)
            except Exception as exc:  # a broken rule fails the test (see the fixture)
                self.server.errors.append(exc)
                raise
        if rule is not None and rule.delay:
            self.server.stopping.wait(rule.delay)
        with self.server.lock:
            self.server.seen.append(Seen(self.command, path, status, rule is not None,
                                         forwarded))
        self.answer(status, headers, answer, rule.cut if rule is not None else None)

    def upstream(self, body: bytes, target: Any) -> tuple[int, Headers, bytes]:
        host, port = self.server.upstream
        conn = http.client.HTTPConnection(host, port, timeout=UPSTREAM_TIMEOUT)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["Host"] = f"{host}:{port}"
            headers["Content-Length"] = str(len(body))
            where = target.path + (f"?{target.query}" if target.query else "")
            conn.request(self.command, where or "/", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            kept = {k: v for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP}
            return response.status, kept, data
        finally:
            conn.close()

    def answer(self, status: int, headers: Headers, body: bytes, cut: int | None) -> None:
        self.send_response(status)
        for key, value in headers.items():
            if key.lower() not in HOP_BY_HOP and key.lower() not in ("server", "date"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        if cut is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if cut is None:
            self.wfile.write(body)
            return
        self.wfile.write(body[:cut if cut >= 0 else len(body) // 2])
        self.wfile.flush()
        self.close_connection = True


class _Writer:
    """Unbuffered writes on a TLS socket (what StreamRequestHandler uses for plain ones)."""

    closed = False

    def __init__(self, sock: ssl.SSLSocket) -> None:
        self.sock = sock

    def write(self, data: bytes) -> int:
        self.sock.sendall(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def make_tls(folder: Path) -> Tls:
    """A throw-away CA and a certificate for CinetPay's three API host names, signed by it
    (valid from yesterday for two days: any date the tests run at)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def cert(subject: str, key: Any, issuer: str, signer: Any, ca: bool) -> x509.Certificate:
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=2))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if ca:
            builder = builder.add_extension(
                x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                              content_commitment=False, key_encipherment=False,
                              data_encipherment=False, key_agreement=False,
                              encipher_only=False, decipher_only=False), critical=True)
            builder = builder.add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        else:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(h) for h in CINETPAY_HOSTS]),
                critical=False)
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                critical=False)
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()),
                critical=False)
        return builder.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = cert("Comptoir test CA", ca_key, "Comptoir test CA", ca_key, True)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = cert(CINETPAY_HOSTS[0], leaf_key, "Comptoir test CA", ca_key, False)
    folder.mkdir(parents=True, exist_ok=True)
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    chain = folder / "server.pem"
    chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(chain)
    return Tls(ca_file, context)


def proxy_env(proxy: RewritingProxy, tls: Tls) -> dict[str, str]:
    """A comptoir-cli environment in real mode (CinetPay's default hosts, no loopback
    switch) whose https traffic goes through ``proxy`` and trusts the test CA."""
    return {"HTTPS_PROXY": proxy.url, "https_proxy": proxy.url, "SSL_CERT_FILE": str(tls.ca_file),
            "NO_PROXY": "", "no_proxy": "", "ALL_PROXY": "", "all_proxy": ""}


def posts_to(sim: Any, endpoint: str) -> int:
    """How many requests the simulator received for ``endpoint`` ("transfer.send"…)."""
    return sum(e["endpoint"] == endpoint for e in sim.request_log())


def real_client(proxy: RewritingProxy, tls: Tls, creds: Any) -> tuple[Any, Any]:
    """A CinetPay client in real mode (CinetPay's default https endpoints) whose connections
    go through ``proxy``, trusting the test CA, with the tests' short timeouts and fast 429
    backoff. Returns (client, its httpx client): close both."""
    import httpx

    from backoffice.api import CinetPayClient, Endpoints
    from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT

    http = httpx.AsyncClient(proxy=proxy.url, trust_env=False, timeout=SHORT_TIMEOUT,
                             verify=ssl.create_default_context(cafile=str(tls.ca_file)))
    return CinetPayClient(creds, Endpoints(), http=http, timeout=SHORT_TIMEOUT,
                          retry=FAST_RETRY), http
