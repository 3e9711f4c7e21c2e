"""Exports for the accountant: one line per movement of money (paid payment links, cash sales,
pay-outs, floats, transfers CinetPay completed), each with its debit and credit account from
a SYSCOHADA mapping the shop can edit (``accounting.json`` in the data directory).

CSV for a French Excel: ``;`` separators, UTF-8 with a BOM, dates JJ/MM/AAAA, amounts without
grouping; XLSX with xlsxwriter (real dates and numbers). Text cells typed by people cannot
become formulas."""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, tzinfo
from decimal import Decimal
from pathlib import Path

from ..api.errors import ValidationError
from .csvfiles import safe_cell

MAPPING_FILE = "accounting.json"

# Kinds of movement (stable codes) and how each is named in the export.
PAYMENT, CASH_SALE, CASH_PAYOUT, CASH_FLOAT, TRANSFER = (
    "payment", "cash_sale", "cash_payout", "cash_float", "transfer")
KIND_LABELS = {
    PAYMENT: ("Paiement CinetPay", "CinetPay payment"),
    CASH_SALE: ("Vente espèces", "Cash sale"),
    CASH_PAYOUT: ("Sortie d'espèces", "Cash paid out"),
    CASH_FLOAT: ("Apport d'espèces", "Cash added"),
    TRANSFER: ("Transfert", "Transfer"),
}
HEADER = {
    "fr": ("Date", "Heure", "Caisse", "Caissier", "Nature", "Identifiant", "Opérateur",
           "Libellé", "Montant", "Devise", "Compte débit", "Compte crédit"),
    "en": ("Date", "Time", "Till", "Cashier", "Kind", "Transaction id", "Operator",
           "Description", "Amount", "Currency", "Debit account", "Credit account"),
}


@dataclass(frozen=True)
class Movement:
    """One movement of money, as the journal knows it. ``at`` is aware (UTC)."""

    at: datetime
    till: str
    cashier: str  # the cashier's name ("" when none was at the till)
    kind: str  # PAYMENT, CASH_SALE, CASH_PAYOUT, CASH_FLOAT or TRANSFER
    transaction_id: str
    method: str  # the operator / payment method (OM, MOMO, WAVE…), "" for cash
    description: str
    amount: int  # the journal's amounts are whole
    currency: str


class MappingError(ValidationError):
    """``accounting.json`` cannot be used (nothing was exported)."""


@dataclass
class AccountMap:
    """SYSCOHADA accounts of each kind of movement; the shop edits ``accounting.json``.

    - ``cash`` 5711 Caisse en monnaie nationale (the drawer);
    - ``e_money`` 552 Monnaie électronique (téléphone portable): the CinetPay account, unless
      ``e_money_by_operator`` names a sub-account for the payment's operator (OM, MOMO…);
    - ``sales`` 701 Ventes de marchandises;
    - ``transfers`` 585 Virements de fonds (a transfer sent from the CinetPay account);
    - ``float_source`` 585 Virements de fonds (cash brought to the drawer from elsewhere);
    - ``payouts`` 471 Débiteurs et créditeurs divers (cash paid out, to be allocated);
    - ``fees`` 6317 Frais sur instruments de monnaie électronique (the journal does not know
      CinetPay's commission per transaction: kept for the accountant's own entries).
    """

    cash: str = "5711"
    e_money: str = "552"
    e_money_by_operator: dict[str, str] = field(default_factory=lambda: {
        "OM": "5521", "MOMO": "5522", "FLOOZ": "5523", "WAVE": "5524"})
    sales: str = "701"
    transfers: str = "585"
    float_source: str = "585"
    payouts: str = "471"
    fees: str = "6317"

    def e_money_of(self, method: str) -> str:
        return self.e_money_by_operator.get(method.upper(), self.e_money) if method \
            else self.e_money

    def accounts(self, m: Movement) -> tuple[str, str]:
        """(debit, credit) of one movement."""
        if m.kind == PAYMENT:
            return self.e_money_of(m.method), self.sales
        if m.kind == CASH_SALE:
            return self.cash, self.sales
        if m.kind == CASH_PAYOUT:
            return self.payouts, self.cash
        if m.kind == CASH_FLOAT:
            return self.cash, self.float_source
        if m.kind == TRANSFER:
            return self.transfers, self.e_money
        raise ValueError(f"unknown movement kind {m.kind!r}")


# Written into the file for whoever edits it (ignored when read).
NOTES = {
    "cash": "5711 Caisse (le tiroir-caisse)",
    "e_money": "552 Monnaie électronique : le compte CinetPay, sauf sous-compte par opérateur",
    "e_money_by_operator": "Sous-comptes par opérateur (OM, MOMO, FLOOZ, WAVE…) ; {} : un seul",
    "sales": "701 Ventes de marchandises",
    "transfers": "585 Virements de fonds (transferts envoyés depuis CinetPay)",
    "float_source": "585 Virements de fonds (espèces apportées dans la caisse)",
    "payouts": "471 Débiteurs et créditeurs divers (sorties d'espèces à ventiler)",
    "fees": "6317 Frais sur instruments de monnaie électronique (non exportés : le journal "
            "ne connaît pas la commission CinetPay)",
}


def load_mapping(path: Path | str) -> AccountMap:
    """The shop's mapping; written with the defaults (0600) when missing. A damaged file or
    an empty account raises :class:`MappingError` rather than exporting wrong accounts."""
    path = Path(path)
    if not path.exists():
        save_mapping(path, AccountMap())
        return AccountMap()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
    except (OSError, ValueError) as exc:
        raise _bad(path, str(exc)) from None
    mapping = AccountMap()
    for f in fields(AccountMap):
        if f.name not in raw:
            continue
        value = raw[f.name]
        if f.name == "e_money_by_operator":
            if not isinstance(value, dict):
                raise _bad(path, f"{f.name} must be an object")
            value = {str(k).upper(): _account(path, f"{f.name}.{k}", v) for k, v in value.items()}
        else:
            value = _account(path, f.name, value)
        setattr(mapping, f.name, value)
    return mapping


def save_mapping(path: Path | str, mapping: AccountMap) -> None:
    """Atomic write, mode 0600 whatever the umask."""
    path = Path(path)
    tmp = path.with_suffix(".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({**asdict(mapping), "_notes": NOTES}, indent=2,
                                ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def _account(path: Path, name: str, value: object) -> str:
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) \
        else ""
    if not text:
        raise _bad(path, f"{name}: an account number is expected")
    return text


def _bad(path: Path, detail: str) -> MappingError:
    return MappingError(MAPPING_FILE, f"Le plan de comptes {path} est illisible ({detail}) : "
                        "corrigez-le ou supprimez-le pour retrouver les comptes par défaut",
                        f"The chart of accounts {path} cannot be read ({detail}): fix it or "
                        "delete it to get the default accounts back")


# --- lines ---------------------------------------------------------------------------------


def _lang(lang: str) -> str:
    return "en" if lang.startswith("en") else "fr"


def _kind_label(kind: str, lang: str) -> str:
    fr, en = KIND_LABELS.get(kind, (kind, kind))
    return en if lang == "en" else fr


def plain_amount(value: int | Decimal, lang: str = "fr") -> str:
    """No grouping; a decimal comma in French (Excel reads it as a number)."""
    if isinstance(value, float):
        raise TypeError("money is never a float")
    text = f"{Decimal(value).normalize():f}" if isinstance(value, Decimal) else str(int(value))
    return text.replace(".", ",") if lang == "fr" else text


def lines(movements: Iterable[Movement], mapping: AccountMap, tz: tzinfo | None = None,
          lang: str = "fr") -> list[tuple[datetime, Movement, str, str, str]]:
    """(local time, movement, kind label, debit, credit), in time order."""
    la = _lang(lang)
    ordered = sorted(movements, key=lambda m: m.at)  # stable: ties keep the given order
    return [(m.at.astimezone(tz), m, _kind_label(m.kind, la), *mapping.accounts(m))
            for m in ordered]


def write_csv(movements: Iterable[Movement], path: Path | str, mapping: AccountMap, *,
              tz: tzinfo | None = None, lang: str = "fr") -> int:
    """The CSV (``;``, BOM, JJ/MM/AAAA, CRLF); ``tz``: the shop's zone (default: the
    machine's). Returns the number of lines written (header excluded)."""
    la = _lang(lang)
    rows = lines(movements, mapping, tz, la)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER[la])
        for local, m, label, debit, credit in rows:
            writer.writerow([f"{local:%d/%m/%Y}", f"{local:%H:%M:%S}",
                             *(safe_cell(v) for v in _texts(m, label)),
                             plain_amount(m.amount, la), safe_cell(m.currency),
                             safe_cell(debit), safe_cell(credit)])
    return len(rows)


def _texts(m: Movement, label: str) -> Sequence[str]:
    return (m.till, m.cashier, label, m.transaction_id, m.method, m.description)


def write_xlsx(movements: Iterable[Movement], path: Path | str, mapping: AccountMap, *,
               tz: tzinfo | None = None, lang: str = "fr") -> int:
    """The XLSX (one sheet, real dates, times and numbers; text never read as a formula).
    Returns the number of lines written (header excluded)."""
    import xlsxwriter  # only for this export

    la = _lang(lang)
    rows = lines(movements, mapping, tz, la)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_numbers": False,
                                           "strings_to_urls": False})
    try:
        sheet = book.add_worksheet("Mouvements" if la == "fr" else "Movements")
        bold = book.add_format({"bold": True})
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        hour = book.add_format({"num_format": "hh:mm:ss"})
        sheet.write_row(0, 0, HEADER[la], bold)
        for number, (local, m, label, debit, credit) in enumerate(rows, start=1):
            sheet.write_datetime(number, 0, local.date(), day)
            sheet.write_datetime(number, 1, local.time().replace(microsecond=0,
                                                                 tzinfo=None), hour)
            for column, text in enumerate(_texts(m, label), start=2):
                sheet.write_string(number, column, text)
            sheet.write_number(number, 8, m.amount)
            for column, text in ((9, m.currency), (10, debit), (11, credit)):
                sheet.write_string(number, column, text)
        sheet.set_column(0, 1, 11)
        sheet.set_column(2, 7, 16)
        sheet.set_column(10, 11, 14)
        sheet.freeze_panes(1, 0)
    finally:
        _close(book)
    return len(rows)


def _close(book: object) -> None:
    """Close (write) the workbook; a file that cannot be created is an OSError, like CSV's."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        book.close()  # type: ignore[attr-defined]
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(exc)) from exc


__all__ = ["MAPPING_FILE", "AccountMap", "MappingError", "Movement", "load_mapping",
           "save_mapping", "write_csv", "write_xlsx"]

