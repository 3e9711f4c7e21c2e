"""``GET /v1/balances``: the merchant's available balance (what transfers draw on)."""

from __future__ import annotations

from typing import Any

from .. import parsing as p
from ..errors import reading
from .auth import Session
from .codes import OK_CODES, envelope, error
from .models import CurrentBalance


class BalancesApi:
    def __init__(self, session: Session) -> None:
        self._s = session

    async def get(self) -> CurrentBalance:
        with reading():  # a pure read: a failure says "try again"
            return parse_balance(await self._s.call("GET", "/v1/balances"))


def parse_balance(answer: Any) -> CurrentBalance:
    body, code = envelope(answer, "balance answer")
    if code not in OK_CODES:
        raise error(body, code)
    return CurrentBalance(available=p.amount(body, "available_balance"),
                          currency=p.text(body, "currency").upper())
