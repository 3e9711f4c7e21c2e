"""Tableau de bord without a transfer password: the transfer card says transfers are not
configured (the flag comes from the transfers service), the balances say "no data yet"."""

from __future__ import annotations

import pytest

from backoffice.api import Credentials
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.ui.dashboard.tab import DashboardTab


@pytest.fixture
def creds() -> Credentials:  # this module's sessions have no transfer password
    return Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"])


async def test_transfer_card_says_not_configured(ui_ctx):
    assert not ui_ctx.core.transfers.enabled
    tab = DashboardTab(ui_ctx)
    tab.resize(1200, 700)
    tab.show()
    try:
        tab.reload()
        await ui_ctx.bridge.wait_idle()
        assert tab.transfer_card.detail.text() == (
            "Transferts non configurés (mot de passe de transfert absent)")
        assert tab.transfer_card.amount.text() == "—" and tab.transfer_card.stale
        assert tab.account_card.detail.text() == "Pas encore de donnée"
    finally:
        tab.teardown()
        await ui_ctx.bridge.wait_idle()
        tab.deleteLater()
