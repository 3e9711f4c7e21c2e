"""Clôture: choose the shop day (today by default) and, optionally, a cashier; type the cash
counted in the drawer (checked next to the field: nothing is asked on bad input); "Clôturer"
brings CinetPay up to date, reconciles and writes a new closing version (awaited on the qasync
loop, with a progress line). The result shows the key figures (CinetPay takings, cash
expected, the difference, the anomalies), the whole report as it prints (totals, cash,
transfers, every anomaly with what to do) and the versions of that day. "Enregistrer le
PDF…" writes the A4 report (backoffice.reports); "Imprimer…" prints it.

Words are chosen at display time in the current language: Qt ``tr()`` for the screen, the
report's own fr/en tables (reports.closing_words, services.closing_report) for its body."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import ValidationError
from ...output.amounts import parse_amount_text
from ...reports.closing_pdf import closing_html, paint_closing, render_closing_pdf
from ...reports.closing_words import moment_text, signed_money
from ...services.closing_report import ClosingReport
from ..context import UiContext
from ..dashboard.cards import BalanceCard
from ..kit.bridge import print_with_dialog
from ..kit.files import ask_save_path
from ..kit.formatting import money
from ..kit.forms import FieldErrors
from ..kit.tab import Tab

GOOD, BAD, WARN, MUTED = "#1e7b34", "#b3261e", "#8a5300", "#5f6b73"
STYLE = ("#card, #section { background: palette(base); border: 1px solid #dde3e6;"
         " border-radius: 8px; }"
         "#cardTitle, #sectionTitle { color: #4a5a62; font-weight: 600; }"
         "#provisional { background: #fff1d6; color: #5c3b00; border: 1px solid #e0a100;"
         " border-radius: 6px; padding: 8px; font-weight: 600; }")


class ClosingTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: ClosingReport | None = None
        self.versions: list[ClosingReport] = []
        self._build_form()
        self._build_result()
        self._lay_out()
        self.setStyleSheet(STYLE)
        self.show_report(None)

    def title(self) -> str:
        return self.tr("Clôture")

    # --- building -------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.day_edit = QDateEdit(self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setAccessibleName(self.tr("Journée à clôturer"))
        self.day_edit.setDate(_qdate(self._today()))
        self.day_edit.setMaximumDate(_qdate(self._today()))
        self.day_edit.dateChanged.connect(lambda _d: self.reload())
        self.cashier_box = QComboBox(self)
        self.cashier_box.setAccessibleName(self.tr("Caissier"))
        self.cashier_box.addItem(self.tr("Toute la caisse"), None)
        self.counted_edit = QLineEdit(self)
        self.counted_edit.setPlaceholderText(self.tr("non compté"))
        self.counted_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counted_edit.setAccessibleName(self.tr("Espèces comptées dans le tiroir"))
        self.counted_edit.setToolTip(self.tr(
            "Le montant compté dans le tiroir-caisse ; laisser vide pour ne pas compter"))
        self.counted_edit.textEdited.connect(self._check_counted)
        self.counted_edit.returnPressed.connect(self.close_clicked)
        self.errors = FieldErrors(self, self.ctx.lang)
        self.counted_error = self.errors.add("counted_cash", self.counted_edit)
        self.close_button = QPushButton(self.tr("Clôturer"), self)
        self.close_button.setDefault(True)
        self.close_button.setToolTip(self.tr(
            "Met CinetPay à jour, rapproche le journal et enregistre une nouvelle version de "
            "la clôture"))
        self.close_button.clicked.connect(self.close_clicked)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: how long CinetPay takes is not known
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel(self)
        self.progress_text.setStyleSheet(f"color: {MUTED};")

    def _build_result(self) -> None:
        self.provisional = QLabel(self)
        self.provisional.setObjectName("provisional")
        self.provisional.setWordWrap(True)
        self.paid_card = BalanceCard(self.tr("Encaissé via CinetPay"), self)
        self.expected_card = BalanceCard(self.tr("Espèces attendues"), self)
        self.difference_card = BalanceCard(self.tr("Écart de caisse"), self)
        self.anomalies_card = BalanceCard(self.tr("Anomalies"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Rapport de clôture"))
        self.versions_title = QLabel(self.tr("Versions de la journée"), self)
        self.versions_title.setObjectName("sectionTitle")
        self.versions_list = QListWidget(self)
        self.versions_list.setAccessibleName(self.tr("Versions de la journée"))
        self.versions_list.currentRowChanged.connect(self._version_chosen)
        self.pdf_button = QPushButton(self.tr("Enregistrer le PDF…"), self)
        self.pdf_button.clicked.connect(self.save_pdf_clicked)
        self.print_button = QPushButton(self.tr("Imprimer…"), self)
        self.print_button.clicked.connect(self.print_clicked)

    def _lay_out(self) -> None:
        heading = QLabel(self.title(), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        for col, (text, widget) in enumerate(((self.tr("Journée"), self.day_edit),
                                              (self.tr("Caissier"), self.cashier_box),
                                              (self.tr("Espèces comptées"),
                                               self.counted_edit))):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addWidget(label, 0, col)
            form.addWidget(widget, 1, col)
        form.addWidget(self.counted_error, 2, 2)
        form.addWidget(self.close_button, 1, 3)
        form.setColumnStretch(4, 1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress_text)
        busy.addWidget(self.progress, 1)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in (self.paid_card, self.expected_card, self.difference_card,
                     self.anomalies_card):
            cards.addWidget(card, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.versions_title)
        side_layout.addWidget(self.versions_list, 1)
        side_layout.addWidget(self.pdf_button)
        side_layout.addWidget(self.print_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.preview)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        side.setMinimumWidth(250)
        split.setSizes([700, 280])
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addLayout(busy)
        layout.addWidget(line)
        layout.addWidget(self.provisional)
        layout.addLayout(cards)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self._set_busy(False)

    # --- loading ----------------------------------------------------------------------------

    def _today(self) -> date:
        return self.ctx.core.day_summary.today(self.ctx.prefs.shop_timezone)

    @property
    def day(self) -> date:
        d = self.day_edit.date()
        return date(d.year(), d.month(), d.day())

    def reload(self) -> None:
        """The cashiers and the chosen day's versions, from the journal (no network)."""
        self.ctx.bridge.run(self._load(self.day), on_done=self._loaded)

    async def _load(self, day: date) -> tuple[date, list, list[ClosingReport]]:
        core = self.ctx.core
        cashiers = [c for c in await core.cashiers.list() if c.active]
        return day, cashiers, await core.closing.list(day)

    def _loaded(self, result: tuple[date, list, list[ClosingReport]]) -> None:
        day, cashiers, versions = result
        chosen = self.cashier_box.currentData()
        self.cashier_box.clear()
        self.cashier_box.addItem(self.tr("Toute la caisse"), None)
        for c in cashiers:
            self.cashier_box.addItem(c.name, c.cashier_id)
        self.cashier_box.setCurrentIndex(max(0, self.cashier_box.findData(chosen)))
        if day == self.day:
            self._show_versions(versions, versions[0] if versions else None)

    def refresh(self) -> None:
        self.reload()

    # --- closing ------------------------------------------------------------------------------

    def counted_cash(self) -> int | None:
        """The cash typed (None: not counted); ValidationError when it cannot be read."""
        value = parse_amount_text(self.counted_edit.text(), self.ctx.prefs.currency or "XOF",
                                  self.ctx.lang, field="counted_cash")
        return value

    def _check_counted(self, _text: str = "") -> bool:
        try:
            self.counted_cash()
        except ValidationError as err:
            self.errors.show("counted_cash", err.en if self.ctx.lang == "en" else err.fr,
                             focus=False)
            return False
        self.errors.clear("counted_cash")
        return True

    def close_clicked(self) -> None:
        """Checks the field first: a bad amount is refused next to it, nothing is asked."""
        try:
            counted = self.counted_cash()
        except ValidationError as err:
            self.errors.show("counted_cash", err.en if self.ctx.lang == "en" else err.fr)
            return
        self.ctx.messages.hide()
        self._set_busy(True)
        self.ctx.bridge.run(self._close(self.day, self.cashier_box.currentData(), counted),
                            on_done=self._closed, on_error=self._failed,
                            disable=[self.close_button, self.day_edit, self.cashier_box,
                                     self.counted_edit])

    async def _close(self, day: date, cashier: str | None, counted: int | None
                     ) -> tuple[ClosingReport, list[ClosingReport]]:
        core, prefs = self.ctx.core, self.ctx.prefs
        report = await core.closing.close_day(day, cashier, counted,
                                              timezone=prefs.shop_timezone,
                                              shop_name=prefs.shop_name)
        return report, await core.closing.list(day)

    def _closed(self, result: tuple[ClosingReport, list[ClosingReport]]) -> None:
        self._set_busy(False)
        report, versions = result
        self._show_versions(versions, report)
        if report.provisional:
            self.ctx.messages.show_message(self.tr(
                "Clôture provisoire : CinetPay n'a pas pu être joint. Refaites-la une fois en "
                "ligne."), "warning")
        else:
            self.ctx.messages.show_message(self.tr("Journée clôturée (version {v}).").format(
                v=report.version), "success", 5000)

    def _failed(self, exc: BaseException) -> bool:
        self._set_busy(False)
        human = getattr(exc, "human", None)
        if callable(human):  # refused before anything was done (who may close)
            self.ctx.messages.show_message(human(self.ctx.lang), "error")
            return True
        return False  # the presenter words it

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress_text.setVisible(busy)
        self.progress_text.setText(self.tr(
            "Mise à jour avec CinetPay, puis rapprochement du journal…") if busy else "")

    # --- showing ------------------------------------------------------------------------------

    def _show_versions(self, versions: list[ClosingReport],
                       current: ClosingReport | None) -> None:
        self.versions = versions
        self.versions_list.blockSignals(True)
        self.versions_list.clear()
        for v in versions:
            item = QListWidgetItem(self._version_text(v), self.versions_list)
            item.setData(Qt.ItemDataRole.UserRole, v.closing_id)
            if v.provisional:
                item.setForeground(Qt.GlobalColor.darkYellow)
        row = next((i for i, v in enumerate(versions)
                    if current is not None and v.closing_id == current.closing_id), -1)
        self.versions_list.setCurrentRow(row)
        self.versions_list.blockSignals(False)
        if not versions:
            self.versions_list.addItem(self.tr("Pas encore clôturée"))
            self.versions_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.show_report(current)

    def _version_text(self, v: ClosingReport) -> str:
        who = v.name_of(v.cashier_id) if v.cashier_id else self.tr("toute la caisse")
        text = self.tr("v{n} · {when} · {who}").format(
            n=v.version, when=moment_text(v.created_at, v), who=who)
        if v.provisional:
            text += " · " + self.tr("provisoire")
        return text

    def _version_chosen(self, row: int) -> None:
        if 0 <= row < len(self.versions):
            self.show_report(self.versions[row])

    def show_report(self, report: ClosingReport | None) -> None:
        self.report = report
        self.pdf_button.setEnabled(report is not None)
        self.print_button.setEnabled(report is not None)
        if report is None:
            self.provisional.hide()
            for card in (self.paid_card, self.expected_card, self.difference_card,
                         self.anomalies_card):
                card.show_values("—", "", "", stale=False)
            self.summary.setText(self.tr(
                "Choisissez la journée, comptez le tiroir-caisse, puis « Clôturer »."))
            self.preview.clear()
            return
        lang = self.ctx.lang
        self.provisional.setVisible(report.provisional)
        self.provisional.setText(self.tr(
            "CLÔTURE PROVISOIRE : CinetPay n'a pas pu être joint, les paiements ne sont pas "
            "tous confirmés. Refaites la clôture une fois en ligne."))
        self._show_cards(report)
        self.summary.setText(self.tr("Version {v} du {when} · {n} lien(s) vérifié(s) avec "
                                     "CinetPay").format(v=report.version,
                                                        when=moment_text(report.created_at,
                                                                         report),
                                                        n=report.sync.links_checked))
        self.preview.setHtml(closing_html(report, lang, shop_name=self.ctx.prefs.shop_name,
                                          shop_address=self.ctx.prefs.shop_address))

    def _show_cards(self, report: ClosingReport) -> None:
        lang, cash = self.ctx.lang, report.cash
        paid = report.totals.by_currency
        self.paid_card.show_values(
            "\n".join(money(t.amount, t.currency, lang) for t in paid)
            or money(0, cash.currency, lang),
            self.tr("%n paiement(s)", "", sum(t.count for t in paid)), "", stale=False)
        self.expected_card.show_values(
            money(cash.expected, cash.currency, lang),
            self.tr("%n vente(s) en espèces", "", cash.sales_count), "", stale=False)
        if cash.difference is None:
            self.difference_card.show_values(self.tr("non compté"), self.tr(
                "Saisissez les espèces comptées puis clôturez à nouveau"), "", stale=False)
            colour = MUTED
        else:
            detail = (self.tr("Caisse juste") if cash.difference == 0 else
                      self.tr("Manquant") if cash.difference < 0 else self.tr("En trop"))
            counted = self.tr("Compté : {amount}").format(
                amount=money(cash.counted or 0, cash.currency, lang))
            self.difference_card.show_values(
                signed_money(cash.difference, cash.currency, lang), f"{detail}\n{counted}",
                "", stale=False)
            colour = GOOD if cash.difference == 0 else BAD
        self.difference_card.amount.setStyleSheet(f"color: {colour};")
        count, outside = len(report.anomalies), len(report.not_in_journal)
        self.anomalies_card.show_values(
            str(count),
            (self.tr("%n paiement(s) hors caisse", "", outside) if outside else
             self.tr("Le journal et CinetPay sont d'accord") if count == 0 else
             self.tr("Voir « À faire » dans le rapport")), "", stale=False)
        self.anomalies_card.amount.setStyleSheet(f"color: {GOOD if count == 0 else WARN};")

    # --- PDF and printing ---------------------------------------------------------------------

    def save_pdf_clicked(self) -> None:
        if self.report is not None:
            self.ctx.bridge.run(self.save_pdf(), disable=[self.pdf_button])

    async def save_pdf(self, path: Path | None = None) -> Path | None:
        report = self.report
        if report is None:
            return None
        if path is None:
            suggested = str(self.ctx.data_dir.parent / self.tr("cloture-{day}-v{v}.pdf").format(
                day=report.shop_day.isoformat(), v=report.version))
            path = await ask_save_path(self, self.tr("Enregistrer le rapport de clôture"),
                                       [self.tr("PDF (*.pdf)")], suggested)
            if path is None:
                return None
        prefs = self.ctx.prefs
        try:
            saved = await asyncio.to_thread(
                render_closing_pdf, report, path, self.ctx.lang, shop_name=prefs.shop_name,
                shop_address=prefs.shop_address)
        except OSError as exc:
            self.ctx.messages.show_message(self.tr("Le PDF n'a pas pu être enregistré : "
                                                   "{error}").format(error=exc), "error")
            return None
        self.ctx.messages.show_message(self.tr("Rapport enregistré : {path}").format(
            path=saved), "success", 5000)
        return saved

    def print_clicked(self) -> None:
        if self.report is not None:
            self.ctx.bridge.run(self.print_report(), disable=[self.print_button])

    async def print_report(self) -> bool:
        """The system's print dialog, awaited (never exec()), then the report."""
        if self.report is None:
            return False
        return await print_with_dialog(self, self.tr("Imprimer le rapport de clôture"),
                                       self.print_to)

    def print_to(self, printer: QPrinter) -> bool:
        report = self.report
        if report is None:
            return False
        prefs = self.ctx.prefs
        done = paint_closing(report, printer, self.ctx.lang, shop_name=prefs.shop_name,
                             shop_address=prefs.shop_address)
        if not done:
            self.ctx.messages.show_message(self.tr("L'impression n'a pas pu démarrer."),
                                           "error")
        return done


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
