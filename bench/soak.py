"""Soak: a till day against the simulator under faults; prints the reconciliation summary.

    .venv/bin/python bench/soak.py [--links 2000] [--transfers 300] [--contacts 100]
                                   [--fault-rate 0.1] [--outages 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import sys
from pathlib import Path

# harness/ sits next to backoffice/, not installed: the repository root on the path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.soak import SoakConfig, run_soak


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = SoakConfig()
    for name in ("links", "transfers", "contacts", "outages", "seed", "latency_ms",
                 "concurrency"):
        p.add_argument(f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name))
    p.add_argument("--fault-rate", type=float, default=defaults.fault_rate)
    p.add_argument("--outage-seconds", type=float, default=defaults.outage_seconds)
    p.add_argument("--day-seconds", type=float, default=defaults.day_seconds)
    args = p.parse_args()
    config = SoakConfig(links=args.links, transfers=args.transfers, contacts=args.contacts,
                        fault_rate=args.fault_rate, outages=args.outages, seed=args.seed,
                        latency_ms=args.latency_ms, concurrency=args.concurrency,
                        outage_seconds=args.outage_seconds, day_seconds=args.day_seconds)
    logging.basicConfig(level=logging.ERROR)  # retries and faults are expected here
    summary = asyncio.run(run_soak(config))
    print(f"Comptoir soak, {dt.datetime.now():%Y-%m-%d %H:%M}")
    for line in summary.lines():
        print("  " + line)
    ok = summary.lost == 0 and summary.duplicated == 0 and summary.crashes == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
