"""Bulk checks at the network's limit, and the event loop's longest stall: prints figures,
asserts nothing.

    .venv/bin/python bench/bulk_checks.py [LINKS] [LATENCY_MS] [--history ROWS] [--seq LINKS]
    .venv/bin/python bench/bulk_checks.py --history-only [--history ROWS] [LATENCY_MS]
    options: --why (where the stalls come from), --switch MS (GIL switch interval; default
             the app's, 0.5 ms),
             --no-asyncgen-hooks (run on bare qasync, without asyncio's async-generator
             hooks: the app's loop, ui/kit/qt_loop.QtLoop, has them)

One run, side by side with its baselines (issue 18):

* the **idle floor**: the longest gap of a 10 ms QTimer heartbeat with nothing happening;
* **link creation**: 20 links created one after another at LATENCY_MS, the way a cashier does;
* the **bulk check**: LINKS (default 500) pending links (a third settled at "CinetPay"),
  "Vérifier tous les paiements en attente" pressed on a visible (offscreen) Encaisser tab:
  wall time against N·RTT/concurrency, and against two baselines doing the same
  ``/v2/payment/check`` requests with plain ``httpx`` + ``asyncio.Semaphore`` (same
  concurrency, and one at a time: sequential, on ``--seq`` links scaled to LINKS);
* a **history refresh** of ROWS (default 100 000) transactions (fetched by date ranges);
  ``--history-only``: the idle floor and this refresh alone (LATENCY_MS is then the only
  positional argument).

The simulator runs in its own process (CinetPay is not in ours: no shared GIL), with
LATENCY_MS (default 50) on every API request. Stalls are the heartbeat's gaps minus 10 ms.
"""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BEAT_MS = 10


def serve_simulator(history_rows: int) -> None:
    """Child process: a simulator with ``history_rows`` past payments, until stdin closes."""
    from backoffice.simulator import Simulator

    sim = Simulator(seed_demo=False)
    if history_rows:
        sim.state.add_past_payments(history_rows, 150)
    print(sim.start(), flush=True)
    sys.stdin.read()  # the bench closed our stdin: stop
    sim.stop()


def _schedstat() -> tuple[int, int, int]:
    """This thread's time on a CPU and waiting for one (ns), as Linux counts them, and the
    time the machine's virtual CPUs were stolen by its host (ns, in 10 ms steps)."""
    with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as stat:
        run, wait, _ = stat.read().split()
    with open("/proc/stat") as stat:
        steal = int(stat.readline().split()[8]) * 10_000_000
    return int(run), int(wait), steal


class Heartbeat:
    """A 10 ms QTimer on the GUI thread: how late each beat comes is a stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.stalls: list[float] = []
        self.when: list[float] = []  # perf_counter of each beat
        self.dump: Any = None  # a file, for StallSampler
        self.sched: list[tuple[int, int, int]] = []  # --why: at each beat, _schedstat()
        self.last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)

    def __enter__(self) -> Heartbeat:
        self.stalls.clear()
        self.when.clear()
        self.last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()
        if self.dump is not None:
            faulthandler.cancel_dump_traceback_later()

    def _beat(self) -> None:
        if self.dump is not None:  # --why: every thread's stack if the next beat is 30 ms late
            faulthandler.dump_traceback_later((BEAT_MS + 30) / 1000, file=self.dump)
        now = time.perf_counter()
        self.stalls.append(max(0.0, (now - self.last) * 1000 - BEAT_MS))
        self.when.append(now)
        if self.dump is not None:
            self.sched.append(_schedstat())
        self.last = now

    @property
    def worst(self) -> float:
        return max(self.stalls, default=0.0)


class StallSampler:
    """``--why``: a watchdog thread that, while the GUI thread is late by over 15 ms, samples
    every busy thread's Python stack every 2 ms: what runs while the GUI thread waits."""

    def __init__(self, beat: Heartbeat) -> None:
        self.beat = beat
        self.samples: dict[str, int] = {}
        self._main = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> StallSampler:
        self.beat.dump = tempfile.TemporaryFile("w+")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        import traceback

        while not self._stop.wait(0.002):
            if (time.perf_counter() - self.beat.last) * 1000 < BEAT_MS + 15:
                continue
            frames = sys._current_frames()
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                stack = traceback.StackSummary.extract(traceback.walk_stack(frame), limit=5,
                                                       lookup_lines=False)
                where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                                   for f in stack)
                if "wait" in where.split(" < ")[0] or "_worker" in where.split(" < ")[0]:
                    continue  # an idle thread
                where = ("GUI  " if ident == self._main else "other ") + where
                self.samples[where] = self.samples.get(where, 0) + 1

    def report(self) -> None:
        for where, n in sorted(self.samples.items(), key=lambda kv: -kv[1])[:12]:
            print(f"    {2 * n:5d} ms  {where}")
        self.beat.dump.seek(0)
        dumps = self.beat.dump.read()
        self.beat.dump.close()
        if dumps:
            print("  every thread's stack 30 ms into each stall over 30 ms (faulthandler):")
            print("\n".join("    " + line for line in dumps.splitlines()[:120]))


class Collections:
    """The garbage collections meanwhile, per generation (count, longest ms): a stall source."""

    def __init__(self) -> None:
        self.times: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self.spans: list[tuple[float, float, int]] = []  # start, end, generation
        self._started = 0.0

    def __enter__(self) -> Collections:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            end = time.perf_counter()
            self.times[info["generation"]].append(1000 * (end - self._started))
            self.spans.append((self._started, end, info["generation"]))

    def during(self, start: float, end: float) -> str:
        """The collections between ``start`` and ``end``: "gen2 23 ms, gen0 0.4 ms"."""
        return ", ".join(f"gen{g} {1000 * (b - a):.1f} ms" for a, b, g in self.spans
                         if a < end and b > start) or "no GC"

    def __str__(self) -> str:
        full = self.times[2]
        young = self.times[0] + self.times[1]
        return (f"{len(full)} full GC" + (f" (longest {max(full):.0f} ms)" if full else "")
                + f", {len(young)} young" + (f" (longest {max(young):.1f} ms)" if young else ""))


class SimControl:
    """The simulator's /_sim/ control API, over HTTP (it lives in another process)."""

    def __init__(self, base_url: str) -> None:
        import httpx

        self.base_url = base_url
        self._http = httpx.Client(base_url=base_url, timeout=30)

    def faults(self, latency_ms: int) -> None:
        self._http.post("/_sim/faults", json={"latency_ms": latency_ms}).raise_for_status()

    def settle(self, transaction_id: str, outcome: str) -> None:
        self._http.post(f"/_sim/payments/{transaction_id}/settle",
                        json={"outcome": outcome}).raise_for_status()


async def baseline(url: str, creds: dict[str, str], ids: list[str], concurrency: int) -> float:
    """httpx + a semaphore: the same checks, nothing journaled. Seconds."""
    import httpx

    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(headers={"User-Agent": "bench"}, timeout=30) as http:
        async def one(transaction_id: str) -> None:
            async with limit:
                answer = await http.post(f"{url}/v2/payment/check", json={
                    "apikey": creds["apikey"], "site_id": creds["site_id"],
                    "transaction_id": transaction_id})
                answer.raise_for_status()
                answer.json()

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in ids))
        return time.perf_counter() - started


async def bench(links: int, latency_ms: int, history_rows: int, seq_links: int,
                why: bool = False, hooks: bool = False) -> None:
    from backoffice.api import CinetPayClient, Credentials, Endpoints
    from backoffice.preferences import Preferences
    from backoffice.services.core import Comptoir
    from backoffice.simulator import DEMO_CREDENTIALS
    from backoffice.ui.checkout.status_checker import StatusChecker
    from backoffice.ui.checkout.tab import CheckoutTab
    from backoffice.ui.context import UiContext
    from backoffice.ui.kit.bridge import AsyncBridge
    from backoffice.ui.kit.messages import MessageBar

    StatusChecker.SCHEDULE = ((float("inf"), 3600.0),)  # the bulk check alone
    child = subprocess.Popen([sys.executable, __file__, "--serve-sim", str(history_rows)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None and child.stdin is not None
    url = child.stdout.readline().strip()
    sim = SimControl(url)
    creds = Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                        DEMO_CREDENTIALS["transfer_password"])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        core = await Comptoir.open(data, CinetPayClient(creds, Endpoints.single(url)))
        ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(), data_dir=data,
                        messages=MessageBar(), training=True)
        concurrency = core.settings.refresh_concurrency
        try:
            if hooks:  # as the app's loop does (ui/kit/qt_loop.py); bare qasync does not
                loop: Any = asyncio.get_running_loop()
                sys.set_asyncgen_hooks(firstiter=loop._asyncgen_firstiter_hook,
                                       finalizer=loop._asyncgen_finalizer_hook)
            await core.api.legacy.account_status()  # the HTTP stack's imports, as in use
            gc.collect()  # as ui/app.py does once the window is up
            gc.freeze()
            await asyncio.sleep(0.5)
            with Heartbeat() as idle:
                await asyncio.sleep(3)

            creating = bulk = Heartbeat()
            bulk_gc = Collections()
            ids: list[str] = []
            checked = same = sequential = 0.0
            paid = 0
            sample: list[str] = []
            if links:  # not --history-only
                limit = asyncio.Semaphore(8)

                async def make(n: int):
                    async with limit:
                        return await core.links.create(1000 + 5 * (n % 400), "Vente comptoir")

                rows = await asyncio.gather(*(make(n) for n in range(links)))
                for n, row in enumerate(rows):
                    if n % 3 == 0:
                        sim.settle(row.transaction_id, "ACCEPTED" if n % 2 else "REFUSED")
                sim.faults(latency_ms)
                with Heartbeat() as creating:
                    for n in range(20):
                        await core.links.create(2000 + 5 * n, "Vente comptoir")
                ids = [r.transaction_id for r in rows]

                tab = CheckoutTab(ctx)
                tab.resize(1240, 700)
                tab.show()
                tab.reload()
                await asyncio.sleep(0.5)
                await ctx.bridge.wait_idle()
                with Heartbeat() as bulk, Collections() as bulk_gc:
                    started = time.perf_counter()
                    tab.verify_all_button.click()  # what the cashier does (F5)
                    await asyncio.sleep(0)
                    await ctx.bridge.wait_idle()
                    checked = time.perf_counter() - started
                    await asyncio.sleep(0.3)  # the last debounced reload of the list
                    await ctx.bridge.wait_idle()
                paid = sum(r.payment_status == "ACCEPTED" for r in tab.model.rows)
                tab.close()

                same = await baseline(url, DEMO_CREDENTIALS, ids, concurrency)
                sample = ids[:seq_links]
                one_by_one = await baseline(url, DEMO_CREDENTIALS, sample, 1)
                sequential = one_by_one * len(ids) / len(sample)

            history = history_stall = refresh_at = peak_mb = 0.0
            fetched = 0
            refresh_gc = Collections()
            windows: list[tuple[float, float, str]] = []  # --why: each request's span
            if history_rows and why:
                ask = core.api.legacy.history_records

                async def timed(flt: Any) -> Any:
                    began = time.perf_counter()
                    try:
                        rows = await ask(flt)
                    except Exception as exc:
                        windows.append((began, time.perf_counter(), type(exc).__name__))
                        raise
                    windows.append((began, time.perf_counter(), f"{len(rows)} rows"))
                    return rows

                core.api.legacy.history_records = timed  # type: ignore[method-assign]
            if history_rows:
                sim.faults(latency_ms)
                with Heartbeat() as refresh, Collections() as refresh_gc, \
                        StallSampler(refresh) as where:
                    started = refresh_at = time.perf_counter()
                    fetched = await core.history.refresh()
                    history = time.perf_counter() - started
                history_stall = refresh.worst
                peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        finally:
            await ctx.bridge.shutdown()
            await core.aclose(drain=False)
            child.stdin.close()
            child.wait(timeout=30)

    if links:
        ideal = len(ids) * latency_ms / 1000 / concurrency
        rtt = sequential / len(ids)  # one check's measured round trip, latency included
        measured = len(ids) * rtt / concurrency
        print(f"{len(ids)} pending links, simulator latency {latency_ms} ms (own process), "
              f"concurrency {concurrency}; {paid} found paid")
        print(f"  N·latency/concurrency            {ideal:6.2f} s")
        print(f"  N·RTT/concurrency (RTT {1000 * rtt:.0f} ms)   {measured:6.2f} s")
        print(f"  Comptoir bulk check              {checked:6.2f} s   {checked / ideal:.2f}× "
              f"N·latency/K, {checked / measured:.2f}× N·RTT/K")
        print(f"  baseline httpx+Semaphore({concurrency:<2})     {same:6.2f} s   "
              f"{same / ideal:.2f}× N·latency/K, {same / measured:.2f}× N·RTT/K   "
              f"(Comptoir / baseline {checked / same:.2f}×)")
        print(f"  baseline sequential              {sequential:6.2f} s   "
              f"(Comptoir {sequential / checked:.1f}× faster; {len(sample)} links timed, scaled)")
    print("longest event-loop stall (10 ms heartbeat, beyond 10 ms)")
    print(f"  idle floor (nothing happening)   {idle.worst:6.1f} ms")
    if links:
        print(f"  20 links created one by one      {creating.worst:6.1f} ms")
        print(f"  bulk check                       {bulk.worst:6.1f} ms   ({bulk_gc})")
    if history_rows:
        print(f"  history refresh ({fetched} rows)  {history_stall:6.1f} ms   "
              f"(took {history:.1f} s; {refresh_gc}; peak RSS {peak_mb:.0f} MB)")
        if why:
            print("  worst stalls, and the garbage collections within them:")
            worst = sorted(range(len(refresh.stalls)), key=lambda i: -refresh.stalls[i])[:6]
            for i in worst:
                end = refresh.when[i]
                start = end - (refresh.stalls[i] + BEAT_MS) / 1000
                run, wait, steal = (b - a for a, b in zip(
                    refresh.sched[i - 1], refresh.sched[i], strict=True)) if i else (0, 0, 0)
                print(f"    {refresh.stalls[i]:6.1f} ms at {end - refresh_at:5.2f} s: "
                      f"GUI thread on a CPU {run / 1e6:.1f} ms, waiting for one "
                      f"{wait / 1e6:.1f} ms, CPUs stolen {steal / 1e6:.0f} ms; "
                      f"{refresh_gc.during(start, end)}")
            print("  the requests (start-end s, answer):")
            print("    " + "; ".join(f"{a - refresh_at:.2f}-{b - refresh_at:.2f} {what}"
                                     for a, b, what in windows))
            print("  the busy threads while the GUI thread was over 15 ms late (every 2 ms):")
            where.report()


def main() -> None:
    if sys.argv[1:2] == ["--serve-sim"]:
        serve_simulator(int(sys.argv[2]))
        return
    import qasync
    from PySide6.QtWidgets import QApplication

    args = sys.argv[1:]
    history = int(args[args.index("--history") + 1]) if "--history" in args else 100_000
    seq = int(args[args.index("--seq") + 1]) if "--seq" in args else 500
    plain = [a for n, a in enumerate(args) if not a.startswith("--")
             and (n == 0 or args[n - 1] not in ("--history", "--seq", "--switch"))]
    if "--history-only" in args:
        plain = [0, *plain]
    links = int(plain[0]) if plain else 500
    latency = int(plain[1]) if len(plain) > 1 else 50
    # the interpreter's GIL switch interval: the app's (ui/app.py GUI_SWITCH_S) unless
    # --switch MS says otherwise (Python's default is 5 ms)
    from backoffice.ui.app import GUI_SWITCH_S

    sys.setswitchinterval(float(args[args.index("--switch") + 1]) / 1000
                          if "--switch" in args else GUI_SWITCH_S)
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    qasync.run(bench(links, latency, history, min(seq, links), "--why" in args,
                     "--no-asyncgen-hooks" not in args))


if __name__ == "__main__":
    main()
