"""An amount field that shows money the way it is written locally ("25 000 F CFA") while the
cashier types, and gives back the exact integer (never a float).

It refuses what it cannot represent: a minus sign, letters, non-zero decimals (CinetPay takes
whole amounts, USD included), an ambiguous separator. Such text stays in the field as typed,
``value()`` is None and ``refusal`` says why (the form shows it next to the field, even when
Enter is pressed): nothing is dropped silently, so "12.50" never turns into 1 250. A keystroke
or a paste beyond one payment's maximum is undone, with the reason. The reading rules are
:mod:`backoffice.output.amounts`, shared with the CSV imports."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QWidget

from ...api.errors import ValidationError
from ...api.validation import check_payment_maximum
from ...output.amounts import MAX_DIGITS, parse_amount_text
from .formatting import money

__all__ = ["AmountEdit", "digits_of", "parse_amount_text"]

LETTERS = ("Lettres refusées : saisissez le montant en chiffres",
           "Letters are not allowed: type the amount in digits")


def digits_of(text: str) -> str:
    """The ASCII digits of ``text``, in order (grouping spaces, dots, symbols dropped)."""
    return "".join(ch for ch in text if "0" <= ch <= "9")


def _others(text: str) -> str:
    return "".join(ch for ch in text if not "0" <= ch <= "9")


def _inserted(before: str, after: str) -> str:
    """What an edit put in: ``after`` minus the text it shares with ``before`` at both ends."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (end < min(len(before), len(after)) - start
           and before[-1 - end] == after[-1 - end]):
        end += 1
    return after[start:len(after) - end]


class _TooLarge(ValidationError):
    """Beyond the maximum: the edit is undone rather than kept."""


class AmountEdit(QLineEdit):
    """``value()`` is the int typed, or None when empty. The text is reformatted on every
    edit with the currency's local spelling; the cursor stays after the same digit."""

    value_changed = Signal(object)  # int | None
    refused = Signal(object)  # ValidationError: the edit was undone, this is why

    def __init__(self, currency: str = "XOF", lang: str = "fr",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._currency = currency
        self._lang = lang
        self._formatting = False
        self._shown = ""  # the text after the last edit that was kept
        self._refusal: ValidationError | None = None  # why the text in the field is refused
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

    @property
    def refusal(self) -> ValidationError | None:
        """Why the text in the field is not an amount (None when it is one, or empty)."""
        return self._refusal

    def value(self) -> int | None:
        """The amount typed; None when empty or refused (see ``refusal``)."""
        if self._refusal is not None:
            return None
        try:
            return parse_amount_text(self.text(), self._currency, self._lang)
        except ValidationError:
            return None

    def set_value(self, value: int | None) -> None:
        self._formatting = True
        try:
            self.setText(money(value, self._currency, self._lang) if value is not None else "")
        finally:
            self._formatting = False
        self._shown, self._refusal = self.text(), None
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

    def _read(self, text: str) -> int | None:
        """The value ``text`` holds, or ValidationError. Typing or deleting digits in a valid
        amount keeps every other character (our grouping, the symbol) where it was: the digits
        are the number. Anything else (a separator, a sign, a paste, an edit of refused text)
        is read whole by the shared rules."""
        if self._refusal is None and _others(text) == _others(self._shown):
            digits = digits_of(text).lstrip("0") or digits_of(text)[:1]
            if len(digits) > MAX_DIGITS:
                digits = str(10**MAX_DIGITS)
            value = int(digits) if digits else None
        else:
            value = parse_amount_text(text, self._currency, self._lang)
            if value is None and any(ch.isalpha() for ch in _inserted(self._shown, text)):
                raise ValidationError("amount", *LETTERS)
        if value is not None:
            try:
                check_payment_maximum(value, self._currency)
            except ValidationError as err:
                raise _TooLarge(err.field, err.fr, err.en) from None
        return value

    def _reformat(self, text: str) -> None:
        if self._formatting:
            return
        try:
            value = self._read(text)
        except _TooLarge as err:  # undone: the amount before this edit stays
            self._undo(text)
            self.refused.emit(err)
            return
        except ValidationError as err:  # kept as typed, and refused
            self._shown, self._refusal = text, err
            self.refused.emit(err)
            return
        self._refusal = None
        before_cursor = len(digits_of(text[: self.cursorPosition()]))
        # leading zeros disappear: keep the cursor after the same significant digit
        leading = len(digits_of(text)) - len(str(value)) if value is not None else 0
        self._formatting = True
        try:
            self.setText(money(value, self._currency, self._lang) if value is not None else "")
        finally:
            self._formatting = False
        self._shown = self.text()
        self._place_after_digit(max(0, before_cursor - leading))
        self.value_changed.emit(value)

    def _undo(self, text: str) -> None:
        """Put back the text before the edit, the cursor where the edit began."""
        cursor = self.cursorPosition() - (len(text) - len(self._shown))
        self._formatting = True
        try:
            self.setText(self._shown)
            self.setCursorPosition(max(0, min(cursor, len(self._shown))))
        finally:
            self._formatting = False

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
        """Backspace/Delete next to a group space removes the digit beyond it (refused text
        is edited as it is)."""
        if not self.hasSelectedText() and self._refusal is None:
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
        if event.key() == Qt.Key.Key_End:  # from a selection too
            self._clamp_cursor(0, self.cursorPosition())

    def _before_symbol(self) -> int:
        """Where the symbol after the amount begins (refused text: edited up to there)."""
        text = self.text()
        suffix = money(0, self._currency, self._lang).partition("0")[2]
        return len(text) - len(suffix) if suffix and text.endswith(suffix) else len(text)

    def _clamp_cursor(self, _old: int, new: int) -> None:
        """The cursor never wanders into the currency symbol (End goes after the last digit)."""
        if self._formatting or self.hasSelectedText() or not self.text():
            return
        limit = self._before_symbol() if self._refusal else self._after_last_digit()
        if new > limit:
            self.setCursorPosition(limit)
