"""One running Comptoir per data directory: the OS lock of ``store.instance.InstanceLock``,
plus a local socket so a second launch can bring the first window to the front."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.instance import InstanceLock

if TYPE_CHECKING:  # QtNetwork loads after the window's first paint (listen())
    from PySide6.QtNetwork import QLocalServer


def server_name(data_dir: Path) -> str:
    import hashlib  # OpenSSL: loaded after the first paint

    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"comptoir-{digest}"


class SingleInstance:
    """A plain object (not a QObject, so the GC may drop it from any thread); its local
    server is deleted on the GUI thread in :meth:`release`."""

    def __init__(self) -> None:
        self.on_activated: Callable[[], None] | None = None  # another launch: show yourself
        self.lock: InstanceLock | None = None
        self.data_dir: Path | None = None
        self.server: QLocalServer | None = None

    def hold(self, data_dir: Path, *, listen: bool = True) -> None:
        """Lock ``data_dir`` (raises ``AlreadyRunning``), then release any previous one;
        ``listen``: answer a second launch now (else call :meth:`listen` later)."""
        data_dir = Path(data_dir)
        if self.lock is not None and self.data_dir == data_dir:
            if listen:
                self.listen()
            return
        lock = InstanceLock(data_dir)
        lock.acquire()
        self.release()
        self.lock, self.data_dir = lock, data_dir
        if listen:
            self.listen()

    def listen(self) -> None:
        """The local socket a second launch knocks on to bring this window to the front."""
        if self.server is not None or self.data_dir is None:
            return
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a stale socket of a crashed run (we hold the lock)
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            server.newConnection.connect(self._connection)
            self.server = server

    def _connection(self) -> None:
        server = self.server
        while server is not None and server.hasPendingConnections():
            sock = server.nextPendingConnection()
            sock.disconnectFromServer()
            sock.deleteLater()
            if self.on_activated is not None:
                self.on_activated()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        if self.lock is not None:
            with contextlib.suppress(OSError):
                self.lock.release()
            self.lock = None
            self.data_dir = None


def notify_running_instance(data_dir: Path, timeout_ms: int = 500) -> bool:
    """Ask the instance that holds ``data_dir`` to show its window; False if unreachable."""
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(server_name(data_dir))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(b"show\n")
    sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    return True
