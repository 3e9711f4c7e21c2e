"""The manager PIN service: verifier and lockout in the keyring, fail closed, legacy migration."""

from __future__ import annotations

import hashlib
import json

import pytest

from backoffice import pin as pin_module
from backoffice import preferences
from backoffice.keyring import CredentialStore
from backoffice.pin import (
    ENTRY_ATTEMPTS,
    ENTRY_VERIFIER,
    FREE_TRIES,
    PinError,
    PinGuard,
    PinState,
    lockout_delay,
)
from harness import MemoryKeyring


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


class BrokenKeyring(MemoryKeyring):
    """Reads fail, like a locked keyring or a dead D-Bus."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("locked")


@pytest.fixture
def vault() -> dict:
    return {}


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make(tmp_path, vault, clock, backend=None) -> PinGuard:
    store = CredentialStore(backend=backend or MemoryKeyring(store=vault))
    return PinGuard(tmp_path, store=store, clock=clock)


def test_verifier_lives_in_the_keyring_scrypt_salted(tmp_path, vault, clock):
    g = make(tmp_path, vault, clock)
    assert g.state() is PinState.NONE and g.check("").ok
    g.set("4821")
    verifier = vault[("Comptoir/default", ENTRY_VERIFIER)]
    assert verifier.startswith("scrypt$") and "4821" not in verifier
    assert g.state() is PinState.SET
    assert g.check("4821").ok and not g.check("1111").ok
    g.set("5555", current="4821")
    assert vault[("Comptoir/default", ENTRY_VERIFIER)] != verifier  # a new salt
    with pytest.raises(PinError) as wrong:
        g.set("7777", current="4821")
    assert wrong.value.reason == "wrong"
    with pytest.raises(PinError):
        g.set("12")  # too short
    for path in tmp_path.rglob("*"):
        assert b"5555" not in path.read_bytes()
    g.clear("5555")
    assert g.state() is PinState.NONE and not g.marker.exists()


def test_editing_or_damaging_settings_json_does_not_remove_the_pin(tmp_path, vault, clock):
    g = make(tmp_path, vault, clock)
    g.set("2468")
    settings = tmp_path / preferences.FILE_NAME
    settings.write_text("{damaged", encoding="utf-8")
    assert make(tmp_path, vault, clock).state() is PinState.SET
    settings.unlink()
    g.marker.unlink()  # even the marker: the keyring is the truth
    fresh = make(tmp_path, vault, clock)
    assert fresh.state() is PinState.SET and not fresh.check("0000").ok
    assert fresh.marker.exists()  # written back


def test_fail_closed_when_the_verifier_cannot_be_read(tmp_path, vault, clock):
    g = make(tmp_path, vault, clock)
    g.set("2468")
    locked = make(tmp_path, vault, clock, backend=BrokenKeyring(store=vault))
    assert locked.state() is PinState.UNREADABLE
    result = locked.check("2468")
    assert not result.ok and result.reason == "unreadable"
    with pytest.raises(PinError) as err:
        locked.require("2468")
    assert "réinitialise" in err.value.fr
    # A keyring error locks even when the marker was deleted too.
    g.marker.unlink()
    assert locked.state() is PinState.UNREADABLE
    # The verifier erased from the keyring while the marker says a PIN exists: locked.
    g.marker.touch()
    vault.clear()
    assert make(tmp_path, vault, clock).state() is PinState.UNREADABLE
    # The manager resets it: free again, then a new PIN.
    make(tmp_path, vault, clock).reset()
    assert make(tmp_path, vault, clock).state() is PinState.NONE


def test_no_keyring_and_no_marker_means_no_pin(tmp_path, clock, monkeypatch):
    monkeypatch.setattr("backoffice.keyring.backends._platform_backend_path",
                        lambda: "keyring.backends.fail.Keyring")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    g = PinGuard(tmp_path, clock=clock)
    assert g.state() is PinState.NONE
    g.require(None)  # money may leave
    g.marker.touch()  # a PIN was set with a keyring that is gone: locked
    assert g.state() is PinState.UNREADABLE


def test_legacy_settings_pin_hash_moves_into_the_keyring_once(tmp_path, vault, clock):
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", b"1357", salt, 200_000)
    settings = tmp_path / preferences.FILE_NAME
    settings.write_text(json.dumps({"lang": "fr", "pin_hash": f"{salt.hex()}${digest.hex()}"}))
    prefs = preferences.load(tmp_path, {})
    preferences.save(tmp_path, prefs)  # an old PIN is kept until it is moved
    assert "pin_hash" in json.loads(settings.read_text())
    g = make(tmp_path, vault, clock)
    assert g.state() is PinState.SET
    assert "pin_hash" not in json.loads(settings.read_text())
    assert json.loads(settings.read_text())["lang"] == "fr"
    assert vault[("Comptoir/default", ENTRY_VERIFIER)].startswith("pbkdf2$")
    assert g.check("1357").ok
    assert vault[("Comptoir/default", ENTRY_VERIFIER)].startswith("scrypt$")  # upgraded
    assert make(tmp_path, vault, clock).check("1357").ok


def test_legacy_pin_without_a_keyring_fails_closed(tmp_path, clock, monkeypatch):
    monkeypatch.setattr("backoffice.keyring.backends._platform_backend_path",
                        lambda: "keyring.backends.fail.Keyring")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    (tmp_path / preferences.FILE_NAME).write_text(json.dumps({"pin_hash": "00$11"}))
    g = PinGuard(tmp_path, clock=clock)
    assert g.state() is PinState.UNREADABLE
    assert PinGuard(tmp_path, clock=clock).state() is PinState.UNREADABLE  # stays locked


def test_lockout_grows_and_survives_a_restart(tmp_path, vault, clock):
    g = make(tmp_path, vault, clock)
    g.set("2468")
    for n in range(1, FREE_TRIES):
        result = g.check("0000")
        assert result.reason == "wrong" and result.tries_left == FREE_TRIES - n
    fifth = g.check("0000")
    assert fifth.reason == "locked" and fifth.wait == lockout_delay(FREE_TRIES) > 0
    # A restart (a new guard, e.g. the CLI after the GUI) sees the same lockout; the right
    # PIN is refused without being looked at, and that try is not counted.
    again = make(tmp_path, vault, clock)
    assert again.lockout() == fifth.wait
    assert again.check("2468").reason == "locked"
    clock.now += fifth.wait
    sixth = again.check("1111")
    assert sixth.reason == "locked" and sixth.wait == lockout_delay(FREE_TRIES + 1) > fifth.wait
    clock.now += sixth.wait
    assert again.check("2468").ok
    assert ("Comptoir/default", ENTRY_ATTEMPTS) not in vault  # counter reset
    assert again.check("1111").reason == "wrong"


def test_clock_set_back_does_not_lock_longer_than_the_delay(tmp_path, vault, clock):
    g = make(tmp_path, vault, clock)
    g.set("2468")
    for _ in range(FREE_TRIES):
        g.check("0000")
    clock.now -= 10 * 86400  # the clock jumps back ten days
    assert 0 < g.lockout() <= lockout_delay(FREE_TRIES)


def test_unwritable_counter_fails_closed(tmp_path, vault, clock):
    class NoWrites(MemoryKeyring):
        def set_password(self, service, username, password):
            raise RuntimeError("read-only keyring")

    make(tmp_path, vault, clock).set("2468")
    g = make(tmp_path, vault, clock, backend=NoWrites(store=vault))
    assert g.check("0000").reason == "unreadable"


def test_training_guard_lives_in_memory(tmp_path):
    g = PinGuard.training(tmp_path)
    g.set("2468")
    assert g.check("2468").ok
    assert not g.marker.exists()  # nothing on disk: the next launch starts without a PIN
    assert PinGuard.training(tmp_path).state() is PinState.NONE
    assert pin_module.matches(pin_module.make_verifier("99999"), "99999")
