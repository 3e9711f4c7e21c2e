"""Transferts, guarded: what looks like money already sent needs an explicit tick; the PIN
lockout lives in the keyring (reopening the dialog does not reset it); an unreadable PIN blocks
money-out before any dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from backoffice.keyring import CredentialStore
from backoffice.pin import FREE_TRIES, PinGuard
from backoffice.ui.kit.import_dialog import ImportDialog
from backoffice.ui.transfers.confirm import ConfirmTransferDialog
from harness.memory_keyring import MemoryKeyring
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    requests,
)
from tests.support.transfers_ui import ask, sent_to, shown_tab
from tests.support.waits import until


def duplicate_text(dialog: ConfirmTransferDialog) -> str:
    labels = [w for w in dialog.findChildren(QLabel) if w.objectName() == "duplicate"]
    return labels[0].text() if labels else ""


async def test_same_amount_to_the_same_contact_needs_an_explicit_tick(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot)
    target = tab.contacts[0]
    tab.choose(target.prefix, target.phone)
    first = await ask(tab, qtbot, "4000")
    assert first.again is None and duplicate_text(first) == ""
    first.send_button.click()
    await until(lambda: len(sent_to(sim, target.phone)) == 1 and tab.active_dialog is None)
    await until(lambda: tab.send_button.isEnabled())

    tab.choose(target.prefix, target.phone)
    second = await ask(tab, qtbot, "4000")
    assert "moins de 15 minutes" in duplicate_text(second)
    assert second.again is not None and not second.send_button.isEnabled()
    second.accept()  # Enter without the tick: nothing happens
    assert second.isVisible() and len(sent_to(sim, target.phone)) == 1
    second.again.setChecked(True)
    assert second.send_button.isEnabled()
    second.send_button.click()
    await until(lambda: len(sent_to(sim, target.phone)) == 2)


async def test_same_csv_again_and_repeated_lines_need_the_tick(ui_ctx, sim, qtbot, tmp_path):
    tab = await shown_tab(ui_ctx, qtbot)
    a, b = tab.contacts[0], tab.contacts[1]
    path = tmp_path / "lot.csv"
    path.write_text(f"prefix,phone,amount\n{a.prefix},{a.phone},1000\n"
                    f"{b.prefix},{b.phone},2000\n", encoding="utf-8")

    async def submit() -> tuple[ImportDialog, ConfirmTransferDialog]:
        ui_ctx.bridge.run(tab.import_batch(path))
        await until(lambda: isinstance(tab.active_dialog, ImportDialog))
        dialog = tab.active_dialog
        dialog.submit_button.click()
        await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
        return dialog, tab.active_dialog

    dialog, confirm = await submit()
    assert confirm.again is None
    confirm.accept()
    await until(lambda: dialog.finished_sending)
    dialog.close_button.click()
    await until(lambda: tab.active_dialog is None)
    assert requests(sim, "transfer.send") == 1

    dialog, confirm = await submit()  # the same file again
    assert "déjà été envoyé" in duplicate_text(confirm) and not confirm.send_button.isEnabled()
    confirm.reject()
    await until(lambda: "rien n'a été envoyé" in ui_ctx.messages.text.lower())
    await until(lambda: tab.active_dialog is dialog)
    dialog.close_button.click()
    await until(lambda: tab.active_dialog is None)
    assert requests(sim, "transfer.send") == 1

    path.write_text(f"prefix,phone,amount\n{a.prefix},{a.phone},700\n"
                    f"{a.prefix},{a.phone},700\n", encoding="utf-8")
    dialog, confirm = await submit()
    assert "Lignes identiques dans le fichier : 2, 3" in duplicate_text(confirm)
    confirm.again.setChecked(True)
    confirm.accept()
    await until(lambda: dialog.finished_sending)
    assert requests(sim, "transfer.send") == 2


async def test_lockout_survives_reopening_the_dialog(ui_ctx, sim, qtbot):
    ui_ctx.pin.set("4321")
    tab = await shown_tab(ui_ctx, qtbot)
    target = tab.contacts[0]
    tries = 0
    while tries < FREE_TRIES:
        tab.choose(target.prefix, target.phone)
        dialog = await ask(tab, qtbot, "" if tries else "5000")
        for _ in range(min(3, FREE_TRIES - tries)):
            await until(lambda d=dialog: d.pin.isEnabled())
            dialog.pin.setText("9999")
            dialog.accept()
            tries += 1
        await until(lambda d=dialog: tab.active_dialog is not d or d.pin.isEnabled())  # checked
        if tab.active_dialog is dialog:
            dialog.reject()
        await until(lambda: tab.active_dialog is None and tab.send_button.isEnabled())
    await until(lambda: "Trop de codes erronés" in ui_ctx.messages.text)
    # A fresh dialog, the right PIN: still locked out, nothing sent.
    tab.choose(target.prefix, target.phone)
    dialog = await ask(tab, qtbot, "")
    dialog.pin.setText("4321")
    dialog.accept()
    await until(lambda: tab.active_dialog is None)
    assert dialog.pin_refused and "réessayez dans" in dialog.pin_message
    assert requests(sim, "transfer.send") == 0


async def test_unreadable_pin_blocks_money_out_before_any_dialog(ui_ctx, sim, qtbot, tmp_path):
    class Locked(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("keyring locked")

    ui_ctx.pin_guard = PinGuard(ui_ctx.data_dir, store=CredentialStore(backend=Locked(store={})))
    tab = await shown_tab(ui_ctx, qtbot)
    target = tab.contacts[0]
    tab.choose(target.prefix, target.phone)
    tab.amount.setText("5000")
    tab.send_clicked()
    await until(lambda: "ne peut pas être vérifié" in ui_ctx.messages.text)
    assert tab.active_dialog is None and requests(sim, "transfer.send") == 0
