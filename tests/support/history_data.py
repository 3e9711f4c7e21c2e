"""Deterministic history rows and a pure-Python reference of the history queries."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from backoffice.store.history import HistoryQuery, HistoryRow

OPERATORS = ("OM", "MOMO", "FLOOZ", "WAVE", "VISAM")
BUYERS = ("Konaté Awa", "Kouassi Yao", "N'Guessan Éric", "Traoré Fanta", "Diallo Mamadou", "")
ITEMS = ("Vente comptoir", "Café crème", "Thé à la menthe", "Pain complet", "Riz 25 kg", "")
PHONES = tuple(f"07{n:08d}" for n in range(0, 10**8, 10**8 // 400))  # 400 customers


def generate(count: int, seed: int = 20261123) -> Iterator[HistoryRow]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    for n in range(count):
        status = rng.choices(("ACCEPTED", "REFUSED", "PENDING"), (70, 25, 5))[0]
        usd = rng.random() < 0.05
        amount = (
            Decimal(rng.randrange(100, 100_000)).scaleb(-2)  # 1.00 .. 999.99, cents
            if usd
            else Decimal(rng.randrange(20, 20_000) * 5)
        )
        yield HistoryRow(
            transaction_id=f"CP{rng.randrange(10**6):06d}{n:06d}",  # not in insertion order
            amount=amount,
            currency="USD" if usd else "XOF",
            status=status,
            result_code="00" if status == "ACCEPTED" else rng.choice(("600", "627", "662")),
            payid=f"PAY{rng.randrange(10**9):09d}",
            operator=rng.choice(OPERATORS),
            phone_prefix=rng.choice(("225", "225", "221")),
            phone=rng.choice(PHONES),
            designation=rng.choice(ITEMS),
            buyer_name=rng.choice(BUYERS),
            custom=f"ticket-{n}" if rng.random() < 0.5 else "",
            # ~2 % unpaid rows without a payment date
            paid_at=None
            if rng.random() < 0.02
            else start + timedelta(seconds=rng.randrange(120 * 86400)),
            created_at=f"2026-01-01 00:00:{n % 60:02d}",
        )


def plain(text: str) -> str:
    """Independent fold for the reference: drop accents, lower-case."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


SORT_ATTR = {
    "paid_at": lambda r: r.paid_at,
    "amount": lambda r: r.amount_minor,
    "status": lambda r: r.status,
    "operator": lambda r: r.operator,
    "transaction_id": lambda r: r.transaction_id,
    "payid": lambda r: r.payid,
    "phone": lambda r: r.phone,
    "buyer_name": lambda r: r.buyer_name,
    "designation": lambda r: r.designation,
    "currency": lambda r: r.currency,
    "result_code": lambda r: r.result_code,
}


class Reference:
    """What the queries must return, computed in plain Python over the same rows (same
    order as SQLite: NULL first ascending, last descending; ties by transaction_id)."""

    def __init__(self, rows: list[HistoryRow]) -> None:
        self.rows = rows
        fold_cache: dict[str, str] = {}

        def fold(text: str) -> str:
            if text not in fold_cache:
                fold_cache[text] = plain(text)
            return fold_cache[text]

        self._searchable = [
            (
                r.transaction_id.lower(),
                r.payid.lower(),
                r.phone_prefix + r.phone,
                fold(r.designation),
                fold(r.buyer_name),
                r.custom.lower(),
            )
            for r in rows
        ]
        self._filtered: dict[HistoryQuery, list[HistoryRow]] = {}
        self._memo: dict[HistoryQuery, list[HistoryRow]] = {}

    def __call__(self, q: HistoryQuery) -> list[HistoryRow]:
        """Matching rows in the query's order (filtered once per filter, whatever the sort)."""
        if q not in self._memo:
            unsorted = replace(q, sort_key="transaction_id", descending=False)
            if unsorted not in self._filtered:
                self._filtered[unsorted] = self._filter(unsorted)
            self._memo[q] = self._sort(self._filtered[unsorted], q)
        return self._memo[q]

    def _filter(self, q: HistoryQuery) -> list[HistoryRow]:
        # Only the active filters are checked (keeps 100k-row references fast).
        tests: list[Callable[[HistoryRow, tuple[str, ...]], bool]] = []
        if q.date_from:
            low = q.date_from
            tests.append(lambda r, f: r.paid_at is not None and r.paid_at.date() >= low)
        if q.date_to:
            high = q.date_to
            tests.append(lambda r, f: r.paid_at is not None and r.paid_at.date() <= high)
        if q.statuses:
            tests.append(lambda r, f: r.status in q.statuses)
        if q.operators:
            tests.append(lambda r, f: r.operator in q.operators)
        if phone := q.phone.strip().replace(" ", "").lstrip("+"):
            tests.append(lambda r, f: phone in (r.phone, r.phone_prefix + r.phone))
        if q.transaction_id:
            tests.append(lambda r, f: r.transaction_id == q.transaction_id)
        if needle := plain(q.text.strip()):
            tests.append(lambda r, f: any(needle in field for field in f))
        pairs = zip(self.rows, self._searchable, strict=True)
        return [r for r, f in pairs if all(test(r, f) for test in tests)]

    @staticmethod
    def _sort(found: list[HistoryRow], q: HistoryQuery) -> list[HistoryRow]:
        attr = SORT_ATTR[q.sort_key]

        def key(r: HistoryRow) -> tuple:
            value = attr(r)
            return (value is not None, value if value is not None else 0, r.transaction_id)

        return sorted(found, key=key, reverse=q.descending)
