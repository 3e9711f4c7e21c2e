"""The "who is at the till" panel: drawn over the workspace (never a modal dialog), keyboard
only: a name (completed from the active cashiers), the PIN, Enter. Esc closes it when someone
is already at the till; a locked till keeps it until somebody signs in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...pin import PIN_MAX


class SwitchPanel(QFrame):
    submitted = Signal(str, str)  # name, PIN
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cashierSwitch")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#cashierSwitch { background: rgba(30, 40, 46, 215); }"
                           "#cashierCard { background: palette(window); border-radius: 8px; }")
        self.locked = False  # nobody at the till: Esc does not close
        card = QFrame(self)
        card.setObjectName("cashierCard")
        card.setFixedWidth(360)
        self.title = QLabel(self.tr("Qui est à la caisse ?"), card)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.reason = QLabel(card)
        self.reason.setObjectName("cashierReason")
        self.reason.setWordWrap(True)
        self.name = QLineEdit(card)
        self.name.setObjectName("cashierName")
        self.name.setPlaceholderText(self.tr("nom"))
        self.completer = QCompleter([], self.name)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.name.setCompleter(self.completer)
        self.pin = QLineEdit(card)
        self.pin.setObjectName("cashierPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setPlaceholderText(self.tr("code"))
        self.error = QLabel(card)
        self.error.setObjectName("cashierError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.ok = QPushButton(self.tr("Entrer"), card)
        self.ok.clicked.connect(self.submit)
        self.name.returnPressed.connect(self._name_done)
        self.pin.returnPressed.connect(self.submit)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 18, 20, 18)
        for widget in (self.title, self.reason, self.name, self.pin, self.error, self.ok):
            layout.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        parent.installEventFilter(self)  # follow the workspace's size
        self.hide()

    def set_names(self, names: list[str]) -> None:
        self.completer.model().setStringList(names)  # type: ignore[attr-defined]

    def open(self, reason: str, *, locked: bool) -> None:
        self.locked = locked
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.error.clear()
        self.name.clear()
        self.pin.clear()
        self.busy(False)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.name.setFocus()

    def busy(self, on: bool) -> None:
        for widget in (self.name, self.pin, self.ok):
            widget.setEnabled(not on)

    def refuse(self, text: str) -> None:
        self.busy(False)
        self.error.setText(text)
        self.pin.clear()
        self.pin.setFocus()

    def _name_done(self) -> None:
        if self.name.text().strip():
            self.pin.setFocus()

    def submit(self) -> None:
        name, pin = self.name.text().strip(), self.pin.text()
        if not name:
            self.error.setText(self.tr("Saisissez votre nom."))
            self.name.setFocus()
            return
        if not pin:
            self.error.setText(self.tr("Saisissez votre code."))
            self.pin.setFocus()
            return
        self.busy(True)
        self.error.clear()
        self.submitted.emit(name, pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.locked:
            self.hide()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        host = self.parentWidget()
        if event.type() == QEvent.Type.Resize and host is not None and watched is host:
            self.setGeometry(host.rect())
        return False
