"""The Historique filter bar: period and dates, status, operator, phone, transaction id and
free text. It says when the rows shown should follow (``changed``; the text fields after a
short pause) and turns itself into a :class:`HistoryQuery`, or a field message."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...api.models import HistoryFilter
from ...services.history import FilterChoices
from ...store.history import HistoryQuery
from ..kit.formatting import locale_for
from ..kit.labels import operator_name, status_name

# Typing searches at once: a keystroke's query interrupts the one it supersedes (the
# database's read()), so no debounce is needed to keep up; 0 still merges queued events.
SEARCH_DELAY_MS = 0
ERROR_BORDER = "border: 1px solid #b3261e;"


class HistoryFilters(QWidget):
    """Two rows of filters; ``refresh`` and ``export`` (the tab's buttons) end the rows."""

    changed = Signal()  # the filters describe other rows: apply them

    def __init__(self, lang: str, *, refresh: QWidget, export: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._applying_period = False
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
        for day in (self.date_from, self.date_to):
            day.setCalendarPopup(True)
            day.setDisplayFormat("dd/MM/yyyy")
            day.setLocale(locale_for(lang))
        self.date_from.setAccessibleName(self.tr("Du"))
        self.date_to.setAccessibleName(self.tr("Au"))
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.operator = QComboBox(self)
        self.operator.setObjectName("operator")
        self.set_choices(FilterChoices())
        self.phone = self._line("phone", self.tr("ex. 0701020304"))
        self.transaction = self._line("transaction", self.tr("identifiant exact"))
        self.search = self._line("search",
                                 self.tr("Rechercher (client, description, n°…)  Ctrl+F"))
        self.search.installEventFilter(self)
        self.clear_button = QPushButton(self.tr("Effacer les filtres"), self)
        self.clear_button.clicked.connect(self.clear)
        self.filter_error = QLabel(self)
        self.filter_error.setObjectName("fieldError")
        self.filter_error.setStyleSheet("color: #b3261e;")
        self.filter_error.hide()
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DELAY_MS)
        self.debounce.timeout.connect(self.changed)
        self._lay_out(refresh, export)
        self._connect()
        self._period_changed()  # "Tout": dates disabled

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    def _labelled(self, row: QHBoxLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        row.addWidget(label)
        row.addWidget(widget)

    def _lay_out(self, refresh: QWidget, export: QWidget) -> None:
        self.phone.setMaximumWidth(170)
        self.transaction.setMaximumWidth(210)
        first = QHBoxLayout()
        first.setSpacing(6)
        self._labelled(first, self.tr("&Période"), self.period)
        self._labelled(first, self.tr("&du"), self.date_from)
        self._labelled(first, self.tr("a&u"), self.date_to)
        first.addSpacing(14)
        self._labelled(first, self.tr("&Statut"), self.status)
        first.addSpacing(14)
        self._labelled(first, self.tr("&Opérateur"), self.operator)
        first.addStretch(1)
        first.addWidget(refresh)
        second = QHBoxLayout()
        second.setSpacing(6)
        self._labelled(second, self.tr("&Téléphone"), self.phone)
        second.addSpacing(14)
        self._labelled(second, self.tr("&N° trans."), self.transaction)
        second.addSpacing(14)
        second.addWidget(self.search, 1)
        second.addWidget(self.clear_button)
        second.addWidget(export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.filter_error)

    def _connect(self) -> None:
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.operator.currentIndexChanged.connect(self.changed)
        for edit in (self.phone, self.transaction, self.search):
            edit.textEdited.connect(lambda _: self.debounce.start())
            edit.returnPressed.connect(self.changed)
            # the clear buttons of the line edits change text without textEdited
            edit.textChanged.connect(lambda text: None if text else self.debounce.start())
        chain: list[QWidget] = [self.period, self.date_from, self.date_to, self.status,
                                self.operator, self.phone, self.transaction, self.search]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.changed.emit()
            return True
        return super().eventFilter(watched, event)

    # --- choices and period ----------------------------------------------------------------

    def set_choices(self, choices: FilterChoices) -> None:
        """The statuses and operators offered (what the cache holds), keeping the current."""
        _fill_combo(self.status, self.tr("Tous les statuts"),
                    [(s, status_name(s)) for s in choices.statuses])
        _fill_combo(self.operator, self.tr("Tous les opérateurs"),
                    [(o, operator_name(o)) for o in choices.operators])

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
            self.changed.emit()

    def _dates_edited(self, *_: object) -> None:
        if self._applying_period:
            return
        if self.period.currentData() != "custom":
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)
            self.date_from.setEnabled(True)
            self.date_to.setEnabled(True)
        self.changed.emit()

    def clear(self) -> None:
        for combo in (self.period, self.status, self.operator):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.phone, self.transaction, self.search):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self._period_changed()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- reading -----------------------------------------------------------------------

    def dates(self) -> tuple[date, date] | None:
        """The period's first and last day, or None for "Tout"."""
        if self.period.currentData() == "all":
            return None
        return _day(self.date_from.date()), _day(self.date_to.date())

    def refresh_filter(self) -> HistoryFilter | None:
        """What F5 asks CinetPay for: the period shown (None: everything)."""
        span = self.dates()
        return None if span is None else HistoryFilter(date_from=span[0], date_to=span[1])

    def query(self, sort_key: str, descending: bool) -> HistoryQuery | None:
        """The query the filters describe, or None (with a field message) if one is bad."""
        digits = self.phone.text().strip().replace(" ", "").lstrip("+")
        span = self.dates()
        problem = ""
        bad: QWidget | None = None
        if digits and not digits.isdigit():
            problem, bad = self.tr("Téléphone : chiffres uniquement (ex. 0701020304)."), \
                self.phone
        if span is not None and span[0] > span[1]:
            problem, bad = self.tr("Période : la date de début est après la date de fin."), \
                self.date_to
        for w in (self.phone, self.date_to):
            w.setStyleSheet(ERROR_BORDER if w is bad else "")
        self.filter_error.setText(problem)
        self.filter_error.setVisible(bool(problem))
        if problem:
            return None
        status = self.status.currentData()
        operator = self.operator.currentData()
        return HistoryQuery(
            date_from=span[0] if span else None, date_to=span[1] if span else None,
            statuses=(status,) if status else (), operators=(operator,) if operator else (),
            phone=digits, transaction_id=self.transaction.text().strip(),
            text=self.search.text().strip(), sort_key=sort_key, descending=descending)


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


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
