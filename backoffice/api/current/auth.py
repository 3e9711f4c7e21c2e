"""Login (``POST /v1/oauth/login``) and the Bearer token, cached until shortly before it
expires (about 24 h). When CinetPay rejects the token anyway (code 1002 / 1003, whatever the
HTTP status, or HTTP 401) the session logs in again ONCE and repeats the request ONCE: safe
even for money requests, because a token rejection means CinetPay refused without acting. A
timeout or an unclear answer is never repeated (the Transport's error says so)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from ...logs import register_secret
from .. import parsing as p
from ..errors import ApiError, BadResponse, MaybeSent, NotSent, TokenError, ValidationError
from ..transport import Transport
from .codes import envelope, error
from .models import CurrentCredentials, Token

DEFAULT_LIFETIME = 86_400
MARGIN = 3_600.0  # renew an hour before CinetPay would expire it (the SDKs keep 23 h)
MIN_LIFETIME = 60.0
TOKEN_CODES = frozenset({"401", "1002", "1003"})


class Session:
    def __init__(self, transport: Transport, base_url: str, creds: CurrentCredentials, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._t = transport
        self.base = base_url.rstrip("/")
        self._creds = creds
        self._clock = clock
        self._token = ""
        self._expires = 0.0
        self._lock = asyncio.Lock()
        self.logins = 0  # how many tokens were obtained (observability, tests)

    @property
    def country(self) -> str:
        return self._creds.country

    async def login(self) -> Token:
        """A fresh token (cached). Wrong key or password: :class:`AuthError` (1005)."""
        if not self._creds.api_key or not self._creds.api_password:
            raise ValidationError("api_password", "Clé API ou mot de passe API manquant",
                                  "The API key or API password is missing")
        body = {"api_key": self._creds.api_key, "api_password": self._creds.api_password}

        async def call() -> Token:
            answer = await self._t.send("POST", f"{self.base}/v1/oauth/login", json=body)
            return parse_login(answer)

        started = self._clock()
        token = await self._t.with_backoff(call)
        register_secret(token.access_token)  # tokens never reach a log in clear
        self._token = token.access_token
        self._expires = started + max(MIN_LIFETIME, token.expires_in - MARGIN)
        self.logins += 1
        return token

    def forget_token(self) -> None:
        self._token, self._expires = "", 0.0

    async def _valid_token(self, rejected: str = "") -> str:
        async with self._lock:
            # Another task may have renewed it while we waited for the lock.
            if self._token and self._token != rejected and self._clock() < self._expires:
                return self._token
            try:
                await self.login()
            except (MaybeSent, BadResponse) as exc:
                # Only the login was lost: the request that needed it was never sent.
                raise NotSent(f"login: {exc.detail or exc}") from exc
            return self._token

    async def call(self, method: str, path: str, json: dict[str, Any] | None = None) -> Any:
        """One authenticated request; returns the decoded body. A rejected token is renewed
        once and the request sent once more; every other error is the caller's."""
        token = await self._valid_token()
        for renewed in (False, True):
            async def send(token: str = token) -> Any:
                answer = await self._t.send(method, f"{self.base}{path}", json=json,
                                            headers={"Authorization": f"Bearer {token}"})
                _raise_if_token_rejected(answer)
                return answer

            try:
                return await self._t.with_backoff(send)
            except TokenError:
                if renewed:
                    raise
                token = await self._valid_token(rejected=token)
        raise AssertionError("unreachable")  # pragma: no cover


def parse_login(answer: Any) -> Token:
    body = p.obj(answer, "login answer")
    token = p.text(body, "access_token")
    if not token:
        raw = body.get("code")
        if raw is None:
            raise BadResponse("login answer without access_token nor code")
        _, code = envelope(body, "login answer")
        exc = error(body, code)
        if isinstance(exc, TokenError):  # a token error on login: the credentials are refused
            raise ApiError(exc.info, code, exc.api_message, exc.description)
        raise exc
    raw_expiry = p.decimal(body, "expires_in", required=False)
    expires = int(raw_expiry) if raw_expiry is not None and raw_expiry > 0 else DEFAULT_LIFETIME
    return Token(token, min(expires, DEFAULT_LIFETIME * 7))


def _raise_if_token_rejected(answer: Any) -> None:
    """Code 1002 / 1003 / 401 in any answer (CinetPay sends them with HTTP 200 or 401)."""
    if not isinstance(answer, dict) or answer.get("code") is None:
        return
    _, code = envelope(answer, "answer")
    if code in TOKEN_CODES:
        raise error(answer, code)
