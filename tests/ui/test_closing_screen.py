"""The Clôture screen against the simulator: a day closed with a late payment and a cash
difference shows both (with what to do), the versions of the day, a PDF and a print of the same
report; a counted cash the screen cannot read is refused next to the field and nothing is
asked; English at display time."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from backoffice.reports.closing_words import signed_money
from backoffice.services.closing_report import (
    Action,
    AnomalyKind,
    action_text,
    kind_text,
)
from backoffice.ui.closing.tab import ClosingTab
from backoffice.ui.i18n import install_translators
from backoffice.ui.kit.formatting import money
from tests.support.till import gui_thread_cleanup, show  # noqa: F401


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path) -> str:
    return flat(" ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture
async def screen(ui_ctx):
    tab = ClosingTab(ui_ctx)
    show(ui_ctx, tab)
    tab.reload()
    await ui_ctx.bridge.wait_idle()
    yield tab
    await ui_ctx.bridge.wait_idle()


async def late_payment_and_cash(core, sim) -> str:
    """A link paid at CinetPay that the till never checked, and 10 000 of cash sales."""
    row = await core.links.create(17_500, "Pagne")
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM")
    await core.cash.sale(10_000, "Pain")
    return row.transaction_id


async def close(tab, ctx, counted: str) -> None:
    tab.counted_edit.setText(counted)
    tab.close_button.click()
    assert tab.progress.isVisibleTo(tab)  # shown at once, while CinetPay is asked
    await ctx.bridge.wait_idle()
    assert not tab.progress.isVisibleTo(tab)


async def test_a_day_with_a_late_payment_and_a_cash_difference(screen, ui_ctx, sim, tmp_path):
    tx = await late_payment_and_cash(ui_ctx.core, sim)
    await close(screen, ui_ctx, "9 500")
    report = screen.report
    assert report is not None and report.version == 1 and not report.provisional
    late = [a for a in report.anomalies if a.kind is AnomalyKind.LATE_PAYMENT]
    assert [a.transaction_id for a in late] == [tx]
    # the cash difference, the key figures
    assert screen.difference_card.amount.text() == signed_money(-500, "XOF", "fr")
    assert "Manquant" in screen.difference_card.detail.text()
    assert screen.expected_card.amount.text() == money(10_000, "XOF", "fr")
    assert screen.paid_card.amount.text() == money(17_500, "XOF", "fr")
    assert screen.anomalies_card.amount.text() == str(len(report.anomalies))
    # the report on screen: the totals, the anomaly and what to do about it
    shown = flat(screen.preview.toPlainText())
    assert tx in shown and kind_text(AnomalyKind.LATE_PAYMENT, "fr") in shown
    assert flat(action_text(Action.CHECK_GOODS_GIVEN, "fr")) in shown
    assert flat(money(17_500, "XOF", "fr")) in shown
    assert "Journée clôturée (version 1)" in ui_ctx.messages.text
    assert screen.provisional.isHidden()
    # a second closing is a new version; both are listed, the newest chosen
    await close(screen, ui_ctx, "10 000")
    assert screen.report.version == 2
    assert screen.versions_list.count() == 2
    assert screen.versions_list.currentItem().text().startswith("v2 ·")
    assert screen.difference_card.amount.text() == signed_money(0, "XOF", "fr")
    assert "Caisse juste" in screen.difference_card.detail.text()
    # the late payment stays late in version 2 (the till learned it at the first closing)
    assert [a.transaction_id for a in screen.report.anomalies
            if a.kind is AnomalyKind.LATE_PAYMENT] == [tx]
    screen.versions_list.setCurrentRow(1)  # the older version, shown again
    assert screen.report.version == 1
    assert screen.difference_card.amount.text() == signed_money(-500, "XOF", "fr")
    # saved as PDF and printed: the same report
    saved = await screen.save_pdf(tmp_path / "cloture.pdf")
    text = pdf_text(saved)
    assert tx in text and kind_text(AnomalyKind.LATE_PAYMENT, "fr") in text
    assert flat(signed_money(-500, "XOF", "fr")) in text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert screen.print_to(printer)
    assert tx in pdf_text(tmp_path / "printed.pdf")


async def test_bad_counted_cash_is_refused_next_to_the_field(screen, ui_ctx, sim):
    await late_payment_and_cash(ui_ctx.core, sim)
    asked = len(sim.request_log())
    screen.counted_edit.setText("12,50")
    screen.close_button.click()
    await ui_ctx.bridge.wait_idle()
    assert screen.counted_error.isVisibleTo(screen) and screen.counted_error.text()
    assert screen.counted_edit.property("invalid") is True
    assert screen.report is None and ui_ctx.bridge.busy == 0
    assert len(sim.request_log()) == asked  # nothing asked of CinetPay
    assert await ui_ctx.core.closing.list(screen.day) == []  # nothing written
    # letters: refused as typed, then a good amount clears the line and closes
    screen.counted_edit.setText("")
    screen.counted_edit.textEdited.emit("mille")
    screen.counted_edit.setText("mille")
    screen._check_counted()
    assert screen.counted_error.isVisibleTo(screen)
    await close(screen, ui_ctx, "10000")
    screen._check_counted()
    assert not screen.counted_error.isVisibleTo(screen)
    assert screen.report is not None and screen.report.cash.counted == 10_000


async def test_empty_counted_cash_closes_without_a_count(screen, ui_ctx, sim):
    await ui_ctx.core.cash.sale(2_000)
    await close(screen, ui_ctx, "")
    assert screen.report.cash.counted is None
    assert screen.difference_card.amount.text() == "non compté"


async def test_unreachable_cinetpay_gives_a_provisional_closing(screen, ui_ctx, sim, creds):
    from tests.support.clients import offline_client

    await late_payment_and_cash(ui_ctx.core, sim)
    await ui_ctx.core.api.aclose()
    ui_ctx.core.api = offline_client(creds)
    await close(screen, ui_ctx, "10 000")
    assert screen.report is not None and screen.report.provisional
    assert screen.provisional.isVisibleTo(screen)
    assert "PROVISOIRE" in screen.provisional.text()
    assert "provisoire" in screen.versions_list.currentItem().text()
    assert "CLÔTURE PROVISOIRE" in flat(screen.preview.toPlainText())


async def test_english_at_display_time(ui_ctx, sim, qapp):
    install_translators(qapp, "en")
    ui_ctx.prefs.lang = "en"
    try:
        tab = ClosingTab(ui_ctx)
        show(ui_ctx, tab)
        tx = await late_payment_and_cash(ui_ctx.core, sim)
        await close(tab, ui_ctx, "9 500")
        assert tab.close_button.text() == "Close the day"
        assert tab.title() == "Closing"
        assert tab.difference_card.amount.text() == signed_money(-500, "XOF", "en")
        shown = flat(tab.preview.toPlainText())
        assert tx in shown and kind_text(AnomalyKind.LATE_PAYMENT, "en") in shown
        assert "Espèces" not in shown
    finally:
        install_translators(qapp, "fr")
        await ui_ctx.bridge.wait_idle()


async def test_print_opens_the_dialog_without_blocking_and_cancel_prints_nothing(
        screen, ui_ctx, sim):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication

    from tests.support.waits import until

    await close(screen, ui_ctx, "")
    screen.print_button.click()
    found: list[QPrintDialog] = []

    def dialog_open() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QPrintDialog) and w.isVisible()]
        return bool(found)

    await until(dialog_open)  # the loop kept running while the dialog is up
    assert not screen.print_button.isEnabled()
    found[0].reject()
    await ui_ctx.bridge.wait_idle()
    assert screen.print_button.isEnabled()
