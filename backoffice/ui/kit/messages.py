"""Non-modal, translated messages (never a modal box in a loop). Errors carry the CinetPay
code for support.

In the main window the bar floats over the bottom of the tabs (``float_over``): a message
appearing or going never moves a widget under the pointer. A message says the current
state or goes: one shown while CinetPay was unreachable (or about an unreachable CinetPay)
goes when the network comes back (``network_changed``), and an error's words are chosen
from the error in the current language (``set_lang``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QGraphicsDropShadowEffect, QHBoxLayout, QLabel, QPushButton, QWidget

from ...api.errors import CinetPayError, ValidationError
from ...logs import redact
from ...services.connectivity import NetState, state_after

_STYLES = {
    "error": "background:#fdecea; color:#611a15; border:1px solid #f5c2c0;",
    "warning": "background:#fff4e5; color:#663c00; border:1px solid #ffd8a8;",
    "info": "background:#e8f4fd; color:#0d3c61; border:1px solid #b6dcfb;",
    "success": "background:#edf7ed; color:#1e4620; border:1px solid #b7dfb9;",
}
FLOAT_MAX_WIDTH = 820  # a floating message never spans a wide window
FLOAT_MARGIN = 12


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


def about_network(exc: BaseException) -> bool:
    """An error that describes the network's state (unreachable, no answer, credentials)."""
    return isinstance(exc, CinetPayError) and state_after(exc) not in (None, NetState.ONLINE)


class MessageBar(QWidget):
    """One message at a time; info/success fade after a few seconds, errors stay until
    closed, replaced, or (about the network) the network is back. The same message is never
    stacked twice."""

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
        self.until_online = False  # the message goes when CinetPay answers again
        self._words: Callable[[str], str] | None = None  # re-words an error (set_lang)
        self._host: QWidget | None = None
        self.net_state: Callable[[], str] | None = None  # the current network state
        self.hide()

    # --- placement -------------------------------------------------------------------------

    def float_over(self, host: QWidget) -> None:
        """Float over the bottom of ``host`` (outside its layout): nothing moves when a
        message appears or goes."""
        if self._host is not None:
            self._host.removeEventFilter(self)
        self._host = host
        self.setParent(host)
        host.installEventFilter(self)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(16)
        shadow.setOffset(0, 2)
        self.setGraphicsEffect(shadow)
        self.hide()

    def detach(self, owner: QWidget) -> None:
        """Leave the host (a session ends); ``owner`` keeps the widget alive."""
        if self._host is not None:
            self._host.removeEventFilter(self)
            self._host = None
        self.hide()
        self.setParent(owner)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Also while the window is not shown yet: a message shown early follows its size.
        if (watched is self._host and not self.isHidden()
                and event.type() in (QEvent.Type.Resize, QEvent.Type.Show)):
            self._place()
        return False

    def _place(self) -> None:
        host = self._host
        if host is None:
            return
        width = max(min(host.width() - 2 * FLOAT_MARGIN, FLOAT_MAX_WIDTH), 200)
        layout = self.layout()
        wanted = layout.heightForWidth(width) if layout is not None \
            and layout.hasHeightForWidth() else self.sizeHint().height()
        height = max(self.minimumSizeHint().height(), wanted)
        self.setGeometry((host.width() - width) // 2,
                         host.height() - height - FLOAT_MARGIN, width, height)
        self.raise_()

    # --- messages --------------------------------------------------------------------------

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 0, *,
                     until_online: bool | None = None) -> None:
        """``until_online`` (default: a warning or error shown while CinetPay is not
        answering) makes the message go when the network is back."""
        self.kind = kind
        self._words = None
        if until_online is None:
            until_online = kind in ("warning", "error") and self._offline_now()
        self.until_online = until_online
        self.label.setText(text)
        self.setStyleSheet(f"#messageBar {{{_STYLES.get(kind, _STYLES['info'])}}}")
        self._place()
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
        self.show_message(human_error(exc, self.lang), kind,
                          until_online=about_network(exc) or None)
        self._words = lambda lang: human_error(exc, lang)

    def set_lang(self, lang: str) -> None:
        """The interface language changed: an error shown is re-worded in it."""
        self.lang = lang
        if self._words is not None:
            self.label.setText(self._words(lang))

    def network_changed(self, state: str) -> None:
        """CinetPay answers again: a message about its absence no longer holds."""
        if state == NetState.ONLINE and self.until_online and not self.isHidden():
            self.hide()

    def _offline_now(self) -> bool:
        return self.net_state is not None and self.net_state() != NetState.ONLINE

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
