"""Non-modal, translated messages shown in a bar at the top of the window (never a modal box
in a loop). Errors carry the CinetPay code for support."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...api.errors import CinetPayError, ValidationError
from ...logs import redact

_STYLES = {
    "error": "background:#fdecea; color:#611a15; border:1px solid #f5c2c0;",
    "warning": "background:#fff4e5; color:#663c00; border:1px solid #ffd8a8;",
    "info": "background:#e8f4fd; color:#0d3c61; border:1px solid #b6dcfb;",
    "success": "background:#edf7ed; color:#1e4620; border:1px solid #b7dfb9;",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def human_error(exc: BaseException, lang: str) -> str:
    """The user-facing text of any error (never a traceback, never a secret)."""
    human = getattr(exc, "human", None)
    if callable(human):
        try:
            return redact(str(human(lang)))
        except TypeError:
            pass
    return tr("Erreur inattendue : {name}").format(name=type(exc).__name__)


class MessageBar(QWidget):
    """One message at a time; info/success fade after a few seconds, errors stay until
    closed or replaced. The same message is never stacked twice."""

    def __init__(self, parent: QWidget | None = None, lang: str = "fr") -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("messageBar")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("×", self)
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setAccessibleName(tr("Fermer le message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 0) -> None:
        self.kind = kind
        self.label.setText(text)
        self.setStyleSheet(f"#messageBar {{{_STYLES.get(kind, _STYLES['info'])}}}")
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            kind = "warning"
        elif isinstance(exc, CinetPayError) and not exc.may_have_been_processed:
            kind = "error"
        else:
            kind = "warning" if isinstance(exc, CinetPayError) else "error"
        self.show_message(human_error(exc, self.lang), kind)

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
