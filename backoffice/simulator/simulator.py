"""The public face: a CinetPay simulator serving all three API families from one base URL."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from .faults import FaultConfig
from .server import SimHTTPServer
from .state import SimState

WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})


class Simulator:
    """CinetPay in a box: real HTTP on loopback, one lock-protected ledger.

    >>> with Simulator(seed_demo=False) as sim:
    ...     sim.base_url.startswith("http://127.0.0.1:")
    True
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        seed_demo: bool = True,
        rng_seed: int = 1234,
        currency: str = "XOF",
    ) -> None:
        self.host = host
        self._requested_port = port
        self.state = SimState(seed_demo=seed_demo, rng_seed=rng_seed, currency=currency)
        self._server: SimHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> str:
        """Bind, serve in a background thread, and return the base URL."""
        if self._server is None:
            self.state.faults.release_all()  # a fresh release event after a previous stop()
            server = SimHTTPServer((self.host, self._requested_port), self.state)
            self._server = server
            self.state.base_url = self.base_url
            self.state.wildcard_host = self.host in WILDCARD_HOSTS
            self._thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"cinetpay-simulator-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving; hanging and idle keep-alive connections are cut at once."""
        server, self._server = self._server, None
        if server is None:
            return
        self.state.faults.shut()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
            self._thread = None

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            return self._requested_port
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the simulator is not started")
        host = "127.0.0.1" if self.host in WILDCARD_HOSTS else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    # -- control (same as the /_sim/ API) -------------------------------------------------------
    def reset(self) -> None:
        self.state.reset()

    def advance(self, seconds: float) -> float:
        """Move the simulated clock forward; returns the new simulated time (epoch seconds)."""
        with self.state.lock:
            return self.state.clock.advance(seconds)

    def settle(
        self,
        transaction_id: str,
        outcome: str = "ACCEPTED",
        payment_method: str = "OM",
        phone_number: str = "0701020304",
        code: str | None = None,
        phone_prefix: str | None = None,
    ) -> dict[str, Any]:
        """Settle a pending payment as the customer would (``phone_prefix`` None: the
        currency's country). Raises NotFound / Conflict / Invalid."""
        with self.state.lock:
            payment = self.state.ledger.settle(
                transaction_id, outcome, self.state.now(), payment_method, phone_number, code,
                phone_prefix
            )
            return payment.snapshot()

    def outside_payment(self, transaction_id: str, amount: int, currency: str = "",
                        payment_method: str = "OM") -> dict[str, Any]:
        """A payment paid now on this account but not from the till (see Ledger)."""
        with self.state.lock:
            return self.state.ledger.outside_payment(
                transaction_id, amount, self.state.now(), currency, payment_method).snapshot()

    def amend(self, transaction_id: str, amount: int | None = None,
              status: str | None = None) -> dict[str, Any]:
        """Change a payment's amount or status at "CinetPay" after the fact (see Ledger)."""
        with self.state.lock:
            return self.state.ledger.amend(transaction_id, amount, status).snapshot()

    def set_faults(
        self,
        latency_ms: int = 0,
        rate: float | None = None,
        kinds: list[str] | None = None,
        seed: int | None = None,
        count: int | None = None,
        paths: list[str] | None = None,
        hang_seconds: float = 30.0,
    ) -> dict[str, Any]:
        """Configure faults (rate defaults to 1.0 when kinds are given, else 0)."""
        settings = {
            "latency_ms": latency_ms,
            "rate": rate,
            "kinds": kinds or [],
            "seed": seed,
            "count": count,
            "paths": paths,
            "hang_seconds": hang_seconds,
        }
        config = FaultConfig.from_json(settings)
        with self.state.lock:
            self.state.faults.configure(config)
            return self.state.faults.describe()

    def clear_faults(self) -> None:
        self.set_faults()

    # -- snapshots ------------------------------------------------------------------------------
    def ledger(self) -> dict[str, Any]:
        with self.state.lock:
            return self.state.ledger.snapshot(self.state.now())

    def payments(self) -> list[dict[str, Any]]:
        return self.ledger()["payments"]

    def transfers(self) -> list[dict[str, Any]]:
        return self.ledger()["transfers"]

    def contacts(self) -> list[dict[str, Any]]:
        return self.ledger()["contacts"]

    def balances(self) -> dict[str, Any]:
        return self.ledger()["balances"]

    def request_log(self) -> list[dict[str, Any]]:
        """API requests, newest last: {"method", "path", "status", "endpoint", "fault", "time"}."""
        return self.state.request_log()

    @property
    def credentials(self) -> dict[str, str]:
        return dict(self.state.credentials)
