"""What differs per operating system, each in one place, each testable here through a seam.

Every function takes the platform (a ``sys.platform`` value) as a parameter, this machine's
when omitted, so the Windows and macOS branches run in the Linux test suite too (tests/platform/):

* the instance lock's OS calls (``flock`` / ``msvcrt.locking``): :mod:`.lock`, used by
  ``store.instance.InstanceLock``;
* the keyring backend per platform and its allowlist: ``keyring.backends.backend_for`` and
  ``allowed_backends`` (Windows Credential Locker, macOS Keychain, Secret Service);
* the data directory's permissions (0700 / 0600 on POSIX; Windows relies on the profile's
  ACL): :func:`posix_modes`, used by ``config.secure_data_dir``;
* opening a URL or a folder in the desktop's application: :mod:`.open`;
* whether Qt must paint off screen (no display on Linux): :func:`.display.needs_offscreen`,
  used by the printing code (``printing.qt_paper.ensure_app``);
* the shop database uses synchronous psycopg on threads of its own (qasync's loop is a
  Proactor loop on Windows, which async psycopg refuses): ``shop.reads`` / ``shop.replicate``.
"""

from __future__ import annotations

import sys

WINDOWS = "win32"
MACOS = "darwin"


def current(platform: str | None = None) -> str:
    """``platform``, or this machine's ``sys.platform`` (read at each call)."""
    return sys.platform if platform is None else platform


def is_windows(platform: str | None = None) -> bool:
    return current(platform) == WINDOWS


def is_macos(platform: str | None = None) -> bool:
    return current(platform) == MACOS


def posix_modes(platform: str | None = None) -> bool:
    """Whether file modes (0700 / 0600) protect the data directory. Not on Windows: there
    ``chmod`` only toggles the read-only flag; the data directory (%LOCALAPPDATA%\\Comptoir)
    is private through the user profile's ACL (the user, SYSTEM and Administrators)."""
    return not is_windows(platform)
