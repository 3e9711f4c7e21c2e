"""Field-level messages: a small red line under the field that CinetPay (or our own checks)
refused, named by ``ValidationError.field``; cleared as soon as the field is edited. An amount
field shows, as soon as it happens, why the text typed or pasted in it is refused."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...api.errors import ValidationError
from .amount_edit import AmountEdit

ERROR_STYLE = "color:#b3261e;"
INVALID_SHEET = (
    "QLineEdit[invalid=\"true\"], QComboBox[invalid=\"true\"]"
    " { border: 2px solid #b3261e; border-radius: 3px; }"
)


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class FieldErrors(QObject):
    """``add(field, widget)`` creates the label to put in the layout under ``widget``."""

    def __init__(self, parent: QWidget, lang: str = "fr") -> None:
        super().__init__(parent)
        self.lang = lang
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, field: str, widget: QWidget, *aliases: str,
            label: QLabel | None = None) -> QLabel:
        """``label``: an error line several fields share (one message under a group)."""
        if label is None:
            label = error_label(widget.parentWidget() or widget)
        for name in (field, *aliases):
            self._fields[name] = (widget, label)
        if isinstance(widget, AmountEdit):  # a refused edit is undone and says why here
            widget.refused.connect(lambda err, f=field: self._refused(f, err))
            widget.value_changed.connect(lambda _v, f=field: self.clear(f))
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, f=field: self.clear(f))
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i, f=field: self.clear(f))
        return label

    def knows(self, field: str) -> bool:
        return field in self._fields

    def show(self, field: str, text: str, *, focus: bool = True) -> bool:
        """Show ``text`` under ``field``; False when this form has no such field."""
        if field not in self._fields:
            return False
        widget, label = self._fields[field]
        if isinstance(widget, AmountEdit) and widget.refusal is not None:
            text = self._human(widget.refusal)  # why its text is refused comes first
        label.setText(text)
        label.show()
        widget.setProperty("invalid", True)
        widget.setAccessibleDescription(text)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        if focus:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        return True

    def _human(self, err: ValidationError) -> str:
        return err.fr if self.lang.startswith("fr") else err.en

    def _refused(self, field: str, err: ValidationError) -> None:
        self.show(field, self._human(err), focus=False)  # while typing: no select-all

    def show_error(self, err: ValidationError, *, focus: bool = True) -> bool:
        return self.show(err.field, self._human(err), focus=focus)

    def text(self, field: str) -> str:
        if field not in self._fields:
            return ""
        label = self._fields[field][1]
        return label.text() if not label.isHidden() else ""

    def clear(self, field: str | None = None) -> None:
        names = [field] if field else list(self._fields)
        for name in names:
            if name not in self._fields:
                continue
            widget, label = self._fields[name]
            label.hide()
            label.clear()
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setAccessibleDescription("")
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def any_shown(self) -> bool:
        return any(not label.isHidden() for _, label in self._fields.values())
