"""Several tills, one shop database, a back office watching: the proof of issue 16.

Each till is a series of real ``comptoir-cli`` processes (``link create``, ``cash add``) with
``COMPTOIR_TILL=CAISSE-n``, its own data directory, and ``COMPTOIR_SHOP_DB`` pointing at one
PostgreSQL server; the simulator answers CinetPay with random faults on link creation. While
the tills work, the shop server is stopped and restarted, and one till's process is killed
with SIGKILL mid-run (the till then goes on: its next process recovers the journal). A back
office (:class:`~backoffice.shop.view.ShopView`, LISTEN/NOTIFY) watches throughout.

At the end, each till runs ``comptoir-cli sync`` on a healthy network, then the checks:

* every operation of every till's journal is in the shop database, exactly once, with the
  journal's till, state and amount (and nothing else is there);
* the simulator's ledger reconciles with the journals (harness/reconcile: lost 0, twice 0);
* the back office's view equals the union of the tills' journals;
* the back office was told (notifications) and came back after the outage (reconnects).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from backoffice.services.events import SHOP_CHANGED, EventBus
from backoffice.shop.reads import ShopEvent
from backoffice.shop.replicate import pending_count
from backoffice.shop.view import ShopView
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from backoffice.store.clock import to_iso
from harness import with_root_on_path
from harness.reconcile import reconcile

KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 1  # Windows: TerminateProcess

# Ids with a till tag (services/ids.py): prefix, UTC time, tag (≤ 8), 6 random hex digits.
OUR_LINK = re.compile(r"CPT\d{12}[A-Z0-9]{1,8}[0-9A-F]{6}")
LINK_PATH = "/v2/payment"
Row = tuple[str, str, str, int]  # (id, till, state or kind, amount)


class Server(Protocol):
    """The shop's PostgreSQL server (tests/support/postgres.PostgresServer)."""

    def stop(self, mode: str = "fast") -> None: ...

    def restart(self) -> None: ...


@dataclass
class MultiTillConfig:
    tills: int = 3
    rounds: int = 8  # per till: a link each round, a cash sale every other round
    seed: int = 1
    fault_rate: float = 0.2  # link creations hit by a timeout, a 500 or a lost answer
    outage_after: float = 3.0  # seconds into the run the shop server stops
    outage_seconds: float = 4.0
    kill_round: int = 2  # the round at which the first till's process is killed (-1: none)
    timeout: float = 2.0  # COMPTOIR_TIMEOUT of the tills


@dataclass
class MultiTillReport:
    tills: int = 0
    processes: int = 0  # comptoir-cli runs
    killed: int = 0
    during_outage: int = 0  # operations journaled while the shop server was down
    links: int = 0  # in the tills' journals
    cash: int = 0
    in_shop: int = 0  # rows of links + cash_movements in the shop database
    missing: int = 0  # in a journal, not in the shop database (or different there)
    extra: int = 0  # in the shop database, in no journal
    lost: int = 0  # the simulator's ledger against the journals
    duplicated: int = 0
    confirmed: int = 0
    pending: int = 0  # links still uncertain or waiting to be sent
    not_replicated: int = 0  # journal rows not copied yet after the final sync
    view_equals_union: bool = False
    notifications: int = 0
    reconnects: int = 0
    seconds: float = 0.0
    catch_up_seconds: float = 0.0  # final syncs: from the last till's start to all copied
    exit_codes: Counter[int] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.lost or self.duplicated
                    or self.not_replicated) and self.view_equals_union

    def lines(self) -> list[str]:
        return [f"tills: {self.tills}, comptoir-cli runs: {self.processes} "
                f"(killed with SIGKILL: {self.killed})",
                f"operations in the journals: {self.links} links, {self.cash} cash sales "
                f"({self.during_outage} made while the shop server was down)",
                f"in the shop database: {self.in_shop} (missing {self.missing}, "
                f"extra {self.extra}, not replicated {self.not_replicated})",
                f"CinetPay ledger: confirmed {self.confirmed}, pending {self.pending}, "
                f"lost {self.lost}, sent twice {self.duplicated}",
                f"back office: view equals the union of the journals: "
                f"{'yes' if self.view_equals_union else 'NO'}; notifications "
                f"{self.notifications}, reconnections {self.reconnects}",
                f"run {self.seconds:.1f} s; final sync of every till {self.catch_up_seconds:.1f} s",
                "exit codes: " + ", ".join(f"{k}×{v}" for k, v in sorted(self.exit_codes.items())),
                *(f"problem: {p}" for p in self.problems[:20])]


def till_env(code: str, data_dir: Path, sim: Simulator, dsn: str, timeout: float,
             pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in with_root_on_path(os.environ).items()
           if not k.startswith("COMPTOIR_") and k not in ("PYTHONDONTWRITEBYTECODE",
                                                          "PYTHON_KEYRING_BACKEND")}
    env.update({"COMPTOIR_DATA_DIR": str(data_dir), "COMPTOIR_LANG": "en",
                "COMPTOIR_TILL": code, "COMPTOIR_SHOP_DB": dsn,
                "COMPTOIR_CHECKOUT_URL": sim.base_url, "COMPTOIR_LEGACY_URL": sim.base_url,
                "COMPTOIR_TRANSFER_URL": sim.base_url, "COMPTOIR_ALLOW_LOOPBACK": "1",
                "COMPTOIR_TIMEOUT": str(timeout),
                "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
                "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
                "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"],
                "PYTHONPYCACHEPREFIX": str(pycache), "LANG": "C.UTF-8"})
    return env


class _Run:
    """The shared state of one run (the shop server's state, counters)."""

    def __init__(self, report: MultiTillReport) -> None:
        self.report = report
        self.outage: tuple[datetime, datetime] | None = None  # the server's stop, restart

    async def cli(self, env: dict[str, str], *args: str,
                  kill_after: float | None = None) -> int:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "backoffice.cli", *args, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        errors = asyncio.ensure_future(proc.stderr.read()) if proc.stderr else None
        self.report.processes += 1
        if kill_after is not None:
            try:
                await asyncio.wait_for(proc.wait(), kill_after)
            except TimeoutError:
                proc.kill()  # SIGKILL (TerminateProcess on Windows)
                self.report.killed += 1
        code = await proc.wait()
        self.report.exit_codes[code] += 1
        said = (await errors).decode(errors="replace").strip() if errors else ""
        if code not in (0, KILLED) and said:
            self.report.problems.append(f"{' '.join(args)} exit {code}: {said[-300:]}")
        return code


async def _till(run: _Run, env: dict[str, str], rounds: int, rng: random.Random,
                kill_round: int) -> None:
    delay = rng.uniform(0.4, 1.6)
    for n in range(rounds):
        # From kill_round on, until one process is killed: a run that ends before its kill
        # (a quick machine) makes the next one's delay half as long.
        kill = None
        if 0 <= kill_round <= n and run.report.killed == 0:
            kill = delay / 2 ** (n - kill_round)
        await run.cli(env, "link", "create", "--amount", str(100 * rng.randrange(1, 200)),
                      kill_after=kill)
        if n % 2 == 0:
            await run.cli(env, "cash", "add", "--amount", str(50 * rng.randrange(1, 100)))


async def _outage(run: _Run, server: Server, after: float, seconds: float) -> None:
    await asyncio.sleep(after)
    await asyncio.to_thread(server.stop)
    stopped = datetime.now(UTC)
    try:
        await asyncio.sleep(seconds)
    finally:
        run.outage = (stopped, datetime.now(UTC))
        await asyncio.to_thread(server.restart)


async def run_multi_till(server: Server, dsn: str, config: MultiTillConfig,
                         base: Path | None = None) -> MultiTillReport:
    """The whole run (see the module doc); ``dsn``: an empty database on ``server``."""
    report = MultiTillReport(tills=config.tills)
    rng = random.Random(config.seed)
    started = time.monotonic()
    with Simulator(seed_demo=True, rng_seed=config.seed) as sim, \
            tempfile.TemporaryDirectory() as tmp:
        root = base or Path(tmp)
        codes = [f"CAISSE-{i + 1}" for i in range(config.tills)]
        envs = {c: till_env(c, root / c, sim, dsn, config.timeout, root / "pycache")
                for c in codes}
        run = _Run(report)
        if await run.cli(envs[codes[0]], "shop", "init") != 0:
            raise RuntimeError("comptoir-cli shop init failed")
        events: list[ShopEvent] = []
        bus = EventBus()
        bus.subscribe(SHOP_CHANGED, events.append)
        view = ShopView(dsn)
        await view.listen(bus)
        try:
            sim.set_faults(rate=config.fault_rate, seed=config.seed, paths=[LINK_PATH],
                           kinds=["timeout", "http_500", "drop_after_commit"],
                           hang_seconds=config.timeout + 1)
            await asyncio.gather(
                _outage(run, server, config.outage_after, config.outage_seconds),
                *(_till(run, envs[c], config.rounds, random.Random(rng.random()),
                        config.kill_round if i == 0 else -1) for i, c in enumerate(codes)))
            sim.set_faults()  # a healthy network for the final syncs
            catch_up = time.monotonic()
            await asyncio.gather(*(run.cli(envs[c], "sync") for c in codes))
            report.catch_up_seconds = time.monotonic() - catch_up
            await _until(lambda: view.listening)  # back after the outage
            await _settle(lambda: len(events))
            await _check(report, view, sim, [root / c / "journal.sqlite3" for c in codes],
                         run.outage)
        finally:
            await view.aclose()
        report.notifications = sum(1 for e in events if e.table != "*")
        report.reconnects = sum(1 for e in events if e.table == "*")
    report.seconds = time.monotonic() - started
    return report


async def _until(condition: Callable[[], bool], limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)


async def _settle(count: Callable[[], int], quiet: float = 1.0, limit: float = 15.0) -> None:
    """Wait until no notification arrived for ``quiet`` seconds (at most ``limit``)."""
    deadline = time.monotonic() + limit
    last, since = count(), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet:
        await asyncio.sleep(0.1)
        if count() != last:
            last, since = count(), time.monotonic()


def made_between(path: Path, window: tuple[datetime, datetime] | None) -> int:
    """Links and cash movements journaled in ``window`` (the shop server's outage)."""
    if window is None:
        return 0
    lo, hi = (to_iso(w) for w in window)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = [conn.execute(f"SELECT count(*) FROM {table} WHERE created_at >= ?"
                              " AND created_at <= ?", (lo, hi)).fetchone()[0]
                 for table in ("payment_links", "cash_movements")]
    return int(sum(found))


def journal_rows(path: Path) -> tuple[set[Row], set[Row], list[tuple[str, str]]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        links = conn.execute("SELECT transaction_id, till, state, amount FROM payment_links"
                             ).fetchall()
        cash = conn.execute("SELECT movement_id, till, kind, amount FROM cash_movements"
                            ).fetchall()
    return ({(a, b, c, int(d)) for a, b, c, d in links},
            {(a, b, c, int(d)) for a, b, c, d in cash}, [(a, c) for a, _, c, _ in links])


async def _check(report: MultiTillReport, view: ShopView, sim: Simulator,
                 journals: list[Path], outage: tuple[datetime, datetime] | None) -> None:
    links: set[Row] = set()
    cash: set[Row] = set()
    states: list[tuple[str, str]] = []
    for path in journals:
        if not path.exists():
            continue
        one_links, one_cash, one_states = journal_rows(path)
        links |= one_links
        cash |= one_cash
        states += one_states
        report.not_replicated += pending_count(path)
        report.during_outage += made_between(path, outage)
    report.links, report.cash = len(links), len(cash)
    shop = await view.ids()
    report.in_shop = len(shop["links"]) + len(shop["cash_movements"])
    for table, mine in (("links", links), ("cash_movements", cash)):
        report.missing += len(mine - shop[table])
        report.extra += len(shop[table] - mine)
        report.problems += [f"{table}: {r} only in a journal" for r in sorted(mine - shop[table])]
        report.problems += [f"{table}: {r} only in the shop" for r in sorted(shop[table] - mine)]
    ledger = Counter(p["transaction_id"] for p in sim.payments())
    tally = reconcile("link", states, ledger, OUR_LINK)
    report.lost, report.duplicated = tally.lost, tally.duplicated
    report.confirmed, report.pending = tally.confirmed, tally.pending
    report.problems += tally.problems
    seen = {(op.kind, op.ref, op.till, op.amount)
            for op in await view.operations(limit=1_000_000)}
    union = {("link", r, t, a) for r, t, _, a in links} | \
        {("cash", r, t, a) for r, t, _, a in cash}
    report.view_equals_union = seen == union
