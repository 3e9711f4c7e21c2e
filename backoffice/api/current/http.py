"""The shared :class:`~backoffice.api.transport.Transport`, with one addition for this platform:
an HTTP 401 whose body carries no code (a front's ``{"message": "Unauthenticated."}``) reads as
code 401, so the session layer can log in again. Deadlines, size caps, 429 backoff and the
NotSent / MaybeSent / BadResponse classification are the Transport's."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ..transport import Transport, load_json


class CurrentTransport(Transport):
    async def _fetch(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = await super()._fetch(method, url, **kwargs)
        if response.status_code != 401 or _has_code(response.text):
            return response
        body = json.dumps({"code": 401, "status": "UNAUTHORIZED",
                           "description": response.text[:200]})
        return httpx.Response(401, headers={"content-type": "application/json"},
                              content=body.encode(), request=response.request)


def _has_code(text: str) -> bool:
    try:
        body = load_json(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(body, dict) and body.get("code") is not None
