"""What the status bar's "opérations non confirmées" counter opens: the links, transfers and
contacts CinetPay has not confirmed yet, each with its state in the screens' own words, and
"Annuler" for a link that waits for its customer. A non-modal window (``show()``, never
``exec()``): the till keeps working behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.core import Comptoir
from ..services.outcomes import (
    ContactOutcome,
    LinkOutcome,
    contact_outcome,
    link_cancellable,
    link_outcome,
    transfer_needs_following,
)
from .checkout.wording import wording as link_wording
from .contacts.wording import wording as contact_wording
from .context import UiContext
from .kit.events import BusListener
from .kit.formatting import money
from .transfers.wording import wording as transfer_wording
from .transfers.wording import xof

LINK, TRANSFER, CONTACT = "link", "transfer", "contact"
_WAITING_LINKS = (LinkOutcome.PENDING, LinkOutcome.UNCERTAIN, LinkOutcome.SENDING,
                  LinkOutcome.NO_URL)
_WAITING_CONTACTS = (ContactOutcome.QUEUED, ContactOutcome.SENDING, ContactOutcome.UNCERTAIN)


@dataclass(frozen=True)
class Waiting:
    """One line of the list: what it is, when, for how much / whom, its state's words."""

    kind: str
    key: str  # transaction_id, client_transaction_id, or prefix+phone
    when: datetime
    what: str
    state: str
    cancellable: bool = False


async def gather(core: Comptoir, lang: str) -> list[Waiting]:
    """Everything not yet confirmed, oldest first (links: ``core.links.waiting()``, which
    also ends the expired ones)."""
    words = link_wording()
    links = {row.transaction_id: row for row in await core.links.waiting()}
    for row in await core.links.list_all():
        if link_outcome(row) in _WAITING_LINKS and row.ended_at is None:
            links.setdefault(row.transaction_id, row)
    items = [Waiting(LINK, row.transaction_id, row.created_at,
                     money(row.amount, row.currency, lang), words.list_status(row, lang),
                     link_cancellable(row)) for row in links.values()]
    twords = transfer_wording()
    items += [Waiting(TRANSFER, row.client_transaction_id, row.created_at,
                      f"{xof(row.amount, lang)} → +{row.prefix} {row.phone}", twords.status(row))
              for row in await core.transfers.list() if transfer_needs_following(row)]
    cwords = contact_wording()
    items += [Waiting(CONTACT, f"{row.prefix}{row.phone}", row.created_at,
                      f"{row.surname} {row.name} (+{row.prefix} {row.phone})".strip(),
                      cwords.state(row, lang))
              for row in await core.contacts.list() if contact_outcome(row) in _WAITING_CONTACTS]
    return sorted(items, key=lambda item: item.when)


class WaitingList(QDialog):
    """The list; refreshed on the services' events while it is open."""

    COLUMNS = ("kind", "when", "what", "state", "action")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("waitingList")
        self.setWindowTitle(self.tr("Opérations non confirmées"))
        self.setModal(False)
        self.items: list[Waiting] = []
        self.cancel_buttons: dict[str, QPushButton] = {}
        self._loading = False
        self._again = False
        self.note = QLabel(self.tr(
            "Pas encore confirmées par CinetPay. Un lien annulé n'est plus attendu : dites au "
            "client de ne pas payer (un paiement qui arrive quand même est enregistré et "
            "signalé)."), self)
        self.note.setWordWrap(True)
        self.empty = QLabel(self.tr("Tout est confirmé."), self)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Type"), self.tr("Créé"), self.tr("Montant / pour"), self.tr("État"), ""])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 380)
        self.bus = BusListener(self, ctx.core.bus, debounce_ms={
            "links_changed": 150, "transfers_changed": 150, "contacts_changed": 150,
            "outbox_changed": 150})

    # --- services' events --------------------------------------------------------------------

    def on_links_changed(self, _payload: object = None) -> None:
        if self.isVisible():
            self.reload()

    on_transfers_changed = on_contacts_changed = on_outbox_changed = on_links_changed

    # --- content ----------------------------------------------------------------------------

    def open_list(self) -> None:
        """Show (non-modal) and load."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.reload()

    def reload(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True

        def done(items: list[Waiting]) -> None:
            self._loading = False
            self.fill(items)
            if self._again:
                self._again = False
                self.reload()

        def failed(_exc: BaseException) -> bool:
            self._loading = False
            return False  # the message bar says it

        self.ctx.bridge.run(gather(self.ctx.core, self.ctx.lang), on_done=done,
                            on_error=failed)

    def kind_text(self, kind: str) -> str:
        return {LINK: self.tr("Lien de paiement"), TRANSFER: self.tr("Transfert"),
                CONTACT: self.tr("Contact")}[kind]

    def fill(self, items: list[Waiting]) -> None:
        self.items = items
        self.cancel_buttons = {}
        self.table.setRowCount(len(items))
        for n, item in enumerate(items):
            local = item.when.astimezone() if item.when.tzinfo else item.when
            when = local.strftime("%H:%M") if local.date() == datetime.now().date() \
                else local.strftime("%d/%m %H:%M")
            for col, text in enumerate((self.kind_text(item.kind), when, item.what,
                                        item.state)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.key)
                self.table.setItem(n, col, cell)
            if item.kind == LINK and item.cancellable:
                button = QPushButton(self.tr("Annuler"), self.table)
                button.setToolTip(self.tr("Ne plus attendre ce paiement"))
                button.clicked.connect(lambda _=False, key=item.key: self.cancel_link(key))
                self.table.setCellWidget(n, len(self.COLUMNS) - 1, button)
                self.cancel_buttons[item.key] = button
            else:
                self.table.removeCellWidget(n, len(self.COLUMNS) - 1)
        self.empty.setVisible(not items)
        self.table.setVisible(bool(items))

    def cancel_link(self, transaction_id: str) -> None:
        """``core.links.cancel``: the link is no longer awaited (nothing goes to CinetPay)."""
        button = self.cancel_buttons.get(transaction_id)

        def done(_row: object) -> None:
            self.ctx.messages.show_message(self.tr(
                "Lien annulé : dites au client de ne pas payer."), "info", 5000)
            self.reload()

        self.ctx.bridge.run(self.ctx.core.links.cancel(transaction_id), on_done=done,
                            disable=[button] if button is not None else ())

    def row_of(self, key: str) -> int:
        return next((n for n, item in enumerate(self.items) if item.key == key), -1)
