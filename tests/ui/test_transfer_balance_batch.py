"""Transferts: the transfer balance next to the amount (cached, with its age offline), the
confirmation saying what will remain, an amount above the balance flagged before any request;
the batch preview marking numbers CinetPay would refuse (724) and adding them first; import
columns never cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from backoffice.services.balance import TRANSFER_KEY
from backoffice.store.caches import cache_put
from backoffice.store.contacts import KnownContact, remember_known_contacts
from backoffice.ui.contacts.dialog import ContactDialog
from backoffice.ui.contacts.tab import ContactsTab
from backoffice.ui.kit.formatting import money
from backoffice.ui.kit.header_fit import header_width
from backoffice.ui.kit.import_dialog import ImportDialog
from backoffice.ui.transfers.confirm import ConfirmTransferDialog, Recipient
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    offline_ctx,
    requests,
    show,
)
from tests.support.transfers_ui import ask, sent_to, shown_tab
from tests.support.waits import until

NEW_NUMBER = "0777123456"


def fcfa(amount: int) -> str:
    return money(amount, "XOF", "fr")


def available(sim) -> int:
    return int(sim.balances()["transfer"]["available"])


async def test_balance_next_to_the_amount_and_what_remains_in_the_confirmation(
        ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot)
    before = available(sim)
    await until(lambda: tab.balance_label.isVisible())
    assert tab.balance_label.text() == f"Disponible : {fcfa(before)}"
    assert "\u202f" in fcfa(before) or before < 1000  # grouped as the till writes money
    target = tab.contacts[0]
    tab.choose(target.prefix, target.phone)
    dialog = await ask(tab, qtbot, "5000")
    assert isinstance(dialog, ConfirmTransferDialog)
    assert dialog.remaining_label.text() == f"Il restera {fcfa(before - 5000)}"
    dialog.send_button.click()
    await until(lambda: len(sent_to(sim, target.phone)) == 1)
    # after the send, the balance shown is CinetPay's new one
    await until(lambda: tab.balance_label.text() == f"Disponible : {fcfa(before - 5000)}")


async def test_an_amount_above_the_balance_is_flagged_before_any_request(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot)
    await until(lambda: tab.available is not None)
    target = tab.contacts[0]
    tab.choose(target.prefix, target.phone)
    too_much = tab.available + 1000
    assert too_much <= 1_500_000  # within CinetPay's bounds: only the balance refuses it
    qtbot.keyClicks(tab.amount, str(too_much))
    flag = f"Au-dessus du solde disponible pour les transferts ({fcfa(tab.available)})"
    assert tab.errors.text("amount") == flag  # while typing, next to the field
    sends = requests(sim, "transfer.send")
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    assert tab.active_dialog is None and tab.errors.text("amount") == flag
    assert requests(sim, "transfer.send") == sends
    tab.amount.clear()
    qtbot.keyClicks(tab.amount, "1000")
    assert tab.errors.text("amount") == ""


async def test_offline_the_cached_balance_shows_its_age(creds, tmp_path, qapp, qtbot):
    async with offline_ctx(creds, tmp_path / "data") as ctx:
        await ctx.core.db.run(remember_known_contacts,
                              [KnownContact("225", "0701020304", "Koné", "Awa")])
        await ctx.core.db.run(cache_put, TRANSFER_KEY, {"available": 40_000})
        tab = await shown_tab(ctx, qtbot)
        await until(lambda: "hors ligne" in tab.balance_label.text())
        text = tab.balance_label.text()
        assert text.startswith(f"Disponible : {fcfa(40_000)} (hors ligne, au ")
        # the contact list could not be fetched: said as a read, the kept list still used
        await until(lambda: "Liste des contacts" in tab.hint.text())
        assert "(hors ligne)" in tab.hint.text() and "envoyé" not in tab.hint.text()
        tab.choose("225", "0701020304")
        dialog = await ask(tab, qtbot, "2500")
        assert dialog.remaining_label.text().startswith(
            f"Il restera {fcfa(37_500)} (d'après le solde au ")
        dialog.reject()


def labels(dialog) -> str:
    return " | ".join(label.text() for label in dialog.findChildren(QLabel))


async def test_batch_marks_a_number_that_is_no_contact_and_adds_it_first(
        ui_ctx, sim, qtbot, tmp_path):
    tab = await shown_tab(ui_ctx, qtbot)
    a = tab.contacts[0]
    path = tmp_path / "lot.csv"
    path.write_text("prefix,phone,amount\n"
                    f"{a.prefix},{a.phone},5000\n"
                    f"225,{NEW_NUMBER},3000\n", encoding="utf-8")
    ui_ctx.bridge.run(tab.import_batch(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    model = dialog.model
    check = model._keys.index("check")
    assert model.index(0, check).data() == "OK"
    assert model.index(1, check).data() == (
        "Pas un contact CinetPay : ce transfert serait refusé (724). Ajoutez-le d'abord")
    assert dialog.submit_button.text() == f"Envoyer 1 transfert : {fcfa(5000)}"
    button = dialog.add_missing_button
    assert button.isVisible() and button.text() == "Ajouter d'abord les contacts manquants (1)…"

    button.click()
    await until(lambda: isinstance(tab.active_dialog, ContactDialog))
    form: ContactDialog = tab.active_dialog
    assert form.phone.text() == NEW_NUMBER and form.country.currentData() == "225"
    form.name.setText("Traoré")
    form.surname.setText("Ali")
    form.ok_button.click()
    await until(lambda: model.index(1, check).data() == "OK")
    assert any(c["phone"] == NEW_NUMBER for c in sim.contacts())
    assert dialog.submit_button.text() == f"Envoyer 2 transferts : {fcfa(8000)}"
    assert not button.isVisible()

    dialog.submit_button.click()
    await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
    tab.active_dialog.send_button.click()
    await until(lambda: dialog.finished_sending)
    assert len(sent_to(sim, NEW_NUMBER)) == 1 and len(sent_to(sim, a.phone)) == 1
    assert requests(sim, "transfer.send") == 1


async def test_a_cancelled_addition_leaves_the_line_marked_and_unsent(
        ui_ctx, sim, qtbot, tmp_path):
    tab = await shown_tab(ui_ctx, qtbot)
    path = tmp_path / "lot.csv"
    path.write_text(f"prefix,phone,amount\n225,{NEW_NUMBER},3000\n", encoding="utf-8")
    ui_ctx.bridge.run(tab.import_batch(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    assert not dialog.submit_button.isEnabled()
    dialog.add_missing_button.click()
    await until(lambda: isinstance(tab.active_dialog, ContactDialog))
    tab.active_dialog.reject()
    await until(lambda: tab.active_dialog is dialog and dialog.add_missing_button.isEnabled())
    assert "724" in dialog.model.index(0, dialog.model._keys.index("check")).data()
    assert not dialog.submit_button.isEnabled()
    assert not any(c["phone"] == NEW_NUMBER for c in sim.contacts())
    dialog.close_button.click()
    await until(lambda: tab.active_dialog is None)
    assert sent_to(sim, NEW_NUMBER) == []


def assert_columns_fit(table) -> None:
    header = table.horizontalHeader()
    assert not header.stretchLastSection()
    for column in range(table.model().columnCount()):
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        width = table.columnWidth(column)
        assert width >= header.fontMetrics().horizontalAdvance(title), title
        assert width >= header_width(table, column), title
        assert width >= table.sizeHintForColumn(column), title


async def test_batch_result_columns_are_never_cut_off(ui_ctx, sim, qtbot, tmp_path):
    tab = await shown_tab(ui_ctx, qtbot)
    a = tab.contacts[0]
    path = tmp_path / "lot.csv"
    path.write_text("prefix,phone,amount\n"
                    f"{a.prefix},{a.phone},5000\n"
                    f"225,{NEW_NUMBER},3000\n"
                    "225,0102,3000\n", encoding="utf-8")
    ui_ctx.bridge.run(tab.import_batch(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    assert_columns_fit(dialog.table)
    dialog.submit_button.click()
    await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
    tab.active_dialog.send_button.click()
    await until(lambda: dialog.finished_sending)
    result = dialog.model._keys.index("result")
    assert dialog.model.index(0, result).data()  # a result was written
    assert_columns_fit(dialog.table)
    # the list of transfers sent: every title whole
    for column in range(tab.model.columnCount()):
        assert tab.table.columnWidth(column) >= header_width(tab.table, column)


def test_a_batch_above_the_balance_is_said_in_red(qapp):
    recipients = [Recipient("", "225", "0701020304", 30_000),
                  Recipient("", "225", "0501020304", 20_000)]
    dialog = ConfirmTransferDialog(recipients, "fr", None, available=45_000)
    label = dialog.remaining_label
    assert label.text() == f"Le total dépasse le solde disponible ({fcfa(45_000)})"
    assert "#b3261e" in label.styleSheet()
    dialog.deleteLater()
    unknown = ConfirmTransferDialog(recipients[:1], "fr", None)
    assert unknown.remaining_label is None  # no balance known: nothing claimed
    unknown.deleteLater()


async def test_contacts_screen_says_the_list_could_not_be_fetched_as_a_read(
        ui_ctx, sim, qtbot):
    sim.set_faults(kinds=["rate_limit_429"], paths=["/v1/transfer/contact"])
    tab = ContactsTab(ui_ctx)
    show(ui_ctx, tab)
    await until(lambda: "Liste des contacts" in tab.info.text())
    assert "pas encore récupérée (CinetPay demande de patienter)" in tab.info.text()
    assert "envoyé" not in tab.info.text() and "passée" not in tab.info.text()
    sim.clear_faults()
