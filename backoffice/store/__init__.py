"""The journal: a SQLite file that is the single source of truth for every operation.

No Qt, no ``backoffice.api``: plain str / int / Decimal / datetime values. Modules:
``db`` (Database, AsyncDatabase), ``errors``, ``migrations``, ``states``, ``links``,
``transfers``, ``contacts``, ``outbox``, ``caches``, ``history``, ``instance``.
"""

from typing import TYPE_CHECKING, Any

from .errors import (
    AlreadyExists,
    AlreadyRunning,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DiskFull,
    InvalidTransition,
    MigrationFailed,
    NotFound,
    SchemaTooNew,
    StoreError,
)
from .instance import InstanceLock

if TYPE_CHECKING:
    from .clock import utcnow
    from .db import AsyncDatabase, Database
    from .states import State

# Loaded on first use: the app takes its instance lock (store.instance) before its first
# paint, without loading the journal's code (asyncio, sqlite, migrations) yet.
_LAZY = {"AsyncDatabase": "db", "Database": "db", "State": "states", "utcnow": "clock"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "AlreadyExists",
    "AlreadyRunning",
    "AsyncDatabase",
    "Database",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseReadOnly",
    "DatabaseUnavailable",
    "DiskFull",
    "InstanceLock",
    "InvalidTransition",
    "MigrationFailed",
    "NotFound",
    "SchemaTooNew",
    "State",
    "StoreError",
    "utcnow",
]
