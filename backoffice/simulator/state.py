"""Everything a simulator instance holds, behind one lock: clock, ledger, faults, tokens, log."""

from __future__ import annotations

import secrets
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .clock import SimClock, fmt_datetime
from .demo_data import add_past_payments, seed_demo_data
from .faults import FaultConfig, FaultInjector
from .ledger import Ledger

DEMO_CREDENTIALS: dict[str, str] = {
    "apikey": "demo-apikey-0123456789",
    "site_id": "445566",
    "transfer_password": "demo-transfer-pw",
}
# CinetPay's current platform (api/current/): one account = one country, no site id.
CURRENT_CREDENTIALS: dict[str, str] = {
    "api_key": "sk_test_comptoir_demo_0123456789",
    "api_password": "demo-api-password",
    "country": "CI",
}
CURRENT_TOKEN_LIFETIME = 86_400.0  # simulated seconds (about 24 h, as the SDKs say)
# Server-side secret mixed into v1 signatures (CinetPay keeps its own; clients never see it).
SIGNATURE_SECRET = "comptoir-simulator-signature-secret"
TOKEN_LIFETIME = 300.0  # simulated seconds (5 minutes, as documented)
LOG_SIZE = 5000

RequestHook = Callable[[dict[str, Any]], None]
EMPTY_HISTORY_SHAPES = ("list", "null", "empty_string", "empty_list")


@dataclass
class HistoryQuirks:
    """Answer shapes of a PHP backend that getTransHistory may also produce (cinetpay-api.md
    §6): an empty result as ``{"Transactions":{"transaction":null}}`` ("null"), ``""``
    ("empty_string") or ``[]`` ("empty_list"); ``odd_rows`` adds rows with PHP zero dates,
    empty, over-precise, huge, negative or non-numeric amounts; ``extra_rows`` adds raw rows
    as given. Reset by :meth:`SimState.reset`."""

    empty_as: str = "list"
    odd_rows: bool = False
    extra_rows: list[Any] = field(default_factory=list)


class SimState:
    def __init__(self, *, seed_demo: bool, rng_seed: int, currency: str) -> None:
        self.lock = threading.RLock()
        self.seed_demo = seed_demo
        self.rng_seed = rng_seed
        self.currency = currency.upper()
        self.credentials = dict(DEMO_CREDENTIALS)
        self.current_credentials = dict(CURRENT_CREDENTIALS)
        self.clock = SimClock()
        self.faults = FaultInjector(rng_seed)
        self.base_url = ""
        self.wildcard_host = False  # bound to 0.0.0.0 / ::: build links from the Host header
        self.on_request: RequestHook | None = None
        self._log: deque[dict[str, Any]] = deque(maxlen=LOG_SIZE)
        self.reset()

    def reset(self) -> None:
        """Back to the initial ledger (re-seeded), no faults, clock offset 0, no tokens."""
        with self.lock:
            self.clock.reset()
            self.ledger = Ledger(self.credentials["site_id"], self.currency, self.rng_seed)
            if self.seed_demo:
                seed_demo_data(self.ledger, self.rng_seed, self.clock.anchor)
            self.tokens: dict[str, float] = {}
            self.current_tokens: dict[str, float] = {}
            self.history_quirks = HistoryQuirks()
            self.faults.configure(FaultConfig())
            self._log.clear()
        self.faults.release_all()

    def now(self) -> float:
        return self.clock.now()

    def add_past_payments(self, count: int, days: int, prefix: str = "ARC") -> None:
        """A longer, busier history: ``count`` settled payments over the ``days`` before now."""
        with self.lock:
            add_past_payments(self.ledger, self.rng_seed, self.now(), count, days, prefix)

    def api_response_id(self) -> str:
        return f"{self.now():.4f}"

    # -- transfer API tokens ---------------------------------------------------------------------
    def issue_token(self) -> str:
        token = secrets.token_hex(24)
        self.tokens[token] = self.now() + TOKEN_LIFETIME
        return token

    def token_error(self, token: str | None) -> int | None:
        """None when valid, else 705 (expired) or 706 (unknown)."""
        expires = self.tokens.get(token or "")
        if expires is None:
            return 706
        return 705 if self.now() >= expires else None

    # -- current platform Bearer tokens --------------------------------------------------------
    def issue_current_token(self) -> str:
        token = secrets.token_urlsafe(48)
        self.current_tokens[token] = self.now() + CURRENT_TOKEN_LIFETIME
        return token

    def current_token_error(self, token: str | None) -> int | None:
        """None when valid, else 1003 (expired) or 1002 (unknown / missing)."""
        expires = self.current_tokens.get(token or "")
        if expires is None:
            return 1002
        return 1003 if self.now() >= expires else None

    # -- request log ---------------------------------------------------------------------------
    def log_request(self, entry: dict[str, Any]) -> None:
        entry = {"time": fmt_datetime(self.now()), **entry}
        with self.lock:
            self._log.append(entry)
        hook = self.on_request
        if hook is not None:
            hook(entry)

    def request_log(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(e) for e in self._log]
