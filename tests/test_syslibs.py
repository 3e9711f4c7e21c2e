"""Before Qt opens a window on X11, the system libraries of its xcb plugin are checked: a
missing one is named with the exact apt command (or installed as root), instead of Qt's
"could not load the Qt platform plugin xcb" (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from backoffice.ui import syslibs

X11 = {"DISPLAY": ":0"}


def without(*sonames: str):
    return lambda soname: soname not in sonames


def test_a_missing_library_is_named_with_the_apt_command(capsys):
    code = syslibs.main([], X11, check=without("libxcb-cursor.so.0", "libxcb-icccm.so.4"))
    assert code == syslibs.MISSING_EXIT
    err = capsys.readouterr().err
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4" in err
    assert "bibliothèques système" in err
    syslibs.main([], {**X11, "COMPTOIR_LANG": "en"}, check=without("libxcb-cursor.so.0"))
    assert "system libraries Qt needs on X11 are missing (libxcb-cursor0)" in \
        capsys.readouterr().err


def test_nothing_missing_or_no_x11_means_ready(capsys):
    assert syslibs.main([], X11, check=lambda _s: True) == 0
    nothing = without(*syslibs.XCB_LIBRARIES)
    for environ in ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, {},
                    {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0",
                     "XDG_SESSION_TYPE": "wayland"}):
        assert syslibs.main([], environ, check=nothing) == 0
    assert syslibs.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not syslibs.uses_xcb(X11, "win32")
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(sys.platform == "win32", reason="apt-get as root: Linux")
def test_run_as_root_installs_what_is_missing(monkeypatch):
    installed: list[str] = []
    present = set(syslibs.XCB_LIBRARIES) - {"libxcb-cursor.so.0"}

    def apt(packages):
        installed.extend(packages)
        present.add("libxcb-cursor.so.0")
        return True

    assert syslibs.main(["--install"], X11, check=present.__contains__, installer=apt) == 0
    assert installed == ["libxcb-cursor0"]
    commands: list[list[str]] = []
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(syslibs.shutil, "which", lambda _name: "/usr/bin/apt-get")
    assert syslibs.install(["libxcb-cursor0"], run=lambda cmd: commands.append(cmd) or 0)
    assert commands[-1][:2] == ["apt-get", "install"] and commands[-1][-1] == "libxcb-cursor0"
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert not syslibs.install(["libxcb-cursor0"], run=lambda cmd: commands.append(cmd) or 0)


def test_the_installed_app_says_it_before_qt_starts(tmp_path):
    """``comptoir`` itself (app.main): the message and exit 4, no Qt abort."""
    code = ("import sys\nfrom backoffice.ui import syslibs\n"
            "syslibs.loadable = lambda soname: soname != 'libxcb-cursor.so.0'\n"
            "from backoffice.ui.app import main\n"
            f"sys.exit(main(['--data-dir', {str(tmp_path)!r}]))\n")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=":98", COMPTOIR_LANG="fr")
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == syslibs.MISSING_EXIT, done.stderr
    assert "sudo apt-get install -y libxcb-cursor0" in done.stderr
    assert "could not load" not in done.stderr
