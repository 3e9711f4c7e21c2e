"""Keyring backends for tests only, and the one seam that installs them.

Never picked by keyring's automatic detection (they are removed from keyring's registry of
backends below), and never selectable from the environment (``PYTHON_KEYRING_BACKEND`` only
names OS keyrings): a test injects one explicitly (``CredentialStore(backend=...)``) or
installs it for the whole process from code (:func:`use_test_keyring`). Memory does not cross
processes; :class:`SharedVaultKeyring` (a JSON file) does, for CLI subprocess tests launched
through ``python -m harness.keyring_cli VAULT.json ARGS…``.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from backoffice.keyring import backends

_Key = tuple[str, str]


class MemoryKeyring(KeyringBackend):
    """A dict-backed keyring. Instances built without ``store`` share one process-wide vault
    (like a real keyring: every handle sees the same entries); pass ``store={}`` for a private
    one. Passes keyring's conformance suite (``keyring.testing.backend.BackendBasicTests``)."""

    priority = 1  # type: ignore[assignment]  # a plain value: always viable
    name = "Memory keyring (tests only)"  # type: ignore[assignment]

    _shared: ClassVar[dict[_Key, str]] = {}

    def __init__(self, store: dict[_Key, str] | None = None) -> None:
        super().__init__()
        self._store = MemoryKeyring._shared if store is None else store

    @classmethod
    def reset_shared(cls) -> None:
        cls._shared.clear()

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._store[(service, username)]
        except KeyError:
            raise PasswordDeleteError("Password not found") from None


class SharedVaultKeyring(MemoryKeyring):
    """A keyring kept in a JSON file (tests only: CLI subprocesses share it). ``fail_reads``
    makes every read raise, like a locked keyring."""

    def __init__(self, path: os.PathLike[str] | str, *, fail_reads: bool = False) -> None:
        super().__init__(store={})
        self.path = Path(path)
        self.fail_reads = fail_reads

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        if self.fail_reads:
            raise RuntimeError("keyring locked (test)")
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self.path.write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("Password not found")
        self.path.write_text(json.dumps(data), encoding="utf-8")


@contextlib.contextmanager
def use_test_keyring(backend: KeyringBackend | None = None) -> Iterator[KeyringBackend]:
    """Every ``CredentialStore()`` / ``secure_backend()`` of this process uses ``backend``
    (default: the shared in-memory vault) until the block ends. The product never calls it."""
    chosen = MemoryKeyring() if backend is None else backend
    previous, backends._test_backend = backends._test_backend, chosen
    try:
        yield chosen
    finally:
        backends._test_backend = previous


# KeyringBackend's metaclass registers every concrete subclass as a candidate for
# keyring.get_keyring(); with priority 1 this one would beat the `fail` backend on a headless
# machine and silently keep secrets in memory. Take it out of that registry.
KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]
KeyringBackend._classes.discard(SharedVaultKeyring)  # type: ignore[attr-defined]

# The name the product shows for this keyring (settings screen, self-check). The product
# itself knows only the OS keyrings' names.
backends._DISPLAY_NAMES[f"{__name__}.MemoryKeyring"] = (
    "mémoire, tests uniquement / in-memory, tests only"
)
