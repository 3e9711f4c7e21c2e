"""Who is at the till (ui/cashier/): the F9 switch with key presses, a wrong PIN refused, the
idle lock (a short delay), the tabs a cashier may not open; a shop without cashiers unchanged.
PINs: training mode's in-memory keyring (ui_ctx.pin)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backoffice.ui.main_window import MainWindow
from tests.support.waits import until


async def _staff(ctx) -> None:
    cashiers = ctx.core.cashiers
    await cashiers.add("Koffi", "manager", "5678")
    await cashiers.sign_in("Koffi", "5678")
    await cashiers.add("Awa", "cashier", "1234")
    cashiers.sign_out()


@pytest.fixture
async def window(ui_ctx, qtbot):
    win = MainWindow(ui_ctx)
    win.show()
    win.activateWindow()
    yield win
    await ui_ctx.bridge.shutdown()
    win.close()
    win.deleteLater()


async def _type_in(qtbot, desk, name: str, pin: str) -> None:
    panel = desk.panel
    qtbot.keyClicks(panel.name, name)
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.pin, pin)
    qtbot.keyClick(panel.pin, Qt.Key.Key_Return)


async def test_a_shop_without_cashiers_is_unchanged(ui_ctx, window, qtbot):
    desk = window.cashier_desk
    await ui_ctx.bridge.wait_idle()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert not desk.panel.isVisible() and not desk.label.isVisible()
    assert all(window.tabs.isTabEnabled(i) for i in range(window.tabs.count()))
    window.go_to_tab(window.tabs.indexOf(window.transfers_tab))
    assert window.tabs.currentWidget() is window.transfers_tab


async def test_f9_switch_wrong_pin_then_a_cashier_who_cannot_open_transfers(ui_ctx, qtbot):
    await _staff(ui_ctx)
    win = MainWindow(ui_ctx)
    win.show()
    desk = win.cashier_desk
    try:
        await until(lambda: desk.panel.isVisible())  # the till opens locked
        assert not win.tabs.isEnabled() and desk.panel.locked
        qtbot.keyClick(desk.panel, Qt.Key.Key_Escape)
        assert desk.panel.isVisible()  # nobody at the till: Esc does not close it
        await _type_in(qtbot, desk, "awa", "0000")
        await until(lambda: desk.panel.error.text() != "")
        assert "incorrect" in desk.panel.error.text()
        assert ui_ctx.core.context.cashier is None and desk.panel.isVisible()
        assert desk.panel.pin.text() == ""

        desk.panel.name.clear()
        await _type_in(qtbot, desk, "awa", "1234")
        await until(lambda: not desk.panel.isVisible())
        assert ui_ctx.core.context.cashier.name == "Awa"
        assert "Awa" in desk.label.text() and win.tabs.isEnabled()
        for tab in (win.transfers_tab, win.contacts_tab, win.settings_tab):
            assert not win.tabs.isTabEnabled(win.tabs.indexOf(tab))
            win.go_to_tab(win.tabs.indexOf(tab))
            assert win.tabs.currentWidget() is not tab
        assert win.tabs.isTabEnabled(win.tabs.indexOf(win.checkout_tab))

        qtbot.keyClick(win, Qt.Key.Key_F9)  # the manager takes the till
        assert desk.panel.isVisible() and not desk.panel.locked
        await _type_in(qtbot, desk, "Koffi", "5678")
        await until(lambda: not desk.panel.isVisible())
        win.go_to_tab(win.tabs.indexOf(win.transfers_tab))
        assert win.tabs.currentWidget() is win.transfers_tab
        qtbot.keyClick(win, Qt.Key.Key_F9)
        qtbot.keyClick(desk.panel, Qt.Key.Key_Escape)  # someone is at the till: Esc closes
        assert not desk.panel.isVisible() and ui_ctx.core.context.cashier.name == "Koffi"
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()


async def test_idle_lock_after_a_short_delay(ui_ctx, qtbot):
    await _staff(ui_ctx)
    await ui_ctx.core.cashiers.sign_in("Awa", "1234")
    win = MainWindow(ui_ctx)
    win.show()
    desk = win.cashier_desk
    try:
        await ui_ctx.bridge.wait_idle()
        assert not desk.panel.isVisible() and desk.idle.isActive()  # 10 min by default
        desk.idle_ms = 80  # a short delay for the test
        desk._update()
        await until(lambda: desk.panel.isVisible())
        assert ui_ctx.core.context.cashier is None and desk.panel.locked
        assert not win.tabs.isEnabled()
        assert "inactivité" in desk.panel.reason.text()
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()


async def test_idle_lock_never_with_zero(ui_ctx, qtbot):
    ui_ctx.prefs.idle_lock_minutes = 0
    await _staff(ui_ctx)
    await ui_ctx.core.cashiers.sign_in("Awa", "1234")
    win = MainWindow(ui_ctx)
    win.show()
    try:
        await ui_ctx.bridge.wait_idle()
        assert not win.cashier_desk.idle.isActive()
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()


async def test_reglages_caissiers_adds_the_first_manager_then_the_till_asks_who(ui_ctx, qtbot):
    win = MainWindow(ui_ctx)
    win.show()
    desk, page = win.cashier_desk, win.settings_tab.cashiers_page
    try:
        await ui_ctx.bridge.wait_idle()
        assert page.role.currentData() == "manager" and not page.manager_code.isVisibleTo(page)
        page.role.setCurrentIndex(page.role.findData("cashier"))
        qtbot.keyClicks(page.name, "Awa")
        qtbot.keyClicks(page.pin, "1234")
        page.add_button.click()
        await until(lambda: page.status.text() != "")
        assert "gérant" in page.status.text() and page.list.count() == 0  # first: a manager
        page.role.setCurrentIndex(page.role.findData("manager"))
        qtbot.keyClicks(page.pin, "5678")
        page.add_button.click()
        await until(lambda: page.list.count() == 1)
        assert "Koffi" not in page.list.item(0).text() and "Awa" in page.list.item(0).text()
        await until(lambda: desk.panel.isVisible())  # now the till asks who is at it
        assert desk.panel.locked and not win.tabs.isEnabled()
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()


async def test_the_code_gerant_is_asked_for_the_first_cashier(ui_ctx, qtbot):
    ui_ctx.pin.set("2468")  # training mode: the in-memory keyring
    win = MainWindow(ui_ctx)
    win.show()
    page = win.settings_tab.cashiers_page
    try:
        await until(lambda: page.manager_code.isVisibleTo(page))
        qtbot.keyClicks(page.name, "Awa")
        page.role.setCurrentIndex(page.role.findData("cashier"))
        qtbot.keyClicks(page.pin, "1234")
        qtbot.keyClicks(page.manager_code, "2468")
        page.add_button.click()
        await until(lambda: page.list.count() == 2)
        names = sorted(page.list.item(i).text() for i in range(2))
        assert names[0].startswith("Awa") and names[1].startswith("Gérant")
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()


async def test_a_signed_in_manager_opens_reglages_without_the_code_gerant(ui_ctx, qtbot):
    from backoffice.ui.settings.tab import CONTENT

    ui_ctx.pin.set("2468")
    cashiers = ui_ctx.core.cashiers
    await cashiers.add("Awa", "cashier", "1234", manager_code="2468")  # + Gérant
    await cashiers.sign_in("Gérant", "2468")
    await cashiers.add("Koffi", "manager", "5678")
    await cashiers.sign_in("Koffi", "5678")
    win = MainWindow(ui_ctx)
    win.show()
    try:
        await ui_ctx.bridge.wait_idle()
        win.go_to_tab(win.tabs.indexOf(win.settings_tab))
        await ui_ctx.bridge.wait_idle()
        assert win.settings_tab.stack.currentIndex() == CONTENT
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()


async def test_keys_restart_the_idle_delay_and_are_watched_only_while_it_runs(ui_ctx, qtbot):
    import asyncio

    win = MainWindow(ui_ctx)
    win.show()
    desk = win.cashier_desk
    try:
        await ui_ctx.bridge.wait_idle()
        assert not desk.idle.isActive() and not desk._watching  # no cashiers: nothing watched
        await _staff(ui_ctx)
        await ui_ctx.core.cashiers.sign_in("Awa", "1234")
        desk.idle_ms = 3000
        desk._update()
        assert desk.idle.isActive() and desk._watching
        await asyncio.sleep(0.4)
        before = desk.idle.remainingTime()
        qtbot.keyClick(win.tabs.currentWidget(), Qt.Key.Key_A)  # a key anywhere in the app
        assert desk.idle.remainingTime() > before  # the delay started again
        desk.lock()
        assert desk.panel.isVisible() and not desk.idle.isActive() and not desk._watching
    finally:
        await ui_ctx.bridge.shutdown()
        win.close()
        win.deleteLater()
