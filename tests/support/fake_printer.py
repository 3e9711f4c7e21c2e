"""A loopback raw-TCP ESC/POS printer for tests: it records every byte a job sends and answers
the real-time status questions (DLE EOT 1 / DLE EOT 4) the way its ``mode`` says: "ok",
"paper_out", "offline", or "silent" (accepts the connection, never answers nor reads: a
stalled printer). ``refused_port()`` gives a port where nothing listens."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

STATUS_OK = 0x12  # fixed bits 1 and 4 set
PAPER_END = 0x72  # + bits 5, 6
OFFLINE = 0x1A  # + bit 3


class FakePrinter:
    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.jobs: list[bytes] = []  # one per connection, complete once the client closed
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            if self.mode == "silent":
                self._held.append(conn)  # never read, never answer
                continue
            threading.Thread(target=self._job, args=(conn,), daemon=True).start()

    def _job(self, conn: socket.socket) -> None:
        data = b""
        conn.settimeout(5)
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                before = data
                data += chunk
                self._answer(conn, before, data)
        self.jobs.append(data)

    def _answer(self, conn: socket.socket, before: bytes, data: bytes) -> None:
        printer = OFFLINE if self.mode == "offline" else STATUS_OK
        paper = PAPER_END if self.mode == "paper_out" else STATUS_OK
        for question, answer in ((b"\x10\x04\x01", printer), (b"\x10\x04\x04", paper)):
            if data.count(question) > before.count(question):
                conn.sendall(bytes([answer]))

    def wait_jobs(self, count: int = 1, timeout: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.jobs) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.jobs)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for conn in self._held:
            with contextlib.suppress(OSError):
                conn.close()
        self._server.close()


def refused_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
