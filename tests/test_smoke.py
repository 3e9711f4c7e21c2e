"""The installer's smoke test, run from source: what ``comptoir --smoke-test`` does in the
frozen build (packaging/smoke-test.sh) is checked here on every CI run, installer or not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = "import backoffice.smoke, sys; sys.exit(backoffice.smoke.main([]))"


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


def test_smoke_from_source_creates_a_link_and_quits():
    done = _run("-c", SNIPPET)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines and lines[-1].startswith("SMOKE OK "), done.stdout + done.stderr
    last = lines[-1]
    assert "frozen=no" in last
    assert "Comptoir" in last  # the window title
    assert "qr=" in last and "quit=clean" in last
    assert "keyring=" in last  # reported, whatever the machine has


def test_smoke_failure_is_reported_and_bounded():
    """A watchdog ends a smoke test that cannot finish in time: one SMOKE FAIL line, exit 1."""
    done = _run("-m", "backoffice.smoke", "--timeout", "0.05", timeout=30)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("SMOKE FAIL "), done.stdout


def test_smoke_reports_why_the_app_could_not_start():
    """What a frozen build that lost its journal migrations would print."""
    broken = ("import pathlib, sys; import backoffice.store.migrations as m; "
              "m.packaged_migrations = lambda: pathlib.Path('/nonexistent/migrations'); "
              + SNIPPET)
    done = _run("-c", broken)
    last = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 1, done.stdout + done.stderr
    assert last.startswith("SMOKE FAIL "), last
    assert "/nonexistent/migrations" in last  # the cause, from the app's log


def test_entry_script_dispatches_without_starting_the_gui():
    entry = ROOT / "packaging" / "comptoir_entry.py"
    done = _run(str(entry), "--cli", "--help", timeout=30)
    assert done.returncode == 0, done.stderr
    assert "balance" in done.stdout
    done = _run(str(entry), "--smoke-test", "--help", timeout=30)
    assert done.returncode == 0, done.stderr
    assert "--keyring-probe" in done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux: X11 or Wayland")
@pytest.mark.parametrize(("environ", "said", "chosen"), [
    ({}, "no display", "offscreen"),
    ({"QT_QPA_PLATFORM": "xcb"}, "QT_QPA_PLATFORM", "xcb"),
    ({"DISPLAY": ":0"}, "default", None),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "default", None)])
def test_the_smoke_test_goes_offscreen_only_without_a_display(environ, said, chosen):
    from backoffice.smoke import _choose_platform

    env = dict(environ)
    assert _choose_platform(env) == said
    assert env.get("QT_QPA_PLATFORM") == chosen
