"""Review pass (attacker at the till): ways around the manager PIN.

Each finding is an ``xfail(strict=True)`` test: it fails today because the promise is broken,
and turns into an unexpected pass (an error) once fixed, so the lead flips it."""

from __future__ import annotations

import threading
import time

import pytest

from backoffice.keyring import CredentialStore
from backoffice.pin import ENTRY_ATTEMPTS, FREE_TRIES, PinGuard
from harness import MemoryKeyring
from tests.support.cli import a_contact
from tests.support.pin_cli import PIN, Till, send_args, set_pin

NO_ENV_CREDS = {"COMPTOIR_APIKEY": "", "COMPTOIR_SITE_ID": "",
                "COMPTOIR_TRANSFER_PASSWORD": ""}


@pytest.fixture
def till(cli, tmp_path) -> Till:
    return Till(cli, tmp_path / "vault.json")


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
    """Every read of the failure counter lingers, so that N concurrent checks (one data
    directory each, one keyring) all read it before any writes it back unless they are
    serialised: the interleaving N concurrent CLI runs get."""

    def __init__(self, store: dict) -> None:
        super().__init__(store=store)
        self.armed = False

    def get_password(self, service: str, username: str) -> str | None:
        value = super().get_password(service, username)
        if self.armed and username == ENTRY_ATTEMPTS:
            time.sleep(0.05)
        return value


def test_concurrent_wrong_pins_are_all_counted(tmp_path):
    """PinGuard.check reads the failure counter, runs scrypt, then writes it back: N
    concurrent CLI runs (each with its own COMPTOIR_DATA_DIR, one keyring entry) must not
    each get a free guess. A per-user lock serialises them."""
    vault: dict = {}
    n = 12
    PinGuard(tmp_path / "a", store=CredentialStore(backend=MemoryKeyring(store=vault))).set(PIN)
    backend = _RacingKeyring(vault)
    backend.armed = True
    results: list[str] = []

    def guess(i: int) -> None:
        g = PinGuard(tmp_path / f"d{i}", store=CredentialStore(backend=backend),
                     lock_path=tmp_path / "pin.lock")
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
