"""comptoir-cli end to end: run it as a subprocess, with an environment of our own, and read
its journal as another process would."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backoffice.simulator import Simulator
from harness import with_root_on_path
from harness.reconcile import closed_port_url

CLI = [sys.executable, "-m", "backoffice.cli"]
JOURNAL = "journal.sqlite3"


def base_env(pycache: Path | None = None) -> dict[str, str]:
    """The test process's environment without any COMPTOIR_* or keyring setting, with the
    repository root on PYTHONPATH (``python -m harness.keyring_cli``). With ``pycache``,
    subprocesses share compiled bytecode there (a CLI start is ~25 % faster when the
    environment says PYTHONDONTWRITEBYTECODE) without writing into the source tree."""
    drop = {"PYTHON_KEYRING_BACKEND", "PYTHONDONTWRITEBYTECODE"} if pycache else \
        {"PYTHON_KEYRING_BACKEND"}
    env = {k: v for k, v in with_root_on_path(os.environ).items()
           if not k.startswith("COMPTOIR_") and k not in drop}
    env["LANG"] = "C.UTF-8"
    env["PYTHONIOENCODING"] = "utf-8"
    if pycache:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def endpoint_env(url: str) -> dict[str, str]:
    """Real mode on a loopback URL (the simulator, a closed port): allowed in the source tree
    with COMPTOIR_ALLOW_LOOPBACK=1 only (config.real_mode_only)."""
    return {"COMPTOIR_ALLOW_LOOPBACK": "1", "COMPTOIR_CHECKOUT_URL": url,
            "COMPTOIR_LEGACY_URL": url, "COMPTOIR_TRANSFER_URL": url}


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.03)
    raise AssertionError(f"timed out waiting for {what or predicate}")


@dataclass
class Cli:
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str, env: dict[str, str] | None = None, input: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout,
                              env={**self.env, **(env or {})}, input=input)

    def ok(self, *args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
        done = self.run(*args, **kw)
        assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
        return done

    def json(self, *args: str, code: int = 0, **kw: Any) -> Any:
        done = self.run("--json", *args, **kw)
        assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
        return json.loads(done.stdout)

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env={**self.env, **(env or {})})

    def offline(self) -> None:
        self.env.update(endpoint_env(closed_port_url()))

    def online(self, sim: Simulator) -> None:
        self.env.update(endpoint_env(sim.base_url))

    def journal(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read the journal as another process would, read-only (empty if not there yet)."""
        path = self.data_dir / JOURNAL
        if not path.exists():
            return []
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
            try:
                return conn.execute(sql, params).fetchall()
            finally:
                conn.close()
        except sqlite3.OperationalError:  # created but not migrated yet
            return []


def a_contact(sim: Simulator) -> dict[str, Any]:
    """One of the demo shop's contacts whose transfers succeed (not ending in 99)."""
    return next(c for c in sim.contacts() if not c["phone"].endswith("99"))


def transfers_with(sim: Simulator, client_transaction_id: str) -> list[dict[str, Any]]:
    return [t for t in sim.transfers() if t["client_transaction_id"] == client_transaction_id]


def payments_with(sim: Simulator, transaction_id: str) -> list[dict[str, Any]]:
    return [p for p in sim.payments() if p["transaction_id"] == transaction_id]


def kill(proc: subprocess.Popen[str]) -> None:
    """Kill at once, nothing run on the way out: SIGKILL on POSIX, TerminateProcess on
    Windows (exit code 1)."""
    proc.kill()
    proc.wait(timeout=10)
    assert proc.returncode == (-signal.SIGKILL if hasattr(signal, "SIGKILL") else 1)


def in_state(cli: Cli, table: str, key: str, state: str) -> str | None:
    rows = cli.journal(f"SELECT {key} FROM {table} WHERE state = ?", (state,))
    return rows[0][0] if rows else None


def logged(sim: Simulator, endpoint: str, **match: object) -> bool:
    return any(e["endpoint"] == endpoint and all(e.get(k) == v for k, v in match.items())
               for e in sim.request_log())
