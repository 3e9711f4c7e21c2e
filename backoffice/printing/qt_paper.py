"""Documents on paper through Qt (shops without a thermal printer): a PDF (A4 or A5), the
system printer, and a preview image of the thermal ticket (what the printer would print, for
screenshots and for the eye). The same drawing serves all three: the ticket's columns in a
fixed-width font, bold and double size as on the printer, the QR drawn from its modules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from ..output.receipts import (
    COLUMNS,
    Pair,
    PrintDoc,
    Qr,
    Rule,
    Text,
    aligned,
    pair_lines,
    plain,
)
from ..platform.display import needs_offscreen
from .errors import PrinterError, Trouble

_app: QGuiApplication | None = None
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}
_QR_SHARE = {"large": 0.62, "small": 0.34}  # of the paper's width
_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
          "right": Qt.AlignmentFlag.AlignRight}


def ensure_app() -> None:
    """A Qt application for fonts and painting (the command line has none); off screen when
    there is no display. Call it on the main thread. A widgets QApplication, not a bare
    QGuiApplication: a process that later shows a widget (a print dialog, a test session)
    would abort on a QGuiApplication."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if needs_offscreen(os.environ):  # Linux without X11 nor Wayland (platform.display)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    _app = QApplication(sys.argv[:1])


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


class _Ticket:
    """Draws a document top-down in ``width`` pixels with ``columns`` characters a line."""

    def __init__(self, painter: QPainter, left: float, width: float, columns: int) -> None:
        self.p, self.left, self.width, self.columns = painter, left, width, columns
        probe = QFontMetricsF(_font(100))
        self.char_px = width / columns  # one column, in pixels
        self.font_px = 100 * self.char_px / probe.horizontalAdvance("M")
        self.line_px = QFontMetricsF(_font(self.font_px)).lineSpacing() * 1.15

    def draw(self, doc: PrintDoc, top: float, page_bottom: float | None = None,
             new_page: object = None) -> float:
        y = top
        for block in doc.blocks:
            height = self.height(block)
            if page_bottom is not None and y + height > page_bottom and callable(new_page):
                new_page()
                y = top
            self.block(block, y)
            y += height
        return y

    def height(self, block: object) -> float:
        if isinstance(block, Text):
            large = block.size == "large"
            lines = aligned(block.text, block.align, self.columns // (2 if large else 1))
            return len(lines) * self.line_px * (2 if large else 1)
        if isinstance(block, Pair):
            return len(pair_lines(block.label, block.value, self.columns)) * self.line_px
        if isinstance(block, Rule):
            return self.line_px
        if isinstance(block, Qr):
            return self.width * _QR_SHARE[block.size] + self.line_px
        return 0.0

    def block(self, block: object, y: float) -> None:
        if isinstance(block, Text):
            scale = 2 if block.size == "large" else 1
            self.p.setFont(_font(self.font_px * scale, block.bold))
            flag = _ALIGN[block.align]
            for n, line in enumerate(aligned(block.text, "left", self.columns // scale)):
                self._text(line, y + n * self.line_px * scale, scale, flag)
        elif isinstance(block, Pair):
            self.p.setFont(_font(self.font_px, block.bold))
            lines = pair_lines(block.label, block.value, self.columns)
            if len(lines) == 1:  # two runs, so that a PDF's text reads "Label value"
                self._text(plain(block.label), y, 1, Qt.AlignmentFlag.AlignLeft)
                self._text(plain(block.value), y, 1, Qt.AlignmentFlag.AlignRight)
                return
            self._text(lines[0], y, 1, Qt.AlignmentFlag.AlignLeft)
            for n, line in enumerate(lines[1:], start=1):
                self._text(line.strip(), y + n * self.line_px, 1, Qt.AlignmentFlag.AlignRight)
        elif isinstance(block, Rule):
            mid = y + self.line_px / 2
            pen = self.p.pen()
            pen.setStyle(Qt.PenStyle.DashLine)
            self.p.setPen(pen)
            self.p.drawLine(QPointF(self.left, mid), QPointF(self.left + self.width, mid))
            pen.setStyle(Qt.PenStyle.SolidLine)
            self.p.setPen(pen)
        elif isinstance(block, Qr):
            self._qr(block, y)

    def _text(self, text: str, y: float, scale: int, align: Qt.AlignmentFlag) -> None:
        rect = QRectF(self.left, y, self.width, self.line_px * scale)
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)

    def _qr(self, block: Qr, y: float) -> None:
        matrix = segno.make(block.payload, error="m", micro=False).matrix
        side = self.width * _QR_SHARE[block.size]
        module = side / (len(matrix) + 8)  # quiet zone of 4 modules each side
        x0 = self.left + (self.width - side) / 2 + 4 * module
        y0 = y + 4 * module
        black = QColor("black")
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    self.p.fillRect(QRectF(x0 + c * module, y0 + r * module,
                                           module + 0.3, module + 0.3), black)


def preview(doc: PrintDoc, width: int = 80, dots: int | None = None) -> QImage:
    """The ticket as the thermal printer prints it (576 dots at 80 mm, 384 at 58 mm)."""
    ensure_app()
    width = 58 if width == 58 else 80
    paper = dots or (384 if width == 58 else 576)
    margin = 16
    tall = QImage(paper + 2 * margin, 8000, QImage.Format.Format_RGB32)
    tall.fill(QColor("white"))
    painter = QPainter(tall)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    bottom = _Ticket(painter, margin, paper, COLUMNS[width]).draw(doc, margin)
    painter.end()
    return tall.copy(0, 0, tall.width(), int(bottom + 2 * margin))


def write_pdf(doc: PrintDoc, path: Path, page: str = "A5") -> Path:
    """The document as a PDF page (A4 or A5), its text selectable."""
    ensure_app()
    writer = QPdfWriter(str(path))
    writer.setTitle(doc.title)
    writer.setCreator("Comptoir")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES.get(page.upper(), PAGE_SIZES["A5"])),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(writer):
        raise PrinterError(Trouble.FAILED, f"PDF impossible à écrire : {path}",
                           f"Cannot write the PDF: {path}")
    try:
        _paint_pages(doc, painter, writer.pageLayout().paintRectPixels(300).size(),
                     writer.newPage)
    finally:
        painter.end()
    return path


def _paint_pages(doc: PrintDoc, painter: QPainter, size: object, new_page: object) -> None:
    area = QSizeF(size)  # type: ignore[call-overload]
    columns = 48
    width = min(area.width(), area.height() * 0.75)
    left = (area.width() - width) / 2
    _Ticket(painter, left, width, columns).draw(doc, 0.0, area.height(), new_page)


def print_system(doc: PrintDoc, name: str = "", page: str = "A5") -> str:
    """Send the document to the system printer ``name`` (default: the system's default);
    returns the printer's name."""
    ensure_app()
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise PrinterError(Trouble.MISSING,
                           f"Imprimante système introuvable{' : ' + name if name else ''} "
                           "(aucune imprimante par défaut).",
                           f"System printer not found{': ' + name if name else ''} "
                           "(no default printer).")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc.title)
    printer.setPageSize(QPageSize(PAGE_SIZES.get(page.upper(), PAGE_SIZES["A5"])))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError(Trouble.FAILED, f"L'imprimante {info.printerName()} refuse le "
                           "document.", f"The printer {info.printerName()} refuses the "
                           "document.")
    try:
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        _paint_pages(doc, painter, rect.size(), printer.newPage)
    finally:
        painter.end()
    return info.printerName()
