"""Is there a usable secure keyring? For start-up, the settings screen and ``comptoir-cli``."""

from __future__ import annotations

import os
from dataclasses import dataclass

from keyring.backend import KeyringBackend

from backoffice.keyring import backends
from backoffice.keyring.errors import access_error, no_keyring_messages
from backoffice.keyring.store import SERVICE_PREFIX
from backoffice.logs import redact


@dataclass(frozen=True)
class KeyringReport:
    ok: bool
    backend_name: str
    message_fr: str
    message_en: str

    def human(self, lang: str = "fr") -> str:
        return self.message_fr if lang.lower().startswith("fr") else self.message_en


def self_check(backend: KeyringBackend | None = None, probe: bool = False) -> KeyringReport:
    """Is there a usable secure keyring? Never raises.

    ``probe=True`` also writes, reads back and deletes a throw-away entry (may show an unlock
    prompt: call it through ``asyncio.to_thread`` from the GUI).
    """
    try:
        return _check(backend, probe)
    except Exception as exc:  # never raise from a diagnostic
        detail = redact(str(exc)) or type(exc).__name__
        return KeyringReport(
            False,
            backends.NO_KEYRING_NAME,
            f"Vérification du coffre impossible (Détail : {detail})",
            f"Keyring check failed (Detail: {detail})",
        )


def _check(given: KeyringBackend | None, probe: bool) -> KeyringReport:
    backend, detail = backends.select_backend() if given is None else backends.vetted(given)
    if backend is None:
        fr, en = no_keyring_messages(detail)
        return KeyringReport(False, backends.NO_KEYRING_NAME, fr, en)
    name = backends.backend_name(backend)
    failed = _probe(backend, name) if probe else None
    if failed is not None:
        return failed
    return KeyringReport(
        True,
        name,
        f"Coffre sécurisé disponible : {name}. Les identifiants y sont protégés par le "
        "système.",
        f"Secure keyring available: {name}. Credentials are protected by the operating system.",
    )


def _probe(backend: KeyringBackend, name: str) -> KeyringReport | None:
    """Write, read back and delete a throw-away entry: None if all went well."""
    service, value = f"{SERVICE_PREFIX}/self-check", os.urandom(12).hex()
    try:
        backend.set_password(service, "probe", value)
        same = backend.get_password(service, "probe") == value
        backend.delete_password(service, "probe")
    except Exception as exc:
        err = access_error(backend, "de lire ou d'écrire", "read or write", exc)
        return KeyringReport(False, name, err.fr, err.en)
    if same:
        return None
    return KeyringReport(
        False,
        name,
        f"Le coffre « {name} » ne relit pas ce qui y est écrit.",
        f'The keyring "{name}" does not read back what is written to it.',
    )
