"""One simulator per module (reset before each test) keeps the whole directory fast.

Clients use verify=False: plain http on loopback, and it saves loading the CA bundle (~25 ms)
per client.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from backoffice.simulator import Simulator


@pytest.fixture(scope="module")
def _empty_server() -> Iterator[Simulator]:
    with Simulator(seed_demo=False) as sim:
        yield sim


@pytest.fixture(scope="module")
def _demo_server() -> Iterator[Simulator]:
    with Simulator(seed_demo=True, rng_seed=1234) as sim:
        yield sim


@pytest.fixture
def sim(_empty_server: Simulator) -> Simulator:
    """An empty simulator, freshly reset."""
    _empty_server.reset()
    return _empty_server


@pytest.fixture
def demo_sim(_demo_server: Simulator) -> Simulator:
    """The demo-seeded simulator, freshly reset."""
    _demo_server.reset()
    return _demo_server


@pytest.fixture
def client(sim: Simulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=5, verify=False) as c:
        yield c


@pytest.fixture
def demo_client(demo_sim: Simulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=demo_sim.base_url, timeout=5, verify=False) as c:
        yield c
