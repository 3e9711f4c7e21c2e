"""CinetPay's current platform (sk_ keys): the recipient is a number, not a contact, and the
transfer names its mobile-money method. The combo lists the account country's methods and
preselects one only where the numbering makes it certain; otherwise the person picks."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...api.current.methods import guess_method, method_name, methods_for
from ...api.phones import normalize_phone


class MethodCombo(QComboBox):
    """``method()``: the code picked (OM_CI…), "" while none is."""

    def __init__(self, country: str, calling_code: str, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.country = country
        self.calling_code = calling_code
        self.addItem(self.tr("— Choisir —"), "")
        for m in methods_for(country):
            self.addItem(method_name(m.code, lang), m.code)
        self.setAccessibleName(self.tr("Moyen de paiement"))
        self.setMinimumWidth(170)

    def method(self) -> str:
        return str(self.currentData() or "")

    def follow_number(self, typed: str) -> None:
        """Preselects the method a typed number certainly belongs to (never unpicks)."""
        prefix, phone = normalize_phone(self.calling_code, typed)
        guessed = guess_method(self.country, f"+{prefix}{phone}") if prefix else None
        index = self.findData(guessed) if guessed else -1
        if index >= 0:
            self.setCurrentIndex(index)
