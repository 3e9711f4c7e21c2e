"""An amount field that shows money the way it is written locally ("25 000 F CFA") while the
cashier types, and gives back the exact integer (never a float)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QWidget

from .formatting import money

MAX_DIGITS = 10
_ZERO_CENTS = re.compile(r"[.,]0{1,2}\s*$")  # "17500,00" pasted from a spreadsheet


def digits_of(text: str) -> str:
    """The ASCII digits of ``text``, in order (grouping spaces, dots, symbols dropped)."""
    return "".join(ch for ch in text if "0" <= ch <= "9")


def parse_amount_text(text: str) -> int | None:
    """ "25 000 F CFA", "25000", "25.000", "25 000,00" → 25000; nothing → None."""
    text = _ZERO_CENTS.sub("", text.replace("\u202f", " ").replace("\u00a0", " ").strip())
    digits = digits_of(text)
    return int(digits) if digits else None


class AmountEdit(QLineEdit):
    """``value()`` is the int typed, or None when empty. The text is reformatted on every
    edit with the currency's local spelling; the cursor stays after the same digit."""

    value_changed = Signal(object)  # int | None

    def __init__(self, currency: str = "XOF", lang: str = "fr",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._currency = currency
        self._lang = lang
        self._formatting = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.textEdited.connect(self._reformat)
        self.cursorPositionChanged.connect(self._clamp_cursor)
        self._update_placeholder()

    # --- public -------------------------------------------------------------------------

    @property
    def currency(self) -> str:
        return self._currency

    def set_currency(self, currency: str, lang: str | None = None) -> None:
        value = self.value()
        self._currency = currency
        if lang:
            self._lang = lang
        self._update_placeholder()
        self.set_value(value)

    def value(self) -> int | None:
        return parse_amount_text(self.text())

    def set_value(self, value: int | None) -> None:
        self._formatting = True
        try:
            self.setText(money(value, self._currency, self._lang) if value is not None else "")
        finally:
            self._formatting = False
        self._place_after_digit(len(digits_of(self.text())))
        self.value_changed.emit(value)

    def clear(self) -> None:
        self.set_value(None)

    def set_big(self, points: int = 20) -> None:
        font = QFont(self.font())
        font.setPointSize(points)
        font.setBold(True)
        self.setFont(font)

    # --- formatting ---------------------------------------------------------------------

    def _update_placeholder(self) -> None:
        self.setPlaceholderText(money(0, self._currency, self._lang))

    def _reformat(self, text: str) -> None:
        if self._formatting:
            return
        before_cursor = len(digits_of(text[: self.cursorPosition()]))
        value = parse_amount_text(text)
        if value is not None and len(str(value)) > MAX_DIGITS:
            value = int(str(value)[:MAX_DIGITS])
        # leading zeros disappear: keep the cursor after the same significant digit
        leading = len(digits_of(text)) - len(str(value)) if value is not None else 0
        self._formatting = True
        try:
            self.setText(money(value, self._currency, self._lang) if value is not None else "")
        finally:
            self._formatting = False
        self._place_after_digit(max(0, before_cursor - leading))
        self.value_changed.emit(value)

    def _place_after_digit(self, count: int) -> None:
        text = self.text()
        if count <= 0:
            first = next((i for i, ch in enumerate(text) if ch.isdigit()), 0)
            self.setCursorPosition(first)
            return
        seen = 0
        for index, ch in enumerate(text):
            if "0" <= ch <= "9":
                seen += 1
                if seen == count:
                    self.setCursorPosition(index + 1)
                    return
        self.setCursorPosition(self._after_last_digit())

    def _after_last_digit(self) -> int:
        text = self.text()
        for index in range(len(text) - 1, -1, -1):
            if "0" <= text[index] <= "9":
                return index + 1
        return 0

    def keyPressEvent(self, event) -> None:
        """Backspace/Delete next to a group space removes the digit beyond it."""
        if not self.hasSelectedText():
            text, pos = self.text(), self.cursorPosition()
            if event.key() == Qt.Key.Key_Backspace:
                while pos > 0 and not text[pos - 1].isdigit():
                    pos -= 1
                if pos > 0:
                    self.setCursorPosition(pos)
            elif event.key() == Qt.Key.Key_Delete:
                while pos < len(text) and not text[pos].isdigit():
                    pos += 1
                if pos < len(text):
                    self._formatting = True  # do not clamp while stepping over
                    self.setCursorPosition(pos)
                    self._formatting = False
        super().keyPressEvent(event)

    def _clamp_cursor(self, _old: int, new: int) -> None:
        """The cursor never wanders into the currency symbol (End goes after the last digit)."""
        if self._formatting or self.hasSelectedText() or not self.text():
            return
        limit = self._after_last_digit()
        if new > limit:
            self.setCursorPosition(limit)
