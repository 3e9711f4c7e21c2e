"""The data directory's protection per platform: POSIX modes 0700 / 0600 tightened at
start-up; Windows leaves modes alone (chmod only toggles the read-only flag there: the
profile's ACL keeps %LOCALAPPDATA%\\Comptoir private)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from backoffice import config
from backoffice.platform import posix_modes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX modes to observe")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def wide_data_dir(base: Path) -> Path:
    data = base / "data"
    data.mkdir()
    (data / "logs").mkdir()
    (data / "settings.json").write_text("{}", encoding="utf-8")
    (data / "logs" / "comptoir.log").write_text("x\n", encoding="utf-8")
    for path, wide in ((data, 0o755), (data / "logs", 0o755),
                       (data / "settings.json", 0o644), (data / "logs" / "comptoir.log", 0o644)):
        os.chmod(path, wide)
    return data


def test_only_windows_goes_without_posix_modes() -> None:
    assert not posix_modes("win32")
    assert posix_modes("linux") and posix_modes("darwin") and posix_modes("freebsd14")


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_posix_tightens_the_data_directory(tmp_path: Path, platform: str) -> None:
    data = wide_data_dir(tmp_path)
    config.secure_data_dir(data, platform=platform)
    assert (mode(data), mode(data / "logs")) == (0o700, 0o700)
    assert mode(data / "settings.json") == mode(data / "logs" / "comptoir.log") == 0o600


def test_windows_branch_leaves_modes_alone_and_still_creates_the_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = wide_data_dir(tmp_path)
    calls: list[object] = []
    monkeypatch.setattr(config.os, "chmod", lambda *a, **k: calls.append(a))
    config.secure_data_dir(data, platform="win32")
    assert calls == []
    assert (mode(data), mode(data / "settings.json")) == (0o755, 0o644)
    fresh = config.ensure_private_dir(tmp_path / "new" / "Comptoir", platform="win32")
    assert fresh.is_dir() and calls == []
