"""The CinetPay credentials form (welcome page and Réglages) and its check against CinetPay:
the legacy ``account_status`` for the API key + site id, the transfer login when a transfer
password is given. Field-level messages; nothing is stored before CinetPay said yes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..api import Endpoints
from ..api.errors import AuthError, CinetPayError, ValidationError
from ..api.models import AccountStatus
from ..composition import make_client
from ..keyring import StoredCredentials
from .kit.forms import INVALID_SHEET, FieldErrors
from .kit.messages import human_error

FIELDS = ("site_id", "apikey", "transfer_password")


@dataclass(frozen=True)
class CheckResult:
    status: AccountStatus
    transfers: bool  # the transfer password was checked too


class CredentialCheckFailed(Exception):
    """CinetPay (or the network) refused: ``field`` says where the user should look
    ("apikey", "transfer_password" or "" for the network)."""

    def __init__(self, field: str, error: CinetPayError) -> None:
        super().__init__(str(error))
        self.field = field
        self.error = error


async def verify_credentials(creds: StoredCredentials, endpoints: Endpoints, lang: str = "fr",
                             **client_options: object) -> CheckResult:
    """Ask CinetPay whether ``creds`` work; raises :class:`CredentialCheckFailed`."""
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


class CredentialsForm(QWidget):
    """Site ID, API key, transfer password (masked), each with its own error line."""

    submitted = Signal()  # Enter in a field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site_id = QLineEdit(self)
        self.site_id.setObjectName("site_id")
        self.site_id.setPlaceholderText(self.tr("ex. 445160"))
        self.apikey = QLineEdit(self)
        self.apikey.setObjectName("apikey")
        self.apikey.setEchoMode(QLineEdit.EchoMode.Password)
        self.apikey.setPlaceholderText(self.tr("clé API du back-office CinetPay"))
        self.password = QLineEdit(self)
        self.password.setObjectName("transfer_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("facultatif : pour les transferts"))
        for edit in (self.site_id, self.apikey, self.password):
            edit.returnPressed.connect(self.submitted)
        self.show_secrets = QCheckBox(self.tr("Afficher la clé et le mot de passe"), self)
        self.show_secrets.toggled.connect(self._toggle_secrets)
        self.fields = FieldErrors(self)  # each error line clears when its field is edited
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, edit in (("site_id", self.tr("&Site ID"), self.site_id),
                                 ("apikey", self.tr("Clé &API"), self.apikey),
                                 ("transfer_password", self.tr("&Mot de passe de transfert"),
                                  self.password)):
            error = self.fields.add(key, edit)
            error.setObjectName(f"error_{key}")
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(error)
            title = QLabel(label, self)
            title.setBuddy(edit)
            form.addRow(title, box)
        form.addRow("", self.show_secrets)
        self.setStyleSheet(INVALID_SHEET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self.setTabOrder(self.site_id, self.apikey)
        self.setTabOrder(self.apikey, self.password)
        self.setTabOrder(self.password, self.show_secrets)

    def _edit(self, key: str) -> QLineEdit:
        return {"site_id": self.site_id, "apikey": self.apikey,
                "transfer_password": self.password}[key]

    def _toggle_secrets(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.apikey.setEchoMode(mode)
        self.password.setEchoMode(mode)

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
        self.clear_errors()

    def read(self) -> StoredCredentials | None:
        """The credentials typed, or None after showing what is missing or malformed."""
        self.clear_errors()
        site_id = self.site_id.text().strip()
        apikey = self.apikey.text().strip()
        ok = True
        if not site_id:
            self.set_error("site_id", self.tr("Indiquez le site ID (back-office CinetPay, "
                                              "rubrique Intégrations)."))
            ok = False
        elif any(c.isspace() for c in site_id):
            self.set_error("site_id", self.tr("Le site ID ne contient pas d'espace."))
            ok = False
        if not apikey:
            self.set_error("apikey", self.tr("Indiquez la clé API."))
            ok = False
        if not ok:
            first = next(k for k in FIELDS if self.errors[k].text())
            self._edit(first).setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        return StoredCredentials(apikey, site_id, self.password.text())

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
