"""HTTP plumbing shared by the three CinetPay API families.

Every request carries a User-Agent and a timeout; transport failures are classified into
"certainly not sent" and "may have been processed"; 429 (HTTP status or JSON code) is retried
with bounded exponential backoff by stamina, honouring Retry-After.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from email.utils import parsedate_to_datetime
from ipaddress import ip_address
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import stamina

from .. import USER_AGENT
from .codes import HTTP as HTTP_CODES
from .errors import AnswerTooLarge, BadResponse, Forbidden, MaybeSent, NotSent, RateLimited

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_CHECKOUT_URL = "https://api-checkout.cinetpay.com"
DEFAULT_LEGACY_URL = "https://api.cinetpay.com"
DEFAULT_TRANSFER_URL = "https://client.cinetpay.com"


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of the three CinetPay hosts (the simulator serves all three from one)."""

    checkout: str = DEFAULT_CHECKOUT_URL
    legacy: str = DEFAULT_LEGACY_URL
    transfer: str = DEFAULT_TRANSFER_URL

    @classmethod
    def single(cls, base_url: str) -> Endpoints:
        return cls(base_url, base_url, base_url)

    def __post_init__(self) -> None:
        for url in (self.checkout, self.legacy, self.transfer):
            parts = urlsplit(url)
            if parts.scheme == "https" or (parts.scheme == "http" and is_loopback(url)):
                continue
            raise ValueError(f"CinetPay endpoint must be https (or loopback http): {url!r}")

    @property
    def is_simulated(self) -> bool:
        return all(is_loopback(u) for u in (self.checkout, self.legacy, self.transfer))


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for 429 answers (the only automatic retry: 429 means "not processed")."""

    attempts: int = 4
    wait_initial: float = 0.5
    wait_max: float = 8.0
    retry_after_cap: float = 30.0
    timeout: float = 60.0


DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=10.0, pool=5.0)
DEFAULT_DEADLINE = 45.0  # whole request, whatever the server drips
MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # history over this is fetched by date ranges
OFF_LOOP_BYTES = 64 * 1024  # answers larger than this are decoded in a worker thread

# Connection never established: the request certainly did not reach CinetPay.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def load_json(text: str, *, yielding: bool = False) -> Any:
    """JSON with numbers as ``Decimal``/``int`` (never float). ``yielding``: for a big answer
    decoded on a worker thread (see :func:`_let_the_loop_run`)."""
    return json.loads(text, parse_float=Decimal,
                      object_hook=_let_the_loop_run if yielding else None)


def _let_the_loop_run(obj: dict[str, Any]) -> dict[str, Any]:
    """The JSON decoder is C code holding the GIL for a whole document, even on a worker
    thread: a 5 MB history answer froze the event loop for about 45 ms. One Python call per
    object lets the interpreter hand the GIL to the loop meanwhile (loop stall ≈ 12 ms, the
    decode about 20 % slower)."""
    return obj


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import datetime as dt

        when = parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(when.tzinfo)).total_seconds())
    except (TypeError, ValueError):
        return None


class Transport:
    """One shared ``httpx.AsyncClient`` plus the error classification and 429 policy."""

    def __init__(self, client: httpx.AsyncClient | None = None, *,
                 timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 retry: RetryPolicy | None = None, deadline: float | None = None,
                 max_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self._owns_client = client is None
        self._client = client
        self._timeout = timeout
        if client is not None:
            client.headers["User-Agent"] = USER_AGENT
        self.retry = retry or RetryPolicy()
        read = timeout.read or DEFAULT_DEADLINE
        self.deadline = deadline or min(DEFAULT_DEADLINE, 2 * read + (timeout.connect or 5))
        self.max_bytes = max_bytes
        # After a 429 every request through this transport waits (not just the refused one):
        # a bulk check slows down as a whole. ``rate_limited`` counts the 429s seen.
        self.rate_limited = 0
        self._calm_until = 0.0

    @property
    def client(self) -> httpx.AsyncClient:
        """The HTTP client, built on first use: building one loads the certificate bundle
        (about 100 ms), which start-up should not wait for (:meth:`warm_up` does it on a
        thread)."""
        if self._client is None:
            self._client = self._new_client()
        return self._client

    def _new_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, headers={"User-Agent": USER_AGENT})

    async def warm_up(self) -> None:
        """Build the client on a worker thread, so no request pays for it on the loop."""
        if self._client is None:
            built = await asyncio.to_thread(self._new_client)
            if self._client is None:
                self._client = built
            else:  # built meanwhile on the loop by a request that could not wait
                await built.aclose()

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()

    async def send(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send one request; return the decoded JSON body (whatever the HTTP status).
        The whole exchange has a deadline (a server dripping bytes cannot hold us) and the
        body a size cap."""
        await self.warm_up()
        await self._calm()
        try:
            async with asyncio.timeout(self.deadline):
                response = await self._fetch(method, url, **kwargs)
        except _NOT_SENT as exc:
            raise NotSent(f"{type(exc).__name__}: {exc}") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise MaybeSent(f"{type(exc).__name__}: {exc}") from exc
        except TimeoutError as exc:
            raise MaybeSent(f"no complete answer within {self.deadline:.0f} s") from exc
        if len(response.content) > OFF_LOOP_BYTES:  # keep the UI fluid on big answers
            return await asyncio.to_thread(decode, response, yielding=True)
        return decode(response)

    async def _calm(self) -> None:
        """Wait out the calm period a 429 started (any request's)."""
        loop = asyncio.get_running_loop()
        while (left := self._calm_until - loop.time()) > 0:
            await asyncio.sleep(left)

    def _calm_down(self, retry_after: float | None) -> None:
        """A 429: nothing is sent for Retry-After (capped), else the initial backoff."""
        self.rate_limited += 1
        pause = min(self.retry.wait_initial if retry_after is None else retry_after,
                    self.retry.retry_after_cap)
        until = asyncio.get_running_loop().time() + pause
        self._calm_until = max(self._calm_until, until)

    async def _fetch(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async with self.client.stream(method, url, **kwargs) as response:
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise AnswerTooLarge(f"answer larger than {self.max_bytes} bytes",
                                         status=response.status_code)
        # The body is already decompressed: keep the headers that still describe it.
        headers = [(k, v) for k, v in response.headers.multi_items()
                   if k.lower() not in ("content-encoding", "content-length")]
        return httpx.Response(response.status_code, headers=headers, content=bytes(body),
                              request=response.request)

    async def with_backoff(self, call: Callable[[], Awaitable[T]]) -> T:
        """Run ``call``; on RateLimited wait (Retry-After, else exponential) and try again."""
        policy = self.retry

        def on(exc: Exception) -> bool | float:
            if not isinstance(exc, RateLimited):
                return False
            log.warning("CinetPay rate limit (429): backing off")
            self._calm_down(exc.retry_after)
            if exc.retry_after is not None:
                return min(exc.retry_after, policy.retry_after_cap)
            return True

        async for attempt in stamina.retry_context(
            on=on, attempts=policy.attempts, timeout=policy.timeout,
            wait_initial=policy.wait_initial, wait_max=policy.wait_max,
            wait_jitter=policy.wait_initial,
        ):
            with attempt:
                return await call()
        raise AssertionError("unreachable")  # pragma: no cover


def decode(response: httpx.Response, *, yielding: bool = False) -> Any:
    """Turn an HTTP answer into JSON or a typed error. CinetPay puts JSON error bodies on
    4xx answers too (a 400 with code 624 has been seen), so the body is read first.
    ``yielding``: decoded on a worker thread, letting the event loop run meanwhile."""
    status = response.status_code
    text = response.text
    if status == 429:
        body = _try_json(text)
        code = str(body.get("code", "429")) if isinstance(body, dict) else "429"
        raise RateLimited(HTTP_CODES["429"], code, retry_after=_retry_after(response))
    body = _try_json(text, yielding)
    if body is not _INVALID and status < 500:
        return body
    if 400 <= status < 500 or "error code: 1010" in text:
        # Refused by CinetPay's front before reaching the API: certainly not processed.
        code = "1010" if "1010" in text else str(status)
        raise Forbidden(HTTP_CODES.get(code), code, "", _strip_html(text)[:200])
    looks_html = "<html" in text[:500].lower() or "text/html" in response.headers.get(
        "content-type", "")
    what = "HTML page" if looks_html else ("empty body" if not text.strip() else "invalid JSON")
    raise BadResponse(f"HTTP {status}: {what}", status=status)


_INVALID = object()


def _strip_html(text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def _try_json(text: str, yielding: bool = False) -> Any:
    try:
        return load_json(text, yielding=yielding)
    except (ValueError, RecursionError):
        return _INVALID
