"""The HTTP server: stdlib ThreadingHTTPServer, HTTP/1.1 keep-alive, Nagle disabled.

The server tracks its open connections so that stop() can cut idle keep-alive connections
and hanging (faulted) requests at once instead of waiting for clients to go away.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import sys
import threading
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .dispatch import dispatch
from .state import SimState
from .web import DROP, Request, Response, text_response

log = logging.getLogger(__name__)


class SimHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for keep-alive clients
    request_queue_size = 128  # the default 5 drops connections a bulk check opens at once

    def __init__(self, address: tuple[str, int], state: SimState) -> None:
        self.state = state
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, SimRequestHandler)

    def server_bind(self) -> None:
        """As HTTPServer's, minus socket.getfqdn() (a reverse DNS lookup that can hang)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up (timeouts, drops) are routine here; anything else is logged."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        log.exception("simulator: error while serving %s", client_address)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for conn in connections:
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class SimRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "CinetPaySimulator/1.0"
    sys_version = ""
    server: SimHTTPServer

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _serve(self) -> None:
        body = self._read_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = Request(self.command, self.path, headers, body)
        try:
            response = dispatch(self.server.state, request)
        except Exception:
            log.exception("simulator error on %s %s", self.command, self.path)
            response = text_response("Internal Server Error", 500)
        if response is DROP:
            self.close_connection = True
            return
        assert isinstance(response, Response)
        self._write(response)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: API calls go to the simulator's own request log."""
