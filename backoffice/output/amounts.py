"""Reading an amount a person wrote: the till's amount field and the CSV imports share these
rules (Qt-free). CinetPay takes whole amounts only (``amount`` is an int, USD included), so:

- grouping is accepted when it cannot be misread: spaces (also U+00A0 / U+202F) between
  groups of three digits, "1.500.000" / "1,500,000", and a single "." followed by three digits
  in French ("12.500" = 12 500: in French the decimal mark is the comma). In English the roles
  swap ("12,500" = 12 500);
- a decimal part is accepted only when it is zero and one or two digits long ("12500,00",
  "12500.0"); non-zero decimals are refused ("12,50" in USD: CinetPay takes whole dollars);
- a separator followed by three digits that could be either ("12,500" in French, "1500.000")
  is refused as ambiguous rather than guessed;
- a minus sign, letters, other digits than 0-9 and other signs are refused;
- a currency symbol or code around the number is ignored ("25 000 F CFA", "$12", "12 USD").

Every refusal is a :class:`ValidationError` naming the field, in French and English.
"""

from __future__ import annotations

import re
from functools import cache

from ..api.errors import ValidationError
from ..api.validation import AMOUNT_CEILING, check_payment_maximum
from .money import SYMBOLS, grouped

SPACES = " \t\u00a0\u202f\u2009\u2007\u2008\u200a"
MINUS_SIGNS = "-\u2212\u2012\u2013\u2014\u2010\u2011\ufe63\uff0d"
MAX_DIGITS = len(str(AMOUNT_CEILING))
# What may be written around an amount in each currency (another currency's sign is refused).
_CFA = ("F CFA", "FCFA", "CFA", "F")
SPELLINGS = {"XOF": _CFA, "XAF": _CFA, "CDF": ("FC", "F"), "GNF": ("FG", "F"),
             "USD": ("US$", "$")}
_SPACE_RUN = re.compile(r" +")


@cache
def _around(currency: str) -> re.Pattern[str]:
    """Matches ``[symbol] number [symbol]`` for ``currency``; group 1 is the number."""
    code = currency.upper()
    spellings = sorted({code, *SPELLINGS.get(code, ())}, key=len, reverse=True)
    symbol = "|".join(re.escape(s).replace("\\ ", " ?") for s in spellings)
    return re.compile(rf"^(?:(?:{symbol})\s*)?(.*?)(?:\s*(?:{symbol}))?$",
                      re.IGNORECASE | re.DOTALL)


def _refuse(field: str, fr: str, en: str) -> ValidationError:
    return ValidationError(field, fr, en)


def _no_decimals(field: str, currency: str) -> ValidationError:
    code = currency.upper()
    if code == "USD":
        return _refuse(field, "Pas de cents : CinetPay n'accepte que des dollars entiers",
                       "No cents: CinetPay takes whole dollars only")
    symbol = SYMBOLS.get(code, code)
    return _refuse(field, f"Pas de décimales en {symbol} : saisissez un montant entier",
                   f"No decimals in {symbol}: type a whole amount")


def _ambiguous(field: str, text: str) -> ValidationError:
    return _refuse(field, f"Montant ambigu « {text} » : écrivez-le sans point ni virgule "
                   "(ex. 12 500)",
                   f"Ambiguous amount “{text}”: write it without dots or commas (e.g. 12 500)")


def _misplaced(field: str, text: str) -> ValidationError:
    return _refuse(field, f"Séparateur mal placé dans « {text} » (ex. 12 500)",
                   f"Misplaced separator in “{text}” (e.g. 12 500)")


def _check_chars(body: str, field: str) -> None:
    for ch in body:
        if ch in MINUS_SIGNS:
            raise _refuse(field, "Un montant ne peut pas être négatif (signe moins refusé)",
                          "An amount cannot be negative (minus sign refused)")
    for ch in body:
        if ch.isalpha():
            raise _refuse(field, "Lettres refusées : saisissez le montant en chiffres",
                          "Letters are not allowed: type the amount in digits")
        if ch.isdigit() and not "0" <= ch <= "9":
            raise _refuse(field, "Chiffres de 0 à 9 uniquement", "Digits 0 to 9 only")
        if not ("0" <= ch <= "9" or ch in " .,"):
            raise _refuse(field, f"Caractère refusé dans un montant : « {ch} »",
                          f"Character not allowed in an amount: “{ch}”")


def _whole(part: str, marks: str, field: str, text: str) -> str:
    """The digits of the whole part, whose grouping marks (``marks``) must split it into
    groups of three after a first group of one to three digits."""
    if not part or part[0] not in "0123456789" or part[-1] not in "0123456789":
        raise _misplaced(field, text)
    groups = re.split(f"[{re.escape(marks)}]", part) if marks else [part]
    if any(not g.isdigit() for g in groups):
        raise _misplaced(field, text)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3
                                                                for g in groups[1:])):
        raise _misplaced(field, text)
    return "".join(groups)


def _split(body: str, lang: str, field: str, text: str, currency: str) -> tuple[str, str]:
    """(whole part with its marks, grouping marks used in it); refuses decimals."""
    decimal_mark = "," if lang.startswith("fr") else "."
    seps = [(i, ch) for i, ch in enumerate(body) if ch in ".,"]
    if not seps:
        return body, " "
    kinds = {ch for _, ch in seps}
    last_at, last = seps[-1]
    if len(kinds) == 2:  # "12.500,00" / "12,500.00": the last one is the decimal mark
        if any(ch == last for _, ch in seps[:-1]):
            raise _misplaced(field, text)
        decimal_at: int | None = last_at
    elif len(seps) > 1:  # "1.500.000": grouping only
        decimal_at = None
    elif last == decimal_mark:
        decimal_at = last_at
    else:  # the other mark, once: grouping if followed by exactly three digits
        after = body[last_at + 1:]
        decimal_at = None if re.fullmatch(r"[0-9]{3}", after) and \
            re.fullmatch(r"[0-9]{1,3}", body[:last_at]) else last_at
    if decimal_at is None:
        return body, " " + last
    fraction = body[decimal_at + 1:]
    if fraction and not fraction.isdigit():
        raise _misplaced(field, text)
    if len(fraction) >= 3:
        raise _ambiguous(field, text)
    if not fraction or fraction.strip("0"):
        raise _no_decimals(field, currency)
    marks = " " + "".join(kinds - {body[decimal_at]})
    return body[:decimal_at], marks


def parse_amount_text(text: str, currency: str = "XOF", lang: str = "fr", *,
                      field: str = "amount", maximum: bool = False) -> int | None:
    """The whole amount ``text`` spells, or None when it holds no number at all.

    Raises ValidationError (naming ``field``) for anything it cannot read without guessing.
    ``maximum``: also refuse what exceeds one payment link's maximum in ``currency``."""
    normalized = "".join(" " if ch in SPACES else ch for ch in text or "")
    framed = _around(currency).match(normalized.strip())
    body = _SPACE_RUN.sub(" ", framed.group(1).strip()) if framed else normalized.strip()
    if not body:
        return None
    _check_chars(body, field)
    shown = body if len(body) <= 24 else body[:21] + "…"
    whole, marks = _split(body, lang, field, shown, currency)
    digits = _whole(whole, marks, field, shown)
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise _refuse(field, "Montant beaucoup trop grand", "Amount far too large")
    value = int(digits)
    if value > AMOUNT_CEILING:
        raise _refuse(field, "Montant beaucoup trop grand", "Amount far too large")
    if maximum:
        check_payment_maximum(value, currency, field)
    return value


def parse_amount(text: str, currency: str = "XOF", lang: str = "fr", *,
                 field: str = "amount") -> int:
    """Like :func:`parse_amount_text`, but an empty text is refused too."""
    value = parse_amount_text(text, currency, lang, field=field)
    if value is None:
        raise _refuse(field, "Montant manquant", "Amount missing")
    return value


__all__ = ["grouped", "parse_amount", "parse_amount_text"]
