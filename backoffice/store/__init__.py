"""The journal: a SQLite file that is the single source of truth for every operation.

No Qt, no ``backoffice.api``: plain str / int / Decimal / datetime values. Modules:
``db`` (Database, AsyncDatabase), ``errors``, ``migrations``, ``states``, ``links``,
``transfers``, ``contacts``, ``outbox``, ``caches``, ``history``, ``instance``.
"""

from .clock import utcnow
from .db import AsyncDatabase, Database
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
from .states import State

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
