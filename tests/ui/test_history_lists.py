"""Historique: the filter lists and the totals line come from the history service (standard
statuses first, then those the cache holds; no blank operator; unpaid statuses counted, the
paid one once), and the status tooltip is CinetPay's code only when it is not a success."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from backoffice.store.history import HistoryRow, upsert_history
from backoffice.ui.history.model import STATUS_COLUMN
from backoffice.ui.history.tab import HistoryTab
from tests.support.history_ui import settled

ROWS = [
    HistoryRow(transaction_id="L1", amount=Decimal(1500), currency="XOF", status="ACCEPTED",
               result_code="00", operator="OM", paid_at=datetime(2026, 3, 2, 9, 0)),
    HistoryRow(transaction_id="L2", amount=Decimal(700), currency="XOF", status="REFUSED",
               result_code="627", error_message="TRANSACTION_CANCEL", operator="",
               paid_at=datetime(2026, 3, 2, 8, 0)),
    HistoryRow(transaction_id="L3", amount=Decimal(300), currency="XOF", status="CANCELLED",
               operator="WAVE", paid_at=datetime(2026, 3, 2, 7, 0)),
]


async def test_lists_totals_and_tooltips_follow_the_service(ui_ctx):
    await ui_ctx.core.db.run(upsert_history, ROWS)
    view = HistoryTab(ui_ctx)
    view.resize(1200, 700)
    view.show()
    view.on_shown()
    try:
        await settled(view)
        statuses = [view.status.itemData(i) for i in range(view.status.count())]
        assert statuses == ["", "ACCEPTED", "REFUSED", "PENDING", "CANCELLED"]
        operators = [view.operator.itemData(i) for i in range(view.operator.count())]
        assert operators == ["", "OM", "WAVE"]  # "" is "Tous les opérateurs" only
        text = view.totals_label.text()
        assert text.startswith("3 transactions") and "Payé : 1 pour" in text
        assert "Refusé : 1" in text and "CANCELLED : 1" in text and "PAYÉ" not in text
        tips = {view.model.row_at(n).transaction_id: view.model.data(
            view.model.index(n, STATUS_COLUMN), Qt.ItemDataRole.ToolTipRole) for n in range(3)}
        assert tips == {"L1": None, "L2": "627 TRANSACTION_CANCEL", "L3": None}
    finally:
        view.teardown()
        await ui_ctx.bridge.wait_idle()
        view.deleteLater()
