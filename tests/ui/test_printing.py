"""Printing in the desktop app: Réglages → Imprimante (fields, errors, test page with what is
typed), the print notice ("Réimprimer" after a printer in trouble) and the history's
"Imprimer le reçu", against a loopback raw-TCP ESC/POS printer."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QWidget

from backoffice.services.receipts import ReceiptSettings
from backoffice.store.history import HistoryRow
from backoffice.ui.history.detail import HistoryDetail
from backoffice.ui.print_notice import PrintNotice
from backoffice.ui.settings.printer import PrinterPage
from tests.support.fake_printer import FakePrinter, refused_port
from tests.support.waits import until


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


async def test_printer_page_checks_saves_and_applies(ui_ctx, qtbot, monkeypatch):
    monkeypatch.delenv("COMPTOIR_PRINTER", raising=False)
    page = PrinterPage(ui_ctx)
    qtbot.addWidget(page)
    page.load(ui_ctx.prefs)
    assert page.printer_uri.text() == "" and page.codepage.currentData() == "CP858"
    page.printer_uri.setText("ftp://imprimante")
    errors = page.validate()
    assert "tcp://" in errors["printer"]
    page.printer_uri.setText("tcp://192.168.1.50:9100")
    page.width_box.setCurrentIndex(page.width_box.findData(58))
    page.codepage.setCurrentIndex(page.codepage.findData("CP1252"))
    page.auto_receipt.setChecked(True)
    assert page.validate() == {} and page.save(ui_ctx.prefs)
    ui_ctx.save_prefs()
    applied = ui_ctx.core.receipts.settings
    assert (applied.printer, applied.width, applied.codepage) == (
        "tcp://192.168.1.50:9100", 58, "CP1252")
    assert applied.auto_receipt and not applied.auto_slip


async def test_test_page_uses_what_is_typed(ui_ctx, qtbot, printer):
    page = PrinterPage(ui_ctx)
    qtbot.addWidget(page)
    page.load(ui_ctx.prefs)
    page.printer_uri.setText(printer.uri)  # typed, not saved
    page.codepage.setCurrentIndex(page.codepage.findData("CP1252"))
    page.test_button.click()
    await until(lambda: bool(printer.jobs))
    assert b"\x1bt\x10" in printer.jobs[0] and "é è à ç".encode("cp1252") in printer.jobs[0]
    await until(lambda: "Page de test imprimée" in ui_ctx.messages.text)
    assert ui_ctx.prefs.printer == ""  # nothing saved


async def test_a_printer_in_trouble_shows_the_reason_and_reprints(ui_ctx, qtbot, printer):
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(900, 600)
    host.show()
    notice = PrintNotice(ui_ctx, host)
    receipts = ui_ctx.core.receipts
    receipts.configure(ReceiptSettings(printer=f"tcp://127.0.0.1:{refused_port()}",
                                       timeout=1.0))
    row = await ui_ctx.core.links.create(17500)
    job = await receipts.print_slip(row.transaction_id)
    assert not job.ok
    assert notice.isVisible() and "refuse la connexion" in notice.label.text()
    receipts.configure(ReceiptSettings(printer=printer.uri, timeout=1.0))  # fixed
    notice.reprint_button.click()
    await until(lambda: bool(printer.jobs))
    assert row.payment_url.encode() in printer.jobs[0]
    await until(lambda: "imprimé" in ui_ctx.messages.text)
    assert not notice.isVisible()


async def test_history_detail_prints_the_receipt_of_a_paid_link(ui_ctx, qtbot, sim, printer):
    ui_ctx.core.receipts.configure(ReceiptSettings(printer=printer.uri, timeout=1.0))
    row = await ui_ctx.core.links.create(17500)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412")
    await ui_ctx.core.links.refresh(row.transaction_id)
    detail = HistoryDetail(ui_ctx)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_row(HistoryRow(transaction_id=row.transaction_id, amount=Decimal(17500),
                               currency="XOF", status="ACCEPTED", operator="OM",
                               paid_at=datetime(2026, 3, 2, 9, 0)))
    assert detail.print_button.isVisible() and detail.print_button.text() == "Imprimer le reçu"
    detail.print_button.click()
    await until(lambda: bool(printer.jobs))
    assert "PAYÉ".encode("cp858") in printer.jobs[0]
    await until(lambda: detail.print_button.text() == "Réimprimer le reçu (DUPLICATA)")
    detail.show_row(HistoryRow(transaction_id="X", amount=Decimal(5), currency="XOF",
                               status="REFUSED"))
    assert not detail.print_button.isVisible()
