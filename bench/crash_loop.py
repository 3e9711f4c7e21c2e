"""kill -9 the CLI (or the desktop app) at random points of money operations, restart,
reconcile; print a summary.

    .venv/bin/python bench/crash_loop.py [--rounds 50] [--seed 1] [--gui]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

# harness/ sits next to backoffice/, not installed: the repository root on the path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.crashloop import run_crash_loop


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--gui", action="store_true", help="kill the desktop app, not the CLI")
    args = p.parse_args()
    if args.gui:
        from harness.gui_crash import run_gui_crash_loop

        report = run_gui_crash_loop(rounds=args.rounds, seed=args.seed)
    else:
        report = run_crash_loop(rounds=args.rounds, seed=args.seed)
    what = "desktop app" if args.gui else "CLI"
    print(f"Comptoir crash loop ({what}), {dt.datetime.now():%Y-%m-%d %H:%M}, seed {args.seed}")
    for line in report.lines():
        print("  " + line)
    bad = report.lost or report.duplicated or report.integrity_failures
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
