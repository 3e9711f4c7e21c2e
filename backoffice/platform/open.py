"""Opening a web page or a folder in the desktop's own application, in one place.

Qt's ``QDesktopServices.openUrl`` does it on Windows (ShellExecute), macOS (Launch Services)
and Linux (xdg-open / the desktop portal), except in the frozen Linux build: PyInstaller's
bootloader puts the bundle (``_internal``, with Comptoir's copy of Qt) first on
``LD_LIBRARY_PATH``, and Qt hands that environment to xdg-open, so the browser or the file
manager (Dolphin is a Qt program) would load our libraries instead of its own. There the
child is started with the environment the user had (``LD_LIBRARY_PATH_ORIG``, saved by the
bootloader). See PyInstaller's "LD_LIBRARY_PATH / LIBPATH considerations".
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from . import is_macos, is_windows

Popen = Callable[..., Any]


def launch_env(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` as it was before PyInstaller's bootloader changed ``LD_LIBRARY_PATH``."""
    env = dict(environ)
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        env.pop("LD_LIBRARY_PATH", None)
    else:
        env["LD_LIBRARY_PATH"] = original
    return env


def needs_own_launcher(platform: str | None = None, frozen: bool | None = None) -> bool:
    """True in the frozen Linux/BSD build (see the module doc)."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    return frozen and not (is_windows(platform) or is_macos(platform))


def open_url(url: str, *, platform: str | None = None, frozen: bool | None = None,
             environ: Mapping[str, str] = os.environ, popen: Popen = subprocess.Popen) -> bool:
    """Open ``url`` (http/https) in the default browser; False if nothing could open it."""
    if needs_own_launcher(platform, frozen):
        return _xdg_open(url, environ, popen)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl(url)))


def open_folder(path: os.PathLike[str] | str, *, platform: str | None = None,
                frozen: bool | None = None, environ: Mapping[str, str] = os.environ,
                popen: Popen = subprocess.Popen) -> bool:
    """Show the folder ``path`` in the file manager (Explorer, Finder, …)."""
    if needs_own_launcher(platform, frozen):
        return _xdg_open(os.fspath(path), environ, popen)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(path))))


def _xdg_open(target: str, environ: Mapping[str, str], popen: Popen) -> bool:
    try:
        child = popen(["xdg-open", target], env=launch_env(environ),
                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:  # no xdg-open (xdg-utils) on this machine
        return False
    # reap it when it exits (xdg-open hands over to the browser and returns)
    threading.Thread(target=child.wait, name="comptoir-xdg-open", daemon=True).start()
    return True
