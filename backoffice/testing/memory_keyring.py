"""In-memory keyring backend, for tests only.

Never picked by keyring's automatic detection (it is removed from keyring's registry of
backends below): it is used only when injected explicitly (``CredentialStore(backend=...)``)
or named in ``PYTHON_KEYRING_BACKEND``. Memory does not cross processes.
"""

from __future__ import annotations

from typing import ClassVar

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

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


# KeyringBackend's metaclass registers every concrete subclass as a candidate for
# keyring.get_keyring(); with priority 1 this one would beat the `fail` backend on a headless
# machine and silently keep secrets in memory. Take it out of that registry.
KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]
