"""The HTTP client is built on first use, on a worker thread (not while the window starts)."""

from __future__ import annotations

import threading

from backoffice.api.transport import Transport


async def test_the_client_is_built_off_the_loop_on_first_request(api, sim, monkeypatch):
    transport: Transport = api.transport
    assert transport._client is None  # creating the API client built no HTTP client
    built_on: list[int] = []
    original = Transport._new_client

    def spy(self: Transport):
        built_on.append(threading.get_ident())
        return original(self)

    monkeypatch.setattr(Transport, "_new_client", spy)
    status = await api.legacy.account_status()
    assert status is not None
    assert built_on and built_on[0] != threading.get_ident()
    await api.legacy.account_status()
    assert len(built_on) == 1  # built once
