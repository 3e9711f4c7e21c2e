"""kill -9 at random points of money operations, many times, with a fresh restart each time.

Each round starts ``comptoir-cli transfer send`` or ``link create`` against the simulator
(with a random latency or a hanging answer on the money path), kills it with SIGKILL after a
random delay, then restarts (``comptoir-cli sync`` on a healthy network) and checks:
``PRAGMA integrity_check`` is ok, and the journal agrees with the simulator's ledger —
nothing lost (journal says sent, ledger lacks it; or ledger has an id the journal does not
know), nothing doubled (an id twice in the ledger).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from harness import with_root_on_path
from harness.reconcile import OURS, arm_money_fault, reconcile


@dataclass
class CrashReport:
    rounds: int = 0
    killed: int = 0  # rounds where the process was still running when killed
    integrity_failures: int = 0
    lost: int = 0
    duplicated: int = 0
    pending_after_restart: int = 0
    states: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"rounds: {self.rounds} (killed mid-operation: {self.killed})",
                f"integrity_check failures: {self.integrity_failures}",
                f"lost: {self.lost}", f"duplicated: {self.duplicated}",
                f"still pending after restart: {self.pending_after_restart}",
                "final journal states: " + ", ".join(f"{k}={v}" for k, v in
                                                    sorted(self.states.items())),
                *(f"problem: {p}" for p in self.problems[:20])]


TRANSFER_GRACE = 2.0  # seconds: longer than the slowest late request of a round


def _env(sim: Simulator, data_dir: Path) -> dict[str, str]:
    # the GUI crash loop's child runs ``python -m harness.gui_crash``: the root on the path
    env = {**with_root_on_path(os.environ), "COMPTOIR_DATA_DIR": str(data_dir),
           "COMPTOIR_LANG": "en",
           "COMPTOIR_CHECKOUT_URL": sim.base_url, "COMPTOIR_LEGACY_URL": sim.base_url,
           "COMPTOIR_TRANSFER_URL": sim.base_url, "COMPTOIR_TIMEOUT": "2",
           "COMPTOIR_ALLOW_LOOPBACK": "1",  # real mode on the simulator: a source-tree seam
           "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
           "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
           "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"],
           # a killed send may still arrive: "not found" re-sends only after this grace
           "COMPTOIR_TRANSFER_GRACE": str(TRANSFER_GRACE)}
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "backoffice.cli", *args]


def run_crash_loop(rounds: int = 20, seed: int = 1, max_delay: float = 1.2,
                   data_dir: Path | None = None) -> CrashReport:
    rng = random.Random(seed)
    report = CrashReport()
    with Simulator(seed_demo=True, rng_seed=seed) as sim, tempfile.TemporaryDirectory() as tmp:
        data = data_dir or Path(tmp) / "data"
        env = _env(sim, data)
        contact = sim.contacts()[0]
        for _ in range(rounds):
            report.rounds += 1
            transfer = rng.random() < 0.6
            path = "/v1/transfer/money/send" if transfer else "/v2/payment"
            arm_money_fault(sim, rng, path)
            if transfer:
                args = ("transfer", "send", "--prefix", contact["prefix"], "--phone",
                        contact["phone"], "--amount", str(200 + 5 * rng.randrange(100)),
                        "--again")
            else:
                args = ("link", "create", "--amount", str(100 + 5 * rng.randrange(1000)))
            proc = subprocess.Popen(_cli(*args), env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, max_delay))
            if proc.poll() is None:
                report.killed += 1
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            sim.set_faults()  # the network is healthy again for the restart
            subprocess.run(_cli("sync"), env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
            if _in_grace(data / "journal.sqlite3"):  # 723 right after the kill: wait, sync
                time.sleep(TRANSFER_GRACE)
                subprocess.run(_cli("sync"), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=60)
            _check(data / "journal.sqlite3", sim, report)
        report.states = _states(data / "journal.sqlite3")
    return report


def _in_grace(path: Path) -> bool:
    """A transfer left uncertain (CinetPay did not know it yet right after the kill)."""
    if not path.exists():
        return False
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return bool(conn.execute("SELECT count(*) FROM transfers WHERE state = 'uncertain'")
                    .fetchone()[0])


def _states(path: Path) -> Counter:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT 'transfer', state FROM transfers UNION ALL "
                            "SELECT 'link', state FROM payment_links").fetchall()
    return Counter(f"{kind}:{state}" for kind, state in rows)


def _check(path: Path, sim: Simulator, report: CrashReport) -> None:
    if not path.exists():
        return
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        transfers = conn.execute("SELECT client_transaction_id, state FROM transfers").fetchall()
        links = conn.execute("SELECT transaction_id, state FROM payment_links").fetchall()
    if ok != "ok":
        report.integrity_failures += 1
        report.problems.append(f"integrity_check: {ok}")
    ledgers = {"transfer": Counter(t["client_transaction_id"] for t in sim.transfers()),
               "link": Counter(p["transaction_id"] for p in sim.payments())}
    report.lost = report.duplicated = report.pending_after_restart = 0
    for kind, rows in (("transfer", transfers), ("link", links)):
        tally = reconcile(kind, rows, ledgers[kind], OURS[kind])
        report.lost += tally.lost
        report.duplicated += tally.duplicated
        report.pending_after_restart += tally.pending
        report.problems += tally.problems
