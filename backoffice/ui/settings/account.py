"""Identifiants CinetPay: the keyring in use and its health, the credentials (masked), tested
against CinetPay before they are saved. Training mode touches no keyring."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...api import Endpoints
from ...composition import SetupError
from ...keyring import (
    CredentialStore,
    KeyringProblem,
    KeyringReport,
    StoredCredentials,
    self_check,
)
from ..context import UiContext
from ..credentials import (
    CheckResult,
    CredentialCheckFailed,
    CredentialsForm,
    country_name,
    current_url_for,
    verify_credentials,
)
from ..kit.formatting import money
from ..kit.messages import human_error
from .page import HINT_STYLE, SettingsPage

WARNING_STYLE = "background:#fff4e5; color:#663c00; border:1px solid #ffd8a8; padding:6px;"
OK_STYLE, FAILED_STYLE = "color: #1e4620;", "color: #b3261e;"


class AccountPage(SettingsPage):
    restart_requested = Signal(str)  # "credentials": saved, the session starts again with them

    def __init__(self, ctx: UiContext, store: CredentialStore | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.store = store
        # Credentials from the environment: the keyring is opened here, when Réglages is
        # first shown, never at start-up (issue 18; set by the main window).
        self.open_store: Callable[[], Awaitable[CredentialStore]] | None = None
        self.setTitle(self.tr("Identifiants CinetPay"))
        self.keyring_label = QLabel(self)
        self.keyring_label.setObjectName("keyring")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring_warning = QLabel(self)
        self.keyring_warning.setObjectName("keyringWarning")
        self.keyring_warning.setWordWrap(True)
        self.keyring_warning.setStyleSheet(WARNING_STYLE)
        self.keyring_warning.hide()
        self.form = CredentialsForm(self, lang=ctx.lang,
                                    country=ctx.core.settings.extra.get("country", ""))
        self.form.submitted.connect(self.save_credentials)
        self.test_button = QPushButton(self.tr("Tester la connexion"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.save_credentials_button = QPushButton(self.tr("Vérifier et enregistrer"), self)
        self.save_credentials_button.clicked.connect(self.save_credentials)
        self.clear_credentials_button = QPushButton(self.tr("Effacer du coffre"), self)
        self.clear_credentials_button.clicked.connect(self.clear_credentials)
        self.credentials_result = QLabel(self)
        self.credentials_result.setObjectName("credentialsResult")
        self.credentials_result.setWordWrap(True)
        layout = self._lay_out()
        if ctx.training:
            self._training_only(layout)

    def _lay_out(self) -> QVBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(self.credentials_result, 1)
        buttons.addWidget(self.clear_credentials_button)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_credentials_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.keyring_warning)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        return layout

    def _training_only(self, layout: QVBoxLayout) -> None:
        note = QLabel(self.tr("Mode formation : les identifiants de démonstration du "
                              "simulateur sont utilisés ; rien n'est lu ni écrit dans le "
                              "coffre."), self)
        note.setWordWrap(True)
        note.setObjectName("trainingNote")
        layout.insertWidget(0, note)
        for w in (self.form, self.test_button, self.save_credentials_button,
                  self.clear_credentials_button):
            w.setEnabled(False)

    def _say(self, text: str, style: str = HINT_STYLE) -> None:
        self.credentials_result.setStyleSheet(style)
        self.credentials_result.setText(text)

    @property
    def _usable_store(self) -> CredentialStore | None:
        """The keyring credentials can be written to (none in training mode)."""
        store = self.store
        return store if not self.ctx.training and store is not None and store.available \
            else None

    # --- the keyring -------------------------------------------------------------------

    def load_credentials(self) -> None:
        """The keyring's name and health (probing it may touch D-Bus: off the GUI thread),
        then the saved credentials, masked."""
        if self.ctx.training:
            self.keyring_label.setText(self.tr("Coffre : non utilisé en mode formation"))
            return
        self.keyring_label.setText(self.tr("Coffre des identifiants : …"))
        self.ctx.bridge.run(self._probe(), on_done=self._keyring_checked)

    async def _probe(self) -> KeyringReport:
        if self.store is None and self.open_store is not None:
            self.store = await self.open_store()
        store = self.store
        return await asyncio.to_thread(self_check, store.backend if store is not None else None)

    def _keyring_checked(self, report: KeyringReport) -> None:
        store = self.store
        name = store.backend_name if store is not None else report.backend_name
        self.keyring_label.setText(self.tr("Coffre des identifiants : {name}").format(name=name))
        if not report.ok or store is None or not store.available:
            self._warn(report.human(self.ctx.lang))
            self.save_credentials_button.setEnabled(False)
            self.clear_credentials_button.setEnabled(False)
            return
        self.keyring_warning.hide()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, KeyringProblem):
                self._warn(exc.human(self.ctx.lang))
                return True
            return False

        self.ctx.bridge.run(store.aload(), on_done=self.form.fill, on_error=failed)

    def _warn(self, text: str) -> None:
        self.keyring_warning.setText(text)
        self.keyring_warning.show()

    # --- checking with CinetPay ----------------------------------------------------------

    def _endpoints(self) -> Endpoints:
        return self.ctx.core.endpoints  # the session's: real CinetPay or the simulator

    def _api_url(self) -> str:
        """Where an sk_ key is checked: the session's current platform, else as at start
        (COMPTOIR_API_URL or the key's host; the simulator's in training)."""
        current = self.ctx.core.context.current
        return current.api_url if current is not None else current_url_for(self._endpoints())

    async def _verify(self, creds: StoredCredentials) -> CheckResult:
        api_url = self._api_url() if creds.kind == "current" else ""
        return await verify_credentials(creds, self._endpoints(), self.ctx.lang, api_url)

    def test_connection(self) -> asyncio.Task[None] | None:
        creds = self.form.read()
        if creds is None:
            return None
        self._say(self.tr("Vérification auprès de CinetPay…"))
        return self.ctx.bridge.run(
            self._verify(creds),
            disable=[self.test_button, self.save_credentials_button],
            on_done=self._show_check_ok, on_error=self._check_failed)

    def _show_check_ok(self, result: CheckResult) -> None:
        if result.status is None:  # an sk_ key: the login is the check
            self._say(self.tr("Connexion réussie (nouvelle plateforme CinetPay, {country}).")
                      .format(country=country_name(result.country, self.ctx.lang)), OK_STYLE)
            return
        text = self.tr("Connexion réussie. Solde du compte : {amount}.").format(
            amount=money(result.status.account.solde, self.ctx.prefs.currency, self.ctx.lang))
        if result.transfers:
            text += " " + self.tr("Mot de passe de transfert accepté.")
        self._say(text, OK_STYLE)

    def _check_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, CredentialCheckFailed):
            self.form.show_failure(exc, self.ctx.lang)
            self._say(human_error(exc.error, self.ctx.lang) if not exc.field else
                      self.tr("Identifiants refusés par CinetPay."), FAILED_STYLE)
            return True
        if isinstance(exc, KeyringProblem | SetupError):
            self._say(exc.human(self.ctx.lang), FAILED_STYLE)
            return True
        return False

    def save_credentials(self) -> asyncio.Task[None] | None:
        store = self._usable_store
        creds = self.form.read() if store is not None else None
        if store is None or creds is None:
            return None
        self._say(self.tr("Vérification auprès de CinetPay…"))

        async def check_and_save() -> CheckResult:
            result = await self._verify(creds)
            await store.asave(creds)
            return result

        def done(result: CheckResult) -> None:
            self._show_check_ok(result)
            self.ctx.messages.show_message(
                self.tr("Identifiants vérifiés et enregistrés dans le coffre."), "success", 5000)
            self.restart_requested.emit("credentials")

        return self.ctx.bridge.run(
            check_and_save(), disable=[self.test_button, self.save_credentials_button],
            on_done=done, on_error=self._check_failed)

    def clear_credentials(self) -> asyncio.Task[None] | None:
        store = self._usable_store
        if store is None:
            return None

        def done(_: object) -> None:
            self.form.fill(None)
            self._say(self.tr("Identifiants effacés du coffre. Au prochain démarrage, "
                              "Comptoir les redemandera."))

        return self.ctx.bridge.run(store.aclear(), disable=[self.clear_credentials_button],
                                   on_done=done, on_error=self._check_failed)
