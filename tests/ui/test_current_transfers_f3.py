"""Transferts on the current platform (sk_ keys): a CSV batch names each line's payment
method (a method column, "OM" read as the account's OM_CI), shown in the preview and sent as
given; the recipient field has no empty drop-down arrow; the available balance is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from backoffice.ui.kit.import_dialog import ImportDialog
from backoffice.ui.transfers.confirm import ConfirmTransferDialog
from backoffice.ui.transfers.tab import TransfersTab
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    requests,
    show,
)
from tests.support.transfers_ui import shown_tab
from tests.support.waits import until
from tests.ui.test_current_screens import current_ctx, sent  # noqa: F401 (fixture)


def arrow_width(combo) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxArrow, combo).width()


async def test_batch_with_a_method_column_sends_each_line_with_its_method(
        current_ctx, sim, qtbot, tmp_path):  # noqa: F811 (the shared fixture)
    tab = TransfersTab(current_ctx)
    show(current_ctx, tab)
    path = tmp_path / "lot.csv"
    path.write_text("prefix;phone;amount;moyen de paiement\n"
                    "225;0701020304;5000;OM\n"
                    "225;0501020304;3000;mtn_ci\n"
                    "225;0101020304;2000;\n", encoding="utf-8")
    current_ctx.bridge.run(tab.import_batch(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    model = dialog.model
    method, check = model._keys.index("method"), model._keys.index("check")
    assert model.headers()[method] == "Moyen de paiement"
    assert model.index(0, method).data() == "Orange Money"
    assert model.index(1, method).data() == "MTN Mobile Money"
    assert [model.index(r, check).data() for r in range(2)] == ["OK", "OK"]
    assert "Choisissez le moyen de paiement" in model.index(2, check).data()
    assert not hasattr(dialog, "add_missing_button")  # no contacts on this platform
    dialog.submit_button.click()
    await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
    tab.active_dialog.send_button.click()
    await until(lambda: dialog.finished_sending)
    methods = {t["phone"][-10:]: t["current"]["payment_method"] for t in sent(sim)}
    assert methods == {"0701020304": "OM_CI", "0501020304": "MTN_CI"}
    assert requests(sim, "current.transfer") == 2
    rows = await current_ctx.core.transfers.list()
    assert sorted(r.payment_method for r in rows) == ["MTN_CI", "OM_CI"]


async def test_recipient_field_has_no_empty_arrow_on_the_current_platform(
        current_ctx, sim, qtbot):  # noqa: F811 (the shared fixture)
    tab = TransfersTab(current_ctx)
    show(current_ctx, tab)
    await until(lambda: tab.balance_label.isVisible())  # the account's available balance
    assert tab.balance_label.text().startswith("Disponible : ")
    assert tab.contact.count() == 0 and arrow_width(tab.contact) == 0


async def test_classic_recipient_field_opens_a_list_with_its_arrow(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot)
    assert tab.contact.count() > 0 and arrow_width(tab.contact) > 0



async def window_for(ctx, qtbot):
    from backoffice.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    await until(lambda: window.status.last_sync is not None and not window._syncing,
                timeout=10)
    await ctx.bridge.wait_idle()
    return window


async def close(ctx, window) -> None:
    await ctx.bridge.shutdown()
    window.close()
    window.deleteLater()


async def test_no_contacts_tab_on_the_current_platform(current_ctx, qtbot):  # noqa: F811
    window = await window_for(current_ctx, qtbot)
    contacts = window.tabs.indexOf(window.contacts_tab)
    assert not window.tabs.isTabVisible(contacts)
    assert window.tabs.isTabVisible(window.tabs.indexOf(window.transfers_tab))
    window.go_to_tab(contacts)  # Alt+4: nothing to open, the tab stays where it was
    assert window.tabs.currentIndex() != contacts
    await close(current_ctx, window)


async def test_the_contacts_tab_is_there_for_classic_accounts(ui_ctx, qtbot):
    window = await window_for(ui_ctx, qtbot)
    contacts = window.tabs.indexOf(window.contacts_tab)
    assert window.tabs.isTabVisible(contacts)
    window.go_to_tab(contacts)
    assert window.tabs.currentIndex() == contacts
    await close(ui_ctx, window)
