"""The contact search as a person types it (Qt-free, shared by every front-end): case- and
accent-insensitive on names and e-mail ("konate" finds "Konaté"); digits find numbers with or
without the country prefix, spaces and a leading "+" ignored ("+225 07 01" finds 0701…)."""

from __future__ import annotations

from ..store.contacts import ContactRow
from ..store.textsearch import matches


def contact_matches(row: ContactRow, text: str) -> bool:
    """An empty search matches every contact."""
    if not text.strip():
        return True
    digits_only = text.strip().lstrip("+").replace(" ", "").isdigit()
    needle = (text.replace(" ", "") if digits_only else text).lstrip("+")
    return matches(needle, row.name, row.surname, row.phone, row.prefix + row.phone,
                   row.email, f"{row.name} {row.surname}", f"{row.surname} {row.name}")
