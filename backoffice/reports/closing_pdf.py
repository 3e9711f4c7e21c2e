"""The closing report a manager signs: A4, drawn by Qt's own QPdfWriter (or a QPrinter for
paper). The body is HTML laid out by a QTextDocument (tables, page breaks); the page footer and
the two signature boxes are painted. Works headless: a QGuiApplication on the offscreen
platform is created when none exists (``comptoir-cli close-day --pdf``).

    render_closing_pdf(report, "cloture.pdf", lang="fr", shop_name=…, shop_address=…)
"""

from __future__ import annotations

import os
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from ..services.closing_report import (
    Anomaly,
    ClosingReport,
    TotalLine,
    action_text,
    kind_text,
    sync_text,
)
from .closing_words import (
    cashier_text,
    day_text,
    moment_text,
    money,
    operator_text,
    outcome_text,
    period_text,
    pick,
    signed_money,
    status_text,
    transfer_text,
)

__all__ = ["closing_html", "paint_closing", "render_closing_pdf"]

Device = QPdfWriter | QPrinter  # a PDF file or paper

FONTS = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"]
BASE_PT = 9.0
MARGIN_MM = 14.0
FOOTER_MM = 10.0  # reserved at the bottom of each page
NOTES_MM = 20.0  # the observations box's height
SIGNATURE_MM = 42.0  # the signature boxes' height
INK, MUTED, RULE = "#1b2a30", "#5f6b73", "#c9d1d5"
HEAD_BG, ZEBRA = "#eef2f3", "#f8fafa"
GOOD, BAD, WARN = "#1e7b34", "#b3261e", "#8a5300"

def ensure_gui_app() -> None:
    """Qt's fonts need an application; the CLI has none: the printing code's, off screen
    without a display."""
    from ..printing.qt_paper import ensure_app

    ensure_app()


def render_closing_pdf(report: ClosingReport, path: str | os.PathLike[str], lang: str = "fr",
                       *, shop_name: str = "", shop_address: str = "") -> Path:
    """Write the report as an A4 PDF at ``path`` (replaced if it exists); returns the path.
    Raises OSError when the file cannot be written."""
    ensure_gui_app()
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"{target.parent}: no such folder")
    writer = QPdfWriter(str(target))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{pick(('Clôture de caisse', 'Till closing'), lang)} "
                    f"{report.shop_day.isoformat()} {report.till}")
    writer.setCreator("Comptoir")
    if not paint_closing(report, writer, lang, shop_name=shop_name, shop_address=shop_address):
        raise OSError(f"{target}: the PDF could not be written")
    return target


def paint_closing(report: ClosingReport, device: Device, lang: str = "fr", *,
                  shop_name: str = "", shop_address: str = "") -> bool:
    """Paint the report on ``device`` (a QPdfWriter or a QPrinter), page after page: the
    body, then the signature boxes (on a new page if the last one has no room), and a footer
    on every page. False when the device cannot be painted on."""
    ensure_gui_app()
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        _paint(painter, report, device, lang, shop_name, shop_address)
    finally:
        painter.end()
    return True


def _paint(p: QPainter, report: ClosingReport, device: Device, lang: str,
           shop_name: str, shop_address: str) -> None:
    dpi = device.resolution()
    page = device.pageLayout().paintRectPixels(dpi)
    mm = dpi / 25.4
    body_h = page.height() - FOOTER_MM * mm
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(report_font())
    doc.setDocumentMargin(0)
    doc.setHtml(closing_html(report, lang, shop_name=shop_name, shop_address=shop_address))
    doc.setPageSize(QSizeF(page.width(), body_h))
    pages = doc.pageCount()
    used = doc.size().height() - (pages - 1) * body_h  # of the last page
    sign_h = (NOTES_MM + 4 + SIGNATURE_MM) * mm
    extra = used + sign_h + 6 * mm > body_h
    total = pages + (1 if extra else 0)
    for n in range(pages):
        if n:
            device.newPage()
        p.save()
        p.translate(0, -n * body_h)
        doc.drawContents(p, QRectF(0, n * body_h, page.width(), body_h))
        p.restore()
        _footer(p, report, lang, n + 1, total, page.width(), page.height(), mm)
    top = 0.0 if extra else used + 6 * mm
    if extra:
        device.newPage()
        _footer(p, report, lang, total, total, page.width(), page.height(), mm)
    _signatures(p, lang, QRectF(0, top, page.width(), sign_h), mm)


def report_font(points: float = BASE_PT, *, bold: bool = False) -> QFont:
    """The report's font, without ligatures: "fi" stays two letters when the PDF's text is
    copied or searched."""
    font = QFont()
    font.setFamilies(FONTS)
    font.setPointSizeF(points)
    font.setBold(bold)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _footer(p: QPainter, report: ClosingReport, lang: str, n: int, total: int,
            width: float, height: float, mm: float) -> None:
    p.setFont(report_font(BASE_PT - 1.5))
    p.setPen(QPen(QColor(RULE), max(1.0, mm * 0.2)))
    y = height - FOOTER_MM * mm + 3 * mm
    p.drawLine(0, int(y), int(width), int(y))
    p.setPen(QColor(MUTED))
    box = QRectF(0, y + mm, width, FOOTER_MM * mm - 4 * mm)
    left = (f"Comptoir · {report.closing_id} · "
            f"{pick(('version', 'version'), lang)} {report.version} · "
            f"{pick(('édité le', 'printed'), lang)} {datetime.now():%d/%m/%Y %H:%M}")
    p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    p.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
               f"{pick(('Page', 'Page'), lang)} {n} / {total}")


def _signatures(p: QPainter, lang: str, area: QRectF, mm: float) -> None:
    """A box for observations, then two boxes: the cashier's and the manager's, each with
    name, date and signature."""
    notes = QRectF(area.left(), area.top(), area.width(), NOTES_MM * mm)
    p.setPen(QPen(QColor(MUTED), max(1.0, mm * 0.25)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(notes, 1.5 * mm, 1.5 * mm)
    p.setFont(report_font(BASE_PT - 1))
    p.drawText(notes.adjusted(3 * mm, 2 * mm, -3 * mm, 0),
               Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
               pick(("Observations (écart de caisse, anomalies traitées…) :",
                     "Remarks (cash difference, anomalies dealt with…):"), lang))
    area = area.adjusted(0, (NOTES_MM + 4) * mm, 0, 0)
    gap = 8 * mm
    width = (area.width() - gap) / 2
    titles = (pick(("Le caissier / la caissière", "Cashier"), lang),
              pick(("Le responsable", "Manager"), lang))
    lines = (pick(("Nom :", "Name:"), lang), pick(("Date :", "Date:"), lang),
             pick(("Signature :", "Signature:"), lang))
    title_font, small = report_font(bold=True), report_font(BASE_PT - 1)
    for i, title in enumerate(titles):
        box = QRectF(area.left() + i * (width + gap), area.top(), width, area.height())
        p.setPen(QPen(QColor(MUTED), max(1.0, mm * 0.25)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(box, 1.5 * mm, 1.5 * mm)
        head = QRectF(box.left(), box.top(), box.width(), 8 * mm)
        p.fillRect(head.adjusted(mm * 0.3, mm * 0.3, -mm * 0.3, 0), QColor(HEAD_BG))
        p.setPen(QColor(INK))
        p.setFont(title_font)
        p.drawText(head.adjusted(3 * mm, 0, 0, 0),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        p.setFont(small)
        y = head.bottom() + 3 * mm
        for text in lines[:2]:
            p.setPen(QColor(MUTED))
            p.drawText(QRectF(box.left() + 3 * mm, y, 25 * mm, 5 * mm),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            p.setPen(QPen(QColor(RULE), max(1.0, mm * 0.2), Qt.PenStyle.DotLine))
            p.drawLine(int(box.left() + 20 * mm), int(y + 4.5 * mm),
                       int(box.right() - 3 * mm), int(y + 4.5 * mm))
            y += 7 * mm
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(box.left() + 3 * mm, y, 25 * mm, 5 * mm),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, lines[2])


# --- the body (HTML for QTextDocument's subset) -----------------------------------------------


def closing_html(report: ClosingReport, lang: str = "fr", *, shop_name: str = "",
                 shop_address: str = "") -> str:
    """The report's body as QTextDocument HTML (signatures and footer are painted)."""
    def w(fr: str, en: str) -> str:
        return pick((fr, en), lang)

    parts = [
        _header(report, lang, shop_name or report.shop_name, shop_address),
        _provisional(report, lang) if report.provisional else "",
        _identity(report, lang),
        _key_figures(report, lang),
        _h(w("Paiements CinetPay de la caisse", "The till's CinetPay payments")),
        _totals(report, lang),
        _h(w("Espèces", "Cash")),
        _cash(report, lang),
        _h(w("Transferts du jour", "Transfers of the day")),
        _transfers(report, lang),
        _h(w("Anomalies", "Anomalies") + f" ({len(report.anomalies)})", "anomalies"),
        _anomalies(report, report.anomalies, lang,
                   w("Aucune anomalie : le journal et CinetPay sont d'accord.",
                     "No anomaly: the journal and CinetPay agree.")),
    ]
    if report.not_in_journal:
        parts += [
            _h(w("Paiements hors caisse", "Payments outside the till")
               + f" ({len(report.not_in_journal)})"),
            _note(w("Payés sur ce compte CinetPay sans passer par cette caisse : listés à part, "
                    "non comptés dans les totaux ci-dessus.",
                    "Paid on this CinetPay account without this till: listed apart, not "
                    "counted in the totals above.")),
            _anomalies(report, report.not_in_journal, lang, ""),
        ]
    if report.reopenings:
        parts += [_h(w("Réouvertures de la journée", "Day reopenings")),
                  _reopenings(report, lang)]
    return (f"<html><body style='color:{INK}; font-size:{BASE_PT}pt;'>"
            + "".join(parts) + "</body></html>")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _h(text: str, anchor: str = "") -> str:
    # QTextDocument drops a paragraph's top margin after a table: a small spacer instead
    name = f"<a name='{anchor}'></a>" if anchor else ""
    return (f"<p style='margin:0; font-size:{BASE_PT - 2}pt;'>{name}&nbsp;</p>"
            f"<p style='margin-top:0; margin-bottom:4pt; font-size:{BASE_PT + 2.5}pt;"
            f" font-weight:bold; color:{INK};'>{_e(text)}</p>")


def _note(text: str) -> str:
    return f"<p style='margin:0 0 3pt 0; color:{MUTED};'>{_e(text)}</p>"


def _header(report: ClosingReport, lang: str, shop_name: str, shop_address: str) -> str:
    name = shop_name.strip() or pick(("Boutique", "Shop"), lang)
    address = "<br/>".join(_e(line) for line in shop_address.strip().splitlines() if line)
    title = pick(("Clôture de caisse", "Till closing report"), lang)
    version = pick(("Version {v}", "Version {v}"), lang).format(v=report.version)
    return (
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='55%' valign='top'><span style='font-size:{BASE_PT + 8}pt;"
        f" font-weight:bold;'>{_e(name)}</span><br/>"
        f"<span style='color:{MUTED};'>{address}</span></td>"
        f"<td width='45%' align='right' valign='top'><span style='font-size:{BASE_PT + 6}pt;"
        f" font-weight:bold;'>{_e(title)}</span><br/>"
        f"<span style='font-size:{BASE_PT + 1}pt;'>{_e(day_text(report, lang))}</span><br/>"
        f"<span style='color:{MUTED};'>{_e(version)} · {_e(report.closing_id)}</span></td>"
        "</tr></table>"
        f"<hr style='color:{RULE};'/>")


def _provisional(report: ClosingReport, lang: str) -> str:
    word = pick(("CLÔTURE PROVISOIRE", "PROVISIONAL CLOSING"), lang)
    return (
        "<table width='100%' cellspacing='0' cellpadding='6' style='margin-top:4pt;"
        " border-collapse:collapse;' border='1'><tr>"
        f"<td style='background-color:#fff1d6; border-color:#e0a100; color:#5c3b00;'>"
        f"<span style='font-size:{BASE_PT + 3}pt; font-weight:bold;'>{_e(word)}</span><br/>"
        f"{_e(sync_text(report.sync.source, lang))}</td></tr></table>")


def _cashiers(report: ClosingReport, lang: str) -> str:
    if report.cashier_id is not None:
        return report.name_of(report.cashier_id)
    names = [cashier_text(report, t.key, t.label, lang) for t in report.totals.by_cashier]
    names = list(dict.fromkeys(names))  # in order, once
    return ", ".join(names) if names else pick(("(aucun)", "(none)"), lang)


def _identity(report: ClosingReport, lang: str) -> str:
    def w(fr: str, en: str) -> str:
        return pick((fr, en), lang)

    closed = moment_text(report.created_at, report)
    if report.closed_by:
        closed += " " + w("par {who}", "by {who}").format(who=report.name_of(report.closed_by))
    checks = w("{n} lien(s) vérifié(s), {w} encore en attente",
               "{n} link(s) checked, {w} still waiting").format(
        n=report.sync.links_checked, w=report.sync.links_still_waiting)
    rows = [
        (w("Caisse", "Till"), report.till),
        (w("Caissier(s)", "Cashier(s)"), _cashiers(report, lang)),
        (w("Période", "Period"), period_text(report, lang)),
        (w("Clôturée le", "Closed on"), closed),
        (w("Rapprochement", "Reconciliation"),
         f"{sync_text(report.sync.source, lang)} ({checks})"),
    ]
    body = "".join(
        f"<tr><td width='22%' style='color:{MUTED};'>{_e(k)}</td>"
        f"<td width='78%'>{_e(v)}</td></tr>" for k, v in rows)
    return (f"<table width='100%' cellspacing='0' cellpadding='2' style='margin-top:6pt;'>"
            f"{body}</table>")


def _key_figures(report: ClosingReport, lang: str) -> str:
    """Four boxes: CinetPay collected, cash expected, cash difference, anomalies."""
    def w(fr: str, en: str) -> str:
        return pick((fr, en), lang)

    cash = report.cash
    paid = [t for t in report.totals.by_currency] or [TotalLine(cash.currency, cash.currency,
                                                                0, 0)]
    paid_text = "<br/>".join(_e(money(t.amount, t.currency, lang)) for t in paid)
    if cash.difference is None:
        diff, colour = w("non compté", "not counted"), MUTED
    else:
        diff = signed_money(cash.difference, cash.currency, lang)
        colour = GOOD if cash.difference == 0 else BAD
    count = len(report.anomalies)
    cells = [
        (w("Encaissé via CinetPay", "Collected via CinetPay"), paid_text, INK),
        (w("Espèces attendues", "Cash expected"),
         _e(money(cash.expected, cash.currency, lang)), INK),
        (w("Écart de caisse", "Cash difference"), _e(diff), colour),
        (w("Anomalies", "Anomalies"), str(count), GOOD if count == 0 else WARN),
    ]
    body = "".join(
        f"<td width='25%' style='background-color:{HEAD_BG}; border-color:{RULE};'>"
        f"<span style='color:{MUTED};'>{_e(title)}</span><br/>"
        f"<span style='font-size:{BASE_PT + 4}pt; font-weight:bold; color:{colour};'>"
        f"{value}</span></td>" for title, value, colour in cells)
    return (f"<table width='100%' cellspacing='0' cellpadding='6' border='1'"
            f" style='margin-top:8pt; border-collapse:collapse; border-color:{RULE};'>"
            f"<tr>{body}</tr></table>")


def _table(headers: list[str], rows: list[list[str]], *, right: set[int],
           widths: list[int] | None = None, empty: str = "") -> str:
    """A ruled table; ``rows`` cells are already escaped HTML."""
    if not rows:
        return _note(empty) if empty else ""

    def cell(tag: str, i: int, text: str, style: str = "") -> str:
        align = " align='right'" if i in right else " align='left'"
        width = f" width='{widths[i]}%'" if widths else ""
        return f"<{tag}{align}{width} style='border-color:{RULE};{style}'>{text}</{tag}>"

    head = "".join(cell("th", i, _e(h), f"background-color:{HEAD_BG};")
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, c, f"background-color:{ZEBRA};" if n % 2 else "")
                         for i, c in enumerate(row)) + "</tr>"
        for n, row in enumerate(rows))
    return (f"<table width='100%' cellspacing='0' cellpadding='3' border='1'"
            f" style='border-collapse:collapse; border-color:{RULE};'>"
            f"<thead><tr>{head}</tr></thead>{body}</table>")


def _lines(lines: tuple[TotalLine, ...], name, lang: str) -> list[list[str]]:
    return [[_e(name(t)), str(t.count), _e(money(t.amount, t.currency, lang))] for t in lines]


def _totals(report: ClosingReport, lang: str) -> str:
    """Four small tables in a 2×2 grid: per status, operator, currency and cashier."""
    def w(fr: str, en: str) -> str:
        return pick((fr, en), lang)

    totals = report.totals
    count, amount = w("Nombre", "Count"), w("Montant", "Amount")
    none = w("Aucun paiement", "No payment")
    tables = [
        (w("Par statut (tous les liens)", "By status (every link)"),
         _lines(totals.by_status, lambda t: outcome_text(t.key, lang), lang)),
        (w("Par opérateur (payés)", "By operator (paid)"),
         _lines(totals.by_operator, lambda t: t.label or operator_text(t.key, lang), lang)),
        (w("Par devise (payés)", "By currency (paid)"),
         _lines(totals.by_currency, lambda t: t.key, lang)),
        (w("Par caissier (payés)", "By cashier (paid)"),
         _lines(totals.by_cashier, lambda t: cashier_text(report, t.key, t.label, lang),
                lang)),
    ]
    cells = [
        f"<p style='margin:0 0 2pt 0; font-weight:bold; color:{MUTED};'>{_e(title)}</p>"
        + _table(["", count, amount], rows, right={1, 2}, widths=[40, 22, 38], empty=none)
        for title, rows in tables]
    grid = "".join(
        f"<tr><td width='50%' valign='top' style='padding-right:6pt;'>{cells[i]}</td>"
        f"<td width='50%' valign='top' style='padding-left:6pt;'>{cells[i + 1]}</td></tr>"
        for i in (0, 2))
    return f"<table width='100%' cellspacing='0' cellpadding='3'>{grid}</table>"


def _cash(report: ClosingReport, lang: str) -> str:
    def w(fr: str, en: str) -> str:
        return pick((fr, en), lang)

    c = report.cash

    def m(value: int) -> str:
        return _e(money(value, c.currency, lang))

    rows = [
        [_e(w("Fond de caisse ajouté", "Float added")), m(c.float_in)],
        [_e(w("Ventes en espèces ({n})", "Cash sales ({n})").format(n=c.sales_count)),
         m(c.sales)],
        [_e(w("Sorties d'espèces", "Cash paid out")), m(-c.payouts) if c.payouts else m(0)],
        [f"<b>{_e(w('Espèces attendues', 'Cash expected'))}</b>", f"<b>{m(c.expected)}</b>"],
        [_e(w("Espèces comptées", "Cash counted")),
         m(c.counted) if c.counted is not None else _e(w("non compté", "not counted"))],
    ]
    if c.difference is not None:
        colour = GOOD if c.difference == 0 else BAD
        verdict = (w("juste", "balanced") if c.difference == 0 else
                   w("manquant", "missing") if c.difference < 0 else w("en trop", "over"))
        rows.append([f"<b>{_e(w('Écart (compté − attendu)', 'Difference (counted − expected)'))}"
                     f"</b>",
                     f"<b style='color:{colour};'>"
                     f"{_e(signed_money(c.difference, c.currency, lang))}</b>"
                     f" <span style='color:{colour};'>({_e(verdict)})</span>"])
    return _table([w("Tiroir-caisse", "Cash drawer"), w("Montant", "Amount")], rows,
                  right={1}, widths=[60, 40])


def _transfers(report: ClosingReport, lang: str) -> str:
    t = report.transfers
    rows = [[_e(transfer_text(line.key, lang)), str(line.count),
             _e(money(line.amount, line.currency, lang))] for line in t.lines if line.count]
    return _table([pick(("Transferts", "Transfers"), lang), pick(("Nombre", "Count"), lang),
                   pick(("Montant", "Amount"), lang)], rows, right={1, 2},
                  widths=[50, 15, 35],
                  empty=pick(("Aucun transfert ce jour.", "No transfer that day."), lang))


def _side(report: ClosingReport, side, lang: str) -> str:
    if side.status is None and side.amount is None:
        return _e(pick(("rien", "nothing"), lang))
    bits = [status_text(side.status, lang)]
    if side.amount is not None:
        bits.append(money(side.amount, side.currency or "XOF", lang))
    if side.at is not None:
        bits.append(moment_text(side.at, report))
    text = _e(" · ".join(bits))
    if side.detail:
        text += f"<br/><span style='color:{MUTED};'>{_e(side.detail)}</span>"
    return text


def _anomalies(report: ClosingReport, items: tuple[Anomaly, ...], lang: str,
               empty: str) -> str:
    if not items:
        return f"<p style='margin:0; color:{GOOD};'>{_e(empty)}</p>" if empty else ""

    def w(fr: str, en: str) -> str:
        return pick((fr, en), lang)

    head = [w("Anomalie", "Anomaly"), w("Transaction", "Transaction"), w("Montant", "Amount"),
            "CinetPay", w("Journal", "Journal")]
    widths = [15, 28, 14, 21.5, 21.5]
    rows = []
    for n, a in enumerate(items):
        shade = f"background-color:{ZEBRA};" if n % 2 else ""
        who = [x for x in (operator_text(a.operator, lang) if a.operator else "",
                           report.name_of(a.cashier_id)) if x]
        ref = _e(a.transaction_id) + (
            f"<br/><span style='color:{MUTED};'>{_e(' · '.join(who))}</span>" if who else "")
        cells = [f"<b style='color:{WARN};'>{_e(kind_text(a.kind, lang))}</b>", ref,
                 _e(money(a.amount, a.currency, lang)), _side(report, a.cinetpay, lang),
                 _side(report, a.journal, lang)]
        rows.append("<tr>" + "".join(
            f"<td width='{widths[i]}%'{' align=right' if i == 2 else ''} valign='top'"
            f" style='border-color:{RULE};{shade}'>{c}</td>" for i, c in enumerate(cells))
            + "</tr>")
        rows.append(f"<tr><td colspan='5' style='border-color:{RULE};{shade}'>"
                    f"<b>{_e(w('À faire :', 'To do:'))}</b> {_e(action_text(a.action, lang))}"
                    "</td></tr>")
    header = "".join(f"<th width='{widths[i]}%' align='left' style='border-color:{RULE};"
                     f" background-color:{HEAD_BG};'>{_e(h)}</th>" for i, h in enumerate(head))
    return (f"<table width='100%' cellspacing='0' cellpadding='3' border='1'"
            f" style='border-collapse:collapse; border-color:{RULE};'>"
            f"<thead><tr>{header}</tr></thead>{''.join(rows)}</table>")


def _reopenings(report: ClosingReport, lang: str) -> str:
    rows = [[_e(moment_text(r.at, report)), _e(report.name_of(r.by) if r.by else "—"),
             _e(r.reason or "—")] for r in report.reopenings]
    return _table([pick(("Quand", "When"), lang), pick(("Par", "By"), lang),
                   pick(("Motif", "Reason"), lang)], rows, right=set(), widths=[25, 25, 50])
