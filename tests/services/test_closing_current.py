"""A closing on CinetPay's current platform (sk_ keys): it has no history, so the closing
says so, reconciles link by link (a late payment is still found) and never asks for one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from backoffice.api import Endpoints
from backoffice.api.current import CurrentClient
from backoffice.composition import local_client
from backoffice.services.closing_report import AnomalyKind, HistorySource
from backoffice.services.core import Comptoir
from backoffice.simulator import Simulator
from tests.services.test_current_kind import CREDS, FAST_RETRY, SHORT_TIMEOUT
from tests.support.closing import SHOP_ZONE, away_from_midnight, on_sim_clock


@pytest.fixture
async def core(sim: Simulator, tmp_path) -> AsyncIterator[Comptoir]:
    current = CurrentClient(CREDS, sim.base_url, timeout=SHORT_TIMEOUT, retry=FAST_RETRY)
    comptoir = await Comptoir.open(tmp_path / "data", local_client(Endpoints.single(
        sim.base_url), "fr"), current=current)
    yield comptoir
    await comptoir.aclose(drain=False)
    await comptoir.api.transport.client.aclose()


async def test_no_history_platform_reconciles_link_by_link(core, sim):
    on_sim_clock(core, sim)
    day = away_from_midnight(sim)
    row = await core.links.create(5000, "Payé sans attendre")
    sim.settle(row.transaction_id, "ACCEPTED")
    report = await core.closing.close_day(day, timezone=SHOP_ZONE)
    assert report.sync.source is HistorySource.LINKS_ONLY and not report.provisional
    assert report.sync.history_rows == 0 and report.not_in_journal == ()
    assert [a.kind for a in report.anomalies] == [AnomalyKind.LATE_PAYMENT]
    assert report.totals.paid("XOF") == 5000
    assert not any("legacy" in e["endpoint"] for e in sim.request_log())
