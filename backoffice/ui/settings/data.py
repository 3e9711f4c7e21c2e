"""Données: where the journal, caches and error logs are (read only), and the version."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ... import __version__ as VERSION
from ...platform.open import open_folder
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage


class DataPage(SettingsPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Données"))
        self.data_path = QLineEdit(str(ctx.data_dir), self)
        self.data_path.setObjectName("data_dir")
        self.data_path.setReadOnly(True)
        self.data_path.setCursorPosition(0)
        self.open_data = QPushButton(self.tr("Ouvrir le dossier"), self)
        self.open_data.clicked.connect(self.open_data_dir)
        row = QHBoxLayout()
        row.addWidget(self.data_path, 1)
        row.addWidget(self.open_data)
        explanation = QLabel(self.tr("Journal des opérations, caches et journaux d'erreurs "
                                     "(sous-dossier logs). Les identifiants n'y sont jamais "
                                     "écrits."), self)
        explanation.setWordWrap(True)
        explanation.setStyleSheet(HINT_STYLE)
        version = QLabel(self.tr("Comptoir {version}").format(version=VERSION), self)
        version.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(explanation)
        layout.addWidget(version)

    def open_data_dir(self) -> bool:
        return open_folder(self.ctx.data_dir)
