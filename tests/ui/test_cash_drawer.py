"""Espèces at the till (F4): keyboard only, a cash sale is F4, the amount, Enter; a pay-out or
a float needs a reason; the day's cash shows in the dialog; nothing is ever recorded twice
nor without the right to."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from backoffice.ui.cash import CashDialog
from backoffice.ui.main_window import MainWindow
from tests.support.waits import until

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture
async def window(ui_ctx, qtbot):
    win = MainWindow()
    win.show_workspace(ui_ctx, background_sync=False)
    win.show()
    win.activateWindow()
    await ui_ctx.bridge.wait_idle()
    yield win
    await ui_ctx.bridge.shutdown()
    win.close()
    win.deleteLater()


async def movements(ctx):
    return await ctx.core.cash.movements(*EVER)


async def press_f4(window, qtbot) -> CashDialog:
    window.activateWindow()  # offscreen: no window manager gives it back after the dialog
    await until(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    dialog = window.cash_dialog
    await until(lambda: dialog.isActiveWindow() and dialog.totals is not None)
    return dialog


async def test_f4_amount_enter_records_a_cash_sale_and_shows_the_days_cash(
        window, ui_ctx, qtbot):
    dialog = await press_f4(window, qtbot)
    assert dialog.kind == "sale" and dialog.amount.hasFocus()
    assert dialog.isModal() and "Espèces aujourd'hui : 0" in dialog.today_label.text()
    qtbot.keyClicks(dialog.amount, "12500")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    await until(lambda: not dialog.isVisible())
    [row] = await movements(ui_ctx)
    assert (row.kind, row.amount, row.description) == ("sale", 12500, "")
    assert ui_ctx.messages.text == "Vente espèces enregistrée : 12\u202f500\u00a0F\u202fCFA"

    dialog = await press_f4(window, qtbot)  # the same dialog, fresh for the next sale
    assert dialog.amount.text() == "" and dialog.amount.hasFocus()
    assert "Espèces aujourd'hui : 12\u202f500\u00a0F\u202fCFA" in dialog.today_label.text()
    assert "attendu en caisse : 12\u202f500" in dialog.today_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    await until(lambda: not dialog.isVisible())
    assert len(await movements(ui_ctx)) == 1


async def test_pay_out_needs_a_reason_then_is_recorded_and_counted(window, ui_ctx, qtbot):
    await ui_ctx.core.cash.sale(20000)
    dialog = await press_f4(window, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.kind == "payout" and "Motif" in dialog.text_label.text()
    qtbot.keyClicks(dialog.amount, "1500")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    await until(lambda: dialog.errors.text("reason") != "")
    assert "motif" in dialog.errors.text("reason").lower() and dialog.isVisible()
    assert len(await movements(ui_ctx)) == 1  # nothing written
    qtbot.keyClicks(dialog.text, "Achat de sachets")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    await until(lambda: not dialog.isVisible())
    rows = await movements(ui_ctx)
    assert [(r.kind, r.amount, r.description) for r in rows][-1] == (
        "payout", 1500, "Achat de sachets")
    assert ui_ctx.messages.text.startswith("Sortie d'espèces enregistrée")
    dialog = await press_f4(window, qtbot)
    assert dialog.kind == "sale"  # F4 always starts on a sale
    assert "attendu en caisse : 18\u202f500" in dialog.today_label.text()


async def test_float_with_alt_a_and_an_empty_amount_is_refused(window, ui_ctx, qtbot):
    dialog = await press_f4(window, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.kind == "float"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.errors.text("amount") == "Saisissez le montant"
    qtbot.keyClicks(dialog.amount, "10000")
    qtbot.keyClicks(dialog.text, "Fond de caisse")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    await until(lambda: not dialog.isVisible())
    [row] = await movements(ui_ctx)
    assert (row.kind, row.amount, row.description) == ("float", 10000, "Fond de caisse")


async def test_a_double_enter_records_the_sale_once(window, ui_ctx, qtbot):
    dialog = await press_f4(window, qtbot)
    qtbot.keyClicks(dialog.amount, "5000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # before the first one is journaled
    dialog.submit()
    await until(lambda: not dialog.isVisible())
    await ui_ctx.bridge.wait_idle()
    assert [r.amount for r in await movements(ui_ctx)] == [5000]


async def test_once_cashiers_exist_nobody_signed_in_records_nothing(window, ui_ctx, qtbot):
    def add_cashier(db):
        with db.transaction() as conn:
            conn.execute("INSERT INTO cashiers (cashier_id, name, role, created_at) "
                         "VALUES ('c-awa', 'Awa', 'cashier', '2026-01-01T08:00:00.000Z')")
    await ui_ctx.core.db.run(add_cashier)
    dialog = await press_f4(window, qtbot)
    qtbot.keyClicks(dialog.amount, "2500")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    await until(lambda: dialog.problem.isVisible())
    assert dialog.problem.text() and dialog.isVisible()
    assert await movements(ui_ctx) == []


async def test_the_dialog_speaks_english(ui_ctx, qapp):
    from backoffice.ui.i18n import install_translators

    install_translators(qapp, "en")
    ui_ctx.prefs.set_lang("en")
    dialog = CashDialog(ui_ctx)
    try:
        dialog.start()
        await until(lambda: dialog.totals is not None)
        assert dialog.today_label.text() == "Cash today: 0\u00a0F\u202fCFA · expected in the " \
                                            "drawer: 0\u00a0F\u202fCFA"
        assert dialog.text_label.text() == "Description (optional)"
        dialog.set_kind("float")
        assert dialog.save_button.text() == "Record the cash in"
    finally:
        dialog.reject()
        dialog.deleteLater()
        install_translators(qapp, "fr")
