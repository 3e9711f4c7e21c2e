"""The multi-till proof, short: two tills (real comptoir-cli processes) and a back office
against the tests' own PostgreSQL server and the simulator with faults; the server stops and
comes back mid-run, a till's process is killed with SIGKILL. Every operation ends up in the
shop database once, the ledger reconciles, and the back office sees the union of the
journals (harness/multi_till.py; bench/multi_till.py is the longer run)."""

from __future__ import annotations

from pathlib import Path

from harness.multi_till import MultiTillConfig, run_multi_till
from tests.support.postgres import PostgresServer


async def test_two_tills_an_outage_and_a_kill_nothing_lost_nor_doubled(
        postgres: PostgresServer, shop_dsn: str, tmp_path: Path) -> None:
    config = MultiTillConfig(tills=2, rounds=4, seed=3, fault_rate=0.25, outage_after=1.0,
                             outage_seconds=5.0, kill_round=1)
    report = await run_multi_till(postgres, shop_dsn, config, base=tmp_path)
    summary = "\n".join(report.lines())
    assert report.killed == 1, summary
    assert report.during_outage > 0, summary  # the tills went on while the server was down
    assert report.links + report.cash == report.in_shop > 0, summary
    assert (report.missing, report.extra, report.not_replicated) == (0, 0, 0), summary
    assert (report.lost, report.duplicated) == (0, 0), summary
    assert report.view_equals_union, summary
    assert report.reconnects >= 1 and report.notifications > 0, summary
    assert postgres.running()
