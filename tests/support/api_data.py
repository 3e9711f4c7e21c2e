"""Request and answer shapes for the API tests: a checkout request, history rows."""

from __future__ import annotations

import uuid
from typing import Any

from backoffice.api import PaymentRequest
from backoffice.simulator.routes_legacy import ODD_ROWS

UNREADABLE_ODD_ROWS = len(ODD_ROWS) - 1  # all but the zero dates one


def row(tid: str, **fields: Any) -> dict[str, Any]:
    base = {"cpm_trans_id": tid, "cpm_amount": "1000", "cpm_currency": "CFA",
            "cpm_trans_status": "ACCEPTED", "cpm_result": "00",
            "cpm_payment_date": "2026-03-01", "cpm_payment_time": "10:00:00",
            "created_at": "2026-03-01 09:59:00", "updated_at": "2026-03-01 10:00:00"}
    return {**base, **fields}


def new_request(**overrides) -> PaymentRequest:
    fields = dict(
        transaction_id=f"T{uuid.uuid4().hex[:16]}",
        amount=17500,
        currency="XOF",
        description="Vente comptoir",
        notify_url="https://shop.example.ci/notify",
        return_url="https://shop.example.ci/return",
    )
    fields.update(overrides)
    return PaymentRequest(**fields)
