"""A till day under fire: link creations and checks, transfers, contact additions and history
refreshes in parallel, against the simulator with faults, latency spikes and outages; then
the journal is reconciled with the simulator's ledger.

Lost = an operation the journal says went through that the ledger lacks, or a ledger entry
of ours the journal does not know. Duplicated = the ledger holds one of our ids more than once
(or one intent produced two operations). Crash = any exception that is not a typed error.
"""

from __future__ import annotations

import asyncio
import random
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from backoffice.api import CinetPayClient, Contact, Credentials, Endpoints, RetryPolicy
from backoffice.api.errors import CinetPayError
from backoffice.services.core import Comptoir
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from backoffice.store.states import State
from harness.reconcile import OURS, closed_port_url, reconcile

FAULT_KINDS = ["timeout", "http_500", "html_error", "malformed_json", "rate_limit_429",
               "drop_after_commit"]


@dataclass
class SoakConfig:
    links: int = 2000
    transfers: int = 300
    contacts: int = 100
    history_refreshes: int = 20
    fault_rate: float = 0.1
    latency_ms: int = 5
    spike_every: int = 200  # every N link creations, a latency spike …
    spike_ms: int = 400  # … of this many ms for a short while
    outages: int = 2  # network outages (client pointed at a closed port)
    outage_seconds: float = 3.0
    concurrency: int = 8
    day_seconds: float = 20.0  # arrivals are spread over this long (a compressed till day)
    seed: int = 1


@dataclass
class SoakSummary:
    config: SoakConfig
    attempted: Counter = field(default_factory=Counter)
    confirmed: Counter = field(default_factory=Counter)
    pending: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    lost: int = 0
    duplicated: int = 0
    crashes: int = 0
    typed_errors: int = 0
    longest_stall_ms: float = 0.0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        c = self.config
        out = [
            f"settings: links={c.links} transfers={c.transfers} contacts={c.contacts} "
            f"fault_rate={c.fault_rate} kinds={','.join(FAULT_KINDS)} latency={c.latency_ms}ms "
            f"spikes={c.spike_ms}ms/{c.spike_every} outages={c.outages}x{c.outage_seconds}s "
            f"day={c.day_seconds}s seed={c.seed}",
            f"duration: {self.seconds:.1f} s",
        ]
        for kind in ("link", "transfer", "contact"):
            out.append(f"{kind + 's':<10} attempted {self.attempted[kind]:>5}  confirmed "
                       f"{self.confirmed[kind]:>5}  refused {self.refused[kind]:>4}  "
                       f"still pending {self.pending[kind]:>4}")
        out += [f"typed errors shown to staff: {self.typed_errors}",
                f"lost: {self.lost}", f"duplicated: {self.duplicated}",
                f"crashes: {self.crashes}",
                f"longest event-loop stall: {self.longest_stall_ms:.1f} ms"]
        return out + [f"problem: {p}" for p in self.problems[:20]]


def _client(url: str, creds: Credentials) -> CinetPayClient:
    return CinetPayClient(creds, Endpoints.single(url),
                          timeout=httpx.Timeout(connect=1.0, read=1.0, write=1.0, pool=2.0),
                          retry=RetryPolicy(attempts=3, wait_initial=0.05, wait_max=0.2,
                                            retry_after_cap=0.2, timeout=5))


async def run_soak(config: SoakConfig, data_dir: Path | None = None) -> SoakSummary:
    summary = SoakSummary(config)
    rng = random.Random(config.seed)
    creds = Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                        DEMO_CREDENTIALS["transfer_password"])
    with Simulator(seed_demo=True, rng_seed=config.seed) as sim, \
            tempfile.TemporaryDirectory() as tmp:
        clients = [_client(sim.base_url, creds)]
        core = await Comptoir.open(data_dir or Path(tmp), clients[0])
        # A transfer "not found" right after a lost answer waits out the in-flight grace
        # before it is sent again; the compressed day compresses that wait too.
        core.transfers.grace = timedelta(seconds=1)
        contacts = (await clients[0].transfer.list_contacts())[:10]
        # Fund the transfer account for hundreds of transfers (a trainer would do the same).
        amounts = [200 + 5 * rng.randrange(0, 60) for _ in range(config.transfers)]

        def faults(latency: int) -> None:
            sim.set_faults(latency_ms=latency, rate=config.fault_rate, kinds=FAULT_KINDS,
                           seed=config.seed, hang_seconds=1.5)

        faults(config.latency_ms)
        stall = {"max": 0.0}
        running = True

        async def heartbeat() -> None:
            loop = asyncio.get_running_loop()
            last = loop.time()
            while running:
                await asyncio.sleep(0.01)
                now = loop.time()
                stall["max"] = max(stall["max"], (now - last - 0.01) * 1000)
                last = now

        async def guarded(kind: str, coro) -> None:
            summary.attempted[kind] += 1
            try:
                await coro
            except CinetPayError:
                summary.typed_errors += 1
            except Exception as exc:  # anything untyped is a crash
                summary.crashes += 1
                summary.problems.append(f"{kind}: {type(exc).__name__}: {exc}")

        limit = asyncio.Semaphore(config.concurrency)

        loop = asyncio.get_running_loop()
        opening = loop.time()

        async def arrive(i: int, total: int) -> None:
            await asyncio.sleep(max(0.0, opening + config.day_seconds * i / total - loop.time()))

        async def cashier(i: int) -> None:
            await arrive(i, config.links)
            async with limit:
                if config.spike_every and i % config.spike_every == 0 and i:
                    faults(config.spike_ms)
                    await asyncio.sleep(0.3)
                    faults(config.latency_ms)
                amount = 100 + 5 * rng.randrange(0, 2000)
                row = None

                async def create() -> None:
                    nonlocal row
                    row = await core.links.create(amount)

                await guarded("link", create())
                if row is not None and row.state is State.SENT and rng.random() < 0.7:
                    outcome = "ACCEPTED" if rng.random() < 0.85 else "REFUSED"
                    try:
                        sim.settle(row.transaction_id, outcome=outcome, payment_method="OM",
                                   phone_number="0701020304")
                    except Exception as exc:  # the simulator refusing is not our crash
                        summary.problems.append(f"settle: {exc}")
                    try:
                        await core.links.refresh(row.transaction_id, quiet=True)
                    except CinetPayError:
                        summary.typed_errors += 1

        async def payer(i: int) -> None:
            await arrive(i, config.transfers)
            async with limit:
                c = contacts[i % len(contacts)]
                await guarded("transfer", core.transfers.send(c.prefix, c.phone, amounts[i]))

        async def adder(i: int) -> None:
            await arrive(i, config.contacts)
            async with limit:
                await guarded("contact", core.contacts.add(
                    Contact("225", f"07{40000000 + i:08d}", f"Soak{i}", "Contact")))

        async def historian() -> None:
            for _ in range(config.history_refreshes):
                try:
                    await core.history.refresh()
                except CinetPayError:
                    summary.typed_errors += 1
                await asyncio.sleep(config.day_seconds / max(1, config.history_refreshes))

        async def outages() -> None:
            gap = config.day_seconds / (config.outages + 1)
            for _ in range(config.outages):
                await asyncio.sleep(max(0.0, gap - config.outage_seconds))
                down = _client(closed_port_url(), creds)
                clients.append(down)
                core.api = down
                await asyncio.sleep(config.outage_seconds)
                up = _client(sim.base_url, creds)
                clients.append(up)
                core.api = up
                await core.connectivity.probe_now()

        started = time.monotonic()
        beat = asyncio.create_task(heartbeat())
        await asyncio.gather(
            *(cashier(i) for i in range(config.links)),
            *(payer(i) for i in range(config.transfers)),
            *(adder(i) for i in range(config.contacts)),
            historian(), outages())

        # End of day: network healthy again, drain until nothing is left to do.
        sim.set_faults()
        sim.advance(300)
        core.api = clients[-1] if clients[-1].endpoints.checkout == sim.base_url else \
            _client(sim.base_url, creds)
        await core.connectivity.probe_now()
        for _ in range(5):
            await asyncio.sleep(core.transfers.grace.total_seconds())
            await _clear_backoff(core)
            report = await core.sync.drain()
            await core.links.refresh_all()
            await core.transfers.refresh_all()
            if report.remaining == 0:
                break
        running = False
        await beat
        summary.seconds = time.monotonic() - started
        summary.longest_stall_ms = stall["max"]
        await _reconcile(core, sim, summary)
        await core.aclose(drain=False)
        for c in clients:
            await c.aclose()
    return summary


async def _clear_backoff(core: Comptoir) -> None:
    def clear(db) -> None:
        with db.transaction() as conn:
            for table in ("payment_links", "transfers", "contacts"):
                conn.execute(f"UPDATE {table} SET not_before = NULL")

    await core.db.run(clear)


async def _reconcile(core: Comptoir, sim: Simulator, summary: SoakSummary) -> None:
    db = core.db

    def rows(db_, table: str, key: str) -> list[tuple[str, str]]:
        return [(r[key], r["state"]) for r in db_.query(f"SELECT {key}, state FROM {table}")]

    links = await db.run(rows, "payment_links", "transaction_id")
    transfers = await db.run(rows, "transfers", "client_transaction_id")
    contacts = await db.run(rows, "contacts", "phone")
    ledger_pay = Counter(p["transaction_id"] for p in sim.payments())
    ledger_tr = Counter(t["client_transaction_id"] for t in sim.transfers())
    ledger_ct = Counter(c["phone"] for c in sim.contacts())

    # the soak's own contacts (07 40000000+i); the demo shop's may also start with 074
    ours = {**OURS, "contact": re.compile(r"07400000\d{2}")}
    for kind, journal, ledger in (("link", links, ledger_pay), ("transfer", transfers, ledger_tr),
                                  ("contact", contacts, ledger_ct)):
        tally = reconcile(kind, journal, ledger, ours[kind])
        summary.confirmed[kind] += tally.confirmed
        summary.refused[kind] += tally.refused
        summary.pending[kind] += tally.pending
        summary.lost += tally.lost
        summary.duplicated += tally.duplicated
        summary.problems += tally.problems
