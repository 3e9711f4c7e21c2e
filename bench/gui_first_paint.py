"""Spawn → first painted main window, side by side with a bare window: prints figures,
asserts nothing.

    .venv/bin/python bench/gui_first_paint.py [RUNS] [--xcb]

Each run starts a new process exactly as a user does (``python -m backoffice``) with
``COMPTOIR_BENCH_FIRST_PAINT=1``: the app prints ``first_paint_ms=…`` when its tabs are first
painted, then quits cleanly. The clock starts at ``Popen`` (interpreter, imports, Qt, journal,
window: the whole launch) and stops when that line arrives. In the same run, alternating with
it, the **baseline**: bench/bare_window.py (QApplication, a QMainWindow with six tabs, a table
and a status bar, the same first-paint signal). Printed: both medians and their ratio
(issue 18's aim: ≤ 1.3×).

``PYTHONDONTWRITEBYTECODE`` is unset for both (these machines set it; an installed build has
its bytecode), and one unmeasured launch of each warms the caches (OS files, ``__pycache__``,
fontconfig; the data directory exists).

Two scenarios: ``--demo`` (training mode, in-process simulator, fresh training journal) and
real mode with a 100 000-row history cache, credentials from ``COMPTOIR_APIKEY`` /
``_SITE_ID`` and the endpoints on a simulator run by this script (the first paint must not
depend on the size of the cache).

Offscreen by default; ``--xcb`` uses the X display of ``$DISPLAY`` (e.g. under ``xvfb-run``),
and a set ``$DISPLAY`` adds the X11 runs to the offscreen ones.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


BARE = [sys.executable, str(ROOT / "bench" / "bare_window.py")]


def product(*args: str) -> list[str]:
    return [sys.executable, "-m", "backoffice", *args]


def launch(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall ms from spawn to first paint, in-process ms to first paint, wall ms to exit)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(command, cwd=ROOT, env=env,
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


R = TypeVar("R")


def alternated(command: list[str], env: dict[str, str], runs: int,
               start: Callable[[list[str], dict[str, str]], R]) -> tuple[list[R], list[R]]:
    """Each launched once unmeasured (caches warm), then product and bare window in turns:
    ``runs`` results of each, as ``start`` measures a launch."""
    start(command, env)
    start(BARE, env)
    ours, bare = [], []
    for _ in range(runs):
        ours.append(start(command, env))
        bare.append(start(BARE, env))
    return ours, bare


def side_by_side(label: str, command: list[str], env: dict[str, str], runs: int) -> None:
    """Warm both up, then alternate product and baseline launches; print both and the ratio."""
    ours, bare = alternated(command, env, runs, launch)
    mine = statistics.median(r[0] for r in ours)
    base = statistics.median(r[0] for r in bare)
    print(label)
    print(f"  Comptoir     spawn → first paint  median {mine:6.0f} ms   min "
          f"{min(r[0] for r in ours):6.0f} ms   ({', '.join(f'{r[0]:.0f}' for r in ours)})")
    print(f"  bare window  spawn → first paint  median {base:6.0f} ms   min "
          f"{min(r[0] for r in bare):6.0f} ms   ({', '.join(f'{r[0]:.0f}' for r in bare)})")
    best = min(r[0] for r in ours) / min(r[0] for r in bare)
    inside = statistics.median(r[1] for r in ours)
    exited = statistics.median(r[2] for r in ours)
    print(f"  ratio {mine / base:.2f}× (medians), {best:.2f}× (best runs); Comptoir in-process "
          f"to first paint {inside:.0f} ms, spawn → exited {exited:.0f} ms")


def fill_history(data_dir: Path, count: int) -> None:
    from history_cache import generate

    from backoffice.services.core import JOURNAL_FILE
    from backoffice.store.db import Database
    from backoffice.store.history import upsert_history

    with Database.open(data_dir / JOURNAL_FILE) as db:
        upsert_history(db, generate(count))


Compare = Callable[[str, list[str], dict[str, str], int], None]


def scenarios(platform: str, runs: int, *, variable: str = "COMPTOIR_BENCH_FIRST_PAINT",
              compare: Compare | None = None) -> None:
    """Demo mode, then real mode with a 100 000-row history, each through ``compare``
    (default :func:`side_by_side`) with the bench ``variable`` set for the app."""
    compare = compare or side_by_side
    base = {**os.environ, "QT_QPA_PLATFORM": platform, variable: "1"}
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed build has its bytecode
    for key in ("COMPTOIR_APIKEY", "COMPTOIR_SITE_ID", "COMPTOIR_TRANSFER_PASSWORD",
                "COMPTOIR_BENCH_FIRST_PAINT", "COMPTOIR_BENCH_STALLS"):
        if key != variable:
            base.pop(key, None)
    print(f"Qt platform: {platform}; {runs} measured runs of each after a warm-up run")

    with tempfile.TemporaryDirectory() as tmp:
        env = {**base, "COMPTOIR_DATA_DIR": str(Path(tmp) / "demo")}
        compare("comptoir --demo (training mode)", product("--demo"), env, runs)

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
        compare("comptoir (real mode, 100 000-row history cache)", product(), env, runs)


def main() -> None:
    runs = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))
    platforms = ["xcb"] if "--xcb" in sys.argv else ["offscreen"]
    if os.environ.get("DISPLAY") and "xcb" not in platforms:
        platforms.append("xcb")
    for platform in platforms:
        scenarios(platform, runs)


if __name__ == "__main__":
    main()
