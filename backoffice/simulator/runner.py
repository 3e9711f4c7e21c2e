"""Standalone runner: ``python -m backoffice.simulator`` and ``comptoir-cli simulator``."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from .simulator import Simulator


def serve_forever(
    host: str = "127.0.0.1",
    port: int = 0,
    seed_demo: bool = True,
    out: TextIO = sys.stdout,
    *,
    rng_seed: int = 1234,
    currency: str = "XOF",
    stop_event: threading.Event | None = None,
    on_start: Callable[[Simulator], None] | None = None,
) -> int:
    """Serve until SIGINT/SIGTERM (or ``stop_event``). The first line written is the base URL."""
    stop = stop_event or threading.Event()
    sim = Simulator(host, port, seed_demo=seed_demo, rng_seed=rng_seed, currency=currency)

    def log_request(entry: dict[str, Any]) -> None:
        fault = f" [fault: {entry['fault']}]" if entry.get("fault") else ""
        status = entry["status"] if entry["status"] is not None else "-"
        print(
            f"{entry['time']} {entry['method']} {entry['path']} ({entry['endpoint']}) "
            f"{status}{fault}",
            file=out,
            flush=True,
        )

    sim.state.on_request = log_request
    base_url = sim.start()
    print(base_url, file=out, flush=True)
    creds = sim.credentials
    print(
        f"CinetPay simulator on {base_url} (apikey={creds['apikey']} "
        f"site_id={creds['site_id']} transfer_password={creds['transfer_password']}); "
        "Ctrl+C to stop",
        file=out,
        flush=True,
    )
    if on_start is not None:
        on_start(sim)
    restore = _install_signal_handlers(stop)
    try:
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        sim.stop()
        print("simulator stopped", file=out, flush=True)
    return 0


def _install_signal_handlers(stop: threading.Event) -> Any:
    """Turn SIGINT/SIGTERM into ``stop``; returns a function restoring the previous handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, lambda *_: stop.set())

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m backoffice.simulator",
        description="CinetPay simulator (checkout v2, legacy v1, transfer API) on one base URL.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--no-demo", action="store_true", help="start with an empty ledger")
    parser.add_argument("--rng-seed", type=int, default=1234)
    parser.add_argument("--currency", default="XOF")
    args = parser.parse_args(argv)
    return serve_forever(
        args.host,
        args.port,
        seed_demo=not args.no_demo,
        rng_seed=args.rng_seed,
        currency=args.currency,
    )
