"""Langue: applying another language rebuilds every screen in it (``restart = "lang"``)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...preferences import Preferences
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage

LANGUAGES = (("fr", "Français"), ("en", "English"))


class LanguagePage(SettingsPage):
    restart = "lang"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Langue"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language_apply = QPushButton(self.tr("Appliquer"), self)
        self.language_apply.clicked.connect(self.apply_requested)
        note = QLabel(self.tr("Les écrans sont rechargés aussitôt dans la langue choisie (après "
                              "la fin des opérations en cours)."), self)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.language, 1)
        row.addWidget(self.language_apply)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)

    def load(self, prefs: Preferences) -> None:
        self.language.setCurrentIndex(max(self.language.findData(prefs.lang), 0))

    def save(self, prefs: Preferences) -> bool:
        lang = self.language.currentData()
        if lang == prefs.lang:
            return False
        prefs.lang = lang
        return True

    def saved_text(self) -> str:
        return self.tr("Langue enregistrée.")
