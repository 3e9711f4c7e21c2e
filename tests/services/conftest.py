"""Services against a real SQLite journal in tmp_path and the simulator over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from backoffice.api import CinetPayClient, Endpoints
from backoffice.services.core import Comptoir
from backoffice.testing.reconcile import closed_port_url
from tests.conftest import FAST_RETRY, SHORT_TIMEOUT, make_client


def offline_client(creds) -> CinetPayClient:
    return CinetPayClient(creds, Endpoints.single(closed_port_url()), timeout=SHORT_TIMEOUT,
                          retry=FAST_RETRY)


@pytest.fixture
async def core(sim, creds, tmp_path) -> AsyncIterator[Comptoir]:
    comptoir = await Comptoir.open(tmp_path / "data", make_client(sim, creds))
    yield comptoir
    await comptoir.aclose(drain=False)


async def go_online(core: Comptoir, sim, creds) -> None:
    """The network comes back: point the core at the simulator again."""
    await core.api.aclose()
    core.api = make_client(sim, creds)
