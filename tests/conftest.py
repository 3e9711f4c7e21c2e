"""Shared fixtures: one simulator per test session (reset before each test that uses it) and
an API client pointed at it over real loopback HTTP."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backoffice.api import CinetPayClient, Credentials
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from tests.support.clients import make_client


@pytest.fixture(scope="session")
def _simulator() -> Iterator[Simulator]:
    sim = Simulator(host="127.0.0.1", port=0, seed_demo=True, rng_seed=1234)
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def sim(_simulator: Simulator) -> Simulator:
    _simulator.reset()
    return _simulator


@pytest.fixture
def creds() -> Credentials:
    return Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                       DEMO_CREDENTIALS["transfer_password"])


@pytest.fixture
async def api(sim: Simulator, creds: Credentials) -> AsyncIterator[CinetPayClient]:
    async with make_client(sim, creds) as client:
        yield client
