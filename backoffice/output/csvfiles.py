"""CSV in and out: contacts and batch-transfer imports with per-line results, and exports
that spreadsheet software cannot mistake for formulas.

Imports accept what shops produce: UTF-8 (with or without BOM), Windows-1252 or Excel's
"Unicode text" (UTF-16, tab-separated), ``;``, ``,`` or tab separators, French or English
headers. Amounts follow the till's rules (:mod:`backoffice.output.amounts`). Every line gets a
result; a bad line never stops the others and nothing is sent for it.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api.errors import ValidationError
from ..api.models import Contact
from ..api.validation import check_contact, check_phone, check_prefix, check_transfer_amount
from . import amounts

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 5000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

HEADERS = {
    "prefix": ("prefix", "indicatif", "prefixe", "code pays", "country code"),
    "phone": ("phone", "telephone", "numero", "number", "mobile", "tel"),
    "name": ("name", "nom", "last name", "lastname"),
    "surname": ("surname", "prenom", "first name", "firstname"),
    "email": ("email", "e-mail", "courriel", "mail"),
    "amount": ("amount", "montant"),
    # the current platform's payment method (OM_CI…): optional, guessed when certain
    "method": ("method", "payment method", "payment_method", "moyen de paiement", "moyen",
               "operateur", "operator"),
}
OPTIONAL = ("email", "method")


class CsvError(Exception):
    """The file as a whole cannot be read (too big, not text, no usable header)."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr, self.en = fr, en

    def human(self, lang: str = "fr") -> str:
        return self.fr if lang.startswith("fr") else self.en


@dataclass(frozen=True)
class LineResult:
    line: int  # 1-based line number in the file (header is line 1)
    values: dict[str, str]
    error_fr: str = ""
    error_en: str = ""
    field: str = ""

    @property
    def ok(self) -> bool:
        return not self.error_en

    def error(self, lang: str = "fr") -> str:
        return self.error_fr if lang.startswith("fr") else self.error_en


@dataclass(frozen=True)
class TransferLine:
    prefix: str
    phone: str
    amount: int
    method: str = ""  # the current platform's payment method (empty: guessed)


@dataclass
class Parsed:
    lines: list[LineResult] = field(default_factory=list)

    @property
    def good(self) -> list[LineResult]:
        return [r for r in self.lines if r.ok]

    @property
    def bad(self) -> list[LineResult]:
        return [r for r in self.lines if not r.ok]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower().replace("_", " "))
    return "".join(c for c in text if not unicodedata.combining(c))


def decode_bytes(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise CsvError(f"Fichier trop volumineux (plus de {MAX_BYTES // 1024 // 1024} Mo)",
                       f"File too large (over {MAX_BYTES // 1024 // 1024} MB)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel "Unicode text"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvError("Fichier texte Unicode illisible",
                           "Unreadable Unicode text file") from None
    bare = _bare_utf16(raw)
    if bare:  # UTF-16 without its BOM
        try:
            return raw.decode(bare)
        except UnicodeDecodeError:
            raise CsvError("Fichier texte Unicode illisible",
                           "Unreadable Unicode text file") from None
    if b"\x00" in raw:
        raise CsvError("Ce fichier n'est pas un fichier texte CSV",
                       "This file is not a CSV text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _bare_utf16(raw: bytes) -> str:
    """ "utf-16-le" / "utf-16-be" when ``raw`` looks like ASCII-heavy UTF-16 without a BOM."""
    head = raw[:512]
    if len(head) < 4 or len(head) % 2:
        return ""
    if not any(head[1::2]) and all(head[0::2]):
        return "utf-16-le"
    if not any(head[0::2]) and all(head[1::2]):
        return "utf-16-be"
    return ""


def _delimiter(text: str) -> str:
    """The header line's separator: tab (Excel "Unicode text"), ``;`` or ``,``."""
    header = next((line for line in text[:4096].splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _columns(header: list[str], wanted: Sequence[str]) -> dict[int, str]:
    """Column index -> field, for the header titles we know (any spelling in HEADERS)."""
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        folded = _fold(title)
        for key, names in HEADERS.items():
            if key in wanted and folded in names:
                columns[index] = key
    return columns


def _rows(text: str, wanted: Sequence[str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvError("Le fichier est vide", "The file is empty") from None
    except csv.Error as exc:
        raise CsvError("Fichier CSV illisible", f"Unreadable CSV file: {exc}") from None
    columns = _columns(header, wanted)
    missing = [k for k in wanted if k not in columns.values() and k not in OPTIONAL]
    if missing:
        raise CsvError(f"Colonnes manquantes : {', '.join(missing)}",
                       f"Missing columns: {', '.join(missing)}")
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_LINES:
                raise CsvError(f"Trop de lignes (maximum {MAX_LINES})",
                               f"Too many lines (maximum {MAX_LINES})")
            rows.append((number, {key: (record[i].strip() if i < len(record) else "")
                                  for i, key in columns.items()}))
    except csv.Error as exc:
        raise CsvError("Fichier CSV illisible", f"Unreadable CSV file: {exc}") from None
    return list(columns.values()), rows


def _result(number: int, values: dict[str, str], err: ValidationError | None) -> LineResult:
    if err is None:
        return LineResult(number, values)
    return LineResult(number, values, err.fr, err.en, err.field)


def parse_contacts(raw: bytes) -> Parsed:
    _, rows = _rows(decode_bytes(raw), ("prefix", "phone", "name", "surname", "email"))
    parsed = Parsed()
    seen: set[tuple[str, str]] = set()
    for number, values in rows:
        try:
            values["prefix"] = check_prefix(values.get("prefix", ""))
            values["phone"] = check_phone(values.get("phone", ""))
            check_contact(contact_of(values))
            key = (values["prefix"], values["phone"])
            if key in seen:
                raise ValidationError("phone", "Numéro en double dans le fichier",
                                      "Number repeated in the file")
            seen.add(key)
            parsed.lines.append(_result(number, values, None))
        except ValidationError as err:
            parsed.lines.append(_result(number, values, err))
    return parsed


def contact_of(values: dict[str, str]) -> Contact:
    return Contact(prefix=values.get("prefix", ""), phone=values.get("phone", ""),
                   name=values.get("name", ""), surname=values.get("surname", ""),
                   email=values.get("email", ""))


def parse_amount(text: str, currency: str = "XOF") -> int:
    """ "25 000", "25000", "25.000" (grouping), "25000,00" → 25000; non-zero decimals, signs,
    letters and ambiguous separators ("1500.000") are refused (the till's rules)."""
    return amounts.parse_amount(text, currency, "fr")


def parse_transfers(raw: bytes) -> Parsed:
    _, rows = _rows(decode_bytes(raw), ("prefix", "phone", "amount", "method"))
    parsed = Parsed()
    for number, values in rows:
        try:
            values["prefix"] = check_prefix(values.get("prefix", ""))
            values["phone"] = check_phone(values.get("phone", ""))
            values["amount"] = str(check_transfer_amount(parse_amount(values.get("amount", ""))))
            parsed.lines.append(_result(number, values, None))
        except ValidationError as err:
            parsed.lines.append(_result(number, values, err))
    return parsed


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ gets a quote."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.lstrip("+-").replace(".", "", 1).isdigit()


def write_csv(path: Path | str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write UTF-8 with BOM (Excel opens accents right), ``;``-separated; returns row count."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
            count += 1
    return count


def read_file(path: Path | str) -> bytes:
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise CsvError(f"Fichier trop volumineux (plus de {MAX_BYTES // 1024 // 1024} Mo)",
                       f"File too large (over {MAX_BYTES // 1024 // 1024} MB)")
    return path.read_bytes()
