"""Before Qt starts on X11: are the system libraries its xcb platform plugin needs there?

Without them (``libxcb-cursor0`` and friends are missing from many fresh desktops) Qt dies
with "could not load the Qt platform plugin xcb". This says exactly which Debian/Ubuntu
packages to install, with the apt command, and installs them when asked as root
(``scripts/run``). Qt-free: it runs before any PySide6 import.

    python -m backoffice.ui.syslibs [--install]   # exit 0: ready, 4: libraries missing
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence

# What libqxcb.so and libQt6XcbQpa.so.6 load (ldd), with the Debian/Ubuntu package of each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
MISSING_EXIT = 4


def loadable(soname: str) -> bool:
    """Whether the dynamic linker finds ``soname`` (the way Qt will look for it)."""
    import ctypes  # only on X11: the offscreen and Wayland starts skip it

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Qt will load its xcb plugin: Linux, an X display, and no other platform asked for."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if asked:
        return asked == "xcb"
    wayland = bool(environ.get("WAYLAND_DISPLAY")) and \
        environ.get("XDG_SESSION_TYPE", "") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def missing_packages(check: Callable[[str], bool] | None = None) -> list[str]:
    """The packages whose library cannot be loaded (empty: ready)."""
    check = check or loadable
    return sorted({pkg for soname, pkg in XCB_LIBRARIES.items() if not check(soname)})


def apt_command(packages: Sequence[str]) -> str:
    return "sudo apt-get install -y " + " ".join(packages)


def message(packages: Sequence[str], lang: str = "fr") -> str:
    """What to tell the person at the screen, in ``lang``."""
    command = apt_command(packages)
    if lang.startswith("en"):
        return (f"Comptoir cannot open its window: system libraries Qt needs on X11 are "
                f"missing ({', '.join(packages)}). Install them, then start again:\n"
                f"    {command}")
    return (f"Comptoir ne peut pas ouvrir sa fenêtre : des bibliothèques système dont Qt a "
            f"besoin sous X11 manquent ({', '.join(packages)}). Installez-les, puis "
            f"relancez :\n    {command}")


def check_before_qt(environ: Mapping[str, str] = os.environ,
                    check: Callable[[str], bool] | None = None) -> list[str]:
    """The missing packages when Qt is about to use xcb (empty otherwise)."""
    return missing_packages(check) if uses_xcb(environ) else []


def install(packages: Sequence[str],
            run: Callable[[list[str]], int] | None = None) -> bool:
    """As root with apt-get: install ``packages`` (as ``.ci/run`` does). False otherwise."""
    import subprocess

    run = run or (lambda cmd: subprocess.call(cmd))
    root = sys.platform != "win32" and os.geteuid() == 0  # Linux only, in practice
    if not packages or not root or shutil.which("apt-get") is None:
        return False
    run(["apt-get", "update", "-qq"])  # a failed update still leaves what is known
    return run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                *packages]) == 0


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ,
         check: Callable[[str], bool] | None = None,
         installer: Callable[[Sequence[str]], bool] = install) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = environ.get("COMPTOIR_LANG", "fr")
    packages = check_before_qt(environ, check)
    if packages and "--install" in args and installer(packages):
        packages = check_before_qt(environ, check)
    if packages:
        print(message(packages, lang), file=sys.stderr)
        return MISSING_EXIT
    return 0


if __name__ == "__main__":
    sys.exit(main())
