"""Time from launch to the first painted main window: prints figures, asserts nothing.

    .venv/bin/python bench/gui_first_paint.py [RUNS] [--xcb]

Each run starts a new process exactly as a user does (``python -m backoffice``) with
``COMPTOIR_BENCH_FIRST_PAINT=1``: the app prints ``first_paint_ms=…`` (measured from the
import of ``backoffice.ui.app``) when the tabs are first painted, then quits cleanly.
This script measures the wall time from ``Popen`` to that line (the whole launch:
interpreter, imports, Qt, journal, window) and to the process exit (clean shutdown).

Two scenarios, each with a warm cache (one unmeasured launch first: the OS file cache,
``__pycache__`` and fontconfig's cache are warm, the data directory exists):

* ``--demo``: training mode (in-process simulator, fresh training journal);
* real mode with a 100 000-row history cache, credentials from ``COMPTOIR_APIKEY`` / ``_SITE_ID``
  and the endpoints pointed at a simulator run by this script (the first paint must not
  depend on the size of the cache: the tabs load it in the background).

Offscreen by default; ``--xcb`` uses the X display of ``$DISPLAY`` (e.g. under ``xvfb-run``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def launch(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall ms to first paint, in-app ms to first paint, wall ms to exit)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen([sys.executable, "-m", "backoffice", *args], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=errors, text=True)
        assert proc.stdout is not None
        painted = inside = float("nan")
        for line in proc.stdout:
            if line.startswith("first_paint_ms="):
                painted = 1000 * (time.perf_counter() - t0)
                inside = float(line.split("=", 1)[1])
                break
        proc.wait(timeout=60)
        if painted != painted:  # nan: it never painted
            errors.seek(0)
            tail = errors.read().strip().splitlines()[-3:]
            raise SystemExit(f"the app exited ({proc.returncode}) without painting: "
                             + " / ".join(tail))
    return painted, inside, 1000 * (time.perf_counter() - t0)


def report(label: str, runs: list[tuple[float, float, float]]) -> None:
    walls, insides, exits = zip(*runs, strict=True)
    print(f"{label}")
    print(f"  launch → first paint (wall)   median {statistics.median(walls):7.0f} ms   "
          f"min {min(walls):7.0f} ms   ({', '.join(f'{w:.0f}' for w in walls)})")
    print(f"  app import → first paint      median {statistics.median(insides):7.0f} ms")
    print(f"  launch → process exited       median {statistics.median(exits):7.0f} ms")


def fill_history(data_dir: Path, count: int) -> None:
    from history_cache import generate

    from backoffice.services.core import JOURNAL_FILE
    from backoffice.store.db import Database
    from backoffice.store.history import upsert_history

    with Database.open(data_dir / JOURNAL_FILE) as db:
        upsert_history(db, generate(count))


def main() -> None:
    runs = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))
    platform = "xcb" if "--xcb" in sys.argv else "offscreen"
    base = {**os.environ, "QT_QPA_PLATFORM": platform, "COMPTOIR_BENCH_FIRST_PAINT": "1"}
    for key in ("COMPTOIR_APIKEY", "COMPTOIR_SITE_ID", "COMPTOIR_TRANSFER_PASSWORD"):
        base.pop(key, None)
    print(f"Qt platform: {platform}; {runs} measured runs per scenario after a warm-up run")

    with tempfile.TemporaryDirectory() as tmp:
        env = {**base, "COMPTOIR_DATA_DIR": str(Path(tmp) / "demo")}
        launch(["--demo"], env)  # warm-up
        report("comptoir --demo (training mode)", [launch(["--demo"], env)
                                                   for _ in range(runs)])

    from backoffice.simulator import DEMO_CREDENTIALS, Simulator

    with tempfile.TemporaryDirectory() as tmp, Simulator(seed_demo=True) as sim:
        data = Path(tmp) / "real"
        data.mkdir()
        t0 = time.perf_counter()
        fill_history(data, 100_000)
        print(f"(real-mode journal filled with 100 000 history rows in "
              f"{time.perf_counter() - t0:.1f} s)")
        env = {**base, "COMPTOIR_DATA_DIR": str(data),
               "COMPTOIR_CHECKOUT_URL": sim.base_url, "COMPTOIR_LEGACY_URL": sim.base_url,
               "COMPTOIR_TRANSFER_URL": sim.base_url, "COMPTOIR_ALLOW_LOOPBACK": "1",
               "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
               "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"]}
        launch([], env)  # warm-up
        report("comptoir (real mode, 100 000-row history cache)",
               [launch([], env) for _ in range(runs)])


if __name__ == "__main__":
    main()
