"""Merchant credentials in the operating system's keyring, and nowhere else.

* The backend is chosen explicitly per platform (Windows Credential Locker, macOS Keychain,
  Secret Service on Linux/BSD), probed through its ``priority`` and used directly: no global
  ``keyring.set_keyring``, no ``keyring.get_keyring()`` (which may pick a plaintext or
  ``fail`` backend, see shared/platform-notes.md §5).
* Plaintext / file / ``fail`` / ``null`` / chainer backends are refused even when injected.
  ``PYTHON_KEYRING_BACKEND`` may only name one of the OS keyrings (:data:`ALLOWED_BACKENDS`):
  the test keyring or any other class named there is ignored. Without a secure keyring,
  operations raise :class:`NoSecureKeyring`; there is never a silent plaintext fallback.
  Tests install their keyring from code (``backoffice.testing.use_test_keyring``).
* Keyring calls may block (unlock prompt): async callers use ``aload/asave/aclear``, which run
  in a worker thread.
* Every secret loaded or built here is registered with :mod:`backoffice.logs` for redaction.
* ``COMPTOIR_APIKEY`` / ``COMPTOIR_SITE_ID`` / ``COMPTOIR_TRANSFER_PASSWORD`` may supply
  credentials for one headless run (:func:`credentials_from_env`); they are never written, and
  are removed from the process environment once read.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from backoffice.logs import redact, register_secret

if TYPE_CHECKING:
    from backoffice.api.models import Credentials

__all__ = [
    "ENV_APIKEY",
    "ENV_SITE_ID",
    "ENV_TRANSFER_PASSWORD",
    "NO_KEYRING_NAME",
    "CredentialStore",
    "KeyringAccessError",
    "KeyringProblem",
    "KeyringReport",
    "NoSecureKeyring",
    "StoredCredentials",
    "backend_name",
    "credentials_from_env",
    "insecure_reason",
    "resolve_credentials",
    "secure_backend",
    "self_check",
]

log = logging.getLogger(__name__)

SERVICE_PREFIX = "Comptoir"
ENTRY_APIKEY = "apikey"
ENTRY_SITE_ID = "site_id"
ENTRY_TRANSFER_PASSWORD = "transfer_password"
ENTRIES = (ENTRY_APIKEY, ENTRY_SITE_ID, ENTRY_TRANSFER_PASSWORD)

ENV_APIKEY = "COMPTOIR_APIKEY"
ENV_SITE_ID = "COMPTOIR_SITE_ID"
ENV_TRANSFER_PASSWORD = "COMPTOIR_TRANSFER_PASSWORD"
ENV_BACKEND = "PYTHON_KEYRING_BACKEND"  # keyring's own variable (tests, operators)

NO_KEYRING_NAME = "aucun coffre sécurisé / no secure keyring"

_WINDOWS = "keyring.backends.Windows.WinVaultKeyring"
_MACOS = "keyring.backends.macOS.Keyring"
_SECRET_SERVICE = "keyring.backends.SecretService.Keyring"
_MEMORY = "backoffice.testing.memory_keyring.MemoryKeyring"

_DISPLAY_NAMES = {
    _SECRET_SERVICE: "Secret Service (GNOME Keyring / KWallet / KeePassXC)",
    _WINDOWS: "Windows Credential Locker",
    _MACOS: "macOS Keychain",
    "keyring.backends.libsecret.Keyring": "libsecret (GNOME Keyring / KWallet / KeePassXC)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    _MEMORY: "mémoire, tests uniquement / in-memory, tests only",
}

# Backends that keep secrets in a file, in clear, nowhere, or pick among such (chainer).
_REFUSED_MODULES = (
    "keyrings.alt",
    "keyrings.cryptfile",
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyring.backends.chainer",
)
_REFUSED_CLASS_RE = re.compile(r"plaintext|cryptfile|filebacked|^file|^encrypted|chainer", re.I)


# --------------------------------------------------------------------------- credentials


@dataclass(frozen=True)
class StoredCredentials:
    """The merchant's credentials. ``repr``/``str`` never show the API key or the password."""

    apikey: str
    site_id: str
    transfer_password: str = ""

    def __post_init__(self) -> None:
        register_secret(self.apikey)
        register_secret(self.transfer_password)

    def __repr__(self) -> str:
        return f"StoredCredentials(site_id={self.site_id!r}, apikey=***, transfer_password=***)"

    __str__ = __repr__

    def to_api(self) -> Credentials:
        from backoffice.api.models import Credentials  # lazy: keep this module light

        return Credentials(
            apikey=self.apikey, site_id=self.site_id, transfer_password=self.transfer_password
        )


ENV_CREDENTIALS = (ENV_APIKEY, ENV_SITE_ID, ENV_TRANSFER_PASSWORD)


def credentials_from_env(environ: Mapping[str, str] = os.environ) -> StoredCredentials | None:
    """Credentials for one headless run from ``COMPTOIR_APIKEY`` + ``COMPTOIR_SITE_ID``
    (+ optional ``COMPTOIR_TRANSFER_PASSWORD``), or None when the first two are not both set.

    Read from the process environment, the variables are then removed from it: a browser or
    file manager Comptoir opens must not inherit them (callers keep what they got)."""
    creds = _read_env(environ)
    if environ is os.environ:
        for name in ENV_CREDENTIALS:
            os.environ.pop(name, None)
    return creds


def _read_env(environ: Mapping[str, str]) -> StoredCredentials | None:
    apikey = environ.get(ENV_APIKEY, "").strip()
    site_id = environ.get(ENV_SITE_ID, "").strip()
    password = environ.get(ENV_TRANSFER_PASSWORD, "")
    if not (apikey and site_id):
        present = [n for n, v in ((ENV_APIKEY, apikey), (ENV_SITE_ID, site_id)) if v]
        if present or password:
            log.warning(
                "%s and %s must both be set: credentials from the environment ignored",
                ENV_APIKEY,
                ENV_SITE_ID,
            )
        register_secret(apikey)
        register_secret(password)
        return None
    return StoredCredentials(apikey, site_id, password)


# --------------------------------------------------------------------------- errors


class KeyringProblem(Exception):
    """A keyring problem with a message in French and in English."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en

    def human(self, lang: str = "fr") -> str:
        return self.fr if lang.lower().startswith("fr") else self.en


class NoSecureKeyring(KeyringProblem):
    """No usable secure keyring: credentials cannot be read or stored."""


class KeyringAccessError(KeyringProblem):
    """A secure keyring exists but the operation failed (locked, prompt dismissed, D-Bus…)."""


# --------------------------------------------------------------------------- backends


def _class_path(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def backend_name(backend: KeyringBackend | None) -> str:
    """A display name for ``backend`` (None: no secure keyring)."""
    if backend is None:
        return NO_KEYRING_NAME
    cls = type(backend)
    return _DISPLAY_NAMES.get(_class_path(cls), str(getattr(backend, "name", cls.__name__)))


def insecure_reason(backend: KeyringBackend | type) -> str | None:
    """Why ``backend`` (instance or class) is refused, or None if acceptable. Checks the whole
    MRO, so a subclass of a plaintext backend is refused too."""
    cls = backend if isinstance(backend, type) else type(backend)
    for klass in cls.__mro__:
        module = klass.__module__
        if module.startswith(_REFUSED_MODULES) or _REFUSED_CLASS_RE.search(klass.__name__):
            return f"{_class_path(cls)} stores secrets in a file, in clear or nowhere"
    return None


def _platform_backend_path() -> str:
    if sys.platform == "win32":
        return _WINDOWS
    if sys.platform == "darwin":
        return _MACOS
    return _SECRET_SERVICE  # Linux, BSD: GNOME Keyring, KWallet ≥ 5.97, KeePassXC


def _load_backend(path: str) -> tuple[KeyringBackend | None, str]:
    """Import, vet and probe the backend class at ``path``; (instance, "") or (None, why)."""
    try:
        module_name, _, class_name = path.rpartition(".")
        cls = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(cls, type) and issubclass(cls, KeyringBackend)):
            return None, f"{path} is not a keyring backend"
    except Exception as exc:
        return None, f"cannot import {path}: {exc}"
    reason = insecure_reason(cls)
    if reason:
        return None, reason
    try:
        cls.priority  # noqa: B018  # raises (RuntimeError) where the backend is unusable
        return cls(), ""
    except Exception as exc:
        return None, redact(str(exc)) or type(exc).__name__


# What PYTHON_KEYRING_BACKEND may name: the OS keyrings, nothing else (not the test keyring,
# not a class of unknown origin).
ALLOWED_BACKENDS = frozenset({
    _WINDOWS, _MACOS, _SECRET_SERVICE,
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
})

# Tests only: a backend installed from code (backoffice.testing.use_test_keyring), never from
# the environment or a setting.
_test_backend: KeyringBackend | None = None


def _select(environ: Mapping[str, str] | None = None) -> tuple[KeyringBackend | None, str]:
    if _test_backend is not None:
        return _test_backend, ""
    env = os.environ if environ is None else environ
    named = env.get(ENV_BACKEND, "").strip()
    if named:
        if named in ALLOWED_BACKENDS:
            backend, why = _load_backend(named)
            if backend is not None:
                return backend, ""
        else:
            why = "not one of the operating system keyrings Comptoir accepts"
        # e.g. PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring set for pip/poetry:
        # ignore it and use the platform's secure keyring (never a plaintext one).
        log.warning("%s=%s ignored: %s", ENV_BACKEND, named, why)
    return _load_backend(_platform_backend_path())


def secure_backend() -> KeyringBackend | None:
    """The platform's secure keyring backend if usable (or an acceptable backend named in
    ``PYTHON_KEYRING_BACKEND``), else None."""
    return _select()[0]


# --------------------------------------------------------------------------- messages


def _no_keyring_messages(detail: str) -> tuple[str, str]:
    if sys.platform == "win32":
        fr = (
            "Le Gestionnaire d'identification Windows (Credential Locker) n'est pas "
            "accessible : les identifiants ne peuvent pas être enregistrés. Vérifiez que vous "
            "êtes connecté avec une session Windows normale, puis relancez Comptoir."
        )
        en = (
            "The Windows Credential Locker is not available: credentials cannot be stored. "
            "Make sure you are logged in with a regular Windows session, then restart Comptoir."
        )
    elif sys.platform == "darwin":
        fr = (
            "Le trousseau macOS n'est pas accessible : les identifiants ne peuvent pas être "
            "enregistrés. Ouvrez « Trousseau d'accès », déverrouillez le trousseau de session, "
            "puis relancez Comptoir."
        )
        en = (
            "The macOS Keychain is not available: credentials cannot be stored. Open Keychain "
            "Access, unlock the login keychain, then restart Comptoir."
        )
    else:
        fr = (
            "Aucun coffre sécurisé (Secret Service) n'est disponible : les identifiants ne "
            "peuvent pas être enregistrés. Installez gnome-keyring (sudo apt install "
            "gnome-keyring) ou activez le Secret Service de KWallet ou de KeePassXC, puis "
            "rouvrez votre session."
        )
        en = (
            "No secure keyring (Secret Service) is available: credentials cannot be stored. "
            "Install gnome-keyring (sudo apt install gnome-keyring) or enable the Secret "
            "Service integration of KWallet or KeePassXC, then log in again."
        )
    fr += (
        " Comptoir n'enregistre jamais les identifiants dans un fichier. Pour une exécution "
        f"sans écran, {ENV_APIKEY}, {ENV_SITE_ID} et {ENV_TRANSFER_PASSWORD} peuvent les "
        "fournir le temps d'une exécution."
    )
    en += (
        " Comptoir never stores credentials in a file. For a headless run, "
        f"{ENV_APIKEY}, {ENV_SITE_ID} and {ENV_TRANSFER_PASSWORD} may supply them for that "
        "run only."
    )
    if detail:
        fr += f" (Détail : {detail})"
        en += f" (Detail: {detail})"
    return fr, en


def _access_error(
    backend: KeyringBackend, action_fr: str, action_en: str, exc: BaseException
) -> KeyringAccessError:
    name = backend_name(backend)
    detail = redact(str(exc)) or type(exc).__name__
    return KeyringAccessError(
        f"Impossible {action_fr} les identifiants dans le coffre « {name} » : il est "
        f"peut-être verrouillé ou l'accès a été refusé. Déverrouillez-le puis réessayez. "
        f"(Détail : {detail})",
        f'Could not {action_en} the credentials in the keyring "{name}": it may be locked '
        f"or access was denied. Unlock it and try again. (Detail: {detail})",
    )


# --------------------------------------------------------------------------- store

_PROFILE_RE = re.compile(r"^\w[\w .@-]{0,63}$")


class CredentialStore:
    """The credentials of one profile, as three keyring entries of service
    ``Comptoir/<profile>``: ``apikey``, ``site_id``, ``transfer_password``.

    ``backend``: inject a backend (tests); by default the platform's secure backend. Without
    a secure backend, construction succeeds (``available`` is False, ``backend_name`` says so)
    and every operation raises :class:`NoSecureKeyring`.
    """

    def __init__(self, profile: str = "default", backend: KeyringBackend | None = None) -> None:
        if not _PROFILE_RE.match(profile):
            raise ValueError(f"invalid profile name: {profile!r}")
        self.profile = profile
        self.service = f"{SERVICE_PREFIX}/{profile}"
        if backend is None:
            self._backend, self._detail = _select()
        else:
            reason = insecure_reason(backend)
            self._backend, self._detail = (None, reason) if reason else (backend, "")

    def __repr__(self) -> str:
        return f"CredentialStore(profile={self.profile!r}, backend={self.backend_name!r})"

    @property
    def available(self) -> bool:
        return self._backend is not None

    @property
    def backend(self) -> KeyringBackend | None:
        return self._backend

    @property
    def backend_name(self) -> str:
        return backend_name(self._backend)

    def _require(self) -> KeyringBackend:
        if self._backend is None:
            raise NoSecureKeyring(*_no_keyring_messages(self._detail))
        return self._backend

    def load(self) -> StoredCredentials | None:
        """The saved credentials, or None if there are none (API key or site id missing)."""
        backend = self._require()
        try:
            values = {e: backend.get_password(self.service, e) for e in ENTRIES}
        except Exception as exc:
            raise _access_error(backend, "de lire", "read", exc) from exc
        apikey, site_id = values[ENTRY_APIKEY], values[ENTRY_SITE_ID]
        if not (apikey and site_id):
            register_secret(apikey)
            register_secret(values[ENTRY_TRANSFER_PASSWORD])
            return None
        return StoredCredentials(apikey, site_id, values[ENTRY_TRANSFER_PASSWORD] or "")

    def save(self, creds: StoredCredentials) -> None:
        """Store ``creds`` (an empty transfer password removes that entry)."""
        if not (creds.apikey.strip() and creds.site_id.strip()):
            raise ValueError("the API key and the site id are required")
        backend = self._require()
        try:
            backend.set_password(self.service, ENTRY_SITE_ID, creds.site_id)
            if creds.transfer_password:
                backend.set_password(self.service, ENTRY_TRANSFER_PASSWORD, creds.transfer_password)
            else:
                self._delete(backend, ENTRY_TRANSFER_PASSWORD)
            backend.set_password(self.service, ENTRY_APIKEY, creds.apikey)
        except Exception as exc:
            raise _access_error(backend, "d'enregistrer", "save", exc) from exc

    def clear(self) -> None:
        """Remove the credentials (nothing to remove is fine)."""
        backend = self._require()
        try:
            for entry in ENTRIES:
                self._delete(backend, entry)
        except Exception as exc:
            raise _access_error(backend, "d'effacer", "clear", exc) from exc

    def _delete(self, backend: KeyringBackend, entry: str) -> None:
        with contextlib.suppress(PasswordDeleteError):  # not there: fine
            backend.delete_password(self.service, entry)

    # Keyring calls may block on an unlock prompt: never on the GUI / event-loop thread.
    async def aload(self) -> StoredCredentials | None:
        return await asyncio.to_thread(self.load)

    async def asave(self, creds: StoredCredentials) -> None:
        await asyncio.to_thread(self.save, creds)

    async def aclear(self) -> None:
        await asyncio.to_thread(self.clear)


def resolve_credentials(
    store: CredentialStore | None, environ: Mapping[str, str] = os.environ
) -> StoredCredentials | None:
    """Credentials for this run: the environment first (headless), then the keyring."""
    creds = credentials_from_env(environ)
    if creds is not None or store is None:
        return creds
    return store.load()


# --------------------------------------------------------------------------- self-check


@dataclass(frozen=True)
class KeyringReport:
    ok: bool
    backend_name: str
    message_fr: str
    message_en: str

    def human(self, lang: str = "fr") -> str:
        return self.message_fr if lang.lower().startswith("fr") else self.message_en


def self_check(backend: KeyringBackend | None = None, probe: bool = False) -> KeyringReport:
    """Is there a usable secure keyring? For start-up and the settings screen; never raises.

    ``probe=True`` also writes, reads back and deletes a throw-away entry (may show an unlock
    prompt: call it through ``asyncio.to_thread`` from the GUI).
    """
    try:
        if backend is None:
            backend, detail = _select()
        else:
            detail = insecure_reason(backend) or ""
            if detail:
                backend = None
        if backend is None:
            fr, en = _no_keyring_messages(detail)
            return KeyringReport(False, NO_KEYRING_NAME, fr, en)
        name = backend_name(backend)
        if probe:
            service, value = f"{SERVICE_PREFIX}/self-check", os.urandom(12).hex()
            try:
                backend.set_password(service, "probe", value)
                same = backend.get_password(service, "probe") == value
                backend.delete_password(service, "probe")
            except Exception as exc:
                err = _access_error(backend, "de lire ou d'écrire", "read or write", exc)
                return KeyringReport(False, name, err.fr, err.en)
            if not same:
                return KeyringReport(
                    False,
                    name,
                    f"Le coffre « {name} » ne relit pas ce qui y est écrit.",
                    f'The keyring "{name}" does not read back what is written to it.',
                )
        return KeyringReport(
            True,
            name,
            f"Coffre sécurisé disponible : {name}. Les identifiants y sont protégés par le "
            "système.",
            f"Secure keyring available: {name}. Credentials are protected by the operating system.",
        )
    except Exception as exc:  # never raise from a diagnostic
        detail = redact(str(exc)) or type(exc).__name__
        return KeyringReport(
            False,
            NO_KEYRING_NAME,
            f"Vérification du coffre impossible (Détail : {detail})",
            f"Keyring check failed (Detail: {detail})",
        )
