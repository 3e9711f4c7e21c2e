"""Whether Qt needs the offscreen platform (printing from the command line), and opening URLs
and folders: Qt's QDesktopServices everywhere, except the frozen Linux build, which starts
xdg-open itself with the user's LD_LIBRARY_PATH (not the bundle's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backoffice.platform import open as opening
from backoffice.platform.display import needs_offscreen


@pytest.mark.parametrize(("environ", "platform", "expected"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),  # a Wayland-only session has a display
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),  # the user's choice is kept
    ({}, "freebsd14", True),
    ({}, "win32", False),  # Windows and macOS always have their platform plugin
    ({}, "darwin", False),
])
def test_needs_offscreen(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert needs_offscreen(environ, platform) is expected


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[list[str], dict[str, Any]]] = []
        self.fail = fail

    def __call__(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        self.calls.append((argv, kwargs))
        if self.fail:
            raise FileNotFoundError("xdg-open")
        return subprocess.Popen([sys.executable, "-c", "pass"])


FROZEN_ENV = {"LD_LIBRARY_PATH": "/opt/comptoir/_internal:/usr/local/lib",
              "LD_LIBRARY_PATH_ORIG": "/usr/local/lib", "HOME": "/home/caisse"}


def test_frozen_linux_opens_with_the_users_library_path(tmp_path: Path) -> None:
    popen = Recorder()
    assert opening.open_folder(tmp_path, platform="linux", frozen=True, environ=FROZEN_ENV,
                               popen=popen)
    assert opening.open_url("https://checkout.cinetpay.com/payment/x", platform="linux",
                            frozen=True, environ={"LD_LIBRARY_PATH": "/opt/comptoir/_internal"},
                            popen=popen)
    (argv1, kw1), (argv2, kw2) = popen.calls
    assert argv1 == ["xdg-open", str(tmp_path)]
    assert kw1["env"] == {"LD_LIBRARY_PATH": "/usr/local/lib", "HOME": "/home/caisse"}
    assert argv2 == ["xdg-open", "https://checkout.cinetpay.com/payment/x"]
    assert "LD_LIBRARY_PATH" not in kw2["env"]  # the user had none
    assert kw1["start_new_session"] and kw1["stdin"] == subprocess.DEVNULL


def test_frozen_linux_without_xdg_open_says_so(tmp_path: Path) -> None:
    assert not opening.open_folder(tmp_path, platform="linux", frozen=True,
                                   environ=FROZEN_ENV, popen=Recorder(fail=True))


@pytest.mark.parametrize(("platform", "frozen"), [
    ("win32", True), ("darwin", True), ("linux", False), ("win32", False)])
def test_qt_opens_everywhere_else(platform: str, frozen: bool, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toString()) or True)
    popen = Recorder()
    assert opening.open_url("https://example.invalid/p", platform=platform, frozen=frozen,
                            popen=popen)
    assert opening.open_folder(tmp_path, platform=platform, frozen=frozen, popen=popen)
    assert opened == ["https://example.invalid/p", tmp_path.as_uri()]
    assert popen.calls == []
