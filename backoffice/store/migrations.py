"""Schema migrations: ordered ``NNNN_name.sql`` files and ``PRAGMA user_version``.

Each migration runs in one ``BEGIN IMMEDIATE`` transaction that ends with
``PRAGMA user_version = N``; a failure rolls the whole step back, so the database stays at
the previous version with no partial tables. Files are read with ``importlib.resources``
(works from a wheel, a zip or a frozen bundle). Statements are split with
``sqlite3.complete_statement``, so semicolons inside string literals and trigger bodies are
safe. ``PRAGMA foreign_keys`` cannot change inside a transaction: do not use it in a file.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import MigrationFailed, StoreError, map_sqlite_error

_FILE_NAME = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")

MigrationSource = Traversable | os.PathLike[str] | str
"""A directory (path or ``importlib.resources`` traversable) holding ``NNNN_name.sql`` files."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        return split_statements(self.sql)


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (comment-only chunks are dropped)."""
    statements: list[str] = []
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    rest = _strip_comments(buffer[:-1]).strip()  # the last piece got a spurious ";"
    if rest:
        raise ValueError(f"incomplete SQL statement at the end of the script: {rest[:80]!r}")
    return [s for s in statements if _strip_comments(s).strip(" \t\r\n;")]


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def packaged_migrations() -> Traversable:
    """The migrations shipped with the package (``backoffice/store/migrations``)."""
    return resources.files("backoffice.store").joinpath("migrations")


def load_migrations(source: MigrationSource | None = None) -> list[Migration]:
    """Read and validate the migrations of ``source`` (default: the packaged ones).

    Versions must run 1, 2, 3 … without gaps or duplicates; other files are ignored.
    """
    root: Traversable = packaged_migrations() if source is None else _traversable(source)
    found: list[Migration] = []
    for entry in root.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match and entry.is_file():
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise ValueError(f"migrations must be numbered 1..N without gaps: {versions}")
    return found


def _traversable(source: MigrationSource) -> Traversable:
    if isinstance(source, str | os.PathLike):
        return Path(source)
    return source


def latest_version(migrations: Sequence[Migration]) -> int:
    return migrations[-1].version if migrations else 0


def read_user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def apply_migrations(
    conn: sqlite3.Connection,
    migrations: Iterable[Migration],
    path: os.PathLike[str] | str,
) -> int:
    """Apply the migrations above the current ``user_version``; return the new version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) and outside a transaction.
    """
    current = read_user_version(conn)
    for migration in migrations:
        if migration.version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Re-check under the write lock: another process may have migrated meanwhile.
            if read_user_version(conn) >= migration.version:
                conn.execute("ROLLBACK")
                current = read_user_version(conn)
                continue
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            mapped = map_sqlite_error(exc, path)
            if isinstance(mapped, StoreError):
                raise mapped from exc
            raise MigrationFailed(migration.version, migration.name, str(exc)) from exc
        current = migration.version
    return current
