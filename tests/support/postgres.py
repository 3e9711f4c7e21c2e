"""A real PostgreSQL server of the tests' own: a temporary data directory, a free loopback port,
trust authentication on loopback only. Started from Debian's binaries (/usr/lib/postgresql/N/bin,
or whatever ``initdb`` is on PATH); as root it runs as the ``postgres`` user (initdb refuses
root). No mock database: the shop database's tests talk to this server.

    server = PostgresServer.start(tmp_path)   # or the session fixture ``postgres`` (conftest)
    dsn = server.create_database("shop_1")    # postgresql://postgres@127.0.0.1:PORT/shop_1
    server.stop(); server.restart()           # an outage and the way back
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


def binaries() -> Path | None:
    """The directory of PostgreSQL's server binaries, or None when it is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0  # no geteuid on Windows


def _as_server_user() -> list[str]:
    """initdb and postgres refuse root: run them as the ``postgres`` system user then."""
    if not _is_root():
        return []
    return ["runuser", "-u", "postgres", "--"]


# C.UTF-8 is glibc's; macOS and Windows have no such locale (the C locale with UTF8 encoding)
_LOCALE = "--locale=C.UTF-8" if sys.platform.startswith("linux") else "--no-locale"


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int

    @classmethod
    def start(cls, base: Path) -> PostgresServer:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        base.mkdir(parents=True, exist_ok=True)
        data = base / "pgdata"
        if _is_root():  # the server user must own its directory (``base`` is one
            shutil.chown(base, "postgres")  # it can reach: see the fixture, under /tmp)
            base.chmod(0o700)
        done = subprocess.run([*_as_server_user(), str(bin_dir / "initdb"), "-D", str(data),
                               "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                               _LOCALE], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()[-400:]}")
        server = cls(bin_dir, data, _free_port())
        server.restart()
        return server

    @property
    def dsn(self) -> str:
        return self.dsn_for("postgres")

    def dsn_for(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        subprocess.run([*_as_server_user(), str(self.bin_dir / "pg_ctl"), "-D",
                        str(self.data_dir), *args], check=True, capture_output=True)

    def restart(self) -> None:
        """Start (again) on the same port and data: what a server back from an outage does."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
        if sys.platform != "win32":  # Windows: TCP only (its default; no path quoting there)
            options += f" -c unix_socket_directories={self.data_dir}"
        self._ctl("start", "-w", "-t", "60", "-o", options, "-l", str(self.data_dir / "log"))

    def stop(self, mode: str = "fast") -> None:
        self._ctl("stop", "-w", "-m", mode)

    def running(self) -> bool:
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def create_database(self, name: str) -> str:
        """A fresh database (dropped first if it exists); returns its DSN."""
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.dsn_for(name)

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.running():
            if time.monotonic() > deadline:
                raise TimeoutError("PostgreSQL did not come back")
            time.sleep(0.1)
