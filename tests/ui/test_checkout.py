"""Encaisser: amount + Enter → a link at CinetPay and its QR; status checked on demand and by
a bounded auto-check; customer window; save / print; offline and lost answers."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from backoffice.store.links import LinkRow
from backoffice.store.states import State
from backoffice.ui.checkout import panel
from backoffice.ui.checkout.links_model import LinksModel
from backoffice.ui.checkout.status_checker import StatusChecker
from backoffice.ui.checkout.tab import CheckoutTab
from backoffice.ui.kit import bridge
from backoffice.ui.kit.amount_edit import AmountEdit, parse_amount_text
from tests.support.checkout_ui import create
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    offline_ctx,
    requests,
    settle_loop,
    show,
)
from tests.support.waits import until

FR_17500 = "17\u202f500\u00a0F\u202fCFA"


@pytest.fixture
def fast_checks(monkeypatch):
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 0.05),))


@pytest.fixture
def slow_checks(monkeypatch):  # no automatic check during the test
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 600.0),))


# --- the amount field -----------------------------------------------------------------------


def test_amount_is_written_as_locally_while_typing_and_parsed_back_exactly(qtbot):
    edit = AmountEdit("XOF", "fr")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "17500")
    assert edit.text() == FR_17500 and edit.value() == 17500
    assert edit.cursorPosition() == len("17\u202f500")  # after the last digit
    qtbot.keyClick(edit, Qt.Key.Key_End)  # never into the symbol
    assert edit.cursorPosition() == len("17\u202f500")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.value() == 1750 and edit.text() == "1\u202f750\u00a0F\u202fCFA"
    edit.setCursorPosition(2)  # just after the group space: backspace removes the "1"
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.value() == 750
    edit.clear()
    qtbot.keyClicks(edit, "abc25x000")  # issue 11: letters are refused, not dropped
    assert edit.value() is None and "Lettres" in edit.refusal.fr
    edit.clear()
    qtbot.keyClicks(edit, "25000")
    assert edit.value() == 25000
    english = AmountEdit("XOF", "en")
    qtbot.addWidget(english)
    english.set_value(1_250_000)
    assert english.text() == "1,250,000\u00a0F\u202fCFA" and english.value() == 1_250_000
    assert parse_amount_text("25 000,00") == 25000 and parse_amount_text("") is None
    assert parse_amount_text("25.000") == 25000


# --- create ---------------------------------------------------------------------------------


async def test_amount_and_enter_create_the_link_and_show_its_qr(ui_ctx, sim, qtbot, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    tab.start_new_link()
    qtbot.keyClicks(tab.amount, "17500")
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    assert not tab.form_box.isEnabled()  # at once, while the request runs
    await until(lambda: tab.current is not None)
    row = tab.current
    assert row.state is State.SENT and row.amount == 17500
    [payment] = [p for p in sim.payments() if p["transaction_id"] == row.transaction_id]
    assert payment["amount"] == 17500 and payment["description"] == "Vente comptoir"
    # the QR: large, black on white with its quiet zone, the simulator's checkout page
    assert row.payment_url.startswith(sim.base_url + "/checkout/")
    assert tab.qr.url == row.payment_url
    pixmap = tab.qr.pixmap()
    assert pixmap.width() >= 300 and pixmap.height() >= 300
    image = pixmap.toImage()
    assert image.pixelColor(2, 2).name() == "#ffffff"  # quiet zone
    assert any(image.pixelColor(x, x).name() == "#000000" for x in range(image.width()))
    assert tab.amount_label.text() == FR_17500
    assert tab.banner.text() == "En attente" and tab.banner.outcome == "pending"
    assert tab.url_label.text() == row.payment_url
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == row.payment_url
    # ready for the next customer
    assert tab.amount.text() == "" and tab.form_box.isEnabled()
    await until(lambda: tab.model.rowCount() == 1)
    assert tab.model.rows[0].transaction_id == row.transaction_id
    assert "1 lien, 0 payé," in tab.today_label.text()
    assert tab.today_label.text().startswith("Aujourd'hui")
    window.close()


async def test_invalid_amount_is_refused_next_to_the_field_and_nothing_is_sent(
        ui_ctx, sim, qtbot):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await settle_loop(ui_ctx)
    before = len(sim.request_log())
    qtbot.keyClicks(tab.amount, "17502")
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    await settle_loop(ui_ctx)
    assert "multiple de 5" in tab.errors.text("amount")
    assert tab.amount.property("invalid") is True
    assert len(sim.request_log()) == before and tab.current is None
    assert await ui_ctx.core.links.list_all() == []
    qtbot.keyClick(tab.amount, Qt.Key.Key_Backspace)  # editing clears the message
    assert tab.errors.text("amount") == ""
    tab.amount.clear()
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    assert tab.errors.text("amount") == "Saisissez le montant à encaisser"
    tab.amount.set_value(5000)
    tab.description.setText("Pain & lait")
    tab.submit()
    assert "Caractères interdits" in tab.errors.text("description")
    assert len(sim.request_log()) == before
    window.close()


async def test_card_payment_asks_for_the_customer_fields_then_sends_them(ui_ctx, sim, qtbot,
                                                                           slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await settle_loop(ui_ctx)
    before = requests(sim, "checkout.init")
    tab.channels.setCurrentIndex(tab.channels.findData("CREDIT_CARD"))
    assert tab.customer_box.isVisible()
    tab.amount.set_value(10000)
    tab.submit()
    assert tab.errors.text("customer_name") == "Obligatoire pour le paiement par carte"
    assert tab.errors.text("customer_zip_code")
    assert requests(sim, "checkout.init") == before
    values = {"name": "Kouassi", "surname": "Aya", "phone_number": "0701020304",
              "email": "aya@exemple.ci", "address": "Rue 12", "city": "Abidjan",
              "country": "ci", "state": "AB", "zip_code": "00225"}
    for name, value in values.items():
        qtbot.keyClicks(tab.customer[name], value)
    assert tab.customer["country"].text() == "CI"
    tab.customer["email"].setText("pas-un-email")
    tab.submit()
    assert tab.errors.text("customer_email") == "Adresse e-mail invalide"
    tab.customer["email"].setText("aya@exemple.ci")
    qtbot.keyClick(tab.customer["city"], Qt.Key.Key_Return)
    await until(lambda: tab.current is not None)
    [payment] = [p for p in sim.payments() if p["transaction_id"] == tab.current.transaction_id]
    assert payment["channels"] == "CREDIT_CARD"
    assert payment["customer"]["customer_name"] == "Kouassi"
    assert payment["customer"]["customer_country"] == "CI"
    assert all(edit.text() == "" for edit in tab.customer.values())  # next customer
    window.close()


# --- status ---------------------------------------------------------------------------------


async def test_verify_after_payment_turns_the_view_green(ui_ctx, sim, qtbot, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    tab.verify_button.click()
    await until(lambda: tab.banner.text() == "PAYÉ")
    assert tab.banner.outcome == "paid" and "#1e7b34" in tab.banner.styleSheet()
    assert "#e3f4e6" in tab.panel.styleSheet()  # the whole view is green
    assert "Orange Money" in tab.detail_label.text()
    assert not tab.checker.active and not tab.verify_button.isEnabled()
    assert "Paiement reçu" in ui_ctx.messages.text
    await until(lambda: tab.model.rowCount() == 1 and tab.model.rows[0].payment_status
                == "ACCEPTED")
    index = tab.model.index(0, LinksModel.columns.index("status"))
    assert index.data() == "PAYÉ"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#1e7b34"
    window.close()


async def test_refused_payment_is_red_with_the_reason(ui_ctx, sim, qtbot, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot, "3000")
    sim.settle(row.transaction_id, outcome="REFUSED", code="602")
    tab.verify_current()
    await until(lambda: tab.banner.outcome == "refused")
    assert tab.banner.text() == "Refusé" and "#b3261e" in tab.banner.styleSheet()
    assert tab.detail_label.text() == "Solde du client insuffisant"
    assert "#fdecea" in tab.panel.styleSheet()
    window.close()


async def test_bounded_auto_check_reaches_paid_without_clicking(ui_ctx, sim, qtbot,
                                                                fast_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    assert tab.checker.active and tab.checker.transaction_id == row.transaction_id
    await until(lambda: tab.checker.count >= 1)
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    await until(lambda: tab.banner.text() == "PAYÉ")
    assert not tab.checker.active  # final: no more checks
    checks = requests(sim, "checkout.check")
    await settle_loop(ui_ctx)
    assert requests(sim, "checkout.check") == checks
    window.close()


async def test_auto_check_is_bounded_and_follows_only_the_link_shown(ui_ctx, sim, qtbot,
                                                                     monkeypatch):
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 0.02),))
    monkeypatch.setattr(StatusChecker, "MAX_CHECKS", 3)
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    first = await create(tab, qtbot, "1000")
    await until(lambda: not tab.checker.active)
    assert tab.checker.count == 3 and tab.banner.outcome == "pending"
    assert requests(sim, "checkout.check") == 3
    second = await create(tab, qtbot, "2000")
    assert tab.checker.transaction_id == second.transaction_id != first.transaction_id
    window.close()  # the window closes: no more checks
    assert not tab.checker.active


async def test_customer_window_mirrors_the_status(ui_ctx, sim, qtbot, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    tab.customer_button.click()
    customer = tab.customer_window
    assert customer is not None and customer.isVisible() and customer.isWindow()
    assert "Comptoir" in customer.windowTitle()
    assert customer.amount.text() == FR_17500
    assert customer.qr.url == row.payment_url and customer.qr.pixmap().width() >= 300
    assert customer.heading.text() == "Scannez le code pour payer"
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    tab.verify_current()
    await until(lambda: customer.banner.text() == "Paiement reçu")
    assert customer.presentation.outcome == "paid" and not customer.qr.isVisible()
    customer.escape()
    assert not customer.isVisible()
    window.close()


# --- save and print -----------------------------------------------------------------------


async def test_save_png_and_svg(ui_ctx, qtbot, tmp_path, monkeypatch, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    png = tab.panel.save_qr_to(tmp_path / "qr.png")
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 300 and image.width() == image.height()
    assert image.pixelColor(1, 1).name() == "#ffffff"
    svg = tab.panel.save_qr_to(tmp_path / "qr.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "QR code enregistré" in ui_ctx.messages.text

    async def chosen(*_args, **_kwargs):
        return tmp_path / "from-dialog.png"

    monkeypatch.setattr(panel, "ask_save_path", chosen)
    tab.save_button.click()
    await until(lambda: (tmp_path / "from-dialog.png").exists())
    assert row.transaction_id in tab.caption_label.text()
    window.close()


async def test_print_renders_the_qr_to_a_pdf(ui_ctx, qtbot, tmp_path, monkeypatch, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await create(tab, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "direct.pdf"))
    assert tab.panel.print_to(printer)
    data = (tmp_path / "direct.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000

    async def accept_to_pdf(dialog):  # the print dialog, answered as a user would
        assert isinstance(dialog, QPrintDialog)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "dialog.pdf"))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(bridge, "open_dialog", accept_to_pdf)
    tab.print_button.click()
    await until(lambda: (tmp_path / "dialog.pdf").exists())
    await settle_loop(ui_ctx)
    assert (tmp_path / "dialog.pdf").read_bytes().startswith(b"%PDF")
    window.close()


# --- trouble --------------------------------------------------------------------------------


async def test_offline_link_says_so_and_nothing_is_queued(creds, tmp_path, qapp, qtbot):
    async with offline_ctx(creds, tmp_path / "data") as ctx:
        tab = CheckoutTab(ctx)
        window = show(ctx, tab)
        qtbot.keyClicks(tab.amount, "5000")
        qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
        await until(lambda: "injoignable" in ctx.messages.text)
        assert "Rien n'a été envoyé" in ctx.messages.text and ctx.messages.kind == "error"
        assert tab.current is None and tab.amount.value() == 5000  # Enter tries again
        [row] = await ctx.core.links.list_all()
        assert row.state is State.FAILED
        assert (await ctx.core.unconfirmed()).total == 0
        await until(lambda: tab.form_box.isEnabled())
        window.close()


async def test_lost_answer_says_so_calmly_then_asks_for_a_new_link(ui_ctx, sim, qtbot,
                                                                  fast_checks):
    # the answer of the creation AND the first check are lost: uncertain
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=2, paths=["/v2/payment"])
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    qtbot.keyClicks(tab.amount, "2500")
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    await until(lambda: tab.current is not None, timeout=8)
    assert tab.current.state is State.UNCERTAIN
    assert tab.banner.text() == "Réponse perdue : vérification en cours"
    assert tab.qr.url == "" and not tab.copy_button.isEnabled()
    assert "Réponse perdue" in ui_ctx.messages.text
    # the auto-check finds the link at CinetPay, but its address was lost with the answer
    await until(lambda: tab.banner.outcome == "nourl", timeout=8)
    assert "créez un nouveau lien" in tab.detail_label.text()
    assert not tab.checker.active and tab.qr.url == ""
    assert requests(sim, "checkout.init") == 1  # never created twice
    window.close()


async def test_verify_all_pending_and_reshow_from_the_list(ui_ctx, sim, qtbot, slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    first = await create(tab, qtbot, "1000")
    second = await create(tab, qtbot, "2000")
    sim.settle(first.transaction_id, outcome="ACCEPTED")
    tab.refresh()  # F5
    await until(lambda: "1 payé," in ui_ctx.messages.text)
    assert "2 paiements vérifiés" in ui_ctx.messages.text
    await until(lambda: tab.model.rowCount() == 2 and tab.model.rows[1].payment_status
                == "ACCEPTED")
    assert tab.current.transaction_id == second.transaction_id
    tab.table.selectRow(1)  # newest first: the first link is below
    tab.show_button.click()
    assert tab.current.transaction_id == first.transaction_id
    assert tab.banner.text() == "PAYÉ" and tab.qr.url == first.payment_url
    window.close()


async def test_f2_puts_the_focus_in_the_amount_ready_to_type_over(ui_ctx, qtbot):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await until(window.isActiveWindow)
    tab.amount.set_value(4000)
    tab.description.setFocus()
    tab.start_new_link()
    assert QApplication.focusWidget() is tab.amount
    assert tab.amount.selectedText() == tab.amount.text()
    window.close()


# --- the table model -------------------------------------------------------------------------


def link(tid: str, status: str | None = "PENDING", state: State = State.SENT,
         amount: int = 1000) -> LinkRow:
    now = datetime.now(UTC)
    code = "627" if status == "REFUSED" else "00"
    return LinkRow(tid, now, now, amount, "XOF", "Vente", {}, state, status, code, "",
                   "tok", f"https://pay/{tid}", "OM", "0701020304", 1, None, None, None)


def test_links_model_passes_the_model_tester(qtmodeltester, qapp):
    model = LinksModel("fr")
    model.set_rows([link("B"), link("A", "ACCEPTED", State.FINAL),
                    link("C", "REFUSED", State.FINAL), link("D", None, State.UNCERTAIN)])
    qtmodeltester.check(model, force_py=True)
    model.set_rows([link("E"), link("B", "ACCEPTED", State.FINAL), *model.rows[1:]])  # insert
    assert [r.transaction_id for r in model.rows] == ["E", "B", "A", "C", "D"]
    assert model.index(1, 2).data() == "PAYÉ"
    assert model.index(3, 2).data() == "Refusé (Paiement annulé)"
    qtmodeltester.check(model, force_py=True)


async def test_teardown_detaches_from_the_session(ui_ctx, qtbot, fast_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await create(tab, qtbot)
    assert tab.checker.active
    tab.teardown()  # the main window drops the session (restart, new credentials)
    assert not tab.checker.active
    rows = tab.model.rowCount()
    await ui_ctx.core.links.create(1000)  # events no longer reach the tab
    await settle_loop(ui_ctx)
    assert tab.model.rowCount() == rows
    window.close()
