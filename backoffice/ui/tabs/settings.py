"""Réglages: CinetPay credentials (keyring only), what payment links carry (URLs, default
description and currency), language, manager PIN, data directory.

When a manager PIN is set, the tab opens locked and asks for it; it locks again when left.
A language change or new credentials rebuild the session in place (``restart_requested``):
every screen, including the standard Qt buttons, then comes back in the new language.
"""

from __future__ import annotations

import asyncio
import hmac
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import __version__ as VERSION
from ...pin import PinCheck, PinError, PinState
from ...secrets import CredentialStore, KeyringProblem, self_check
from ..context import UiContext
from ..credentials import CredentialCheckFailed, CredentialsForm, verify_credentials
from ..kit.messages import human_error
from ..kit.tab import Tab

CURRENCIES = ("XOF", "XAF", "CDF", "GNF", "USD")
LANGUAGES = (("fr", "Français"), ("en", "English"))
FORBIDDEN_IN_DESCRIPTION = "#/$_&"
PIN_MIN, PIN_MAX = 4, 8
ERROR_SHEET = "QLineEdit { border: 1px solid #b3261e; }"


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #b3261e;")
    label.setWordWrap(True)
    label.hide()
    return label


def _set_error(label: QLabel, text: str, edit: QLineEdit | None = None) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    if edit is not None:
        edit.setStyleSheet(ERROR_SHEET if text else "")


def valid_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url.strip()


class SettingsTab(Tab):
    restart_requested = Signal(str)  # "lang" / "credentials"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 credentials: CredentialStore | None = None) -> None:
        super().__init__(ctx, parent)
        self.store = credentials
        # First paint from the disk marker; the keyring's answer follows (on_shown).
        self.pin_state_now = PinState.SET if ctx.pin.probably_required() else PinState.NONE
        self.unlocked = self.pin_state_now is PinState.NONE
        self._loaded_credentials = False

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_lock_page())
        self.stack.addWidget(self._build_content())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._fill_from_prefs()
        self._update_lock()

    def title(self) -> str:
        return self.tr("Réglages")

    # --- lock ------------------------------------------------------------------------

    def _build_lock_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel(self.tr("Réglages protégés par le code responsable"), page)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.unlock_pin = QLineEdit(page)
        self.unlock_pin.setObjectName("unlock_pin")
        self.unlock_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_pin.setMaxLength(PIN_MAX)
        self.unlock_pin.setPlaceholderText(self.tr("code responsable"))
        self.unlock_pin.setFixedWidth(220)
        self.unlock_pin.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(self.tr("Déverrouiller"), page)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.unlock_error = _error_label(page, "unlock_error")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlock_pin)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        # The manager's way out (PIN forgotten or unreadable): the CinetPay API key in use.
        self.reset_key = QLineEdit(page)
        self.reset_key.setObjectName("reset_key")
        self.reset_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_key.setPlaceholderText(self.tr("clé API CinetPay (gérant)"))
        self.reset_key.setFixedWidth(220)
        self.reset_button = QPushButton(self.tr("Réinitialiser le code"), page)
        self.reset_button.clicked.connect(self.reset_pin)
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(self.reset_key)
        reset_row.addWidget(self.reset_button)
        reset_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(QLabel(self.tr("Saisissez le code pour modifier les réglages."),
                                page), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(row)
        layout.addWidget(self.unlock_error, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(QLabel(self.tr("Code oublié ou illisible ? Le gérant le réinitialise "
                                        "avec la clé API CinetPay."), page),
                         0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(reset_row)
        layout.addStretch(2)
        return page

    def _update_lock(self) -> None:
        locked = self.pin_state_now is not PinState.NONE and not self.unlocked
        self.stack.setCurrentIndex(0 if locked else 1)

    def try_unlock(self) -> asyncio.Task | None:
        pin = self.unlock_pin.text()
        if not pin:
            _set_error(self.unlock_error, self.tr("Saisissez le code."), self.unlock_pin)
            return None

        def done(result: PinCheck) -> None:
            self.unlock_pin.clear()
            if result.ok:
                _set_error(self.unlock_error, "", self.unlock_pin)
                self.unlocked = True
                self._update_lock()
                self.on_unlocked()
            else:
                _set_error(self.unlock_error, self._refusal(result), self.unlock_pin)
                self.unlock_pin.setFocus()

        return self.ctx.bridge.run(asyncio.to_thread(self.ctx.pin.check, pin),
                                   disable=[self.unlock_button, self.unlock_pin], on_done=done)

    def _refusal(self, result: PinCheck) -> str:
        if result.reason == "locked":
            return self.tr("Trop de codes erronés : réessayez dans {seconds} s.").format(
                seconds=result.wait)
        if result.reason == "unreadable":
            return self.tr("Le code ne peut pas être vérifié (coffre du système illisible ou "
                           "code effacé) : le gérant le réinitialise ci-dessous.")
        return self.tr("Code incorrect.")

    def _api_key(self) -> str:
        """The CinetPay API key this session uses (keyring, environment or training)."""
        return self.ctx.core.api.checkout._creds.apikey

    def reset_pin(self) -> asyncio.Task | None:
        typed = self.reset_key.text().strip()
        if not typed or not hmac.compare_digest(typed.encode(), self._api_key().encode()):
            self.reset_key.clear()
            _set_error(self.unlock_error, self.tr("Clé API incorrecte : code inchangé."),
                       self.reset_key)
            return None

        def done(_none: None) -> None:
            self.reset_key.clear()
            _set_error(self.unlock_error, "", self.reset_key)
            self.pin_state_now = PinState.NONE
            self.unlocked = True
            self._show_pin_state()
            self._update_lock()
            self.on_unlocked()
            self.ctx.messages.show_message(self.tr(
                "Code responsable réinitialisé : définissez-en un nouveau."), "warning")

        return self.ctx.bridge.run(asyncio.to_thread(self.ctx.pin.reset),
                                   disable=[self.reset_button, self.reset_key], on_done=done)

    def refresh_pin_state(self) -> asyncio.Task | None:
        """Ask the keyring (off the GUI thread) whether a PIN guards this shop."""
        def done(state: PinState) -> None:
            self.pin_state_now = state
            if state is PinState.NONE:
                self.unlocked = True
            self._show_pin_state()
            self._update_lock()

        return self.ctx.bridge.run(asyncio.to_thread(self.ctx.pin.state), on_done=done)

    def lock(self) -> None:
        if self.pin_state_now is not PinState.NONE:
            self.unlocked = False
            self._update_lock()

    def hideEvent(self, event) -> None:
        # Leaving the tab locks it again (the till may be left unattended).
        if event.spontaneous() is False:
            self.lock()
        super().hideEvent(event)

    def on_shown(self) -> None:
        self.refresh_pin_state()
        self._update_lock()
        if self.stack.currentIndex() == 0:
            self.unlock_pin.setFocus()
        else:
            self.on_unlocked()

    def on_unlocked(self) -> None:
        if not self._loaded_credentials:
            self._loaded_credentials = True
            self.load_credentials()

    # --- content ---------------------------------------------------------------------

    def _build_content(self) -> QWidget:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self._build_credentials())
        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = QVBoxLayout()
        left.addWidget(self._build_links())
        left.addWidget(self._build_language())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_pin())
        right.addWidget(self._build_data())
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _build_credentials(self) -> QGroupBox:
        box = QGroupBox(self.tr("Identifiants CinetPay"), self)
        self.keyring_label = QLabel(box)
        self.keyring_label.setObjectName("keyring")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring_warning = QLabel(box)
        self.keyring_warning.setObjectName("keyringWarning")
        self.keyring_warning.setWordWrap(True)
        self.keyring_warning.setStyleSheet(
            "background:#fff4e5; color:#663c00; border:1px solid #ffd8a8; padding:6px;")
        self.keyring_warning.hide()
        self.form = CredentialsForm(box)
        self.form.submitted.connect(self.save_credentials)
        self.test_button = QPushButton(self.tr("Tester la connexion"), box)
        self.test_button.clicked.connect(self.test_connection)
        self.save_credentials_button = QPushButton(self.tr("Vérifier et enregistrer"), box)
        self.save_credentials_button.clicked.connect(self.save_credentials)
        self.clear_credentials_button = QPushButton(self.tr("Effacer du coffre"), box)
        self.clear_credentials_button.clicked.connect(self.clear_credentials)
        self.credentials_result = QLabel(box)
        self.credentials_result.setObjectName("credentialsResult")
        self.credentials_result.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.credentials_result, 1)
        buttons.addWidget(self.clear_credentials_button)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_credentials_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.keyring_warning)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        if self.ctx.training:
            note = QLabel(self.tr("Mode formation : les identifiants de démonstration du "
                                  "simulateur sont utilisés ; rien n'est lu ni écrit dans le "
                                  "coffre."), box)
            note.setWordWrap(True)
            note.setObjectName("trainingNote")
            layout.insertWidget(0, note)
            for w in (self.form, self.test_button, self.save_credentials_button,
                      self.clear_credentials_button):
                w.setEnabled(False)
        return box

    def _build_links(self) -> QGroupBox:
        box = QGroupBox(self.tr("Liens de paiement"), self)
        self.notify_url = QLineEdit(box)
        self.notify_url.setObjectName("notify_url")
        self.return_url = QLineEdit(box)
        self.return_url.setObjectName("return_url")
        self.description = QLineEdit(box)
        self.description.setObjectName("description")
        self.description.setMaxLength(100)
        self.currency = QComboBox(box)
        self.currency.setObjectName("currency")
        names = {"XOF": self.tr("franc CFA (UEMOA)"), "XAF": self.tr("franc CFA (CEMAC)"),
                 "CDF": self.tr("franc congolais"), "GNF": self.tr("franc guinéen"),
                 "USD": self.tr("dollar US")}
        for code in CURRENCIES:
            self.currency.addItem(f"{code} — {names[code]}", code)
        self.notify_error = _error_label(box, "notify_error")
        self.return_error = _error_label(box, "return_error")
        self.description_error = _error_label(box, "description_error")
        hint = QLabel(self.tr("CinetPay exige ces deux adresses avec chaque lien ; une caisse "
                              "ne reçoit pas les notifications : mettez celles de votre site."),
                      box)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7a82;")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, edit, error in ((self.tr("URL de &notification"), self.notify_url,
                                    self.notify_error),
                                   (self.tr("URL de &retour"), self.return_url,
                                    self.return_error),
                                   (self.tr("&Description par défaut"), self.description,
                                    self.description_error)):
            col = QVBoxLayout()
            col.setSpacing(2)
            col.addWidget(edit)
            col.addWidget(error)
            title = QLabel(label, box)
            title.setBuddy(edit)
            form.addRow(title, col)
            edit.returnPressed.connect(self.save_links)
        currency_label = QLabel(self.tr("De&vise par défaut"), box)
        currency_label.setBuddy(self.currency)
        form.addRow(currency_label, self.currency)
        self.links_cancel = QPushButton(self.tr("Annuler les modifications"), box)
        self.links_cancel.clicked.connect(self._fill_from_prefs)
        self.links_save = QPushButton(self.tr("Enregistrer"), box)
        self.links_save.setObjectName("save_links")
        self.links_save.clicked.connect(self.save_links)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.links_cancel)
        buttons.addWidget(self.links_save)
        layout = QVBoxLayout(box)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        for edit in (self.notify_url, self.return_url, self.description):
            edit.installEventFilter(self)
        return box

    def _build_language(self) -> QGroupBox:
        box = QGroupBox(self.tr("Langue"), self)
        self.language = QComboBox(box)
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language_apply = QPushButton(self.tr("Appliquer"), box)
        self.language_apply.clicked.connect(self.apply_language)
        note = QLabel(self.tr("Les écrans sont rechargés aussitôt dans la langue choisie (après "
                              "la fin des opérations en cours)."), box)
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7a82;")
        row = QHBoxLayout()
        row.addWidget(self.language, 1)
        row.addWidget(self.language_apply)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(note)
        return box

    def _build_pin(self) -> QGroupBox:
        box = QGroupBox(self.tr("Code responsable"), self)
        self.pin_state = QLabel(box)
        self.pin_state.setObjectName("pinState")
        self.pin_current = QLineEdit(box)
        self.pin_current.setObjectName("pin_current")
        self.pin_new = QLineEdit(box)
        self.pin_new.setObjectName("pin_new")
        self.pin_confirm = QLineEdit(box)
        self.pin_confirm.setObjectName("pin_confirm")
        for edit in (self.pin_current, self.pin_new, self.pin_confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(PIN_MAX)
            edit.returnPressed.connect(self.save_pin)
        self.pin_error = _error_label(box, "pin_error")
        self.pin_current_label = QLabel(self.tr("Code &actuel"), box)
        self.pin_current_label.setBuddy(self.pin_current)
        new_label = QLabel(self.tr("No&uveau code"), box)
        new_label.setBuddy(self.pin_new)
        confirm_label = QLabel(self.tr("&Confirmer"), box)
        confirm_label.setBuddy(self.pin_confirm)
        form = QFormLayout()
        form.addRow(self.pin_current_label, self.pin_current)
        form.addRow(new_label, self.pin_new)
        form.addRow(confirm_label, self.pin_confirm)
        self.pin_save = QPushButton(self.tr("Enregistrer le code"), box)
        self.pin_save.clicked.connect(self.save_pin)
        self.pin_remove = QPushButton(self.tr("Supprimer le code"), box)
        self.pin_remove.clicked.connect(self.remove_pin)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pin_remove)
        buttons.addWidget(self.pin_save)
        hint = QLabel(self.tr("{min} à {max} chiffres. Il protège ces réglages et chaque envoi "
                              "d'argent ; il est enregistré haché dans le coffre du système, "
                              "jamais en clair.").format(min=PIN_MIN, max=PIN_MAX), box)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7a82;")
        layout = QVBoxLayout(box)
        layout.addWidget(self.pin_state)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.pin_error)
        layout.addLayout(buttons)
        return box

    def _build_data(self) -> QGroupBox:
        box = QGroupBox(self.tr("Données"), self)
        self.data_path = QLineEdit(str(self.ctx.data_dir), box)
        self.data_path.setObjectName("data_dir")
        self.data_path.setReadOnly(True)
        self.data_path.setCursorPosition(0)
        self.open_data = QPushButton(self.tr("Ouvrir le dossier"), box)
        self.open_data.clicked.connect(self.open_data_dir)
        row = QHBoxLayout()
        row.addWidget(self.data_path, 1)
        row.addWidget(self.open_data)
        explanation = QLabel(self.tr("Journal des opérations, caches et journaux d'erreurs "
                                     "(sous-dossier logs). Les identifiants n'y sont jamais "
                                     "écrits."), box)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #6b7a82;")
        version = QLabel(self.tr("Comptoir {version}").format(version=VERSION), box)
        version.setStyleSheet("color: #6b7a82;")
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(explanation)
        layout.addWidget(version)
        return box

    # --- preferences -----------------------------------------------------------------

    def _fill_from_prefs(self) -> None:
        prefs = self.ctx.prefs
        self.notify_url.setText(prefs.notify_url)
        self.return_url.setText(prefs.return_url)
        self.description.setText(prefs.description)
        index = self.currency.findData(prefs.currency)
        self.currency.setCurrentIndex(max(index, 0))
        self.language.setCurrentIndex(max(self.language.findData(prefs.lang), 0))
        for label, edit in ((self.notify_error, self.notify_url),
                            (self.return_error, self.return_url),
                            (self.description_error, self.description)):
            _set_error(label, "", edit)
        self._show_pin_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc in a link field: back to the saved values.
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape \
                and watched in (self.notify_url, self.return_url, self.description):
            self._fill_from_prefs()
            return True
        return super().eventFilter(watched, event)

    def save_links(self) -> bool:
        notify = self.notify_url.text().strip()
        back = self.return_url.text().strip()
        description = self.description.text().strip()
        ok = True
        bad_url = self.tr("Adresse invalide : elle doit commencer par https:// (ex. "
                          "https://maboutique.ci/cinetpay).")
        for value, label, edit in ((notify, self.notify_error, self.notify_url),
                                   (back, self.return_error, self.return_url)):
            _set_error(label, "" if valid_url(value) else bad_url, edit)
            ok = ok and valid_url(value)
        problem = ""
        if not description:
            problem = self.tr("La description ne peut pas être vide.")
        elif any(c in FORBIDDEN_IN_DESCRIPTION for c in description):
            problem = self.tr("CinetPay refuse les caractères # / $ _ & dans la description.")
        _set_error(self.description_error, problem, self.description)
        ok = ok and not problem
        if not ok:
            return False
        prefs = self.ctx.prefs
        prefs.notify_url, prefs.return_url, prefs.description = notify, back, description
        prefs.currency = self.currency.currentData()
        self._save_prefs(self.tr("Réglages des liens de paiement enregistrés."))
        return True

    def _save_prefs(self, success: str) -> bool:
        try:
            self.ctx.save_prefs()
        except OSError as exc:
            self.ctx.messages.show_message(
                self.tr("Impossible d'enregistrer les réglages : {error}").format(error=exc),
                "error")
            return False
        self.ctx.messages.show_message(success, "success", 4000)
        return True

    def apply_language(self) -> None:
        lang = self.language.currentData()
        if lang == self.ctx.prefs.lang:
            return
        self.ctx.prefs.lang = lang
        if self._save_prefs(self.tr("Langue enregistrée.")):
            self.restart_requested.emit("lang")

    # --- PIN ---------------------------------------------------------------------------

    def _show_pin_state(self) -> None:
        has = self.pin_state_now is not PinState.NONE
        self.pin_state.setText(self.tr("Un code responsable est défini.") if has else
                               self.tr("Aucun code responsable : les réglages sont libres "
                                       "d'accès."))
        self.pin_current.setVisible(has)
        self.pin_current_label.setVisible(has)
        self.pin_remove.setEnabled(has)
        self.pin_save.setText(self.tr("Changer le code") if has else
                              self.tr("Définir le code"))

    def _pin_fields_clear(self) -> None:
        for edit in (self.pin_current, self.pin_new, self.pin_confirm):
            edit.clear()
            edit.setStyleSheet("")

    def save_pin(self) -> asyncio.Task | None:
        new, confirm = self.pin_new.text(), self.pin_confirm.text()
        problem, bad = "", None
        if not (new.isdigit() and PIN_MIN <= len(new) <= PIN_MAX):
            problem, bad = self.tr("Le code doit comporter {min} à {max} chiffres.").format(
                min=PIN_MIN, max=PIN_MAX), self.pin_new
        elif new != confirm:
            problem, bad = self.tr("Les deux saisies du nouveau code diffèrent."), \
                self.pin_confirm
        elif self.pin_state_now is not PinState.NONE and not self.pin_current.text():
            problem, bad = self.tr("Saisissez le code actuel."), self.pin_current
        for edit in (self.pin_current, self.pin_new, self.pin_confirm):
            edit.setStyleSheet(ERROR_SHEET if edit is bad else "")
        _set_error(self.pin_error, problem)
        if problem:
            if bad is not None:
                bad.setFocus()
            return None
        current = self.pin_current.text()
        guard = self.ctx.pin

        def change() -> PinCheck:  # scrypt and the keyring: off the GUI thread
            try:
                guard.set(new, current or None)
            except PinError as exc:
                return PinCheck(False, exc.reason, wait=exc.wait)
            return PinCheck(True)

        def done(result: PinCheck) -> None:
            if not result.ok:
                text = self.tr("Code actuel incorrect.") if result.reason == "wrong" \
                    else self._refusal(result)
                _set_error(self.pin_error, text, self.pin_current)
                self.pin_current.setFocus()
                return
            self.pin_state_now = PinState.SET
            self._pin_fields_clear()
            self._show_pin_state()
            self.unlocked = True
            self.ctx.messages.show_message(self.tr(
                "Code responsable enregistré dans le coffre du système."), "success", 4000)

        return self.ctx.bridge.run(asyncio.to_thread(change), disable=[self.pin_save],
                                   on_done=done)

    def remove_pin(self) -> asyncio.Task | None:
        if self.pin_state_now is PinState.NONE:
            return None
        current = self.pin_current.text()
        if not current:
            _set_error(self.pin_error, self.tr("Saisissez le code actuel pour le supprimer."),
                       self.pin_current)
            self.pin_current.setFocus()
            return None

        guard = self.ctx.pin

        def clear() -> PinCheck:
            try:
                guard.clear(current)
            except PinError as exc:
                return PinCheck(False, exc.reason, wait=exc.wait)
            return PinCheck(True)

        def done(result: PinCheck) -> None:
            if not result.ok:
                text = self.tr("Code actuel incorrect.") if result.reason == "wrong" \
                    else self._refusal(result)
                _set_error(self.pin_error, text, self.pin_current)
                return
            self.pin_state_now = PinState.NONE
            _set_error(self.pin_error, "")
            self._pin_fields_clear()
            self._show_pin_state()
            self.ctx.messages.show_message(self.tr("Code responsable supprimé."), "success",
                                           4000)

        return self.ctx.bridge.run(asyncio.to_thread(clear), disable=[self.pin_remove],
                                   on_done=done)

    # --- credentials -------------------------------------------------------------------

    def load_credentials(self) -> None:
        """The keyring's name and health (probing it may touch D-Bus: off the GUI thread),
        then the saved credentials, masked."""
        if self.ctx.training:
            self.keyring_label.setText(self.tr("Coffre : non utilisé en mode formation"))
            return
        store = self.store
        self.keyring_label.setText(self.tr("Coffre des identifiants : …"))
        self.ctx.bridge.run(
            asyncio.to_thread(self_check, store.backend if store is not None else None),
            on_done=self._keyring_checked)

    def _keyring_checked(self, report) -> None:
        store = self.store
        name = store.backend_name if store is not None else report.backend_name
        self.keyring_label.setText(self.tr("Coffre des identifiants : {name}").format(name=name))
        if not report.ok or store is None or not store.available:
            self.keyring_warning.setText(report.human(self.ctx.lang))
            self.keyring_warning.show()
            self.save_credentials_button.setEnabled(False)
            self.clear_credentials_button.setEnabled(False)
            return
        self.keyring_warning.hide()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, KeyringProblem):
                self.keyring_warning.setText(exc.human(self.ctx.lang))
                self.keyring_warning.show()
                return True
            return False

        self.ctx.bridge.run(store.aload(), on_done=self.form.fill, on_error=failed)

    def _endpoints(self):
        return self.ctx.core.api.endpoints

    def test_connection(self) -> asyncio.Task | None:
        creds = self.form.read()
        if creds is None:
            return None
        self.credentials_result.setStyleSheet("color: #6b7a82;")
        self.credentials_result.setText(self.tr("Vérification auprès de CinetPay…"))

        def done(result) -> None:
            self._show_check_ok(result)

        return self.ctx.bridge.run(
            verify_credentials(creds, self._endpoints(), self.ctx.lang),
            disable=[self.test_button, self.save_credentials_button], on_done=done,
            on_error=self._check_failed)

    def _show_check_ok(self, result) -> None:
        from ..kit.formatting import money

        text = self.tr("Connexion réussie. Solde du compte : {amount}.").format(
            amount=money(result.status.account.solde, self.ctx.prefs.currency, self.ctx.lang))
        if result.transfers:
            text += " " + self.tr("Mot de passe de transfert accepté.")
        self.credentials_result.setStyleSheet("color: #1e4620;")
        self.credentials_result.setText(text)

    def _check_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, CredentialCheckFailed):
            self.form.show_failure(exc, self.ctx.lang)
            self.credentials_result.setStyleSheet("color: #b3261e;")
            self.credentials_result.setText(
                human_error(exc.error, self.ctx.lang) if not exc.field else
                self.tr("Identifiants refusés par CinetPay."))
            return True
        if isinstance(exc, KeyringProblem):
            self.credentials_result.setStyleSheet("color: #b3261e;")
            self.credentials_result.setText(exc.human(self.ctx.lang))
            return True
        return False

    def save_credentials(self) -> asyncio.Task | None:
        if self.ctx.training or self.store is None or not self.store.available:
            return None
        creds = self.form.read()
        if creds is None:
            return None
        store = self.store
        self.credentials_result.setStyleSheet("color: #6b7a82;")
        self.credentials_result.setText(self.tr("Vérification auprès de CinetPay…"))

        async def check_and_save():
            result = await verify_credentials(creds, self._endpoints(), self.ctx.lang)
            await store.asave(creds)
            return result

        def done(result) -> None:
            self._show_check_ok(result)
            self.ctx.messages.show_message(
                self.tr("Identifiants vérifiés et enregistrés dans le coffre."), "success", 5000)
            self.restart_requested.emit("credentials")

        return self.ctx.bridge.run(
            check_and_save(), disable=[self.test_button, self.save_credentials_button],
            on_done=done, on_error=self._check_failed)

    def clear_credentials(self) -> asyncio.Task | None:
        if self.ctx.training or self.store is None or not self.store.available:
            return None

        def done(_: object) -> None:
            self.form.fill(None)
            self.credentials_result.setStyleSheet("color: #6b7a82;")
            self.credentials_result.setText(self.tr(
                "Identifiants effacés du coffre. Au prochain démarrage, Comptoir les "
                "redemandera."))

        return self.ctx.bridge.run(self.store.aclear(), disable=[self.clear_credentials_button],
                                   on_done=done, on_error=self._check_failed)

    # --- data --------------------------------------------------------------------------

    def open_data_dir(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir)))
