"""The QR of a payment link on screen and on paper, and how a link's status is told to
people (the cashier's panel and the customer window use the same words and colours).

The QR is drawn from segno's 1-pixel-per-module image, enlarged by a whole factor without
smoothing: sharp black modules on white, with segno's quiet zone (4 modules)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPaintDevice, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..api.codes import Family, lookup
from ..output.qr import qr_png_bytes
from ..services.link_truth import anomaly_text
from ..services.links import NEVER_CREATED
from ..services.outcomes import LinkOutcome, link_outcome
from ..store.links import LinkRow
from .kit.formatting import money, payment_status
from .kit.labels import operator_name

# --- the image -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def qr_base_image(url: str) -> QImage:
    """One pixel per module, quiet zone included (black on white)."""
    image = QImage.fromData(qr_png_bytes(url, scale=1), "PNG")
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

    def paintEvent(self, _event) -> None:
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


# --- what a link's status means for people ---------------------------------------------------

# kind -> (panel background, banner background, banner text)
TONES = {
    "empty": ("#ffffff", "#eef1f5", "#37474f"),
    "sending": ("#ffffff", "#eef1f5", "#37474f"),
    "pending": ("#ffffff", "#eef1f5", "#263238"),
    "paid": ("#e3f4e6", "#1e7b34", "#ffffff"),
    "refused": ("#fdecea", "#b3261e", "#ffffff"),
    "uncertain": ("#fff8ec", "#ffe2b3", "#5c3b00"),
    "failed": ("#fdf1f0", "#f6d0cc", "#611a15"),
    "nourl": ("#fdf1f0", "#f6d0cc", "#611a15"),
    "anomaly": ("#fff4e5", "#e65100", "#ffffff"),  # "Paiement à vérifier": never green
}


@dataclass(frozen=True)
class Presentation:
    kind: str  # empty, sending, pending, paid, refused, uncertain, failed, nourl, anomaly
    title: str
    detail: str = ""
    customer_title: str = ""  # shop-neutral wording for the customer's screen
    customer_detail: str = ""

    @property
    def final(self) -> bool:
        return self.kind in ("paid", "refused", "failed", "nourl", "anomaly")

    @property
    def shows_qr(self) -> bool:
        return self.kind in ("pending", "paid", "refused")


def refusal_reason(row: LinkRow, lang: str) -> str:
    info = lookup(Family.CHECKOUT, row.status_code) if row.status_code else None
    if info is not None and info.code not in ("00", "201"):
        return info.fr if lang.startswith("fr") else info.en
    return row.status_message or QCoreApplication.translate("LinkStatus", "motif non précisé")


def method_label(method: str | None) -> str:
    """The operator's name as the dashboard and the history write it ("" when unknown)."""
    return operator_name(method) if method else ""


class LinkWording(QObject):
    """The words for a link's status; a QObject so that ``self.tr`` gives pyside6-lupdate and
    the runtime the same context ("LinkWording")."""

    def present(self, row: LinkRow | None, lang: str) -> Presentation:
        """Words for what the services decided (services/link_truth.py: link_outcome)."""
        if row is None:
            return Presentation("empty", "")
        wait = self.tr("Merci de patienter")
        outcome = link_outcome(row)
        if outcome is LinkOutcome.PAID:
            parts = [p for p in (method_label(row.payment_method), row.phone or "") if p]
            detail = self.tr("Payé par {who}").format(who=" · ".join(parts)) if parts else ""
            return Presentation("paid", payment_status("ACCEPTED"), detail,
                                self.tr("Paiement reçu"), self.tr("Merci !"))
        if outcome is LinkOutcome.ANOMALY:
            return Presentation("anomaly", self.tr("Paiement à vérifier"),
                                anomaly_text(row, lang),
                                self.tr("Paiement en cours de vérification"), wait)
        if outcome is LinkOutcome.REFUSED:
            reason = refusal_reason(row, lang)
            return Presentation("refused", payment_status("REFUSED"), reason,
                                self.tr("Paiement refusé"), reason)
        if outcome is LinkOutcome.FAILED:
            if row.last_error in NEVER_CREATED.values():
                detail = self.tr("CinetPay ne connaît pas ce lien : il n'a jamais été créé.")
            else:
                detail = row.last_error or ""
            detail = (detail + " " + self.tr("Créez un nouveau lien.")).strip()
            return Presentation("failed", self.tr("Lien non créé"), detail,
                                self.tr("Paiement indisponible"), wait)
        if outcome is LinkOutcome.UNCERTAIN:
            return Presentation(
                "uncertain", self.tr("Réponse perdue : vérification en cours"),
                self.tr("CinetPay n'a pas répondu à temps. Comptoir vérifie si le lien existe ; "
                        "il ne sera pas créé deux fois."),
                self.tr("Un instant…"), wait)
        if outcome is LinkOutcome.SENDING:
            return Presentation("sending", self.tr("Création du lien…"), "",
                                self.tr("Un instant…"), wait)
        if outcome is LinkOutcome.NO_URL:
            return Presentation(
                "nourl", self.tr("Lien inutilisable"),
                self.tr("Lien créé chez CinetPay mais son adresse est perdue : "
                        "créez un nouveau lien pour ce client."),
                self.tr("Paiement indisponible"), wait)
        return Presentation("pending", payment_status("PENDING"),
                            self.tr("En attente du paiement du client"),
                            self.tr("Scannez le code pour payer"),
                            self.tr("avec votre téléphone (mobile money, carte…)"))


_WORDING: list[LinkWording] = []


def present(row: LinkRow | None, lang: str = "fr") -> Presentation:
    if not _WORDING:
        _WORDING.append(LinkWording())
    return _WORDING[0].present(row, lang)


def tone_sheet(kind: str, object_name: str) -> str:
    panel, _, _ = TONES.get(kind, TONES["empty"])
    return f"#{object_name} {{ background: {panel}; border-radius: 8px; }}"


class StatusBanner(QLabel):
    """A large, coloured status line ("En attente", "PAYÉ", "Refusé")."""

    def __init__(self, points: int = 20, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "empty"
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        font = QFont(self.font())
        font.setPointSize(points)
        font.setBold(True)
        self.setFont(font)
        self.setMargin(8)
        self.set_status("empty", "")

    def set_status(self, kind: str, text: str) -> None:
        self.kind = kind
        _, bg, fg = TONES.get(kind, TONES["empty"])
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 6px; }}")
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
