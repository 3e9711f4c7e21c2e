"""The till's amount field refuses what it cannot represent and says why next to it: "12.50" in
a USD shop is not $1 250, a pasted "12 500,75" is not 1 250 075, "-5000" is not 5 000."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from backoffice.ui.checkout.tab import CheckoutTab
from backoffice.ui.kit.amount_edit import AmountEdit
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    settle_loop,
    show,
)


def field(qtbot, currency: str = "XOF", lang: str = "fr") -> tuple[AmountEdit, list]:
    edit = AmountEdit(currency, lang)
    qtbot.addWidget(edit)
    edit.show()
    refusals: list = []
    edit.refused.connect(refusals.append)
    return edit, refusals


def paste(qtbot, edit: AmountEdit, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_cents_typed_in_a_usd_shop_are_refused_not_multiplied(qtbot):
    edit, refusals = field(qtbot, "USD", "en")
    qtbot.keyClicks(edit, "12.50")
    assert edit.value() is None  # never 1250
    assert edit.text() == "$12.50"  # kept as typed: nothing dropped silently
    assert refusals and "whole dollars" in refusals[-1].en and refusals[-1].field == "amount"
    assert "cents" in edit.refusal.fr
    for _ in range(3):  # remove ".50": a whole amount again, formatted
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.refusal is None and edit.value() == 12 and edit.text() == "$12"


@pytest.mark.parametrize(("pasted", "why"), [
    ("12 500,75", "décimales"),
    ("-5000", "négatif"),
    ("1500.000", "ambigu"),
    ("12,500", "ambigu"),
    ("25x000", "Lettres"),
    ("\u0662\u0665\u0660\u0660\u0660", "0 à 9"),
])
def test_pasted_text_it_cannot_represent_is_refused_with_the_reason(qtbot, pasted, why):
    edit, refusals = field(qtbot)
    paste(qtbot, edit, pasted)
    assert edit.value() is None and edit.text() == pasted
    assert why in edit.refusal.fr and refusals[-1] is edit.refusal
    assert edit.refusal.en and edit.refusal.field == "amount"


@pytest.mark.parametrize("pasted", ["12 500", "12\u202f500", "12\u00a0500", "12.500",
                                    "12500,00", "12500.00", "12 500 F CFA", "12.500,00"])
def test_unambiguous_spellings_are_accepted(qtbot, pasted):
    edit, refusals = field(qtbot)
    paste(qtbot, edit, pasted)
    assert edit.value() == 12500 and edit.refusal is None and not refusals
    assert edit.text() == "12\u202f500\u00a0F\u202fCFA"


def test_a_minus_sign_typed_first_is_not_dropped(qtbot):
    edit, _ = field(qtbot)
    qtbot.keyClicks(edit, "-5000")
    assert edit.value() is None and edit.text() == "-5000" and "moins" in edit.refusal.fr


def test_a_keystroke_beyond_the_maximum_is_undone_with_the_reason(qtbot):
    edit, refusals = field(qtbot)
    qtbot.keyClicks(edit, "100000000")  # 100 000 000 F CFA: the maximum of one payment
    assert edit.value() == 100_000_000
    qtbot.keyClicks(edit, "0")
    assert edit.value() == 100_000_000 and "maximum" in refusals[-1].fr
    paste(qtbot, edit, "100000000000000000000")  # no overflow, no traceback
    assert edit.value() == 100_000_000


async def test_the_checkout_form_shows_the_reason_and_sends_nothing(ui_ctx, sim, qtbot):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await settle_loop(ui_ctx)
    before = len(sim.request_log())
    qtbot.keyClicks(tab.amount, "12500,75")
    assert "décimales" in tab.errors.text("amount")  # next to the field, as it is typed
    assert tab.amount.property("invalid") is True
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)  # Enter keeps the reason, sends nothing
    await settle_loop(ui_ctx)
    assert "décimales" in tab.errors.text("amount")
    assert len(sim.request_log()) == before and tab.current is None
    assert await ui_ctx.core.links.list_all() == []
    qtbot.keyClick(tab.amount, Qt.Key.Key_End)
    for _ in range(3):
        qtbot.keyClick(tab.amount, Qt.Key.Key_Backspace)
    assert tab.amount.value() == 12500 and tab.errors.text("amount") == ""
    window.close()
