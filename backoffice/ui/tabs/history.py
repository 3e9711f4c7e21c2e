"""Historique: every CinetPay transaction from the local cache, filtered and sorted by the
store, totals of what is shown, CSV export of exactly that, and a detail pane with
"copier pour le support"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...api.models import HistoryFilter
from ...services.connectivity import NetState
from ...services.events import HISTORY_CHANGED
from ...store.history import HistoryQuery, HistoryRow, HistoryTotals, history_operators
from ...store.history import history_statuses as store_statuses
from ..context import UiContext
from ..history_model import HistoryModel
from ..kit.events import BusListener
from ..kit.formatting import locale_for, money, time_of
from ..kit.labels import operator_name, status_name
from ..kit.tab import Tab

SEARCH_DELAY_MS = 300
STANDARD_STATUSES = ("ACCEPTED", "REFUSED", "PENDING")

# period presets: (key, days back from today or None)
PERIODS = ("all", "today", "7d", "30d", "month", "custom")


class HistoryTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.totals: HistoryTotals | None = None
        self.current: HistoryRow | None = None
        self._applying_period = False
        self._ready = False  # nothing is queried before the tab is first shown
        self._restore: tuple[str, int] | None = None

        # --- filters -----------------------------------------------------------------
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for key, text in (("all", self.tr("Tout")), ("today", self.tr("Aujourd'hui")),
                          ("7d", self.tr("7 derniers jours")),
                          ("30d", self.tr("30 derniers jours")),
                          ("month", self.tr("Ce mois-ci")),
                          ("custom", self.tr("Personnalisée"))):
            self.period.addItem(text, key)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-29), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setLocale(locale_for(ctx.lang))
            edit.dateChanged.connect(self._dates_edited)
        self.date_from.setAccessibleName(self.tr("Du"))
        self.date_to.setAccessibleName(self.tr("Au"))
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.operator = QComboBox(self)
        self.operator.setObjectName("operator")
        self._fill_combo(self.status, self.tr("Tous les statuts"),
                         [(s, status_name(s)) for s in STANDARD_STATUSES])
        self._fill_combo(self.operator, self.tr("Tous les opérateurs"), [])
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("ex. 0701020304"))
        self.phone.setClearButtonEnabled(True)
        self.transaction = QLineEdit(self)
        self.transaction.setObjectName("transaction")
        self.transaction.setPlaceholderText(self.tr("identifiant exact"))
        self.transaction.setClearButtonEnabled(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Rechercher (client, description, n°…)  Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.clear_button = QPushButton(self.tr("Effacer les filtres"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.filter_error = QLabel(self)
        self.filter_error.setObjectName("fieldError")
        self.filter_error.setStyleSheet("color: #b3261e;")
        self.filter_error.hide()

        self.refresh_button = QPushButton(self.tr("Actualiser (F5)"), self)
        self.refresh_button.setToolTip(self.tr("Demander à CinetPay l'historique de la période"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Exporter en CSV…"), self)
        self.export_button.setToolTip(self.tr("Exporte exactement les lignes affichées, dans "
                                              "cet ordre"))
        self.export_button.clicked.connect(self.choose_export_file)

        def labelled(text: str, widget: QWidget) -> QLabel:
            label = QLabel(text, self)
            label.setBuddy(widget)
            return label

        self.phone.setMaximumWidth(170)
        self.transaction.setMaximumWidth(210)
        first = QHBoxLayout()
        first.setSpacing(6)
        first.addWidget(labelled(self.tr("&Période"), self.period))
        first.addWidget(self.period)
        first.addWidget(labelled(self.tr("&du"), self.date_from))
        first.addWidget(self.date_from)
        first.addWidget(labelled(self.tr("a&u"), self.date_to))
        first.addWidget(self.date_to)
        first.addSpacing(14)
        first.addWidget(labelled(self.tr("&Statut"), self.status))
        first.addWidget(self.status)
        first.addSpacing(14)
        first.addWidget(labelled(self.tr("&Opérateur"), self.operator))
        first.addWidget(self.operator)
        first.addStretch(1)
        first.addWidget(self.refresh_button)
        second = QHBoxLayout()
        second.setSpacing(6)
        second.addWidget(labelled(self.tr("&Téléphone"), self.phone))
        second.addWidget(self.phone)
        second.addSpacing(14)
        second.addWidget(labelled(self.tr("&N° trans."), self.transaction))
        second.addWidget(self.transaction)
        second.addSpacing(14)
        second.addWidget(self.search, 1)
        second.addWidget(self.clear_button)
        second.addWidget(self.export_button)

        # --- table -------------------------------------------------------------------
        self.model = HistoryModel(ctx.core.history, lang=ctx.lang,
                                  runner=lambda coro: ctx.bridge.run(coro), parent=self)
        self.model.failed.connect(ctx.messages.show_error)
        self.model.query_applied.connect(self._query_applied)
        self.model.loading_changed.connect(self._loading_changed)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        for col, width in enumerate((125, 115, 85, 120, 135, 150, 170)):
            hh.resizeSection(col, width)
        hh.setSectionsClickable(True)
        hh.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        hh.setSortIndicatorShown(True)
        hh.sortIndicatorChanged.connect(self.model.sort)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _: self.copy_button.setFocus())
        self.loading_label = QLabel(self.tr("Chargement…"), self)
        self.loading_label.setObjectName("loading")
        self.loading_label.hide()

        # --- detail ------------------------------------------------------------------
        self.detail = QFrame(self)
        self.detail.setObjectName("detail")
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail_title = QLabel(self.tr("Détail"), self.detail)
        self.detail_title.setStyleSheet("font-weight: 600;")
        self.detail_empty = QLabel(self.tr("Sélectionnez une transaction pour voir son "
                                           "détail."), self.detail)
        self.detail_empty.setWordWrap(True)
        self.detail_empty.setStyleSheet("color: #6b7a82;")
        self.detail_form = QFormLayout()
        self.detail_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.detail_values: dict[str, QLabel] = {}
        for key, label in self._detail_labels():
            value = QLabel(self.detail)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            self.detail_values[key] = value
            self.detail_form.addRow(label, value)
        self.copy_button = QPushButton(self.tr("Copier pour le support"), self.detail)
        self.copy_button.setToolTip(self.tr("Copie tous les champs de la transaction "
                                            "(Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy_for_support)
        self.copy_button.setEnabled(False)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_empty)
        detail_layout.addLayout(self.detail_form)
        detail_layout.addStretch(1)
        detail_layout.addWidget(self.copy_button)
        self._show_detail(None)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        table_box = QWidget(splitter)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        splitter.addWidget(table_box)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 320])
        splitter.setCollapsible(0, False)

        # --- totals ------------------------------------------------------------------
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.as_of = QLabel(self)
        self.as_of.setObjectName("asOf")
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        bottom.addWidget(self.loading_label)
        bottom.addWidget(self.as_of)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.filter_error)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        # --- behaviour ---------------------------------------------------------------
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS,
                                timeout=self.apply_filters)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.operator.currentIndexChanged.connect(self.apply_filters)
        for edit in (self.phone, self.transaction, self.search):
            edit.textEdited.connect(lambda _: self._debounce.start())
            edit.returnPressed.connect(self.apply_filters)
        # the clear buttons of the line edits change text without textEdited
        for edit in (self.phone, self.transaction, self.search):
            edit.textChanged.connect(lambda text: None if text else self._debounce.start())
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_for_support)
        self.setTabOrder(self.period, self.date_from)
        self.setTabOrder(self.date_from, self.date_to)
        self.setTabOrder(self.date_to, self.status)
        self.setTabOrder(self.status, self.operator)
        self.setTabOrder(self.operator, self.phone)
        self.setTabOrder(self.phone, self.transaction)
        self.setTabOrder(self.transaction, self.search)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.copy_button)

        self.bus = BusListener(self, ctx.core.bus, debounce_ms={HISTORY_CHANGED: 200})
        self.fetched_at = None
        self.unreadable = 0  # rows of the last fetch that could not be read
        self._period_changed()  # "Tout": dates disabled
        self._show_as_of()
        self._ready = True

    def title(self) -> str:
        return self.tr("Historique")

    def on_history_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def on_connectivity_changed(self, _state: object = None) -> None:
        self._show_as_of()

    def teardown(self) -> None:
        self.bus.close()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.apply_filters()
            return True
        return super().eventFilter(watched, event)

    # --- filters -----------------------------------------------------------------------

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value, text in items:
            combo.addItem(text, value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _period_changed(self, *_: object) -> None:
        key = self.period.currentData()
        self.date_from.setEnabled(key != "all")
        self.date_to.setEnabled(key != "all")
        if key not in ("all", "custom"):
            today = date.today()
            first = {"today": today, "7d": today - timedelta(days=6),
                     "30d": today - timedelta(days=29),
                     "month": today.replace(day=1)}[key]
            self._applying_period = True
            self.date_from.setDate(QDate(first.year, first.month, first.day))
            self.date_to.setDate(QDate(today.year, today.month, today.day))
            self._applying_period = False
        if key != "custom":
            self.apply_filters()

    def _dates_edited(self, *_: object) -> None:
        if self._applying_period:
            return
        if self.period.currentData() != "custom":
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)
            self.date_from.setEnabled(True)
            self.date_to.setEnabled(True)
        self.apply_filters()

    def clear_filters(self) -> None:
        for w in (self.period, self.status, self.operator):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        for edit in (self.phone, self.transaction, self.search):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self._period_changed()

    def build_query(self) -> HistoryQuery | None:
        """The query the filters describe, or None (with a field message) if one is bad."""
        phone = self.phone.text().strip()
        digits = phone.replace(" ", "").lstrip("+")
        problem = ""
        bad: QWidget | None = None
        if digits and not digits.isdigit():
            problem, bad = self.tr("Téléphone : chiffres uniquement (ex. 0701020304)."), \
                self.phone
        date_from = date_to = None
        if self.period.currentData() != "all":
            date_from = self.date_from.date().toPython()
            date_to = self.date_to.date().toPython()
            if date_from > date_to:
                problem, bad = self.tr("Période : la date de début est après la date de fin."), \
                    self.date_to
        for w in (self.phone, self.date_to):
            w.setStyleSheet("border: 1px solid #b3261e;" if w is bad else "")
        if problem:
            self.filter_error.setText(problem)
            self.filter_error.show()
            return None
        self.filter_error.hide()
        status = self.status.currentData()
        operator = self.operator.currentData()
        current = self.model.target
        return HistoryQuery(
            date_from=date_from, date_to=date_to,
            statuses=(status,) if status else (), operators=(operator,) if operator else (),
            phone=digits, transaction_id=self.transaction.text().strip(),
            text=self.search.text().strip(),
            sort_key=current.sort_key, descending=current.descending)

    def apply_filters(self) -> None:
        self._debounce.stop()
        if not self._ready:
            return
        query = self.build_query()
        if query is None:
            return
        if query == self.model.target and self.model.applied:
            return
        self.model.set_query(query)
        self._load_totals(query)

    def _load_totals(self, query: HistoryQuery) -> None:
        def done(totals: HistoryTotals) -> None:
            if query == self.model.target:
                self.totals = totals
                self._show_totals()

        self.ctx.bridge.run(self.ctx.core.history.totals(query), on_done=done)

    def _query_applied(self, total: int) -> None:
        restore, self._restore = self._restore, None
        if restore is not None:  # same filters, fresh data: keep the place and the selection
            tid, scroll = restore
            self.table.verticalScrollBar().setValue(scroll)
            for row in range(min(self.model.total, 200 * 3)):
                found = self.model.row_at(row)
                if found is not None and found.transaction_id == tid:
                    self.table.selectRow(row)
                    self._show_detail(found)
                    return
            if tid:
                self._show_detail(None)
            return
        self.table.scrollToTop()
        self._show_detail(None)
        self.table.selectionModel().clearSelection()

    def _loading_changed(self, on: bool) -> None:
        self.loading_label.setVisible(on)

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """From the cache: the filter lists, the rows, the totals, the "as of" time."""
        self.ctx.bridge.run(self._load_lists(), on_done=self._lists_loaded)
        query = self.build_query()
        if query is None:
            return
        if query == self.model.query and self.model.applied:
            self._restore = (self.current.transaction_id if self.current else "",
                             self.table.verticalScrollBar().value())
        self.model.set_query(query)
        self._load_totals(query)

    async def _load_lists(self) -> tuple[list[str], list[str], object, int]:
        core = self.ctx.core
        operators = await core.db.run(history_operators)
        statuses = await core.db.run(store_statuses)
        fetched = await core.history.fetched_at()
        return operators, statuses, fetched, await core.history.unreadable()

    def _lists_loaded(self, result: tuple[list[str], list[str], object, int]) -> None:
        operators, statuses, fetched, self.unreadable = result
        self.fetched_at = fetched
        all_statuses = list(STANDARD_STATUSES) + [s for s in statuses
                                                  if s and s not in STANDARD_STATUSES]
        self._fill_combo(self.status, self.tr("Tous les statuts"),
                         [(s, status_name(s)) for s in all_statuses])
        self._fill_combo(self.operator, self.tr("Tous les opérateurs"),
                         [(o, operator_name(o)) for o in operators if o])
        self._show_as_of()

    def refresh(self) -> None:
        """F5: ask CinetPay for the period shown (everything when "Tout")."""
        self.ctx.messages.hide()
        flt = None
        if self.period.currentData() != "all":
            flt = HistoryFilter(date_from=self.date_from.date().toPython(),
                                date_to=self.date_to.date().toPython())
        self.ctx.bridge.run(self.ctx.core.history.refresh(flt),
                            disable=[self.refresh_button], on_done=lambda _: self.reload())

    def _show_as_of(self) -> None:
        offline = self.ctx.core.connectivity.state is NetState.OFFLINE
        text = self.tr("Historique {when}").format(when=time_of(self.fetched_at, self.ctx.lang))
        if offline:
            text = self.tr("{text} · hors ligne").format(text=text)
        if self.unreadable:
            text = self.tr("{text} · %n ligne(s) illisible(s)", "", self.unreadable).format(
                text=text)
        self.as_of.setText(text)
        self.as_of.setToolTip(self.tr(
            "Des lignes de la réponse de CinetPay n'ont pas pu être lues : elles sont ignorées "
            "(montant illisible, sans identifiant) ou affichées sans le champ illisible.")
            if self.unreadable else "")
        warn = offline or self.unreadable
        self.as_of.setStyleSheet("color: #b26a00;" if warn else "color: #6b7a82;")

    def _money(self, minor_or_amount) -> str:
        return money(minor_or_amount, self.ctx.prefs.currency or "XOF", self.ctx.lang)

    def _show_totals(self) -> None:
        t = self.totals
        if t is None:
            self.totals_label.setText("")
            return
        parts = [self.tr("%n transaction(s)", "", t.count),
                 self.tr("Payé : {n} pour {amount}").format(
                     n=t.accepted.count, amount=self._money(t.accepted.amount))]
        for status, bucket in sorted(t.by_status.items()):
            if status != "ACCEPTED":
                parts.append(f"{status_name(status)} : {bucket.count}" if self.ctx.lang == "fr"
                             else f"{status_name(status)}: {bucket.count}")
        self.totals_label.setText("  ·  ".join(parts))

    # --- export ------------------------------------------------------------------------

    def default_export_name(self) -> str:
        return self.tr("historique-{stamp}.csv").format(
            stamp=date.today().strftime("%Y%m%d"))

    def choose_export_file(self) -> None:
        """A plain slot: the file dialog is opened non-blocking (no nested loop)."""
        documents = Path.home() / "Documents"
        folder = documents if documents.is_dir() else Path.home()
        dialog = QFileDialog(self, self.tr("Exporter l'historique affiché"),
                             str(folder / self.default_export_name()),
                             self.tr("Fichiers CSV (*.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.export_to)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: str | Path):
        query = self.model.query  # exactly the rows shown, in their order

        def done(count: int) -> None:
            self.ctx.messages.show_message(
                self.tr("%n ligne(s) exportée(s) vers {path}", "", count).format(path=path),
                "success", 8000)

        return self.ctx.bridge.run(self.ctx.core.history.export_csv(query, path),
                                   disable=[self.export_button], on_done=done)

    # --- detail ------------------------------------------------------------------------

    def _detail_labels(self) -> list[tuple[str, str]]:
        return [
            ("transaction_id", self.tr("N° de transaction")), ("paid_at", self.tr("Date")),
            ("amount", self.tr("Montant")), ("status", self.tr("Statut")),
            ("result", self.tr("Code CinetPay")), ("operator", self.tr("Opérateur")),
            ("phone", self.tr("Téléphone")), ("payid", self.tr("PayID")),
            ("designation", self.tr("Description")), ("buyer_name", self.tr("Client")),
            ("custom", self.tr("Référence interne")), ("created_at", self.tr("Créée le")),
            ("updated_at", self.tr("Mise à jour le")),
            ("fetched_at", self.tr("Récupérée le")),
        ]

    def _detail_values(self, row: HistoryRow) -> dict[str, str]:
        loc = locale_for(self.ctx.lang)
        paid = loc.toString(row.paid_at, "dd/MM/yyyy HH:mm:ss") if row.paid_at else \
            self.tr("non payé")
        result = row.result_code or "—"
        if row.error_message:
            result = f"{result} ({row.error_message})"
        return {
            "transaction_id": row.transaction_id,
            "paid_at": paid,
            "amount": f"{money(row.amount, row.currency, self.ctx.lang)} "
                      f"({row.amount.normalize():f} {row.currency})",
            "status": f"{status_name(row.status)} ({row.status})",
            "result": result,
            "operator": f"{operator_name(row.operator)} ({row.operator})" if row.operator
            else "—",
            "phone": f"+{row.phone_prefix} {row.phone}" if row.phone_prefix else
            (row.phone or "—"),
            "payid": row.payid or "—",
            "designation": row.designation or "—",
            "buyer_name": row.buyer_name or "—",
            "custom": row.custom or "—",
            "created_at": row.created_at or "—",
            "updated_at": row.updated_at or "—",
            "fetched_at": loc.toString(_local(row.fetched_at), "dd/MM/yyyy HH:mm")
            if row.fetched_at else "—",
        }

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._show_detail(row)

    def _show_detail(self, row: HistoryRow | None) -> None:
        self.current = row
        empty = row is None
        self.detail_empty.setVisible(empty)
        for i in range(self.detail_form.rowCount()):
            self.detail_form.setRowVisible(i, not empty)
        self.copy_button.setEnabled(not empty)
        if row is None:
            return
        for key, text in self._detail_values(row).items():
            self.detail_values[key].setText(text)

    def support_text(self, row: HistoryRow) -> str:
        values = self._detail_values(row)
        lines = [self.tr("Comptoir — transaction CinetPay")]
        lines += [f"{label} : {values[key]}" if self.ctx.lang == "fr"
                  else f"{label}: {values[key]}" for key, label in self._detail_labels()]
        return "\n".join(lines)

    def copy_for_support(self) -> None:
        if self.current is None:
            return
        QGuiApplication.clipboard().setText(self.support_text(self.current))
        self.ctx.messages.show_message(
            self.tr("Détail de la transaction {id} copié : collez-le dans votre message au "
                    "support.").format(id=self.current.transaction_id), "info", 5000)


def _local(moment: datetime) -> datetime:
    """A stored UTC time as naive local time (QLocale formats naive datetimes as is)."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
