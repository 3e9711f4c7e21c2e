"""The screens on CinetPay's current platform (sk_ keys), offscreen against the simulator:
a transfer goes to a typed number with its payment method (once, with the PIN), a missing
method is refused next to its field; one available balance; the journal's links as history."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from backoffice.api import Endpoints, RetryPolicy
from backoffice.api.current import CurrentClient, CurrentCredentials
from backoffice.composition import local_client
from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.ui.checkout.links_model import LinksModel
from backoffice.ui.context import UiContext
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar
from backoffice.ui.transfers.confirm import ConfirmTransferDialog
from backoffice.ui.transfers.tab import TransfersTab
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    requests,
    settle_loop,
    show,
)
from tests.support.waits import until

FAST_RETRY = RetryPolicy(attempts=3, wait_initial=0.01, wait_max=0.05, retry_after_cap=0.05,
                         timeout=10)
NUMBER = "+2250701020304"


@pytest.fixture
async def current_ctx(sim, tmp_path, qapp) -> AsyncIterator[UiContext]:
    """A UI context as the composition builds it for an sk_ key (the simulator's own)."""
    creds = httpx.get(f"{sim.base_url}/_sim/credentials").json()["current"]
    current = CurrentClient(CurrentCredentials(creds["api_key"], creds["api_password"],
                                               creds["country"]), sim.base_url,
                            retry=FAST_RETRY)
    core = await Comptoir.open(tmp_path / "data", local_client(
        Endpoints.single(sim.base_url), "fr"), current=current)
    bar = MessageBar()
    ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(),
                    data_dir=tmp_path / "data", messages=bar, training=True)
    ctx.bridge.failed.connect(bar.show_error)
    yield ctx
    await ctx.bridge.shutdown()
    await core.aclose(drain=False)
    await core.api.transport.client.aclose()


def sent(sim) -> list[dict]:
    return [t for t in sim.transfers() if "-" not in t["client_transaction_id"]]


async def typed_tab(ctx, qtbot, number: str = NUMBER) -> TransfersTab:
    tab = TransfersTab(ctx)
    show(ctx, tab)
    assert tab.method is not None  # the current platform's form
    qtbot.keyClicks(tab.contact.editor(), number)
    qtbot.keyClicks(tab.amount, "5000")
    return tab


def texts(dialog) -> str:
    return " | ".join(label.text() for label in dialog.findChildren(QLabel))


async def test_transfer_with_the_method_picked_reaches_cinetpay_once_with_the_pin(
        current_ctx, sim, qtbot):
    current_ctx.pin.set("4321")
    tab = await typed_tab(current_ctx, qtbot)
    assert tab.method.method() == ""  # Côte d'Ivoire: never guessed, the person picks
    tab.method.setCurrentIndex(tab.method.findData("MTN_CI"))
    before = len(sent(sim))
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
    dialog = tab.active_dialog
    shown = texts(dialog)
    assert "MTN Mobile Money" in shown and "+225 0701020304" in shown
    assert dialog.pin is not None
    dialog.pin.setText("4321")
    dialog.accept()
    await until(lambda: len(sent(sim)) == before + 1)
    [transfer] = sent(sim)[before:]
    assert transfer["amount"] == 5000 and transfer["current"]["payment_method"] == "MTN_CI"
    rows = await current_ctx.core.transfers.list()
    assert [(r.prefix, r.phone, r.payment_method) for r in rows] == [
        ("225", "0701020304", "MTN_CI")]
    await until(lambda: not tab.sending)
    assert requests(sim, "current.transfer") == 1
    await until(lambda: len(tab.model.rows) == 1)  # the list names the method
    number = tab.model.index(0, tab.model.columns.index("number")).data()
    assert number == "+225 0701020304 · MTN Mobile Money"


async def test_missing_method_is_refused_next_to_the_field_and_nothing_is_sent(
        current_ctx, sim, qtbot):
    tab = await typed_tab(current_ctx, qtbot)
    before = requests(sim, "current.transfer")
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    error = tab.method_error
    assert error.isVisible() and "Choisissez le moyen de paiement" in error.text()
    assert tab.active_dialog is None and not tab.sending
    assert requests(sim, "current.transfer") == before
    assert await current_ctx.core.transfers.list() == []


async def test_classic_form_has_no_method_field(ui_ctx, qtbot):
    tab = TransfersTab(ui_ctx)
    show(ui_ctx, tab)
    assert tab.method is None and not tab.current


def test_method_is_preselected_only_when_the_number_makes_it_certain(qapp):
    from backoffice.ui.transfers.method import MethodCombo

    cameroon = MethodCombo("CM", "237", "fr")
    cameroon.follow_number("+237 670 00 00 00")
    assert cameroon.method() == "MTN_CM"
    ivory = MethodCombo("CI", "225", "fr")
    ivory.follow_number("07 01 02 03 04")
    assert ivory.method() == ""  # Côte d'Ivoire: the person picks


async def paid_and_refused_links(core, sim) -> tuple[str, str, str]:
    paid = await core.links.create(7500, "Vente")
    refused = await core.links.create(3000, "Vente")
    waiting = await core.links.create(1200, "Vente")
    sim.settle(paid.transaction_id, "ACCEPTED")
    sim.settle(refused.transaction_id, "REFUSED", code="602")
    await core.links.refresh(paid.transaction_id)
    await core.links.refresh(refused.transaction_id)
    return paid.transaction_id, refused.transaction_id, waiting.transaction_id


async def test_history_tab_lists_the_journal_links_with_the_note(current_ctx, sim, qtbot):
    from backoffice.ui.history.tab import HistoryTab

    ids = await paid_and_refused_links(current_ctx.core, sim)
    tab = HistoryTab(current_ctx)
    show(current_ctx, tab)
    assert tab.journal is not None
    tab.reload()
    model = tab.journal.model
    await until(lambda: len(model.rows) == 3)
    assert {r.transaction_id for r in model.rows} == set(ids)
    assert tab.journal.note.isVisible() and "journal de Comptoir" in tab.journal.note.text()
    assert not tab.filters.isVisible()  # CinetPay's history filters do not apply here
    status = LinksModel.columns.index("status")
    words = {model.rows[i].transaction_id: model.index(i, status).data()
             for i in range(len(model.rows))}
    assert words[ids[0]] == "PAYÉ" and words[ids[1]].startswith("Refusé")
    assert "7\u202f500" in tab.journal.totals.text()
    tab.refresh()  # F5: the journal again, never CinetPay's missing history endpoint
    await settle_loop(current_ctx)
    assert len(model.rows) == 3
    assert not any("history" in str(r.get("endpoint") or r.get("path"))
                   for r in sim.request_log())
    assert current_ctx.messages.text == ""


async def test_dashboard_shows_one_available_balance_and_the_journal(current_ctx, sim, qtbot):
    from backoffice.simulator.routes_current import available_balance
    from backoffice.ui.dashboard.tab import DashboardTab
    from backoffice.ui.kit.formatting import money

    await paid_and_refused_links(current_ctx.core, sim)
    tab = DashboardTab(current_ctx)
    show(current_ctx, tab)
    tab.refresh()
    await until(lambda: tab.balances is not None and tab.journal is not None
                and not tab.transfer_card.stale)
    await settle_loop(current_ctx)
    cards = tab.cards
    assert not cards.account_card.isVisible() and not cards.service_card.isVisible()
    assert cards.transfer_card.isVisible()
    assert cards.transfer_card.title.text() == "Solde disponible"
    with sim.state.lock:
        expected = available_balance(sim.state)  # what CinetPay holds for this account
    assert tab.balances.transfer.values["available"] == expected
    assert cards.transfer_card.amount.text() == money(expected, "XOF", "fr")
    assert "7\u202f500" in cards.today_card.amount.text()  # the journal's PAYÉ link
    assert "journal de Comptoir" in tab.as_of.text()
    assert current_ctx.messages.text == ""  # no error banner for the missing history
    assert not any("history" in str(r.get("endpoint") or r.get("path"))
                   for r in sim.request_log())


async def test_batch_preview_says_per_line_when_the_method_cannot_be_guessed(
        current_ctx, sim, qtbot, tmp_path):
    from backoffice.ui.kit.import_dialog import ImportDialog

    tab = TransfersTab(current_ctx)
    show(current_ctx, tab)
    path = tmp_path / "lot.csv"
    path.write_text("prefix,phone,amount\n225,0701020304,5000\n225,0102,3000\n",
                    encoding="utf-8")
    current_ctx.bridge.run(tab.import_batch(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    model = dialog.model
    check = model._keys.index("check")
    assert "Choisissez le moyen de paiement" in model.index(0, check).data()
    assert "Numéro de téléphone invalide" in model.index(1, check).data()  # its own reason
    assert not dialog.submit_button.isEnabled()
    dialog.reject()
    await until(lambda: tab.active_dialog is None)
    assert requests(sim, "current.transfer") == 0
    assert await current_ctx.core.transfers.list() == []
