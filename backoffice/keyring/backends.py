"""Which keyring backend holds the credentials: chosen per platform, vetted, never plaintext.

* The backend is chosen explicitly per platform (Windows Credential Locker, macOS Keychain,
  Secret Service on Linux/BSD), probed through its ``priority`` and used directly: no global
  ``keyring.set_keyring``, no ``keyring.get_keyring()`` (which may pick a plaintext or
  ``fail`` backend, see shared/platform-notes.md §5).
* Plaintext / file / ``fail`` / ``null`` / chainer backends are refused even when injected.
  ``PYTHON_KEYRING_BACKEND`` may only name one of the OS keyrings (:data:`ALLOWED_BACKENDS`):
  any other class named there is ignored; there is never a silent plaintext fallback.
* Tests install their keyring from code, through :data:`_test_backend` (never from the
  environment or a setting).
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import sys
from collections.abc import Mapping

from keyring.backend import KeyringBackend

from backoffice.logs import redact
from backoffice.platform import is_macos, is_windows

log = logging.getLogger(__name__)

ENV_BACKEND = "PYTHON_KEYRING_BACKEND"  # keyring's own variable (tests, operators)

NO_KEYRING_NAME = "aucun coffre sécurisé / no secure keyring"

_WINDOWS = "keyring.backends.Windows.WinVaultKeyring"
_MACOS = "keyring.backends.macOS.Keyring"
_SECRET_SERVICE = "keyring.backends.SecretService.Keyring"

_DISPLAY_NAMES = {
    _SECRET_SERVICE: "Secret Service (GNOME Keyring / KWallet / KeePassXC)",
    _WINDOWS: "Windows Credential Locker",
    _MACOS: "macOS Keychain",
    "keyring.backends.libsecret.Keyring": "libsecret (GNOME Keyring / KWallet / KeePassXC)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
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

# What PYTHON_KEYRING_BACKEND may name: this platform's OS keyrings, nothing else (not the
# test keyring, not a class of unknown origin, not another platform's keyring).
_PLATFORM_BACKENDS = {
    "win32": frozenset({_WINDOWS}),  # Windows Credential Locker (pywin32-ctypes)
    "darwin": frozenset({_MACOS}),  # the login Keychain
    "posix": frozenset({  # Linux, BSD
        _SECRET_SERVICE,
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }),
}
ALLOWED_BACKENDS = frozenset().union(*_PLATFORM_BACKENDS.values())  # on any platform

# The test seam: a backend installed from code by the tests' harness (use_test_keyring),
# never from the environment or a setting. The product never sets it.
_test_backend: KeyringBackend | None = None


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


def backend_for(platform: str) -> str:
    """The class path of ``platform``'s secure keyring (``sys.platform`` values)."""
    if is_windows(platform):
        return _WINDOWS
    if is_macos(platform):
        return _MACOS
    return _SECRET_SERVICE  # Linux, BSD: GNOME Keyring, KWallet ≥ 5.97, KeePassXC


def allowed_backends(platform: str) -> frozenset[str]:
    """What ``PYTHON_KEYRING_BACKEND`` may name on ``platform``."""
    if is_windows(platform) or is_macos(platform):
        return _PLATFORM_BACKENDS[platform]
    return _PLATFORM_BACKENDS["posix"]


def _platform_backend_path() -> str:
    return backend_for(sys.platform)


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


def select_backend(
    environ: Mapping[str, str] | None = None, platform: str | None = None,
) -> tuple[KeyringBackend | None, str]:
    """The backend to use and, without one, why: (backend, "") or (None, detail).
    ``platform`` (a ``sys.platform`` value) is this machine's unless a test names another."""
    if _test_backend is not None:
        return _test_backend, ""
    env = os.environ if environ is None else environ
    named = env.get(ENV_BACKEND, "").strip()
    if named:
        if named in allowed_backends(sys.platform if platform is None else platform):
            backend, why = _load_backend(named)
            if backend is not None:
                return backend, ""
        else:
            why = "not one of the operating system keyrings Comptoir accepts here"
        # e.g. PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring set for pip/poetry:
        # ignore it and use the platform's secure keyring (never a plaintext one).
        log.warning("%s=%s ignored: %s", ENV_BACKEND, named, why)
    return _load_backend(_platform_backend_path() if platform is None else backend_for(platform))


def secure_backend() -> KeyringBackend | None:
    """The platform's secure keyring backend if usable (or an acceptable backend named in
    ``PYTHON_KEYRING_BACKEND``), else None."""
    return select_backend()[0]


def vetted(backend: KeyringBackend) -> tuple[KeyringBackend | None, str]:
    """An injected ``backend`` if acceptable: (backend, "") or (None, why it is refused)."""
    reason = insecure_reason(backend)
    return (None, reason) if reason else (backend, "")
