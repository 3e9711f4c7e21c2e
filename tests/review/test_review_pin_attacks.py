"""Review pass (attacker at the till): ways around the manager PIN.

Each finding is an ``xfail(strict=True)`` test: it fails today because the promise is broken,
and turns into an unexpected pass (an error) once fixed, so the lead flips it."""

from __future__ import annotations

import threading

import pytest

from backoffice.keyring import CredentialStore
from backoffice.pin import ENTRY_ATTEMPTS, FREE_TRIES, PinGuard
from harness import MemoryKeyring
from tests.cli.test_pin_and_guards import PIN, Till, send_args, set_pin
from tests.support.cli import a_contact

pytest_plugins = ["tests.cli.conftest"]

NO_ENV_CREDS = {"COMPTOIR_APIKEY": "", "COMPTOIR_SITE_ID": "",
                "COMPTOIR_TRANSFER_PASSWORD": ""}


@pytest.fixture
def till(cli, tmp_path) -> Till:
    return Till(cli, tmp_path / "vault.json")


@pytest.mark.xfail(strict=True, reason=(
    "cli/pin.py cmd_reset proves the manager with resolve_credentials(), which takes "
    "COMPTOIR_APIKEY from the environment first: anyone at the till can reset the PIN by "
    "typing a key they made up themselves, then send with the keyring's real credentials"))
def test_pin_reset_cannot_be_proven_with_a_made_up_key_from_the_environment(till: Till, sim):
    # The shop as installed: the real credentials and the PIN live in the keyring.
    saved = till.run("credentials", "set")
    assert saved.returncode == 0, saved.stderr
    set_pin(till)
    contact = a_contact(sim)
    before = len(sim.transfers())
    guarded = till.run(*send_args(contact), env=NO_ENV_CREDS)
    assert guarded.returncode == 3  # the PIN guards the keyring's credentials

    # Staff at the till: a made-up "API key" in the environment, and the same text typed.
    forged = {"COMPTOIR_APIKEY": "made-up-key", "COMPTOIR_SITE_ID": "1",
              "COMPTOIR_TRANSFER_PASSWORD": ""}
    reset = till.run("pin", "reset", "--pin-stdin", input="made-up-key\n", env=forged)
    sent = till.run("--json", *send_args(contact), env=NO_ENV_CREDS)
    assert reset.returncode != 0, "PIN reset with a key the attacker chose"
    assert sent.returncode == 3 and len(sim.transfers()) == before


class _RacingKeyring(MemoryKeyring):
    """Every reader of the failure counter waits until ``n`` readers have read it: the
    interleaving that N concurrent processes (one data directory each, one keyring) get."""

    def __init__(self, store: dict, n: int) -> None:
        super().__init__(store=store)
        self.barrier = threading.Barrier(n, timeout=30)
        self.armed = False

    def get_password(self, service: str, username: str) -> str | None:
        value = super().get_password(service, username)
        if self.armed and username == ENTRY_ATTEMPTS:
            self.barrier.wait()
        return value


@pytest.mark.xfail(strict=True, reason=(
    "pin.py PinGuard.check reads the failure counter, runs scrypt, then writes it back, with "
    "no lock across processes: N concurrent CLI runs (each with its own COMPTOIR_DATA_DIR, "
    "so the data-dir lock does not serialise them; the keyring entry is shared) each get a "
    "free guess, so the 5-tries lockout allows N guesses per window"))
def test_concurrent_wrong_pins_are_all_counted(tmp_path):
    vault: dict = {}
    n = 12
    PinGuard(tmp_path / "a", store=CredentialStore(backend=MemoryKeyring(store=vault))).set(PIN)
    backend = _RacingKeyring(vault, n)
    backend.armed = True
    results: list[str] = []

    def guess(i: int) -> None:
        g = PinGuard(tmp_path / f"d{i}", store=CredentialStore(backend=backend))
        results.append(g.check(f"{1000 + i:04d}").reason)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == n
    looked_at = [r for r in results if r in ("wrong", "locked")]
    assert len(looked_at) == n
    # At most FREE_TRIES guesses may be compared with the verifier before the lockout.
    assert results.count("wrong") <= FREE_TRIES - 1, results
