"""The longest event-loop stall from the first paint until the workspace is up (and a second
after), side by side with the machine's idle floor: prints figures, asserts nothing.

    .venv/bin/python bench/startup_stall.py [RUNS] [--xcb]

Each run starts a new process as a user does (``python -m backoffice``) with
``COMPTOIR_BENCH_STALLS=1``: from its first paint on, the app beats a 5 ms ``QTimer`` on its
GUI thread and records the gaps between beats (the time between the first paint and the
event loop's first turn counts too: the window is on screen and cannot answer), until a
second after its workspace is up (``backoffice/ui/stall_meter.py``). It prints
``startup_stall_ms=…`` and its longest gaps, each with the start-up steps begun in it and
where the GUI thread was sampled. The **baseline**, alternated with it: bench/bare_window.py
under the same variable, the same meter on an idle bare window for 1.5 s after its first
paint: the longest gap an idle loop shows on this machine (its idle floor).

Issue 18's aim: the longest start-up stall < 20 ms, or at the idle floor. Both scenarios of
bench/gui_first_paint.py: ``--demo`` and real mode with a 100 000-row history cache.
``PYTHONDONTWRITEBYTECODE`` is unset; one unmeasured launch of each warms the caches.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gui_first_paint  # noqa: E402


def launch(command: list[str], env: dict[str, str]) -> tuple[float, list[str], float]:
    """(the longest stall in ms, the meter's lines, the peak RSS in MB)."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("stall: ")]
    stall = next((float(line.split("=", 1)[1]) for line in done.stdout.splitlines()
                  if line.startswith("startup_stall_ms=")), float("nan"))
    if stall != stall:
        tail = " / ".join(done.stderr.strip().splitlines()[-3:])
        raise SystemExit(f"no stall figure (exit {done.returncode}): {tail}")
    rss = next((float(line.split("=", 1)[1]) for line in done.stdout.splitlines()
                if line.startswith("peak_rss_mb=")), float("nan"))
    return stall, lines, rss


def side_by_side(label: str, command: list[str], env: dict[str, str], runs: int) -> None:
    ours, bare = gui_first_paint.alternated(command, env, runs, launch)
    print(label)
    for name, results in (("Comptoir    ", ours), ("idle floor  ", bare)):
        figures = [r[0] for r in results]
        print(f"  {name} longest stall  median {statistics.median(figures):6.1f} ms   min "
              f"{min(figures):6.1f} ms   ({', '.join(f'{f:.0f}' for f in figures)})")
    print(f"  peak RSS (MB): Comptoir median {statistics.median(r[2] for r in ours):.0f}, "
          f"bare window {statistics.median(r[2] for r in bare):.0f}")
    best = min(ours, key=lambda r: r[0])
    floor = min(r[0] for r in bare)
    print(f"  best run vs best idle floor: {best[0]:.1f} ms vs {floor:.1f} ms "
          f"({best[0] / floor:.2f}×); its longest gaps:")
    for line in best[1]:
        print(f"    {line.removeprefix('stall: ')}")
    worst = max(ours, key=lambda r: r[0])
    print(f"  worst run ({worst[0]:.1f} ms), its longest gaps:")
    for line in worst[1][:3]:
        print(f"    {line.removeprefix('stall: ')}")


def scenarios(platform: str, runs: int) -> None:
    gui_first_paint.scenarios(platform, runs, variable="COMPTOIR_BENCH_STALLS",
                              compare=side_by_side)


def main() -> None:
    runs = int(next((a for a in sys.argv[1:] if a.isdigit()), "3"))
    platforms = ["xcb"] if "--xcb" in sys.argv else ["offscreen"]
    for platform in platforms:
        scenarios(platform, runs)


if __name__ == "__main__":
    main()
