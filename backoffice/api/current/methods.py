"""Mobile-money methods of the current platform, per country, in the shop's words.

``guess_method`` answers only where the country's numbering makes the operator certain: it
returns None for countries where a wallet (Wave) works on any operator's number, where
numbers can move between operators, or where the plan was recently renumbered — the caller
then asks the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..phones import clean


@dataclass(frozen=True)
class Method:
    code: str  # as sent: OM_CI, WAVE_SN…
    country: str  # ISO alpha-2
    fr: str
    en: str

    def name(self, lang: str = "fr") -> str:
        return self.fr if lang.startswith("fr") else self.en


_NAMES: dict[str, tuple[str, str]] = {
    "OM": ("Orange Money", "Orange Money"),
    "MOOV": ("Moov Money", "Moov Money"),
    "MTN": ("MTN Mobile Money", "MTN Mobile Money"),
    "WAVE": ("Wave", "Wave"),
    "FREE": ("Free Money", "Free Money"),
    "EXPRESSO": ("E-Money (Expresso)", "E-Money (Expresso)"),
    "TMONEY": ("T-Money", "T-Money"),
    "AIRTEL": ("Airtel Money", "Airtel Money"),
    "MPESA": ("M-Pesa", "M-Pesa"),
    "AFRICELL": ("Afrimoney (Africell)", "Afrimoney (Africell)"),
    "ZAMANI": ("Zamani Cash", "Zamani Cash"),
}

BY_COUNTRY: dict[str, tuple[str, ...]] = {
    "CI": ("OM", "MOOV", "MTN", "WAVE"),
    "BF": ("OM", "MOOV", "WAVE"),
    "ML": ("OM", "MOOV"),
    "SN": ("OM", "FREE", "EXPRESSO", "WAVE"),
    "TG": ("MOOV", "TMONEY"),
    "GN": ("OM", "MTN"),
    "CM": ("OM", "MTN"),
    "BJ": ("MOOV", "MTN"),
    "CD": ("OM", "AIRTEL", "MPESA", "AFRICELL"),
    "NE": ("AIRTEL", "MOOV", "ZAMANI"),
}

METHODS: dict[str, Method] = {
    f"{op}_{cc}": Method(f"{op}_{cc}", cc, *_NAMES[op])
    for cc, ops in BY_COUNTRY.items() for op in ops
}

CALLING_CODES: dict[str, str] = {
    "CI": "225", "BF": "226", "ML": "223", "SN": "221", "TG": "228", "GN": "224", "CM": "237",
    "BJ": "229", "CD": "243", "NE": "227",
}

# National significant number prefix -> operator, only where it is certain. Cameroon, Togo,
# Guinea and DR Congo: operators own disjoint number blocks and no wallet spans operators.
_CERTAIN: dict[str, dict[str, str]] = {
    "CM": {"67": "MTN", "650": "MTN", "651": "MTN", "652": "MTN", "653": "MTN", "654": "MTN",
           "69": "OM", "655": "OM", "656": "OM", "657": "OM", "658": "OM", "659": "OM"},
    "TG": {"70": "TMONEY", "90": "TMONEY", "91": "TMONEY", "92": "TMONEY", "93": "TMONEY",
           "79": "MOOV", "96": "MOOV", "97": "MOOV", "98": "MOOV", "99": "MOOV"},
    "GN": {"62": "OM", "66": "MTN"},
    "CD": {"81": "MPESA", "82": "MPESA", "83": "MPESA", "84": "OM", "85": "OM", "89": "OM",
           "97": "AIRTEL", "98": "AIRTEL", "99": "AIRTEL", "90": "AFRICELL"},
}
_LENGTHS = {"CM": 9, "TG": 8, "GN": 9, "CD": 9}


def methods_for(country: str) -> list[Method]:
    """The methods of ``country`` (ISO alpha-2), in CinetPay's order; [] when unknown."""
    cc = (country or "").upper()
    return [METHODS[f"{op}_{cc}"] for op in BY_COUNTRY.get(cc, ())]


def method_name(code: str, lang: str = "fr") -> str:
    """"OM_CI" → "Orange Money"; an unknown code is shown as it is."""
    method = METHODS.get((code or "").upper())
    return method.name(lang) if method else code


def guess_method(country: str, e164: str) -> str | None:
    """The method of the number ``e164`` (+2376…) in ``country``, or None when not certain."""
    cc = (country or "").upper()
    table = _CERTAIN.get(cc)
    digits = clean(e164).lstrip("+")
    prefix = CALLING_CODES.get(cc, "")
    if table is None or not digits.startswith(prefix) or not digits.isdigit():
        return None
    national = digits[len(prefix):]
    if len(national) != _LENGTHS[cc]:
        return None
    for size in (3, 2):
        operator = table.get(national[:size])
        if operator:
            return f"{operator}_{cc}"
    return None
