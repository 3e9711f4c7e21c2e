"""Fault injection for the CinetPay API paths (never the /_sim control API nor checkout pages).

Kinds, and whether the request is applied to the ledger before the fault:

- ``timeout``: applied; the connection is then held without an answer for ``hang_seconds``
  (or until stop/reset) and closed: the client sees a read timeout.
- ``drop_after_commit``: applied; the connection is closed without any answer
  (httpx: ``RemoteProtocolError``).
- ``malformed_json``: applied; a 200 ``application/json`` body cut in the middle.
- ``http_500``: not applied; plain-text HTTP 500.
- ``html_error``: not applied; an HTML 502 page like a front proxy's.
- ``rate_limit_429``: not applied; HTTP 429 ``{"code":"429","message":"TOO_MANY_REQUEST"}``
  with ``Retry-After: 1``.

Each API request matching ``paths`` (substrings of "path?query"; all API paths when unset)
waits ``latency_ms`` first, then draws a fault with probability ``rate`` from the seeded RNG,
until ``count`` faults have been injected.
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from .ledger import Invalid
from .web import Response, json_response, nginx_error, text_response

KINDS = (
    "timeout",
    "http_500",
    "html_error",
    "malformed_json",
    "rate_limit_429",
    "drop_after_commit",
)
BEFORE_APPLY = frozenset({"http_500", "html_error", "rate_limit_429"})


@dataclass
class FaultConfig:
    latency_ms: int = 0
    rate: float = 0.0
    kinds: list[str] = field(default_factory=list)
    seed: int | None = None
    count: int | None = None
    paths: list[str] | None = None
    hang_seconds: float = 30.0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FaultConfig:
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise Invalid(f"unknown fault settings: {sorted(unknown)}")
        kinds = list(data.get("kinds") or [])
        rate = data.get("rate")
        try:
            config = cls(
                latency_ms=int(data.get("latency_ms") or 0),
                # Kinds without a rate mean "always": set_faults(kinds=["timeout"], count=1).
                rate=float(rate) if rate is not None else (1.0 if kinds else 0.0),
                kinds=kinds,
                seed=None if data.get("seed") is None else int(data["seed"]),
                count=None if data.get("count") is None else int(data["count"]),
                paths=None if data.get("paths") is None else [str(p) for p in data["paths"]],
                hang_seconds=float(data.get("hang_seconds") or 30.0),
            )
        except (TypeError, ValueError) as exc:
            raise Invalid(f"invalid fault settings: {exc}") from exc
        config.validate()
        return config

    def validate(self) -> None:
        bad = [k for k in self.kinds if k not in KINDS]
        if bad:
            raise Invalid(f"unknown fault kinds {bad}; known: {list(KINDS)}")
        if not 0.0 <= self.rate <= 1.0:
            raise Invalid("rate must be between 0 and 1")
        if self.latency_ms < 0 or self.hang_seconds < 0 or (self.count or 0) < 0:
            raise Invalid("latency_ms, hang_seconds and count must not be negative")


class FaultInjector:
    def __init__(self, default_seed: int) -> None:
        self._default_seed = default_seed
        self._release = threading.Event()
        self.configure(FaultConfig())

    def configure(self, config: FaultConfig) -> None:
        self.config = config
        self.injected = 0
        seed = config.seed if config.seed is not None else self._default_seed
        self._rng = random.Random(seed)

    def describe(self) -> dict[str, Any]:
        return {**asdict(self.config), "injected": self.injected}

    def applies_to(self, path_and_query: str) -> bool:
        paths = self.config.paths
        return paths is None or any(p in path_and_query for p in paths)

    def latency(self) -> float:
        return self.config.latency_ms / 1000.0

    def draw(self) -> str | None:
        """Pick the fault for one matching request (None: answer normally)."""
        c = self.config
        if not c.kinds or c.rate <= 0 or (c.count is not None and self.injected >= c.count):
            return None
        if self._rng.random() >= c.rate:
            return None
        self.injected += 1
        return self._rng.choice(c.kinds)

    def wait(self, seconds: float) -> None:
        """Sleep that stop() and reset() cut short."""
        if seconds > 0:
            self._release.wait(seconds)

    def release_all(self) -> None:
        """Wake every sleeping or hanging request (stop/reset); later waits start afresh."""
        old, self._release = self._release, threading.Event()
        old.set()

    def shut(self) -> None:
        """Final release: nothing waits any more (server stopping)."""
        self._release.set()


def early_response(kind: str) -> Response:
    """The answer of a fault that prevents the request from being applied."""
    if kind == "http_500":
        return text_response("Internal Server Error", 500)
    if kind == "html_error":
        return nginx_error(502, "Bad Gateway")
    return json_response({"code": "429", "message": "TOO_MANY_REQUEST"}, 429, {"Retry-After": "1"})


def truncate(response: Response) -> Response:
    """Same answer, JSON cut in the middle (never valid JSON), HTTP 200."""
    body = response.body[: max(1, len(response.body) // 2)]
    return Response(200, body, "application/json; charset=utf-8")
