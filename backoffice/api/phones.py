"""One place where phone numbers are normalised, before they are journaled and sent.

People type numbers in many forms: ``07 01 02 03 04``, ``07.01.02.03.04``, ``07-01-02-03-04``,
``+225 0701020304``, ``00225 0701020304`` or ``2250701020304``. CinetPay wants the country
prefix (``225``) and the local number (``0701020304``) apart, digits only. Nothing here
validates: :mod:`backoffice.api.validation` refuses what is still wrong afterwards (so
non-ASCII digits are kept as they are, to be refused with a clear message).
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-()/]")
_ASCII = re.compile(r"[0-9]+")
LOCAL_LENGTHS = range(8, 11)  # 8 to 10 digits once the prefix is gone


def clean(text: str) -> str:
    """Spaces (also non-breaking), dots, dashes, slashes and brackets removed."""
    return _SEPARATORS.sub("", text or "")


def normalize_prefix(prefix: str) -> str:
    """``+225``, ``00225``, `` 225 `` → ``225``."""
    value = clean(prefix).lstrip("+")
    return value[2:] if value.startswith("00") else value


def normalize_phone(prefix: str, phone: str) -> tuple[str, str]:
    """(prefix, local number), both digits only when the input was sensible.

    The prefix may also be written inside the number (``+225…``, ``00225…``, or ``225…``
    when the number is otherwise too long to be a local one); an empty prefix is then taken
    from the number when it starts with ``+`` or ``00``.
    """
    pre = normalize_prefix(prefix)
    number = clean(phone)
    international = number.startswith("+") or number.startswith("00")
    digits = number.lstrip("+")
    if digits.startswith("00"):
        digits = digits[2:]
    if pre and digits.startswith(pre) and _ASCII.fullmatch(digits):
        rest = digits[len(pre):]
        if (international or len(digits) > max(LOCAL_LENGTHS)) and len(rest) in LOCAL_LENGTHS:
            return pre, rest
    if international and not pre:
        return "", digits  # the caller's validation asks for the prefix
    return pre, number if not international else digits


def same_phone(prefix: str, a: str, b: str) -> bool:
    """Whether two forms of a number are the same number (for matching CinetPay's echoes)."""
    return normalize_phone(prefix, a)[1] == normalize_phone(prefix, b)[1] != ""
