"""The CinetPay credentials form (welcome page and Réglages) and its check against CinetPay:
the legacy ``account_status`` for the API key + site id, the transfer login when a transfer
password is given; an ``sk_test_``/``sk_live_`` key (CinetPay's current platform): its API
password and country instead, checked by a login. The account kind follows the key.
Field-level messages; nothing is stored before CinetPay said yes."""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..api import Endpoints
from ..api.current import CurrentClient, default_api_url
from ..api.current.methods import BY_COUNTRY
from ..api.errors import AuthError, CinetPayError, ValidationError
from ..api.models import AccountStatus
from ..api.validation import COUNTRIES
from ..composition import DEFAULT_COUNTRY, current_api_url, make_client
from ..keyring import StoredCredentials
from ..keyring.credentials import CURRENT_PREFIXES
from .kit.forms import INVALID_SHEET, FieldErrors
from .kit.messages import human_error

FIELDS = ("site_id", "apikey", "transfer_password", "api_password", "country")
CLASSIC_ONLY = ("site_id", "transfer_password")
CURRENT_ONLY = ("api_password", "country")
_COUNTRY_NAMES = {code: (fr, en) for code, fr, en, _ in COUNTRIES.values()}


def country_name(code: str, lang: str = "fr") -> str:
    fr, en = _COUNTRY_NAMES.get(code, (code, code))
    return en if lang == "en" else fr


def current_url_for(endpoints: Endpoints, environ: Mapping[str, str] = os.environ) -> str:
    """Where an ``sk_`` key is checked: the simulator when the classic endpoints are the
    simulator's (it serves both platforms), else COMPTOIR_API_URL ("": the key's own host;
    raises composition.SetupError when that variable is refused)."""
    return endpoints.legacy if endpoints.is_simulated else current_api_url(environ)


@dataclass(frozen=True)
class CheckResult:
    status: AccountStatus | None  # None: an sk_ key (no legacy account status)
    transfers: bool  # the transfer password (or the sk_ login, which covers transfers) passed
    country: str = ""  # sk_ key: the account's country


class CredentialCheckFailed(Exception):
    """CinetPay (or the network) refused: ``field`` says where the user should look
    ("apikey", "transfer_password", "api_password" or "" for the network)."""

    def __init__(self, field: str, error: CinetPayError) -> None:
        super().__init__(str(error))
        self.field = field
        self.error = error


async def verify_credentials(creds: StoredCredentials, endpoints: Endpoints, lang: str = "fr",
                             api_url: str = "", **client_options: object) -> CheckResult:
    """Ask CinetPay whether ``creds`` work; raises :class:`CredentialCheckFailed`.
    ``api_url``: the current platform's host for an ``sk_`` key ("": the key's own)."""
    if creds.kind == "current":
        return await _verify_current(creds, api_url, client_options)
    async with make_client(creds.to_api(), endpoints, lang, client_options) as api:
        try:
            status = await api.legacy.account_status()
        except AuthError as exc:
            raise CredentialCheckFailed("apikey", exc) from exc
        except CinetPayError as exc:
            raise CredentialCheckFailed("", exc) from exc
        if creds.transfer_password:
            try:
                await api.transfer.login()
            except (AuthError, ValidationError) as exc:
                raise CredentialCheckFailed("transfer_password", exc) from exc
            except CinetPayError as exc:
                raise CredentialCheckFailed("", exc) from exc
    return CheckResult(status, bool(creds.transfer_password))


async def _verify_current(creds: StoredCredentials, api_url: str,
                          client_options: Mapping[str, object]) -> CheckResult:
    """An ``sk_`` key: one login on the current platform (as ``comptoir credentials``)."""
    options = {k: v for k, v in client_options.items() if k in ("timeout", "retry", "deadline")}
    current = creds.to_current(DEFAULT_COUNTRY)
    client = CurrentClient(current, api_url or default_api_url(creds.apikey),
                           **options)  # type: ignore[arg-type]
    try:
        await client.session.login()
    except (AuthError, ValidationError) as exc:
        raise CredentialCheckFailed("api_password", exc) from exc
    except CinetPayError as exc:
        raise CredentialCheckFailed("", exc) from exc
    finally:
        await client.aclose()
    return CheckResult(None, True, current.country)


class CredentialsForm(QWidget):
    """API key first; then site ID and transfer password (classic key) or API password and
    country (``sk_`` key: the account kind follows the key). Secrets masked, each field with
    its own error line."""

    submitted = Signal()  # Enter in a field

    def __init__(self, parent: QWidget | None = None, *, lang: str = "fr",
                 country: str = "") -> None:
        super().__init__(parent)
        self.lang = lang
        self.site_id = self._line("site_id", self.tr("ex. 445160"))
        self.apikey = self._line("apikey", self.tr("clé API du back-office CinetPay"), True)
        self.password = self._line("transfer_password",
                                   self.tr("facultatif : pour les transferts"), True)
        self.api_password = self._line("api_password",
                                       self.tr("mot de passe API (api_password)"), True)
        self.country = QComboBox(self)
        self.country.setObjectName("country")
        for code in BY_COUNTRY:
            self.country.addItem(f"{country_name(code, lang)} ({code})", code)
        self.set_country(country)
        self.apikey.textChanged.connect(self._follow_kind)
        self.show_secrets = QCheckBox(self.tr("Afficher la clé et le mot de passe"), self)
        self.show_secrets.toggled.connect(self._toggle_secrets)
        self.fields = FieldErrors(self)  # each error line clears when its field is edited
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows: dict[str, QVBoxLayout] = {}
        for key, label in (("apikey", self.tr("Clé &API")), ("site_id", self.tr("&Site ID")),
                           ("transfer_password", self.tr("&Mot de passe de transfert")),
                           ("api_password", self.tr("Mot de passe A&PI")),
                           ("country", self.tr("Pa&ys du compte"))):
            self._add_row(key, label)
        self.form.addRow("", self.show_secrets)
        self.setStyleSheet(INVALID_SHEET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        order = [self.apikey, self.site_id, self.password, self.api_password, self.country,
                 self.show_secrets]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self._follow_kind()

    def _line(self, name: str, placeholder: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.returnPressed.connect(self.submitted)
        return edit

    def _add_row(self, key: str, label: str) -> None:
        edit = self._edit(key)
        error = self.fields.add(key, edit)
        error.setObjectName(f"error_{key}")
        self.errors[key] = error
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        title = QLabel(label, self)
        title.setBuddy(edit)
        self.form.addRow(title, box)
        self.rows[key] = box

    def _edit(self, key: str) -> QWidget:
        return {"site_id": self.site_id, "apikey": self.apikey,
                "transfer_password": self.password, "api_password": self.api_password,
                "country": self.country}[key]

    @property
    def kind(self) -> str:
        """"current" when the key typed is an ``sk_test_``/``sk_live_`` one, else "classic"."""
        return "current" if self.apikey.text().strip().startswith(CURRENT_PREFIXES) \
            else "classic"

    def _follow_kind(self) -> None:
        current = self.kind == "current"
        for key in CLASSIC_ONLY:
            self.form.setRowVisible(self.rows[key], not current)
        for key in CURRENT_ONLY:
            self.form.setRowVisible(self.rows[key], current)

    def set_country(self, code: str) -> None:
        """The country shown for an ``sk_`` key (unknown or empty: CI)."""
        index = self.country.findData((code or "").upper())
        self.country.setCurrentIndex(index if index >= 0 else
                                     self.country.findData(DEFAULT_COUNTRY))

    def _toggle_secrets(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        for edit in (self.apikey, self.password, self.api_password):
            edit.setEchoMode(mode)

    def set_error(self, key: str, text: str) -> None:
        if text:
            self.fields.show(key, text, focus=False)
        else:
            self.fields.clear(key)

    def clear_errors(self) -> None:
        self.fields.clear()

    def fill(self, creds: StoredCredentials | None) -> None:
        self.site_id.setText(creds.site_id if creds else "")
        self.apikey.setText(creds.apikey if creds else "")
        self.password.setText(creds.transfer_password if creds else "")
        self.api_password.setText(creds.api_password if creds else "")
        if creds is not None and creds.country:
            self.set_country(creds.country)
        self.clear_errors()

    def read(self) -> StoredCredentials | None:
        """The credentials typed, or None after showing what is missing or malformed."""
        self.clear_errors()
        apikey = self.apikey.text().strip()
        if not apikey:
            self.set_error("apikey", self.tr("Indiquez la clé API."))
        if self.kind == "current":
            if not self.api_password.text().strip():
                self.set_error("api_password", self.tr(
                    "Indiquez le mot de passe API (back-office CinetPay, rubrique "
                    "Intégrations)."))
        else:
            self._check_site_id(self.site_id.text().strip())
        first = next((k for k in FIELDS if self.errors[k].text()), "")
        if first:
            self._edit(first).setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        if self.kind == "current":
            return StoredCredentials(apikey, "", api_password=self.api_password.text().strip(),
                                     country=str(self.country.currentData()))
        return StoredCredentials(apikey, self.site_id.text().strip(), self.password.text())

    def _check_site_id(self, site_id: str) -> None:
        if not site_id:
            self.set_error("site_id", self.tr("Indiquez le site ID (back-office CinetPay, "
                                              "rubrique Intégrations)."))
        elif any(c.isspace() for c in site_id):
            self.set_error("site_id", self.tr("Le site ID ne contient pas d'espace."))

    def show_failure(self, failure: CredentialCheckFailed, lang: str) -> None:
        text = human_error(failure.error, lang)
        if failure.field == "apikey":
            self.set_error("apikey", self.tr("CinetPay refuse cette clé API ou ce site ID : "
                                             "{error}").format(error=text))
            self.apikey.setFocus()
        elif failure.field == "transfer_password":
            self.set_error("transfer_password", self.tr(
                "CinetPay refuse ce mot de passe de transfert : {error}").format(error=text))
            self.password.setFocus()
        elif failure.field == "api_password":
            self.set_error("api_password", self.tr(
                "CinetPay refuse cette clé API ou ce mot de passe API : {error}").format(
                error=text))
            self.api_password.setFocus()
