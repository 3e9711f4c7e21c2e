"""Services against a real SQLite journal in tmp_path and the simulator over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from backoffice.services.core import Comptoir
from tests.support.clients import make_client


@pytest.fixture
async def core(sim, creds, tmp_path) -> AsyncIterator[Comptoir]:
    comptoir = await Comptoir.open(tmp_path / "data", make_client(sim, creds))
    yield comptoir
    await comptoir.aclose(drain=False)

