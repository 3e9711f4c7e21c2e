"""Table model of a CSV import: each line of the file, what our checks said before anything
was sent, then what happened to it (per-line results)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...api.current.methods import method_name
from ...api.validation import COUNTRIES
from ...output.csvfiles import LineResult, Parsed
from .formatting import money

Index = QModelIndex | QPersistentModelIndex
GOOD, BAD, WAIT = QColor("#1e7b34"), QColor("#b3261e"), QColor("#8a5300")


class ImportLinesModel(QAbstractTableModel):
    """``kind`` is "contacts" or "transfers". ``set_result(line, ok, text)`` fills the last
    column after sending (ok None: not final yet, e.g. queued)."""

    def __init__(self, kind: str, parsed: Parsed, lang: str = "fr", currency: str = "XOF",
                 parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.lang = lang
        self.currency = currency
        self.lines: list[LineResult] = list(parsed.lines)
        self.results: dict[int, tuple[bool | None, str]] = {}
        if kind == "contacts":
            self._keys = ["line", "country", "phone", "name", "surname", "email", "check",
                          "result"]
        else:
            self._keys = ["line", "country", "phone", "amount", "check", "result"]
            if any(line.values.get("method") for line in self.lines):  # current platform
                self._keys.insert(3, "method")

    def headers(self) -> list[str]:
        names = {"line": self.tr("Ligne"), "country": self.tr("Pays"),
                 "phone": self.tr("Téléphone"), "name": self.tr("Nom"),
                 "surname": self.tr("Prénom"), "email": self.tr("E-mail"),
                 "amount": self.tr("Montant"), "check": self.tr("Vérification"),
                 "method": self.tr("Moyen de paiement"),
                 "result": self.tr("Résultat")}
        return [names[k] for k in self._keys]

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._keys):
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.lines) \
                or not 0 <= index.column() < len(self._keys):
            return None
        line = self.lines[index.row()]
        key = self._keys[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(line, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "check":
                return QBrush(GOOD if line.ok else BAD)
            if key == "result" and line.line in self.results:
                ok = self.results[line.line][0]
                return QBrush(WAIT if ok is None else GOOD if ok else BAD)
            if key == "result" and not line.ok:
                return QBrush(BAD)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("line", "amount"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, line: LineResult, key: str) -> str:
        values = line.values
        if key == "line":
            return str(line.line)
        if key == "country":
            prefix = values.get("prefix", "")
            country = COUNTRIES.get(prefix)
            name = (country[1] if self.lang.startswith("fr") else country[2]) if country else ""
            return f"{name} (+{prefix})" if name else prefix
        if key == "amount":
            raw = values.get("amount", "")
            return money(int(raw), self.currency, self.lang) if line.ok and raw.isdigit() \
                else raw
        if key == "method":
            code = values.get("method", "")
            return method_name(code, self.lang) if code else ""
        if key == "check":
            return self.tr("OK") if line.ok else line.error(self.lang)
        if key == "result":
            if line.line in self.results:
                return self.results[line.line][1]
            return "" if line.ok else self.tr("Non envoyée")
        return values.get(key, "")

    # --- results ------------------------------------------------------------------------

    def set_result(self, line: int, ok: bool | None, text: str) -> None:
        self.results[line] = (ok, text)
        for row, item in enumerate(self.lines):
            if item.line == line:
                column = self._keys.index("result")
                index = self.index(row, column)
                self.dataChanged.emit(index, index)
                return

    def set_lines(self, parsed: Parsed) -> None:
        """The same file's lines checked again (e.g. a missing contact was added)."""
        self.beginResetModel()
        self.lines = list(parsed.lines)
        self.endResetModel()

    def good_lines(self) -> list[LineResult]:
        return [line for line in self.lines if line.ok]
