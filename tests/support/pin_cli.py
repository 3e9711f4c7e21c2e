"""comptoir-cli with a shared test keyring: the PIN and guard helpers of the CLI tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.cli import Cli

KEYRING_CLI = [sys.executable, "-m", "harness.keyring_cli"]
PIN = "2468"


class Till:
    """comptoir-cli with a shared test keyring (``vault``)."""

    def __init__(self, cli: Cli, vault: Path) -> None:
        self.cli, self.vault = cli, vault

    def run(self, *args: str, input: str | None = None, locked: bool = False,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        extra = ["--locked"] if locked else []
        return subprocess.run([*KEYRING_CLI, str(self.vault), *extra, *args],
                              capture_output=True, text=True, timeout=60,
                              input=input if input is not None else "",
                              env={**self.cli.env, **(env or {})})

    def json(self, *args: str, code: int = 0, **kw: Any) -> Any:
        done = self.run("--json", *args, **kw)
        assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
        return json.loads(done.stdout)

    def transfers(self) -> list[tuple[Any, ...]]:
        return self.cli.journal("SELECT client_transaction_id, amount FROM transfers")


def send_args(contact: dict[str, Any], amount: str = "5000") -> tuple[str, ...]:
    return ("transfer", "send", "--prefix", "225", "--phone", contact["phone"],
            "--amount", amount)


def set_pin(till: Till) -> None:
    done = till.run("pin", "set", "--pin-stdin", input=f"{PIN}\n{PIN}\n")
    assert done.returncode == 0, done.stderr
