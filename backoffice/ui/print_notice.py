"""What the printer did, for the cashier: a printed slip or receipt is said briefly in the
message bar; a printer in trouble (off, refusing, stalled, no paper) shows a notice at the
bottom of the window with the reason and "Réimprimer", until it is dismissed or reprinted.
It listens to the receipts service (``PRINTED`` on the bus), whatever screen started it (an
auto-print, the history's "Imprimer le reçu")."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..services.receipts import PRINTED, PrintJob
from .context import UiContext

MARGIN = 12
STYLE = ("#printNotice { background: #fdecea; border: 1px solid #c62828; border-radius: 6px; }"
         " #printNotice QLabel { color: #7f1d1d; }")


class PrintNotice(QFrame):
    def __init__(self, ctx: UiContext, host: QWidget) -> None:
        super().__init__(host)
        self.ctx, self.host = ctx, host
        self.job: PrintJob | None = None
        self.setObjectName("printNotice")
        self.setStyleSheet(STYLE)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reprint_button = QPushButton(self.tr("Réimprimer"), self)
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self.reprint)
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reprint_button)
        layout.addWidget(self.close_button)
        self.hide()
        self._unsubscribe: Callable[[], None] | None = ctx.core.bus.subscribe(
            PRINTED, self.on_printed)
        self.destroyed.connect(lambda *_: self._stop())
        host.installEventFilter(self)

    def _stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def on_printed(self, job: PrintJob) -> None:
        if not shiboken6.isValid(self):
            return
        lang = self.ctx.lang
        if job.ok:
            if self.job is not None and (self.job.kind, self.job.transaction_id) == (
                    job.kind, job.transaction_id):
                self.dismiss()
            if job.kind != "test":  # the Réglages page says its own
                self.ctx.messages.show_message(job.text(lang), "success", 5000)
            return
        if job.kind == "test":
            return
        self.job = job
        self.label.setText(self.tr("Impression impossible : {reason}").format(
            reason=job.text(lang)))
        self._place()
        self.show()
        self.raise_()

    def reprint(self) -> None:
        job, self.job = self.job, None
        self.hide()
        if job is not None:
            self.ctx.bridge.run(self.ctx.core.receipts.reprint(job))

    def dismiss(self) -> None:
        self.job = None
        self.hide()

    def _place(self) -> None:
        width = min(self.host.width() - 2 * MARGIN, 640)
        height = max(self.minimumSizeHint().height(), self.sizeHint().height())
        bottom = self.host.height() - MARGIN
        status = getattr(self.host, "statusBar", None)
        if callable(status) and status() is not None and status().isVisible():
            bottom -= status().height()
        self.setGeometry(self.host.width() - width - MARGIN, bottom - height - 48, width,
                         height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)


def attach(host: QWidget, ctx: UiContext) -> PrintNotice:
    """The main window's printing notice (one per window)."""
    return PrintNotice(ctx, host)
