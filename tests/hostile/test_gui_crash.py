"""kill -9 the desktop app mid-operation, restart the real app, reconcile — a few rounds (the
long run is `bench/crash_loop.py --gui`)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from harness.gui_crash import run_gui_crash_loop


def test_killed_desktop_app_loses_and_doubles_nothing(tmp_path):
    report = run_gui_crash_loop(rounds=4, seed=5, data_dir=tmp_path / "data")
    summary = "\n".join(report.lines())
    assert report.killed >= 2, summary
    assert report.integrity_failures == 0, summary
    assert report.lost == 0 and report.duplicated == 0, summary
    assert not any(k.startswith("transfer:") and k.split(":")[1] != "sent"
                   for k in report.states), summary
