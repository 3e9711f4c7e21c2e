"""Several tills and a back office on one PostgreSQL server and the simulator with faults: the
shop server stopped and restarted mid-run, a till killed with SIGKILL; prints the figures.

    .venv/bin/python bench/multi_till.py [--tills 3] [--rounds 8] [--seed 1] [--fault-rate 0.2]
                                         [--outage-after 3] [--outage-seconds 4]

Needs PostgreSQL's server binaries (apt-get install postgresql): a server of its own is
started on a temporary directory and a free loopback port, then removed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import shutil
import sys
import tempfile
from pathlib import Path

# harness/ and tests/ sit next to backoffice/, not installed: the repository root on the path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.multi_till import MultiTillConfig, run_multi_till
from tests.support.postgres import PostgresServer


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = MultiTillConfig()
    for name in ("tills", "rounds", "seed", "kill_round"):
        p.add_argument(f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name))
    for name in ("fault_rate", "outage_after", "outage_seconds", "timeout"):
        p.add_argument(f"--{name.replace('_', '-')}", type=float,
                       default=getattr(defaults, name))
    args = p.parse_args()
    config = MultiTillConfig(**{k: v for k, v in vars(args).items()})
    logging.basicConfig(level=logging.ERROR)  # the outage's warnings are expected here
    # Under /tmp, each its own: the server's user must reach its directory (see tests/shop)
    pg_base = Path(tempfile.mkdtemp(prefix="comptoir-pg-"))
    base = Path(tempfile.mkdtemp(prefix="comptoir-multi-till-"))
    server = PostgresServer.start(pg_base)
    try:
        dsn = server.create_database("shop")
        report = asyncio.run(run_multi_till(server, dsn, config, base))
    finally:
        if server.running():
            server.stop("immediate")
        shutil.rmtree(pg_base, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)
    print(f"Comptoir multi-till run, {dt.datetime.now():%Y-%m-%d %H:%M}, seed {args.seed}, "
          f"fault rate {args.fault_rate}, outage {args.outage_seconds:.0f} s")
    for line in report.lines():
        print("  " + line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
