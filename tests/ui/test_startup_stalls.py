"""Start-up without long event-loop stalls (issue 18): after the first paint the session's
modules are imported on a worker thread while the window's loop keeps turning, and the
session's start-up steps (the journal, the workspace, the current tab, the collector's
freeze) each run in a turn of the loop of their own. No timing is asserted: the tests prove
the order (the loop turns between the steps), not durations."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

from PySide6.QtCore import QTimer

from backoffice.ui import stall_meter
from backoffice.ui.app import ENV_STALLS, SESSION_MODULES, Preloader, session_modules
from backoffice.ui.main_window import MainWindow
from backoffice.ui.session import ComptoirApp
from backoffice.ui.stall_meter import StallMeter
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT
from tests.support.waits import until

ROOT = Path(__file__).resolve().parents[2]
CLIENT = {"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY}


def test_the_loop_turns_while_the_session_modules_are_imported(qapp, tmp_path, monkeypatch):
    """The module below cannot finish importing until the GUI thread's loop has run a timer
    (it waits for it): the import happens on another thread, and the loop turns meanwhile."""
    gate = types.ModuleType("hu_startup_gate")
    gate.turned = threading.Event()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "hu_startup_gate", gate)
    (tmp_path / "hu_slow_module.py").write_text(
        "import threading\n"
        "import hu_startup_gate as gate\n"
        "gate.imported_on = threading.current_thread().name\n"
        "gate.turned_during_import = gate.turned.wait(30)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    beats: list[str] = []

    def beat() -> None:
        beats.append(threading.current_thread().name)
        gate.turned.set()  # type: ignore[attr-defined]

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(beat)
    timer.start()
    switch = sys.getswitchinterval()
    try:
        preload = Preloader(["hu_slow_module"]).start()
        preload.wait()
    finally:
        timer.stop()
        sys.modules.pop("hu_slow_module", None)
    assert preload.imported == ["hu_slow_module"] and preload.failed == []
    assert gate.turned_during_import is True  # type: ignore[attr-defined]
    assert gate.imported_on == Preloader.NAME == "comptoir-preload"  # type: ignore[attr-defined]
    assert beats and set(beats) == {threading.main_thread().name}  # the GUI thread's loop
    assert sys.getswitchinterval() == switch  # restored


def test_a_module_that_fails_to_import_is_left_to_the_gui_thread(qapp):
    preload = Preloader(["backoffice.hu_no_such_module", "json"]).start()
    preload.wait()
    assert preload.imported == ["json"]
    assert [name for name, _exc in preload.failed] == ["backoffice.hu_no_such_module"]


def test_the_session_modules_include_the_first_tab_and_the_simulator_in_training(qapp):
    win = MainWindow()
    win.show_frame(training=True)
    assert win.tabs is not None
    win.tabs.setCurrentIndex(1)
    names = session_modules(win, training=True)
    assert names[:len(SESSION_MODULES)] == list(SESSION_MODULES)
    assert "backoffice.ui.history.tab" in names and "backoffice.simulator" in names
    assert "backoffice.simulator" not in session_modules(win, training=False)
    win.deleteLater()


DRIVER = """
import importlib._bootstrap as bootstrap, json, sys, threading
found = bootstrap._find_and_load
where = {}
def recording(name, import_):
    if name not in sys.modules:
        where.setdefault(name, threading.current_thread().name)
    return found(name, import_)
bootstrap._find_and_load = recording
from backoffice.ui.app import main
code = main(sys.argv[1:])
with open(OUT, "w", encoding="utf-8") as out:
    json.dump(where, out)
sys.exit(code)
"""


def test_the_heavy_modules_load_off_the_gui_thread_after_the_first_paint(tmp_path):
    """A real launch (training mode), recording which thread imported each module."""
    out = tmp_path / "threads.json"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    environ.update(QT_QPA_PLATFORM="offscreen", COMPTOIR_DATA_DIR=str(tmp_path / "data"),
                   COMPTOIR_BENCH_FIRST_PAINT="1")
    done = subprocess.run([sys.executable, "-c", f"OUT = {str(out)!r}\n" + DRIVER, "--demo"],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first_paint_ms=" in done.stdout and "workspace_ms=" in done.stdout
    where = json.loads(out.read_text(encoding="utf-8"))
    heavy = ["asyncio", "qasync", "httpx", "backoffice.ui.session", "backoffice.composition",
             "backoffice.services.core", "backoffice.store.db", "backoffice.simulator",
             "backoffice.ui.statusbar", "backoffice.ui.dashboard.tab", "PySide6.QtNetwork"]
    assert {name: where.get(name) for name in heavy} == dict.fromkeys(heavy, "comptoir-preload")
    assert where["backoffice.ui.main_window"] == "MainThread"  # the frame's: before the paint


async def test_each_start_up_step_runs_in_a_turn_of_the_loop_of_its_own(qapp, tmp_path):
    """A heartbeat run at every turn of the loop (a 0 ms timer) beats between the steps:
    the journal, the workspace, the current tab's construction, its insertion in the window
    (laid out, painted), its first show and the collector's freeze never share one turn of the loop
    (none waits behind the others)."""
    meter = StallMeter(period_ms=0)
    meter.start()
    ctl = ComptoirApp(qapp, base_dir=tmp_path, demo=True, install_signals=False, environ={},
                      client_options=CLIENT, background_sync=False)
    run = asyncio.ensure_future(ctl.run())
    try:
        await until(lambda: any("workspace up" in label for gap in meter.gaps
                                for label, _ in gap.steps), timeout=20)
    finally:
        meter.finish(out=io.StringIO())
        ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0
    assert stall_meter.current() is None

    def turn_of(label: str) -> int:
        turns = [n for n, gap in enumerate(meter.gaps) if any(
            step.startswith(label) for step, _ in gap.steps)]
        assert len(turns) == 1, (label, turns)
        return turns[0]

    order = [turn_of(label) for label in (
        "journal and services", "wrapper types", "show_workspace", "build dashboard_tab",
        "insert dashboard_tab", "dashboard_tab on_shown", "workspace up")]
    assert order == sorted(order) and len(set(order)) == len(order), order
    assert meter.beats > len(order)


def test_the_stall_meter_reports_the_longest_gap_with_its_steps(qapp, capsys):
    meter = StallMeter(since=time.perf_counter())
    meter.start()
    stall_meter.step("a step")
    meter.beat()
    stall_meter.step("another")
    longest = meter.finish()
    out = capsys.readouterr().out
    assert f"startup_stall_ms={longest:.1f}" in out
    assert "[a step" in out and "[another" in out
    assert longest == max(gap.ms for gap in meter.gaps)
    stall_meter.step("ignored: no meter running")
    assert stall_meter.current() is None


def test_the_app_prints_its_start_up_stalls_under_the_bench_variable(tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    environ.update(QT_QPA_PLATFORM="offscreen", COMPTOIR_DATA_DIR=str(tmp_path / "data"),
                   **{ENV_STALLS: "1"})
    done = subprocess.run([sys.executable, "-m", "backoffice", "--demo"], cwd=ROOT,
                          env=environ, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    stall = next(line for line in lines if line.startswith("startup_stall_ms="))
    gaps = [line for line in lines if line.startswith("stall: ")]
    assert float(stall.split("=", 1)[1]) > 0 and gaps
    assert any("ms ending at +" in line for line in gaps)
