"""What a till prints, as data (Qt-free, printer-free): the QR slip shown before payment, the
receipt of a paid link (DUPLICATA when printed again), a printer test page. A document is a
list of blocks; ``backoffice.printing`` turns it into ESC/POS bytes, a PDF or a preview
image, and :func:`plain_text` into lines of text (tests, the command line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal

from ..api.current.methods import CALLING_CODES, METHODS, method_name
from ..store.links import LinkRow
from .money import NBSP, NNBSP, format_amount

Align = Literal["left", "center", "right"]
BULLET = "\u2022"
# The classic platform's payment_method codes (the current one's, OM_CI…, are in METHODS).
OPERATORS = {"OM": "Orange Money", "MOMO": "MTN MoMo", "FLOOZ": "Moov Money", "WAVE": "Wave",
             "VISAM": "Visa / Mastercard", "CARD": "Visa / Mastercard"}
# Paper width (mm) → characters per line in the printer's font A.
COLUMNS = {58: 32, 80: 48}


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "left"
    bold: bool = False
    size: Literal["normal", "large"] = "normal"  # large: double width and height


@dataclass(frozen=True)
class Pair:
    """A label on the left, its value on the right (wrapped under it when too long)."""

    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True)
class Qr:
    payload: str
    size: Literal["large", "small"] = "large"


Block = Text | Pair | Rule | Qr


@dataclass(frozen=True)
class PrintDoc:
    kind: Literal["slip", "receipt", "test", "closing"]
    title: str  # the PDF's title, the print job's name
    blocks: tuple[Block, ...]
    transaction_id: str = ""
    duplicate: bool = False

    @property
    def qr_payloads(self) -> list[str]:
        return [b.payload for b in self.blocks if isinstance(b, Qr)]


@dataclass(frozen=True)
class Shop:
    """What Réglages says about the shop and this till."""

    name: str = ""
    address: str = ""
    till: str = ""
    tz: tzinfo | None = None  # the shop's time zone; None: the machine's
    training: bool = False  # training mode: every document says it is worth nothing


def _w(lang: str, fr: str, en: str) -> str:
    return en if lang.startswith("en") else fr


def _when(moment: datetime, tz: tzinfo | None, lang: str) -> str:
    local = moment.astimezone(tz)
    return local.strftime("%d/%m/%Y %H:%M" if not lang.startswith("en") else "%Y-%m-%d %H:%M")


def operator_label(code: str | None, lang: str = "fr") -> str:
    """"OM" / "OM_CI" → "Orange Money"; an unknown code as it is; "" when none."""
    if not code:
        return ""
    upper = code.upper()
    if upper in OPERATORS:
        return OPERATORS[upper]
    return method_name(upper, lang)


def calling_code(method: str | None) -> str:
    """The country calling code a current-platform method names ("OM_CI" → "225"), else ""."""
    found = METHODS.get((method or "").upper())
    return CALLING_CODES.get(found.country, "") if found else ""


def payer_prefix(row: LinkRow) -> str:
    """The payer's calling code: CinetPay's check said it (journaled), else the one a
    current-platform method names ("OM_CI" → "225"), else ""."""
    said = "".join(c for c in (row.phone_prefix or "") if c.isdigit())
    return said.removeprefix("00") or calling_code(row.payment_method)


def mask_phone(phone: str | None, prefix: str = "") -> str:
    """"0712345412" (prefix 225) → "+225 07 •• •• 54 12": the first pair and the last four
    digits stay, the rest is hidden. A number already carrying its prefix (+225… or 00225…)
    keeps it. "" when there is no number."""
    digits = "".join(c for c in (phone or "") if c.isdigit())
    if not digits:
        return ""
    text = (phone or "").strip()
    if text.startswith(("+", "00")):
        digits = digits[2:] if text.startswith("00") else digits
        prefix = prefix or next((c for c in sorted(CALLING_CODES.values())
                                 if digits.startswith(c)), digits[:3])
        digits = digits[len(prefix):] if digits.startswith(prefix) else digits
    if len(digits) < 6:
        hidden = f"{BULLET * 2} {digits[-2:]}"
    else:
        head, tail = digits[:2], digits[-4:]
        hidden_count = len(digits) - 6
        pairs = max(1, (hidden_count + 1) // 2)
        hidden = " ".join([head, *([BULLET * 2] * pairs), tail[:2], tail[2:]])
    return f"+{prefix} {hidden}" if prefix else hidden


def _training(shop: Shop, lang: str) -> list[Block]:
    if not shop.training:
        return []
    return [Text(_w(lang, "FORMATION - SANS VALEUR", "TRAINING - NO VALUE"), "center",
                 bold=True)]


def _shop_head(shop: Shop, *, address: bool, lang: str = "fr") -> list[Block]:
    blocks: list[Block] = _training(shop, lang)
    if shop.name:
        blocks.append(Text(shop.name, "center", bold=True, size="large"))
    if address and shop.address:
        blocks += [Text(line.strip(), "center") for line in shop.address.splitlines()
                   if line.strip()]
    return blocks


def slip(row: LinkRow, shop: Shop, *, lang: str = "fr", valid_minutes: int = 30) -> PrintDoc:
    """The QR slip: the customer scans it to pay when the screen faces the cashier."""
    if not row.payment_url:
        raise ValueError(f"link {row.transaction_id} has no payment address to print")
    blocks: list[Block] = [*_shop_head(shop, address=False, lang=lang), Rule(),
                           Text(_w(lang, "À PAYER", "TO PAY"), "center", bold=True),
                           Text(format_amount(row.amount, row.currency, lang), "center",
                                bold=True, size="large"),
                           Qr(row.payment_url, "large"),
                           Text(_w(lang, "Scannez pour payer (Mobile Money, carte)",
                                   "Scan to pay (mobile money, card)"), "center"),
                           Rule(),
                           Pair(_w(lang, "Transaction", "Transaction"), row.transaction_id),
                           Pair(_w(lang, "Heure", "Time"), _when(row.created_at, shop.tz, lang))]
    if valid_minutes > 0:
        blocks.append(Text(_w(lang, f"Valable {valid_minutes} minutes",
                              f"Valid for {valid_minutes} minutes"), "center", bold=True))
    blocks += _training(shop, lang)
    return PrintDoc("slip", _w(lang, f"QR de paiement {row.transaction_id}",
                               f"Payment QR {row.transaction_id}"), tuple(blocks),
                    row.transaction_id)


def receipt(row: LinkRow, shop: Shop, *, lang: str = "fr", cashier: str = "",
            duplicate: bool = False) -> PrintDoc:
    """The receipt of a paid link; ``duplicate`` marks a copy DUPLICATA."""
    if row.payment_status != "ACCEPTED":
        raise ValueError(f"link {row.transaction_id} is not paid: no receipt")
    paid_at = row.accepted_at or row.checked_at or row.updated_at
    blocks: list[Block] = _shop_head(shop, address=True, lang=lang)
    if duplicate:
        blocks.append(Text("DUPLICATA", "center", bold=True, size="large"))
    blocks += [Text(_w(lang, "REÇU DE PAIEMENT", "PAYMENT RECEIPT"), "center", bold=True),
               Rule(), Pair(_w(lang, "Date", "Date"), _when(paid_at, shop.tz, lang))]
    till = row.till or shop.till
    if till:
        blocks.append(Pair(_w(lang, "Caisse", "Till"), till))
    if cashier:
        blocks.append(Pair(_w(lang, "Caissier", "Cashier"), cashier))
    blocks.append(Pair(_w(lang, "Transaction", "Transaction"), row.transaction_id))
    if row.operator_id:
        blocks.append(Pair(_w(lang, "Réf. opérateur", "Operator ref."), row.operator_id))
    if row.payment_method:
        blocks.append(Pair(_w(lang, "Moyen", "Method"), operator_label(row.payment_method,
                                                                         lang)))
    phone = mask_phone(row.phone, payer_prefix(row))
    if phone:
        blocks.append(Pair(_w(lang, "Payeur", "Payer"), phone))
    if row.description:
        blocks.append(Pair(_w(lang, "Objet", "For"), row.description))
    blocks += [Rule(),
               Pair(_w(lang, "MONTANT", "AMOUNT"), format_amount(row.amount, row.currency, lang),
                    bold=True),
               Text(_w(lang, "PAYÉ", "PAID"), "center", bold=True, size="large"),
               Rule(),
               Qr(row.transaction_id, "small"),
               Text(_w(lang, "Référence pour le support", "Reference for support"), "center"),
               Text(_w(lang, "Merci de votre visite !", "Thank you!"), "center"),
               *_training(shop, lang)]
    title = _w(lang, f"Reçu {row.transaction_id}", f"Receipt {row.transaction_id}")
    if duplicate:
        title += " (DUPLICATA)"
    return PrintDoc("receipt", title, tuple(blocks), row.transaction_id, duplicate)


def printer_test_page(shop: Shop, *, lang: str = "fr", codepage: str = "", width: int = 80,
              printer: str = "", now: datetime | None = None) -> PrintDoc:
    """A page that shows whether accents, the QR and the cut work on this printer."""
    blocks: list[Block] = [*_shop_head(shop, address=True, lang=lang),
                           Text(_w(lang, "PAGE DE TEST", "TEST PAGE"), "center", bold=True),
                           Rule(),
                           Text("é è à ç ù ê ô ï °  É È À Ç", "center"),
                           Text("Reçu · Café crème · 25 °C · Noël", "center"),
                           Text(format_amount(17500, "XOF", lang), "center", bold=True,
                                size="large"),
                           Rule()]
    if printer:
        blocks.append(Pair(_w(lang, "Imprimante", "Printer"), printer))
    blocks += [Pair(_w(lang, "Largeur", "Width"), f"{width} mm"),
               Pair(_w(lang, "Page de code", "Code page"), codepage or "—")]
    if now is not None:
        blocks.append(Pair(_w(lang, "Heure", "Time"), _when(now, shop.tz, lang)))
    blocks += [Qr("https://cinetpay.com", "small"),
               Text(_w(lang, "Si les accents sont justes, c'est réglé.",
                        "If the accents look right, you are set."), "center")]
    return PrintDoc("test", _w(lang, "Page de test Comptoir", "Comptoir test page"),
                    tuple(blocks))


# --- plain text (tests, the command line, the ESC/POS renderer's layout) -------------------

def plain(text: str) -> str:
    """Money's narrow and no-break spaces as plain spaces (receipt printers and terminals)."""
    return text.replace(NNBSP, " ").replace(NBSP, " ")


def pair_lines(label: str, value: str, columns: int) -> list[str]:
    """"Label ......... value" on one line, or the value right-aligned under the label."""
    label, value = plain(label), plain(value)
    if len(label) + 1 + len(value) <= columns:
        return [label + " " * (columns - len(label) - len(value)) + value]
    lines = [label]
    while value:
        lines.append(value[:columns].rjust(columns))
        value = value[columns:]
    return lines


def aligned(text: str, align: Align, columns: int) -> list[str]:
    """``text`` wrapped at ``columns`` (on spaces when it can), each line aligned."""
    words, lines, current = plain(text).split(" "), [], ""
    for word in words:
        while len(word) > columns:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:columns])
            word = word[columns:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= columns:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if align == "center":
        return [line.center(columns).rstrip() for line in lines]
    if align == "right":
        return [line.rjust(columns) for line in lines]
    return lines


def plain_text(doc: PrintDoc, width: int = 80) -> list[str]:
    """The document as text lines of the paper's width (a QR is shown as ``[QR …]``)."""
    columns = COLUMNS.get(width, 48)
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Text):
            size = 2 if block.size == "large" else 1
            out += aligned(block.text, block.align, columns // size)
        elif isinstance(block, Pair):
            out += pair_lines(block.label, block.value, columns)
        elif isinstance(block, Rule):
            out.append(block.char * columns)
        else:
            out.append(f"[QR {block.payload}]")
    return out
