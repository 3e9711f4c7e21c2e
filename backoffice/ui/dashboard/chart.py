"""Small charts drawn with QPainter (no QtCharts: platform-notes §9): daily amounts as bars,
and horizontal bars for a breakdown. Testable with ``widget.grab()``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..kit.formatting import locale_for
from ..theme import DARK_TEXT, is_dark

ACCENT = QColor("#1f7a5c")
ACCENT_TODAY = QColor("#f0a800")
GRID = QColor("#e3e6e8")
AXIS_TEXT = "#5f6b73"
EMPTY_TEXT = "#8a949b"
VALUE_TEXT = "#263238"


def text_colour(light: str) -> QColor:
    """A text colour chosen for a light background, readable in dark mode too (painted
    colours are not rewritten by the theme's stylesheet pass)."""
    return QColor(DARK_TEXT.get(light, light) if is_dark() else light)


def compact_amount(value: Decimal | int, lang: str = "fr") -> str:
    """Axis labels: 0, 500, 12 k, 1,5 M (French) / 1.5 M (English)."""
    v = Decimal(value)
    point = "," if lang == "fr" else "."
    for threshold, suffix in ((Decimal(1_000_000), "M"), (Decimal(1_000), "k")):
        if abs(v) >= threshold:
            scaled = v / threshold
            text = f"{scaled:.1f}".rstrip("0").rstrip(".") if scaled < 10 else f"{scaled:.0f}"
            return f"{text.replace('.', point)}\u202f{suffix}"
    return f"{v:.0f}"


def nice_ceiling(value: Decimal) -> Decimal:
    """The top of the value axis: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= magnitude * step:
            return magnitude * step
    return magnitude * 10  # pragma: no cover


class DailyChart(QWidget):
    """Bars: amount collected per day (the last N days), today highlighted, hover for the
    exact figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[tuple[date, Decimal]] = []
        self.format_money: Callable[[Decimal], str] = lambda v: f"{v}"
        self.lang = "fr"
        self.empty_text = ""
        self.today: date | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._bars: list[QRectF] = []

    def sizeHint(self) -> QSize:
        return QSize(560, 220)

    def set_data(self, days: Sequence[tuple[date, Decimal]], *, today: date,
                 format_money: Callable[[Decimal], str], lang: str, empty_text: str) -> None:
        self.days = [(d, Decimal(a)) for d, a in days]
        self.today = today
        self.format_money = format_money
        self.lang = lang
        self.empty_text = empty_text
        total = sum((a for _, a in self.days), Decimal(0))
        self.setAccessibleDescription(f"{len(self.days)} j — {format_money(total)}")
        self.update()

    @property
    def maximum(self) -> Decimal:
        return max((a for _, a in self.days), default=Decimal(0))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        rect = QRectF(self.rect()).adjusted(4, 6, -6, -4)
        top = nice_ceiling(self.maximum)
        labels = [compact_amount(top * i / 4, self.lang) for i in range(5)]
        left = max(fm.horizontalAdvance(t) for t in labels) + 10
        bottom = fm.height() + 8
        plot = QRectF(rect.left() + left, rect.top() + fm.height() / 2,
                      rect.width() - left, rect.height() - bottom - fm.height() / 2)
        # grid and value axis
        p.setFont(self.font())
        for i, text in enumerate(labels):
            y = plot.bottom() - plot.height() * i / 4
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text_colour(AXIS_TEXT))
            p.drawText(QRectF(rect.left(), y - fm.height() / 2, left - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        self._bars = []
        if not self.days:
            return
        slot = plot.width() / len(self.days)
        gap = max(1.0, slot * 0.25)
        loc = locale_for(self.lang)
        step = max(1, int((fm.horizontalAdvance("00/00") + 12) // slot) + 1)
        for i, (day, amount) in enumerate(self.days):
            x = plot.left() + i * slot
            h = float(amount / top) * plot.height() if top else 0.0
            bar = QRectF(x + gap / 2, plot.bottom() - h, slot - gap, h)
            self._bars.append(QRectF(x, plot.top(), slot, plot.height()))
            if h > 0:
                p.fillRect(bar, ACCENT_TODAY if day == self.today else ACCENT)
            # date labels every `step` days, counted back from the last one (today)
            if (len(self.days) - 1 - i) % step == 0:
                p.setPen(text_colour(AXIS_TEXT))
                text = loc.toString(_qdate(day), "dd/MM")
                p.drawText(QRectF(x + slot / 2 - 40, plot.bottom() + 4, 80, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        if self.maximum == 0 and self.empty_text:
            p.setPen(text_colour(EMPTY_TEXT))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        for (day, amount), area in zip(self.days, self._bars, strict=False):
            if area.contains(pos):
                text = f"{locale_for(self.lang).toString(_qdate(day), 'dddd d MMMM')}\n" \
                       f"{self.format_money(amount)}"
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
                return
        QToolTip.hideText()


@dataclass(frozen=True)
class BarItem:
    label: str
    value: Decimal  # drives the bar length
    text: str  # shown at the end of the bar
    color: str = "#1f7a5c"


class BarList(QWidget):
    """Horizontal bars, one per line: label · bar · figure."""

    ROW = 26

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[BarItem] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_items(self, items: Sequence[BarItem], empty_text: str = "") -> None:
        self.items = list(items)
        self.empty_text = empty_text
        self.setAccessibleDescription("; ".join(f"{i.label}: {i.text}" for i in self.items))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(1, len(self.items)) * self.ROW + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, max(1, len(self.items)) * self.ROW + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        if not self.items:
            p.setPen(text_colour(EMPTY_TEXT))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_w = min(max(fm.horizontalAdvance(i.label) for i in self.items) + 12,
                      self.width() // 3)
        bold = QFont(self.font())
        bold.setBold(True)
        bfm = QFontMetrics(bold)
        text_w = max(bfm.horizontalAdvance(i.text) for i in self.items) + 12
        bar_w = max(10, self.width() - label_w - text_w - 8)
        top_value = max((i.value for i in self.items), default=Decimal(0))
        for n, item in enumerate(self.items):
            y = 4 + n * self.ROW
            p.setPen(text_colour(AXIS_TEXT))
            p.setFont(self.font())
            p.drawText(QRectF(0, y, label_w - 8, self.ROW),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(item.label, Qt.TextElideMode.ElideRight, label_w - 8))
            length = float(item.value / top_value) * bar_w if top_value > 0 else 0.0
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#eef1f2"))
            p.drawRoundedRect(QRectF(label_w, y + 6, bar_w, self.ROW - 12), 3, 3)
            if length > 0:
                p.setBrush(QColor(item.color))
                p.drawRoundedRect(QRectF(label_w, y + 6, max(length, 3), self.ROW - 12), 3, 3)
            p.setPen(text_colour(VALUE_TEXT))
            p.setFont(bold)
            p.drawText(QRectF(label_w + bar_w + 8, y, text_w, self.ROW),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, item.text)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
