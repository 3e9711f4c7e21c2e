"""Phone numbers on screen: countries by name (item data: the prefix) and the exact number
that is sent."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...api.validation import COUNTRIES


def country_combo(parent: QWidget, lang: str, selected: str = "225") -> QComboBox:
    """Countries by NAME (then the prefix), item data: the prefix."""
    combo = QComboBox(parent)
    french = lang.startswith("fr")
    entries = sorted(COUNTRIES.items(), key=lambda kv: (kv[1][1] if french else kv[1][2]))
    for prefix, (_iso, fr_name, en_name, _cur) in entries:
        combo.addItem(f"{fr_name if french else en_name} (+{prefix})", prefix)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


def country_name(prefix: str, lang: str) -> str:
    country = COUNTRIES.get(prefix)
    if not country:
        return ""
    return country[1] if lang.startswith("fr") else country[2]


def full_number(prefix: str, phone: str) -> str:
    """Exactly what is sent: "+225 0707070701"."""
    return f"+{prefix} {phone}"
