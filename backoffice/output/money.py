"""Qt-free money formatting, as CLDR writes it (the GUI uses QLocale with the same rules):
"25 000 F CFA" in French (U+202F groups, U+00A0 before the symbol), "25,000 F CFA" in English.
Amounts are int or Decimal, never float."""

from __future__ import annotations

from decimal import Decimal

SYMBOLS = {"XOF": "F\u202fCFA", "XAF": "FCFA", "CDF": "FC", "GNF": "FG", "USD": "$"}
NNBSP, NBSP = "\u202f", "\u00a0"


def grouped(value: int, lang: str = "fr") -> str:
    """1500000 → "1 500 000" (fr, U+202F) or "1,500,000" (en): digits only."""
    return f"{value:,}".replace(",", NNBSP if lang.startswith("fr") else ",")


def format_amount(value: int | Decimal, currency: str = "XOF", lang: str = "fr") -> str:
    if isinstance(value, float):
        raise TypeError("money is never a float")
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    quantized = abs(amount).normalize()
    whole, _, frac = f"{quantized:f}".partition(".")
    point = "," if lang.startswith("fr") else "."
    digits = grouped(int(whole), lang)
    number = f"{sign}{digits}{point + frac if frac else ''}"
    symbol = SYMBOLS.get(currency.upper(), currency.upper())
    if currency.upper() == "USD" and not lang.startswith("fr"):
        return f"{sign}${digits}{'.' + frac if frac else ''}"
    return f"{number}{NBSP}{symbol}"
