"""The shop database's schema: numbered ``migrations/NNNN_name.sql`` files, like the local
journal's, and a ``schema_version`` table. Each file is applied in one transaction, under an
advisory lock (two tills running ``shop init`` at once apply each step once).

    with connect(dsn) as conn: migrate(conn)     # -> the version reached
    version(conn)                                # 0: not initialised

The DSN may hold a password: :func:`redact` is the only form of it that may be logged or
shown (psycopg's own error messages name host, port and user, never the password).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg
from psycopg import conninfo, sql

CHANNEL = "comptoir_shop"  # LISTEN comptoir_shop: {"table", "till", "id"} on every change
CONNECT_TIMEOUT = 3  # seconds: a till never waits long for a shop server that is down
STATEMENT_TIMEOUT_MS = 30_000
_LOCK_KEY = 0x636F6D70  # pg_advisory_xact_lock key of the migrations ("comp")
_FILE_NAME = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class ShopMigration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[ShopMigration]:
    root = resources.files("backoffice.shop").joinpath("migrations")
    found = []
    for entry in root.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(ShopMigration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise ValueError("shop migrations must be numbered 1..N without gaps")
    return found


def latest_version() -> int:
    return len(load_migrations())


def redact(dsn: str) -> str:
    """The DSN without its password (URL or ``key=value`` form), for logs and screens."""
    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "<adresse de base invalide / invalid database address>"
    params.pop("password", None)
    host, port = str(params.get("host", "")), str(params.get("port", ""))
    user, db = str(params.get("user", "")), str(params.get("dbname", ""))
    where = f"{host}:{port}" if port else str(host)
    return f"postgresql://{user + '@' if user else ''}{where}/{db}"


def has_password(dsn: str) -> bool:
    try:
        return bool(conninfo.conninfo_to_dict(dsn).get("password"))
    except psycopg.ProgrammingError:
        return False


def without_password(dsn: str) -> str:
    """The same DSN minus its password (what may be saved in settings.json)."""
    params = conninfo.conninfo_to_dict(dsn)
    params.pop("password", None)
    return conninfo.make_conninfo("", **params)


def connect(dsn: str, *, autocommit: bool = False,
            timeout: float = CONNECT_TIMEOUT) -> psycopg.Connection:
    """A synchronous connection (the shop database always runs on a thread of its own: on
    Windows qasync's loop is a Proactor loop, which async psycopg does not support).
    The password comes from the DSN, PGPASSWORD, or libpq's passfile (PGPASSFILE, ~/.pgpass)."""
    # A server that vanishes (power cut, cable) is noticed within seconds, not TCP's minutes:
    # keepalives, and no statement runs longer than STATEMENT_TIMEOUT_MS.
    return psycopg.connect(dsn, autocommit=autocommit, connect_timeout=max(1, int(timeout)),
                           application_name="comptoir", keepalives=1, keepalives_idle=5,
                           keepalives_interval=2, keepalives_count=3, tcp_user_timeout=15000,
                           options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")


def version(conn: psycopg.Connection) -> int:
    """The schema version reached (0: not initialised)."""
    try:
        exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return 0
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        return int(row[0]) if row else 0
    finally:
        if not conn.autocommit:
            conn.rollback()


def migrate(conn: psycopg.Connection) -> int:
    """Apply the missing migrations, one transaction each; returns the version reached.
    Idempotent. Raises ``psycopg.Error`` (the failing step leaves nothing behind)."""
    conn.autocommit = False
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                     " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                     " applied_at timestamptz NOT NULL DEFAULT now())")
    for migration in load_migrations():
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            done = conn.execute("SELECT 1 FROM schema_version WHERE version = %s",
                                (migration.version,)).fetchone()
            if done:
                continue
            conn.execute(sql.SQL(migration.sql))  # our own files
            conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                         (migration.version, migration.name))
    return version(conn)
