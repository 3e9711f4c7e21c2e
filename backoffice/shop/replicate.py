"""A till's replicator: copies its journal's rows to the shop database, in the background.

The till's SQLite journal stays the record of its own money operations; the shop database
holds copies. Migration 0010 of the journal keeps ``shop_pending``: every insert or update of
a replicated row leaves (table, row id) there under a fresh sequence number, in the same
transaction as the change. A cycle (:meth:`Replicator.run_once`):

1. reads up to ``batch`` pending entries and the rows' current content (one read snapshot);
2. upserts them into the shop database in one transaction, with the till's heartbeat;
3. deletes the entries whose seq it read (a row changed meanwhile has a new seq: it stays).

It copies the adoptions first (shop/adoption.py): this till's operations adopted by another
(never sent from here again) and those this till adopted (imported into its journal).

A crash anywhere only means pushing again; upserts are idempotent and states only move
forward (``ON CONFLICT … WHERE`` compares a state rank, then ``updated_at``; a row another
till owns is never overwritten), so nothing is lost nor counted twice, after an outage, a
restart or kill -9 alike. A till that no longer sends an operation (adopted) only reports
progress to it (a higher rank), never overwrites it.

Threading: the replicator runs on a thread of its own with the synchronous psycopg driver
(qasync on Windows is a Proactor loop: no async psycopg) and its own SQLite connection to
the journal file (WAL: its reads never wait for the till's writes; its writes are a few short
``BEGIN IMMEDIATE`` deletes). It never goes through the journal's DB thread, so a slow or
absent shop server can never delay a sale, and it never touches the event loop.

API (what the GUI, the CLI and the back office use)::

    rep = Replicator(journal_path, dsn, till="CAISSE-1", on_status=callback)
    rep.start()            # background thread: a cycle every ``interval`` s, backoff when down
    rep.wake()             # push now (e.g. after an operation)
    rep.status()           # ReplicationStatus: connected, pending, last_pushed, error…
    rep.run_once()         # one full cycle on the calling thread (CLI ``sync``, tests)
    rep.stop()             # joins the thread, closes both connections

``on_status(status)`` is called from the replicator's thread after each cycle whose status
changed: a GUI hands it to its loop with ``loop.call_soon_threadsafe``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import psycopg.conninfo
from psycopg.types.json import Jsonb

from .. import __version__
from . import adoption
from .schema import connect, has_password, latest_version, redact, version

log = logging.getLogger(__name__)

JOURNAL_MIN_VERSION = 10  # the journal migration that keeps shop_pending
BATCH = 200
HEARTBEAT_SECONDS = 10.0

# 0: not acknowledged by CinetPay yet (its order may go back and forth: updated_at decides),
# 1: sent (acknowledged, awaiting an outcome), 2: final or failed. Never down.
STATE_RANK: Mapping[str, int] = {"queued": 0, "sending": 0, "uncertain": 0, "sent": 1,
                                 "final": 2, "failed": 2}
# Not an outage: the database cannot take a row (bad data in it, or a schema mismatch).
REFUSALS = (psycopg.DataError, psycopg.IntegrityError, psycopg.ProgrammingError, ValueError,
            TypeError)
_TIMESTAMPS = frozenset({"created_at", "updated_at", "accepted_at", "ended_at", "period_start",
                         "period_end", "removed_at", "reopened_at"})


@dataclass(frozen=True)
class TableMap:
    """How one journal table is copied: its shop table, key, columns and update rule."""

    local: str
    shop: str
    key: tuple[str, ...]
    columns: tuple[str, ...]  # copied as they are (timestamps parsed), besides till & row
    rule: str  # 'forward' (state rank + updated_at), 'append' (insert once), 'cashier'
    kind: str = ""  # outbox kind ('link', 'transfer', 'contact') for forward tables


TABLES: tuple[TableMap, ...] = (
    TableMap("payment_links", "links", ("transaction_id",),
             ("transaction_id", "cashier_id", "created_at", "updated_at", "amount", "currency",
              "description", "state", "payment_status", "status_code", "payment_method",
              "phone", "operator_id", "accepted_at", "ended_at", "end_reason", "anomaly",
              "reason"), "forward", "link"),
    TableMap("transfers", "transfers", ("client_transaction_id",),
             ("client_transaction_id", "cashier_id", "created_at", "updated_at", "batch_id",
              "prefix", "phone", "amount", "payment_method", "state", "treatment_status",
              "sending_status", "cinetpay_transaction_id", "code", "review", "reason"),
             "forward", "transfer"),
    TableMap("contacts", "contacts", ("till", "prefix", "phone"),
             ("prefix", "phone", "cashier_id", "name", "surname", "email", "state",
              "created_at", "updated_at"), "forward", "contact"),
    TableMap("cash_movements", "cash_movements", ("movement_id",),
             ("movement_id", "cashier_id", "created_at", "kind", "amount", "currency",
              "description"), "append"),
    TableMap("closings", "closings", ("closing_id",),
             ("closing_id", "cashier_id", "shop_day", "version", "period_start", "period_end",
              "created_at", "closed_by", "provisional", "expected_cash", "counted_cash",
              "report_json"), "append"),
    TableMap("cashiers", "cashiers", ("till", "cashier_id"),
             ("cashier_id", "name", "role", "created_at", "removed_at"), "cashier"),
    TableMap("day_reopenings", "day_reopenings", ("till", "shop_day", "reopened_at"),
             ("shop_day", "reopened_at", "reopened_by", "reason"), "append"),
)
BY_LOCAL: Mapping[str, TableMap] = {t.local: t for t in TABLES}
BY_KIND: Mapping[str, TableMap] = {t.kind: t for t in TABLES if t.kind}


def _shop_column(name: str) -> str:
    return "report" if name == "report_json" else name


def upsert_sql(t: TableMap) -> str:
    """The one statement that copies a row of ``t`` (column names are ours, never input)."""
    cols = ["till", *(_shop_column(c) for c in t.columns), "row"]
    extra = ["sender", "state_rank"] if t.rule == "forward" else []
    names = [*cols, *extra]
    head = (f"INSERT INTO {t.shop} ({', '.join(names)}) VALUES "
            f"({', '.join(f'%({n})s' for n in names)}) ON CONFLICT ({', '.join(t.key)}) ")
    if t.rule == "append":
        return head + "DO NOTHING"
    keys = set(t.key)
    if t.rule == "cashier":
        sets = ["name = EXCLUDED.name", "role = EXCLUDED.role", "row = EXCLUDED.row",
                "removed_at = coalesce(EXCLUDED.removed_at, cashiers.removed_at)",
                "pushed_at = now()"]
        return head + "DO UPDATE SET " + ", ".join(sets)
    sets = [f"{c} = EXCLUDED.{c}" for c in cols if c not in keys and c != "till"]
    sets += ["state_rank = EXCLUDED.state_rank", "pushed_at = now()"]  # never `sender`
    s = t.shop
    return (head + "DO UPDATE SET " + ", ".join(sets) +
            f" WHERE ({s}.state_rank < EXCLUDED.state_rank OR ({s}.state_rank ="
            f" EXCLUDED.state_rank AND {s}.updated_at <= EXCLUDED.updated_at))"
            f" AND {s}.till = EXCLUDED.till"
            # a till that no longer sends it (adopted) may only report progress
            f" AND ({s}.sender = EXCLUDED.sender OR {s}.state_rank < EXCLUDED.state_rank)")


_UPSERTS = {t.local: upsert_sql(t) for t in TABLES}


def _value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _TIMESTAMPS:
        return datetime.fromisoformat(str(value))
    if name == "report_json":
        return Jsonb(json.loads(value))
    if name == "provisional":
        return bool(value)
    return value


def shop_params(t: TableMap, row: Mapping[str, Any], till: str) -> dict[str, Any]:
    """The upsert's parameters for one journal row (``till``: this till, for rows that do
    not name theirs)."""
    params = {_shop_column(c): _value(c, row.get(c)) for c in t.columns}
    params["till"] = row.get("till") or till
    params["row"] = Jsonb({k: v for k, v in row.items() if k != "id"})
    if t.rule == "forward":
        params["sender"] = till
        params["state_rank"] = STATE_RANK.get(str(row["state"]), 0)
    return params


@dataclass(frozen=True)
class ReplicationStatus:
    """What the status bar and ``shop status`` say about this till's replication."""

    till: str
    shop: str  # the shop database, redacted (never its password)
    connected: bool = False  # the last cycle reached the shop database
    pending: int = 0  # journal rows not copied yet
    pushed: int = 0  # rows copied since start
    last_pushed: datetime | None = None  # last cycle that copied rows
    last_contact: datetime | None = None  # last cycle that reached the server
    error: str = ""  # why the last cycle failed ("" when it did not)
    retry_in: float = 0.0  # seconds before the next try (backoff while down)
    adopted_away: int = 0  # this till's operations another till sends now
    schema_missing: bool = False  # the shop database needs `comptoir-cli shop init`
    refused: int = 0  # rows the shop database refused (bad data): kept pending, retried later
    updated: datetime = field(default_factory=lambda: datetime.now(UTC))


class ShopNotReady(RuntimeError):
    """The shop database has no (or an older) schema: ``comptoir-cli shop init``."""


class Replicator:
    """Copies one till's journal to the shop database (see the module doc)."""

    def __init__(self, journal: Path | str, dsn: str, till: str, *, interval: float = 1.0,
                 max_backoff: float = 30.0, batch: int = BATCH, host: str | None = None,
                 app_version: str = __version__,
                 on_status: Callable[[ReplicationStatus], None] | None = None,
                 password: Callable[[], str | None] | None = None) -> None:
        self.journal = Path(journal)
        self._dsn = dsn
        self._password = password  # asked on this thread when the DSN has none (keyring)
        self.till = till
        self.interval = interval
        self.max_backoff = max_backoff
        self.batch = batch
        self.host = host if host is not None else socket.gethostname()
        self.app_version = app_version
        self.on_status = on_status
        self._status = ReplicationStatus(till, redact(dsn))
        self._lock = threading.RLock()  # one cycle at a time (thread and run_once)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._local: sqlite3.Connection | None = None
        self._pg: psycopg.Connection | None = None
        self._failures = 0
        self._last_heartbeat = 0.0
        self._adoption_seen = 0  # highest adoption id copied (this till's ops adopted away)
        self._import_seen = 0  # highest adoption id by this till imported
        self._refused: set[int] = set()  # seqs of rows the shop database refused (this run)
        # Tests: called between the shop commit and the local delete (a crash there).
        self.after_push: Callable[[], None] | None = None

    # --- life -------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"comptoir-shop-{self.till}",
                                        daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Run a cycle now (instead of at the next tick)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        # A cycle stuck on a vanished server (bounded by keepalives and the statement
        # timeout) never holds up closing the till: the daemon thread ends with the process.
        if not self._lock.acquire(timeout=timeout):
            log.warning("shop replication still busy at close: left to finish on its own")
            return
        try:
            self._close_pg()
            if self._local is not None:
                self._local.close()
                self._local = None
        finally:
            self._lock.release()

    def status(self) -> ReplicationStatus:
        return self._status

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
                delay = self.interval
            except Exception:  # said in the status; never stops the thread
                delay = min(self.max_backoff, self.interval * 2 ** min(self._failures, 10))
                self._set(retry_in=delay)
            self._wake.wait(delay)
            self._wake.clear()

    # --- one cycle -------------------------------------------------------------------------

    def run_once(self) -> int:
        """One full cycle: push everything pending, copy the adoptions, heartbeat. Returns the
        rows pushed. A failure is recorded in the status (redacted) and raised."""
        with self._lock:
            try:
                pushed = self._cycle()
            except ShopNotReady as exc:
                self._failed(exc, schema_missing=True)
                raise
            except (psycopg.Error, OSError) as exc:
                self._failed(exc)
                raise
            self._failures = 0
            return pushed

    def _cycle(self) -> int:
        local = self._local_conn()
        pg = self._pg_conn()
        # Adoptions first: before this till's outbox drains, and imports pushed at once.
        away = adoption.copy_adopted_away(pg, local, self.till, self._adoption_seen)
        self._adoption_seen = max(self._adoption_seen, away)
        mine = adoption.import_adopted(pg, local, self.till, self._import_seen)
        self._import_seen = max(self._import_seen, mine)
        pushed = 0
        while True:
            entries = self._read_pending(local)
            if not entries:
                break
            done = self._push(pg, entries, local)
            if self.after_push is not None:
                self.after_push()
            self._forget(local, done)
            batch = sum(1 for seq, _, row in entries if row is not None and seq in done)
            pushed += batch
            self._set(pushed=self._status.pushed + batch, last_pushed=_now())
        pending = _count_pending(local)
        if pushed or _mono() - self._last_heartbeat >= HEARTBEAT_SECONDS:
            self._heartbeat(pg, pending, pushed > 0)
        refused = len(self._refused)
        self._set(connected=True, pending=pending, last_contact=_now(), retry_in=0.0,
                  schema_missing=False, refused=refused,
                  error=f"{refused} ligne(s) refusée(s) par la base boutique / row(s) refused"
                        " by the shop database" if refused else "",
                  adopted_away=adoption.count_adopted_away(local))
        return pushed

    def _read_pending(self, local: sqlite3.Connection
                      ) -> list[tuple[int, str, dict[str, Any] | None]]:
        """Up to ``batch`` entries with their rows' current content, in one read snapshot
        (rows the shop database refused in this run are left aside: retried at the next)."""
        local.execute("BEGIN")
        try:
            entries = local.execute("SELECT seq, tbl, row_id FROM shop_pending ORDER BY seq"
                                    " LIMIT ?", (self.batch + len(self._refused),)).fetchall()
            out: list[tuple[int, str, dict[str, Any] | None]] = []
            for seq, tbl, row_id in entries:
                if seq in self._refused or len(out) >= self.batch:
                    continue
                if tbl not in BY_LOCAL:
                    out.append((seq, tbl, None))
                    continue
                found = local.execute(f"SELECT * FROM {tbl} WHERE id = ?", (row_id,)).fetchone()
                out.append((seq, tbl, dict(found) if found is not None else None))
            return out
        finally:
            local.execute("COMMIT")

    def _push(self, pg: psycopg.Connection, entries: Sequence[
            tuple[int, str, dict[str, Any] | None]], local: sqlite3.Connection) -> list[int]:
        """Upsert a batch in one transaction; returns the seqs done. A batch the database
        refuses (a row it cannot take: bad data, not an outage) goes row by row, and the rows
        it still refuses stay pending, set aside for this run (``status().refused``)."""
        try:
            with pg.transaction():
                self._upsert(pg, entries)
                self._heartbeat_sql(pg, _count_pending(local), True)
            return [seq for seq, _, _ in entries]
        except REFUSALS:
            pass
        done = []
        for entry in entries:
            try:
                with pg.transaction():
                    self._upsert(pg, [entry])
                done.append(entry[0])
            except REFUSALS as exc:
                self._refused.add(entry[0])
                log.error("shop database refused a %s row: %s", entry[1], type(exc).__name__)
        return done

    def _upsert(self, pg: psycopg.Connection,
                entries: Sequence[tuple[int, str, dict[str, Any] | None]]) -> None:
        by_table: dict[str, list[dict[str, Any]]] = {}
        for _, tbl, row in entries:
            if row is not None:
                by_table.setdefault(tbl, []).append(shop_params(BY_LOCAL[tbl], row, self.till))
        for tbl, params in by_table.items():
            with pg.cursor() as cur:
                cur.executemany(_UPSERTS[tbl], params)

    def _heartbeat(self, pg: psycopg.Connection, pending: int, pushed: bool) -> None:
        with pg.transaction():
            self._heartbeat_sql(pg, pending, pushed)

    def _heartbeat_sql(self, pg: psycopg.Connection, pending: int, pushed: bool) -> None:
        pg.execute(
            "INSERT INTO tills (code, host, app_version, last_seen, last_pushed, pending)"
            " VALUES (%(code)s, %(host)s, %(version)s, now(), CASE WHEN %(pushed)s THEN now()"
            " END, %(pending)s) ON CONFLICT (code) DO UPDATE SET host = EXCLUDED.host,"
            " app_version = EXCLUDED.app_version, last_seen = now(), pending = EXCLUDED.pending,"
            " last_pushed = coalesce(EXCLUDED.last_pushed, tills.last_pushed)",
            {"code": self.till, "host": self.host, "version": self.app_version,
             "pushed": pushed, "pending": pending})
        self._last_heartbeat = _mono()

    def _forget(self, local: sqlite3.Connection, seqs: list[int]) -> None:
        local.execute("BEGIN IMMEDIATE")
        try:
            local.executemany("DELETE FROM shop_pending WHERE seq = ?", [(s,) for s in seqs])
            local.execute("COMMIT")
        except BaseException:
            local.execute("ROLLBACK")
            raise

    # --- connections -----------------------------------------------------------------------

    def _local_conn(self) -> sqlite3.Connection:
        if self._local is None:
            conn = sqlite3.connect(self.journal, isolation_level=None, check_same_thread=False,
                                   timeout=5.0)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA synchronous = FULL")
            found = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if found < JOURNAL_MIN_VERSION:
                conn.close()
                raise OSError(f"journal at version {found}: open it with Comptoir first")
            self._local = conn
        return self._local

    def _pg_conn(self) -> psycopg.Connection:
        if self._pg is not None and not self._pg.closed and not self._pg.broken:
            return self._pg
        self._close_pg()
        dsn = self._dsn
        if self._password is not None and not has_password(dsn):
            secret = self._password()
            if secret:
                self._dsn = dsn = psycopg.conninfo.make_conninfo(dsn, password=secret)
        conn = connect(dsn)
        try:
            if version(conn) < latest_version():
                raise ShopNotReady("the shop database needs `comptoir-cli shop init`")
        except BaseException:
            conn.close()
            raise
        self._pg = conn
        return conn

    def _close_pg(self) -> None:
        if self._pg is not None:
            with contextlib.suppress(psycopg.Error):
                self._pg.close()
            self._pg = None

    # --- status ----------------------------------------------------------------------------

    def _failed(self, exc: BaseException, *, schema_missing: bool = False) -> None:
        self._failures += 1
        self._close_pg()
        reason = safe_error(exc, self._dsn)
        if self._status.connected or self._failures == 1:
            log.warning("shop database %s unreachable: %s (will retry)",
                        redact(self._dsn), reason)
        pending = self._status.pending
        if self._local is not None:
            with contextlib.suppress(sqlite3.Error):
                pending = _count_pending(self._local)
        self._set(connected=False, error=reason, pending=pending,
                  schema_missing=schema_missing)

    def _set(self, **changes: Any) -> None:
        before = self._status
        self._status = replace(before, **changes, updated=_now())
        if self.on_status is not None and replace(before, updated=self._status.updated) \
                != self._status:
            try:
                self.on_status(self._status)
            except Exception:  # said in the status; never stops the thread
                log.exception("shop status listener failed")


def safe_error(exc: BaseException, dsn: str) -> str:
    """An error's text with no trace of the DSN's password."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    try:
        password = psycopg.conninfo.conninfo_to_dict(dsn).get("password")
    except psycopg.ProgrammingError:
        return "adresse de base invalide / invalid database address"
    if password:
        text = text.replace(str(password), "***")
    if isinstance(exc, psycopg.ProgrammingError) and "dsn" in text.lower():
        return "adresse de base invalide / invalid database address"
    return text


def _count_pending(local: sqlite3.Connection) -> int:
    return int(local.execute("SELECT count(*) FROM shop_pending").fetchone()[0])


def pending_count(journal: Path | str) -> int:
    """Rows of this journal not copied to the shop database yet (read-only)."""
    conn = sqlite3.connect(f"file:{Path(journal)}?mode=ro", uri=True)
    try:
        return _count_pending(conn)
    finally:
        conn.close()


def _now() -> datetime:
    return datetime.now(UTC)


def _mono() -> float:
    return time.monotonic()
