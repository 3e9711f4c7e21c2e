"""Review pass (hostile or buggy server): PAYÉ from a status answer about another payment."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from backoffice.api.current.payments import parse_status
from backoffice.api.errors import BadResponse
from backoffice.api.models import PaymentStatus
from backoffice.services.backends import CurrentCheckout
from backoffice.services.link_truth import judge
from backoffice.store.links import LinkRow
from backoffice.store.states import State

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
MINE = "CPT261203A1"
# Another sale of the same amount at the same till, paid: the answer names it.
OTHER_PAID = {"code": 100, "status": "SUCCESS", "merchant_transaction_id": "CPT261203B2",
              "transaction_id": "CP999", "amount": "5000", "currency": "XOF"}


def _row() -> LinkRow:
    return LinkRow(MINE, NOW, NOW, 5000, "XOF", "Vente", {}, State.SENT, "PENDING", "200", "",
                   "tok", "https://checkout.cinetpay.com/p/1", None, None, 1, None, None, None)


class _Payments:
    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer

    async def status(self, identifier: str):  # what CurrentClient.payments.status does
        return parse_status(self.answer, identifier)


def test_status_answer_about_another_payment_is_never_paye():
    client = SimpleNamespace(payments=_Payments(OTHER_PAID))
    checkout = CurrentCheckout(client, settings=lambda: None)  # type: ignore[arg-type]
    try:
        check = asyncio.run(checkout.check_payment(MINE))
    except BadResponse:
        return  # refused as an answer for another transaction: fine
    assert judge(_row(), check).status is not PaymentStatus.ACCEPTED


def test_status_answer_without_an_echoed_id_is_judged_on_amount_and_currency():
    """Holds: no echo (the id asked is assumed), a SUCCESS with another amount is an anomaly."""
    answer = {**OTHER_PAID, "amount": "5000.00"}
    del answer["merchant_transaction_id"]
    client = SimpleNamespace(payments=_Payments({**answer, "amount": "4999"}))
    check = asyncio.run(CurrentCheckout(client, lambda: None).check_payment(MINE))  # type: ignore[arg-type]
    verdict = judge(_row(), check)
    assert verdict.status is None and verdict.anomaly == "amount_mismatch"
    client = SimpleNamespace(payments=_Payments({**answer, "currency": "xof"}))
    check = asyncio.run(CurrentCheckout(client, lambda: None).check_payment(MINE))  # type: ignore[arg-type]
    assert judge(_row(), check).status is PaymentStatus.ACCEPTED  # 5000.00 XOF is 5000 XOF
