"""The QR of a payment link on screen and on paper, and the coloured status line (the
cashier's panel and the customer window use the same words and colours, from wording.py).

The QR is drawn from segno's 1-pixel-per-module image, enlarged by a whole factor without
smoothing: sharp black modules on white, with segno's quiet zone (4 modules)."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPaintDevice,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ...output.qr import qr_png_bytes
from ...services.outcomes import LinkOutcome
from ..kit.formatting import money
from .wording import tone

# --- the image -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def qr_base_image(url: str) -> QImage:
    """One pixel per module, quiet zone included (black on white)."""
    image = QImage.fromData(qr_png_bytes(url, scale=1))  # PNG, recognised by its header
    if image.isNull():  # pragma: no cover - segno always writes a valid PNG
        raise ValueError("QR image could not be decoded")
    return image.convertToFormat(QImage.Format.Format_RGB32)


def scaled_qr(url: str, scale: int) -> QImage:
    base = qr_base_image(url)
    return base.scaled(base.width() * scale, base.height() * scale,
                       Qt.AspectRatioMode.IgnoreAspectRatio,
                       Qt.TransformationMode.FastTransformation)


class QrWidget(QWidget):
    """Shows the QR of ``url`` at the largest whole scale that fits, never under ``min_px``."""

    def __init__(self, min_px: int = 320, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_px = min_px
        self._url = ""
        self._placeholder = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(QCoreApplication.translate("QrWidget", "QR code du paiement"))

    @property
    def url(self) -> str:
        return self._url

    def set_url(self, url: str | None) -> None:
        self._url = url or ""
        self.updateGeometry()
        self.update()

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    def modules(self) -> int:
        return qr_base_image(self._url).width() if self._url else 0

    def min_scale(self) -> int:
        modules = self.modules()
        return max(1, math.ceil(self._min_px / modules)) if modules else 1

    def scale(self) -> int:
        modules = self.modules()
        if not modules:
            return 0
        fit = min(self.width(), self.height()) // modules
        return max(self.min_scale(), fit)

    def side(self) -> int:
        return self.modules() * self.scale()

    def minimumSizeHint(self) -> QSize:
        side = self.modules() * self.min_scale() if self._url else self._min_px
        return QSize(side, side)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def pixmap(self) -> QPixmap:
        """The QR exactly as drawn now (empty when no link is shown)."""
        if not self._url:
            return QPixmap()
        return QPixmap.fromImage(scaled_qr(self._url, self.scale()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self._url:
            side = min(self.width(), self.height(), self._min_px) - 2
            box = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
            painter.setPen(QPen(QColor("#b0b7bf"), 2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(box, 8, 8)
            if self._placeholder:
                painter.setPen(QColor("#6b7680"))
                painter.drawText(box.adjusted(16, 16, -16, -16),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                 self._placeholder)
            return
        side = self.side()
        target = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        painter.fillRect(target, Qt.GlobalColor.white)
        painter.drawImage(target, qr_base_image(self._url))  # no smoothing: sharp modules


# --- the status line ---------------------------------------------------------------------


class StatusBanner(QLabel):
    """A large, coloured status line ("En attente", "PAYÉ", "Refusé")."""

    def __init__(self, points: int = 20, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome: LinkOutcome | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        font = QFont(self.font())
        font.setPointSize(points)
        font.setBold(True)
        self.setFont(font)
        self.setMargin(8)
        self.set_status(None, "")

    def set_status(self, outcome: LinkOutcome | None, text: str) -> None:
        """``None``: no link (or nothing to say), the neutral tone."""
        self.outcome = outcome
        colours = tone(outcome)
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ background: {colours.banner}; color: {colours.text}; "
                           "border-radius: 6px; }")
        self.setVisible(bool(text))


# --- paper -----------------------------------------------------------------------------------


def render_qr_page(device: QPaintDevice, url: str, amount: int, currency: str, lang: str,
                   lines: list[str], qr_mm: float = 70.0) -> None:
    """Draw one page: the amount, the QR (a bitmap at a whole scale), then ``lines``.
    ``device`` is a QPrinter (paper or PDF) or any paint device."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(QCoreApplication.translate("QrPrint", "Impression impossible"))
    try:
        width, height = device.width(), device.height()
        dpi = max(72, device.logicalDpiY())
        margin = int(dpi * 0.3)
        y = margin

        def text_block(text: str, points: float, bold: bool = False) -> None:
            nonlocal y
            font = QFont()
            font.setPointSizeF(points)
            font.setBold(bold)
            painter.setFont(font)
            box = QRect(margin, y, width - 2 * margin, height - y)
            used = painter.boundingRect(box, Qt.AlignmentFlag.AlignHCenter
                                        | Qt.TextFlag.TextWordWrap, text)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                             text)
            y += used.height() + int(dpi * 0.08)

        painter.setPen(Qt.GlobalColor.black)
        text_block(money(amount, currency, lang), 26, bold=True)
        base = qr_base_image(url)
        wanted = qr_mm / 25.4 * dpi
        scale = max(1, int(min(wanted, width - 2 * margin) // base.width()))
        side = base.width() * scale
        target = QRect((width - side) // 2, y, side, side)
        painter.fillRect(target, Qt.GlobalColor.white)
        painter.drawImage(target, scaled_qr(url, scale))
        y += side + int(dpi * 0.15)
        for line in lines:
            text_block(line, 11)
    finally:
        painter.end()
