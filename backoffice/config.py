"""Non-secret settings: endpoints and data directory, overridable by COMPTOIR_* variables."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from .platform import posix_modes

if TYPE_CHECKING:  # the API package (httpx) loads after the window's first paint
    from .api.transport import Endpoints

APP_NAME = "Comptoir"
log = logging.getLogger(__name__)
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
# What the data directory holds that other accounts must not read (journal: names, phones,
# amounts). Checked at start-up; new ones are created with these modes whatever the umask.
PRIVATE_NAMES = ("journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm",
                 "journal.sqlite3-journal", "settings.json", "comptoir.lock", "pin.required")


def endpoints_from_env(environ: Mapping[str, str] = os.environ) -> Endpoints:
    """CinetPay's hosts unless COMPTOIR_CHECKOUT_URL / _LEGACY_URL / _TRANSFER_URL say
    otherwise (a non-loopback endpoint must be https: Endpoints refuses anything else). This is
    real mode's only source of endpoints: a loopback one is refused (see real_mode_only)."""
    from .api.transport import (
        DEFAULT_CHECKOUT_URL,
        DEFAULT_LEGACY_URL,
        DEFAULT_TRANSFER_URL,
        Endpoints,
    )

    return real_mode_only(Endpoints(
        checkout=environ.get("COMPTOIR_CHECKOUT_URL") or DEFAULT_CHECKOUT_URL,
        legacy=environ.get("COMPTOIR_LEGACY_URL") or DEFAULT_LEGACY_URL,
        transfer=environ.get("COMPTOIR_TRANSFER_URL") or DEFAULT_TRANSFER_URL,
    ), environ)


# Developers and the test suite point real mode at the simulator with this set to "1"; an
# installed (frozen) build ignores it.
ALLOW_LOOPBACK = "COMPTOIR_ALLOW_LOOPBACK"


def installed_build() -> bool:
    """A packaged build (PyInstaller sets sys.frozen: the .deb, the Windows and macOS apps)."""
    return bool(getattr(sys, "frozen", False))


def real_mode_only(endpoints: Endpoints, environ: Mapping[str, str] = os.environ) -> Endpoints:
    """Real mode talks to CinetPay, never to the training simulator (or anything else on this
    computer): loopback endpoints are refused, unless ALLOW_LOOPBACK=1 in a source tree."""
    from .api.transport import is_loopback

    local = [u for u in (endpoints.checkout, endpoints.legacy, endpoints.transfer)
             if is_loopback(u)]
    if not local or (environ.get(ALLOW_LOOPBACK) == "1" and not installed_build()):
        return endpoints
    raise ValueError(f"{local[0]} : adresse locale (simulateur de formation) refusée en mode "
                     "réel, utilisez --demo / local address (training simulator) refused in "
                     "real mode, use --demo")


TRAINING_DIR = "formation"


def training_dir(base: Path) -> Path:
    """Training mode's own data directory: nothing ever mixes with the real journal."""
    return Path(base) / TRAINING_DIR


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """COMPTOIR_DATA_DIR, else the platform's per-user data directory."""
    configured = environ.get("COMPTOIR_DATA_DIR")
    return Path(configured).expanduser() if configured else Path(user_data_dir(APP_NAME, False))


def ensure_private_dir(path: os.PathLike[str] | str, platform: str | None = None) -> Path:
    """Create ``path`` (and parents) with mode 0700; tighten it if it is wider (logged)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _tighten(path, PRIVATE_DIR, platform)
    return path


def secure_data_dir(data_dir: os.PathLike[str] | str, platform: str | None = None) -> Path:
    """At start-up: the data directory and its logs 0700, the journal and its companions,
    settings.json, the lock and the logs 0600 on POSIX. Windows: nothing to change, the
    directory (%LOCALAPPDATA%\\Comptoir) is private through the profile's ACL
    (``platform.posix_modes``)."""
    path = ensure_private_dir(data_dir, platform)
    if not posix_modes(platform):
        return path
    for name in PRIVATE_NAMES:
        _tighten(path / name, PRIVATE_FILE, platform)
    logs = path / "logs"
    if logs.is_dir():
        _tighten(logs, PRIVATE_DIR, platform)
        for item in logs.iterdir():
            if item.is_file():
                _tighten(item, PRIVATE_FILE, platform)
    return path


def _tighten(path: Path, mode: int, platform: str | None = None) -> None:
    if not posix_modes(platform):
        return
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return
    if path.is_symlink() or current & ~mode == 0:
        return
    try:
        os.chmod(path, current & mode)
        log.warning("permissions tightened: %s %o -> %o", path, current, current & mode)
    except OSError as exc:
        log.warning("cannot tighten the permissions of %s (%o): %s", path, current, exc)
