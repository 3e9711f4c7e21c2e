"""Transferts: a confirmation showing exactly what is sent, the manager PIN (a wrong PIN sends
nothing, the right one sends exactly one transfer), CSV batches with per-line results, the
list's statuses and colours, offline queueing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from backoffice.api import Contact
from backoffice.output.csvfiles import parse_transfers
from backoffice.services.outcomes import TransferOutcome
from backoffice.store.contacts import KnownContact, remember_known_contacts
from backoffice.store.states import State
from backoffice.store.transfers import TransferRow
from backoffice.ui.kit.import_dialog import ImportDialog
from backoffice.ui.kit.import_model import ImportLinesModel
from backoffice.ui.transfers.confirm import ConfirmTransferDialog
from backoffice.ui.transfers.model import TransfersModel
from backoffice.ui.transfers.wording import KIND_COLOURS
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    offline_ctx,
    requests,
)
from tests.support.transfers_ui import ask, sent_to, shown_tab
from tests.support.waits import until

FR_5000 = "5\u202f000\u00a0F\u202fCFA"
XOF_5000 = "5\u202f000\u00a0XOF"  # the confirmation: Transfer API amounts are XOF
STATUS = TransfersModel.columns.index("status")


@pytest.fixture
def pin(ui_ctx):
    ui_ctx.pin.set("4321")  # training mode: the PIN service's in-memory keyring
    return "4321"


def texts(dialog) -> str:
    return " | ".join(label.text() for label in dialog.findChildren(QLabel))


async def test_confirmation_shows_what_is_sent_and_a_wrong_pin_sends_nothing(
        ui_ctx, sim, qtbot, pin):
    tab = await shown_tab(ui_ctx, qtbot)
    target = tab.contacts[0]
    tab.choose(target.prefix, target.phone)
    before = len(sim.transfers())
    dialog = await ask(tab, qtbot)
    shown = texts(dialog)
    assert XOF_5000 in shown and f"+{target.prefix} {target.phone}" in shown
    assert f"{target.surname} {target.name}" in shown
    assert dialog.pin is not None
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    await until(lambda: not dialog.pin_error.isHidden())
    assert dialog.pin_error.text() == "Code gérant incorrect : essai 1 sur 3"
    assert dialog.isVisible() and dialog.pin.text() == ""
    assert len(sim.transfers()) == before
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels
    await until(lambda: "rien n'a été envoyé" in ui_ctx.messages.text)
    assert len(sim.transfers()) == before and await ui_ctx.core.transfers.list() == []

    # three wrong PINs: closed, nothing sent, a clear message
    dialog = await ask(tab, qtbot, "")
    for _ in range(3):
        await until(lambda d=dialog: d.pin.isEnabled())
        dialog.pin.setText("9999")
        dialog.accept()
    await until(lambda: "Code gérant incorrect" in ui_ctx.messages.text)
    assert dialog.pin_refused and len(sim.transfers()) == before
    assert requests(sim, "transfer.send") == 0


async def test_right_pin_sends_exactly_one_transfer(ui_ctx, sim, qtbot, pin):
    tab = await shown_tab(ui_ctx, qtbot)
    target = tab.contacts[1]
    tab.choose(target.prefix, target.phone)
    dialog = await ask(tab, qtbot, "12500")
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    await until(lambda: "envoyé" in ui_ctx.messages.text)
    assert len(sent_to(sim, target.phone)) == 1
    [sent] = sent_to(sim, target.phone)
    assert sent["amount"] == 12500 and sent["prefix"] == target.prefix
    assert requests(sim, "transfer.send") == 1
    assert tab.amount.text() == ""  # nothing to send twice by pressing Enter again
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    assert tab.errors.text("amount") == "Saisissez le montant à envoyer"
    await until(lambda: tab.model.rowCount() == 1)
    index = tab.model.index(0, STATUS)
    assert index.data() == "En attente de traitement"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == \
        KIND_COLOURS[TransferOutcome.IN_PROGRESS]
    assert tab.model.index(0, 1).data() == f"{target.surname} {target.name}"


async def test_without_a_pin_the_confirmation_is_enough(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot)
    target = tab.contacts[2]
    tab.choose(target.prefix, target.phone)
    dialog = await ask(tab, qtbot, "1000")
    assert dialog.pin is None
    dialog.send_button.click()
    await until(lambda: len(sent_to(sim, target.phone)) == 1)


async def test_fields_are_checked_before_anything(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot)
    before = len(sim.request_log())
    tab.amount.set_value(5000)
    tab.send_clicked()
    assert tab.errors.text("contact") == "Choisissez le destinataire"
    tab.contact.setEditText("Personne Inconnue")
    tab.send_clicked()
    assert tab.errors.text("contact") == "Choisissez un contact dans la liste"
    target = tab.contacts[0]
    tab.choose(target.prefix, target.phone)
    tab.amount.set_value(150)
    tab.send_clicked()
    assert "de 200 à 1 500 000" in tab.errors.text("amount")
    assert tab.active_dialog is None and len(sim.request_log()) == before


async def test_batch_csv_preview_then_per_line_results_in_one_request(
        ui_ctx, sim, qtbot, tmp_path, pin):
    tab = await shown_tab(ui_ctx, qtbot)
    a, b = tab.contacts[0], tab.contacts[1]
    path = tmp_path / "lot.csv"
    path.write_text("prefix,phone,amount\n"
                    f"{a.prefix},{a.phone},5000\n"
                    "225,0102,3000\n"
                    f"{b.prefix},{b.phone},\"12 500\"\n"
                    f"{a.prefix},{a.phone},100\n", encoding="utf-8")
    ui_ctx.bridge.run(tab.import_batch(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    model = dialog.model
    check, result = model._keys.index("check"), model._keys.index("result")
    assert model.index(0, check).data() == "OK" and model.index(2, check).data() == "OK"
    assert "Numéro de téléphone invalide" in model.index(1, check).data()
    assert "de 200 à 1 500 000" in model.index(3, check).data()
    assert dialog.submit_button.text() == "Envoyer 2 transferts : 17\u202f500\u00a0F\u202fCFA"
    assert requests(sim, "transfer.send") == 0
    dialog.submit_button.click()
    await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
    confirm = tab.active_dialog
    assert "17\u202f500\u00a0XOF" in texts(confirm) and "2 transferts" in texts(confirm)
    confirm.pin.setText(pin)
    confirm.accept()
    await until(lambda: dialog.finished_sending)
    assert [model.index(r, result).data() for r in range(4)] == [
        "Envoyé : en attente de traitement", "Non envoyée",
        "Envoyé : en attente de traitement", "Non envoyée"]
    assert requests(sim, "transfer.send") == 1  # the good lines, in one request
    assert len(sent_to(sim, a.phone)) == 1 and len(sent_to(sim, b.phone)) == 1
    assert "2 envoyés" in dialog.status.text() and "2 lignes en erreur" in \
        dialog.status.text()
    dialog.close_button.click()
    await until(lambda: tab.active_dialog is None)


async def test_list_follows_statuses_with_colours(ui_ctx, sim, qtbot):
    await ui_ctx.core.contacts.add(Contact("225", "0700000099", "Test", "Rejet"))
    tab = await shown_tab(ui_ctx, qtbot)
    await until(lambda: len(tab.contacts) == len(sim.contacts()))
    good = next(c for c in tab.contacts if not c.phone.endswith("99"))
    for contact, amount in ((good, "5000"), (None, "1000")):
        if contact is None:
            tab.choose("225", "0700000099")
        else:
            tab.choose(contact.prefix, contact.phone)
        dialog = await ask(tab, qtbot, amount)
        dialog.send_button.click()
        await until(lambda: tab.active_dialog is None and tab.send_button.isEnabled())
    await until(lambda: tab.model.rowCount() == 2)
    sim.advance(120)
    tab.refresh()  # F5
    await until(lambda: {tab.model.index(r, STATUS).data() for r in range(2)}
                == {"Effectué", "Rejeté"})
    for r in range(2):
        index = tab.model.index(r, STATUS)
        colour = index.data(Qt.ItemDataRole.ForegroundRole).color()
        expected = KIND_COLOURS[TransferOutcome.DONE] if index.data() == "Effectué" else \
            KIND_COLOURS[TransferOutcome.REJECTED]
        assert colour == expected
    done, rejected = KIND_COLOURS[TransferOutcome.DONE], KIND_COLOURS[TransferOutcome.REJECTED]
    assert done.green() > done.red()
    assert rejected.red() > rejected.green()
    await until(lambda: "dont 1 effectué." in ui_ctx.messages.text)


async def test_offline_transfer_is_queued_and_labelled(creds, tmp_path, qapp, qtbot):
    async with offline_ctx(creds, tmp_path / "data") as ctx:
        await ctx.core.db.run(remember_known_contacts,
                              [KnownContact("225", "0701020304", "Koné", "Awa")])
        tab = await shown_tab(ctx, qtbot)
        tab.choose("225", "0701020304")
        dialog = await ask(tab, qtbot, "2000")
        dialog.send_button.click()
        await until(lambda: "file d'attente" in ctx.messages.text)
        assert "une seule fois" in ctx.messages.text
        await until(lambda: tab.model.rowCount() == 1)
        assert tab.model.rows[0].state is State.QUEUED
        assert tab.model.index(0, STATUS).data() == "En file d'attente (pas encore envoyé)"


# --- models ----------------------------------------------------------------------------------


def transfer(cid: str, state: State, treatment: str | None) -> TransferRow:
    now = datetime.now(UTC)
    return TransferRow(cid, now, now, None, "225", "0701020304", 5000, None, state, None, None,
                       treatment, None, "refusé" if state is State.FAILED else None, 1, None,
                       None)


def test_transfer_models_pass_the_model_tester(qtmodeltester, qapp):
    model = TransfersModel("fr")
    model.set_names({("225", "0701020304"): "Awa Koné"})
    rows = [transfer("A", State.SENT, "NEW"), transfer("B", State.FINAL, "VAL"),
            transfer("C", State.FINAL, "REJ"), transfer("D", State.QUEUED, None),
            transfer("E", State.UNCERTAIN, None), transfer("F", State.FAILED, None)]
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    labels = [model.index(r, STATUS).data() for r in range(6)]
    assert labels == ["En attente de traitement", "Effectué", "Rejeté",
                      "En file d'attente (pas encore envoyé)",
                      "Incertain : vérification, jamais renvoyé", "Échec"]
    model.set_rows([transfer("B", State.FINAL, "VAL"), *rows[1:]])  # reset path
    qtmodeltester.check(model, force_py=True)
    raw = b"prefix;phone;amount\n225;0701020304;5000\n225;1;x\n"
    preview = ImportLinesModel("transfers", parse_transfers(raw), "fr")
    qtmodeltester.check(preview, force_py=True)
    assert preview.index(0, 3).data() == FR_5000
