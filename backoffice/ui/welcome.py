"""First run, no credentials: connect a CinetPay account (checked against CinetPay, then
saved in the OS keyring) or try training mode."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..api import Endpoints
from ..composition import SetupError
from ..keyring import CredentialStore, KeyringProblem, StoredCredentials
from ..resources import resource_path
from .credentials import (
    CredentialCheckFailed,
    CredentialsForm,
    current_url_for,
    verify_credentials,
)
from .kit.bridge import AsyncBridge
from .kit.messages import human_error


class WelcomePage(QWidget):
    connected = Signal(object, bool)  # StoredCredentials, saved in the keyring
    training_requested = Signal()
    current_training_requested = Signal()  # training as a current-platform (sk_) account

    def __init__(self, *, endpoints: Endpoints, store: CredentialStore | None,
                 bridge: AsyncBridge, lang: str = "fr", notice: str = "",
                 client_options: dict | None = None, environ: Mapping[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.endpoints = endpoints
        self.store = store
        self.bridge = bridge
        self.lang = lang
        self.client_options = client_options or {}
        self.environ = os.environ if environ is None else environ
        self.verified: StoredCredentials | None = None

        header = self._header()
        self.notice = QLabel(notice, self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "background:#fff4e5; color:#663c00; border:1px solid #ffd8a8; padding:8px;")
        self.notice.setVisible(bool(notice))
        cards = QHBoxLayout()
        cards.setSpacing(16)
        cards.addWidget(self._connect_card(), 3)
        cards.addWidget(self._training_card(), 2)
        self._arrange(header, cards)
        self.setTabOrder(self.form.show_secrets, self.connect_button)
        self.setTabOrder(self.connect_button, self.training_button)
        self.setTabOrder(self.training_button, self.current_training_button)
        if store is None or not store.available:
            self.result.setText(self.tr("Aucun coffre sécurisé : les identifiants ne pourront "
                                        "pas être enregistrés."))
            self.result.setStyleSheet("color: #663c00;")

    def _header(self) -> QHBoxLayout:
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(resource_path("icons", "comptoir.svg"))).pixmap(64, 64))
        title = QLabel(self.tr("Bienvenue dans Comptoir"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("Le back-office CinetPay de votre caisse : encaisser par QR "
                                  "code, suivre l'historique, envoyer des transferts."), self)
        subtitle.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(subtitle)
        header.addLayout(text, 1)
        return header

    def _connect_card(self) -> QFrame:
        """Connect an account: the credentials form, checked then saved."""
        connect_box = self._card()
        connect_title = QLabel(self.tr("Connecter mon compte CinetPay"), connect_box)
        connect_title.setFont(self._bold(connect_title, 1.2))
        where = QLabel(self.tr("Les identifiants se trouvent dans votre back-office CinetPay "
                               "(menu Intégrations). Ils sont vérifiés auprès de CinetPay, "
                               "puis enregistrés dans le coffre sécurisé du système, jamais "
                               "dans un fichier."), connect_box)
        where.setWordWrap(True)
        where.setStyleSheet("color: #4a5a62;")
        self.form = CredentialsForm(connect_box, lang=lang_of(self.lang))
        self.form.submitted.connect(self.connect_account)
        self.result = QLabel(connect_box)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Vérifier et enregistrer"), connect_box)
        self.connect_button.setObjectName("connect")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.connect_account)
        self.session_button = QPushButton(self.tr("Utiliser pour cette session seulement"),
                                          connect_box)
        self.session_button.setObjectName("sessionOnly")
        self.session_button.clicked.connect(self.use_for_session)
        self.session_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.session_button)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(connect_box)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(connect_title)
        layout.addWidget(where)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        return connect_box

    def _training_card(self) -> QFrame:
        training_box = self._card()
        training_title = QLabel(self.tr("Essayer en mode formation"), training_box)
        training_title.setFont(self._bold(training_title, 1.2))
        explanation = QLabel(self.tr(
            "Un simulateur CinetPay intégré et une boutique de démonstration : des "
            "centaines de ventes, des contacts, des soldes. Rien n'est réellement encaissé "
            "ni envoyé, et rien n'est mélangé avec le vrai journal."), training_box)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #4a5a62;")
        self.training_button = QPushButton(self.tr("Démarrer la formation"), training_box)
        self.training_button.setObjectName("training")
        self.training_button.clicked.connect(self.training_requested)
        self.current_training_button = QPushButton(
            self.tr("Formation (nouvelle plateforme CinetPay)"), training_box)
        self.current_training_button.setObjectName("currentTraining")
        self.current_training_button.setFlat(True)
        self.current_training_button.setToolTip(self.tr(
            "La même formation avec un compte à clé sk_test_ (mot de passe API, un pays)."))
        self.current_training_button.clicked.connect(self.current_training_requested)
        tlayout = QVBoxLayout(training_box)
        tlayout.setContentsMargins(18, 16, 18, 16)
        tlayout.addWidget(training_title)
        tlayout.addWidget(explanation)
        tlayout.addStretch(1)
        tlayout.addWidget(self.training_button, 0, Qt.AlignmentFlag.AlignRight)
        tlayout.addWidget(self.current_training_button, 0, Qt.AlignmentFlag.AlignRight)
        return training_box

    def _arrange(self, header: QHBoxLayout, cards: QHBoxLayout) -> None:
        """A centred column: header, notice, the two cards."""
        column = QWidget(self)
        column.setMaximumWidth(980)
        col = QVBoxLayout(column)
        col.setSpacing(16)
        col.addLayout(header)
        col.addWidget(self.notice)
        col.addLayout(cards)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setStyleSheet("#card { background: palette(base); border: 1px solid #dde3e6;"
                           " border-radius: 10px; }")

    def _card(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("card")
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        return box

    @staticmethod
    def _bold(label: QLabel, scale: float) -> QFont:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        return font

    def focus_first(self) -> None:
        self.form.apikey.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str, kind: str = "info") -> None:
        colors = {"info": "#4a5a62", "error": "#b3261e", "ok": "#1e4620", "warn": "#663c00"}
        self.result.setStyleSheet(f"color: {colors[kind]};")
        self.result.setText(text)

    def connect_account(self) -> asyncio.Task | None:
        """Check with CinetPay, then save in the keyring; ``connected`` on success."""
        creds = self.form.read()
        if creds is None:
            return None
        self.session_button.hide()
        self.verified = None
        self._say(self.tr("Vérification auprès de CinetPay…"))
        store = self.store

        async def check_and_save() -> bool:
            api_url = current_url_for(self.endpoints, self.environ) \
                if creds.kind == "current" else ""
            await verify_credentials(creds, self.endpoints, self.lang, api_url,
                                     **self.client_options)
            self.verified = creds
            if store is None:
                return False
            await store.asave(creds)
            return True

        def done(saved: bool) -> None:
            if saved:
                self._say(self.tr("Compte connecté."), "ok")
                self.connected.emit(creds, True)
            else:
                self._offer_session_only(self.tr("Aucun coffre sécurisé n'est disponible."))

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, CredentialCheckFailed):
                self.form.show_failure(exc, self.lang)
                self._say(human_error(exc.error, self.lang) if not exc.field else
                          self.tr("Identifiants refusés par CinetPay : rien n'a été "
                                  "enregistré."), "error")
                return True
            if isinstance(exc, SetupError):
                self._say(exc.human(self.lang), "error")
                return True
            if isinstance(exc, KeyringProblem) and self.verified is not None:
                self._offer_session_only(exc.human(self.lang))
                return True
            self._say(human_error(exc, self.lang), "error")
            return True

        widgets = [self.connect_button, self.training_button, self.current_training_button,
                   self.form]
        return self.bridge.run(check_and_save(), disable=widgets, on_done=done,
                               on_error=failed)

    def _offer_session_only(self, why: str) -> None:
        self._say(self.tr("CinetPay accepte ces identifiants, mais ils n'ont pas pu être "
                          "enregistrés : {why}").format(why=why), "warn")
        self.session_button.show()
        self.session_button.setFocus()

    def use_for_session(self) -> None:
        if self.verified is not None:
            self.connected.emit(self.verified, False)


def lang_of(lang: str) -> str:
    return "en" if lang.startswith("en") else "fr"
