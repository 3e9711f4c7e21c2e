"""kill -9 the desktop app in the middle of money operations, restart the real app, reconcile.

Each round runs a child process with the real main window on the qasync loop (the same
construction as the app: journal, services, bridge, tabs). It creates a payment link through
the Encaisser tab (amount typed, Enter) or sends a transfer through the services, with the
simulator slowing or hanging the money request. The child is killed with SIGKILL after a random
delay. Then the real app (``python -m backoffice``) is started on the same data directory.
It reconciles at start-up and drains its outbox when asked to quit (SIGTERM). Then
``PRAGMA integrity_check`` and the ledger comparison of the CLI crash loop are run.

    python -m harness.gui_crash child DATA_DIR BASE_URL link|transfer AMOUNT
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from harness.crashloop import CrashReport, _check, _env, _states
from harness.reconcile import arm_money_fault


def _child(data_dir: str, base_url: str, kind: str, amount: int) -> int:
    """The window, one money operation started the way the tabs start it, then wait."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    from backoffice.api import CinetPayClient, Credentials, Endpoints
    from backoffice.preferences import Preferences
    from backoffice.services.core import Comptoir
    from backoffice.ui.context import UiContext
    from backoffice.ui.kit.bridge import AsyncBridge
    from backoffice.ui.kit.messages import MessageBar
    from backoffice.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)

    async def main() -> None:
        creds = Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                            DEMO_CREDENTIALS["transfer_password"])
        core = await Comptoir.open(Path(data_dir), CinetPayClient(creds,
                                                                  Endpoints.single(base_url)))
        ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(),
                        data_dir=Path(data_dir), messages=MessageBar(), training=False)
        window = MainWindow(ctx)
        window.show()
        if kind == "link":
            window.checkout_tab.amount.set_value(amount)
            window.checkout_tab.submit()  # what Enter does
        else:
            contact = (await core.api.transfer.list_contacts())[0]
            ctx.bridge.run(core.transfers.send(contact.prefix, contact.phone, amount))
        print("started", flush=True)
        await asyncio.Event().wait()  # until killed

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(main())
    return 0


def _restart_app(env: dict[str, str], journal: Path, timeout: float = 25.0) -> None:
    """Start the real app on the journal, let it reconcile, ask it to quit (it drains)."""
    env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-m", "backoffice"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.3)
            if _pending(journal) == 0:
                break
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)  # quits after draining the outbox
            app.wait(timeout=40)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def _pending(journal: Path) -> int:
    if not journal.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(
                "SELECT count(*) FROM transfers WHERE state IN "
                "('queued', 'sending', 'uncertain')").fetchone()[0]
    except sqlite3.Error:
        return -1


def run_gui_crash_loop(rounds: int = 10, seed: int = 1, max_delay: float = 1.0,
                       data_dir: Path | None = None) -> CrashReport:
    rng = random.Random(seed)
    report = CrashReport()
    with Simulator(seed_demo=True, rng_seed=seed) as sim, tempfile.TemporaryDirectory() as tmp:
        data = data_dir or Path(tmp) / "data"
        env = _env(sim, data)
        journal = data / "journal.sqlite3"
        for _ in range(rounds):
            report.rounds += 1
            kind = "transfer" if rng.random() < 0.5 else "link"
            path = "/v1/transfer/money/send" if kind == "transfer" else "/v2/payment"
            arm_money_fault(sim, rng, path, min_latency_ms=200)
            amount = 200 + 5 * rng.randrange(100) if kind == "transfer" else \
                100 + 5 * rng.randrange(1000)
            child = subprocess.Popen(
                [sys.executable, "-m", "harness.gui_crash", "child", str(data),
                 sim.base_url, kind, str(amount)],
                env={**env, "QT_QPA_PLATFORM": "offscreen"}, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True)
            assert child.stdout is not None
            child.stdout.readline()  # "started" (or EOF if it died)
            time.sleep(rng.uniform(0.0, max_delay))
            if child.poll() is None:
                report.killed += 1
                os.kill(child.pid, signal.SIGKILL)
            child.wait()
            sim.set_faults()
            _restart_app(env, journal)
            _check(journal, sim, report)
        report.states = _states(journal)
    return report


if __name__ == "__main__":  # pragma: no cover - the child process
    if len(sys.argv) == 6 and sys.argv[1] == "child":
        sys.exit(_child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])))
    print(__doc__)
    sys.exit(2)
