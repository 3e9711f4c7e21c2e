"""Historique's receipt button after a restart: a receipt printed by another session (an
earlier run of the app, the command line) is offered as "Réimprimer le reçu (DUPLICATA)" and
printed as one, against a loopback raw-TCP ESC/POS printer."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from backoffice.services.core import Comptoir
from backoffice.services.receipts import ReceiptSettings
from backoffice.store.history import HistoryRow
from backoffice.ui.history.detail import HistoryDetail
from tests.support.clients import make_client
from tests.support.fake_printer import FakePrinter
from tests.support.waits import until


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def history_row(transaction_id: str) -> HistoryRow:
    return HistoryRow(transaction_id=transaction_id, amount=Decimal(17500), currency="XOF",
                      status="ACCEPTED", operator="OM", paid_at=datetime(2026, 3, 2, 9, 0))


async def test_a_receipt_printed_by_an_earlier_session_reprints_as_duplicata(
        ui_ctx, qtbot, sim, creds, tmp_path, printer):
    settings = ReceiptSettings(printer=printer.uri, timeout=1.0)
    ui_ctx.core.receipts.configure(settings)
    fresh = await ui_ctx.core.links.create(5000)
    row = await ui_ctx.core.links.create(17500)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412")
    sim.settle(fresh.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412")
    earlier = await Comptoir.open(tmp_path / "data", make_client(sim, creds))
    try:
        earlier.receipts.configure(settings)
        await earlier.links.refresh(row.transaction_id)
        await earlier.links.refresh(fresh.transaction_id)
        assert (await earlier.receipts.print_receipt(row.transaction_id)).ok
    finally:
        await earlier.aclose(drain=False)
    detail = HistoryDetail(ui_ctx)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_row(history_row(row.transaction_id))
    await until(lambda: detail.print_button.text() == "Réimprimer le reçu (DUPLICATA)")
    detail.print_button.click()
    await until(lambda: len(printer.jobs) == 2)
    assert b"DUPLICATA" not in printer.jobs[0] and b"DUPLICATA" in printer.jobs[1]
    detail.show_row(history_row(fresh.transaction_id))  # never printed: the original
    await ui_ctx.bridge.wait_idle()
    assert detail.print_button.text() == "Imprimer le reçu"
