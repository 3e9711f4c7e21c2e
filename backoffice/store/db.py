"""The journal database: one SQLite file, one connection, explicit transactions.

Recipe (shared/platform-notes.md §8): stdlib ``sqlite3`` with ``isolation_level=None`` and
``check_same_thread=False``; every write inside ``BEGIN IMMEDIATE … COMMIT``; per connection
``journal_mode=WAL``, ``synchronous=FULL`` (a commit survives power loss), ``foreign_keys=ON``
and a busy timeout. :class:`AsyncDatabase` gives the database its own thread so an event loop
never blocks on it.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from .clock import Clock, to_iso, utcnow
from .errors import (
    DatabaseCorrupt,
    DatabaseReadOnly,
    DatabaseUnavailable,
    SchemaTooNew,
    translate_errors,
)
from .migrations import (
    Migration,
    apply_migrations,
    latest_version,
    load_migrations,
    read_user_version,
)

__all__ = ["AsyncDatabase", "Database", "utcnow"]

P = ParamSpec("P")
T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 5000
CACHE_SIZE_KIB = 32 * 1024


class Database:
    """An open journal. Use :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self._conn = conn
        self.path = path
        self.clock = clock
        # Serialises transactions if the object is (wrongly) shared between threads.
        self._lock = threading.RLock()
        self._depth = 0

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: os.PathLike[str] | str,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        clock: Clock | None = None,
        migrations: Sequence[Migration] | None = None,
        check_integrity: bool = True,
    ) -> Database:
        """Open (creating it and its directory if needed) and migrate the journal at ``path``.

        Raises :class:`DatabaseCorrupt` (the file is never modified, reset or deleted),
        :class:`DatabaseLocked`, :class:`DatabaseReadOnly`, :class:`DiskFull`,
        :class:`SchemaTooNew` or :class:`MigrationFailed`.
        ``migrations`` defaults to the packaged ones (tests inject their own).
        """
        path = Path(path)
        known = load_migrations() if migrations is None else list(migrations)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():  # owner-only (SQLite gives the WAL/SHM the same mode)
                os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        except PermissionError as exc:
            raise DatabaseReadOnly(path, str(exc)) from exc
        except OSError as exc:
            raise DatabaseUnavailable(path, str(exc)) from exc
        _check_header(path)
        with translate_errors(path):
            conn = sqlite3.connect(
                path,
                isolation_level=None,
                check_same_thread=False,
                timeout=busy_timeout_ms / 1000,
            )
        try:
            with translate_errors(path):
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
                # Refuse before anything may write (switching to WAL rewrites the header).
                if check_integrity:
                    problems = _quick_check(conn)
                    if problems:
                        raise DatabaseCorrupt(path, "; ".join(problems[:3]))
                found = read_user_version(conn)
                if found > latest_version(known):
                    raise SchemaTooNew(path, found, latest_version(known))
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                # Room for the history cache's indexes (the 2 MB default thrashes at 100k rows).
                conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
                conn.execute("PRAGMA temp_store = MEMORY")
                # Write probe: find a lock or a read-only file now, not at the first sale.
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            apply_migrations(conn, known, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock or utcnow)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- time ----------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def now_iso(self) -> str:
        return to_iso(self.clock())

    # -- statements ----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, ``ROLLBACK`` on any exception.

        Nested use becomes a savepoint inside the outer transaction. sqlite3 errors come out
        as :class:`StoreError` subclasses (constraint violations stay ``IntegrityError``).
        """
        with self._lock, translate_errors(self.path):
            if self._depth:
                yield from self._savepoint()
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._rollback()
                raise
            else:
                try:
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._rollback()
                    raise
            finally:
                self._depth = 0

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        name = f"sp{self._depth}"
        self._conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self._conn
        except BaseException:
            self._conn.execute(f"ROLLBACK TO {name}")
            self._conn.execute(f"RELEASE {name}")
            raise
        else:
            self._conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            # SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock, translate_errors(self.path):
            return self._conn.execute(sql, params).fetchall()

    def query_tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Like :meth:`query` with plain tuples (faster for thousands of rows)."""
        with self._lock, translate_errors(self.path):
            cursor = self._conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._lock, translate_errors(self.path):
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def iterate(
        self, sql: str, params: Sequence[Any] = (), chunk: int = 1000
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the rows of one SELECT (one consistent snapshot) in chunks, as tuples."""
        with self._lock, translate_errors(self.path):
            cursor = self._conn.cursor()
            cursor.row_factory = None
            cursor.execute(sql, params)
        try:
            while True:
                with self._lock, translate_errors(self.path):
                    rows = cursor.fetchmany(chunk)
                if not rows:
                    return
                yield from rows
        finally:
            cursor.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection (for tests and diagnostics; prefer the methods above)."""
        return self._conn

    # -- maintenance ---------------------------------------------------------------------

    @property
    def user_version(self) -> int:
        with self._lock, translate_errors(self.path):
            return read_user_version(self._conn)

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` lines (``["ok"]`` when healthy)."""
        return [row[0] for row in self.query("PRAGMA integrity_check")]


def _check_header(path: Path) -> None:
    """Refuse a non-empty file that does not start with the SQLite header, before SQLite
    touches it (an empty file is a valid new database)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError as exc:
        raise DatabaseUnavailable(path, "the path is a directory") from exc
    except PermissionError as exc:
        raise DatabaseReadOnly(path, str(exc)) from exc
    if header and header != SQLITE_HEADER:
        raise DatabaseCorrupt(path, "the file does not start with the SQLite header")


def _quick_check(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


_PROGRESS_STEPS = 100_000  # SQLite steps (a few ms) between two "go on?" questions of a read()


class AsyncDatabase:
    """A :class:`Database` driven from asyncio: every call runs on one dedicated thread.

    Cancelling an awaiting ``run`` does not stop work that already started on the DB
    thread: a started transaction still commits (or rolls back) as a whole.
    """

    def __init__(self, db: Database, executor: ThreadPoolExecutor) -> None:
        self._db = db
        self._executor = executor
        self._closed = False

    @classmethod
    async def open(cls, path: os.PathLike[str] | str, **kwargs: Any) -> AsyncDatabase:
        """Like :meth:`Database.open` (same keyword arguments), on the DB thread."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="comptoir-db")
        loop = asyncio.get_running_loop()
        try:
            db = await loop.run_in_executor(executor, partial(Database.open, path, **kwargs))
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(db, executor)

    @property
    def db(self) -> Database:
        """The underlying database (only use it from inside functions given to ``run``)."""
        return self._db

    async def run(
        self,
        fn: Callable[Concatenate[Database, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``await adb.run(fn, *args)`` runs ``fn(db, *args)`` on the DB thread."""
        if self._closed:
            raise RuntimeError("the database is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, self._db, *args, **kwargs))

    async def read(
        self,
        fn: Callable[Concatenate[Database, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Like :meth:`run` for a function that only reads: cancelling the awaiting task
        stops its query (a superseded search never delays the next one). SQLite asks a
        progress handler every few thousand steps whether to go on; it says no once the
        job is cancelled — whether the query had started or not yet."""
        if self._closed:
            raise RuntimeError("the database is closed")
        cancelled = threading.Event()

        def body(db: Database) -> T:
            db.connection.set_progress_handler(lambda: 1 if cancelled.is_set() else 0,
                                               _PROGRESS_STEPS)
            try:
                return fn(db, *args, **kwargs)
            finally:
                db.connection.set_progress_handler(None, 0)

        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, partial(body, self._db))
        except asyncio.CancelledError:
            cancelled.set()  # only this job's handler reads it: nothing else is stopped
            raise

    async def close(self) -> None:
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._db.close)
        finally:
            self._closed = True
            self._executor.shutdown(wait=False)
