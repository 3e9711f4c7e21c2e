"""What every command shares: language, money and time formatting, exit codes, the outcome of
a command and how an exception becomes a message on stderr plus an exit code."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, IntEnum
from pathlib import Path
from typing import Any

from ..api.errors import AuthError, CinetPayError, NotSent, ValidationError
from ..keyring import KeyringProblem
from ..output.csvfiles import CsvError
from ..output.money import format_amount
from ..pin import PinError
from ..services.cashiers import RoleError
from ..store.errors import AlreadyRunning, StoreError


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # CinetPay refused, or the operation failed
    USAGE = 2  # bad input (ValidationError, unreadable file, bad option)
    CREDENTIALS = 3  # missing / refused credentials, keyring problem, manager PIN
    RUNNING = 4  # another Comptoir holds this data directory
    STORE = 5  # the journal cannot be used
    OFFLINE = 6  # CinetPay unreachable and nothing cached to show


def lang() -> str:
    env = os.environ.get("COMPTOIR_LANG") or os.environ.get("LANG", "fr")
    return "en" if env.lower().startswith("en") else "fr"


def t(fr: str, en: str) -> str:
    return en if lang() == "en" else fr


def labelled(fr: str, en: str, value: object) -> str:
    """ "Montant : 5 000 F CFA" / "Amount: 5,000 F CFA" (French puts a space before ':')."""
    return f"{fr} : {value}" if lang() == "fr" else f"{en}: {value}"


def fmt_amount(value: int | Decimal, currency: str = "XOF") -> str:
    return format_amount(value, currency, lang())


def local(when: datetime) -> datetime:
    """An aware datetime in the machine's time zone (naive ones are taken as local already)."""
    return when.astimezone() if when.tzinfo else when


def fmt_when(when: datetime | None) -> str:
    if when is None:
        return "—"
    return local(when).strftime("%d-%m-%Y %H:%M" if lang() == "fr" else "%Y-%m-%d %H:%M")


def freshness(when: datetime | None, stale: bool, *, offline: bool = True) -> str:
    """ "(au 14:05)"; cached figures: "(hors ligne, données du 12-05-2025 14:05)", or
    "(données du …)" when the cache was read on purpose (``offline=False``)."""
    if when is None:
        return t("(jamais récupéré)", "(never fetched)")
    if stale and offline:
        return t(f"(hors ligne, données du {fmt_when(when)})", f"(offline, as of {fmt_when(when)})")
    if stale:
        return t(f"(données du {fmt_when(when)})", f"(as of {fmt_when(when)})")
    return t(f"(au {local(when):%H:%M})", f"(as of {local(when):%H:%M})")


class CliError(Exception):
    """A refusal decided by the CLI itself, with its exit code."""

    def __init__(self, code: Exit, fr: str, en: str) -> None:
        super().__init__(en)
        self.code, self.fr, self.en = code, fr, en

    def human(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


def missing_credentials() -> CliError:
    return CliError(
        Exit.CREDENTIALS,
        "Aucun identifiant CinetPay : lancez « comptoir-cli credentials set » (ou fournissez "
        "COMPTOIR_APIKEY et COMPTOIR_SITE_ID pour cette exécution).",
        "No CinetPay credentials: run 'comptoir-cli credentials set' (or supply "
        "COMPTOIR_APIKEY and COMPTOIR_SITE_ID for this run).")


def bad_input(field_name: str, fr: str, en: str) -> ValidationError:
    return ValidationError(field_name, fr, en)


@dataclass
class Outcome:
    """What a command produced: a JSON document, the same for people, and an exit code."""

    data: Any
    text: list[str] = field(default_factory=list)
    code: int = Exit.OK
    warnings: list[str] = field(default_factory=list)  # stderr, in both modes


# Errors that say themselves (``human(lang)``), with their exit code; the first match wins.
PLAIN_EXITS: tuple[tuple[type[Exception], Exit], ...] = (
    (AlreadyRunning, Exit.RUNNING), (StoreError, Exit.STORE), (CsvError, Exit.USAGE),
    (KeyringProblem, Exit.CREDENTIALS), (NotSent, Exit.OFFLINE), (CinetPayError, Exit.FAILED))


def error_exit(exc: BaseException) -> tuple[int, str]:
    """The exit code and the message (in the user's language) for an exception."""
    la = lang()
    if isinstance(exc, CliError):
        return exc.code, exc.human(la)
    if isinstance(exc, ValidationError):
        return Exit.USAGE, labelled(exc.field, exc.field, exc.human(la))
    if isinstance(exc, PinError):  # missing, wrong, locked out or unreadable: nothing sent
        return (Exit.USAGE if exc.reason == "invalid" else Exit.CREDENTIALS), exc.human(la)
    if isinstance(exc, RoleError):  # nobody / a cashier where a manager is needed: exit 3
        return (Exit.CREDENTIALS if exc.reason in ("nobody", "forbidden") else Exit.USAGE), \
            exc.human(la)
    if isinstance(exc, AuthError):
        return Exit.CREDENTIALS, exc.human(la) + t(
            " — vérifiez les identifiants : comptoir-cli credentials set",
            " — check the credentials: comptoir-cli credentials set")
    for kind, code in PLAIN_EXITS:
        if isinstance(exc, kind):
            return code, exc.human(la)  # type: ignore[attr-defined]  # each kind has human()
    if isinstance(exc, OSError):  # a file named on the command line (CSV, QR, export)
        return _file_exit(exc)
    raise exc


def _file_exit(exc: OSError) -> tuple[int, str]:
    name = exc.filename or ""
    message = f"{name}: {exc.strerror or exc}" if name else str(exc)
    bad_path = isinstance(exc, FileNotFoundError | IsADirectoryError | NotADirectoryError
                          | PermissionError)
    return (Exit.USAGE if bad_path else Exit.FAILED), message


def to_json(value: Any) -> Any:
    """Stable JSON values: Decimal as exact strings, datetimes ISO, enums by value."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(to_json(value), ensure_ascii=False)


def print_outcome(outcome: Outcome, as_json: bool) -> None:
    for line in outcome.warnings:
        print(line, file=sys.stderr, flush=True)
    if as_json:
        print(dumps(outcome.data), flush=True)
    elif outcome.text:
        print("\n".join(outcome.text), flush=True)
