"""Apparence: the theme (follows the system, light or dark), the till's larger text, and the
sound and flash on PAYÉ / refusal. The theme applies at once; a text size change rebuilds
the screens in it (``restart = "look"``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...preferences import Preferences
from ..context import UiContext
from ..theme import THEMES, apply_look
from .page import HINT_STYLE, SettingsPage


class LookPage(SettingsPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Apparence"))
        self.setObjectName("lookPage")
        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        names = {"system": self.tr("Comme le système"), "light": self.tr("Clair"),
                 "dark": self.tr("Sombre")}
        for code in THEMES:
            self.theme.addItem(names[code], code)
        self.till_text = QCheckBox(self.tr("Grand texte pour la caisse"), self)
        self.till_text.setObjectName("tillText")
        self.sound = QCheckBox(self.tr("Son au paiement reçu et au refus"), self)
        self.sound.setObjectName("sound")
        self.flash = QCheckBox(self.tr("Éclair plein écran au paiement reçu et au refus"),
                               self)
        self.flash.setObjectName("flash")
        self.look_apply = QPushButton(self.tr("Appliquer"), self)
        self.look_apply.setObjectName("lookApply")
        self.look_apply.clicked.connect(self.apply_requested)
        note = QLabel(self.tr("Le thème change aussitôt ; la taille du texte recharge les "
                              "écrans."), self)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Thème"), self.theme)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.look_apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for box in (self.till_text, self.sound, self.flash):
            layout.addWidget(box)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.restart = None

    def load(self, prefs: Preferences) -> None:
        self.theme.setCurrentIndex(max(self.theme.findData(prefs.theme), 0))
        self.till_text.setChecked(prefs.till_text)
        self.sound.setChecked(prefs.sound)
        self.flash.setChecked(prefs.flash)

    def save(self, prefs: Preferences) -> bool:
        chosen = (self.theme.currentData(), self.till_text.isChecked(),
                  self.sound.isChecked(), self.flash.isChecked())
        if chosen == (prefs.theme, prefs.till_text, prefs.sound, prefs.flash):
            self.restart = None
            return False
        self.restart = "look" if chosen[1] != prefs.till_text else None
        prefs.theme, prefs.till_text, prefs.sound, prefs.flash = chosen
        apply_look(prefs)
        return True

    def saved_text(self) -> str:
        return self.tr("Apparence enregistrée.")
