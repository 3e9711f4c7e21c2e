"""Store errors, each with a French and an English message for people.

All sqlite3 exceptions are mapped to these in one place: :func:`map_sqlite_error`
(and the :func:`translate_errors` context manager built on it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded with the journal: the app's instance lock needs none of it
    import sqlite3

# Primary SQLite result codes (extended codes carry them in the low byte).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """Base of every error raised by ``backoffice.store``."""

    def __init__(self, fr: str, en: str, *, detail: str | None = None) -> None:
        super().__init__(en if detail is None else f"{en} ({detail})")
        self.fr = fr
        self.en = en
        self.detail = detail

    def human(self, lang: str = "fr") -> str:
        """The message for people, in ``lang`` ("fr" or "en"; anything else gives French)."""
        return self.en if lang.lower().startswith("en") else self.fr


class DatabaseCorrupt(StoreError):
    """The file is not a SQLite database, or the integrity check failed. Never reset."""

    def __init__(self, path: os.PathLike[str] | str, detail: str | None = None) -> None:
        super().__init__(
            f"Le journal {path} est endommagé ou n'est pas une base Comptoir. Il n'a pas été "
            "modifié : faites-en une copie de sauvegarde et contactez l'assistance.",
            f"The journal {path} is damaged or is not a Comptoir database. It was left "
            "untouched: make a backup copy of it and contact support.",
            detail=detail,
        )
        self.path = Path(path)


class DatabaseLocked(StoreError):
    """Another process kept the database locked longer than the busy timeout."""

    def __init__(self, path: os.PathLike[str] | str, detail: str | None = None) -> None:
        super().__init__(
            f"Le journal {path} est verrouillé par un autre programme. Fermez l'autre "
            "fenêtre de Comptoir puis réessayez.",
            f"The journal {path} is locked by another program. Close the other Comptoir "
            "window and try again.",
            detail=detail,
        )
        self.path = Path(path)


class DatabaseReadOnly(StoreError):
    def __init__(self, path: os.PathLike[str] | str, detail: str | None = None) -> None:
        super().__init__(
            f"Impossible d'écrire dans le journal {path} (fichier ou dossier en lecture "
            "seule). Vérifiez les droits du dossier de données.",
            f"Cannot write to the journal {path} (read-only file or folder). Check the "
            "permissions of the data folder.",
            detail=detail,
        )
        self.path = Path(path)


class DiskFull(StoreError):
    def __init__(self, path: os.PathLike[str] | str, detail: str | None = None) -> None:
        super().__init__(
            f"Le disque est plein : impossible d'écrire dans le journal {path}. L'opération "
            "en cours n'a pas été enregistrée ; libérez de l'espace puis réessayez.",
            f"The disk is full: cannot write to the journal {path}. The current operation "
            "was not recorded; free some space and try again.",
            detail=detail,
        )
        self.path = Path(path)


class DatabaseUnavailable(StoreError):
    """The file cannot be opened or read (I/O error, path is a directory, …)."""

    def __init__(self, path: os.PathLike[str] | str, detail: str | None = None) -> None:
        super().__init__(
            f"Impossible d'ouvrir le journal {path} (erreur d'entrée/sortie). Vérifiez le "
            "disque et le dossier de données.",
            f"Cannot open the journal {path} (input/output error). Check the disk and the "
            "data folder.",
            detail=detail,
        )
        self.path = Path(path)


class SchemaTooNew(StoreError):
    """``user_version`` is above what this program knows: refuse, never downgrade."""

    def __init__(self, path: os.PathLike[str] | str, found: int, known: int) -> None:
        super().__init__(
            f"Le journal {path} vient d'une version plus récente de Comptoir (schéma {found}, "
            f"cette version connaît le schéma {known}). Installez la dernière version ; le "
            "fichier n'a pas été modifié.",
            f"The journal {path} comes from a newer version of Comptoir (schema {found}, this "
            f"version knows schema {known}). Install the latest version; the file was left "
            "untouched.",
        )
        self.path = Path(path)
        self.found = found
        self.known = known


class MigrationFailed(StoreError):
    """A migration failed; the database stays at the previous version."""

    def __init__(self, version: int, name: str, detail: str) -> None:
        super().__init__(
            f"La mise à jour du journal (étape {version}, {name}) a échoué ; le journal est "
            "resté dans son état précédent.",
            f"Updating the journal (step {version}, {name}) failed; the journal was left in "
            "its previous state.",
            detail=detail,
        )
        self.version = version
        self.name = name


class AlreadyRunning(StoreError):
    def __init__(self, data_dir: os.PathLike[str] | str, pid: int | None = None) -> None:
        who_fr = f" (processus {pid})" if pid else ""
        who_en = f" (process {pid})" if pid else ""
        super().__init__(
            f"Un autre Comptoir est déjà ouvert sur ce dossier de données{who_fr} : {data_dir}",
            f"Another Comptoir is already running on this data directory{who_en}: {data_dir}",
        )
        self.data_dir = Path(data_dir)
        self.pid = pid


class NotFound(StoreError):
    def __init__(self, kind: str, ref: str) -> None:
        super().__init__(
            f"Opération introuvable dans le journal : {kind} {ref}",
            f"Operation not found in the journal: {kind} {ref}",
        )
        self.kind = kind
        self.ref = ref


class AlreadyExists(StoreError):
    def __init__(self, kind: str, ref: str) -> None:
        super().__init__(
            f"Cette opération existe déjà dans le journal : {kind} {ref}",
            f"This operation already exists in the journal: {kind} {ref}",
        )
        self.kind = kind
        self.ref = ref


class InvalidTransition(StoreError):
    """A state change the journal refuses (e.g. out of ``final``, or ``sent`` -> ``queued``)."""

    def __init__(self, kind: str, ref: str, old: str, new: str) -> None:
        super().__init__(
            f"Changement d'état refusé pour {kind} {ref} : {old} → {new}",
            f"State change refused for {kind} {ref}: {old} -> {new}",
        )
        self.kind = kind
        self.ref = ref
        self.old = old
        self.new = new


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK) and os.access(path.parent, os.W_OK)


def map_sqlite_error(exc: sqlite3.Error, path: os.PathLike[str] | str) -> Exception:
    """The :class:`StoreError` for a sqlite3 exception, or ``exc`` itself when it is a
    programming error (SQL syntax, constraint violation, …) that callers must see as is."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    low = text.lower()
    if (
        primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or "not a database" in low
        or ("malformed" in low)
    ):
        return DatabaseCorrupt(path, text)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in low:
        return DatabaseLocked(path, text)
    if primary == _SQLITE_READONLY or "readonly database" in low:
        return DatabaseReadOnly(path, text)
    if primary == _SQLITE_FULL or "disk is full" in low:
        return DiskFull(path, text)
    if primary in (_SQLITE_CANTOPEN, _SQLITE_PERM) or "unable to open database" in low:
        if not _writable(Path(path)):
            return DatabaseReadOnly(path, text)
        return DatabaseUnavailable(path, text)
    if primary == _SQLITE_IOERR or "disk i/o error" in low:
        return DatabaseUnavailable(path, text)
    return exc


@contextmanager
def translate_errors(path: os.PathLike[str] | str) -> Iterator[None]:
    """Re-raise sqlite3 errors as :class:`StoreError` (chained), programming errors as is."""
    import sqlite3

    try:
        yield
    except sqlite3.Error as exc:
        mapped = map_sqlite_error(exc, path)
        if mapped is exc:
            raise
        raise mapped from exc
