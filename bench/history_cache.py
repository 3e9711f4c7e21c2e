"""Benchmark of the history cache: prints figures, asserts nothing.

    .venv/bin/python bench/history_cache.py [ROWS]

Builds a cache of ROWS (default 100 000) generated transactions in a temporary file, then
times the insert, count/totals, a filtered page, a text search, a sort and a full export.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from backoffice.store.db import Database
from backoffice.store.history import (
    HistoryQuery,
    HistoryRow,
    daily_totals,
    history_count,
    history_iter,
    history_page,
    history_totals,
    upsert_history,
)

T = TypeVar("T")

OPERATORS = ("OM", "MOMO", "FLOOZ", "WAVE", "VISAM")
NAMES = ("Konaté Awa", "Kouassi Yao", "N'Guessan Éric", "Traoré Fanta", "Diallo Mamadou")
ITEMS = ("Vente comptoir", "Café crème", "Thé à la menthe", "Pain complet", "Riz 25 kg")


def generate(count: int, seed: int = 7) -> Iterator[HistoryRow]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    for n in range(count):
        status = rng.choices(("ACCEPTED", "REFUSED", "PENDING"), (70, 25, 5))[0]
        yield HistoryRow(
            transaction_id=f"CP{n:07d}{rng.randrange(1000):03d}",
            amount=Decimal(rng.randrange(20, 20000) * 5),
            currency="XOF",
            status=status,
            result_code="00" if status == "ACCEPTED" else "600",
            payid=f"PAY{rng.randrange(10**9):09d}",
            operator=rng.choice(OPERATORS),
            phone_prefix="225",
            phone=f"07{rng.randrange(10**8):08d}",
            designation=rng.choice(ITEMS),
            buyer_name=rng.choice(NAMES),
            custom=f"ticket-{n}",
            paid_at=start + timedelta(seconds=rng.randrange(150 * 86400)),
        )


def timed(label: str, fn: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    result = fn()
    print(f"{label:<48} {1000 * (time.perf_counter() - t0):9.1f} ms")
    return result


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "journal.db"
        db = Database.open(path)
        rows = timed(f"generate {count} rows (Python)", lambda: list(generate(count)))
        timed(f"upsert_history {count} rows (one transaction)", lambda: upsert_history(db, rows))
        timed(f"upsert_history again ({count} updates)", lambda: upsert_history(db, rows))
        everything = HistoryQuery()
        n = timed("history_count (no filter)", lambda: history_count(db, everything))
        totals = timed("history_totals (no filter)", lambda: history_totals(db, everything))
        print(f"  -> {n} rows, accepted {totals.accepted.count} = {totals.accepted.amount} XOF")
        timed("history_page 200 @0, sort paid_at desc", lambda: history_page(db, everything))
        timed(
            "history_page 200 @50000, sort paid_at desc",
            lambda: history_page(db, everything, 50_000, 200),
        )
        march = HistoryQuery(
            date_from=date(2026, 3, 1),
            date_to=date(2026, 3, 31),
            statuses=("ACCEPTED",),
            operators=("OM", "WAVE"),
        )
        timed("count, March ACCEPTED OM+WAVE", lambda: history_count(db, march))
        timed("totals, March ACCEPTED OM+WAVE", lambda: history_totals(db, march))
        timed("page 200, March ACCEPTED OM+WAVE", lambda: history_page(db, march, 0, 200))
        search = HistoryQuery(text="konate")
        found = timed("count, text search 'konate'", lambda: history_count(db, search))
        timed("page 200, text search 'konate'", lambda: history_page(db, search, 0, 200))
        print(f"  -> {found} rows match")
        rare = HistoryQuery(text="ticket-4242")
        timed("page 200, text search 'ticket-4242'", lambda: history_page(db, rare, 0, 200))
        by_amount = HistoryQuery(sort_key="amount", descending=False)
        timed("page 200 @0, sort amount asc", lambda: history_page(db, by_amount, 0, 200))
        by_buyer = HistoryQuery(sort_key="buyer_name")
        timed("page 200 @0, sort buyer_name desc (no index)", lambda: history_page(db, by_buyer))
        timed("phone filter page", lambda: history_page(db, HistoryQuery(phone=rows[9].phone)))
        timed(
            "daily_totals 30 days",
            lambda: daily_totals(db, 30, date(2026, 5, 30)),
        )
        exported = timed(
            "history_iter full export", lambda: sum(1 for _ in history_iter(db, everything))
        )
        print(f"  -> {exported} rows exported")
        db.close()
        print(f"file size {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
