"""What a back office reads from the shop database (synchronous: call it on a worker thread,
``await asyncio.to_thread(...)``, never on the event loop).

    with connect(dsn) as pg:
        tills(pg)                                  # [TillRow]: code, host, last_seen, pending…
        rows(pg, "links", till=None, since=…, until=…, limit=…)   # dicts, newest first
        # tables: links, transfers, contacts, cash_movements, closings, cashiers,
        # day_reopenings; every dict has the typed columns plus ``row`` (the till's full row)

    listener = ShopListener(dsn, callback)         # LISTEN comptoir_shop on its own thread
    listener.start(); …; listener.stop()
    # callback(ShopEvent(table, till, id)) runs on the listener's thread: a GUI hands it to
    # its loop with loop.call_soon_threadsafe(...) and coalesces (several events a second).
    # After a lost connection the listener reconnects with backoff and sends
    # ShopEvent("*", "", "") once it is back: re-read everything (events may have been missed).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from .schema import CHANNEL, connect, redact

log = logging.getLogger(__name__)

TABLES = ("links", "transfers", "contacts", "cash_movements", "closings", "cashiers",
          "day_reopenings")


@dataclass(frozen=True)
class TillRow:
    code: str
    host: str
    app_version: str
    first_seen: datetime
    last_seen: datetime
    last_pushed: datetime | None
    pending: int  # rows it had not copied yet, as it said at last_seen
    adopted_by: str | None  # the till that took over its outbox last (None: nobody)

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("first_seen", "last_seen", "last_pushed"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


def tills(pg: psycopg.Connection) -> list[TillRow]:
    with pg.transaction():
        found = pg.execute(
            "SELECT t.code, t.host, t.app_version, t.first_seen, t.last_seen, t.last_pushed,"
            " t.pending, (SELECT a.by_till FROM adoptions a WHERE a.adopted_till = t.code"
            " ORDER BY a.id DESC LIMIT 1) FROM tills t ORDER BY t.code").fetchall()
    return [TillRow(*r) for r in found]


def rows(pg: psycopg.Connection, table: str, *, till: str | None = None,
         since: datetime | None = None, until: datetime | None = None,
         limit: int = 1000) -> list[dict[str, Any]]:
    """Copies of one table, newest first (``created_at`` in [since, until)); ``till`` None:
    every till."""
    if table not in TABLES:
        raise ValueError(f"unknown shop table {table!r}")
    stamp = "reopened_at" if table == "day_reopenings" else "created_at"
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if till is not None:
        where.append("till = %s")
        params.append(till)
    if since is not None:
        where.append(f"{stamp} >= %s")
        params.append(since)
    if until is not None:
        where.append(f"{stamp} < %s")
        params.append(until)
    query = (f"SELECT * FROM {table} WHERE {' AND '.join(where)}"  # names are ours
             f" ORDER BY {stamp} DESC LIMIT %s")
    with pg.transaction(), pg.cursor(row_factory=dict_row) as cur:
        return cur.execute(query, [*params, int(limit)]).fetchall()


@dataclass(frozen=True)
class ShopEvent:
    table: str  # "*": reconnected, re-read everything
    till: str
    id: str


class ShopListener:
    """LISTEN on the shop channel from a thread of its own (see the module doc)."""

    def __init__(self, dsn: str, callback: Callable[[ShopEvent], None], *,
                 max_backoff: float = 30.0) -> None:
        self._dsn = dsn
        self.callback = callback
        self.max_backoff = max_backoff
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()  # set while listening

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="comptoir-shop-listen",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        delay, first = 0.5, True
        while not self._stop.is_set():
            try:
                with connect(self._dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    delay = 0.5
                    if not first:
                        self._deliver(ShopEvent("*", "", ""))
                    first = False
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._deliver(_event(note.payload))
            except psycopg.Error as exc:
                self.connected.clear()
                log.warning("shop listener on %s: %s (will retry)", redact(self._dsn),
                            type(exc).__name__)
                first = False
                self._stop.wait(delay)
                delay = min(self.max_backoff, delay * 2)
        self.connected.clear()

    def _deliver(self, event: ShopEvent) -> None:
        try:
            self.callback(event)
        except Exception:  # a listener's bug never stops listening
            log.exception("shop event callback failed")


def _event(payload: str) -> ShopEvent:
    try:
        data = json.loads(payload)
        return ShopEvent(str(data.get("table", "")), str(data.get("till") or ""),
                         str(data.get("id") or ""))
    except ValueError:
        return ShopEvent("*", "", "")
