"""CinetPay clients for the tests: on the simulator over loopback, or on a closed port."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from backoffice.api import CinetPayClient, Credentials, Endpoints, RetryPolicy
from harness.reconcile import closed_port_url

if TYPE_CHECKING:
    from backoffice.services.core import Comptoir
    from backoffice.simulator import Simulator

FAST_RETRY = RetryPolicy(attempts=3, wait_initial=0.01, wait_max=0.05, retry_after_cap=0.05,
                         timeout=10)
SHORT_TIMEOUT = httpx.Timeout(connect=2.0, read=1.5, write=2.0, pool=2.0)


def make_client(sim: Simulator, creds: Credentials) -> CinetPayClient:
    return CinetPayClient(creds, Endpoints.single(sim.base_url), timeout=SHORT_TIMEOUT,
                          retry=FAST_RETRY)


def offline_client(creds) -> CinetPayClient:
    return CinetPayClient(creds, Endpoints.single(closed_port_url()), timeout=SHORT_TIMEOUT,
                          retry=FAST_RETRY)


async def go_online(core: Comptoir, sim, creds) -> None:
    """The network comes back: point the core at the simulator again."""
    await core.api.aclose()
    core.api = make_client(sim, creds)
