"""kill -9 of the CLI in the middle of transfers and link creations, restart, reconcile —
repeated (the long run is bench/crash_loop.py)."""

from harness.crashloop import run_crash_loop


def test_repeated_kill_9_never_loses_nor_doubles(tmp_path):
    report = run_crash_loop(rounds=8, seed=11, data_dir=tmp_path / "data")
    summary = "\n".join(report.lines())
    assert report.killed >= 3, summary  # the kills really landed mid-operation
    assert report.integrity_failures == 0, summary
    assert report.lost == 0, summary
    assert report.duplicated == 0, summary
    # after a restart on a healthy network, every transfer is settled one way or the other
    assert not any(k.startswith("transfer:") and k.split(":")[1] in ("queued", "uncertain",
                                                                     "sending")
                   for k in report.states), summary
