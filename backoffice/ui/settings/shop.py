"""Réglages → Boutique: several tills, one shop database (issue 16).

The shop database's address (a PostgreSQL DSN; its password never reaches settings.json: it
goes to the OS keyring, see backoffice/shop/setup.py), this till's code, "Tester la connexion"
and this till's replication status. Saving rebuilds the session (``restart = "shop"``) so the
new address takes effect. psycopg is imported only when needed (start-up cost).
"""

from __future__ import annotations

import asyncio
import os
import re
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...preferences import Preferences
from ...services.context import default_till
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage

TILL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$")
ENV_DSN = "COMPTOIR_SHOP_DB"
STATUS_EVERY_MS = 2000


class ShopPage(SettingsPage):
    restart = "shop"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Boutique (plusieurs caisses)"))
        self.address = QLineEdit(self)
        self.address.setObjectName("shop_db")
        self.address.setPlaceholderText("postgresql://comptoir@serveur/boutique")
        self.password = QLineEdit(self)
        self.password.setObjectName("shop_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("gardé dans le coffre du système"))
        self.till = QLineEdit(self)
        self.till.setObjectName("till")
        self.till.setPlaceholderText(default_till())
        self.test_button = QPushButton(self.tr("Tester la connexion"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("shop_test_result")
        self.test_result.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("shop_status")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Enregistrer"), self)
        self.save_button.clicked.connect(self.apply_requested)
        self._timer = QTimer(self)
        self._timer.setInterval(STATUS_EVERY_MS)
        self._timer.timeout.connect(self.show_status)
        self._lay_out()
        self.show_status()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Base boutique"), self.address)
        self.field_errors.add("shop_db", self.address)
        form.addRow(self.tr("Mot de passe"), self.password)
        form.addRow(self.tr("Code de cette caisse"), self.till)
        self.field_errors.add("till", self.till)
        note = QLabel(self.tr("Vide : cette caisse travaille seule. Avec une base boutique, "
                              "chaque caisse garde son journal et y copie ses opérations ; "
                              "le tableau de bord montre alors toutes les caisses."), self)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        if os.environ.get(ENV_DSN):
            env = QLabel(self.tr("COMPTOIR_SHOP_DB est défini : il l'emporte sur cette adresse."),
                         self)
            env.setWordWrap(True)
            env.setStyleSheet("color: #b26a00;")
            layout.addWidget(env)
        layout.addLayout(buttons)
        layout.addWidget(self.test_result)
        layout.addWidget(self.status)

    # --- preferences -----------------------------------------------------------------------

    def load(self, prefs: Preferences) -> None:
        self.address.setText(prefs.shop_db)
        self.till.setText(prefs.till)
        self.password.clear()

    def validate(self) -> dict[str, str]:
        errors = {}
        dsn = self.address.text().strip()
        if dsn and not _parses(dsn):
            errors["shop_db"] = self.tr("Adresse invalide : postgresql://utilisateur@serveur"
                                        "/base attendu.")
        till = self.till.text().strip()
        if till and not TILL_CODE.match(till):
            errors["till"] = self.tr("Lettres, chiffres, - et _ seulement (30 au plus), "
                                     "par exemple CAISSE-1.")
        return errors

    def save(self, prefs: Preferences) -> bool:
        from ...shop.setup import strip_password

        typed = self.address.text().strip()
        secret = self.password.text() or _password_in(typed)
        dsn, till = strip_password(typed), self.till.text().strip()
        if secret and dsn:
            self._keep_password(dsn, secret)
        self.password.clear()
        if (dsn, till) == (prefs.shop_db, prefs.till):
            return bool(secret)
        prefs.shop_db, prefs.till = dsn, till
        self.address.setText(dsn)
        return True

    def saved_text(self) -> str:
        return self.tr("Boutique enregistrée : la session est rechargée.")

    def _keep_password(self, dsn: str, secret: str) -> None:
        """Into the OS keyring, off the GUI thread (an unlock prompt may block)."""
        from ...shop.setup import save_password

        def refused(exc: BaseException) -> bool:
            self.ctx.messages.show_message(
                self.tr("Mot de passe non gardé : aucun coffre sécurisé sur ce poste "
                        "(utilisez PGPASSWORD ou ~/.pgpass)."), "error")
            return True

        self.ctx.bridge.run(asyncio.to_thread(save_password, dsn, secret), on_error=refused)

    # --- the connection test ---------------------------------------------------------------

    def test_connection(self) -> asyncio.Task[Any] | None:
        typed = self.address.text().strip() or os.environ.get(ENV_DSN, "")
        if not typed or not _parses(typed):
            self.test_result.setText(self.tr("Indiquez d'abord l'adresse de la base boutique."))
            return None
        secret = self.password.text()
        self.test_result.setText(self.tr("Connexion…"))
        self.test_result.setStyleSheet(HINT_STYLE)
        return self.ctx.bridge.run(asyncio.to_thread(_try, typed, secret),
                                   disable=[self.test_button], on_done=self._tested)

    def _tested(self, result: tuple[bool, int, str, str]) -> None:
        ok, version, shown, error = result
        if not ok:
            text = self.tr("Échec de la connexion à {address} : {error}").format(
                address=shown, error=error)
        elif version == 0:
            text = self.tr("Connexion réussie à {address}, base vide : lancez "
                           "« comptoir-cli shop init ».").format(address=shown)
        else:
            text = self.tr("Connexion réussie à {address} (schéma version {v}).").format(
                address=shown, v=version)
        self.test_result.setText(text)
        self.test_result.setStyleSheet("color: #1e4620;" if ok and version else
                                       "color: #b3261e;" if not ok else "color: #b26a00;")

    # --- this till's replication -----------------------------------------------------------

    def show_status(self) -> None:
        link = self.ctx.core.shop
        if link is None:
            self.status.setText(self.tr("Réplication : aucune base boutique pour cette "
                                        "session."))
            return
        s = link.status()
        when = s.last_pushed.astimezone().strftime("%H:%M:%S") if s.last_pushed else "—"
        if s.schema_missing:
            text = self.tr("Réplication de {till} : base pas encore prête (comptoir-cli shop "
                           "init) ; {n} opération(s) à copier.").format(till=s.till, n=s.pending)
        elif s.connected:
            text = self.tr("Réplication de {till} vers {address} : connectée, {n} opération(s) "
                           "à copier, dernière copie {when}.").format(
                till=s.till, address=s.shop, n=s.pending, when=when)
        else:
            text = self.tr("Réplication de {till} : base injoignable ({error}) ; {n} "
                           "opération(s) copiée(s) dès son retour, la caisse continue.").format(
                till=s.till, error=s.error or "…", n=s.pending)
        self.status.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.show_status()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)


def _parses(dsn: str) -> bool:
    import psycopg
    from psycopg import conninfo

    if not dsn.startswith(("postgresql://", "postgres://")) and "=" not in dsn:
        return False
    try:
        conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return False
    return True


def _password_in(dsn: str) -> str:
    import psycopg
    from psycopg import conninfo

    try:
        return str(conninfo.conninfo_to_dict(dsn).get("password") or "")
    except psycopg.ProgrammingError:
        return ""


def _try(dsn: str, secret: str) -> tuple[bool, int, str, str]:
    """Connect and read the schema version (worker thread): (ok, version, address, error);
    the address and the error never show the password."""
    import psycopg
    from psycopg import conninfo

    from ...shop.replicate import safe_error
    from ...shop.schema import connect, has_password, redact, version
    from ...shop.setup import keyring_password

    full = dsn
    if secret:
        full = conninfo.make_conninfo(dsn, password=secret)
    elif not has_password(dsn) and not os.environ.get("PGPASSWORD"):
        found = keyring_password(dsn)()
        if found:
            full = conninfo.make_conninfo(dsn, password=found)
    try:
        with connect(full) as conn:
            return True, version(conn), redact(dsn), ""
    except psycopg.Error as exc:
        return False, 0, redact(dsn), safe_error(exc, full)
